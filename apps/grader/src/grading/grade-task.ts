// Grading one file, as a worker process does it: the bytes decoded (or
// refused: empty, binary, not UTF-8), then the exercises' own grade() under
// the submission's budget, and its result made into a self-contained
// outcome. Scores, statuses and feedback are grade()'s, never recomputed.
import { defaultBudget, type Budget, type Diagnostic } from '@barrier-lab/engine';
import {
  exercise as findExercise, grade, gradeFromCheck, predictionBlock, scoreMaximum, type CheckResult, type GradeResult, type ModelExplanation, type PredictionCheck,
} from '@barrier-lab/exercises';
import { decodeSubmission } from './decode-submission.ts';
import type { GradeOutcome, RecordDiagnostic, RecordPrediction } from './grade-record.ts';

/** What one submission may spend. */
export interface SubmissionBudget {
  /** Milliseconds of checking before the engine stops with `inconclusive`. */
  readonly timeoutMs: number;
  /**
   * The engine's memory budget for the check (MB of what it keeps, as its
   * meter estimates it); over it the check is `inconclusive`, with the
   * engine's words for it. The worker's heap limit is a backstop above it
   * (cli/worker-pool.ts, backstopHeapMb), for what the meter does not see.
   */
  readonly memoryMb: number;
}

/** One file to grade: what a worker process receives. */
export interface SubmissionTask {
  readonly exercise: string;
  /** The file's content, or why it could not be read (`unreadable`). */
  readonly bytes?: Uint8Array;
  readonly unreadable?: Pick<Diagnostic, 'code' | 'message' | 'hint'>;
  readonly budget: SubmissionBudget;
}

/**
 * The engine's budget for a submission: the one place where the grader's
 * budget meets the engine's. Time and memory both go to the engine, so a
 * check over either is `inconclusive` with the budget named, in every phase
 * (parsing, the value domain, exploration), never a crash.
 */
export function engineBudget(budget: SubmissionBudget): Budget {
  return { ...defaultBudget, maxMillis: budget.timeoutMs, maxMemoryMb: budget.memoryMb };
}

/** Grades one file. Never throws: whatever the bytes are, the answer is an outcome. */
export function gradeSubmission(task: SubmissionTask): GradeOutcome {
  if (!task.bytes) return fromGrade(gradeFromCheck(refusedCheck(task.exercise, { ...task.unreadable!, severity: 'error', span: wholeFile })), '');
  const decoded = decodeSubmission(task.bytes);
  if ('problem' in decoded) return fromGrade(gradeFromCheck(refusedCheck(task.exercise, decoded.problem)), '');
  const result = grade(task.exercise, decoded.text, { explain: 'counterexample', budget: engineBudget(task.budget) });
  return fromGrade(result, decoded.text);
}

/**
 * The outcome of a submission whose worker ran out of memory: grade()'s
 * score and words for an undecided check, with the reason.
 */
export function outOfMemory(exerciseId: string, budget: SubmissionBudget, reason: string): GradeOutcome {
  const found = findExercise(exerciseId);
  const check: CheckResult = {
    exercise: exerciseId, status: 'inconclusive', diagnostics: [], verdicts: [], barriers: [], cost: 0,
    referenceCost: found && found.kind !== 'predict' ? found.referenceCost : 0,
    summary: `Not decided: the check went over its memory budget (${budget.memoryMb} MB), so no verdict is given.`,
  };
  return { ...fromGrade(gradeFromCheck(check), ''), reason };
}

/** The outcome of a submission the grader itself failed on (its worker crashed or hung): no score, the reason. */
export function graderFailure(exerciseId: string, reason: string): GradeOutcome {
  const found = findExercise(exerciseId);
  return {
    status: 'error',
    scoreMaximum,
    gradingProgress: 'Failed',
    activityProgress: 'Completed',
    summary: `The grader could not grade this file (${reason}). This says nothing about the answer: grade it by hand, or run again with --resume.`,
    feedback: 'Your answer could not be graded automatically; your instructor will grade it.',
    verdicts: [],
    diagnostics: [],
    barriers: [],
    cost: 0,
    referenceCost: found && found.kind !== 'predict' ? found.referenceCost : 0,
    reason,
  };
}

const wholeFile = { line: 1, column: 1, endLine: 1, endColumn: 2 };

/** A file refused before check() (`decodeSubmission`'s problem, or unreadable): an invalid result in check()'s own shape, so grade() scores it. */
export function refusedCheck(exerciseId: string, diagnostic: Diagnostic): CheckResult {
  const found = findExercise(exerciseId);
  return {
    exercise: exerciseId, status: 'invalid', diagnostics: [diagnostic], verdicts: [], barriers: [], cost: 0,
    referenceCost: found && found.kind !== 'predict' ? found.referenceCost : 0,
    summary: diagnostic.message,
  };
}

/** grade()'s result as an outcome: plain data, with the source lines the diagnostics point at. */
function fromGrade(result: GradeResult, source: string): GradeOutcome {
  const check = result.check;
  const lines = source.split('\n');
  const x = check.explanation;
  return {
    status: result.status,
    scoreGiven: result.scoreGiven,
    scoreMaximum: result.scoreMaximum,
    gradingProgress: result.gradingProgress,
    activityProgress: result.activityProgress,
    summary: check.summary,
    feedback: result.feedback,
    ...(check.mistake ? { mistake: check.mistake } : {}),
    verdicts: check.verdicts.map((v) => ({
      model: v.model, holds: v.holds, observation: v.observation, condition: v.condition, status: v.status, ...(v.cutoff ? { cutoff: v.cutoff } : {}),
    })),
    ...(check.predictions ? { predictions: check.predictions.map((p) => recordPrediction(p, check.explanations?.find((x) => x.model === p.model))) } : {}),
    diagnostics: check.diagnostics.map((d): RecordDiagnostic => ({
      code: d.code, severity: d.severity, message: d.message, ...(d.hint ? { hint: d.hint } : {}),
      line: d.span.line, column: d.span.column, endLine: d.span.endLine, endColumn: d.span.endColumn,
      ...(source && lines[d.span.line - 1] !== undefined ? { source: lines[d.span.line - 1]!.replace(/\r$/, '') } : {}),
    })),
    barriers: check.barriers.map((b) => ({ name: b.name, line: b.line, cost: b.cost })),
    cost: check.cost,
    referenceCost: check.referenceCost,
    ...(check.cheaper ? {
      cheaper: {
        line: check.cheaper.line, barrier: check.cheaper.barrier, ...(check.cheaper.cheaper ? { cheaper: check.cheaper.cheaper } : {}),
        saving: check.cheaper.saving, message: check.cheaper.message,
      },
    } : {}),
    ...(x?.timeline && x.timelineText && x.counterexample ? {
      counterexample: {
        model: x.model,
        state: x.counterexample.entries.map((e) => ({ target: e.target, value: e.value, ...(e.named ? { named: e.named } : {}) })),
        steps: x.timeline.steps.map((s) => ({
          step: s.step, cpu: s.thread, line: s.line, statement: s.statement, description: s.description, notes: s.notes.map((n) => n.message),
        })),
        text: x.timelineText.trimEnd(),
      },
    } : {}),
    ...(result.status === 'inconclusive' ? { reason: check.summary } : {}),
  };
}

/** A prediction as a record, a wrong one with its explanation's words. */
function recordPrediction(p: PredictionCheck, x: ModelExplanation | undefined): RecordPrediction {
  const right = { model: p.model, ...(p.predicted ? { predicted: p.predicted } : {}), actual: p.actual, right: p.right };
  return x && !p.right ? { ...predictionBlock(x), ...right } : right;
}
