// An exercise of the course, as the rest of the code sees it once its folder
// has been read and validated (exercise-schema.ts): every file already loaded,
// the cost table complete, the reference cost known.
import type { CostTable, FlushFlavour, ModelName, Observation } from '@barrier-lab/engine';

/** What the learner does: fix by placing barriers, find and fix a bug, remove what is not needed, or predict. */
export type ExerciseKind = 'place-barriers' | 'find-the-bug' | 'remove-unneeded' | 'predict';

/**
 * What a learner may change in the starter code:
 * - `barriers`: only add, remove or change barrier and flush statements (the default);
 * - `orderings`: also turn READ_ONCE()/WRITE_ONCE() into smp_load_acquire()/smp_store_release() and back;
 * - `code`: anything inside the threads (never the initial state, the parameters or the condition).
 */
export type EditRule = 'barriers' | 'orderings' | 'code';

/** One litmus file of an exercise folder. */
export interface ExerciseFile {
  /** Its name in the folder, e.g. `solution.litmus`. */
  readonly file: string;
  readonly source: string;
}

/** A known-wrong variant and what it must produce when checked. */
export interface WrongVariant extends ExerciseFile {
  /** `incorrect` (the bad outcome happens) or `invalid` (it breaks the edit rules or does not parse). */
  readonly result: 'incorrect' | 'invalid';
  /** For `incorrect`: the observation under each model it is listed for. */
  readonly outcome: Partial<Record<ModelName, Observation>>;
  /** What is wrong with it, for authors and reviewers. */
  readonly note: string;
}

/** A correct but over-fenced variant, and the cheaper barrier the hint must name. */
export interface OverFencedVariant extends ExerciseFile {
  readonly cheaper: string;
}

/** Progressive hints: a nudge, then the concept, then the line. */
export interface Hints {
  readonly nudge: string;
  readonly concept: string;
  readonly line: string;
}

interface ExerciseBase {
  readonly id: string;
  readonly chapter: number;
  readonly title: string;
  /** The task in a few sentences. */
  readonly task: string;
  /** Graded under every one of these. */
  readonly models: readonly ModelName[];
  /** How kernel TLB flushes behave in this exercise, when it uses them. */
  readonly flush?: FlushFlavour;
  /** The condition in litmus syntax, exactly as the code states it. */
  readonly property: string;
  readonly costs: CostTable;
  readonly hints: Hints;
  /** Shown after success: why this is the answer. */
  readonly why: string;
  readonly solutions: readonly ExerciseFile[];
  readonly wrong: readonly WrongVariant[];
}

/** An exercise in which the learner edits code. */
export interface CodeExercise extends ExerciseBase {
  readonly kind: 'place-barriers' | 'find-the-bug' | 'remove-unneeded';
  readonly edits: EditRule;
  /** What the learner starts from: never correct at the reference cost. */
  readonly starter: ExerciseFile;
  readonly overFenced?: OverFencedVariant;
  /** The cost of the cheapest reference solution: full marks need no more. */
  readonly referenceCost: number;
}

/**
 * An exercise in which the learner predicts the outcome of a fixed program:
 * the submission is text such as `lkmm: Sometimes` (one line per model) or a
 * single word for every model.
 */
export interface PredictExercise extends ExerciseBase {
  readonly kind: 'predict';
  /** The program whose outcome is predicted (read-only). */
  readonly program: ExerciseFile;
  /** The answer template the learner starts from. */
  readonly starter: ExerciseFile;
  /** The right observation under each model, as the author states it (tests check it against the engine). */
  readonly answer: Readonly<Record<string, Observation>>;
}

export type Exercise = CodeExercise | PredictExercise;
