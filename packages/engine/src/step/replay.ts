// Playing a given execution (a verdict's witness, a counterexample) step by
// step: an order of its events that runs each event after what it waits for
// and each read after the store it reads (or, under lkmm, forwarded from its
// own CPU's store), with each read's source and each write's place in
// coherence order taken from the execution.
import { formatValue } from '../program/value.ts';
import type { Witness } from '../verdict/verdict.ts';
import { codeIndex, codeThread, eventCode, type ExecutionDescriptor, type PlayableExecutions } from './playable-executions.ts';
import { agrees, applyMove, sessionOptions, type Session } from './step-session.ts';
import { sessionOf } from './step-mode.ts';
import type { ReplayResult, StepChoice, StepState } from './step-types.ts';

/**
 * The steps that play `witness` from the start of `state`'s session (apply
 * them to `reset(state)`), ending in the witness's final state.
 *
 * The order is the most sequential one the execution has: a topological
 * order of `po | rf | co | fr` when there is one (then every read sees the
 * newest store and every write lands last, as on a sequential machine), else
 * of `po | rf | co`, else of `po | rf`; under lkmm, when `po | rf` has a
 * cycle (load buffering), the same three with program order weakened to
 * what each event waits for (running ahead), and last with reads of a CPU's
 * own stores forwarded. Ties go to the next event in program order of the
 * CPU that ran last, then of the lowest-numbered CPU, then to running ahead,
 * so the learner sees each CPU run in order as long as it can. Every
 * execution of the session's test and model plays; a witness of another
 * test or model gives `ok: false` with the reason.
 */
export function replay(state: StepState, witness: Witness): ReplayResult {
  let root = sessionOf(state);
  while (root.parent) root = root.parent;
  const { machine } = root;
  const found = descriptorIndex(machine).get(witnessKey(machine, witness));
  if (found === undefined) {
    return { ok: false, reason: `this is not an execution of this test under ${machine.model}: no execution of the test reads and stores as it does` };
  }
  const d = machine.descriptors[found]!;
  for (const edges of candidateOrders(machine, d)) {
    const order = topologicalOrder(d, edges);
    const steps = order && play(root, found, order);
    if (steps) return { ok: true, steps };
  }
  // Unreachable: waits plus rf between CPUs have no cycle in a kept execution.
  return { ok: false, reason: `no order of steps plays this ${machine.model} execution` };
}

type Edge = readonly [number, number];

/** The orders to try, most sequential first (see `replay`). */
function* candidateOrders(machine: PlayableExecutions, d: ExecutionDescriptor): Generator<Edge[]> {
  const po: Edge[] = [];
  const waits: Edge[] = [];
  d.traces.forEach((trace, cpu) => trace?.events.forEach((_, index) => {
    if (index > 0) po.push([eventCode(cpu, index - 1), eventCode(cpu, index)]);
    for (const j of d.waitsFor?.[cpu]?.[index] ?? []) waits.push([eventCode(cpu, j), eventCode(cpu, index)]);
  }));
  const rf: Edge[] = [];
  const rfe: Edge[] = [];
  for (const [r, w] of d.rf) {
    if (w < 0) continue;
    rf.push([w, r]);
    if (codeThread(w) !== codeThread(r)) rfe.push([w, r]);
  }
  // Writes to each location in coherence order (the initial write first).
  const writes = new Map<string, number[]>();
  const locOf = (code: number) => d.traces[codeThread(code)]!.events[codeIndex(code)]!.loc!;
  for (const [w] of [...d.coRank].sort((a, b) => a[1] - b[1])) writes.set(locOf(w), [...(writes.get(locOf(w)) ?? []), w]);
  const co: Edge[] = [];
  for (const list of writes.values()) for (let k = 1; k < list.length; k++) co.push([list[k - 1]!, list[k]!]);
  const fr: Edge[] = [];
  for (const [r, w] of d.rf) {
    const loc = w < 0 ? machine.program.locations[-1 - w]! : locOf(w);
    const rank = w < 0 ? 0 : d.coRank.get(w)!;
    for (const later of writes.get(loc) ?? []) {
      if (later === r || d.coRank.get(later)! <= rank || (w < 0 && d.initUnordered.has(later))) continue;
      fr.push([r, later]);
    }
  }
  yield [...po, ...rf, ...co, ...fr];
  yield [...po, ...rf, ...co];
  yield [...po, ...rf];
  if (!d.waitsFor) return;
  yield [...waits, ...rf, ...co, ...fr];
  yield [...waits, ...rf, ...co];
  yield [...waits, ...rf];
  yield [...waits, ...rfe];
}

/**
 * A topological order of `d`'s events under `edges`, or undefined when they
 * have a cycle. Among ready events it takes the next event in program order
 * of the CPU that ran last, then of the lowest-numbered CPU, then the
 * earliest event some CPU may run ahead to.
 */
