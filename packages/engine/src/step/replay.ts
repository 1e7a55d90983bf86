// Playing a given execution (a verdict's witness, a counterexample) step by
// step: an order of its events that runs each CPU in program order and each
// read after the store it reads, with each read's source and each write's
// place in coherence order taken from the execution.
import type { Witness, WitnessEvent } from '../verdict/verdict.ts';
import { eventCode } from './playable-executions.ts';
import { applyMove, storeRef, type Session } from './step-session.ts';
import { matchChoice, sessionOf } from './step-mode.ts';
import type { ReplayResult, StepChoice, StepState } from './step-types.ts';

/**
 * The steps that play `witness` from the start of `state`'s session (apply
 * them to `reset(state)`), ending in the witness's final state.
 *
 * The order is a topological order of `po | rf | co | fr` when there is one
 * (then every read sees the newest store and every write lands last, as on a
 * sequential machine), else of `po | rf | co`, else of `po | rf`; ties go to
 * the CPU that ran last, then to the lowest-numbered CPU, so the learner sees
 * each CPU run as long as it can. An execution with a `po | rf` cycle (load
 * buffering) has no such order and cannot be played; nor can an execution
 * of another test or model. Those give `ok: false` with the reason.
 */
export function replay(state: StepState, witness: Witness): ReplayResult {
  let root = sessionOf(state);
  while (root.parent) root = root.parent;
  const { machine } = root;
  const events = witness.events;
  const byId = new Map(events.map((e) => [e.id, e]));
  // Position of each event in its thread's program order.
  const index = new Map<number, number>();
  const counts = new Map<number, number>();
  for (const e of events) {
    if (e.thread < 0) continue;
    const i = counts.get(e.thread) ?? 0;
    index.set(e.id, i);
    counts.set(e.thread, i + 1);
  }
  const codeOf = (e: WitnessEvent): number | undefined =>
    e.thread < 0 ? machine.initialCode.get(e.loc ?? '') : eventCode(e.thread, index.get(e.id)!);
  const source = new Map<number, number>();
  for (const [w, r] of witness.rf) source.set(r, w);
  const coRank = new Map<number, number>();
  for (const [, w] of witness.co) coRank.set(w, (coRank.get(w) ?? 0) + 1);
  const rankOf = (id: number) => coRank.get(id) ?? 0;

  const ordered = events.filter((e) => e.thread >= 0);
  const poEdges: [number, number][] = [];
  const last = new Map<number, number>();
  for (const e of ordered) {
    const before = last.get(e.thread);
    if (before !== undefined) poEdges.push([before, e.id]);
    last.set(e.thread, e.id);
  }
  const threadEvent = (id: number) => (byId.get(id)?.thread ?? -1) >= 0;
  const rfEdges = witness.rf.filter(([w]) => threadEvent(w)).map(([w, r]) => [w, r] as [number, number]);
  const coEdges = witness.co.filter(([a, b]) => threadEvent(a) && threadEvent(b)).map(([a, b]) => [a, b] as [number, number]);
  const frEdges: [number, number][] = [];
  for (const [r, w] of source) {
    for (const [a, b] of witness.co) if (a === w && b !== r && threadEvent(b)) frEdges.push([r, b]);
  }
  const order =
    topologicalOrder(ordered, [...poEdges, ...rfEdges, ...coEdges, ...frEdges])
    ?? topologicalOrder(ordered, [...poEdges, ...rfEdges, ...coEdges])
    ?? topologicalOrder(ordered, [...poEdges, ...rfEdges]);
  if (!order) {
    return {
      ok: false,
      reason: 'in this execution a read reads a store that can only be executed after it (a po | rf cycle, as in load buffering): steps run each CPU in program order, so no order of steps plays it',
    };
  }

  let s: Session = root;
  const steps: StepChoice[] = [];
  for (const e of order) {
    let choice: StepChoice = { cpu: e.thread };
    if (e.kind === 'R' && source.has(e.id)) {
      const w = byId.get(source.get(e.id)!);
      const code = w ? codeOf(w) : undefined;
      if (code !== undefined) choice = { cpu: e.thread, readFrom: storeRef(code) };
    } else if (e.kind === 'W' && e.loc !== undefined) {
      // Right after the executed store to the same location that is latest in co before it.
      let after: number | undefined;
      for (const other of ordered) {
        if (other.kind !== 'W' || other.loc !== e.loc || other === e || rankOf(other.id) >= rankOf(e.id)) continue;
        const code = codeOf(other)!;
        if (!s.stepOf.has(code)) continue;
        if (after === undefined || rankOf(other.id) > rankOf(after)) after = other.id;
      }
      choice = { cpu: e.thread, coAfter: after === undefined ? 'initial' : storeRef(codeOf(byId.get(after)!)!) };
    }
    const option = matchChoice(s, choice);
    if (!option || option.move.kind !== e.kind) {
      const next = s.compatible.map((i) => machine.descriptors[i]!.traces[e.thread]?.events[s.executed[e.thread]!]).find((x) => x);
      const sameEvent = next !== undefined && next.kind === e.kind && next.loc === e.loc;
      return {
        ok: false,
        reason: sameEvent
          ? `step ${steps.length + 1} (P${e.thread}: ${e.text}) is not possible after the steps before it: no ${machine.model} execution that agrees with them reads or stores as this one does`
          : `step ${steps.length + 1} (P${e.thread}: ${e.text}) is not possible: this is not an execution of this test under ${machine.model}`,
      };
    }
    s = applyMove(s, option.move)!;
    steps.push(option.option.choice);
  }
  if (s.executed.some((n, cpu) => n !== (counts.get(cpu) ?? 0))) {
    return { ok: false, reason: `this is not an execution of this test under ${machine.model}: its CPUs run different events` };
  }
  return { ok: true, steps };
}

/**
 * A topological order of `events` under `edges` (ids), or undefined when they
 * have a cycle. Among ready events it keeps to the CPU that ran last, then
 * takes the lowest-numbered CPU.
 */
function topologicalOrder(events: readonly WitnessEvent[], edges: readonly (readonly [number, number])[]): WitnessEvent[] | undefined {
  const indegree = new Map(events.map((e) => [e.id, 0]));
  const successors = new Map<number, number[]>();
  for (const [a, b] of edges) {
    if (!indegree.has(a) || !indegree.has(b) || a === b) continue;
    indegree.set(b, indegree.get(b)! + 1);
    successors.set(a, [...(successors.get(a) ?? []), b]);
  }
  const out: WitnessEvent[] = [];
  let current = -1;
  while (out.length < events.length) {
    const ready = events.filter((e) => indegree.get(e.id) === 0);
    if (ready.length === 0) return undefined;
    const next = ready.find((e) => e.thread === current) ?? ready.reduce((a, b) => (b.thread < a.thread ? b : a));
    out.push(next);
    current = next.thread;
    indegree.set(next.id, -1);
    for (const b of successors.get(next.id) ?? []) indegree.set(b, indegree.get(b)! - 1);
  }
  return out;
}
