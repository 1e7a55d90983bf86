// The engine of step mode: a history of steps and the consistent executions
// that agree with it. A step is allowed when at least one execution agrees
// with the history plus that step; every execution that agrees can be
// completed (see `agrees`), so a session never gets stuck.
import { formatValue } from '../program/value.ts';
import type { ThreadEvent } from '../program/event.ts';
import { codeIndex, codeThread, eventCode, type ExecutionDescriptor, type PlayableExecutions } from './playable-executions.ts';
import type { CpuChoices, EventView, StepOption, StoreRef } from './step-types.ts';

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
}

/** A history and what it leaves possible. Immutable; `parent` is the history one step shorter. */
export interface Session {
  readonly machine: PlayableExecutions;
  readonly parent?: Session;
  readonly moves: readonly Move[];
  /** Indices (in `machine.descriptors`) of the executions that agree with `moves`. */
  readonly compatible: readonly number[];
  /** Per CPU, events executed. */
  readonly executed: readonly number[];
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
    executed: machine.program.threads.map(() => 0),
    coOrder: new Map(),
    stepOf: new Map(),
  };
}

/** The write a read of `loc` would read on a sequential machine: the newest executed one. */
export function newestStore(s: Session, loc: string): number {
  return s.coOrder.get(loc)?.at(-1) ?? s.machine.initialCode.get(loc)!;
}

function isExecuted(s: Session, code: number): boolean {
  return code < 0 || codeIndex(code) < (s.executed[codeThread(code)] ?? 0);
}

