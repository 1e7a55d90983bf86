// Running ahead: under lkmm a CPU may execute a later instruction of its
// program before earlier ones the model does not order it after. This file
// decides, for one consistent execution, which of its own CPU's events each
// event waits for, and says in one line why a step may run ahead.
//
// The rule follows the operational model of the LKMM (tools/memory-model/
// Documentation/explanation.txt, "AN OPERATIONAL MODEL" and "THE
// HAPPENS-BEFORE RELATION: hb"): CPUs execute instructions "not necessarily
// in program order"; "the happens-before relation (hb) links memory accesses
// that have to execute in a certain order", and hb includes ppo and rfe but
// not rfi, because "the operational model allows W's value to be forwarded
// to R in such cases, meaning that R may well execute before W does". So:
//
// - a memory access waits for the accesses of its CPU that hb orders before
//   it (hb's ppo and prop-within-one-CPU parts), and for the accesses ppo
//   orders before it even when they are plain (ppo is defined on every
//   access; only hb leaves plain ones out);
// - a read reads a store of another CPU only once that store has executed
//   (rfe is in hb), but may take the value of its own CPU's earlier store
//   before that store executes (store forwarding: "if there are [unexecuted
//   stores to the same location po-before R], it uses the value of the
//   po-latest such store");
// - a fence runs once every earlier event of its CPU has run, and a later
//   access waits for it only when that access waits for everything before
//   the fence anyway, so fences never make an execution unplayable.
//
// The happens-before axiom (`acyclic hb`) is what makes every consistent
// execution playable: with forwarding, the waits plus rfe are inside hb
// (plain accesses aside), so they have no cycle and some order of steps
// respects them. Plain accesses are the one exception hb does not cover
// (the compiler may see through a dependency, as in
// corpus/lkmm/regressions/Value-cycle-through-fake-dependency.litmus): when
// keeping ppo for them would close a cycle with rfe, that execution's plain
// accesses keep only what hb gives them, which is nothing.
import type { ThreadEvent } from '../program/event.ts';
import { formatValue } from '../program/value.ts';
import { nameValue, type ValueNames } from '../explain/value-names.ts';
import type { Execution } from '../execution/execution.ts';
import { evaluateLkmm } from '../models/lkmm/index.ts';
import { EventSet, type Relation } from '../execution/relation.ts';

/**
 * For each thread and each of its events (by position in program order), the
 * positions of the same thread's earlier events it waits for (all of them,
 * not only the nearest), sorted.
 */
export type WaitsFor = readonly (readonly (readonly number[])[])[];

/** What the events of one execution wait for under lkmm. */
export interface LkmmWaits {
  readonly waitsFor: WaitsFor;
  /** Plain accesses keep only what hb gives them (see the file comment). */
  readonly plainUnordered: boolean;
}

/**
 * What each event of `x` waits for under lkmm (see the file comment), or
 * undefined when those waits and rfe have a cycle, so that no order of steps
 * plays `x` (the happens-before axiom rules that out: the check is a guard).
 * `x` must be consistent under lkmm; a programmer error otherwise.
 */
export function lkmmWaitsFor(x: Execution): LkmmWaits | undefined {
  const relations = evaluateLkmm(x).relations;
  if (!relations) throw new RangeError('lkmmWaitsFor: the execution is not consistent under lkmm');
  const memory = EventSet.of(x.n, x.events.filter((e) => !e.init && e.kind !== 'F').map((e) => e.id));
  const within = (r: Relation) => r.inter(x.int).restrict(memory, memory);
  const rfe = x.rf.inter(x.ext);
  let keep = within(relations.hb.union(relations.ppo));
  // hb is acyclic and contains rfe between marked accesses; ppo between plain
  // accesses is not covered by any axiom (see the file comment).
  const plainUnordered = !keep.union(rfe).isAcyclic();
  if (plainUnordered) keep = within(relations.hb);
  const reach = keep.plus();

  const byThread: number[][] = [];
  for (const e of x.events) if (!e.init) (byThread[e.thread] ??= [])[e.index] = e.id;
  const waitsFor = byThread.map((ids) => {
    // Fences in program order: each waits for everything before it; an access
    // after it waits for it when the access already waits for all of those.
    ids.forEach((f, i) => {
      if (x.events[f]!.kind !== 'F') return;
      const before = ids.slice(0, i);
      for (const b of ids.slice(i + 1)) {
        if (x.events[b]!.kind === 'F') continue;
        if (before.every((a) => reach.has(a, b))) reach.add(f, b);
      }
      for (const a of before) reach.add(a, f);
    });
    return ids.map((b, i) => ids.slice(0, i).flatMap((a, j) => (reach.has(a, b) || x.events[b]!.kind === 'F' ? [j] : [])));
  });
  return reach.union(rfe).isAcyclic() ? { waitsFor, plainUnordered } : undefined;
}

/** The event a step runs ahead of: the first of its CPU's events not yet executed. */
export interface Passed {
  readonly index: number;
  readonly event: ThreadEvent;
}

/** Whether `e` is a plain access (linux-kernel.bell: `Plain = M \ Marked`). */
function isPlain(e: ThreadEvent): boolean {
  return e.kind !== 'F' && e.tags.length === 0 && !e.rmw && e.lock === undefined;
}

/**
 * One line saying why CPU `cpu` may execute `event` before the earlier
 * `passed` under lkmm; `forwardedFrom` is the own store a forwarded read takes
 * its value from (said by its kernel name where `names` gives one);
 * `plainUnordered` as in `LkmmWaits`.
 */
export function aheadReason(cpu: number, event: ThreadEvent, passed: Passed, forwardedFrom?: ThreadEvent, plainUnordered = false, names: ValueNames = {}): string {
  const head = `CPU ${cpu} may execute line ${event.span.line} before line ${passed.event.span.line}`;
  if (forwardedFrom) {
    const value = formatValue(forwardedFrom.value ?? 0);
    return `${head}: it takes ${event.loc}=${(event.loc !== undefined ? nameValue(names, event.loc, value) : undefined) ?? value} from its own store on line ${forwardedFrom.span.line} before that store reaches memory (store forwarding: lkmm's hb leaves out reads of a CPU's own stores)`;
  }
  const p = passed.event;
  if (plainUnordered && (isPlain(p) || isPlain(event))) {
    return `${head}: lkmm orders plain accesses only through happens-before, and this execution needs their program order to give way (the compiler may reorder plain accesses)`;
  }
  if (p.kind === 'F') return `${head}: ${p.text} does not order it after what comes before under lkmm`;
  const why =
    p.kind === 'R' && event.kind === 'W' ? 'nothing orders a read before a later independent write under lkmm'
    : p.kind === 'R' ? 'nothing orders two reads under lkmm without an address dependency, smp_rmb(), an acquire or a full barrier (a control dependency does not: the CPU may speculate)'
    : event.kind === 'W' ? 'nothing orders two writes to different locations under lkmm without smp_wmb(), a release or a full barrier'
    : 'a read may pass an earlier write to another location under lkmm (the write waits in the store buffer) unless a full barrier orders them';
  return `${head}: ${why}`;
}
