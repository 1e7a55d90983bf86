import { describe, expect, it } from 'vitest';
import { inOrder, runPool, workerV8Flags, type PoolProgress, type TaskOutcome } from './worker-pool.ts';
import type { PoolTestTask } from '../testing/pool-test-worker.ts';

const entry = new URL('../testing/pool-test-worker.ts', import.meta.url);

/** Runs `tasks` in a pool of test workers; `deadlineMs` is every task's deadline, or only the hanging ones' with `hangDeadlineOnly`. */
async function run(tasks: PoolTestTask[], options: { jobs?: number; deadlineMs?: number; hangDeadlineOnly?: boolean; heapMb?: number } = {}) {
  const outcomes = new Map<number, TaskOutcome<number>>();
  const events: unknown[] = [];
  const pool = runPool<PoolTestTask, number>(tasks, {
    entry,
    jobs: options.jobs ?? 2,
    deadline: (task) => (options.hangDeadlineOnly && task.kind !== 'hang' ? 60_000 : options.deadlineMs ?? 20_000),
    ...(options.heapMb ? { heapMb: options.heapMb } : {}),
    onEvent: (_index, event) => events.push(event),
  }, (index, outcome) => {
    expect(outcomes.has(index)).toBe(false);
    outcomes.set(index, outcome);
  });
  await pool.done;
  return { outcomes, events, mostWorkers: pool.mostWorkers() };
}

/** Runs `tasks` on up to 3 workers with `grow`: the questions it was asked, the workers that answered. */
async function runGrowing(tasks: PoolTestTask[], grow: (progress: PoolProgress) => boolean) {
  const asked: PoolProgress[] = [];
  const pids = new Set<number>();
  let answered = 0;
  const pool = runPool<PoolTestTask, number>(tasks, {
    entry, jobs: 3, deadline: () => 20_000,
    grow: (progress) => {
      asked.push(progress);
      return grow(progress);
    },
  }, (index, outcome) => {
    expect(outcome).toMatchObject({ ok: true, result: index * 2 });
    answered++;
    if (outcome.ok && outcome.usage) pids.add(outcome.usage.pid);
  });
  await pool.done;
  return { asked, pids, answered, mostWorkers: pool.mostWorkers() };
}

