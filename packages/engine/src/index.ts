// @barrier-lab/engine: what a caller of the pipeline needs. Parse a litmus
// test, lower it to a program, run it under a model (budgets included), read
// the verdict, print it as herd7 does, export kernel-C as plain herd7 C.
// Explanations are in `@barrier-lab/engine/explain`, step mode in
// `@barrier-lab/engine/step`.
//
// Inside, the folders follow the data and import only from earlier ones:
// budget → syntax → hash → program → execution → models → explore → verdict → run
// → explain → step (tools/boundaries enforces it).
export type { Diagnostic, Span } from './syntax/diagnostic.ts';
export type { LitmusAst, Expr, Stmt, ThreadDecl, Param, InitItem, FinalCondition, Prop } from './syntax/ast.ts';
export { parseLitmus, type ParseResult, type ParseOptions } from './syntax/parse-litmus.ts';
export { visitThread, type ThreadVisitor } from './syntax/visit.ts';
export { sourceSlicer } from './syntax/source-slicer.ts';
export { lower, type LowerResult, type LowerOptions } from './program/lower.ts';
export type { Program } from './program/program.ts';
export { valueDomain, type ValueDomain } from './program/value-domain.ts';
export { primitiveNames } from './program/primitives.ts';
export { kernelArchs, kernelBuiltins, kernelConstants, type FlushFlavour, type KernelArch, type KernelBuiltin } from './program/kernel-objects.ts';
export { kernelArchFor, modelFor } from './models/catalog.ts';
export { modelNames, type Model, type ModelName } from './models/model.ts';
export { defaultBudget, describeBudgetReport, type Budget, type BudgetName, type BudgetReport, type Phase, type ReachedFigures } from './budget/budget.ts';
export type { Clock, CancelSignal } from './budget/meter.ts';
export type { Verdict, FinalStateSummary, Witness, WitnessEvent, Observation, StateEntry } from './verdict/verdict.ts';
export { herdHash, type HerdHash } from './hash/herd-hash.ts';
export { md5, md5OfText, toHex } from './hash/md5.ts';
export { formatHerdOutput, type HerdOutputOptions } from './verdict/herd-output.ts';
export { runProgram, type RunProgramOptions } from './run/run-program.ts';
export { runLitmus, type RunOptions, type RunResult } from './run/run-litmus.ts';
export { exportLitmus, type ExportOptions, type ExportResult } from './run/export-litmus.ts';