/**
 * Whether execution `d` agrees with the session's history plus `move`.
 *
 * Under `tso` and `lkmm` that is the axiomatic model's word alone: same
 * events, reads reading the chosen stores, executed writes in the chosen
 * coherence order. Every such execution can be completed, because the
 * executed events are closed under po and rf (reads only read executed
 * stores) and `po | rf` is acyclic in every execution kept.
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
  if (!e || e.kind !== move.kind || e.loc !== move.loc) return false;
  if (move.kind === 'R') return d.rf.get(move.code) === move.readFrom;
  if (move.kind !== 'W' || move.loc === undefined || move.coAfter === undefined) return true;
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
  for (const [r, w] of d.rf) if (w === overwritten && !isExecuted(s, r)) return false;
  return true;
}

/** The session after `move`, or undefined when no execution agrees. */
export function applyMove(s: Session, move: Move): Session | undefined {
  const descriptors = s.machine.descriptors;
  const compatible = s.compatible.filter((i) => agrees(s, descriptors[i]!, move));
  if (compatible.length === 0) return undefined;
  const executed = s.executed.slice();
  executed[move.cpu] = move.index + 1;
  let { coOrder, stepOf } = s;
  if (move.kind === 'W' && move.loc !== undefined) {
    const order = (coOrder.get(move.loc) ?? []).slice();
    order.splice(move.coAfter === undefined || move.coAfter < 0 ? 0 : order.indexOf(move.coAfter) + 1, 0, move.code);
    coOrder = new Map(coOrder).set(move.loc, order);
    stepOf = new Map(stepOf).set(move.code, s.moves.length);
  }
  return { machine: s.machine, parent: s, moves: [...s.moves, move], compatible, executed, coOrder, stepOf };
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

/** How the UI shows event `index` of CPU `cpu` (with its value, or without, for a read not yet run). */
export function eventView(cpu: number, index: number, e: ThreadEvent, withValue: boolean): EventView {
  return {
    cpu,
    index,
    kind: e.kind,
    ...(e.loc !== undefined ? { loc: e.loc } : {}),
    ...(withValue && e.value !== undefined ? { value: formatValue(e.value) } : {}),
    tags: [...e.tags],
    ...(e.lock ? { lock: e.lock } : {}),
    line: e.span.line,
    span: { line: e.span.line, column: e.span.column, endLine: e.span.endLine, endColumn: e.span.endColumn },
    text: e.text,
  };
}

const optionCache = new WeakMap<Session, readonly (readonly SessionOption[])[]>();

/** Per CPU, every step it may take now (empty when it may not step), in a stable order. */
export function sessionOptions(s: Session): readonly (readonly SessionOption[])[] {
  const known = optionCache.get(s);
  if (known) return known;
  const sc = s.machine.model === 'sc';
  const found = s.executed.map(() => new Map<string, SessionOption>());
  for (const i of s.compatible) {
    const d = s.machine.descriptors[i]!;
    s.executed.forEach((index, cpu) => {
      const e = d.traces[cpu]?.events[index];
      if (!e) return;
      const code = eventCode(cpu, index);
      let readFrom: number | undefined;
      let coAfter: number | undefined;
      let stale = false;
      let reordered = false;
      if (e.kind === 'R' && e.loc !== undefined) {
        readFrom = d.rf.get(code);
        // Only stores already executed can be read: steps run each CPU in order.
        if (readFrom === undefined || !isExecuted(s, readFrom)) return;
        stale = readFrom !== newestStore(s, e.loc);
        if (sc && stale) return;
      } else if (e.kind === 'W' && e.loc !== undefined) {
        const rank = d.coRank.get(code)!;
        const order = s.coOrder.get(e.loc) ?? [];
        let place = 0;
        while (place < order.length && d.coRank.get(order[place]!)! < rank) place++;
        coAfter = place === 0 ? s.machine.initialCode.get(e.loc)! : order[place - 1]!;
        reordered = place < order.length;
        if (sc && reordered) return;
      }
      const key = `${e.kind}/${e.loc ?? ''}/${readFrom ?? ''}/${coAfter ?? ''}`;
      if (found[cpu]!.has(key)) return;
      const move: Move = {
        cpu, index, code, kind: e.kind,
        ...(e.loc !== undefined ? { loc: e.loc } : {}),
        ...(readFrom !== undefined ? { readFrom } : {}),
        ...(coAfter !== undefined ? { coAfter } : {}),
        event: eventView(cpu, index, e, true),
        stale,
        reordered,
      };
      // Under sc an execution may agree on the events yet not on the order;
      // another execution with the same step may still agree.
      if (!agrees(s, d, move)) return;
      const readFromStep = readFrom !== undefined && readFrom >= 0 ? s.stepOf.get(readFrom) : undefined;
      const option: StepOption = {
        choice: {
          cpu,
          ...(readFrom !== undefined ? { readFrom: storeRef(readFrom) } : {}),
          ...(coAfter !== undefined ? { coAfter: storeRef(coAfter) } : {}),
        },
        event: move.event,
        ...(readFromStep !== undefined ? { readFromStep } : {}),
        ...(e.kind === 'R' ? { stale } : {}),
        ...(e.kind === 'W' ? { latest: !reordered } : {}),
      };
      found[cpu]!.set(key, { option, move });
    });
  }
  // Stores by step (the initial value first); placements in coherence order.
  const rankOf = (s2: SessionOption): number => {
    const m = s2.move;
    if (m.readFrom !== undefined) return m.readFrom < 0 ? -1 : s.stepOf.get(m.readFrom)!;
    if (m.coAfter !== undefined && m.loc !== undefined) return m.coAfter < 0 ? -1 : (s.coOrder.get(m.loc) ?? []).indexOf(m.coAfter);
    return 0;
  };
  const result = found.map((options) => [...options.values()].sort((a, b) => rankOf(a) - rankOf(b) || a.move.kind.localeCompare(b.move.kind)));
  optionCache.set(s, result);
  return result;
}

/** The public form of `sessionOptions`: only CPUs that may step. */
export function cpuChoices(s: Session): CpuChoices[] {
  return sessionOptions(s).flatMap((options, cpu) =>
    options.length === 0 ? [] : [{ cpu, next: nextEvent(s, cpu)!, options: options.map((o) => o.option) }]);
}

/** The next event of `cpu` (undefined when it is done); a read's value is left out. */
export function nextEvent(s: Session, cpu: number): EventView | undefined {
  const index = s.executed[cpu]!;
  for (const i of s.compatible) {
    const e = s.machine.descriptors[i]!.traces[cpu]?.events[index];
    if (e) return eventView(cpu, index, e, e.kind !== 'R');
  }
  return undefined;
}
