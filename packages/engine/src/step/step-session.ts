// The engine of step mode: a history of steps and the consistent executions
// that agree with it. A step is allowed when at least one execution agrees
// with the history plus that step; every execution that agrees can be
// completed (see `agrees`), so a session never gets stuck.
import { formatValue, valueKey } from '../program/value.ts';
import type { ThreadEvent } from '../program/event.ts';
import { nameValue, type ValueNames } from '../explain/value-names.ts';
import { codeIndex, codeThread, eventCode, type ExecutionDescriptor, type PlayableExecutions } from './playable-executions.ts';
import { aheadReason } from './running-ahead.ts';
import type { CpuChoices, EventView, StepChoice, StepOption, StoreRef } from './step-types.ts';

/** One executed step, by event numbers (see `eventCode`). */
export interface Move {
  readonly cpu: number;
  readonly index: number;
  readonly code: number;
  readonly kind: 'R' | 'W' | 'F';
  readonly loc?: string;
  /** A read: the write it reads from. */
  readonly readFrom?: number;
  /** A write: the executed write it goes right after in coherence order. */
  readonly coAfter?: number;
  /** What the UI shows for it (the value read or written). */
  readonly event: EventView;
  readonly stale: boolean;
  readonly reordered: boolean;
  /** Executed while an earlier event of its CPU was not (lkmm only). */
  readonly ahead: boolean;
  /** With `ahead`: why it may (see `StepOption.reason`). */
  readonly reason?: string;
  /** A read of its own CPU's earlier store, not yet executed (store forwarding; lkmm only). */
  readonly forwarded: boolean;
}

/** A history and what it leaves possible. Immutable; `parent` is the history one step shorter. */
export interface Session {
  readonly machine: PlayableExecutions;
  readonly parent?: Session;
  readonly moves: readonly Move[];
  /** Indices (in `machine.descriptors`) of the executions that agree with `moves`. */
  readonly compatible: readonly number[];
  /** Per CPU, the position of its first event not executed yet: its next event in program order. */
  readonly next: readonly number[];
  /** Every executed event (event numbers); under sc and tso, each CPU's first `next` events. */
  readonly ran: ReadonlySet<number>;
  /** Per location, the executed writes in coherence order (the initial write, first, left out). */
  readonly coOrder: ReadonlyMap<string, readonly number[]>;
  /** Executed write → the step that executed it. */
  readonly stepOf: ReadonlyMap<number, number>;
}

/** A step a CPU may take, with the move it makes. */
export interface SessionOption {
  readonly option: StepOption;
  readonly move: Move;
}

/** The session before any step. */
export function rootSession(machine: PlayableExecutions): Session {
  return {
    machine,
    moves: [],
    compatible: machine.descriptors.map((_, i) => i),
    next: machine.program.threads.map(() => 0),
    ran: new Set(),
    coOrder: new Map(),
    stepOf: new Map(),
  };
}

/** The write a read of `loc` would read on a sequential machine: the newest executed one. */
export function newestStore(s: Session, loc: string): number {
  return s.coOrder.get(loc)?.at(-1) ?? s.machine.initialCode.get(loc)!;
}

function isExecuted(s: Session, code: number): boolean {
  return code < 0 || s.ran.has(code);
}

/**
 * Whether event `index` of `cpu` may execute now in execution `d`: under sc
 * and tso when it is the CPU's next event in program order, under lkmm when
 * every event of its CPU it waits for has executed (running-ahead.ts).
 */
function enabled(s: Session, d: ExecutionDescriptor, cpu: number, index: number): boolean {
  const waits = d.waitsFor?.[cpu]?.[index];
  if (!waits) return index === s.next[cpu];
  for (const j of waits) if (!s.ran.has(eventCode(cpu, j))) return false;
  return true;
}

/**
 * Whether a read of `cpu`'s event `index` may take the value of the store
 * `source` now: an executed store, or under lkmm an earlier store of its own
 * CPU not executed yet, forwarded from the store buffer.
 */
