// Recomputes a witness's final state from the witness alone (its events and
// co edges) plus the thread traces, so the property tests can check that each
// state a verdict reports is really the state of the execution it shows.
import type { ThreadTrace } from '../src/program/event.ts';
import type { Program } from '../src/program/program.ts';
import type { TraceSet } from '../src/program/value-domain.ts';
import { formatValue, type Value } from '../src/program/value.ts';
import type { StateEntry, Witness, WitnessEvent } from '../src/verdict/verdict.ts';
import { formatTarget, holds } from '../src/verdict/condition.ts';

/** The witness's final state: entries as herd7 prints them, and whether the condition holds there. */
export interface WitnessState {
  readonly entries: readonly StateEntry[];
  readonly satisfies: boolean;
}

/**
 * The final state of `witness`: each register from the thread trace whose
 * events are the witness's (0 when never assigned, as herd7 does), each
 * location from its co-last write. Throws when no trace matches a thread's
 * events, or a location has no single co-last write: a witness that is not
 * an execution of the program.
 */
export function witnessState(program: Program, traces: TraceSet, witness: Witness): WitnessState {
  const byThread = new Map<number, WitnessEvent[]>();
  for (const e of witness.events) {
    if (e.thread < 0) continue;
    const list = byThread.get(e.thread) ?? [];
    list.push(e);
    byThread.set(e.thread, list);
  }
  const traceOf = new Map<number, ThreadTrace>();
  traces.threads.forEach((list, t) => {
    const events = byThread.get(t) ?? [];
    const match = list.find((trace) => sameEvents(trace, events));
    if (!match) throw new Error(`no trace of P${t} has the witness's events`);
    traceOf.set(t, match);
  });
  // The value of a witness event: initial writes from the init block, others from the trace.
  const valueOf = (e: WitnessEvent): Value => {
    if (e.thread < 0) return program.initialValues.get(e.loc!) ?? 0;
    const index = byThread.get(e.thread)!.indexOf(e);
    return traceOf.get(e.thread)!.events[index]!.value ?? 0;
  };
  const read = (target: Parameters<typeof formatTarget>[0]): Value => {
    if (target.kind === 'register') return traceOf.get(target.thread)?.registers.get(target.name) ?? 0;
    const writes = witness.events.filter((e) => e.kind === 'W' && e.loc === target.name);
    if (writes.length === 0) return 0;
    const last = writes.filter((w) => !witness.co.some(([a, b]) => a === w.id && writes.some((v) => v.id === b)));
    if (last.length !== 1) throw new Error(`[${target.name}] has ${last.length} co-last writes in the witness`);
    return valueOf(last[0]!);
  };
  return {
    entries: program.observed.map((t) => ({ target: formatTarget(t), value: formatValue(read(t)) })),
    satisfies: holds(program.condition.prop, read),
  };
}

function sameEvents(trace: ThreadTrace, events: readonly WitnessEvent[]): boolean {
  if (trace.events.length !== events.length) return false;
  return trace.events.every((e, i) => {
    const w = events[i]!;
    return e.kind === w.kind && e.loc === w.loc && e.lock === w.lock
      && (e.value === undefined ? w.value === undefined : formatValue(e.value) === w.value)
      && e.tags.length === w.tags.length && e.tags.every((tag, k) => tag === w.tags[k]);
  });
}
