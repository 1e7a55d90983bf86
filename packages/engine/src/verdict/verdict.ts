import type { BudgetName, BudgetReport } from '../budget/budget.ts';
import type { ExploreStats } from '../explore/explore.ts';
import type { ModelName } from '../models/model.ts';
import type { Span } from '../syntax/diagnostic.ts';

/** One component of a final state, as herd7 prints it: `1:r0` or `[x]`, and its value. */
export interface StateEntry {
  readonly target: string;
  readonly value: string;
  /**
   * The value by the kernel constant the program used for this location or
   * register (`GUP_PIN_COUNTING_BIAS` for 1024), when it used one. Set by
   * explanations (explain/value-names.ts), never by the verdict itself.
   */
  readonly named?: string;
}

/** One distinct final state reached by at least one consistent execution. */
export interface FinalStateSummary {
  readonly entries: readonly StateEntry[];
  /** Whether the condition's proposition holds in it. */
  readonly satisfies: boolean;
  /** How many consistent executions end in it. */
  readonly executions: number;
  /** Index of its witness in `Verdict.witnesses` (absent when the run kept fewer witnesses than states: JudgeOptions.maxWitnesses). */
  readonly witness?: number;
}

/** An execution kept as evidence: enough to explain it, as plain data. */
export interface Witness {
  readonly state: number;
  readonly events: readonly WitnessEvent[];
  /** Edges `[from, to]` by event id. */
  readonly rf: readonly (readonly [number, number])[];
  readonly co: readonly (readonly [number, number])[];
  /** Read → write of one atomic read-modify-write, `[from, to]` by event id. */
  readonly rmw: readonly (readonly [number, number])[];
  /** Dependencies (read → event whose address / stored value / execution it feeds), by event id. */
  readonly addr: readonly (readonly [number, number])[];
  readonly data: readonly (readonly [number, number])[];
  readonly ctrl: readonly (readonly [number, number])[];
  readonly flags: readonly string[];
}

/** One event of a witness; initial writes have `thread: -1`, `index: -1` and `line: 0`. */
export interface WitnessEvent {
  readonly id: number;
  readonly thread: number;
  /** Position in its thread's program order (0-based); po is `thread` equal and `index` smaller. */
  readonly index: number;
  readonly kind: 'R' | 'W' | 'F';
  readonly loc?: string;
  readonly value?: string;
  readonly tags: readonly string[];
  readonly lock?: string;
  readonly line: number;
  /** The source call that produced it (all zero for an initial write). */
  readonly span: Span;
  readonly text: string;
}

/** What the exploration concluded: Always, Sometimes or Never, of the condition's proposition. */
export type Observation = 'Always' | 'Sometimes' | 'Never';

/**
 * The result of running one test under one model, as plain data. Field names
 * follow herd7's output (Positive/Negative, States, Observation).
 */
export interface Verdict {
  readonly test: string;
  readonly model: ModelName;
  /** `exists`, `~exists` (written `not exists` here) or `forall`. */
  readonly quantifier: 'exists' | 'not exists' | 'forall';
  /** herd7's word for the quantifier: Allowed, Forbidden, Required. */
  readonly kind: 'Allowed' | 'Forbidden' | 'Required';
  /** The condition as herd7 prints it. */
  readonly condition: string;
  /** Whether the condition is validated (herd7's Ok/No). */
  readonly ok: boolean;
  readonly observation: Observation;
  /** Executions where the proposition holds / does not (herd7's Observation numbers). */
  readonly observed: { readonly positive: number; readonly negative: number };
  /** herd7's Witnesses line: for `~exists` these are the observation's, swapped. */
  readonly witnessCounts: { readonly positive: number; readonly negative: number };
  /** Every distinct final state, in herd7's order. */
  readonly states: readonly FinalStateSummary[];
  /** Flags raised by some consistent execution, sorted (e.g. `data-race`). */
  readonly flags: readonly string[];
  /** Executions kept as evidence: one per final state, unless bounded (see FinalStateSummary.witness). */
  readonly witnesses: readonly Witness[];
  /** Complete, or stopped by a budget: then the counts are lower bounds. */
  readonly status: 'complete' | 'inconclusive';
  readonly cutoff?: BudgetName;
  /** For an inconclusive verdict: the budget hit, the phase it stopped and the figures reached. */
  readonly budget?: BudgetReport;
  /** Paths abandoned at the loop unroll bound (herd7 prints `Loop` before Ok/No). */
  readonly unrollHit: boolean;
  /**
   * An operation herd7 refuses (`x * 2` on an address, a division by zero)
   * in a consistent execution the filter keeps: herd7 refuses the whole
   * test, and so does `runLitmus` (diagnostic `run/illegal-operation`). The
   * first such execution's (ThreadTrace.illegal).
   */
  readonly illegal?: { readonly message: string; readonly span: Span };
  readonly stats: ExploreStats & { readonly millis: number };
  /**
   * Every consistent execution that passes the filter, in the explorer's
   * order, each numbered with its final state (`Witness.state`): only when
   * asked for (`JudgeOptions.keepExecutions`), and at most that many; fewer
   * than `observed.positive + observed.negative` means the list was cut there.
   */
  readonly executions?: readonly Witness[];
  /**
   * herd7's hash of the test (its `Hash=` line, 32 hex digits), which herd7's
   * tools compare to check that two logs ran the same test. Set by `runLitmus`
   * from the test's text; absent for a program built another way, and for a
   * test that uses a form whose hash the engine cannot reproduce (hash/herd-hash.ts).
   */
  readonly hash?: string;
}
