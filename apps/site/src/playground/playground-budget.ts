// The limits of a run: the engine's defaults with a page's changes. Pure and
// engine-free (the defaults come in), so the page's controls, the share
// links, the stored playground and the worker read a budget the same way.
import type { Budget } from '@barrier-lab/engine';

/**
 * The memory limits (MB) the playground accepts. Below 16 MB hardly a test
 * fits; above 4 GB a tab's worker runs out of heap before the engine's
 * estimate reaches the limit, so the limit would never stop anything.
 */
export const memoryLimitMb = { min: 16, max: 4096 } as const;

/** Whether `value` is a memory limit the playground accepts: a whole number of MB within {@link memoryLimitMb}. */
export function isMemoryLimit(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= memoryLimitMb.min && value <= memoryLimitMb.max;
}

/** `defaults` with `changes` applied; only positive whole numbers count, and a memory limit only within {@link memoryLimitMb}. */
export function budgetOf(changes: Partial<Budget> | undefined, defaults: Budget): Budget {
  const pick = (value: number | undefined, fallback: number) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback);
  const memory = isMemoryLimit(changes?.maxMemoryMb) ? changes.maxMemoryMb : defaults.maxMemoryMb;
  return {
    maxEvents: pick(changes?.maxEvents, defaults.maxEvents),
    maxCandidates: pick(changes?.maxCandidates, defaults.maxCandidates),
    maxMillis: pick(changes?.maxMillis, defaults.maxMillis),
    ...(memory === undefined ? {} : { maxMemoryMb: memory }),
  };
}