function canRead(s: Session, d: ExecutionDescriptor, cpu: number, index: number, source: number): boolean {
  if (isExecuted(s, source)) return true;
  return d.waitsFor !== undefined && codeThread(source) === cpu && codeIndex(source) < index;
}

/**
 * Whether, under sc, a read of `source` (of `loc`) is a read of the newest
 * store: no executed store to `loc` comes after it in `d`'s coherence order.
 * The initial write comes first in step mode's coherence order, but lock.cat
 * leaves it unordered with an unmatched spin_unlock(), whose execution may
 * still read the initial value afterwards.
 */
function scFresh(s: Session, d: ExecutionDescriptor, source: number, loc: string): boolean {
  if (source === newestStore(s, loc)) return true;
  return source < 0 && (s.coOrder.get(loc) ?? []).every((w) => d.initUnordered.has(w));
}

/**
 * Whether execution `d` agrees with the session's history plus `move`.
 *
 * Under `tso` and `lkmm` that is the axiomatic model's word alone: same
 * events, the move's event may execute now (`enabled`), reads reading the
 * chosen stores, executed writes in the chosen coherence order. Every such
 * execution can be completed: the executed events are closed under what
 * each event waits for and under rf (reads only read executed stores, or
 * under lkmm forward their own CPU's), and in every execution kept those
 * waits plus rf between CPUs have no cycle (playable-executions.ts), so the
 * remaining events have an order.
 *
 * Under `sc` the order of steps is itself the execution's total order
 * (sc.cat: `acyclic po | rf | co | fr`, and the steps linearise it), so in
 * addition each read reads the newest store executed before it (checked
 * where options are made), executed writes come first in coherence order,
 * and no read still to run may read a store that is no longer the newest.
 * These make the history a prefix of a total order of `d`.
 */
export function agrees(s: Session, d: ExecutionDescriptor, move: Move): boolean {
  const e = d.traces[move.cpu]?.events[move.index];
  if (!e || e.kind !== move.kind || e.loc !== move.loc || !sameInstruction(e, move.event)) return false;
  if (!enabled(s, d, move.cpu, move.index)) return false;
  if (move.kind === 'R') return d.rf.get(move.code) === move.readFrom;
  if (move.kind !== 'W' || move.loc === undefined || move.coAfter === undefined) return true;
  // A write running ahead of the read it computes from would differ in value.
  if (e.value !== undefined && formatValue(e.value) !== move.event.value) return false;
  const order = s.coOrder.get(move.loc) ?? [];
  const rank = d.coRank.get(move.code);
  if (rank === undefined) return false;
  const at = move.coAfter < 0 ? 0 : order.indexOf(move.coAfter) + 1;
  const before = move.coAfter < 0 ? 0 : d.coRank.get(move.coAfter) ?? Infinity;
  const after = at < order.length ? d.coRank.get(order[at]!) ?? -1 : Infinity;
  if (!(before < rank && rank < after)) return false;
  if (s.machine.model !== 'sc') return true;
  if (rank !== order.length + 1) return false;
  const overwritten = newestStore(s, move.loc);
  if (overwritten < 0 && d.initUnordered.has(move.code)) return true;
  for (const [r, w] of d.rf) if (w === overwritten && !isExecuted(s, r)) return false;
  return true;
}

/** Whether `e` is the instruction `view` shows (executions differ in the branches they take). */
function sameInstruction(e: ThreadEvent, view: EventView): boolean {
  return e.span.line === view.span.line && e.span.column === view.span.column;
}

