// What the workbench needs to know about one exercise, as plain JSON: the page
// embeds it next to the exercise (so the workbench never loads the catalog on
// the main thread), and anything else that mounts a workbench (a playground,
// an embed) can build the same object. Types only: this file is imported by
// client code and must not pull in the engine.

/** A memory model's name, as the engine spells it. */
export type ModelName = 'sc' | 'tso' | 'lkmm';

/** An outcome a prediction names. */
export type Observation = 'Never' | 'Sometimes' | 'Always';

/** How TLB flushes behave in an exercise. */
export type FlushFlavour = 'ipi' | 'broadcast';

/** One barrier the learner may write, for completion snippets and the cost list. */
export interface BarrierWord {
  readonly name: string;
  /** What to insert: a Monaco snippet (`smp_mb();`, `smp_load_acquire(\${1:p})`). */
  readonly snippet: string;
  /** Its cost in this exercise (0 when the exercise does not price it). */
  readonly cost: number;
  readonly summary: string;
}

/** The words the kernel-C highlighter knows, taken from the engine and the exercises package. */
export interface KernelCVocabulary {
  /** Ordering primitives: barriers, marked accesses, atomics, locks, RCU. */
  readonly primitives: readonly string[];
  /** Statements that only order or flush (highlighted as barriers). */
  readonly barriers: readonly string[];
  /** The kernel objects (`ptep_get_lockless`, `try_grab_folio`, ...). */
  readonly builtins: readonly string[];
  /** Named constants (`GUP_PIN_COUNTING_BIAS`, `PTE_WRITE`, ...). */
  readonly constants: readonly string[];
}

/**
 * One step of help, as the exercises package orders them (`hintSteps`): a
 * nudge, the concept, the line, then the reference solution with its why.
 */
export type HelpStep =
  | { readonly level: 'nudge' | 'concept' | 'line'; readonly text: string }
  | { readonly level: 'solution'; readonly text: string; readonly source: string; readonly file: string };

/** Everything the workbench shows and checks for one exercise. */
export interface ExerciseView {
  readonly id: string;
  readonly chapter: number;
  readonly title: string;
  readonly task: string;
  readonly kind: 'place-barriers' | 'find-the-bug' | 'remove-unneeded' | 'predict';
  /** The models graded (for a prediction, in the order its answer lists them). */
  readonly models: readonly ModelName[];
  readonly flush?: FlushFlavour;
  /** One sentence: what the learner may change. */
  readonly mayChange: string;
  /** What the editor starts from: code, or for a prediction the answer template. */
  readonly starter: string;
  /** Predict exercises: the fixed program whose outcome is predicted. */
  readonly program?: string;
  /** Predict exercises: the question the prediction answers ("Can both CPUs read 0?"). */
  readonly question?: string;
  /** 1-based lines of `starter` the learner may not edit (code exercises). */
  readonly lockedLines: readonly number[];
  /** The help, one step at a time: three hints, then the reference solution and why. */
  readonly help: readonly HelpStep[];
  /** Why the answer is what it is (shown once solved, and with the solution). */
  readonly why: string;
  /** The barriers this exercise lets the learner write. */
  readonly barriers: readonly BarrierWord[];
  readonly referenceCost: number;
  readonly vocabulary: KernelCVocabulary;
}

/** Reads an `ExerciseView` from the JSON a page embeds; throws on anything else (a page built wrongly). */
export function parseExerciseView(json: string): ExerciseView {
  const value: unknown = JSON.parse(json);
  const v = value as Partial<ExerciseView> | null;
  if (!v || typeof v.id !== 'string' || typeof v.starter !== 'string' || !Array.isArray(v.models) || !v.vocabulary) {
    throw new TypeError('exercise data: not an ExerciseView (id, starter, models and vocabulary are required)');
  }
  return v as ExerciseView;
}
