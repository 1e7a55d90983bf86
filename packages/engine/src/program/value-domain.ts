// The values each shared location may hold, computed as a fixpoint: start from
// the initial values, run every thread with reads drawn from what is known so
// far, add every value written, and repeat until nothing new appears. Reads
// then range over these values; rf matching keeps only the justified ones.
//
// These runs take both ways of every branch whose condition depends on a read,
// whatever the value read. herd7 builds every path and solves the values
// afterwards, so a value written on a path that only a value not known yet
// takes is a value all the same: in load buffering through branches (`if (r ==
// 1) y = 1;` on both sides) the 1s justify each other. A value written on a
// path taken the wrong way may never be read; it only costs time.
//
// Each value carries a derivation: the writes (by thread and position) its
// computation went through. In an execution a value never depends on the write
// that produces it (the flow of values through rf and dependencies is
// well-founded), so a write is not credited with values derived from itself:
// an increment of an increment of ... the same atomic_inc() never enters the
// domain, which keeps atomics and refcounts from inflating it.
import type { Span } from '../syntax/diagnostic.ts';
import type { ThreadEvent, ThreadTrace } from './event.ts';
import type { Program, ThreadCode } from './program.ts';
import type { HerdVarNumbering } from './herd-vars.ts';
import { pathBytes, type AbandonedPath, type ReadableValues, type RecordedThreadRun, type ThreadRun, type ThreadRunOptions } from './thread-paths.ts';
import { extendThreadRun, runThread } from './thread-run.ts';
import { cutOffsPassingFilter } from './cut-off-filter.ts';
import { hasLoop } from './has-loop.ts';
import type { Meter } from '../budget/meter.ts';
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
  /** What the traces hold, by the meter's estimate (charged to the meter when one was given; the caller releases it). */
  readonly bytes?: number;
}

export interface TraceBudget {
  /** Most traces per thread. */
  readonly maxTracesPerThread: number;
  /** Most rounds of the value fixpoint. */
  readonly maxRounds: number;
}

export const defaultTraceBudget: TraceBudget = { maxTracesPerThread: 20_000, maxRounds: 32 };

/** A value of a location with one derivation: sorted ids (thread * 65536 + event index) of the writes behind it. */
interface Entry {
  readonly value: Value;
  readonly derivation: readonly number[];
}

/**
 * The values each shared location may hold: what the fixpoint below finds.
 * Fences write no value and change no branch, and an access's ordering
 * (READ_ONCE or smp_load_acquire) changes neither what it reads nor what it
 * writes, so two programs that differ only in those have the same domain:
 * a checker grading many barrier placements of one program computes it once.
 */
export type ValueDomain = ReadonlyMap<string, readonly Value[]>;

/**
 * Runs every thread to a fixpoint of the value domain. With a `meter`, the
 * rounds run in its phase `values` and the final traces in `traces`, each
 * ticking it and charging it for the paths they keep; a `BudgetExceeded` it
 * throws goes to the caller. On return the meter holds the traces' bytes
 * (`TraceSet.bytes`), for the caller to release. `known` skips the fixpoint:
 * the domain of a program that differs from this one only in fences and
 * access orderings (see ValueDomain); it must cover every location, or it is
 * not used.
 */
