// One grading run, from the command line's inputs to a GradeBook: the files
// collected and tied to students and exercises, this shard's students kept,
// what a previous run already graded reused (`--resume`), the rest graded on
// the worker pool, and those on the roster who submitted nothing listed. The
// book is the same whatever the number of workers; `stop()` (Ctrl-C) ends the
// workers and gives the book with the ungraded submissions marked pending.
import { exercises as courseExercises, exercise as findExercise, scoreMaximum } from '@barrier-lab/exercises';
import { backstopHeapMb, runPool, type TaskOutcome, type WorkerUsage } from '../cli/worker-pool.ts';
import { assignSubmissions, type Submission } from './assign-submissions.ts';
import { collectFiles } from './collect-files.ts';
import { sortNotes, type GradeBook, type GradeSettings, type InputNote } from './grade-book.ts';
import { compareRecords, type GradeOutcome, type GradeRecord } from './grade-record.ts';
import { graderFailure, outOfMemory, type SubmissionBudget, type SubmissionTask } from './grade-task.ts';
import type { RosterEntry } from './roster.ts';
import { shardOf, type Shard } from './shard.ts';

/** Everything a run needs besides the settings. */
export interface GradeRunInput {
  readonly settings: GradeSettings;
  readonly paths: readonly string[];
  /** Every file is this student's (`--student`). */
  readonly student?: string;
  readonly roster?: readonly RosterEntry[];
  readonly shard?: Shard;
  readonly jobs: number;
  /** The book of an earlier run into the same folder (`--resume`): its graded records are kept. */
  readonly previous?: GradeBook;
  /** The worker module (tests give one that misbehaves on purpose). */
  readonly workerEntry?: URL;
}

/** What a run will do, before any grading. */
export interface GradePlan {
  /** The book so far: every record reused, missing or (until graded) pending. */
  readonly book: GradeBook;
  /** The submissions left to grade, in record order. */
  readonly tasks: readonly Submission[];
  readonly budget: SubmissionBudget;
}

/** Collects and assigns the inputs and works out what is left to grade. */
export async function planRun(input: GradeRunInput): Promise<GradePlan> {
  const { settings } = input;
  const collected = await collectFiles(input.paths);
  const exerciseId = settings.mode.kind === 'exercise' ? settings.mode.exercise : undefined;
  const assigned = assignSubmissions(collected.files, {
    ...(exerciseId ? { exercise: exerciseId } : {}),
    ...(input.student ? { student: input.student } : {}),
    ...(input.roster ? { roster: input.roster } : {}),
  });
  // The exercises are those of the whole class, not of this shard alone, so every shard agrees.
  const graded = new Set(exerciseId ? [exerciseId] : assigned.submissions.map((s) => s.exercise));
  const exercises = courseExercises().map((e) => e.id).filter((id) => graded.has(id));
  const mine = (student: string) => !input.shard || shardOf(student, input.shard.count) === input.shard.index;
  const submissions = assigned.submissions.filter((s) => mine(s.student));
  const roster = input.roster?.filter((e) => mine(e.id));

  const reusable = new Map<string, GradeRecord>();
  for (const r of input.previous?.records ?? []) {
    if (r.status !== 'pending' && r.status !== 'error' && r.status !== 'missing') reusable.set(`${r.student}\u0000${r.exercise}\u0000${r.path}\u0000${r.sha256}`, r);
  }
  const records: GradeRecord[] = [];
  const tasks: Submission[] = [];
  for (const s of submissions) {
    const earlier = reusable.get(`${s.student}\u0000${s.exercise}\u0000${s.path}\u0000${s.sha256}`);
    if (earlier) records.push(recordOf(s, outcomeOf(earlier)));
    else {
      tasks.push(s);
      records.push(recordOf(s, pending(s.exercise)));
    }
  }
  const submitted = new Set(submissions.map((s) => `${s.student}\u0000${s.exercise}`));
  const students = new Set([...(roster ?? []).map((e) => e.id), ...(input.student && mine(input.student) ? [input.student] : [])]);
  for (const student of students) {
    for (const exercise of exercises) if (!submitted.has(`${student}\u0000${exercise}`)) records.push(missing(student, exercise));
  }
  const notes: InputNote[] = [
    ...collected.problems.map((p) => ({ path: p.path, code: p.code, message: p.message })),
    ...assigned.unassigned.map((u) => ({ path: u.path, code: u.code, message: u.reason })),
    ...collected.skipped.map((path) => ({ path, code: 'input/not-an-answer', message: 'not a .c, .litmus or .txt file' })),
  ];
  const book: GradeBook = {
    settings,
    ...(input.shard ? { shard: input.shard } : {}),
    complete: tasks.length === 0,
    exercises,
    ...(roster ? { roster } : {}),
    records: records.sort(compareRecords),
    notes: sortNotes(notes),
    notOnRoster: assigned.notOnRoster.filter(mine),
  };
  return { book, tasks, budget: { timeoutMs: settings.timeoutSeconds * 1000, memoryMb: settings.memoryMb } };
}

