// One graded submission as the grader keeps it: the grade() result made
// self-contained (the diagnostics carry their source line, the
// counterexample its timeline), so every report format, a later `--resume`
// and `grade merge` can be written from records alone, with nothing that
// depends on the clock or the machine.
import type { CheckStatus, PredictionBlock } from '@barrier-lab/exercises';

/**
 * `error`: the grader itself failed on this submission (its worker crashed
 * or hung); it says nothing of the answer. `missing`: a student on the
 * roster submitted nothing for the exercise. `pending`: not graded yet (the
 * run was interrupted; `--resume` grades it).
 */
export type RecordStatus = CheckStatus | 'error' | 'missing' | 'pending';

/** LTI Assignment and Grade Services' gradingProgress values that the grader uses. */
export type GradingProgress = 'FullyGraded' | 'PendingManual' | 'Pending' | 'Failed' | 'NotReady';

/** LTI Assignment and Grade Services' activityProgress values that the grader uses. */
export type ActivityProgress = 'Completed' | 'Submitted' | 'Initialized';

/** A diagnostic with its place and the text of that line (for carets in reports). */
export interface RecordDiagnostic {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly hint?: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** The submission's text on `line` (absent when the file could not be read). */
  readonly source?: string;
}

/** What one model said. */
export interface RecordVerdict {
  readonly model: string;
  readonly holds: boolean;
  readonly observation: string;
  readonly condition: string;
  readonly status: 'complete' | 'inconclusive';
  readonly cutoff?: string;
}

/** One step of a counterexample, as a learner reads it. */
export interface RecordStep {
  readonly step: number;
  readonly cpu: number;
  readonly line: number;
  readonly statement: string;
  readonly description: string;
  readonly notes: readonly string[];
}

/** The execution that breaks the property, step by step. */
export interface RecordCounterexample {
  readonly model: string;
  /** The final state that breaks the property (`0:pinned` = `0`, ...). */
  readonly state: readonly { readonly target: string; readonly value: string; readonly named?: string }[];
  readonly steps: readonly RecordStep[];
  /** The same timeline as text, one step a line (what `barrier-lab check` prints). */
  readonly text: string;
}

/**
 * One model's prediction. A wrong one carries its explanation's words
 * (PredictionBlock): the sentence on why, and the model's counterexample
 * (its timeline) or why the model forbids the outcome.
 */
export interface RecordPrediction extends PredictionBlock {
  readonly right: boolean;
}

/** What grading one file gave, before it is tied to a student (the worker's answer). */
export interface GradeOutcome {
  readonly status: RecordStatus;
  /** Absent when there is no score to give: the grader failed, or nothing was submitted. */
  readonly scoreGiven?: number;
  readonly scoreMaximum: number;
  readonly gradingProgress: GradingProgress;
  readonly activityProgress: ActivityProgress;
  /** One sentence. */
  readonly summary: string;
  /** grade()'s feedback for the learner. */
  readonly feedback: string;
  /** An incorrect answer that is a mistake the exercise foresaw: what it misses, in the chapter's words (check()'s `mistake`). */
  readonly mistake?: string;
  readonly verdicts: readonly RecordVerdict[];
  readonly predictions?: readonly RecordPrediction[];
  readonly diagnostics: readonly RecordDiagnostic[];
  readonly barriers: readonly { readonly name: string; readonly line: number; readonly cost: number }[];
  readonly cost: number;
  readonly referenceCost: number;
  /** For an over-fenced answer: the barrier that can be cheaper. */
  readonly cheaper?: { readonly line: number; readonly barrier: string; readonly cheaper?: string; readonly saving: number; readonly message: string };
  readonly counterexample?: RecordCounterexample;
  /** Why there is no verdict (`inconclusive`, `error`): the budget hit, the worker's fate. */
  readonly reason?: string;
}

/** One student's graded submission for one exercise. */
export interface GradeRecord extends GradeOutcome {
  /** The student's id: the roster's, or the name taken from the path. */
  readonly student: string;
  readonly exercise: string;
  /** Where the file came from (`class.zip:alice/capstone-patch.c`); empty for `missing`. */
  readonly path: string;
  /** SHA-256 of the file's bytes (hex); what `--resume` compares. Empty for `missing`. */
  readonly sha256: string;
  /** Other files of the same student for the same exercise, not graded (the rule: grading.md). */
  readonly ignored?: readonly string[];
}

/** The order of records in every output: by student, then exercise, then path (plain code-unit order, never the locale's). */
export function compareRecords(a: Pick<GradeRecord, 'student' | 'exercise' | 'path'>, b: Pick<GradeRecord, 'student' | 'exercise' | 'path'>): number {
  return compareText(a.student, b.student) || compareText(a.exercise, b.exercise) || compareText(a.path, b.path);
}

/** Plain code-unit order of strings, the same on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
