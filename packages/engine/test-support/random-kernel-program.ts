// Small random kernel-C litmus tests for the laws on kernel builtins
// (src/explore/kernel-laws.test.ts). Like random-program.ts, a test is plain
// data (`RandomKernelLitmus`) printed by `renderKernelLitmus`, so fast-check
// shrinks the structure and a failing case prints as a test one can paste
// into the site or `barrier-lab litmus`.
//
// The statements are the builtins of the seed patch's scenarios: page-table
// entries cleared, invalidated, read and written (on two entries, so that two
// CPUs often write the same one, the case where the generic read-then-write
// and x86's xchg() differ), pins and the refcount, the PageAnonExclusive flag,
// page_try_share_anon_rmap(), barriers, TLB flushes of either flavour,
// IRQ-disabled sections, and user accesses through the TLB.
import fc from 'fast-check';
import { printRandomIf } from './control-dependency-printer.ts';

/** The page-table entries a test may use (both start present and writable, PTE_WRITE). */
export const entryNames = ['pte', 'pmd'] as const;

/** One statement. Those marked "assigns" give the next register `rN` a value. */
export type KernelStatement =
  /** Assigns: `rN = ptep_get_and_clear(e)`, `ptep_clear_flush(e)` or `pmdp_invalidate(e)`. */
  | { readonly kind: 'replace'; readonly how: 'ptep_get_and_clear' | 'ptep_clear_flush' | 'pmdp_invalidate'; readonly entry: number }
  /** Assigns: `rN = ptep_get_lockless(e)`. */
  | { readonly kind: 'read-entry'; readonly entry: number }
  /** `set_pte_at(e, v)`, or `set_pte_at(e, rK)` (restore a value read before) when `register` is set and one is assigned. */
  | { readonly kind: 'write-entry'; readonly entry: number; readonly value: number; readonly register?: number }
  | { readonly kind: 'pin' | 'unpin' | 'clear-flag' }
  /** Assigns: `rN = page_maybe_dma_pinned(refcount)`, `PageAnonExclusive(flags)` or `page_try_share_anon_rmap(refcount, flags)`. */
  | { readonly kind: 'pinned' | 'read-flag' | 'share' }
  | { readonly kind: 'fence'; readonly fence: 'smp_mb' | 'smp_rmb' | 'smp_wmb' | 'smp_mb__after_atomic' | 'flush_tlb_page' }
  /** `user_write(pte, data, 1)`; assigns with `rN = user_read(pte, data)`. */
  | { readonly kind: 'user-write' | 'user-read' }
  /** `if (rK == v) { body }` (just the body when no register is assigned yet). */
  | { readonly kind: 'if'; readonly register: number; readonly equals: number; readonly body: readonly KernelStatement[] }
  /** `local_irq_save(irq); body local_irq_restore(irq);` */
  | { readonly kind: 'irqs-off'; readonly body: readonly KernelStatement[] };

/** A random kernel-C test as data. */
export interface RandomKernelLitmus {
  readonly flush: 'ipi' | 'broadcast';
  readonly threads: readonly (readonly KernelStatement[])[];
}

const index = fc.nat({ max: 7 });
const entry = fc.nat({ max: 1 });

const simple: fc.Arbitrary<KernelStatement> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('replace' as const), how: fc.constantFrom('ptep_get_and_clear' as const, 'ptep_get_and_clear' as const, 'ptep_clear_flush' as const, 'pmdp_invalidate' as const), entry }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('read-entry' as const), entry }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('write-entry' as const), entry, value: fc.integer({ min: 1, max: 3 }), register: fc.option(index, { nil: undefined }) }, { requiredKeys: ['kind', 'entry', 'value'] }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('pin' as const, 'unpin' as const, 'clear-flag' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('pinned' as const, 'read-flag' as const, 'share' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('fence' as const), fence: fc.constantFrom('smp_mb' as const, 'smp_rmb' as const, 'smp_wmb' as const, 'smp_mb__after_atomic' as const, 'flush_tlb_page' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('user-write' as const, 'user-read' as const) }) },
);

const statement: fc.Arbitrary<KernelStatement> = fc.oneof(
  { weight: 10, arbitrary: simple },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('if' as const), register: index, equals: fc.nat({ max: 1 }), body: fc.array(simple, { minLength: 1, maxLength: 1 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('irqs-off' as const), body: fc.array(simple, { minLength: 1, maxLength: 2 }) }) },
);

