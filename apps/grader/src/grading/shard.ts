// Splitting a class across machines. A student belongs to shard
// hash(student id) mod n, so a shard's slice does not move when other
// students are added or removed, and a student's whole work (every
// exercise, their feedback file) lands on one machine. `--shard auto` reads
// the index and count that a Kubernetes Indexed Job, a Slurm job array or a
// GitHub Actions matrix gives each of its tasks.
import { createHash } from 'node:crypto';

/** This run's slice: shard `index` (0-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** `i/n` (1-based, as people count: `--shard 1/4` ... `--shard 4/4`) or `auto`, or what is wrong with it. */
export function parseShard(text: string, env: Readonly<Record<string, string | undefined>>): { shard: Shard } | { problem: string } {
  if (text === 'auto') return shardFromEnvironment(env);
  const m = /^(\d+)\/(\d+)$/.exec(text);
  if (!m) return { problem: `--shard takes i/n (1/4 is the first of four) or auto, not "${text}"` };
  const [i, n] = [Number(m[1]), Number(m[2])];
  if (n < 1 || i < 1 || i > n) return { problem: `--shard ${text}: i must be between 1 and n` };
  return { shard: { index: i - 1, count: n } };
}

/**
 * The shard a batch scheduler gives this process:
 * - Kubernetes Indexed Job: `JOB_COMPLETION_INDEX` (0-based), and the count
 *   in `JOB_COMPLETIONS` (set it from `.spec.completions`; Kubernetes does not);
 * - Slurm job array: `SLURM_ARRAY_TASK_ID` and `SLURM_ARRAY_TASK_COUNT`, the
 *   index counted from `SLURM_ARRAY_TASK_MIN` (0 when unset) in steps of
 *   `SLURM_ARRAY_TASK_STEP` (1 when unset);
 * - GitHub Actions matrix (or any CI): `BARRIER_LAB_SHARD_INDEX` (0-based)
 *   and `BARRIER_LAB_SHARD_COUNT`, set from `${{ strategy.job-index }}` and
 *   `${{ strategy.job-total }}` (Actions has no variable of its own for them).
 */
export function shardFromEnvironment(env: Readonly<Record<string, string | undefined>>): { shard: Shard } | { problem: string } {
  const number = (name: string) => {
    const value = env[name];
    return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : undefined;
  };
  if (env.BARRIER_LAB_SHARD_INDEX !== undefined) {
    const index = number('BARRIER_LAB_SHARD_INDEX');
    const count = number('BARRIER_LAB_SHARD_COUNT');
    if (index === undefined || count === undefined) return { problem: 'set BARRIER_LAB_SHARD_INDEX (0-based) and BARRIER_LAB_SHARD_COUNT to numbers' };
    return checked(index, count, 'BARRIER_LAB_SHARD_INDEX');
  }
  if (env.JOB_COMPLETION_INDEX !== undefined) {
    const index = number('JOB_COMPLETION_INDEX');
    const count = number('JOB_COMPLETIONS');
    if (index === undefined) return { problem: `JOB_COMPLETION_INDEX is "${env.JOB_COMPLETION_INDEX}", not a number` };
    if (count === undefined) return { problem: 'a Kubernetes Indexed Job gives JOB_COMPLETION_INDEX; set JOB_COMPLETIONS to .spec.completions too (docs/grader.md)' };
    return checked(index, count, 'JOB_COMPLETION_INDEX');
  }
  if (env.SLURM_ARRAY_TASK_ID !== undefined) {
    const id = number('SLURM_ARRAY_TASK_ID');
    const count = number('SLURM_ARRAY_TASK_COUNT');
    const min = number('SLURM_ARRAY_TASK_MIN') ?? 0;
    const step = number('SLURM_ARRAY_TASK_STEP') || 1;
    if (id === undefined || count === undefined) return { problem: 'a Slurm array task needs SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT' };
    if ((id - min) % step !== 0) return { problem: `SLURM_ARRAY_TASK_ID ${id} is not on the array's range (from ${min} in steps of ${step}); give the array as a range` };
    return checked((id - min) / step, count, 'SLURM_ARRAY_TASK_ID');
  }
  return { problem: '--shard auto found no shard: set JOB_COMPLETION_INDEX and JOB_COMPLETIONS (Kubernetes), run in a Slurm array, or set BARRIER_LAB_SHARD_INDEX and BARRIER_LAB_SHARD_COUNT (GitHub Actions, any CI)' };
}

function checked(index: number, count: number, name: string): { shard: Shard } | { problem: string } {
  if (count < 1 || index < 0 || index >= count) return { problem: `${name} gives shard ${index} of ${count}, outside 0..${count - 1}` };
  return { shard: { index, count } };
}

/** The shard a student belongs to among `count`: stable, and the same on every machine. */
export function shardOf(student: string, count: number): number {
  if (count <= 1) return 0;
  const digest = createHash('sha256').update(student, 'utf8').digest();
  return digest.readUInt32BE(0) % count;
}

/** `i/n` as people count (1-based). */
export function formatShard(shard: Shard): string {
  return `${shard.index + 1}/${shard.count}`;
}