export function computeTraces(program: Program, textOf: (span: Span) => string, budget: TraceBudget = defaultTraceBudget, meter?: Meter, known?: ValueDomain): TraceSet {
  const base = { unroll: program.unroll, maxTraces: budget.maxTracesPerThread, textOf, herdVars: new Map<ThreadCode, HerdVarNumbering>(), ...(meter ? { meter } : {}) };
  if (known && program.locations.every((loc) => known.has(loc))) {
    return finalTraces(program, base, new Map([...known].map(([loc, values]) => [loc, [...values]])), undefined, meter, meter?.bytesHeld ?? 0);
  }
  const entries = new Map<string, Entry[]>();
  for (const loc of program.locations) entries.set(loc, [{ value: program.initialValues.get(loc) ?? 0, derivation: [] }]);
  // Which threads write each value of each location, for the runs' reads
  // (ThreadRunOptions.readable): credited with the values, from the same runs.
  const writers: Writers = new Map();
  // With a loop, herd7's `Loop` flag comes from candidates its model has not
  // judged yet, incoherent ones included (a loop that spins on a value its own
  // earlier write already hid): reads keep every value of the domain there.
  const restrict = !program.threads.some(hasLoop);
  const readable = (thread: number): Pick<ThreadRunOptions, 'readable'> => (restrict ? { readable: readableFor(program, thread, writers) } : {});
  if (meter) meter.phase = 'values';
  // The meter is charged for every path walked; after each round it holds
  // just the runs kept (what it held before, plus those).
  const before = meter?.bytesHeld ?? 0;
  const settle = (kept: readonly ThreadRun[]): number => {
    if (!meter) return 0;
    const bytes = kept.reduce((sum, run) => sum + runBytes(run), 0);
    meter.release(meter.bytesHeld - before);
    meter.charge(bytes);
    return bytes;
  };

  const rounds = { ...base, forkBranches: true };
  let runs: ThreadRun[] = [];
  let budgetHit: TraceSet['budgetHit'];
  // Each round's domain extends the one before (values are only appended), so
  // a round runs only the paths that read a value new to it (extendThreadRun).
  let previous: { runs: RecordedThreadRun[]; snapshot: ReadonlyMap<string, readonly Entry[]> } | undefined;
  for (let round = 0; ; round++) {
    const snapshot = new Map([...entries].map(([loc, list]) => [loc, list.slice()]));
    const values = new Map([...snapshot].map(([loc, list]) => [loc, list.map((e) => e.value)]));
    const options: ThreadRunOptions = { ...rounds, domain: (loc) => values.get(loc) ?? [0] };
    const before = previous;
    const previousSize = (loc: string) => before?.snapshot.get(loc)?.length ?? 1;
    // The writers only grow after the round's runs (creditWrites), so each run sees those of the rounds before.
    const recorded = program.threads.map((t, i) => extendThreadRun(t, { ...options, ...readable(t.index) }, before?.runs[i], previousSize));
    previous = { runs: recorded, snapshot };
    runs = recorded;
    settle(recorded);
    let grew = false;
    runs.forEach((run, i) => {
      for (const trace of run.traces) {
        meter?.tick();
        if (creditWrites(trace, snapshot, entries, writers)) grew = true;
      }
      // A path that faults later (a dereference of a value it read) wrote
      // its earlier writes all the same, and the path that reads one of them
      // back may be the one that does not fault: `*t = p; r = *t; *r` reads
      // the address only once the domain of t has it. So with a path that
      // stopped at a read of a value not written elsewhere yet: its own
      // earlier write may be the one it reads back (`r = atomic_inc_return(x);
      // s = atomic_inc_return(x)` reads 1 only once 1 is in the domain).
      const thread = program.threads[i]!.index;
      for (const path of [...run.abandoned, ...unreadPaths(run)]) {
        if (path.reason !== 'fault' && path.reason !== 'unread') continue;
        meter?.tick();
        // An unread path's events after its read are no path's (the read cannot take that value).
        const events = path.unread ? path.events.slice(0, path.unread.at) : path.events;
        if (creditWrites({ thread, events, valueFrom: path.valueFrom ?? [] }, snapshot, entries, writers)) grew = true;
      }
    });
    if (runs.some((r) => r.truncated)) {
      budgetHit = 'traces';
      break;
    }
    // A derivation goes through distinct writes, so it is no longer than the
    // writes of one execution: after that many rounds every needed value is known.
    // A thread whose paths all stopped at values not written elsewhere yet
    // has no trace to bound its writes: no bound until each has one.
    const enough = runs.every((run) => run.traces.length > 0) && round + 1 >= maxWritesPerExecution(runs) + 1;
    if (!grew || enough) break;
    if (round + 1 >= budget.maxRounds) {
      budgetHit = 'values';
      break;
    }
  }

  // The traces proper: reads range over distinct values.
  const domain = new Map<string, Value[]>();
  for (const [loc, list] of entries) {
    const seen = new Set<string>();
    const values: Value[] = [];
    for (const e of list) {
      if (seen.has(valueKey(e.value))) continue;
      seen.add(valueKey(e.value));
      values.push(e.value);
    }
    domain.set(loc, values.sort(compareValues));
  }
  // The last round's traces used the domain before its last additions.
  return finalTraces(program, base, domain, budgetHit, meter, before, readable);
}

