// The playground's messages to the check worker (the same worker as the
// workbench's: check-worker.ts serves both). Plain JSON both ways. A run
// keeps its verdict in the worker, so browsing executions and asking for the
// repair send an index or nothing, never the source again.
import type { Budget, BudgetReport, Diagnostic, StateEntry, Verdict, Witness } from '@barrier-lab/engine';
import type { ExecutionGraph, Explanation, Repair, Timeline } from '@barrier-lab/engine/explain';
import type { FlushFlavour, ModelName } from '../workbench/exercise-view.ts';

/** Run a litmus test or kernel-C program under one model: the verdict, its states, the smallest counterexample (or why the outcome is impossible), and every execution kept for browsing. */
export interface RunRequest {
  readonly type: 'run';
  readonly id: number;
  readonly source: string;
  readonly model: ModelName;
  /** How TLB flushes behave; absent: as the test says (`// @flush`), else IPI. */
  readonly flush?: FlushFlavour;
  /** Limits narrower (or wider) than the engine's defaults. */
  readonly budget?: Partial<Budget>;
}

/** The diagnostics of `source` (parse and lower, no exploration): the editor's markers as one types. */
export interface DiagnoseRequest {
  readonly type: 'diagnose';
  readonly id: number;
  readonly source: string;
  readonly model: ModelName;
}

/** One execution of the last run, by its number in `RunResponse.executions`. */
export interface ExecutionRequest {
  readonly type: 'execution';
  readonly id: number;
  readonly index: number;
}

/** The cheapest repair of the last run's bad outcome. */
export interface RepairRequest {
  readonly type: 'repair';
  readonly id: number;
}

/** Every playground request. */
export type PlaygroundRequest = RunRequest | DiagnoseRequest | ExecutionRequest | RepairRequest;

/** A verdict as the page shows it: without its witnesses, which stay in the worker. */
export type VerdictSummary = Omit<Verdict, 'witnesses' | 'executions'>;

/** One kept execution, in the list the page browses. */
export interface ExecutionListing {
  /** Its final state: an index into `VerdictSummary.states`. */
  readonly state: number;
  /** Whether it shows the bad outcome (the condition's proposition holds, or for `forall` fails). */
  readonly bad: boolean;
}

/** What a run found. */
export interface RunResponse {
  readonly type: 'run';
  readonly id: number;
  /** Errors and warnings; any error means no verdict. */
  readonly diagnostics: readonly Diagnostic[];
  readonly verdict?: VerdictSummary;
  /** The limits the run had (the engine's defaults, with the request's changes). */
  readonly budget: Budget;
  /** Set when a limit stopped the run before it had a verdict (while it was reading the test): which, and where. */
  readonly inconclusive?: BudgetReport;
  /** The flush flavour the run used (the request's, the test's `// @flush`, or IPI), when the test has TLB flushes. */
  readonly flush?: FlushFlavour;
  /** The smallest counterexample's timeline and graph, or why the outcome is forbidden (no repair: ask for it apart). */
  readonly explanation?: Explanation;
  /** The explanation's graph as SVG, ids unique to the playground. */
  readonly graphSvg?: string;
  /** Every consistent execution, at most `executionLimit` of them (the verdict's counts say how many there are). */
  readonly executions: readonly ExecutionListing[];
  /** Which of `executions` is the explanation's counterexample. */
  readonly counterexample?: number;
  /** Milliseconds the run took inside the worker (explanation included). */
  readonly ms: number;
}

/** One execution, ready to draw and to play. */
export interface ExecutionResponse {
  readonly type: 'execution';
  readonly id: number;
  readonly index: number;
  readonly state: number;
  readonly bad: boolean;
  /** Its final state, values named by their kernel constants where the program used them. */
  readonly entries: readonly StateEntry[];
  readonly timeline: Timeline;
  readonly graph: ExecutionGraph;
  readonly graphSvg: string;
  /** The execution itself, for `play-start`'s `replay`. */
  readonly witness: Witness;
}

/** The cheapest repair (or why there is none). */
export interface RepairResponse {
  readonly type: 'repair';
  readonly id: number;
  readonly repair: Repair;
  readonly ms: number;
}

/** The diagnostics of a diagnose request, in source order. */
export interface DiagnoseResponse {
  readonly type: 'diagnose';
  readonly id: number;
  readonly diagnostics: readonly Diagnostic[];
}

/** Every playground response. */
export type PlaygroundResponse = RunResponse | DiagnoseResponse | ExecutionResponse | RepairResponse;

/** How many executions a run keeps for browsing; a test with more lists the first ones and says so. */
export const executionLimit = 2_000;

/** Whether `request` is one the playground service serves. */
export function isPlaygroundRequest(request: { readonly type: string }): request is PlaygroundRequest {
  return request.type === 'run' || request.type === 'diagnose' || request.type === 'execution' || request.type === 'repair';
}
