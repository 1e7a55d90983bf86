import type { Event, LocalEdge, ThreadEvent, ThreadTrace } from '../program/event.ts';
import { EventSet, Relation } from './relation.ts';
import { noInitialValue, type Value } from '../program/value.ts';

/**
 * Everything about a candidate execution that does not depend on rf and co:
 * the events (initial writes first, then each thread's in program order) and
 * the relations fixed by the threads' traces.
 */
export interface Skeleton {
  readonly n: number;
  readonly events: readonly Event[];
  readonly traces: readonly ThreadTrace[];
  /** Program order: strict, total within each thread. */
  readonly po: Relation;
  /**
   * Program order as herd7's model sees it: po without the pairs of one
   * statement that nothing orders (ThreadTrace.unorderedInStatement). Absent
   * when it is po.
   */
  readonly modelPo?: Relation;
  readonly addr: Relation;
  readonly data: Relation;
  readonly ctrl: Relation;
  /** Read → write of each atomic read-modify-write instruction (not lock events). */
  readonly rmw: Relation;
  /** Read → write whose value is computed from it (see ThreadTrace.valueFrom); not a model relation. */
  readonly valueFrom: Relation;
  /** Reads whose values some thread computes with (see ThreadTrace.computedWith); not a model relation. */
  readonly computedWith?: EventSet;
  /** Reads whose values herd7 equates with a constant (see ThreadTrace.equated); not a model relation. */
  readonly equated?: EventSet;
  /** Source → read that herd7 equates with a value built from it (see ThreadTrace.equatedWith); not a model relation. */
  readonly equatedWith?: Relation;
  /** Same thread (initial writes belong to none). */
  readonly int: Relation;
  /** Different threads, or an initial write and anything else. */
  readonly ext: Relation;
  /** Same location (accesses, and synchronize_srcu() with its srcu_struct). */
  readonly loc: Relation;
  /** The initial write of each location. */
  readonly initialWrite: ReadonlyMap<string, number>;
  /** Locations whose final value the test looks at (herd7's FW are their last writes). */
  readonly observedLocations: ReadonlySet<string>;
  /**
   * What models derive from the skeleton's events and relations alone, by
   * model, shared by the skeletons reshaped from it and their executions (a
   * slot here rather than a WeakMap beside: V8's young-generation collector
   * keeps a WeakMap's young entries alive, and with them a test's relations).
   */
  readonly derived?: Map<string, unknown>;
}

/** A candidate execution: a skeleton with reads-from and coherence order. */
export interface Execution extends Skeleton {
  /** Reads-from, write → read. */
  readonly rf: Relation;
  /** Coherence: strict total order of the writes to each location. */
  readonly co: Relation;
  /**
   * Events whose values justify themselves (a cycle of plain copies), with
   * the unsolved value herd7 gives them (explore/value-cycles.ts); their
   * `value` fields hold one concrete stand-in.
   */
  readonly unsolved?: ReadonlyMap<number, Value>;
}

/** Builds the skeleton of one combination of thread traces. */
export function buildSkeleton(
  locations: readonly string[],
  initialValues: ReadonlyMap<string, Event['value']>,
  traces: readonly ThreadTrace[],
  observedLocations: ReadonlySet<string> = new Set(),
): Skeleton {
  const events: Event[] = [];
  const initialWrite = new Map<string, number>();
  for (const loc of locations) {
    initialWrite.set(loc, events.length);
    events.push(numberedEvent({
      kind: 'W', loc, value: initialValues.get(loc) ?? 0, tags: [], rmw: false,
      span: { line: 0, column: 0, endLine: 0, endColumn: 0 },
      text: initialValues.get(loc) === noInitialValue ? `${loc}: no initial value (an offset from a location)` : `${loc} = initial value`,
    }, events.length, -1, -1, true, initialValues.get(loc) ?? 0));
  }
  const offsets: number[] = [];
  for (const trace of traces) {
    offsets.push(events.length);
    const list = trace.events;
    for (let index = 0; index < list.length; index++) {
      const e = list[index]!;
      events.push(numberedEvent(e, events.length, trace.thread, index, false, e.value));
    }
  }
  const n = events.length;
  const po = new Relation(n);
  const int = new Relation(n);
  const addr = new Relation(n);
  const data = new Relation(n);
  const ctrl = new Relation(n);
  const rmw = new Relation(n);
  const valueFrom = new Relation(n);
  const computedWith = EventSet.of(n, []);
  const equated = EventSet.of(n, []);
  const equatedWith = new Relation(n);
  traces.forEach((trace, t) => {
    const base = offsets[t]!;
    const count = trace.events.length;
    for (let i = 0; i < count; i++) {
      int.add(base + i, base + i);
      for (let j = i + 1; j < count; j++) {
        po.add(base + i, base + j);
        int.add(base + i, base + j);
        int.add(base + j, base + i);
      }
    }
    for (const [a, b] of trace.addr) addr.add(base + a, base + b);
    for (const [a, b] of trace.data) data.add(base + a, base + b);
    for (const [a, b] of trace.ctrl) ctrl.add(base + a, base + b);
    for (const [a, b] of trace.rmw) rmw.add(base + a, base + b);
    for (const [a, b] of trace.valueFrom ?? trace.data) valueFrom.add(base + a, base + b);
    for (const a of trace.computedWith ?? trace.ctrl.map(([r]) => r)) computedWith.add(base + a);
    for (const a of trace.equated ?? []) equated.add(base + a);
    for (const [a, b] of trace.equatedWith ?? []) equatedWith.add(base + a, base + b);
  });
  // After the loop: po is complete only once every trace is in.
  let modelPo: Relation | undefined;
  traces.forEach((trace, t) => {
    for (const [a, b] of trace.unorderedInStatement ?? []) (modelPo ??= po.clone()).delete(offsets[t]! + a, offsets[t]! + b);
  });
  // herd7 puts each initial write in a thread of its own.
  for (let i = 0; i < locations.length; i++) int.add(i, i);
  const ext = Relation.product(EventSet.all(n), EventSet.all(n)).minus(int);
  const loc = new Relation(n);
  for (const a of events) {
    if (a.loc === undefined) continue;
    for (const b of events) if (b.loc === a.loc) loc.add(a.id, b.id);
  }
  // Every property listed, modelPo too when undefined: skeletons keep one shape (see withRfCo).
  return {
    n, events, traces, po, modelPo,
    addr, data, ctrl, rmw, valueFrom, computedWith, equated, equatedWith, int, ext, loc, initialWrite, observedLocations, derived: new Map(),
  };
}

