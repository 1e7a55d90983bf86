// The cycle at the heart of a weak outcome: program order inside each CPU
// and communication (rf, co, fr) between them, as in the litmus-test
// literature's "critical cycles" (Shasha & Snir 1988; Alglave, Maranget,
// Tautschnig 2014). An execution with such a cycle is not sequentially
// consistent; forbidding the outcome means ordering every po segment of it
// strongly enough, and the barriers on its segments are the ones that pair.
import type { Witness, WitnessEvent } from '../verdict/verdict.ts';
import { isAccess, threadName, witnessRelations } from './witness-relations.ts';

export type CycleEdgeKind = 'po' | 'rf' | 'co' | 'fr';

export interface CycleEdge {
  readonly from: number;
  readonly to: number;
  readonly kind: CycleEdgeKind;
  readonly external: boolean;
}

/** What orders a po segment: a fence between its ends, an acquire or release end, a dependency. */
export interface SegmentOrdering {
  readonly kind: 'fence' | 'acquire' | 'release' | 'full-rmw' | 'addr' | 'data' | 'ctrl' | 'rcu-reader';
  /** The event carrying it (the fence, the acquire/release access, the dependency's target). */
  readonly event: number;
  readonly line: number;
  /** Its source text (`smp_wmb()`, `smp_load_acquire(y)`). */
  readonly text: string;
}

/** The part of the cycle inside one CPU: from `first` to `last` in program order (equal when one event). */
export interface CycleSegment {
  readonly thread: number;
  readonly first: number;
  readonly last: number;
  readonly firstLine: number;
  readonly lastLine: number;
  /** `W`/`R` of the ends: `WW`, `RR`, `WR`, `RW`, or one letter for a single event. */
  readonly ends: string;
  /** The communication edge leaving the segment. */
  readonly leaving: CycleEdgeKind;
  readonly orderings: readonly SegmentOrdering[];
}

/** Names of the classic shapes this module recognises. */
export type ShapeName = 'MP' | 'SB' | 'LB' | 'S' | 'R' | '2+2W' | 'WRC' | 'ISA2' | 'IRIW' | 'RWC' | '3.SB' | '3.LB' | '3.2W';

export interface CommunicationCycle {
  /** The events of the cycle, starting at the smallest id. */
  readonly events: readonly number[];
  readonly edges: readonly CycleEdge[];
  readonly segments: readonly CycleSegment[];
  readonly shape?: ShapeName;
  /** `message passing (MP)` and the like, or a description of the cycle. */
  readonly shapeDescription: string;
}

const shapes: readonly (readonly [ShapeName, string, string])[] = [
  ['MP', 'WW rf RR fr', 'message passing'],
  ['SB', 'WR fr WR fr', 'store buffering'],
  ['LB', 'RW rf RW rf', 'load buffering'],
  ['S', 'WW rf RW co', 'the S pattern (a write ordered after a read of a flag)'],
  ['R', 'WW co WR fr', 'the R pattern (a store racing with a store-then-load)'],
  ['2+2W', 'WW co WW co', 'two CPUs each writing two locations (2+2W)'],
  ['WRC', 'W rf RW rf RR fr', 'write-to-read causality'],
  ['ISA2', 'WW rf RW rf RR fr', 'message passing through a third CPU (ISA2)'],
  ['IRIW', 'W rf RR fr W rf RR fr', 'independent reads of independent writes'],
  ['RWC', 'W rf RR fr WR fr', 'read-to-write causality'],
  ['3.SB', 'WR fr WR fr WR fr', 'store buffering among three CPUs'],
  ['3.LB', 'RW rf RW rf RW rf', 'load buffering among three CPUs'],
  ['3.2W', 'WW co WW co WW co', 'three CPUs each writing two locations'],
];

/**
 * The shortest cycle of po ∪ rf ∪ co ∪ fr through the accesses of
 * `witness` (initial writes cannot be on one), or undefined when there is
 * none: then the execution is sequentially consistent. po is taken whole,
 * so each CPU contributes one segment. Ties go to the cycle found first
 * from the smallest event id, so the answer is deterministic.
 */
export function communicationCycle(witness: Witness): CommunicationCycle | undefined {
  const rel = witnessRelations(witness);
  const nodes = witness.events.filter((e) => e.thread >= 0 && isAccess(e)).map((e) => e.id).sort((a, b) => a - b);
  const inNodes = new Set(nodes);
  const out = new Map<number, CycleEdge[]>(nodes.map((n) => [n, []]));
  const add = (from: number, to: number, kind: CycleEdgeKind) => {
    if (!inNodes.has(from) || !inNodes.has(to)) return;
    const external = rel.byId.get(from)!.thread !== rel.byId.get(to)!.thread;
    out.get(from)!.push({ from, to, kind, external });
  };
  for (const t of rel.threads) {
    const list = rel.byThread.get(t)!.filter(isAccess);
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) add(list[i]!.id, list[j]!.id, 'po');
  }
  for (const [a, b] of witness.rf) add(a, b, 'rf');
  for (const [a, b] of witness.co) add(a, b, 'co');
  for (const [a, b] of rel.fr) add(a, b, 'fr');
  for (const list of out.values()) list.sort((p, q) => p.to - q.to || p.kind.localeCompare(q.kind));

  let best: CycleEdge[] | undefined;
  for (const start of nodes) {
    const path = shortestReturn(start, out);
    if (path && (!best || path.length < best.length)) best = path;
  }
  if (!best) return undefined;
  const segments = segmentsOf(best, rel.byId, witness);
  const signature = segments.map((s) => `${s.ends} ${s.leaving}`);
  const shape = matchShape(signature);
  return {
    events: best.map((e) => e.from),
    edges: best,
    segments,
    ...(shape ? { shape: shape[0] } : {}),
    shapeDescription: shape ? `${shape[2]} (${shape[0]})` : `a cycle ${signature.join(' ')} across ${segments.length} CPUs`,
  };
}

