import type { ConditionTarget } from '../syntax/ast.ts';
import type { Execution } from '../execution/execution.ts';
import type { Value } from '../program/value.ts';

/** Reads a target's final value in an execution. */
export type StateReader = (target: ConditionTarget) => Value;

/** The write to `loc` that is last in coherence order. */
export function lastWrite(x: Execution, loc: string): number {
  const iw = x.initialWrite.get(loc)!;
  for (const w of x.co.successors(iw)) if (x.co.successors(w).isEmpty()) return w;
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
