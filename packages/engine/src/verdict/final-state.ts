import type { ConditionTarget } from '../syntax/ast.ts';
import type { Execution } from '../execution/execution.ts';
import type { Value } from '../program/value.ts';

/** Reads a target's final value in an execution. */
export type StateReader = (target: ConditionTarget) => Value;

/**
 * The write that gives `loc` its final value: the last in coherence order
 * that herd7 counts as a store to memory. Lock events (LKW, UL) are not
 * stores to herd7 (herd/CAction.ml, is_mem_store: only lock.cat puts them in
 * W), so a spinlock keeps its initial value unless an ordinary access writes it.
 */
export function lastWrite(x: Execution, loc: string): number {
  const iw = x.initialWrite.get(loc)!;
  const isStore = (w: number) => x.events[w]!.lock === undefined;
  for (const w of x.co.successors(iw)) {
    if (isStore(w) && ![...x.co.successors(w)].some(isStore)) return w;
  }
  return iw;
}

/**
 * The final state of an execution: each register's last value (0 when never
 * assigned, as herd7 does) and each location's co-last write. A value that
 * came out of thin air (`Execution.unsolved`) is read as herd7 prints it.
 */
export function finalState(x: Execution): StateReader {
  const unsolved = x.unsolved;
  return (target) => {
    if (target.kind === 'location') {
      if (!x.initialWrite.has(target.name)) return 0;
      const w = lastWrite(x, target.name);
      return unsolved?.get(w) ?? x.events[w]!.value ?? 0;
    }
    const trace = x.traces.find((t) => t.thread === target.thread);
    if (unsolved) {
      const first = x.events.findIndex((e) => e.thread === target.thread);
      for (const read of trace?.registerDeps?.get(target.name) ?? []) {
        const value = unsolved.get(first + read);
        if (value !== undefined) return value;
      }
    }
    return trace?.registers.get(target.name) ?? 0;
  };
}