/** Breadth-first: the shortest path from `start` back to itself. */
function shortestReturn(start: number, out: ReadonlyMap<number, readonly CycleEdge[]>): CycleEdge[] | undefined {
  const via = new Map<number, CycleEdge>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const at = queue[head]!;
    for (const e of out.get(at)!) {
      if (e.to === start) {
        const path = [e];
        for (let n = at; n !== start; n = via.get(n)!.from) path.unshift(via.get(n)!);
        return path;
      }
      if (via.has(e.to)) continue;
      via.set(e.to, e);
      queue.push(e.to);
    }
  }
  return undefined;
}

/**
 * Splits a cycle into per-CPU segments: maximal runs joined by po (and by
 * internal communication, which stays inside one CPU), each followed by the
 * external edge that leaves it. Rotated to start after an external edge.
 */
function segmentsOf(cycle: readonly CycleEdge[], byId: ReadonlyMap<number, WitnessEvent>, witness: Witness): CycleSegment[] {
  const firstExternal = cycle.findIndex((e) => e.external);
  if (firstExternal < 0) {
    // A cycle inside one CPU (a coherence violation): one segment.
    const e0 = byId.get(cycle[0]!.from)!;
    return [segment(e0, e0, cycle[cycle.length - 1]!.kind, byId, witness)];
  }
  const rotated = [...cycle.slice(firstExternal + 1), ...cycle.slice(0, firstExternal + 1)];
  const out: CycleSegment[] = [];
  let first = byId.get(rotated[0]!.from)!;
  for (const e of rotated) {
    if (!e.external) continue;
    out.push(segment(first, byId.get(e.from)!, e.kind, byId, witness));
    first = byId.get(e.to)!;
  }
  return out;
}

function segment(first: WitnessEvent, last: WitnessEvent, leaving: CycleEdgeKind, byId: ReadonlyMap<number, WitnessEvent>, witness: Witness): CycleSegment {
  const ends = first.id === last.id ? first.kind : `${first.kind}${last.kind}`;
  return {
    thread: first.thread,
    first: first.id,
    last: last.id,
    firstLine: first.line,
    lastLine: last.line,
    ends,
    leaving,
    orderings: first.id === last.id ? [] : segmentOrderings(first, last, byId, witness),
  };
}

/** What in the witness orders `first` before `last` (same CPU, po-before). */
export function segmentOrderings(first: WitnessEvent, last: WitnessEvent, byId: ReadonlyMap<number, WitnessEvent>, witness: Witness): SegmentOrdering[] {
  const out: SegmentOrdering[] = [];
  const at = (e: WitnessEvent, kind: SegmentOrdering['kind']) => out.push({ kind, event: e.id, line: e.line, text: e.text });
  if (first.tags.includes('ACQUIRE')) at(first, 'acquire');
  if (first.tags.includes('MB') && first.kind !== 'F') at(first, 'full-rmw');
  for (const e of witness.events) {
    if (e.thread === first.thread && e.kind === 'F' && e.index > first.index && e.index < last.index) at(e, 'fence');
  }
  if (last.tags.includes('RELEASE')) at(last, 'release');
  if (last.tags.includes('MB') && last.kind !== 'F' && last.id !== first.id) at(last, 'full-rmw');
  for (const kind of ['addr', 'data', 'ctrl'] as const) {
    if (witness[kind].some(([a, b]) => a === first.id && b === last.id)) at(byId.get(last.id)!, kind);
  }
  // An RCU read-side critical section around the segment: what a grace period on another CPU pairs with.
  const mine = witness.events.filter((e) => e.thread === first.thread && e.kind === 'F');
  const lock = mine.filter((e) => e.tags.includes('rcu-lock') && e.index < first.index).pop();
  if (lock && mine.some((e) => e.tags.includes('rcu-unlock') && e.index > last.index)) at(lock, 'rcu-reader');
  return out;
}

function matchShape(signature: readonly string[]): readonly [ShapeName, string, string] | undefined {
  for (let r = 0; r < signature.length; r++) {
    const text = [...signature.slice(r), ...signature.slice(0, r)].join(' ');
    const found = shapes.find(([, pattern]) => pattern === text);
    if (found) return found;
  }
  return undefined;
}

/** `smp_wmb() in P0 (line 12)`: how explanations name an ordering. */
export function describeOrdering(thread: number, o: Pick<SegmentOrdering, 'kind' | 'line' | 'text'>): string {
  const what = o.kind === 'addr' ? 'the address dependency' : o.kind === 'data' ? 'the data dependency' : o.kind === 'ctrl' ? 'the control dependency'
    : o.kind === 'rcu-reader' ? 'the RCU read-side critical section' : o.text;
  return `${what} in ${threadName(thread)} (line ${o.line})`;
}
