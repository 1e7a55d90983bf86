// The words of kernel-C as the engine knows them, for the editor's
// highlighting and completion: computed at build time from the engine's and
// the exercises package's own tables, so a primitive added there is
// highlighted here without a second list to keep in step.
import { kernelBuiltins, kernelConstants, primitiveNames } from '@barrier-lab/engine';
import { barrierStatements, callCost, defaultCosts, flushingCalls, orderedAccesses } from '@barrier-lab/engine/explain';
import type { Exercise } from '@barrier-lab/exercises';
import type { BarrierWord, KernelCVocabulary } from '../workbench/exercise-view.ts';

/** Every name the highlighter colours, sorted within each group. */
export function kernelCVocabulary(): KernelCVocabulary {
  const barriers = [...barrierStatements.keys()].sort();
  const isBarrier = (name: string) => barrierStatements.has(name);
  return {
    primitives: primitiveNames().filter((name) => !isBarrier(name)),
    barriers,
    builtins: kernelBuiltins().map((b) => b.name).filter((name) => !isBarrier(name)).sort(),
    constants: [...kernelConstants.keys()].sort(),
  };
}

// One line each for the completion list; a builtin's comes from the engine.
const barrierSummaries: Readonly<Record<string, string>> = {
  smp_mb: 'Full barrier: orders every earlier access before every later one.',
  smp_rmb: 'Read barrier: orders earlier reads before later reads.',
  smp_wmb: 'Write barrier: orders earlier writes before later writes.',
  smp_mb__before_atomic: 'Makes the next non-value-returning atomic a full barrier on its earlier side.',
  smp_mb__after_atomic: 'Makes the previous non-value-returning atomic a full barrier on its later side.',
  smp_mb__after_spinlock: 'Makes the spin_lock() just before it a full barrier.',
  smp_mb__after_unlock_lock: 'Makes an unlock followed by a lock a full barrier.',
  smp_load_acquire: 'A read that every later access of this CPU stays after.',
  smp_store_release: 'A write that every earlier access of this CPU stays before.',
  atomic_read_acquire: 'atomic_read() that every later access of this CPU stays after.',
  atomic_set_release: 'atomic_set() that every earlier access of this CPU stays before.',
};

/**
 * The barriers, orderings and flushes `exercise` lets the learner write (its
 * "you may change" data), each with a completion snippet and this
 * exercise's price.
 */
export function barrierWords(exercise: Exercise): BarrierWord[] {
  if (exercise.kind === 'predict') return [];
  const { barriers, orderings, flushes } = exercise.mayChange;
  const names = [...barriers, ...orderings.map((o) => o.ordered), ...flushes.map((f) => f.call)];
  const builtins = new Map(kernelBuiltins().map((b) => [b.name, b]));
  return [...new Set(names)].map((name) => {
    const builtin = builtins.get(name);
    return {
      name,
      snippet: snippetFor(name),
      cost: callCost(name, exercise.costs) ?? 0,
      summary: barrierSummaries[name] ?? builtin?.summary ?? name,
    };
  });
}

/**
 * Every barrier statement and ordered access the engine knows, priced by its
 * default cost table: the completion list of an editor with no exercise
 * (the playground).
 */
export function allBarrierWords(): BarrierWord[] {
  const builtins = new Map(kernelBuiltins().map((b) => [b.name, b]));
  const names = [...barrierStatements.keys(), ...orderedAccesses.map((o) => o.ordered), ...flushingCalls.keys()];
  return [...new Set(names)].map((name) => ({
    name,
    snippet: snippetFor(name),
    cost: callCost(name, defaultCosts) ?? 0,
    summary: barrierSummaries[name] ?? builtins.get(name)?.summary ?? name,
  }));
}

function snippetFor(name: string): string {
  switch (name) {
    case 'smp_load_acquire':
      return 'smp_load_acquire(${1:p})';
    case 'smp_store_release':
      return 'smp_store_release(${1:p}, ${2:1});';
    case 'atomic_read_acquire':
      return 'atomic_read_acquire(${1:v})';
    case 'atomic_set_release':
      return 'atomic_set_release(${1:v}, ${2:1});';
    case 'ptep_clear_flush':
      return 'ptep_clear_flush(${1:pte})';
    default:
      return `${name}();`;
  }
}