function topologicalOrder(d: ExecutionDescriptor, edges: readonly Edge[]): number[] | undefined {
  const events = d.traces.flatMap((trace, cpu) => trace?.events.map((_, index) => eventCode(cpu, index)) ?? []);
  const indegree = new Map(events.map((e) => [e, 0]));
  const successors = new Map<number, number[]>();
  for (const [a, b] of edges) {
    if (!indegree.has(a) || !indegree.has(b) || a === b) continue;
    indegree.set(b, indegree.get(b)! + 1);
    successors.set(a, [...(successors.get(a) ?? []), b]);
  }
  const next = d.traces.map(() => 0);
  const out: number[] = [];
  let current = -1;
  while (out.length < events.length) {
    const ready = events.filter((e) => indegree.get(e) === 0);
    if (ready.length === 0) return undefined;
    const inOrder = ready.filter((e) => codeIndex(e) === next[codeThread(e)]);
    const pick = inOrder.find((e) => codeThread(e) === current) ?? inOrder[0] ?? ready.find((e) => codeThread(e) === current) ?? ready[0]!;
    out.push(pick);
    current = codeThread(pick);
    indegree.set(pick, -1);
    for (const b of successors.get(pick) ?? []) indegree.set(b, indegree.get(b)! - 1);
    const done = new Set(out);
    while (done.has(eventCode(current, next[current]!))) next[current]!++;
  }
  return out;
}

/** The choices that play execution number `found` in `order` from `root`, or undefined when the session refuses one. */
function play(root: Session, found: number, order: readonly number[]): StepChoice[] | undefined {
  const d = root.machine.descriptors[found]!;
  let s = root;
  const steps: StepChoice[] = [];
  for (const code of order) {
    const cpu = codeThread(code);
    const index = codeIndex(code);
    const e = d.traces[cpu]!.events[index]!;
    let coAfter: number | undefined;
    if (e.kind === 'W' && e.loc !== undefined) {
      // Right after the executed store to the same location that is latest in co before it.
      const rank = d.coRank.get(code)!;
      coAfter = s.machine.initialCode.get(e.loc)!;
      for (const w of s.coOrder.get(e.loc) ?? []) if (d.coRank.get(w)! < rank) coAfter = w;
    }
    const option = (sessionOptions(s)[cpu] ?? []).find((o) =>
      o.move.index === index
      && (e.kind !== 'R' || o.move.readFrom === d.rf.get(code))
      && (e.kind !== 'W' || o.move.coAfter === coAfter)
      && agrees(s, d, o.move));
    if (!option) return undefined;
    s = applyMove(s, option.move)!;
    steps.push(option.option.choice);
  }
  const finished = s.next.every((n, cpu) => n === (d.traces[cpu]?.events.length ?? 0));
  return finished && s.compatible.includes(found) ? steps : undefined;
}

/** A key naming one execution by its events, reads-from and coherence order (each sorted by event number). */
function executionKey(
  events: readonly (readonly [number, string, number, number])[],
  rf: readonly Edge[],
  coRank: readonly Edge[],
): string {
  const byCode = <T extends readonly [number, ...unknown[]]>(list: readonly T[]) => [...list].sort((a, b) => a[0] - b[0]);
  return JSON.stringify([byCode(events), byCode(rf), byCode(coRank)]);
}

const indexes = new WeakMap<PlayableExecutions, Map<string, number>>();

/** Each playable execution's key → its number, built once per machine. */
function descriptorIndex(machine: PlayableExecutions): Map<string, number> {
  let index = indexes.get(machine);
  if (index) return index;
  index = new Map();
  machine.descriptors.forEach((d, i) => {
    const events = d.traces.flatMap((trace, cpu) => trace?.events.map((e, k) =>
      [eventCode(cpu, k), `${e.kind}${e.loc ?? ''}=${e.value === undefined ? '' : formatValue(e.value)}`, e.span.line, e.span.column] as const) ?? []);
    index!.set(executionKey(events, [...d.rf], [...d.coRank]), i);
  });
  indexes.set(machine, index);
  return index;
}

/** The key of `witness` (see `executionKey`), its events numbered as the machine numbers them. */
function witnessKey(machine: PlayableExecutions, witness: Witness): string {
  const byId = new Map(witness.events.map((e) => [e.id, e]));
  const codeOf = (id: number): number => {
    const e = byId.get(id);
    if (!e) return Number.NaN;
    return e.thread < 0 ? machine.initialCode.get(e.loc ?? '') ?? Number.NaN : eventCode(e.thread, e.index);
  };
  const events = witness.events.filter((e) => e.thread >= 0).map((e) =>
    [codeOf(e.id), `${e.kind}${e.loc ?? ''}=${e.value ?? ''}`, e.span.line, e.span.column] as const);
  const rf = witness.rf.map(([w, r]) => [codeOf(r), codeOf(w)] as const);
  // As playable-executions.ts ranks writes: 1 + the writes before it in co, the initial write aside.
  const rank = new Map<number, number>();
  for (const e of witness.events) if (e.kind === 'W' && e.thread >= 0) rank.set(e.id, 1);
  for (const [a, w] of witness.co) if ((byId.get(a)?.thread ?? -1) >= 0 && rank.has(w)) rank.set(w, rank.get(w)! + 1);
  return executionKey(events, rf, [...rank].map(([id, k]) => [codeOf(id), k] as const));
}
