// The kernel's own objects, as builtins that read like mm/gup.c, mm/ksm.c,
// mm/rmap.c and include/linux/rmap.h and expand to the LKMM primitives of
// primitives.ts. Everything stays exportable to herd7: the expansion of a
// program is a plain C litmus test (see print-litmus.ts).
//
// Modelling (../shared/design/SEED-NOTES.md): a folio's `_refcount` is an
// atomic_t; a pin adds GUP_PIN_COUNTING_BIAS (1024) with a non-value-returning
// atomic; page flags are bits of an int changed with non-value-returning
// atomic bit operations; a PTE is a small integer (0 none, 1 present and
// writable, 2 present and read-only); GUP-fast's IRQ-disabled section is an
// RCU read-side section, and an IPI-based TLB flush is a grace period that
// waits for it, while a broadcast (hardware) flush waits for nobody.
import type { CallExpr, Expr } from '../syntax/ast.ts';
import type { Span } from '../syntax/diagnostic.ts';

/** How TLB flushes behave: `ipi` waits for every CPU to take the interrupt; `broadcast` waits for nobody. */
export type FlushFlavour = 'ipi' | 'broadcast';

/** Named constants of the kernel objects. */
export const kernelConstants: ReadonlyMap<string, number> = new Map([
  ['GUP_PIN_COUNTING_BIAS', 1024],
  ['PTE_NONE', 0],
  ['PTE_WRITE', 1],
  ['PTE_RDONLY', 2],
  ['PG_anon_exclusive', 1],
  ['NULL', 0],
]);

/** What a builtin becomes: an expression (maybe none, for a statement that vanishes). */
export type Expansion = { readonly expr: Expr } | { readonly nothing: string };

export interface KernelBuiltin {
  readonly name: string;
  /** Accepted argument counts (kernel signatures carry mm/vma/address arguments we ignore). */
  readonly arities: readonly number[];
  /** The kernel source it mirrors. */
  readonly mirrors: string;
  /** What it means, for docs and hints. */
  readonly summary: string;
  /** Relative cost for grading: barriers and flushes cost, plain operations do not. */
  readonly cost: number;
  expand(args: readonly Expr[], span: Span, flush: FlushFlavour): Expansion;
}

const call = (name: string, args: readonly Expr[], span: Span): CallExpr => ({
  kind: 'call', callee: { name, span }, args, span,
});
const num = (value: number, span: Span): Expr => ({ kind: 'number', value, span });
const deref = (e: Expr, span: Span): Expr => ({ kind: 'unary', op: '*', operand: e, span });
const bin = (op: Extract<Expr, { kind: 'binary' }>['op'], left: Expr, right: Expr, span: Span): Expr => ({
  kind: 'binary', op, left, right, span,
});
/** The last argument: kernel signatures put the object last (`set_pte_at(mm, addr, ptep, pte)` aside). */
const last = (args: readonly Expr[]): Expr => args[args.length - 1]!;

