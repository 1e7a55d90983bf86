// @barrier-lab/engine/explain: why a verdict is what it is. The execution
// graph of a witness, the per-CPU timeline, the cheapest repair and the
// pairing it forms, why a forbidden outcome is forbidden, and the barrier
// vocabulary and costs repairs and grading are priced in.
export { explain, type ExplainOptions, type Explanation } from './explain/explain.ts';
export { executionGraph, type ExecutionGraph, type GraphNode, type GraphEdge, type GraphEdgeKind } from './explain/execution-graph.ts';
export { graphToDot, type DotOptions } from './explain/graph-dot.ts';
export { graphToSvg, type SvgOptions } from './explain/graph-svg.ts';
export { buildTimeline, formatTimeline, type Timeline, type TimelineStep, type TimelineNote, type TimelineNoteKind, type ReadSource } from './explain/timeline.ts';
export { findRepair, type Repair, type RepairOptions, type RepairStep, type RepairPairing } from './explain/repair.ts';
export {
  defaultCosts, costKinds, barrierKinds, orderingKinds, barrierStatements, orderedAccesses, flushingCalls, costKindOf, callCost,
  type CostTable, type RepairKind, type OrderedAccess,
} from './explain/barrier-vocabulary.ts';
export { candidateEdits, reductionEdits, applyEdits, type RepairEdit, type BarrierEdit } from './explain/repair-edits.ts';
export { valueNames, nameValue, nameStateEntries, type ValueNames, type ValueName } from './explain/value-names.ts';
export { whyForbidden, type WhyForbidden, type WhyForbiddenOptions } from './explain/why-forbidden.ts';
export { counterexamples, smallestCounterexample, type Counterexample } from './explain/counterexamples.ts';
