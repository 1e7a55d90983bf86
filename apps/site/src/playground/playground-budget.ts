// The limits of a run: the engine's defaults with a page's changes. Pure and
// engine-free (the defaults come in), so the page's controls and the worker
// read a budget the same way.
import type { Budget } from '@barrier-lab/engine';

/** `defaults` with `changes` applied; only positive whole numbers count. The memory budget is the defaults' (the page does not change it). */
export function budgetOf(changes: Partial<Budget> | undefined, defaults: Budget): Budget {
  const pick = (value: number | undefined, fallback: number) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback);
  return {
    maxEvents: pick(changes?.maxEvents, defaults.maxEvents),
    maxCandidates: pick(changes?.maxCandidates, defaults.maxCandidates),
    maxMillis: pick(changes?.maxMillis, defaults.maxMillis),
    ...(defaults.maxMemoryMb === undefined ? {} : { maxMemoryMb: defaults.maxMemoryMb }),
  };
}
