// The words of barrier placement: which calls are barrier or flush
// statements a learner may add or remove, which calls are orderings a learner
// may strengthen, and what each costs under an exercise's cost table.
import { kernelBuiltins, type CostTable, type RepairKind } from '@barrier-lab/engine';

/** Statements that only order (or flush): adding or removing them never changes what the code computes. */
export const barrierStatementNames: ReadonlySet<string> = new Set([
  'smp_mb', 'smp_rmb', 'smp_wmb',
  'smp_mb__before_atomic', 'smp_mb__after_atomic',
  'smp_mb__after_spinlock', 'smp_mb__after_unlock_lock',
  'flush_tlb_page', 'flush_tlb_range',
]);

/**
 * Calls that differ from another only by a flush: `ptep_clear_flush()` is
 * `ptep_get_and_clear()` followed by `flush_tlb_page()`, so trading one for
 * the other is a flush edit.
 */
export const flushVariants: ReadonlyMap<string, string> = new Map([['ptep_clear_flush', 'ptep_get_and_clear']]);

/** Accesses that differ from the plain marked access only by their ordering. */
export const orderingVariants: ReadonlyMap<string, string> = new Map([
  ['smp_load_acquire', 'READ_ONCE'],
  ['smp_store_release', 'WRITE_ONCE'],
]);

/** The cost kind of a call, or undefined for a call that is not a barrier, an ordering or a flush. */
export function costKind(name: string): RepairKind | undefined {
  switch (name) {
    case 'smp_mb':
    case 'smp_mb__after_spinlock':
    case 'smp_mb__after_unlock_lock':
      return 'smp_mb';
    case 'smp_rmb':
    case 'smp_wmb':
    case 'smp_load_acquire':
    case 'smp_store_release':
    case 'smp_mb__before_atomic':
    case 'smp_mb__after_atomic':
      return name;
    case 'flush_tlb_page':
    case 'flush_tlb_range':
    case 'ptep_clear_flush':
    case 'pmdp_invalidate':
      return 'flush';
    default:
      return undefined;
  }
}

/**
 * Kernel builtins that carry barriers or grace periods inside them
 * (`page_try_share_anon_rmap()` has the patch's two barriers): their own
 * cost, from the engine's table.
 */
const builtinCosts: ReadonlyMap<string, number> = new Map(
  kernelBuiltins().filter((b) => b.cost > 0).map((b) => [b.name, b.cost]),
);

/** Whether a call costs anything: a barrier, an ordering, a flush, or a builtin with barriers inside. */
export function isCosted(name: string): boolean {
  return costKind(name) !== undefined || builtinCosts.has(name);
}

/** What a call costs under `costs` (0 for anything that is not a barrier, ordering, flush or builtin with barriers). */
export function callCost(name: string, costs: CostTable): number {
  const kind = costKind(name);
  return kind ? costs[kind] : builtinCosts.get(name) ?? 0;
}