/** The value domain of `program`, or undefined when a budget cut its computation short. */
export function valueDomain(program: Program, textOf: (span: Span) => string, budget: TraceBudget = defaultTraceBudget): ValueDomain | undefined {
  const traces = computeTraces(program, textOf, budget);
  return traces.budgetHit ? undefined : traces.domain;
}

/**
 * Every thread's traces with reads ranging over `domain`, in the meter's
 * phase `traces`: the runs charge the meter for every path they walk (on top
 * of the rounds' runs, still held), and then it holds just the traces kept,
 * above `floor` (what it held before the value domain).
 */
function finalTraces(
  program: Program,
  base: Omit<ThreadRunOptions, 'domain'>,
  domain: Map<string, Value[]>,
  budgetHit: TraceSet['budgetHit'],
  meter: Meter | undefined,
  floor: number,
  readable: (thread: number) => Pick<ThreadRunOptions, 'readable'> = () => ({}),
): TraceSet {
  if (meter) meter.phase = 'traces';
  const runs = program.threads.map((t) => runThread(t, { ...base, domain: (loc) => domain.get(loc) ?? [0], ...readable(t.index) }));
  const bytes = runs.reduce((sum, run) => sum + runBytes(run), 0);
  if (meter) {
    meter.release(meter.bytesHeld - floor);
    meter.charge(bytes);
  }
  const hit = runs.some((r) => r.truncated) ? 'traces' : budgetHit;
  return {
    threads: runs.map((r) => r.traces),
    domain,
    abandoned: cutOffsPassingFilter(program, runs, readableAbandoned(program, runs, meter)),
    ...(hit ? { budgetHit: hit } : {}),
    ...(meter ? { bytes } : {}),
  };
}

/** What a run's traces and abandoned paths hold, by the meter's estimate. */
function runBytes(run: ThreadRun): number {
  let bytes = 0;
  for (const trace of run.traces) bytes += pathBytes({ choices: [], reads: [], trace });
  for (const abandoned of run.abandoned) bytes += pathBytes({ choices: [], reads: [], abandoned });
  return bytes;
}

/**
 * The abandoned paths some candidate execution may contain. herd7 flags
 * `Loop` only for a cut-off path in a candidate execution, where each read
 * reads from a write of its value; the domain may hold values that no such
 * write makes (a branch taken the wrong way wrote them, see
 * ThreadRunOptions.forkBranches). A path is kept when each value it reads is
 * an initial value, written by the path itself before the read (herd7 flags
 * the cut-off before the model checks coherence), or written by a kept path (trace or
 * abandoned) of another thread.
 */
function readableAbandoned(program: Program, runs: readonly ThreadRun[], meter?: Meter): ThreadRun['abandoned'][] {
  // Nothing to keep when no path was abandoned (most tests): skip indexing every trace's writes.
  if (runs.every((run) => run.abandoned.length === 0)) return runs.map(() => []);
  const key = (e: ThreadEvent) => `${e.loc}\u0000${valueKey(e.value!)}`;
  const ordinary = (e: ThreadEvent) => e.loc !== undefined && e.value !== undefined && e.lock === undefined;
  const initial = new Set(program.locations.map((loc) => `${loc}\u0000${valueKey(program.initialValues.get(loc) ?? 0)}`));
  // Threads whose kept paths write each value.
  const writers = new Map<string, Set<number>>();
  // A read may read its own thread's writes before it, never one after it or
  // its own read-modify-write's (herd7's candidates leave those out: mem.ml
  // map_load_possible_stores, with optace).
  const readable = (thread: number, events: readonly ThreadEvent[]): boolean => {
    const own = new Set<string>();
    return events.every((e) => {
      if (!ordinary(e)) return true;
      const k = key(e);
      if (e.kind === 'W') {
        own.add(k);
        return true;
      }
      return e.kind !== 'R' || initial.has(k) || own.has(k) || [...(writers.get(k) ?? [])].some((t) => t !== thread);
    });
  };
  const pending = runs.flatMap((run, thread) => [
    ...run.traces.map((trace) => ({ thread, events: trace.events, abandoned: undefined })),
    ...run.abandoned.map((path) => ({ thread, events: path.events, abandoned: path })),
  ]);
  const kept = new Set<AbandonedPath>();
  for (let grew = true; grew; ) {
    grew = false;
    for (let i = 0; i < pending.length; ) {
      meter?.tick();
      const path = pending[i]!;
      if (!readable(path.thread, path.events)) {
        i++;
        continue;
      }
      pending[i] = pending[pending.length - 1]!;
      pending.pop();
      if (path.abandoned) kept.add(path.abandoned);
      for (const e of path.events) {
        if (e.kind !== 'W' || !ordinary(e)) continue;
        const threads = writers.get(key(e)) ?? new Set<number>();
        if (!threads.has(path.thread)) grew = true;
        writers.set(key(e), threads.add(path.thread));
      }
    }
  }
  return runs.map((run) => run.abandoned.filter((path) => kept.has(path)));
}

