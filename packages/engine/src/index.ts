// @barrier-lab/engine: parse → lower → explore → judge → explain.
// The one public entry of the package; every export carries its contract.
export type { Diagnostic, Span } from './syntax/diagnostic.ts';
export { LineIndex } from './syntax/line-index.ts';
export type { LitmusAst, Expr, Stmt, ThreadDecl, Param, InitItem, FinalCondition, Prop } from './syntax/ast.ts';
export { parseLitmus, type ParseResult, type ParseOptions } from './syntax/parse-litmus.ts';
export { visitThread, visitProp, type ThreadVisitor } from './syntax/visit.ts';
export { lower, type LowerResult } from './program/lower.ts';
export type { Program } from './program/program.ts';
export { valueDomain, type ValueDomain } from './program/value-domain.ts';
export { primitiveNames } from './program/primitives.ts';
export { kernelArchFor, modelFor } from './models/catalog.ts';
export { modelNames, type Model, type ModelName } from './models/model.ts';
export { defaultBudget, describeBudgetReport, phaseDescriptions, type Budget, type BudgetName, type BudgetReport, type Phase, type ReachedFigures } from './budget/budget.ts';
export type { Clock, CancelSignal } from './budget/meter.ts';
export { judge, sourceSlicer, type JudgeOptions } from './verdict/judge.ts';
export { formatHerdOutput } from './verdict/herd-output.ts';
export type { Verdict, FinalStateSummary, Witness, WitnessEvent, Observation, StateEntry } from './verdict/verdict.ts';
export { runLitmus, type RunOptions, type RunResult } from './run-litmus.ts';
export { exportLitmus, type ExportOptions, type ExportResult } from './export-litmus.ts';
export { kernelArchs, kernelBuiltins, kernelConstants, type FlushFlavour, type KernelArch, type KernelBuiltin } from './program/kernel-objects.ts';
export * as stepMode from './step/step-api.ts';
export type {
  StepState, StepChoice, StoreRef, StepOption, CpuChoices, CpuView, TakenStep, EventView, MemoryCell, StepOptions,
  StepExploration, StepOutcome, StepStartFailure, StepTokenError, ReplayResult,
} from './step/step-types.ts';
export { explain, type ExplainOptions, type Explanation } from './explain/explain.ts';
export { executionGraph, eventLabel, graphEdgeKinds, type ExecutionGraph, type GraphNode, type GraphEdge, type GraphEdgeKind } from './explain/execution-graph.ts';
export { graphToDot, edgeStyles, type DotOptions } from './explain/graph-dot.ts';
export { graphToSvg, type SvgOptions } from './explain/graph-svg.ts';
export { buildTimeline, formatTimeline, type Timeline, type TimelineStep, type TimelineNote, type TimelineNoteKind, type ReadSource } from './explain/timeline.ts';
export { findRepair, showsBadOutcome, type Repair, type RepairOptions, type RepairStep, type RepairPairing } from './explain/repair.ts';
export {
  defaultCosts, costKinds, barrierKinds, orderingKinds, barrierStatements, orderedAccesses, flushingCalls, costKindOf, callCost, weakerBarriers,
  type CostTable, type RepairKind, type OrderedAccess,
} from './explain/barrier-vocabulary.ts';
export { candidateEdits, reductionEdits, applyEdits, type RepairEdit, type BarrierEdit } from './explain/repair-edits.ts';
export { valueNames, nameValue, nameStateEntries, type ValueNames, type ValueName } from './explain/value-names.ts';
export { whyForbidden, type WhyForbidden, type WhyForbiddenOptions } from './explain/why-forbidden.ts';
export { counterexamples, smallestCounterexample, type Counterexample } from './explain/counterexamples.ts';
export { communicationCycle, type CommunicationCycle, type CycleEdge, type CycleSegment, type SegmentOrdering, type ShapeName } from './explain/communication-cycle.ts';
