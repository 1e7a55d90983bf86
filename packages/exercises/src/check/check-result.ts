// What check() returns: plain data, the same in a Web Worker, the CLI and
// the grader, with nothing that depends on the clock or the machine.
import type { Diagnostic, ModelName, Observation, StateEntry } from '@barrier-lab/engine';
import type { Explanation } from '@barrier-lab/engine/explain';
import type { BarrierUse } from './barriers-used.ts';

/**
 * `correct`: the property holds under every model at no more than the
 * reference cost. `over-fenced`: it holds, at a higher cost. `incorrect`: it
 * fails under some model. `invalid`: the text does not parse, or breaks the
 * edit rules. `inconclusive`: a budget stopped the exploration.
 */
export type CheckStatus = 'correct' | 'incorrect' | 'over-fenced' | 'invalid' | 'inconclusive';

/**
 * What one model says of an answer, without timings (so results are
 * byte-identical run to run): a summary of the engine's verdict, which is
 * one of these per model.
 */
export interface ExerciseVerdict {
  readonly model: ModelName;
  /**
   * Whether the exercise's property holds under this model (herd7's Ok).
   * For a predict exercise the condition is the outcome asked about, not a
   * property to make hold: read `observation` and the predictions instead.
   */
  readonly holds: boolean;
  readonly observation: Observation;
  readonly condition: string;
  /** Every final state; entries carry `named` where the program gave the value a kernel constant's name. */
  readonly states: readonly { readonly entries: readonly StateEntry[]; readonly satisfies: boolean; readonly executions: number }[];
  readonly status: 'complete' | 'inconclusive';
  readonly cutoff?: string;
}

/** A prediction compared with what the model says (predict exercises). */
export interface PredictionCheck {
  readonly model: ModelName;
  readonly predicted?: Observation;
  readonly actual: Observation;
  readonly right: boolean;
}

/**
 * A wrong prediction explained (predict exercises): the right answer under
 * `model`, one sentence on why, and the engine's explanation under that
 * model (the counterexample's timeline and graph, or why the model forbids
 * the outcome; absent with `explain: 'none'`).
 */
export interface ModelExplanation {
  readonly model: ModelName;
  readonly predicted?: Observation;
  readonly actual: Observation;
  /** `Under tso it is Sometimes, not Never: at least one execution ends this way. ...` */
  readonly message: string;
  readonly explanation?: Explanation;
}

/** The hint for an over-fenced answer: one barrier that can be cheaper or go. */
export interface CheaperHint {
  readonly line: number;
  readonly thread: number;
  /** The barrier as written. */
  readonly barrier: string;
  /** The cheaper barrier that also works, or undefined when the barrier can simply go. */
  readonly cheaper?: string;
  readonly saving: number;
  readonly message: string;
}

export interface CheckResult {
  readonly exercise: string;
  readonly status: CheckStatus;
  /** One sentence for the learner. */
  readonly summary: string;
  /** Syntax errors, edit-rule violations, warnings: each with a line and column. */
  readonly diagnostics: readonly Diagnostic[];
  /** The verdict under each of the exercise's models (empty when invalid). */
  readonly verdicts: readonly ExerciseVerdict[];
  /** For predict exercises: each model's prediction against the truth. */
  readonly predictions?: readonly PredictionCheck[];
  /** The model whose counterexample (or proof) is explained; for a prediction, the first wrong one. */
  readonly explainedModel?: ModelName;
  /** When wrong: the counterexample's graph, timeline and repair (or why the outcome is forbidden, for a prediction: the first wrong one's). */
  readonly explanation?: Explanation;
  /** When a prediction is wrong: every wrong model explained, one block each, in the exercise's model order. */
  readonly explanations?: readonly ModelExplanation[];
  /** The barriers, orderings and flushes used, with their costs. */
  readonly barriers: readonly BarrierUse[];
  readonly cost: number;
  readonly referenceCost: number;
  /**
   * When incorrect and the answer is one of the mistakes the exercise
   * foresaw (a wrong variant, comments and blanks aside; for a prediction,
   * the same words for every model): what is wrong with it, its note.
   */
  readonly mistake?: string;
  /** When over-fenced: the barrier that can be cheaper. */
  readonly cheaper?: CheaperHint;
}