const table: KernelBuiltin[] = [
  // ── folios, refcounts and pins (include/linux/mm.h, mm/gup.c) ──
  {
    name: 'folio_ref_add', arities: [2], cost: 0,
    mirrors: 'include/linux/page_ref.h folio_ref_add() → atomic_add()',
    summary: 'add to the refcount with a non-value-returning atomic (orders nothing on its own)',
    expand: ([ref, n], span) => ({ expr: call('atomic_add', [n!, ref!], span) }),
  },
  {
    name: 'folio_ref_count', arities: [1], cost: 0,
    mirrors: 'include/linux/page_ref.h folio_ref_count() → atomic_read()',
    summary: 'read the refcount (READ_ONCE)',
    expand: ([ref], span) => ({ expr: call('atomic_read', [ref!], span) }),
  },
  {
    name: 'try_grab_folio', arities: [1, 2, 3], cost: 0,
    mirrors: 'mm/gup.c try_grab_folio(): FOLL_PIN adds GUP_PIN_COUNTING_BIAS with folio_ref_add()',
    summary: 'pin: add GUP_PIN_COUNTING_BIAS (1024) to the refcount, a non-value-returning atomic',
    expand: (args, span) => ({ expr: call('atomic_add', [num(1024, span), args[0]!], span) }),
  },
  {
    name: 'unpin_user_page', arities: [1], cost: 0,
    mirrors: 'mm/gup.c unpin_user_page(): drops GUP_PIN_COUNTING_BIAS',
    summary: 'unpin: subtract GUP_PIN_COUNTING_BIAS from the refcount',
    expand: ([ref], span) => ({ expr: call('atomic_sub', [num(1024, span), ref!], span) }),
  },
  {
    name: 'page_maybe_dma_pinned', arities: [1], cost: 0,
    mirrors: 'include/linux/mm.h page_maybe_dma_pinned(): refcount >= GUP_PIN_COUNTING_BIAS',
    summary: 'is the page (maybe) pinned? reads the refcount once',
    expand: ([ref], span) => ({ expr: bin('>=', call('atomic_read', [ref!], span), num(1024, span), span) }),
  },
  {
    name: 'PageAnonExclusive', arities: [1], cost: 0,
    mirrors: 'include/linux/page-flags.h PageAnonExclusive() → test_bit(PG_anon_exclusive)',
    summary: 'read the PG_anon_exclusive bit of the page flags (READ_ONCE)',
    expand: ([flags], span) => ({ expr: bin('&', call('READ_ONCE', [deref(flags!, span)], span), num(1, span), span) }),
  },
  {
    name: 'SetPageAnonExclusive', arities: [1], cost: 0,
    mirrors: 'include/linux/page-flags.h SetPageAnonExclusive() → set_bit(), a non-value-returning atomic',
    summary: 'set the PG_anon_exclusive bit with an atomic bit operation that returns nothing',
    expand: ([flags], span) => ({ expr: call('atomic_or', [num(1, span), flags!], span) }),
  },
  {
    name: 'ClearPageAnonExclusive', arities: [1], cost: 0,
    mirrors: 'include/linux/page-flags.h ClearPageAnonExclusive() → clear_bit(), a non-value-returning atomic',
    summary: 'clear the PG_anon_exclusive bit with an atomic bit operation that returns nothing (orders nothing on its own)',
    expand: ([flags], span) => ({ expr: call('atomic_andnot', [num(1, span), flags!], span) }),
  },
  // ── page-table entries (include/linux/pgtable.h) ──
  {
    name: 'ptep_get_lockless', arities: [1], cost: 0,
    mirrors: 'include/linux/pgtable.h ptep_get_lockless() → READ_ONCE(*ptep)',
    summary: 'read the PTE without the page-table lock, as GUP-fast does',
    expand: ([ptep], span) => ({ expr: call('READ_ONCE', [deref(ptep!, span)], span) }),
  },
  {
    name: 'ptep_get', arities: [1], cost: 0,
    mirrors: 'include/linux/pgtable.h ptep_get() → READ_ONCE(*ptep)',
    summary: 'read the PTE',
    expand: ([ptep], span) => ({ expr: call('READ_ONCE', [deref(ptep!, span)], span) }),
  },
  {
    name: 'ptep_get_and_clear', arities: [1, 3], cost: 0,
    mirrors: 'include/linux/pgtable.h ptep_get_and_clear(): an atomic exchange with 0 (xchg_relaxed on arm64)',
    summary: 'clear the PTE and return its old value; implies no barrier',
    expand: (args, span) => ({ expr: call('xchg_relaxed', [last(args), num(0, span)], span) }),
  },
  {
    name: 'set_pte_at', arities: [2, 4], cost: 0,
    mirrors: 'include/linux/pgtable.h set_pte_at(mm, addr, ptep, pte) → WRITE_ONCE(*ptep, pte)',
    summary: 'write the PTE',
    expand: (args, span) => {
      const [ptep, pte] = args.length === 4 ? [args[2]!, args[3]!] : [args[0]!, args[1]!];
      return { expr: call('WRITE_ONCE', [deref(ptep, span), pte], span) };
    },
  },
  {
    name: 'pte_same', arities: [2], cost: 0,
    mirrors: 'include/linux/pgtable.h pte_same()', summary: 'are two PTE values equal?',
    expand: ([a, b], span) => ({ expr: bin('==', a!, b!, span) }),
  },
  {
    name: 'pte_write', arities: [1], cost: 0,
    mirrors: 'arch pte_write()', summary: 'is the PTE present and writable (PTE_WRITE)?',
    expand: ([pte], span) => ({ expr: bin('==', pte!, num(1, span), span) }),
  },
  {
    name: 'pte_present', arities: [1], cost: 0,
    mirrors: 'arch pte_present()', summary: 'is the PTE present (not PTE_NONE)?',
    expand: ([pte], span) => ({ expr: bin('!=', pte!, num(0, span), span) }),
  },
  {
    name: 'pte_wrprotect', arities: [1], cost: 0,
    mirrors: 'arch pte_wrprotect()', summary: 'the same PTE, read-only (PTE_WRITE becomes PTE_RDONLY)',
    // 1 → 2, 0 → 0, 2 → 2, in arithmetic herd7 understands.
    expand: ([pte], span) => ({ expr: bin('+', pte!, bin('==', pte!, num(1, span), span), span) }),
  },
  {
    name: 'pte_page', arities: [1], cost: 0,
    mirrors: 'include/linux/pgtable.h pte_page()', summary: 'the page a PTE maps (there is one page here)',
    expand: ([pte], _span) => ({ expr: pte! }),
  },
  // ── CPUs with IRQs (GUP-fast's critical section) ──
  {
    name: 'local_irq_save', arities: [0, 1], cost: 0,
    mirrors: 'include/linux/irqflags.h local_irq_save(): IRQs off, so an IPI waits',
    summary: 'disable IRQs: an IPI flush cannot complete until they are enabled again (like an RCU reader)',
    expand: (_args, span) => ({ expr: call('rcu_read_lock', [], span) }),
  },
  {
    name: 'local_irq_restore', arities: [0, 1], cost: 0,
    mirrors: 'include/linux/irqflags.h local_irq_restore()', summary: 'enable IRQs again',
    expand: (_args, span) => ({ expr: call('rcu_read_unlock', [], span) }),
  },
  {
    name: 'local_irq_disable', arities: [0], cost: 0,
    mirrors: 'include/linux/irqflags.h local_irq_disable()', summary: 'disable IRQs (like an RCU reader)',
    expand: (_args, span) => ({ expr: call('rcu_read_lock', [], span) }),
  },
  {
    name: 'local_irq_enable', arities: [0], cost: 0,
    mirrors: 'include/linux/irqflags.h local_irq_enable()', summary: 'enable IRQs again',
    expand: (_args, span) => ({ expr: call('rcu_read_unlock', [], span) }),
  },
  // ── TLB flushes ──
  {
    name: 'flush_tlb_page', arities: [0, 1, 2], cost: 20,
    mirrors: 'arch flush_tlb_page(): an IPI to every CPU (x86) or a broadcast invalidation (arm64)',
    summary: 'flush the TLBs: with IPIs it waits for every CPU with IRQs off (a grace period); broadcast waits for nobody',
    expand: (_args, span, flush) =>
      flush === 'ipi' ? { expr: call('synchronize_rcu', [], span) } : { nothing: 'broadcast TLB flush: waits for nobody' },
  },
];

const byName = new Map(table.map((b) => [b.name, b]));

/** The kernel builtin called `name`, or undefined. */
export function kernelBuiltin(name: string): KernelBuiltin | undefined {
  return byName.get(name);
}

/** Every kernel builtin, for documentation and completion. */
export function kernelBuiltins(): readonly KernelBuiltin[] {
  return table;
}

/**
 * `ptep_clear_flush()` clears the PTE and then flushes: two statements. It is
 * expanded at statement level (expand-kernel-objects.ts) into
 * `ptep_get_and_clear()` followed by `flush_tlb_page()`.
 */
export const statementBuiltins: ReadonlySet<string> = new Set(['ptep_clear_flush']);