/** The statements of a list and of every body in it. */
function flatten(s: KernelStatement): KernelStatement[] {
  return [s, ...('body' in s ? s.body.flatMap(flatten) : [])];
}

/** Statements that access memory (barriers aside), nested ones included. */
function accesses(test: RandomKernelLitmus): number {
  return test.threads.flat().flatMap(flatten).filter((s) => s.kind !== 'fence' && s.kind !== 'if' && s.kind !== 'irqs-off').length;
}

/**
 * Random kernel-C tests: 2–3 threads of 1–3 statements (an `if` or an
 * IRQ-disabled section around 1–2 more), at most `maxAccesses` (default 6)
 * builtins that access memory in all, so each explores in well under a second.
 */
export function randomKernelLitmus(options: { readonly maxAccesses?: number } = {}): fc.Arbitrary<RandomKernelLitmus> {
  const maxAccesses = options.maxAccesses ?? 6;
  return fc.record({
    flush: fc.constantFrom('ipi' as const, 'broadcast' as const),
    threads: fc.array(fc.array(statement, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 3 }),
  }).filter((test) => accesses(test) <= maxAccesses);
}

/** The test as kernel-C litmus text, observing every shared location and register. */
export function renderKernelLitmus(test: RandomKernelLitmus): string {
  const registerCounts: number[] = [];
  const threadTexts = test.threads.map((statements, t) => {
    const lines: string[] = [];
    let registers = 0;
    let irq = false;
    const next = () => `r${registers++}`;
    const earlier = (k: number) => (registers === 0 ? undefined : `r${k % registers}`);
    const emit = (s: KernelStatement, indent: string): void => {
      switch (s.kind) {
        case 'replace':
          lines.push(`${indent}${next()} = ${s.how}(${entryNames[s.entry]});`);
          return;
        case 'read-entry':
          lines.push(`${indent}${next()} = ptep_get_lockless(${entryNames[s.entry]});`);
          return;
        case 'write-entry': {
          const restored = s.register === undefined ? undefined : earlier(s.register);
          lines.push(`${indent}set_pte_at(${entryNames[s.entry]}, ${restored ?? s.value});`);
          return;
        }
        case 'pin':
          lines.push(`${indent}try_grab_folio(refcount);`);
          return;
        case 'unpin':
          lines.push(`${indent}unpin_user_page(refcount);`);
          return;
        case 'clear-flag':
          lines.push(`${indent}ClearPageAnonExclusive(flags);`);
          return;
        case 'pinned':
          lines.push(`${indent}${next()} = page_maybe_dma_pinned(refcount);`);
          return;
        case 'read-flag':
          lines.push(`${indent}${next()} = PageAnonExclusive(flags);`);
          return;
        case 'share':
          lines.push(`${indent}${next()} = page_try_share_anon_rmap(refcount, flags);`);
          return;
        case 'fence':
          lines.push(`${indent}${s.fence}();`);
          return;
        case 'user-write':
          lines.push(`${indent}user_write(pte, data, 1);`);
          return;
        case 'user-read':
          lines.push(`${indent}${next()} = user_read(pte, data);`);
          return;
        case 'if':
          printRandomIf(s, indent, lines, earlier, emit);
          return;
        case 'irqs-off':
          irq = true;
          lines.push(`${indent}local_irq_save(irq);`);
          for (const b of s.body) emit(b, indent);
          lines.push(`${indent}local_irq_restore(irq);`);
      }
    };
    for (const s of statements) emit(s, '\t');
    registerCounts.push(registers);
    const decls = [...(irq ? ['\tunsigned long irq;'] : []), ...Array.from({ length: registers }, (_, k) => `\tint r${k};`)];
    return [
      `P${t}(int *pte, int *pmd, atomic_t *refcount, int *flags, int *data)`, '{',
      ...decls, ...(decls.length > 0 ? [''] : []), ...lines, '}',
    ].join('\n');
  });
  const everything = [
    'pte', 'pmd', 'refcount', 'flags', 'data',
    ...registerCounts.flatMap((n, t) => Array.from({ length: n }, (_, k) => `${t}:r${k}`)),
  ];
  return [
    'C random-kernel', '', `// @flush ${test.flush}`, '',
    '{', '\tpte=1;', '\tpmd=1;', '\tflags=1;', '}', '',
    threadTexts.join('\n\n'), '',
    `locations [${everything.map((target) => `${target};`).join(' ')}]`,
    'exists (pte=0)', '',
  ].join('\n');
}