/** The session after `move`, or undefined when no execution agrees. */
export function applyMove(s: Session, move: Move): Session | undefined {
  const descriptors = s.machine.descriptors;
  const compatible = s.compatible.filter((i) => agrees(s, descriptors[i]!, move));
  if (compatible.length === 0) return undefined;
  const ran = new Set(s.ran).add(move.code);
  const next = s.next.slice();
  if (move.index === next[move.cpu]) {
    let first = move.index + 1;
    while (ran.has(eventCode(move.cpu, first))) first++;
    next[move.cpu] = first;
  }
  let { coOrder, stepOf } = s;
  if (move.kind === 'W' && move.loc !== undefined) {
    const order = (coOrder.get(move.loc) ?? []).slice();
    order.splice(move.coAfter === undefined || move.coAfter < 0 ? 0 : order.indexOf(move.coAfter) + 1, 0, move.code);
    coOrder = new Map(coOrder).set(move.loc, order);
    stepOf = new Map(stepOf).set(move.code, s.moves.length);
  }
  return { machine: s.machine, parent: s, moves: [...s.moves, move], compatible, next, ran, coOrder, stepOf };
}

/** A store's public name. */
export function storeRef(code: number): StoreRef {
  return code < 0 ? 'initial' : { cpu: codeThread(code), index: codeIndex(code) };
}

/** A store's number, for a read or write of `loc`; undefined for a malformed reference. */
export function storeCode(s: Session, ref: StoreRef, loc: string): number | undefined {
  if (ref === 'initial') return s.machine.initialCode.get(loc);
  if (!Number.isInteger(ref.cpu) || !Number.isInteger(ref.index) || ref.cpu < 0 || ref.index < 0) return undefined;
  return eventCode(ref.cpu, ref.index);
}

/**
 * How the UI shows event `index` of CPU `cpu` (with its value, or without,
 * for a read not yet run): the value also by its kernel name where the
 * program gave it one (`names`).
 */
export function eventView(cpu: number, index: number, e: ThreadEvent, withValue: boolean, names: ValueNames): EventView {
  const value = withValue && e.value !== undefined ? formatValue(e.value) : undefined;
  const named = value !== undefined && e.loc !== undefined ? nameValue(names, e.loc, value) : undefined;
  return {
    cpu,
    index,
    kind: e.kind,
    ...(e.loc !== undefined ? { loc: e.loc } : {}),
    ...(value !== undefined ? { value } : {}),
    ...(named !== undefined ? { named } : {}),
    tags: [...e.tags],
    ...(e.lock ? { lock: e.lock } : {}),
    line: e.span.line,
    span: { line: e.span.line, column: e.span.column, endLine: e.span.endLine, endColumn: e.span.endColumn },
    text: e.text,
  };
}

const optionCache = new WeakMap<Session, readonly (readonly SessionOption[])[]>();

/**
 * Per CPU, every step it may take now (empty when it may not step), in a
 * stable order: its next event in program order first, then the events it
 * may run ahead to, by position.
 */
