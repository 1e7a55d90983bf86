// A grading worker that misbehaves on purpose, for grade-run.test.ts: a
// file containing FAULT:HANG never finishes, FAULT:CRASH kills the worker,
// FAULT:OOM fills the heap; every other file is graded as usual.
import { serveTasks } from '../cli/worker-pool.ts';
import type { GradeOutcome } from '../grading/grade-record.ts';
import { gradeSubmission, type SubmissionTask } from '../grading/grade-task.ts';

serveTasks<SubmissionTask, GradeOutcome>((task) => {
  const text = task.bytes ? new TextDecoder().decode(task.bytes) : '';
  if (text.includes('FAULT:HANG')) for (;;) { /* the pool's deadline must end this */ }
  if (text.includes('FAULT:CRASH')) process.exit(3);
  if (text.includes('FAULT:OOM')) {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array(1_000_000).fill(hoard.length));
  }
  return gradeSubmission(task);
});
