// The relations explanations need, derived from a witness alone (plain data
// in, plain data out): program order per thread, reads-from sources, the
// immediate steps of coherence, and from-reads (fr = rf⁻¹ ; co, as
// linux-kernel.cat's `let fr = rf^-1 ; co`).
import type { Witness, WitnessEvent } from '../verdict/verdict.ts';

/** An edge `[from, to]` by event id. */
export type EdgePair = readonly [number, number];

/** A witness indexed for explanations. */
export interface WitnessRelations {
  readonly witness: Witness;
  /** Events by id. */
  readonly byId: ReadonlyMap<number, WitnessEvent>;
  /** Thread numbers that have events, ascending. */
  readonly threads: readonly number[];
  /** Each thread's events in program order. */
  readonly byThread: ReadonlyMap<number, readonly WitnessEvent[]>;
  /** The write each read reads from. */
  readonly source: ReadonlyMap<number, number>;
  /** Coherence order of each location: its writes, initial write first. */
  readonly coOrder: ReadonlyMap<string, readonly number[]>;
  /** co restricted to immediate successors. */
  readonly coImmediate: readonly EdgePair[];
  /** Every fr pair (read → each write co-after the one it read). */
  readonly fr: readonly EdgePair[];
  /** fr restricted to the co-immediate successor of the write read. */
  readonly frImmediate: readonly EdgePair[];
}

/** Indexes `witness`: every list is in a canonical order, so explanations are deterministic. */
export function witnessRelations(witness: Witness): WitnessRelations {
  const byId = new Map<number, WitnessEvent>();
  const threadLists = new Map<number, WitnessEvent[]>();
  for (const e of witness.events) {
    byId.set(e.id, e);
    if (e.thread < 0) continue;
    const list = threadLists.get(e.thread) ?? [];
    list.push(e);
    threadLists.set(e.thread, list);
  }
  for (const list of threadLists.values()) list.sort((a, b) => a.index - b.index);
  const threads = [...threadLists.keys()].sort((a, b) => a - b);
  const source = new Map<number, number>();
  for (const [w, r] of witness.rf) source.set(r, w);

  // co is a strict total order per location: sort each location's writes by
  // how many writes precede them.
  const before = new Map<number, number>();
  const locations = new Map<string, number[]>();
  for (const e of witness.events) {
    if (e.kind !== 'W' || e.loc === undefined) continue;
    before.set(e.id, 0);
    const list = locations.get(e.loc) ?? [];
    list.push(e.id);
    locations.set(e.loc, list);
  }
  for (const [, b] of witness.co) before.set(b, (before.get(b) ?? 0) + 1);
  const coOrder = new Map<string, readonly number[]>();
  const coImmediate: EdgePair[] = [];
  const rank = new Map<number, number>();
  for (const loc of [...locations.keys()].sort()) {
    const order = locations.get(loc)!.filter((w) => inCo(witness, w)).sort((a, b) => before.get(a)! - before.get(b)! || a - b);
    coOrder.set(loc, order);
    order.forEach((w, i) => {
      rank.set(w, i);
      if (i > 0) coImmediate.push([order[i - 1]!, w]);
    });
  }

  const fr: EdgePair[] = [];
  const frImmediate: EdgePair[] = [];
  for (const [r, w] of [...source].sort((a, b) => a[0] - b[0])) {
    const loc = byId.get(w)?.loc;
    const order = loc === undefined ? undefined : coOrder.get(loc);
    const at = rank.get(w);
    if (!order || at === undefined) continue;
    for (let i = at + 1; i < order.length; i++) {
      fr.push([r, order[i]!]);
      if (i === at + 1) frImmediate.push([r, order[i]!]);
    }
  }
  return { witness, byId, threads, byThread: threadLists, source, coOrder, coImmediate, fr, frImmediate };
}

/**
 * Whether write `w` takes part in coherence: initial writes and writes with a
 * co edge do; lock writes left out of co by lock.cat (an unmatched unlock) do not.
 */
function inCo(witness: Witness, w: number): boolean {
  return witness.co.some(([a, b]) => a === w || b === w) || witness.events.find((e) => e.id === w)?.thread === -1;
}

/** Whether `e` is a memory access (a read or a write with a location), not a fence. */
export function isAccess(e: WitnessEvent): boolean {
  return e.kind !== 'F' && e.loc !== undefined;
}

/** `CPU 1`, or `init` for initial writes. */
export function cpuName(thread: number): string {
  return thread < 0 ? 'init' : `CPU ${thread}`;
}

/** The source name of thread `thread` (`P1`). */
export function threadName(thread: number): string {
  return `P${thread}`;
}