/** The paths of a round's run that stopped at a value not written elsewhere (left out of its `abandoned`). */
function unreadPaths(run: ThreadRun): AbandonedPath[] {
  if (!('paths' in run)) return [];
  const out: AbandonedPath[] = [];
  for (const path of (run as RecordedThreadRun).paths) if (path.abandoned?.reason === 'unread') out.push(path.abandoned);
  return out;
}

/** Per location, per value (its valueKey), the threads whose runs write it. */
type Writers = Map<string, Map<string, Set<number>>>;

/**
 * What thread `thread`'s reads may take besides its own writes: the values
 * the runs so far have other threads write. A value written only by a path
 * that derives it from itself (creditWrites) counts too: the restriction
 * needs an over-approximation of the writes of the traces, not the domain's.
 */
function readableFor(program: Program, thread: number, writers: Writers): ReadableValues {
  // Asked at every read: a set, not a scan of the locations.
  const located = new Set(program.locations);
  return {
    initial: (loc) => (located.has(loc) ? (program.initialValues.get(loc) ?? 0) : undefined),
    writtenElsewhere: (loc, value) => {
      const threads = writers.get(loc)?.get(valueKey(value));
      if (threads === undefined) return false;
      for (const t of threads) if (t !== thread) return true;
      return false;
    },
  };
}

/** Records that `thread` writes `value` to `loc`; whether that is new. */
function addWriter(writers: Writers, loc: string, value: Value, thread: number): boolean {
  let byValue = writers.get(loc);
  if (byValue === undefined) writers.set(loc, (byValue = new Map()));
  const key = valueKey(value);
  const threads = byValue.get(key);
  if (threads === undefined) {
    byValue.set(key, new Set([thread]));
    return true;
  }
  if (threads.has(thread)) return false;
  threads.add(thread);
  return true;
}

/**
 * Adds the values `trace` writes, each with its derivation, unless it would
 * derive from the write itself, and its thread as a writer of each.
 */
