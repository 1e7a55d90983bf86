// Page tables: PTEs and PMDs (include/linux/pgtable.h and the arch headers),
// the page-table lock (include/linux/mm.h), and freeing a page table at once
// or after a grace period (mm/mmu_gather.c). Entries are small integers:
// PTE_NONE 0, PTE_WRITE 1, PTE_RDONLY 2, PTE_SWAP 3 (not present); a PMD is
// one of those when it maps a huge page, PMD_TABLE 4 when it points to a page
// table, PMD_INVALID 5 after pmdp_invalidate(), PMD_NONE 0 after pmd_clear().
import type { Expr, NameExpr, Stmt } from '../syntax/ast.ts';
import type { KernelBuiltin, StatementContext } from './kernel-objects.ts';
import { assign, bin, call, deref, exprStmt, last, num, ref } from './kernel-objects-syntax.ts';
import type { Span } from '../syntax/diagnostic.ts';

const PTE_NONE = 0;
const PMD_NONE = 0;
const PMD_TABLE = 4;
const PMD_INVALID = 5;
const PT_FREED = 0x6b;

const readOnce = (p: Expr, span: Span) => call('READ_ONCE', [deref(p, span)], span);
const writeOnce = (p: Expr, v: Expr, span: Span) => call('WRITE_ONCE', [deref(p, span), v], span);
/** `ret = e` when the caller assigns the result, `e` otherwise. */
const maybeAssign = (result: Expr | undefined, e: Expr, span: Span) => (result ? assign(result, e, span) : e);

/**
 * Replace an entry and return the old one, as ptep_get_and_clear() and
 * pmdp_establish() do. Generic: `ret = READ_ONCE(*p); WRITE_ONCE(*p, value);`,
 * a read, then a write. x86: `ret = xchg(p, value);`, one fully ordered
 * exchange (native_ptep_get_and_clear() and pmdp_establish() use xchg(), a
 * LOCK-prefixed instruction, on SMP). Without a result the old value goes to
 * a hidden register (the read stays: the kernel does it).
 */
function replaceEntry(p: Expr, value: number, result: NameExpr | undefined, context: StatementContext, span: Span): Stmt[] {
  const target = result ?? ref(context.register('ignored'), span);
  if (context.arch === 'x86') return [exprStmt(assign(target, call('xchg', [p, num(value, span)], span), span), span)];
  return [
    exprStmt(assign(target, readOnce(p, span), span), span),
    exprStmt(writeOnce(p, num(value, span), span), span),
  ];
}

