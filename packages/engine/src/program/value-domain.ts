// The values each shared location may hold, computed as a fixpoint: start from
// the initial values, run every thread with reads drawn from what is known so
// far, add every value written, and repeat until nothing new appears. Reads
// then range over these values; rf matching keeps only the justified ones.
import type { Span } from '../syntax/diagnostic.ts';
import type { ThreadTrace } from './event.ts';
import type { Program } from './program.ts';
import { runThread, type ThreadRun } from './thread-semantics.ts';
import { compareValues, valueKey, type Value } from './value.ts';

export interface TraceSet {
  /** Per thread, every trace. */
  readonly threads: readonly (readonly ThreadTrace[])[];
  /** Per location, every value a read may return. */
  readonly domain: ReadonlyMap<string, readonly Value[]>;
  /** Paths abandoned at the unroll bound or by a fault, per thread. */
  readonly abandoned: readonly ThreadRun['abandoned'][];
  /** Set when a budget stopped the computation. */
  readonly budgetHit?: 'traces' | 'values';
}

export interface TraceBudget {
  /** Most traces per thread. */
  readonly maxTracesPerThread: number;
  /** Most rounds of the value fixpoint. */
  readonly maxRounds: number;
}

export const defaultTraceBudget: TraceBudget = { maxTracesPerThread: 20_000, maxRounds: 32 };

/** Runs every thread to a fixpoint of the value domain. */
export function computeTraces(program: Program, textOf: (span: Span) => string, budget: TraceBudget = defaultTraceBudget): TraceSet {
  const domain = new Map<string, Value[]>();
  const keys = new Map<string, Set<string>>();
  const addValue = (loc: string, v: Value): boolean => {
    let seen = keys.get(loc);
    if (!seen) {
      seen = new Set();
      keys.set(loc, seen);
      domain.set(loc, []);
    }
    const k = valueKey(v);
    if (seen.has(k)) return false;
    seen.add(k);
    domain.get(loc)!.push(v);
    return true;
  };
  for (const loc of program.locations) addValue(loc, program.initialValues.get(loc) ?? 0);

  const options = {
    domain: (loc: string) => domain.get(loc) ?? [0],
    unroll: program.unroll,
    maxTraces: budget.maxTracesPerThread,
    textOf,
  };
  for (let round = 0; ; round++) {
    const runs = program.threads.map((t) => runThread(t, options));
    let grew = false;
    for (const run of runs) {
      for (const trace of run.traces) {
        for (const e of trace.events) {
          // Lock events carry no data: their reads-from comes from lock.cat's rules.
          if (e.kind === 'W' && e.loc !== undefined && e.value !== undefined && e.lock === undefined) {
            if (addValue(e.loc, e.value)) grew = true;
          }
        }
      }
    }
    const truncated = runs.some((r) => r.truncated);
    // A value read in an execution was written by a chain of distinct write
    // events, each computing its value from the one before (rf's value flow
    // is well-founded). Such a chain is no longer than the writes of one
    // execution, so after that many rounds every needed value is known, even
    // when spurious ones (an increment of an increment of ...) keep coming.
    const enough = round + 1 >= maxWritesPerExecution(runs) + 1;
    if (!grew || truncated || enough || round + 1 >= budget.maxRounds) {
      for (const values of domain.values()) values.sort(compareValues);
      const budgetHit = truncated ? 'traces' as const : grew && !enough ? 'values' as const : undefined;
      return {
        threads: runs.map((r) => r.traces),
        domain,
        abandoned: runs.map((r) => r.abandoned),
        ...(budgetHit ? { budgetHit } : {}),
      };
    }
  }
}

/** An upper bound on the ordinary writes of one execution: each thread's longest trace. */
function maxWritesPerExecution(runs: readonly ThreadRun[]): number {
  let total = 0;
  for (const run of runs) {
    let most = 0;
    for (const trace of run.traces) {
      let writes = 0;
      for (const e of trace.events) if (e.kind === 'W' && e.lock === undefined) writes++;
      most = Math.max(most, writes);
    }
    total += most;
  }
  return total;
}
