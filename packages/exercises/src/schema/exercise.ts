// An exercise of the course, as the rest of the code sees it once its folder
// has been read and validated (exercise-schema.ts): every file already loaded,
// the cost table complete, the reference cost known.
import type { FlushFlavour, ModelName, Observation } from '@barrier-lab/engine';
import type { CostTable } from '@barrier-lab/engine/explain';

/** What the learner does: fix by placing barriers, find and fix a bug, remove what is not needed, or predict. */
export type ExerciseKind = 'place-barriers' | 'find-the-bug' | 'remove-unneeded' | 'predict';

/**
 * What a learner may change in the starter code:
 * - `barriers` (the default, the course's one rule): add, move or remove
 *   barriers and TLB flushes, and change an access's ordering
 *   (READ_ONCE() ↔ smp_load_acquire(), WRITE_ONCE() ↔ smp_store_release())
 *   where the exercise's cost table prices it;
 * - `code`: anything inside the threads (never the initial state, the parameters or the condition).
 */
export type EditRule = 'barriers' | 'code';

/**
 * What a learner may change, as data the site can list and as the one
 * sentence that `show`, `check` and the site all print. Derived from the
 * exercise's kind, edit rule and cost table (schema/may-change.ts).
 */
export interface MayChange {
  /** `barriers` and `code` as in EditRule; `nothing` for a predict exercise, whose program is fixed. */
  readonly rule: EditRule | 'nothing';
  /** The barrier statements one may add, move or remove: `smp_mb`, `smp_rmb`, ... */
  readonly barriers: readonly string[];
  /** The accesses whose ordering one may change, both ways. */
  readonly orderings: readonly { readonly plain: string; readonly ordered: string }[];
  /** The TLB flushes one may add or remove (`flush_tlb_page`), and the calls one may trade for their unflushed twin. */
  readonly flushes: readonly { readonly call: string; readonly without?: string }[];
  /** One sentence: `You may change only barriers: add, move or remove smp_mb(), ...`. */
  readonly sentence: string;
}

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
  /** For an `incorrect` program: the observation under every model of the exercise. */
  readonly outcome: Partial<Record<ModelName, Observation>>;
  /** For `invalid`: the code of the first error it gets (`edit/not-allowed`). */
  readonly diagnostic?: string;
  /** What is wrong with it; a learner whose answer is this variant reads it (check()'s `mistake`), so it says what the answer misses, not where the barrier goes. */
  readonly note: string;
}

/** A correct but over-fenced variant, and the cheaper barrier the hint must name. */
export interface OverFencedVariant extends ExerciseFile {
  readonly cheaper: string;
}

/**
 * An outcome every answer must keep possible (`mustStillReach` in
 * exercise.json): some execution, under every graded model, ends in a state
 * satisfying `outcome`. It keeps the exercise's point where learners may
 * change code, and so could otherwise delete the racing code (the write, the
 * pin, the walker) instead of making it safe.
 */
export interface ReachGuard {
  /** The thread the guard is about: a violation points at its first line that differs from the starter (another thread's when it is unchanged). */
  readonly thread: number;
  /** A litmus proposition without a quantifier, e.g. `1:kept=1`. */
  readonly outcome: string;
  /**
   * Initial values to start from instead of the exercise's, so that a thread
   * writing the expected value as a constant does not pass for one doing the
   * work (`counter` from 1 must still reach 3). `text` is the value as the
   * author wrote it (a number or a kernel constant such as `PTE_RDONLY`).
   */
  readonly from?: readonly { readonly location: string; readonly value: number; readonly text: string }[];
  /** What a change that removes the outcome removed, in plain words: the diagnostic's message. */
  readonly message: string;
}

/** Progressive hints: a nudge, then the concept, then the line (then the solution, hints.ts). */
export interface Hints {
  readonly nudge: string;
  readonly concept: string;
  readonly line: string;
}

interface ExerciseBase {
  readonly id: string;
  readonly chapter: number;
  /** Its place in its chapter: the course shows a chapter's exercises by `order`, lowest first. */
  readonly order: number;
  readonly title: string;
  /** The task in a few sentences. */
  readonly task: string;
  /** Graded under every one of these. */
  readonly models: readonly ModelName[];
  /** How kernel TLB flushes behave in this exercise, when it uses them. */
  readonly flush?: FlushFlavour;
  /** The condition in litmus syntax, exactly as the code states it. */
  readonly property: string;
  /**
   * The price of every kind of barrier, ordering and flush the learner may
   * add, remove or change; a kind left out may not change (and costs
   * nothing where the code has it).
   */
  readonly costs: Partial<CostTable>;
  /** What the learner may change. */
  readonly mayChange: MayChange;
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
  /** Outcomes every answer must keep possible (required when `edits` is `code`; empty otherwise unless given). */
  readonly mustStillReach: readonly ReachGuard[];
  readonly overFenced?: OverFencedVariant;
  /** The cost of the cheapest reference solution: full marks need no more. */
  readonly referenceCost: number;
  /** What the starter gives under every model (tests check it against the engine). */
  readonly starterOutcome: Readonly<Record<string, Observation>>;
  /**
   * What the cheapest-repair search makes of a wrong starter: `found` (a
   * repair the edit rule accepts and that is correct), `impossible` (no
   * barrier can help: the code must change) or `none-found` (beyond the
   * search's bounds). Undefined for a starter that is already correct.
   */
  readonly repair?: 'found' | 'impossible' | 'none-found';
}

/** The lines of a predict exercise's answer: one `model: ?` to fill in per model, under the question. */
export interface PredictTemplate {
  /** The question, as the comment lines of `starter.txt` say it (without `#`). */
  readonly question: readonly string[];
  /** The models to predict, one line each, in this order. */
  readonly models: readonly ModelName[];
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
  /** The answer template the learner starts from (`starter.txt`). */
  readonly starter: ExerciseFile;
  /** The template's structure: the question and the lines to fill in. */
  readonly template: PredictTemplate;
  /** The right observation under each model, as the author states it (tests check it against the engine). */
  readonly answer: Readonly<Record<string, Observation>>;
}

export type Exercise = CodeExercise | PredictExercise;
