// @barrier-lab/engine: parse → lower → explore → judge → explain.
// The one public entry of the package; every export carries its contract.
export type { Diagnostic, Span } from './syntax/diagnostic.ts';
export { LineIndex } from './syntax/line-index.ts';
export type { LitmusAst } from './syntax/ast.ts';
export { parseLitmus, type ParseResult } from './syntax/parse-litmus.ts';
export { lower, type LowerResult } from './program/lower.ts';
export type { Program } from './program/program.ts';
export { primitiveNames } from './program/primitives.ts';
export { modelFor } from './models/catalog.ts';
export { modelNames, type Model, type ModelName } from './models/model.ts';
export { defaultBudget, type Budget, type BudgetName } from './explore/explore.ts';
export { judge, type JudgeOptions } from './verdict/judge.ts';
export { formatHerdOutput } from './verdict/herd-output.ts';
export type { Verdict, FinalStateSummary, Witness, WitnessEvent, Observation } from './verdict/verdict.ts';
export { runLitmus, type RunOptions, type RunResult } from './run-litmus.ts';
export { exportLitmus, type ExportOptions, type ExportResult } from './export-litmus.ts';
export { kernelBuiltins, kernelConstants, type FlushFlavour, type KernelBuiltin } from './program/kernel-objects.ts';
