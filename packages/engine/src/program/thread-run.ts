// A thread's runs: every path through its code (thread-paths.ts), each run by
// the thread semantics (thread-semantics.ts), in a deterministic order; and
// the value domain's rounds, which extend the run of the round before with
// only the paths that read a value new to the round.
import type { ThreadCode } from './program.ts';
import { Abandon, Choices, compareChoices, pathBytes, runOf, type RecordedThreadRun, type ThreadPath, type ThreadRun, type ThreadRunOptions } from './thread-paths.ts';
import { ThreadMachine } from './thread-semantics.ts';

/**
 * Walks the paths extending `prefix`, in runThread's order, into `paths`;
 * false when it stopped at `limit` traces with paths left (as runThread stops).
 */
function walk(thread: ThreadCode, options: ThreadRunOptions, prefix: readonly number[], limit: number, paths: ThreadPath[]): boolean {
  const choices = new Choices(prefix);
  const meter = options.meter;
  let traces = 0;
  do {
    if (traces >= limit) return false;
    const machine = new ThreadMachine(thread, options, choices);
    let path: ThreadPath;
    try {
      const trace = machine.run();
      path = { ...choices.path(), trace };
      traces++;
    } catch (e) {
      if (!(e instanceof Abandon)) throw e;
      const abandoned = { reason: e.reason, message: e.message, span: e.span, events: machine.eventsSoFar, valueFrom: machine.valueFromSoFar, ...(e.unread ? { unread: e.unread } : {}) };
      path = { ...choices.path(), abandoned: e.reason === 'unroll' ? { ...abandoned, registers: machine.registersSoFar } : abandoned };
    }
    paths.push(path);
    if (meter) {
      meter.charge(pathBytes(path));
      meter.counts.traces++;
      meter.tick();
    }
  } while (choices.advance());
  return true;
}

/** Enumerates every trace of `thread`. */
export function runThread(thread: ThreadCode, options: ThreadRunOptions): ThreadRun {
  const { traces, abandoned, truncated } = recordedRun(thread, options);
  return { traces, abandoned, truncated };
}

function recordedRun(thread: ThreadCode, options: ThreadRunOptions): RecordedThreadRun {
  const paths: ThreadPath[] = [];
  const complete = walk(thread, options, [], options.maxTraces, paths);
  return { ...runOf(paths, options.maxTraces), truncated: !complete };
}

/**
 * runThread, reusing `previous`: a run of the same thread with the same
 * options except a smaller domain, each location's values a prefix of its
 * values now (`previousSize`). A path that reads only values known before is
 * a path of `previous`, the same to the event; only the paths that read a new
 * value somewhere are run, each from the first new value it reads (after a
 * prefix of a previous path). The result is runThread's, in its order.
 */
export function extendThreadRun(thread: ThreadCode, options: ThreadRunOptions, previous: RecordedThreadRun | undefined, previousSize: (loc: string) => number): RecordedThreadRun {
  const limit = options.maxTraces;
  if (!previous || previous.truncated) return recordedRun(thread, options);
  const fresh: ThreadPath[] = [];
  const started = new Set<string>();
  let freshTraces = 0;
  // A path that ended at a read of a value no other thread wrote then
  // (ThreadRunOptions.readable) is taken again, whole, once one may: the
  // other conditions on what the read may take are fixed by the path.
  const readable = options.readable;
  const retried = new Set<ThreadPath>();
  for (const path of previous.paths) {
    const unread = path.abandoned?.unread;
    if (unread === undefined || readable === undefined || !readable.writtenElsewhere(unread.loc, unread.value)) continue;
    retried.add(path);
    started.add(path.choices.join(','));
    const from = fresh.length;
    if (!walk(thread, options, path.choices, limit - freshTraces, fresh)) return recordedRun(thread, options);
    for (let k = from; k < fresh.length; k++) if (fresh[k]!.trace) freshTraces++;
  }
  for (const path of previous.paths) {
    for (let j = 0; j < path.choices.length; j++) {
      const loc = path.reads[j];
      if (loc === undefined) continue;
      const size = options.domain(loc).length;
      for (let c = previousSize(loc); c < size; c++) {
        const prefix = [...path.choices.slice(0, j), c];
        const key = prefix.join(',');
        if (started.has(key)) continue;
        started.add(key);
        const from = fresh.length;
        // Past the limit, runThread stops somewhere in the paths before: take them all again.
        if (!walk(thread, options, prefix, limit - freshTraces, fresh)) return recordedRun(thread, options);
        for (let k = from; k < fresh.length; k++) if (fresh[k]!.trace) freshTraces++;
      }
    }
  }
  if (fresh.length === 0) return previous;
  const kept = retried.size === 0 ? previous.paths : previous.paths.filter((path) => !retried.has(path));
  return runOf([...kept, ...fresh].sort(compareChoices), limit);
}