export function sessionOptions(s: Session): readonly (readonly SessionOption[])[] {
  const known = optionCache.get(s);
  if (known) return known;
  const found = s.next.map(() => new Map<string, SessionOption>());
  // Executions share their threads' traces: an event (by identity) already
  // offered with the same store needs no key.
  const offered = new Map<ThreadEvent, Set<number>>();
  for (const i of s.compatible) {
    const d = s.machine.descriptors[i]!;
    for (let cpu = 0; cpu < s.next.length; cpu++) {
      const first = s.next[cpu]!;
      const events = d.traces[cpu]?.events ?? [];
      // Under sc and tso only the next event in program order may run.
      const end = d.waitsFor ? events.length : Math.min(first + 1, events.length);
      for (let index = first; index < end; index++) {
        const code = eventCode(cpu, index);
        if (s.ran.has(code) || !enabled(s, d, cpu, index)) continue;
        const e = events[index]!;
        const place = placeOf(s, d, cpu, index, e);
        if (!place) continue;
        const store = place.readFrom ?? place.coAfter ?? 0;
        if (offered.get(e)?.has(store)) continue;
        const value = e.kind === 'W' && e.value !== undefined ? valueKey(e.value) : '';
        const key = `${index}/${e.kind}/${e.loc ?? ''}/${store}/${e.span.line}:${e.span.column}/${value}`;
        if (found[cpu]!.has(key)) continue;
        const option = optionOf(s, d, cpu, index, e, place);
        // Under sc an execution may agree on the events yet not on the order;
        // another execution with the same step may still agree.
        if (!agrees(s, d, option.move)) continue;
        found[cpu]!.set(key, option);
        if (!offered.has(e)) offered.set(e, new Set());
        offered.get(e)!.add(store);
      }
    }
  }
  // By position, then stores by step (the initial value first, a forwarded
  // store last); placements in coherence order; then by instruction and
  // value, so the order never depends on the explorer's.
  const rankOf = (o: SessionOption): number => {
    const m = o.move;
    if (m.readFrom !== undefined) return m.readFrom < 0 ? -1 : s.stepOf.get(m.readFrom) ?? Number.MAX_SAFE_INTEGER;
    if (m.coAfter !== undefined && m.loc !== undefined) return m.coAfter < 0 ? -1 : (s.coOrder.get(m.loc) ?? []).indexOf(m.coAfter);
    return 0;
  };
  const result = found.map((options) => distinguish([...options.values()].sort((a, b) =>
    a.move.index - b.move.index || rankOf(a) - rankOf(b) || a.move.kind.localeCompare(b.move.kind)
    || a.move.event.line - b.move.event.line || a.move.event.span.column - b.move.event.span.column
    || (a.move.loc ?? '').localeCompare(b.move.loc ?? '') || (a.move.event.value ?? '').localeCompare(b.move.event.value ?? ''))));
  optionCache.set(s, result);
  return result;
}

/** Where a step of event `index` of `cpu` reads or stores, as execution `d` does: undefined when it may not now. */
interface Place {
  readonly readFrom?: number;
  readonly coAfter?: number;
  readonly stale: boolean;
  readonly reordered: boolean;
  readonly forwarded: boolean;
}

function placeOf(s: Session, d: ExecutionDescriptor, cpu: number, index: number, e: ThreadEvent): Place | undefined {
  const sc = s.machine.model === 'sc';
  const code = eventCode(cpu, index);
  if (e.kind === 'R' && e.loc !== undefined) {
    const readFrom = d.rf.get(code);
    // A lock read whose lock follows an ordinary write in co reads from nothing (location-choices.ts).
    if (readFrom === undefined && e.lock === 'LKR') return { stale: false, reordered: false, forwarded: false };
    if (readFrom === undefined || !canRead(s, d, cpu, index, readFrom)) return undefined;
    const forwarded = !isExecuted(s, readFrom);
    if (sc && !scFresh(s, d, readFrom, e.loc)) return undefined;
    return { readFrom, stale: !forwarded && readFrom !== newestStore(s, e.loc), reordered: false, forwarded };
  }
  if (e.kind === 'W' && e.loc !== undefined) {
    const rank = d.coRank.get(code)!;
    const order = s.coOrder.get(e.loc) ?? [];
    let place = 0;
    while (place < order.length && d.coRank.get(order[place]!)! < rank) place++;
    const reordered = place < order.length;
    if (sc && reordered) return undefined;
    return { coAfter: place === 0 ? s.machine.initialCode.get(e.loc)! : order[place - 1]!, stale: false, reordered, forwarded: false };
  }
  return { stale: false, reordered: false, forwarded: false };
}

/**
 * `options` (one CPU's, sorted) with the choices of any two that would read
 * alike told apart: a CPU may run ahead to events at the same position on
 * different branches (a lock on one, a read on the other), or to a store
 * whose address or value depends on a read not executed yet, so such
 * choices also name the event's line, and its location and value when the
 * line is not enough.
 */
