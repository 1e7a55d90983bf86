// For one location: every coherence order and reads-from choice that can be
// part of a consistent execution. Coherence (acyclic po-loc | rf | co | fr)
// and RMW atomicity (rmw & (fre ; coe) empty) concern one location at a time
// and hold in every model we support, so each location is settled on its own
// and executions are built only from coherent pieces. Lock locations follow
// lock.cat: co orders the lock-writes, each unlock right after its lock, and
// the lock-reads read from what the rules there allow.
import type { Event } from '../program/event.ts';
import type { Skeleton } from '../execution/execution.ts';

/** One coherent way for a location to behave. */
export interface LocationChoice {
  /** The writes in coherence order, the initial write first. */
  readonly co: readonly number[];
  /** Reads-from edges `[write, read]`. */
  readonly rf: readonly (readonly [number, number])[];
}

export interface LocationChoiceBudget {
  /** Stop after this many coherent choices for one location. */
  readonly maxChoices: number;
  /** Called for every unit of work, so the run's meter can stop a long enumeration. */
  readonly tick?: () => void;
}

/**
 * What locationChoices needs about `loc` that depends only on the skeleton's
 * shape (its events' kinds, locations, locks and relations), not on the
 * values read and written: combinations of traces of the same shapes share it.
 */
export interface LocationPlan {
  /** The location's events (of a skeleton of this shape: their values are not this skeleton's). */
  readonly events: readonly Event[];
  readonly iw: number;
  /** lock.cat's critical sections: each LKW with its UL. */
  readonly critical: ReadonlyMap<number, number>;
  /** More than one LKW without its UL: no coherent choice. */
  readonly impossible: boolean;
  /** The LKW without its UL, which co puts after every other LKW (ordinary writes may follow it). */
  readonly unmatchedLock: number | undefined;
  /** The location's LKW events. */
  readonly lockWrites: readonly number[];
  /** Each thread's writes, in program order, for co to interleave. */
  readonly sequences: readonly (readonly number[])[];
  /** The location's reads (as `events`). */
  readonly reads: readonly Event[];
  /** Per read: the same-location writes of its thread before and after it. */
  readonly ownWritesBefore: readonly (readonly number[])[];
  readonly ownWritesAfter: readonly (readonly number[])[];
  /** Per read: the reads of its thread before it (positions in `reads`). */
  readonly earlierReads: readonly (readonly number[])[];
  readonly rmwPairs: readonly (readonly [number, number])[];
}

/**
 * Whether program order orders a thread's writes `list` (in trace order)
 * one after the other. Two writes of one statement may be unordered
 * (`xchg(x, 1) + xchg(x, 2)`): then co may take them in any order, and the
 * model's coherence check keeps only the orders program order allows.
 */
function inProgramOrder(list: readonly number[], po: Skeleton['po']): boolean {
  for (let i = 1; i < list.length; i++) if (!po.has(list[i - 1]!, list[i]!)) return false;
  return true;
}

