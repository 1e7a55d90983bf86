import type { Execution } from '../execution/execution.ts';

/** The memory models Barrier Lab explores under. */
export type ModelName = 'sc' | 'tso' | 'lkmm';

export const modelNames: readonly ModelName[] = ['sc', 'tso', 'lkmm'];

/** What a model says of one candidate execution. */
export interface ModelVerdict {
  readonly consistent: boolean;
  /** The name of the first check that failed (`happens-before`, `coherence`, ...). */
  readonly violated?: string;
  /** Flags raised (herd7's `flag ~empty ... as NAME`), only meaningful when consistent. */
  readonly flags: readonly string[];
}

/** A memory model: a predicate on candidate executions, plus flags. */
export interface Model {
  readonly name: ModelName;
  /** One line for people. */
  readonly description: string;
  check(execution: Execution): ModelVerdict;
}