function distinguish(options: SessionOption[]): SessionOption[] {
  // A choice is the CPU, the position (absent in program order) and the store.
  const plain = new Set(options.map(({ move: m }) => `${m.index}/${Math.max(-1, m.readFrom ?? m.coAfter ?? 0)}`));
  if (plain.size === options.length) return options;
  let out = options;
  const extras: ((o: SessionOption) => Partial<StepChoice>)[] = [
    (o) => ({ line: o.move.event.line }),
    (o) => (o.move.loc !== undefined ? { loc: o.move.loc } : {}),
    (o) => (o.move.event.value !== undefined ? { value: o.move.event.value } : {}),
  ];
  for (const extra of extras) {
    const counts = new Map<string, number>();
    for (const o of out) counts.set(JSON.stringify(o.option.choice), (counts.get(JSON.stringify(o.option.choice)) ?? 0) + 1);
    if ([...counts.values()].every((n) => n === 1)) break;
    out = out.map((o) => (counts.get(JSON.stringify(o.option.choice))! > 1 ? withChoice(o, extra(o)) : o));
  }
  return out;
}

function withChoice(o: SessionOption, extra: Partial<StepChoice>): SessionOption {
  return { move: o.move, option: { ...o.option, choice: { ...o.option.choice, ...extra } } };
}

/** The option that executes event `index` of `cpu` as execution `d` does, at `place`. */
function optionOf(s: Session, d: ExecutionDescriptor, cpu: number, index: number, e: ThreadEvent, place: Place): SessionOption {
  const code = eventCode(cpu, index);
  const { readFrom, coAfter, stale, reordered, forwarded } = place;
  const first = s.next[cpu]!;
  const ahead = index > first;
  const events = d.traces[cpu]!.events;
  const reason = ahead
    ? aheadReason(cpu, e, { index: first, event: events[first]! }, forwarded ? events[codeIndex(readFrom!)] : undefined, d.plainUnordered, s.machine.names)
    : undefined;
  const move: Move = {
    cpu, index, code, kind: e.kind,
    ...(e.loc !== undefined ? { loc: e.loc } : {}),
    ...(readFrom !== undefined ? { readFrom } : {}),
    ...(coAfter !== undefined ? { coAfter } : {}),
    event: eventView(cpu, index, e, true, s.machine.names),
    stale,
    reordered,
    ahead,
    ...(reason !== undefined ? { reason } : {}),
    forwarded,
  };
  const readFromStep = readFrom !== undefined && readFrom >= 0 ? s.stepOf.get(readFrom) : undefined;
  const option: StepOption = {
    choice: {
      cpu,
      ...(ahead ? { index } : {}),
      ...(readFrom !== undefined ? { readFrom: storeRef(readFrom) } : {}),
      ...(coAfter !== undefined ? { coAfter: storeRef(coAfter) } : {}),
    },
    event: move.event,
    ...(readFromStep !== undefined ? { readFromStep } : {}),
    ...(e.kind === 'R' ? { stale } : {}),
    ...(e.kind === 'W' ? { latest: !reordered } : {}),
    ...(reason !== undefined ? { ahead: true as const, reason } : {}),
    ...(forwarded ? { forwarded: true as const } : {}),
  };
  return { option, move };
}

/** The public form of `sessionOptions`: only CPUs that may step. */
export function cpuChoices(s: Session): CpuChoices[] {
  return sessionOptions(s).flatMap((options, cpu) =>
    options.length === 0 ? [] : [{ cpu, next: nextEvent(s, cpu)!, options: options.map((o) => o.option) }]);
}

/** The next event of `cpu` in program order (undefined when it is done); a read's value is left out. */
export function nextEvent(s: Session, cpu: number): EventView | undefined {
  const index = s.next[cpu]!;
  for (const i of s.compatible) {
    const e = s.machine.descriptors[i]!.traces[cpu]?.events[index];
    if (e) return eventView(cpu, index, e, e.kind !== 'R', s.machine.names);
  }
  return undefined;
}
