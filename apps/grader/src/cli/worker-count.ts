// How many worker processes a `barrier-lab litmus` run uses when --jobs is
// not given: one to begin with, and one more each time the run has enough
// work left for it and a core to run it on. On a two-core machine one
// worker already keeps most of both cores busy during its warm-up (V8
// compiles and collects garbage on threads of its own: 4.4 s of CPU in 2.6 s
// over 1,930 small tests), and a second one, warming up on its own, made the
// same run slower (3.3 s). With more cores, or a run of heavy tests, more
// workers pay; the pool measures, this decides.
import type { PoolProgress } from './worker-pool.ts';

/** What the machine has and how busy it is. */
export interface MachineLoad {
  /** Cores this process may use (`os.availableParallelism()`). */
  readonly cores: number;
  /** Runnable processes over the last minute (`os.loadavg()[0]`; 0 where the system has none, as on Windows). */
  readonly loadAverage: number;
}

/**
 * Least work, in milliseconds of the run's present pace, that a new worker
 * would take over for it to pay: starting it costs ~0.1 s, and it runs its
 * first few hundred tests at half speed or less while V8 compiles the engine.
 */
export const worthMillis = 1_000;

/**
 * How long the newest worker must have run before deciding: its CPU use is
 * measured over its lifetime, and V8's compiler threads get busy only once
 * the engine's code is hot, a few hundred milliseconds in.
 */
export const settleMillis = 500;

/**
 * Whether a run going as `progress` says should start one more worker: a
 * whole core must be idle (the machine's cores, less the load average, less
 * what our own workers use: the load average lags and may count part of
 * ours, so this errs toward fewer workers), and its share of the tests
 * not yet running must come to at least `worthMillis` at the present pace.
 */
export function wantsAnotherWorker(progress: PoolProgress, machine: MachineLoad): boolean {
  const idleCores = machine.cores - machine.loadAverage - progress.workerCores;
  // The tasks running stay where they are: a new worker could take only the others.
  const movable = progress.remaining - progress.workers;
  if (idleCores < 1 || movable <= 0 || progress.newestMillis < settleMillis) return false;
  // The running tasks count as finished: a pace that errs fast, so that the work left errs small.
  const perMilli = (progress.finished + progress.workers) / progress.millis;
  const leftMillis = movable / perMilli;
  return leftMillis / (progress.workers + 1) >= worthMillis;
}