function creditWrites(trace: Pick<ThreadTrace, 'thread' | 'events' | 'valueFrom'> & Partial<Pick<ThreadTrace, 'data' | 'expected'>>, snapshot: ReadonlyMap<string, readonly Entry[]>, entries: Map<string, Entry[]>, writers: Writers): boolean {
  const events = trace.events;
  const edges = trace.valueFrom ?? trace.data ?? [];
  // This runs for every trace of every round: plain loops, no maps or closures.
  let grew = false;
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    // Lock events carry no data: their reads-from comes from lock.cat's rules.
    if (e.kind !== 'W' || e.loc === undefined || e.value === undefined || e.lock !== undefined) continue;
    if (addWriter(writers, e.loc, e.value, trace.thread)) grew = true;
    const id = trace.thread * 65536 + i;
    // The derivations of the reads the value is computed from, and the write itself.
    const derivation: number[] = [];
    let self = false;
    for (let k = 0; k < edges.length; k++) {
      if (edges[k]![1] !== i) continue;
      const read = events[edges[k]![0]]!;
      const from = read.loc !== undefined && read.choice !== undefined ? snapshot.get(read.loc)?.[read.choice]?.derivation : undefined;
      if (from === undefined) continue;
      for (const w of from) {
        if (w === id) self = true;
        if (!derivation.includes(w)) derivation.push(w);
      }
    }
    if (self) continue;
    if (!derivation.includes(id)) derivation.push(id);
    derivation.sort((a, b) => a - b);
    if (addEntry(entries, e.loc, { value: e.value, derivation })) grew = true;
  }
  // The values a read-modify-write would have taken its other way with
  // (ThreadTrace.expected): herd7 equates its read with one, and the write
  // it reads from may be a copy of a copy of ... that read, a value that
  // justifies itself, which the equation pins to this one. So it enters the
  // domain, and other threads may read it (its thread counts as a writer for
  // ThreadRunOptions.readable): the copies that carry it are written in later
  // rounds. A read of it that no write of it justifies finds no rf.
  for (const x of trace.expected ?? []) {
    if (addWriter(writers, x.loc, x.value, trace.thread)) grew = true;
    const derivation: number[] = [];
    for (const r of x.deps) {
      const read = events[r];
      const from = read?.loc !== undefined && read.choice !== undefined ? snapshot.get(read.loc)?.[read.choice]?.derivation : undefined;
      for (const w of from ?? []) if (!derivation.includes(w)) derivation.push(w);
    }
    derivation.sort((a, b) => a - b);
    if (addEntry(entries, x.loc, { value: x.value, derivation })) grew = true;
  }
  return grew;
}

function addEntry(entries: Map<string, Entry[]>, loc: string, entry: Entry): boolean {
  let list = entries.get(loc);
  if (list === undefined) entries.set(loc, (list = []));
  let at = -1;
  for (let i = 0; i < list.length; i++) {
    if (sameValueKey(list[i]!.value, entry.value)) {
      at = i;
      break;
    }
  }
  if (at < 0) {
    list.push(entry);
    return true;
  }
  // One entry per value: its derivation is what all the ways to make it share.
  // A smaller derivation only lets more writes use the value, so this is safe.
  const known = list[at]!;
  if (isSubset(known.derivation, entry.derivation)) return false;
  list[at] = { value: known.value, derivation: known.derivation.filter((id) => entry.derivation.includes(id)) };
  return true;
}

/** Whether two values have the same valueKey, without building the keys. */
function sameValueKey(a: Value, b: Value): boolean {
  // Numbers: String(a) === String(b) (0 and -0 alike, NaN like NaN).
  if (typeof a === 'number' || typeof b === 'number') return typeof a === 'number' && typeof b === 'number' && (a === b || (a !== a && b !== b));
  if ('address' in a) return 'address' in b && a.address === b.address;
  return !('address' in b) && a.symbol === b.symbol;
}

/** Whether sorted `a` is a subset of sorted `b`. */
function isSubset(a: readonly number[], b: readonly number[]): boolean {
  let j = 0;
  for (const x of a) {
    while (j < b.length && b[j]! < x) j++;
    if (j >= b.length || b[j] !== x) return false;
    j++;
  }
  return true;
}

/**
 * An upper bound on the ordinary writes of one execution: each thread's
 * longest path, a trace or one stopped at a value not written elsewhere yet,
 * with the expected values of its traces (ThreadTrace.expected) as writes.
 */
function maxWritesPerExecution(runs: readonly ThreadRun[]): number {
  let total = 0;
  for (const run of runs) {
    let most = 0;
    for (const path of [...run.traces, ...unreadPaths(run)]) {
      let writes = 0;
      const end = 'unread' in path && path.unread ? path.unread.at : path.events.length;
      for (let i = 0; i < end; i++) if (path.events[i]!.kind === 'W' && path.events[i]!.lock === undefined) writes++;
      // An expected value enters the domain as a write does (creditWrites).
      if ('expected' in path) writes += path.expected?.length ?? 0;
      most = Math.max(most, writes);
    }
    total += most;
  }
  return total;
}