/** The builtins for PTEs, PMDs, the page-table lock and freeing page tables. */
export const pageTableBuiltins: readonly KernelBuiltin[] = [
  // ── PTEs (include/linux/pgtable.h) ──
  {
    name: 'ptep_get_lockless', form: 'expression', arities: [1], cost: 0,
    mirrors: 'include/linux/pgtable.h ptep_get_lockless() → READ_ONCE(*ptep)',
    summary: 'read the PTE without the page-table lock, as GUP-fast does',
    expand: ([ptep], span) => ({ expr: readOnce(ptep!, span) }),
  },
  {
    name: 'ptep_get', form: 'expression', arities: [1], cost: 0,
    mirrors: 'include/linux/pgtable.h ptep_get() → READ_ONCE(*ptep)',
    summary: 'read the PTE',
    expand: ([ptep], span) => ({ expr: readOnce(ptep!, span) }),
  },
  {
    name: 'set_pte_at', form: 'expression', arities: [2, 4], cost: 0,
    mirrors: 'include/linux/pgtable.h set_pte_at(mm, addr, ptep, pte) → WRITE_ONCE(*ptep, pte)',
    summary: 'write the PTE',
    expand: (args, span) => {
      const [ptep, pte] = args.length === 4 ? [args[2]!, args[3]!] : [args[0]!, args[1]!];
      return { expr: writeOnce(ptep, pte, span) };
    },
  },
  {
    name: 'pte_same', form: 'expression', arities: [2], cost: 0,
    mirrors: 'include/linux/pgtable.h pte_same()', summary: 'are two PTE values equal?',
    expand: ([a, b], span) => ({ expr: bin('==', a!, b!, span) }),
  },
  {
    name: 'pte_write', form: 'expression', arities: [1], cost: 0,
    mirrors: 'arch pte_write()', summary: 'is the PTE present and writable (PTE_WRITE)?',
    expand: ([pte], span) => ({ expr: bin('==', pte!, num(1, span), span) }),
  },
  {
    name: 'pte_present', form: 'expression', arities: [1], cost: 0,
    mirrors: 'arch pte_present()', summary: 'is the PTE present (PTE_WRITE or PTE_RDONLY; not PTE_NONE nor a PTE_SWAP entry)?',
    // herd7's C has no `||`; comparisons are 0 or 1, so `|` does.
    expand: ([pte], span) => ({ expr: bin('|', bin('==', pte!, num(1, span), span), bin('==', pte!, num(2, span), span), span) }),
  },
  {
    name: 'pte_wrprotect', form: 'expression', arities: [1], cost: 0,
    mirrors: 'arch pte_wrprotect()', summary: 'the same PTE, read-only (PTE_WRITE becomes PTE_RDONLY)',
    // 1 → 2, 0 → 0, 2 → 2, 3 → 3, in arithmetic herd7 understands.
    expand: ([pte], span) => ({ expr: bin('+', pte!, bin('==', pte!, num(1, span), span), span) }),
  },
  {
    name: 'pte_page', form: 'expression', arities: [1], cost: 0,
    mirrors: 'include/linux/pgtable.h pte_page()', summary: 'the page a PTE maps (there is one page here)',
    expand: ([pte], _span) => ({ expr: pte! }),
  },
  {
    // The generic version (include/linux/pgtable.h, without
    // __HAVE_ARCH_PTEP_GET_AND_CLEAR): `pte = ptep_get(ptep); pte_clear(mm,
    // address, ptep); return pte;`, a read and a write, not an atomic RMW.
    // arm64 uses xchg_relaxed() and x86 xchg(), but smp_mb__after_atomic()
    // is for atomic_t operations and bitops only and must not be used to
    // order it: the patch follows the clear with smp_mb(). Expanded as an
    // xchg_relaxed(), smp_mb__after_atomic() after it would be a full
    // barrier in LKMM. Under tso it is x86's fully ordered xchg().
    name: 'ptep_get_and_clear', form: 'statement', arities: [1, 3], cost: 0, stores: 'PTE_NONE',
    usage: 'pteval = ptep_get_and_clear(pte);', result: 'optional',
    mirrors: 'include/linux/pgtable.h ptep_get_and_clear(), the generic version: pte = ptep_get(ptep); pte_clear(mm, address, ptep); return pte; (x86: native_ptep_get_and_clear() → xchg())',
    summary: 'read the PTE, then clear it, and return the old value: generically a read and a write (not an atomic RMW), implying no barrier, so smp_mb__after_atomic() does not order it and smp_mb() does; on x86 (tso) a fully ordered xchg()',
    expand: ({ args, result, span }, context) => replaceEntry(last(args), PTE_NONE, result, context, span),
  },
  {
    name: 'ptep_clear_flush', form: 'statement', arities: [1, 3], cost: 20,
    usage: 'pteval = ptep_clear_flush(pte);', result: 'optional',
    mirrors: 'mm/pgtable-generic.c ptep_clear_flush(): ptep_get_and_clear() then flush_tlb_page()',
    summary: 'clear the PTE and flush the TLBs: ptep_get_and_clear() then flush_tlb_page() (two statements)',
    expand: ({ args, result, span }) => [
      exprStmt(maybeAssign(result, call('ptep_get_and_clear', args, span), span), span),
      exprStmt(call('flush_tlb_page', [], span), span),
    ],
  },
  // ── PMDs (include/linux/pgtable.h, mm/pgtable-generic.c) ──
  {
    name: 'pmdp_get_lockless', form: 'expression', arities: [1], cost: 0,
    mirrors: 'include/linux/pgtable.h pmdp_get_lockless() → READ_ONCE(*pmdp)',
    summary: 'read the PMD without the page-table lock, as GUP-fast does',
    expand: ([pmdp], span) => ({ expr: readOnce(pmdp!, span) }),
  },
  {
    name: 'pmd_present', form: 'expression', arities: [1], cost: 0,
    mirrors: 'arch pmd_present(): true for a huge PMD (even invalidated) and for a PMD pointing to a page table',
    summary: 'is the PMD present? (not PMD_NONE nor a PTE_SWAP entry; an invalidated huge PMD stays present, as in the kernel)',
    expand: ([pmd], span) => ({ expr: bin('&', bin('!=', pmd!, num(0, span), span), bin('!=', pmd!, num(3, span), span), span) }),
  },
  {
    name: 'pmd_write', form: 'expression', arities: [1], cost: 0,
    mirrors: 'arch pmd_write()', summary: 'is the PMD a writable huge PMD (PTE_WRITE)?',
    expand: ([pmd], span) => ({ expr: bin('==', pmd!, num(1, span), span) }),
  },
  {
    name: 'pmd_same', form: 'expression', arities: [2], cost: 0,
    mirrors: 'include/linux/pgtable.h pmd_same()', summary: 'are two PMD values equal?',
    expand: ([a, b], span) => ({ expr: bin('==', a!, b!, span) }),
  },
  {
    name: 'pmd_clear', form: 'expression', arities: [1], cost: 0, stores: 'PMD_NONE',
    mirrors: 'arch pmd_clear() → WRITE_ONCE(*pmdp, 0) (native_pmd_clear() on x86)',
    summary: 'clear the PMD, PMD_NONE (unhook the page table it pointed to)',
    expand: ([pmdp], span) => ({ expr: writeOnce(pmdp!, num(PMD_NONE, span), span) }),
  },
  {
    name: 'set_pmd_at', form: 'expression', arities: [2, 4], cost: 0,
    mirrors: 'include/linux/pgtable.h set_pmd_at(mm, addr, pmdp, pmd) → WRITE_ONCE(*pmdp, pmd)',
    summary: 'write the PMD',
    expand: (args, span) => {
      const [pmdp, pmd] = args.length === 4 ? [args[2]!, args[3]!] : [args[0]!, args[1]!];
      return { expr: writeOnce(pmdp, pmd, span) };
    },
  },
  {
    name: 'pmd_populate', form: 'expression', arities: [1, 3], cost: 0, stores: 'PMD_TABLE',
    mirrors: 'arch pmd_populate(mm, pmdp, pte) → set_pmd(): point the PMD at a page table',
    summary: 'point the PMD at a page table (PMD_TABLE)',
    expand: (args, span) => ({ expr: writeOnce(args.length === 3 ? args[1]! : args[0]!, num(PMD_TABLE, span), span) }),
  },
  {
    // The generic pmdp_invalidate() (mm/pgtable-generic.c) is
    // `old = pmdp_establish(vma, address, pmdp, pmd_mkinvalid(*pmdp));` then
    // flush_pmd_tlb_range(). pmdp_establish() is xchg_relaxed() on arm64 and
    // a fully ordered xchg() on x86; like ptep_get_and_clear(), it is
    // modelled as a read and a write, so no barrier meant for atomics can
    // be taken to order it (kernel-objects.md), and as x86's xchg() under tso.
    name: 'pmdp_invalidate', form: 'statement', arities: [1, 3], cost: 20, stores: 'PMD_INVALID',
    usage: 'old_pmd = pmdp_invalidate(pmd);', result: 'optional',
    mirrors: 'mm/pgtable-generic.c pmdp_invalidate(): old = pmdp_establish(pmd_mkinvalid()) (read the PMD, write PMD_INVALID; x86: xchg()), then flush_pmd_tlb_range()',
    summary: 'make a huge PMD invalid (PMD_INVALID) and return its old value, then flush the TLBs: a read, a write (on x86 one xchg()) and a flush',
    expand: ({ args, result, span }, context) => [
      ...replaceEntry(last(args), PMD_INVALID, result, context, span),
      exprStmt(call('flush_tlb_page', [], span), span),
    ],
  },
  // ── the page-table lock (include/linux/mm.h) ──
  {
    name: 'pte_offset_map_lock', form: 'expression', arities: [1, 4], cost: 0,
    mirrors: 'include/linux/mm.h pte_offset_map_lock(mm, pmd, address, ptlp): map the PTE and take its page-table lock → spin_lock()',
    summary: 'take the page-table lock `spinlock_t *ptl` (the PTE itself is the thread\'s parameter)',
    expand: (args, span) => ({ expr: call('spin_lock', [last(args)], span) }),
  },
  {
    name: 'pte_unmap_unlock', form: 'expression', arities: [1, 2], cost: 0,
    mirrors: 'include/linux/mm.h pte_unmap_unlock(pte, ptl) → spin_unlock()',
    summary: 'release the page-table lock',
    expand: (args, span) => ({ expr: call('spin_unlock', [last(args)], span) }),
  },
  // ── freeing page tables (mm/mmu_gather.c, include/asm-generic/pgalloc.h) ──
  {
    name: 'pte_free', form: 'expression', arities: [1, 2], cost: 0, stores: 'PT_FREED',
    mirrors: 'include/asm-generic/pgalloc.h pte_free(): free the page table at once; its memory is reused (PT_FREED)',
    summary: 'free a page table at once: its memory now holds PT_FREED; only an IPI TLB flush before it keeps GUP-fast out',
    expand: (args, span) => ({ expr: writeOnce(last(args), num(PT_FREED, span), span) }),
  },
  {
    name: 'tlb_remove_table', form: 'statement', arities: [1, 2], cost: 20, stores: 'PT_FREED',
    usage: 'tlb_remove_table(tlb, pte);', result: 'none',
    mirrors: 'mm/mmu_gather.c tlb_remove_table() with CONFIG_MMU_GATHER_RCU_TABLE_FREE: the table is freed by call_rcu() after a grace period, then reused',
    summary: 'free a page table after a grace period: synchronize_rcu(), then its memory holds PT_FREED; GUP-fast (IRQs off, an RCU reader) never walks a freed table',
    expand: ({ args, span }) => [
      exprStmt(call('synchronize_rcu', [], span), span),
      exprStmt(writeOnce(last(args), num(PT_FREED, span), span), span),
    ],
  },
];