/** The value-independent part of locationChoices for `loc` (see LocationPlan). */
export function locationPlan(skeleton: Skeleton, loc: string): LocationPlan {
  // Coherence's program order: two reads of one statement that nothing orders may read in either order.
  const uniproc = skeleton.modelPo ?? skeleton.po;
  const events = skeleton.events.filter((e) => e.loc === loc && e.kind !== 'F');
  const iw = skeleton.initialWrite.get(loc)!;
  const hasLocks = events.some((e) => e.lock !== undefined);
  // Writes ordered by co (UL events are merged in afterwards, as lock.cat does).
  const coWrites = events.filter((e) => e.kind === 'W' && !e.init && e.lock !== 'UL');
  const critical = hasLocks ? matchUnlocks(skeleton, events) : new Map<number, number>();
  const unmatchedLocks = coWrites.filter((e) => e.lock === 'LKW' && !critical.has(e.id));
  const reads = events.filter((e) => e.kind === 'R');
  const byThread = new Map<number, number[]>();
  for (const w of coWrites) {
    const list = byThread.get(w.thread) ?? [];
    list.push(w.id);
    byThread.set(w.thread, list);
  }
  const ordered = hasLocks ? coWrites.concat(events.filter((e) => e.lock === 'UL')) : coWrites;
  return {
    events,
    iw,
    critical,
    impossible: unmatchedLocks.length > 1,
    unmatchedLock: unmatchedLocks[0]?.id,
    lockWrites: coWrites.filter((e) => e.lock === 'LKW').map((e) => e.id),
    sequences: [...byThread.values()].flatMap((list) => (inProgramOrder(list, uniproc) ? [list] : list.map((w) => [w]))),
    reads,
    ownWritesBefore: reads.map((r) => ordered.filter((w) => w.thread === r.thread && uniproc.has(w.id, r.id)).map((w) => w.id)),
    ownWritesAfter: reads.map((r) => ordered.filter((w) => w.thread === r.thread && uniproc.has(r.id, w.id)).map((w) => w.id)),
    earlierReads: reads.map((r) => reads.flatMap((q, i) => (q.thread === r.thread && uniproc.has(q.id, r.id) ? [i] : []))),
    rmwPairs: [...skeleton.rmw.pairs()].filter(([r]) => skeleton.events[r]!.loc === loc),
  };
}

/**
 * Every coherent choice for `loc`; `truncated` when the budget stopped the
 * enumeration. `plan`: locationPlan's for a skeleton of the same shape.
 */
export function locationChoices(skeleton: Skeleton, loc: string, budget: LocationChoiceBudget, plan: LocationPlan = locationPlan(skeleton, loc)): { choices: LocationChoice[]; truncated: boolean } {
  const choices: LocationChoice[] = [];
  let truncated = false;
  if (plan.impossible) return { choices, truncated };
  const { events, iw, critical, unmatchedLock, lockWrites, sequences, reads, ownWritesBefore, ownWritesAfter, earlierReads, rmwPairs } = plan;
  const ev = skeleton.events;
  const uniproc = skeleton.modelPo ?? skeleton.po;
  // Each event's position in the coherence order being tried; -1 when it is in none.
  const position = new Int32Array(skeleton.n).fill(-1);
  const sources: number[][] = reads.map(() => []);
  const chosen = new Array<number>(reads.length);
  let co: number[] = [];
  const tick = budget.tick;
  const assign = (i: number): boolean => {
    tick?.();
    if (i === reads.length) {
      const rf = reads.flatMap((r, k) => (chosen[k] === noSource ? [] : [[chosen[k]!, r.id] as const]));
      if (atomic(skeleton, co, position, rf, rmwPairs)) {
        choices.push({ co, rf });
        if (choices.length >= budget.maxChoices) return false;
      }
      return true;
    }
    const list = sources[i]!;
    const earlier = earlierReads[i]!;
    for (let s = 0; s < list.length; s++) {
      const w = list[s]!;
      chosen[i] = w;
      if (w === noSource) {
        if (!assign(i + 1)) return false;
        continue;
      }
      const p = position[w]!;
      // CoRR: a later read of the thread never reads a co-earlier write.
      if (p >= 0 && earlier.some((k) => chosen[k] !== noSource && position[chosen[k]!]! > p)) continue;
      if (!assign(i + 1)) return false;
    }
    return true;
  };
  for (const order of interleavings(sequences)) {
    tick?.();
    // co0's LKW -> UNMATCHED-LKW (lock.cat): the unmatched lock follows every other LKW.
    if (unmatchedLock !== undefined && lockWrites.some((w) => w !== unmatchedLock && order.indexOf(w) > order.indexOf(unmatchedLock))) continue;
    if (co.length > 0) for (const w of co) position[w] = -1;
    co = [iw];
    for (const w of order) {
      co.push(w);
      const ul = critical.get(w);
      if (ul !== undefined) co.push(ul);
    }
    for (let k = 0; k < co.length; k++) position[co[k]!] = k;
    // Coherence on one location is the absence of five shapes (CoWW, CoRW1,
    // CoRW2, CoWR, CoRR; Alglave et al., "Herding cats", 2014). CoWW holds by
    // construction (co interleaves each thread's writes in program order);
    // the others bound where each read's source may sit in co.
    let none = false;
    for (let i = 0; i < reads.length; i++) {
      // This skeleton's event (the plan's events carry the values of another combination's).
      const r = ev[reads[i]!.id]!;
      let low = 0; // CoWR
      for (const w of ownWritesBefore[i]!) low = Math.max(low, position[w]! < 0 ? 0 : position[w]!);
      let high = co.length; // CoRW
      for (const w of ownWritesAfter[i]!) high = Math.min(high, position[w]! < 0 ? co.length : position[w]!);
      const list = sources[i]!;
      list.length = 0;
      const candidates = r.lock === undefined ? co : readSources(skeleton, r, co, position, events, critical);
      for (const w of candidates) {
        if (r.lock === undefined) {
          // An ordinary read: any non-lock write of the same value that is not after it in its own thread.
          const e = ev[w]!;
          if (e.lock !== undefined || e.value !== r.value || (e.thread === r.thread && uniproc.has(r.id, w))) continue;
        }
        const p = position[w]!;
        // An unlock with no lock to match is in no coherence order (lock.cat
        // merges only `critical` unlocks into co): nothing bounds reading it.
        if (p < 0 ? ev[w]!.lock === 'UL' : p >= low && p < high) list.push(w);
      }
      // An LKR whose LKW follows an ordinary write in co reads from nothing:
      // lock.cat gives it a source only when an IW or UL comes just before.
      if (list.length === 0 && r.lock === 'LKR' && lockReadsNothing(r, co, position, events)) list.push(noSource);
      if (list.length === 0) none = true;
    }
    if (none) continue;
    if (!assign(0)) {
      truncated = true;
      return { choices, truncated };
    }
  }
  return { choices, truncated };
}

