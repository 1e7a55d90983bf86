// The words of barrier placement, in one place for the repair search, the
// cheaper-barrier hint and the exercises' edit rule and grading: which calls
// are barriers, orderings and TLB flushes, which cost kind each one is
// priced as, and what each one can be weakened to.
import { kernelBuiltins } from '../program/kernel-objects.ts';

/** The cost kinds of barrier placement, named as the learner writes them; `flush` is a TLB flush. */
export type RepairKind =
  | 'smp_mb' | 'smp_rmb' | 'smp_wmb'
  | 'smp_load_acquire' | 'smp_store_release'
  | 'smp_mb__before_atomic' | 'smp_mb__after_atomic'
  | 'flush';

/** What each kind costs. */
export type CostTable = Readonly<Record<RepairKind, number>>;

/** The default cost table: a full barrier is dearest among barriers, release/acquire cheapest, a TLB flush dearer than any. */
export const defaultCosts: CostTable = {
  smp_mb: 10,
  smp_rmb: 4,
  smp_wmb: 4,
  smp_load_acquire: 3,
  smp_store_release: 3,
  smp_mb__before_atomic: 8,
  smp_mb__after_atomic: 8,
  flush: 20,
};

/** Every cost kind, in the order of `defaultCosts`. */
export const costKinds: readonly RepairKind[] = Object.keys(defaultCosts) as RepairKind[];

/** The cost kinds that are barrier statements of their own name. */
export const barrierKinds: readonly RepairKind[] = ['smp_mb', 'smp_rmb', 'smp_wmb', 'smp_mb__before_atomic', 'smp_mb__after_atomic'];

/** The cost kinds that are orderings carried by an access. */
export const orderingKinds: readonly RepairKind[] = ['smp_load_acquire', 'smp_store_release'];

/**
 * Statements that only order or flush, by name, with their cost kind:
 * adding or removing one never changes what the code computes.
 */
export const barrierStatements: ReadonlyMap<string, RepairKind> = new Map<string, RepairKind>([
  ['smp_mb', 'smp_mb'],
  ['smp_rmb', 'smp_rmb'],
  ['smp_wmb', 'smp_wmb'],
  ['smp_mb__before_atomic', 'smp_mb__before_atomic'],
  ['smp_mb__after_atomic', 'smp_mb__after_atomic'],
  // Full barriers by another name (include/asm-generic/barrier.h, linux/spinlock.h).
  ['smp_mb__after_spinlock', 'smp_mb'],
  ['smp_mb__after_unlock_lock', 'smp_mb'],
  ['flush_tlb_page', 'flush'],
  ['flush_tlb_range', 'flush'],
]);

/** An access with an ordering, and the same access without it. */
export interface OrderedAccess {
  /** `smp_load_acquire`, `smp_store_release`, `atomic_read_acquire`, `atomic_set_release`. */
  readonly ordered: string;
  /** `READ_ONCE`, `WRITE_ONCE`, `atomic_read`, `atomic_set`. */
  readonly plain: string;
  readonly kind: 'smp_load_acquire' | 'smp_store_release';
  /** The plain form takes the location (`READ_ONCE(*p)`) where the ordered one takes its address (`smp_load_acquire(p)`). */
  readonly deref: boolean;
}

/** The accesses whose ordering a learner (or a repair) may strengthen or weaken. */
export const orderedAccesses: readonly OrderedAccess[] = [
  { ordered: 'smp_load_acquire', plain: 'READ_ONCE', kind: 'smp_load_acquire', deref: true },
  { ordered: 'smp_store_release', plain: 'WRITE_ONCE', kind: 'smp_store_release', deref: true },
  { ordered: 'atomic_read_acquire', plain: 'atomic_read', kind: 'smp_load_acquire', deref: false },
  { ordered: 'atomic_set_release', plain: 'atomic_set', kind: 'smp_store_release', deref: false },
];

/**
 * Calls that are another call plus a TLB flush: `ptep_clear_flush()` is
 * `ptep_get_and_clear()` followed by `flush_tlb_page()`
 * (mm/pgtable-generic.c), so trading one for the other adds or drops a flush.
 */
export const flushingCalls: ReadonlyMap<string, string> = new Map([['ptep_clear_flush', 'ptep_get_and_clear']]);

/** The cost kind of a call, or undefined for a call that is not a barrier, an ordering or a flush. */
export function costKindOf(name: string): RepairKind | undefined {
  const statement = barrierStatements.get(name);
  if (statement) return statement;
  const ordered = orderedAccesses.find((o) => o.ordered === name);
  if (ordered) return ordered.kind;
  // pmdp_invalidate() clears a huge PMD and flushes, with no unflushed twin.
  return flushingCalls.has(name) || name === 'pmdp_invalidate' ? 'flush' : undefined;
}

/**
 * Kernel builtins with barriers or grace periods inside them
 * (`page_try_share_anon_rmap()` has the patch's two barriers), with their own
 * cost from the kernel-object table.
 */
const builtinCosts: ReadonlyMap<string, number> = new Map(
  kernelBuiltins().filter((b) => b.cost > 0 && costKindOf(b.name) === undefined).map((b) => [b.name, b.cost]),
);

/**
 * What a call costs under `costs`: its kind's price, a builtin's own cost,
 * or undefined for a call that costs nothing. `costs` may price only some
 * kinds: a call of a kind it leaves out costs nothing (it is fixed code).
 */
export function callCost(name: string, costs: Partial<CostTable>): number | undefined {
  const kind = costKindOf(name);
  if (kind) return costs[kind];
  return builtinCosts.get(name);
}

/** The barrier kinds one may weaken `kind` to (none for orderings and flushes). */
export function weakerBarriers(kind: RepairKind): readonly RepairKind[] {
  switch (kind) {
    case 'smp_mb':
      return ['smp_mb__after_atomic', 'smp_mb__before_atomic', 'smp_wmb', 'smp_rmb'];
    case 'smp_mb__before_atomic':
    case 'smp_mb__after_atomic':
      return ['smp_wmb', 'smp_rmb'];
    default:
      return [];
  }
}