/** A run under way. */
export interface GradeRun {
  /** The finished book (or, after `stop()`, the partial one). */
  readonly done: Promise<GradeBook>;
  /** Ends the workers now; `done` then gives the book with what is left pending. */
  stop(): Promise<void>;
}

/** How a run reports what it does. */
export interface GradeRunEvents {
  /** A submission started on a worker. */
  onStart?(submission: Submission): void;
  /** A submission was graded (in the order they finish); `usage`: its worker's so far, when it answered. */
  onRecord?(record: GradeRecord, done: number, total: number, usage?: WorkerUsage): void;
}

/**
 * Grades the plan's tasks on `jobs` worker processes, each with the plan's
 * budget: a check over its time or memory gives `inconclusive` (the engine's
 * budgets), and so does a worker over its heap limit (the backstop above the
 * memory budget); a worker that crashes or is still running at twice the
 * time budget plus 5 s gives an `error` record; the batch goes on.
 */
export function startRun(plan: GradePlan, input: Pick<GradeRunInput, 'jobs' | 'workerEntry'>, events: GradeRunEvents = {}): GradeRun {
  const records = new Map(plan.book.records.map((r) => [`${r.student}\u0000${r.exercise}`, r]));
  const entry = input.workerEntry ?? defaultWorkerEntry();
  const tasks: SubmissionTask[] = plan.tasks.map((s) => ({
    exercise: s.exercise,
    ...(s.bytes ? { bytes: s.bytes } : {}),
    ...(s.unreadable ? { unreadable: s.unreadable } : {}),
    budget: plan.budget,
  }));
  let finished = 0;
  let interrupted = false;
  const pool = runPool<SubmissionTask, GradeOutcome>(tasks, {
    entry,
    jobs: input.jobs,
    heapMb: backstopHeapMb(plan.budget.memoryMb),
    deadline: () => 2 * plan.budget.timeoutMs + 5_000,
    onStart: (index) => events.onStart?.(plan.tasks[index]!),
  }, (index, outcome: TaskOutcome<GradeOutcome>) => {
    const submission = plan.tasks[index]!;
    const result = outcome.ok
      ? outcome.result
      : outcome.kind === 'out-of-memory'
        ? outOfMemory(submission.exercise, plan.budget, outcome.reason)
        : graderFailure(submission.exercise, outcome.reason);
    const record = recordOf(submission, result);
    records.set(`${record.student}\u0000${record.exercise}`, record);
    events.onRecord?.(record, ++finished, tasks.length, outcome.ok ? outcome.usage : undefined);
  });
  const done = pool.done.then((): GradeBook => ({
    ...plan.book,
    complete: !interrupted,
    records: [...records.values()].sort(compareRecords),
  }));
  return {
    done,
    async stop() {
      interrupted = true;
      pool.cancel();
      await pool.done;
    },
  };
}

/** The grading worker: the compiled one next to this module, or the TypeScript source under tests. */
function defaultWorkerEntry(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './grade-worker.ts' : './grade-worker.js', import.meta.url);
}

/** A record: the submission's identity, then the outcome. */
function recordOf(s: Submission, outcome: GradeOutcome): GradeRecord {
  return { student: s.student, exercise: s.exercise, path: s.path, sha256: s.sha256, ...outcome, ...(s.ignored.length > 0 ? { ignored: s.ignored } : {}) };
}

/** A record's outcome without its identity, to reuse it. */
function outcomeOf(record: GradeRecord): GradeOutcome {
  const { student: _s, exercise: _e, path: _p, sha256: _h, ignored: _i, ...outcome } = record;
  return outcome;
}

function referenceCost(exerciseId: string): number {
  const found = findExercise(exerciseId);
  return found && found.kind !== 'predict' ? found.referenceCost : 0;
}

function pending(exercise: string): GradeOutcome {
  return {
    status: 'pending', scoreMaximum, gradingProgress: 'Pending', activityProgress: 'Submitted',
    summary: 'Not graded yet: the run was interrupted before this file; run again with --resume.',
    feedback: 'Your answer has not been graded yet.',
    verdicts: [], diagnostics: [], barriers: [], cost: 0, referenceCost: referenceCost(exercise),
  };
}

function missing(student: string, exercise: string): GradeRecord {
  return {
    student, exercise, path: '', sha256: '',
    status: 'missing', scoreMaximum, gradingProgress: 'NotReady', activityProgress: 'Initialized',
    summary: 'Nothing submitted.',
    feedback: 'No answer to this exercise was found in the submissions.',
    verdicts: [], diagnostics: [], barriers: [], cost: 0, referenceCost: referenceCost(exercise),
  };
}
