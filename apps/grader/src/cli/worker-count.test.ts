import { describe, expect, it } from 'vitest';
import { settleMillis, wantsAnotherWorker, worthMillis } from './worker-count.ts';
import type { PoolProgress } from './worker-pool.ts';

/** One worker half a second into a run of 1,930 small tests, 100 of them done, using most of a core. */
const early: PoolProgress = { workers: 1, finished: 100, remaining: 1_830, millis: 500, newestMillis: 500, workerCores: 0.9 };
const idle4 = { cores: 4, loadAverage: 0 };

describe('wantsAnotherWorker', () => {
  it('adds a worker when a core is idle and the work left would take the new one over a second', () => {
    expect(wantsAnotherWorker(early, idle4)).toBe(true);
  });

  it('does not when our worker and its compiler threads already keep two cores busy', () => {
    expect(wantsAnotherWorker({ ...early, workerCores: 1.7 }, { cores: 2, loadAverage: 0 })).toBe(false);
    expect(wantsAnotherWorker({ ...early, workerCores: 0.9 }, { cores: 2, loadAverage: 0 })).toBe(true);
  });

  it('leaves the cores other processes use (the load average) to them', () => {
    expect(wantsAnotherWorker(early, { cores: 4, loadAverage: 2.5 })).toBe(false);
    expect(wantsAnotherWorker(early, { cores: 4, loadAverage: 2 })).toBe(true);
  });

  it('does not when the work left is too little to amortise a warm-up', () => {
    // 100 tests in 0.5 s with one running: 200 more take about a second, half of it for the new worker.
    expect(wantsAnotherWorker({ ...early, remaining: 200 }, idle4)).toBe(false);
    expect(wantsAnotherWorker({ ...early, remaining: 600 }, idle4)).toBe(true);
  });

  it('asks more work of each further worker: the new one takes over its share of what is left', () => {
    // 2.5 s of work left at the present pace: half of it for a second worker pays, a third of it for a third does not.
    const pace = 200 / 1_000;
    const left = (2.5 * worthMillis) * pace;
    expect(wantsAnotherWorker({ workers: 1, finished: 199, remaining: left, millis: 1_000, newestMillis: 1_000, workerCores: 1 }, { cores: 8, loadAverage: 0 })).toBe(true);
    expect(wantsAnotherWorker({ workers: 2, finished: 198, remaining: left, millis: 1_000, newestMillis: 600, workerCores: 2 }, { cores: 8, loadAverage: 0 })).toBe(false);
  });

  it('counts a test still running when none has finished: ten slow tests get a second worker', () => {
    expect(wantsAnotherWorker({ workers: 1, finished: 0, remaining: 10, millis: 3_000, newestMillis: 3_000, workerCores: 1 }, idle4)).toBe(true);
    expect(wantsAnotherWorker({ workers: 1, finished: 0, remaining: 1, millis: 3_000, newestMillis: 3_000, workerCores: 1 }, idle4)).toBe(false);
  });

  it('waits until the newest worker has run long enough for its CPU use to tell', () => {
    // 40 ms in, a worker has used little CPU: its compiler threads have not started yet.
    expect(wantsAnotherWorker({ ...early, finished: 5, remaining: 1_925, millis: 40, newestMillis: 40, workerCores: 0.3 }, { cores: 2, loadAverage: 0 })).toBe(false);
    expect(wantsAnotherWorker({ ...early, newestMillis: settleMillis - 1 }, idle4)).toBe(false);
  });

  it('never adds one with nothing left to hand out', () => {
    expect(wantsAnotherWorker({ ...early, remaining: 0 }, idle4)).toBe(false);
    expect(wantsAnotherWorker({ ...early, remaining: 1 }, idle4)).toBe(false);
  });
});
