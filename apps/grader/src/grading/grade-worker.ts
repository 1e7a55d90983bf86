// The worker process of `barrier-lab grade`: it grades the files the pool
// sends it, one at a time. check()'s caches (the starter's syntax and value
// domain per exercise) live as long as the worker, so they are paid once per
// worker, not once per file.
import { serveTasks } from '../cli/worker-pool.ts';
import type { GradeOutcome } from './grade-record.ts';
import { gradeSubmission, type SubmissionTask } from './grade-task.ts';

serveTasks<SubmissionTask, GradeOutcome>((task) => gradeSubmission(task));