describe('runPool', () => {
  it('gives every task its result and forwards progress events', async () => {
    const { outcomes, events } = await run([1, 2, 3, 4, 5].map((value) => ({ kind: 'echo', value })));
    expect([...outcomes.keys()].sort()).toEqual([0, 1, 2, 3, 4]);
    for (const [index, outcome] of outcomes) {
      expect(outcome).toMatchObject({ ok: true, result: (index + 1) * 2 });
      if (!outcome.ok) continue;
      expect(outcome.usage!.heapMb).toBeGreaterThan(0);
      expect(outcome.usage!.peakRssMb).toBeGreaterThan(outcome.usage!.heapMb);
      expect(outcome.usage!.cpuSeconds).toBeGreaterThan(0);
      expect(outcome.usage!.pid).not.toBe(process.pid);
    }
    expect(events).toHaveLength(5);
  }, 60_000);

  it('isolates a throwing task, a dying worker, a hung worker and one out of memory; the others finish', async () => {
    // Only the hanging task has a short deadline: filling the heap can take seconds on a loaded machine.
    const { outcomes } = await run([
      { kind: 'echo', value: 1 },
      { kind: 'throw' },
      { kind: 'exit' },
      { kind: 'hang' },
      { kind: 'oom' },
      { kind: 'echo', value: 6 },
    ], { deadlineMs: 3_000, hangDeadlineOnly: true, heapMb: 64 });
    expect(outcomes.get(0)).toMatchObject({ ok: true, result: 2 });
    expect(outcomes.get(1)).toMatchObject({ ok: false, kind: 'failed', reason: expect.stringContaining('a fault of the handler') });
    expect(outcomes.get(2)).toMatchObject({ ok: false, kind: 'crashed', reason: expect.stringContaining('exit code 7') });
    expect(outcomes.get(3)).toMatchObject({ ok: false, kind: 'hung', reason: expect.stringContaining('3.0 s') });
    expect(outcomes.get(4)).toMatchObject({ ok: false, kind: 'out-of-memory', reason: expect.stringContaining('64 MB') });
    expect(outcomes.get(5)).toMatchObject({ ok: true, result: 12 });
  }, 60_000);

  it('cancel() kills the workers at once: the running task gets no outcome, none starts', async () => {
    const outcomes = new Map<number, TaskOutcome<number>>();
    const pool = runPool<PoolTestTask, number>(
      [{ kind: 'echo', value: 1 }, { kind: 'hang' }, { kind: 'echo', value: 3 }],
      { entry, jobs: 1, deadline: () => 60_000 },
      (index, outcome) => {
        outcomes.set(index, outcome);
        if (index === 0) setTimeout(() => pool.cancel(), 100);
      },
    );
    await pool.done;
    expect([...outcomes.keys()]).toEqual([0]);
  }, 60_000);

  it('runs the tasks queued at one worker in order and answers every one', async () => {
    const tasks = Array.from({ length: 300 }, (_, i): PoolTestTask => ({ kind: 'echo', value: i }));
    const { outcomes, events } = await run(tasks, { jobs: 1 });
    expect(outcomes.size).toBe(300);
    for (const [index, outcome] of outcomes) expect(outcome).toMatchObject({ ok: true, result: index * 2 });
    expect(events).toHaveLength(300);
  }, 60_000);

  it('blames only the task that kills its worker, not those queued with it, which are answered', async () => {
    // One worker holds every task in its queue when one of them crashes or hangs:
    // the results it had not sent yet died with it, so each task it held runs
    // again alone, and only the one that fails again is reported.
    const echo = (value: number): PoolTestTask => ({ kind: 'echo', value });
    const tasks: PoolTestTask[] = [echo(0), echo(1), echo(2), { kind: 'exit' }, echo(4), echo(5), { kind: 'hang' }, echo(7), echo(8)];
    const { outcomes, mostWorkers } = await run(tasks, { jobs: 1, deadlineMs: 2_000, hangDeadlineOnly: true });
    expect(outcomes.size).toBe(tasks.length);
    // Replacements never ran beside the worker they replaced.
    expect(mostWorkers).toBe(1);
    expect(outcomes.get(3)).toMatchObject({ ok: false, kind: 'crashed', reason: expect.stringContaining('exit code 7') });
    expect(outcomes.get(6)).toMatchObject({ ok: false, kind: 'hung', reason: expect.stringContaining('2.0 s') });
    for (const index of [0, 1, 2, 4, 5, 7, 8]) expect(outcomes.get(index)).toMatchObject({ ok: true, result: index * 2 });
  }, 60_000);

  it('given grow, starts one worker and adds more while grow says so, up to jobs', async () => {
    const tasks = Array.from({ length: 300 }, (_, i): PoolTestTask => ({ kind: 'echo', value: i }));
    const grown = await runGrowing(tasks, () => true);
    expect(grown.answered).toBe(300);
    expect(grown.pids.size).toBeGreaterThanOrEqual(2);
    expect(grown.mostWorkers).toBeGreaterThanOrEqual(2);
    expect(grown.mostWorkers).toBeLessThanOrEqual(3);
    // The first question comes with the first results: one worker, ready, with some tasks answered.
    const first = grown.asked[0]!;
    expect(first.workers).toBe(1);
    expect(first.finished).toBeGreaterThan(0);
    expect(first.finished + first.remaining).toBe(300);
    expect(first.workerCores).toBeGreaterThan(0);
    for (const progress of grown.asked) expect(progress.workers).toBeLessThan(3);

    const kept = await runGrowing(tasks, () => false);
    expect(kept.answered).toBe(300);
    expect(kept.pids.size).toBe(1);
    expect(kept.mostWorkers).toBe(1);
    expect(kept.asked.length).toBeGreaterThan(0);
  }, 60_000);

  it('starts its workers with the V8 flags and the heap limit', async () => {
    const flags = [...workerV8Flags, '--max-old-space-size=96'];
    const { outcomes } = await run([...flags, '--no-such-flag'].map((flag) => ({ kind: 'flag', flag })), { heapMb: 96 });
    flags.forEach((_, index) => expect(outcomes.get(index)).toMatchObject({ ok: true, result: 1 }));
    expect(outcomes.get(flags.length)).toMatchObject({ ok: true, result: 0 });
  }, 60_000);

  it('finishes at once with no tasks', async () => {
    const { outcomes } = await run([]);
    expect(outcomes.size).toBe(0);
  });
});

describe('inOrder', () => {
  it('hands outcomes on in task order whatever order they finish in', () => {
    const seen: number[] = [];
    const ordered = inOrder<number>((index) => seen.push(index));
    for (const index of [2, 0, 3, 1, 4]) ordered(index, { ok: true, result: index });
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('holds back everything after a missing outcome', () => {
    const seen: number[] = [];
    const ordered = inOrder<number>((index) => seen.push(index));
    for (const index of [1, 2, 3]) ordered(index, { ok: true, result: index });
    expect(seen).toEqual([]);
  });
});