/** A chosen source meaning "reads from no write" (see lockReadsNothing). */
const noSource = -1;

/** Whether the co predecessor of lock read `r`'s LKW is an ordinary write (a mixed lock access). */
function lockReadsNothing(r: Event, co: readonly number[], position: Int32Array, events: readonly Event[]): boolean {
  const lkw = events.find((e) => e.lock === 'LKW' && e.thread === r.thread && e.index === r.index + 1);
  const p = lkw ? position[lkw.id]! : -1;
  if (p <= 0) return false;
  const before = events.find((e) => e.id === co[p - 1]);
  return before !== undefined && !before.init && before.lock === undefined;
}

/** RMW atomicity (linux-kernel.cat: empty rmw & (fre ; coe)): no external write between an RMW's source and its write. */
function atomic(
  skeleton: Skeleton,
  co: readonly number[],
  position: Int32Array,
  rf: readonly (readonly [number, number])[],
  rmwPairs: readonly (readonly [number, number])[],
): boolean {
  for (const [r, w] of rmwPairs) {
    const s = rf.find(([, read]) => read === r)?.[0];
    if (s === undefined) continue;
    const ps = position[s]!;
    const pw = position[w]!;
    // Either out of co (never for an RMW's own events): nothing to check.
    if (ps < 0 || pw < 0) continue;
    if (pw <= ps) return false;
    for (let p = ps + 1; p < pw; p++) {
      const between = co[p]!;
      if (skeleton.ext.has(r, between) && skeleton.ext.has(between, w)) return false;
    }
  }
  return true;
}

/** lock.cat's `critical`: each LKW with the first UL after it on its thread (no LKW/UL between). */
function matchUnlocks(skeleton: Skeleton, events: readonly Event[]): Map<number, number> {
  const critical = new Map<number, number>();
  for (const lkw of events.filter((e) => e.lock === 'LKW')) {
    const after = events
      .filter((e) => e.thread === lkw.thread && skeleton.po.has(lkw.id, e.id) && (e.lock === 'LKW' || e.lock === 'UL'))
      .sort((a, b) => a.index - b.index)[0];
    if (after?.lock === 'UL') critical.set(lkw.id, after.id);
  }
  return critical;
}

