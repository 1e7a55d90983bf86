// CPUs: IRQ-disabled sections, TLB flushes, and user accesses that go
// through a CPU's TLB.
//
// A TLB flush is a full barrier on the flushing CPU, and two waits may hide
// in it, each a grace period:
// - An IPI flush (x86) cannot complete while a CPU has IRQs off, so an
//   IRQ-disabled section (GUP-fast) is an RCU reader and the flush is
//   synchronize_rcu(), itself a full barrier.
// - A broadcast flush (arm64: `dsb(ishst); tlbi ...is; dsb(ish)`) interrupts
//   nobody and so waits for no IRQ-disabled CPU, but its final DSB orders
//   every access before it with every access after it: smp_mb(). The seed
//   patch's commit message relies on exactly that: "the clear+TLB flush we
//   used for now implies a memory barrier".
// - Any flush, IPI or broadcast, completes only when no access using the old
//   translation is still in flight. A user access is a reader of the TLB's
//   SRCU domain (a hidden `struct srcu_struct *` parameter): it reads the
//   translation (the PTE: a cached entry may be stale, as any READ_ONCE may)
//   and uses it inside the read-side section, and the flush is
//   synchronize_srcu() of that domain.
// When the program makes no user accesses, a flush is only the first part:
// synchronize_rcu() or smp_mb().
import type { Expr, Stmt } from '../syntax/ast.ts';
import type { Span } from '../syntax/diagnostic.ts';
import type { KernelBuiltin, StatementContext } from './kernel-objects.ts';
import { assign, bin, call, deref, exprStmt, ifStmt, num, ref } from './kernel-objects-syntax.ts';

const EFAULT = 14;

/** What a TLB flush is, under the program's flush flavour: a full barrier or a grace period, and the wait for user accesses. */
function flushWaits(context: StatementContext, span: Span): Stmt[] {
  const own = exprStmt(call(context.flush === 'ipi' ? 'synchronize_rcu' : 'smp_mb', [], span), span);
  const tlb = context.tlb ? [exprStmt(call('synchronize_srcu', [ref(context.tlb, span)], span), span)] : [];
  return [own, ...tlb];
}

/**
 * A user access through the TLB, inside the TLB's read-side section: read the
 * translation (the PTE) into `tlb_pte`, compute the result from it (`result`),
 * then `access` if the translation allows it (`allowed`), `fault` if not.
 */
function throughTlb(context: StatementContext, pte: Expr, span: Span, allowed: (translation: Expr) => Expr,
  access: Stmt[], result: ((translation: Expr) => Stmt[]) | undefined, fault?: Stmt[]): Stmt[] {
  const domain = ref(context.tlb!, span);
  const idx = ref(context.register('tlb_idx'), span);
  const translation = ref(context.register('tlb_pte'), span);
  return [
    exprStmt(assign(idx, call('srcu_read_lock', [domain], span), span), span),
    exprStmt(assign(translation, call('READ_ONCE', [deref(pte, span)], span), span), span),
    ...(result ? result(translation) : []),
    ifStmt(allowed(translation), access, fault, span),
    exprStmt(call('srcu_read_unlock', [domain, idx], span), span),
  ];
}

/** The builtins for IRQs, TLB flushes and user accesses. */
export const tlbBuiltins: readonly KernelBuiltin[] = [
  // ── CPUs with IRQs (GUP-fast's critical section) ──
  {
    name: 'local_irq_save', form: 'expression', arities: [0, 1], cost: 0,
    mirrors: 'include/linux/irqflags.h local_irq_save(): IRQs off, so an IPI waits',
    summary: 'disable IRQs: an IPI flush cannot complete until they are enabled again (like an RCU reader)',
    expand: (_args, span) => ({ expr: call('rcu_read_lock', [], span) }),
  },
  {
    name: 'local_irq_restore', form: 'expression', arities: [0, 1], cost: 0,
    mirrors: 'include/linux/irqflags.h local_irq_restore()', summary: 'enable IRQs again',
    expand: (_args, span) => ({ expr: call('rcu_read_unlock', [], span) }),
  },
  {
    name: 'local_irq_disable', form: 'expression', arities: [0], cost: 0,
    mirrors: 'include/linux/irqflags.h local_irq_disable()', summary: 'disable IRQs (like an RCU reader)',
    expand: (_args, span) => ({ expr: call('rcu_read_lock', [], span) }),
  },
  {
    name: 'local_irq_enable', form: 'expression', arities: [0], cost: 0,
    mirrors: 'include/linux/irqflags.h local_irq_enable()', summary: 'enable IRQs again',
    expand: (_args, span) => ({ expr: call('rcu_read_unlock', [], span) }),
  },
  // ── TLB flushes ──
  {
    name: 'flush_tlb_page', form: 'statement', arities: [0, 1, 2], cost: 20,
    usage: 'flush_tlb_page(vma, address);', result: 'none',
    mirrors: 'arch flush_tlb_page(): an IPI to every CPU (x86) or a broadcast invalidation (arm64 TLBI + DSB)',
    summary: 'flush the TLBs: with IPIs it waits for every CPU with IRQs off (a grace period); broadcast waits for nobody but is a full barrier on this CPU (smp_mb()); either waits for user accesses still using the old translation',
    expand: ({ span }, context) => flushWaits(context, span),
  },
  {
    name: 'flush_tlb_range', form: 'statement', arities: [0, 1, 3], cost: 20,
    usage: 'flush_tlb_range(vma, start, end);', result: 'none',
    mirrors: 'arch flush_tlb_range(): flush_tlb_page() for a range of addresses',
    summary: 'flush the TLBs for a range: the same waits as flush_tlb_page()',
    expand: ({ span }, context) => flushWaits(context, span),
  },
  // ── user accesses through a CPU's TLB ──
  {
    name: 'user_write', form: 'statement', arities: [3], cost: 0, throughTlb: true,
    usage: 'user_write(pte, data, value);', result: 'optional',
    mirrors: 'a user-space store: the MMU translates through the TLB (a cached PTE) and faults unless it is writable',
    summary: 'store `value` to `data` from user space through this CPU\'s TLB: only if the translation it uses (the PTE, maybe stale) is PTE_WRITE; the result is 0, or -EFAULT for a fault',
    expand: ({ args: [pte, data, value], result, span }, context) => throughTlb(context, pte!, span,
      (t) => bin('==', t, num(1, span), span),
      [exprStmt(call('WRITE_ONCE', [deref(data!, span), value!], span), span)],
      // The result is computed from the translation, not assigned in a branch.
      result ? (t) => [exprStmt(assign(result, bin('*', bin('!=', t, num(1, span), span), num(-EFAULT, span), span), span), span)] : undefined),
  },
  {
    name: 'user_read', form: 'statement', arities: [2], cost: 0, throughTlb: true,
    usage: 'value = user_read(pte, data);', result: 'required',
    mirrors: 'a user-space load: the MMU translates through the TLB (a cached PTE) and faults unless it is present',
    summary: 'load `data` from user space through this CPU\'s TLB: only if the translation it uses (the PTE, maybe stale) is present; -EFAULT for a fault',
    expand: ({ args: [pte, data], result, span }, context) => throughTlb(context, pte!, span,
      (t) => call('pte_present', [t], span),
      [exprStmt(assign(result!, call('READ_ONCE', [deref(data!, span)], span), span), span)],
      undefined,
      [exprStmt(assign(result!, num(-EFAULT, span), span), span)]),
  },
];