/**
 * The execution of `skeleton` with reads-from `rf` and coherence `co`. Every
 * property is listed (not spread): this runs for every candidate, and a
 * spread of this many properties builds a slow, large object.
 */
export function withRfCo(s: Skeleton, rf: Relation, co: Relation): Execution {
  // Every property of Execution but `unsolved`: a property added to skeletons must be copied here.
  const x: { [K in Exclude<keyof Required<Execution>, 'unsolved'>]: Execution[K] } = {
    n: s.n, events: s.events, traces: s.traces, po: s.po, modelPo: s.modelPo, addr: s.addr, data: s.data, ctrl: s.ctrl, rmw: s.rmw,
    valueFrom: s.valueFrom, computedWith: s.computedWith, equated: s.equated, equatedWith: s.equatedWith, int: s.int, ext: s.ext, loc: s.loc,
    initialWrite: s.initialWrite, observedLocations: s.observedLocations, derived: s.derived, rf, co,
  };
  return x;
}

/**
 * Whether two traces have the same shape: everything about them but the
 * values read and written (the thread, each event's kind, location, tags,
 * lock kind, rmw flag and source position, the edges, the reads computed
 * with or equated). Combinations of traces with the same shapes share their
 * skeleton's relations, so models can cache what does not depend on rf and co.
 */
export function sameTraceShape(a: ThreadTrace, b: ThreadTrace): boolean {
  if (a === b) return true;
  if (a.thread !== b.thread || a.events.length !== b.events.length) return false;
  for (let i = 0; i < a.events.length; i++) {
    const x = a.events[i]!;
    const y = b.events[i]!;
    if (x.kind !== y.kind || x.loc !== y.loc || x.lock !== y.lock || x.rmw !== y.rmw) return false;
    if (x.span.line !== y.span.line || x.span.column !== y.span.column) return false;
    if (x.tags !== y.tags && !sameList(x.tags, y.tags)) return false;
  }
  return sameEdges(a.rmw, b.rmw) && sameEdges(a.addr, b.addr) && sameEdges(a.data, b.data) && sameEdges(a.ctrl, b.ctrl)
    && sameEdges(a.valueFrom ?? [], b.valueFrom ?? [])
    && sameList(a.computedWith ?? [], b.computedWith ?? []) && sameList(a.equated ?? [], b.equated ?? [])
    && sameEdges(a.equatedWith ?? [], b.equatedWith ?? [])
    && sameEdges(a.unorderedInStatement ?? [], b.unorderedInStatement ?? []);
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameEdges(a: readonly LocalEdge[], b: readonly LocalEdge[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]![0] !== b[i]![0] || a[i]![1] !== b[i]![1]) return false;
  return true;
}

/**
 * A skeleton for `traces`, reusing the relations of `cached` (built for traces
 * of the same shapes): only the events, which carry the values, are new.
 */
export function reshapeSkeleton(cached: Skeleton, traces: readonly ThreadTrace[]): Skeleton {
  const events: Event[] = cached.events.slice(0, cached.initialWrite.size);
  for (const trace of traces) {
    for (const e of trace.events) {
      const template = cached.events[events.length]!;
      events.push(numberedEvent(template, template.id, template.thread, template.index, template.init, e.value));
    }
  }
  // Listed, not spread (see withRfCo): a property added to skeletons must be copied here.
  const s = cached;
  const skeleton: { [K in keyof Required<Skeleton>]: Skeleton[K] } = {
    n: s.n, events, traces, po: s.po, modelPo: s.modelPo, addr: s.addr, data: s.data, ctrl: s.ctrl, rmw: s.rmw,
    valueFrom: s.valueFrom, computedWith: s.computedWith, equated: s.equated, equatedWith: s.equatedWith, int: s.int, ext: s.ext, loc: s.loc,
    initialWrite: s.initialWrite, observedLocations: s.observedLocations, derived: s.derived,
  };
  return skeleton;
}

/**
 * A thread event numbered in an execution, with `value`. Every event is built
 * here with the same properties in the same order (absent ones undefined), so
 * they all share one shape: this runs for every event of every skeleton, and
 * copying events of a dozen different shapes with a spread is slow.
 */
function numberedEvent(e: ThreadEvent, id: number, thread: number, index: number, init: boolean, value: Event['value']): Event {
  // Every property of Event, optional ones included: a property added to events must be copied here.
  const event: { [K in keyof Required<Event>]: Event[K] } = {
    kind: e.kind, loc: e.loc, value, tags: e.tags, lock: e.lock, rmw: e.rmw, span: e.span, text: e.text, choice: e.choice,
    id, thread, index, init,
  };
  return event;
}
