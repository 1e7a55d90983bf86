// Folios, pins and page flags (include/linux/mm.h, page_ref.h, page-flags.h,
// mm/gup.c), and the two functions the seed patch put its barriers in:
// page_try_share_anon_rmap() (include/linux/rmap.h) and gup_must_unshare()
// (include/linux/mm.h). A folio's `_refcount` is an `atomic_t *refcount`;
// the page flags an `int *flags` whose bit 0 is PG_anon_exclusive.
import type { KernelBuiltin } from './kernel-objects.ts';
import { assign, bin, call, deref, exprStmt, ifStmt, num } from './kernel-objects-syntax.ts';

/** The builtins for folios, refcounts, pins and page flags. */
export const pageBuiltins: readonly KernelBuiltin[] = [
  {
    name: 'folio_ref_add', form: 'expression', arities: [2], cost: 0,
    mirrors: 'include/linux/page_ref.h folio_ref_add() → atomic_add()',
    summary: 'add to the refcount with a non-value-returning atomic (orders nothing on its own)',
    expand: ([ref, n], span) => ({ expr: call('atomic_add', [n!, ref!], span) }),
  },
  {
    name: 'folio_ref_count', form: 'expression', arities: [1], cost: 0,
    mirrors: 'include/linux/page_ref.h folio_ref_count() → atomic_read()',
    summary: 'read the refcount (READ_ONCE)',
    expand: ([ref], span) => ({ expr: call('atomic_read', [ref!], span) }),
  },
  {
    name: 'page_count', form: 'expression', arities: [1], cost: 0,
    mirrors: 'include/linux/mm.h page_count() → folio_ref_count() → atomic_read()',
    summary: 'read the refcount (READ_ONCE); KSM compares it with page_mapcount() + 1 + swapped',
    expand: ([ref], span) => ({ expr: call('atomic_read', [ref!], span) }),
  },
  {
    // GUP-fast's first reference. try_grab_folio(FOLL_PIN) starts with
    // try_get_folio() → folio_ref_try_add_rcu() → atomic_add_unless(), a
    // value-returning atomic and so fully ordered (Documentation/atomic_t.txt),
    // and only then adds the rest of the bias with a plain folio_ref_add().
    name: 'try_get_folio', form: 'expression', arities: [1, 2], cost: 0,
    mirrors: 'mm/gup.c try_get_folio() → folio_ref_try_add_rcu() → atomic_add_unless(&folio->_refcount, refs, 0): fully ordered',
    summary: 'take a reference unless the refcount is 0: atomic_add_unless(refcount, 1, 0), a value-returning atomic and so a full barrier before and after; 1 if taken',
    expand: ([ref], span) => ({ expr: call('atomic_add_unless', [ref!, num(1, span), num(0, span)], span) }),
  },
  {
    // As before the patch: the patch adds smp_mb__after_atomic() after the
    // pin ("essentially a smp_mb() ... paired with a memory barrier in
    // page_try_share_anon_rmap()"). Scenarios write that barrier out after the
    // call, so the difference between before and after stays visible.
    // Modelling choice: the whole bias is one non-value-returning atomic_add();
    // the kernel's first reference (try_get_folio() above, fully ordered) is
    // left out, and a scenario that needs it writes
    // `try_get_folio(refcount); folio_ref_add(refcount, 1023);` instead.
    name: 'try_grab_folio', form: 'expression', arities: [1, 2, 3], cost: 0, unit: { argument: 0, constant: 'GUP_PIN_COUNTING_BIAS' },
    mirrors: 'mm/gup.c try_grab_folio(): FOLL_PIN adds GUP_PIN_COUNTING_BIAS with folio_ref_add(); before the patch no barrier follows (the first reference, try_get_folio(), is left out)',
    summary: 'pin: add GUP_PIN_COUNTING_BIAS (1024) to the refcount, a non-value-returning atomic; the patched kernel follows it with smp_mb__after_atomic(), which you write yourself. The kernel\'s fully ordered first reference (try_get_folio()) is left out',
    expand: (args, span) => ({ expr: call('atomic_add', [num(1024, span), args[0]!], span) }),
  },
  {
    name: 'unpin_user_page', form: 'expression', arities: [1], cost: 0, unit: { argument: 0, constant: 'GUP_PIN_COUNTING_BIAS' },
    mirrors: 'mm/gup.c unpin_user_page(): drops GUP_PIN_COUNTING_BIAS',
    summary: 'unpin: subtract GUP_PIN_COUNTING_BIAS from the refcount',
    expand: ([ref], span) => ({ expr: call('atomic_sub', [num(1024, span), ref!], span) }),
  },
  {
    name: 'page_maybe_dma_pinned', form: 'expression', arities: [1], cost: 0, unit: { argument: 0, constant: 'GUP_PIN_COUNTING_BIAS' },
    mirrors: 'include/linux/mm.h page_maybe_dma_pinned(): refcount >= GUP_PIN_COUNTING_BIAS',
    summary: 'is the page (maybe) pinned? reads the refcount once',
    expand: ([ref], span) => ({ expr: bin('>=', call('atomic_read', [ref!], span), num(1024, span), span) }),
  },
  {
    name: 'PageAnonExclusive', form: 'expression', arities: [1], cost: 0,
    mirrors: 'include/linux/page-flags.h PageAnonExclusive() → test_bit(PG_anon_exclusive)',
    summary: 'read the PG_anon_exclusive bit of the page flags (READ_ONCE)',
    expand: ([flags], span) => ({ expr: bin('&', call('READ_ONCE', [deref(flags!, span)], span), num(1, span), span) }),
  },
  {
    name: 'SetPageAnonExclusive', form: 'expression', arities: [1], cost: 0,
    mirrors: 'include/linux/page-flags.h SetPageAnonExclusive() → set_bit(), a non-value-returning atomic',
    summary: 'set the PG_anon_exclusive bit with an atomic bit operation that returns nothing',
    expand: ([flags], span) => ({ expr: call('atomic_or', [num(1, span), flags!], span) }),
  },
  {
    name: 'ClearPageAnonExclusive', form: 'expression', arities: [1], cost: 0,
    mirrors: 'include/linux/page-flags.h ClearPageAnonExclusive() → clear_bit(), a non-value-returning atomic',
    summary: 'clear the PG_anon_exclusive bit with an atomic bit operation that returns nothing (orders nothing on its own)',
    expand: ([flags], span) => ({ expr: call('atomic_andnot', [num(1, span), flags!], span) }),
  },
  {
    // The patched function (include/linux/rmap.h), for an anonymous page
    // that is not device-private, with CONFIG_HAVE_FAST_GUP: (A2) and (A3)
    // of the patch's comment, with the barriers that order them against
    // (A1) before and (A4) after.
    name: 'page_try_share_anon_rmap', form: 'statement', arities: [2], cost: 18,
    usage: 'ret = page_try_share_anon_rmap(refcount, flags);', result: 'required',
    mirrors: 'include/linux/rmap.h page_try_share_anon_rmap() after the patch: smp_mb(); back off with -EBUSY if page_maybe_dma_pinned(); ClearPageAnonExclusive(); smp_mb__after_atomic()',
    summary: 'try to mark the page possibly shared: a full barrier (paired with the one after try_grab_folio()), back off with -EBUSY if pinned, else clear PG_anon_exclusive and order that clear before restoring the PTE (conceptually smp_wmb(), paired with smp_rmb() in gup_must_unshare())',
    expand: ({ args: [refcount, flags], result, span }) => [
      exprStmt(call('smp_mb', [], span), span),
      // -EBUSY when pinned, else 0: a value computed from the refcount read
      // (not assigned in a branch), so a caller's `if (ret)` depends on it
      // exactly as on page_maybe_dma_pinned().
      exprStmt(assign(result!, bin('*', call('page_maybe_dma_pinned', [refcount!], span), num(-16, span), span), span), span),
      ifStmt(bin('==', result!, num(0, span), span),
        [exprStmt(call('ClearPageAnonExclusive', [flags!], span), span), exprStmt(call('smp_mb__after_atomic', [], span), span)],
        undefined, span),
    ],
  },
  {
    // The patched function for a read-only pin (FOLL_PIN without
    // FOLL_WRITE) of an anonymous page: (B5) of the patch's comment. At the
    // patch it is gup_must_unshare(gup_flags, page); the GUP flags are
    // ignored here, the page is its flags.
    name: 'gup_must_unshare', form: 'statement', arities: [1, 2], cost: 4,
    usage: 'unshare = gup_must_unshare(flags);', result: 'required',
    mirrors: 'include/linux/mm.h gup_must_unshare() after the patch, for a R/O pin of an anonymous page: smp_rmb(); return !PageAnonExclusive()',
    summary: 'must a read-only pin back off (the page may be shared)? smp_rmb() (paired with page_try_share_anon_rmap()), then 1 if PG_anon_exclusive is clear',
    expand: ({ args, result, span }) => [
      exprStmt(call('smp_rmb', [], span), span),
      exprStmt(assign(result!, { kind: 'unary', op: '!', operand: call('PageAnonExclusive', [args[args.length - 1]!], span), span }, span), span),
    ],
  },
];
