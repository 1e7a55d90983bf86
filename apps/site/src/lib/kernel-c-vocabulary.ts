// The words of kernel-C as the engine knows them, for the editor's
// highlighting and completion: computed at build time from the engine's and
// the exercises package's own tables, so a primitive added there is
// highlighted here without a second list to keep in step.
import { kernelBuiltins, kernelConstants, primitiveNames, type CostTable } from '@barrier-lab/engine';
import { barrierStatementNames, orderingVariants, type Exercise } from '@barrier-lab/exercises';
import type { BarrierWord, KernelCVocabulary } from '../workbench/exercise-view.ts';

/** Every name the highlighter colours, sorted within each group. */
export function kernelCVocabulary(): KernelCVocabulary {
  const barriers = [...barrierStatementNames].sort();
  return {
    primitives: primitiveNames().filter((name) => !barrierStatementNames.has(name)),
    barriers,
    builtins: kernelBuiltins().map((b) => b.name).filter((name) => !barrierStatementNames.has(name)).sort(),
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
};

/**
 * The barriers `exercise` lets the learner write, with a snippet and this
 * exercise's cost: the fences always; the flushes when the exercise has TLB
 * flushes; the spinlock barriers when its code takes a lock; release and
 * acquire when its edit rule allows orderings (or any code).
 */
export function barrierWords(exercise: Exercise): BarrierWord[] {
  if (exercise.kind === 'predict') return [];
  const uses = (name: string) => exercise.starter.source.includes(`${name}(`) || exercise.solutions.some((s) => s.source.includes(`${name}(`));
  const names = [...barrierStatementNames].filter((name) => {
    if (name.startsWith('flush_tlb')) return exercise.flush !== undefined;
    if (name.includes('spinlock') || name.includes('unlock_lock')) return uses('spin_lock');
    return true;
  });
  if (exercise.edits !== 'barriers') names.push(...orderingVariants.keys());
  const builtins = new Map(kernelBuiltins().map((b) => [b.name, b]));
  return names.map((name) => {
    const builtin = builtins.get(name);
    return {
      name,
      snippet: snippetFor(name),
      cost: costOf(name, exercise.costs, builtin?.cost),
      summary: barrierSummaries[name] ?? builtin?.summary ?? name,
    };
  });
}

function snippetFor(name: string): string {
  switch (name) {
    case 'smp_load_acquire':
      return 'smp_load_acquire(${1:p})';
    case 'smp_store_release':
      return 'smp_store_release(${1:p}, ${2:1});';
    default:
      return `${name}();`;
  }
}

function costOf(name: string, costs: CostTable, builtinCost: number | undefined): number {
  if (name in costs) return costs[name as keyof CostTable];
  if (name.startsWith('flush_tlb')) return costs.flush;
  if (name.startsWith('smp_mb__after_')) return costs.smp_mb;
  return builtinCost ?? 0;
}