/** The writes a lock read may read from, given the coherence order (locationChoices checks ordinary reads inline). */
function readSources(
  skeleton: Skeleton,
  r: Event,
  co: readonly number[],
  position: Int32Array,
  events: readonly Event[],
  critical: ReadonlyMap<number, number>,
): number[] {
  const ev = skeleton.events;
  const uniproc = skeleton.modelPo ?? skeleton.po;
  switch (r.lock) {
    case 'LKR': {
      // rf = [IW | UL] ; singlestep(co) ; lk-rmw^-1: the write just before the LKW.
      const lkw = events.find((e) => e.lock === 'LKW' && e.thread === r.thread && e.index === r.index + 1);
      const p = lkw ? position[lkw.id]! : -1;
      if (p < 0 || p === 0) return [];
      const before = ev[co[p - 1]!]!;
      return before.init || before.lock === 'UL' ? [before.id] : [];
    }
    case 'LF':
    case 'RL': {
      // rfi-lf inside the thread's own critical section; otherwise an LKW of another thread.
      const own = events.filter((e) => e.lock === 'LKW' && e.thread === r.thread && skeleton.po.has(e.id, r.id));
      const inside = own.filter((lkw) => {
        const ul = critical.get(lkw.id);
        return ul === undefined || !skeleton.po.has(ul, r.id);
      });
      if (inside.length > 0) return inside.map((e) => e.id);
      return events.filter((e) => e.lock === 'LKW' && e.thread !== r.thread).map((e) => e.id);
    }
    case 'RU': {
      const uls = events.filter((e) => e.lock === 'UL' && e.thread === r.thread && skeleton.po.has(e.id, r.id));
      const last = uls.sort((a, b) => b.index - a.index)[0];
      const external = events.filter((e) => (e.lock === 'UL' || e.init) && e.thread !== r.thread);
      return [...(last ? [last.id] : []), ...external.map((e) => e.id)];
    }
    default:
      // Any other read as an ordinary one (locationChoices filters these inline).
      return co.filter((w) => {
        const e = ev[w]!;
        return e.lock === undefined && e.value === r.value && !(e.thread === r.thread && uniproc.has(r.id, w));
      });
  }
}

/**
 * Every interleaving of the sequences that keeps each one's order, in
 * lexicographic order of the sequence picked at each step. Iterative: a
 * location may have many writes.
 */
export function* interleavings(sequences: readonly (readonly number[])[]): Generator<number[]> {
  const cursor = sequences.map(() => 0);
  const total = sequences.reduce((s, q) => s + q.length, 0);
  const out: number[] = [];
  // picked[k]: the sequence whose element is out[k]; tried[k]: the next sequence to try at step k.
  const picked: number[] = [];
  const tried: number[] = [0];
  if (total === 0) {
    yield [];
    return;
  }
  while (tried.length > 0) {
    const k = tried.length - 1;
    if (picked.length > k) {
      // Back at step k: undo its last pick.
      const i = picked.pop()!;
      cursor[i]!--;
      out.pop();
    }
    let i = tried[k]!;
    while (i < sequences.length && cursor[i]! >= sequences[i]!.length) i++;
    if (i >= sequences.length) {
      tried.pop();
      continue;
    }
    tried[k] = i + 1;
    out.push(sequences[i]![cursor[i]!]!);
    cursor[i]!++;
    picked.push(i);
    if (out.length === total) yield out.slice();
    else tried.push(0);
  }
}

/** The cartesian product of the lists, in lexicographic order. */
export function* product<T>(lists: readonly (readonly T[])[]): Generator<T[]> {
  const index = lists.map(() => 0);
  if (lists.some((l) => l.length === 0)) return;
  for (;;) {
    yield index.map((i, k) => lists[k]![i]!);
    let k = lists.length - 1;
    while (k >= 0) {
      index[k]!++;
      if (index[k]! < lists[k]!.length) break;
      index[k] = 0;
      k--;
    }
    if (k < 0) return;
  }
}
