// Each kernel builtin means what its kernel counterpart does, in LKMM terms.
import { describe, expect, it } from 'vitest';
import { runLitmus } from '../run/run-litmus.ts';
import { exportLitmus } from '../run/export-litmus.ts';
import { kernelBuiltins } from './kernel-objects.ts';

function states(source: string, flush?: 'ipi' | 'broadcast'): string[] {
  const { verdict, diagnostics } = runLitmus(source, flush ? { flush } : {});
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return verdict!.states.map((s) => s.entries.map((e) => `${e.target}=${e.value}`).join(' '));
}

const oneThread = (body: string, observe: string) =>
  `C t\n{\n\tpte=1;\n\tflags=1;\n}\nP0(int *pte, atomic_t *refcount, int *flags)\n{\n\tint r0;\n\tint r1;\n${body}\n}\nlocations [${observe}]\n`;

describe('kernel builtins on one CPU', () => {
  it('pins with GUP_PIN_COUNTING_BIAS, and page_maybe_dma_pinned() sees it', () => {
    expect(states(oneThread('\tr0 = page_maybe_dma_pinned(refcount);\n\ttry_grab_folio(refcount);\n\tr1 = page_maybe_dma_pinned(refcount);', '0:r0; 0:r1; refcount;')))
      .toEqual(['0:r0=0 0:r1=1 [refcount]=1024']);
  });

  it('unpins back to zero, and folio_ref_add()/folio_ref_count() see plain references', () => {
    expect(states(oneThread('\ttry_grab_folio(refcount);\n\tunpin_user_page(refcount);\n\tfolio_ref_add(refcount, 3);\n\tr0 = folio_ref_count(refcount);', '0:r0;')))
      .toEqual(['0:r0=3']);
  });

  it('clears and sets PG_anon_exclusive with bit operations', () => {
    expect(states(oneThread('\tClearPageAnonExclusive(flags);\n\tr0 = PageAnonExclusive(flags);\n\tSetPageAnonExclusive(flags);\n\tr1 = PageAnonExclusive(flags);', '0:r0; 0:r1;')))
      .toEqual(['0:r0=0 0:r1=1']);
  });

  it('reads, clears and restores PTEs; pte_wrprotect() makes PTE_WRITE read-only', () => {
    const body = '\tr0 = ptep_get_and_clear(pte);\n\tr1 = ptep_get(pte);\n\tset_pte_at(pte, pte_wrprotect(r0));';
    expect(states(oneThread(body, '0:r0; 0:r1; pte;'))).toEqual(['0:r0=1 0:r1=0 [pte]=2']);
    const kernelArgs = '\tr0 = ptep_get_and_clear(mm, addr, pte);\n\tset_pte_at(mm, addr, pte, PTE_RDONLY);\n\tr1 = pte_write(ptep_get_lockless(pte));';
    expect(states(oneThread(kernelArgs.replace('mm, addr, pte)', 'NULL, 0, pte)').replace('mm, addr, pte,', 'NULL, 0, pte,'), '0:r0; 0:r1; pte;')))
      .toEqual(['0:r0=1 0:r1=0 [pte]=2']);
  });

  it('splits ptep_clear_flush() into a clear and a flush', () => {
    const text = exportLitmus(oneThread('\tr0 = ptep_clear_flush(pte);', '0:r0;')).text!;
    expect(text).toMatch(/r0 = READ_ONCE\(\*pte\);\n\tWRITE_ONCE\(\*pte, 0\);\n\tsynchronize_rcu\(\);/);
  });

  it('rejects a wrong number of arguments where it was written', () => {
    const { diagnostics } = runLitmus(oneThread('\ttry_grab_folio();', '0:r0;'));
    expect(diagnostics[0]).toMatchObject({ code: 'lower/arity', span: { line: 10 } });
  });

  it('lets a parameter named like a constant hide it', () => {
    const source = 'C t\n{\n\tPTE_WRITE=7;\n}\nP0(int *PTE_WRITE)\n{\n\tint r0;\n\tr0 = READ_ONCE(*PTE_WRITE);\n}\nexists (0:r0=7)\n';
    expect(runLitmus(source).verdict?.observation).toBe('Always');
  });

  it('documents every builtin with the kernel source it mirrors, and how to write a statement builtin', () => {
    for (const b of kernelBuiltins()) {
      expect(b.mirrors.length, b.name).toBeGreaterThan(10);
      expect(b.summary.length, b.name).toBeGreaterThan(10);
      if (b.form === 'statement') expect(b.usage, b.name).toMatch(new RegExp(`^(\\w+ = )?${b.name}\\(.*\\);$`));
    }
  });
});

describe('IRQ-disabled sections and TLB flushes', () => {
  // A GUP-fast-like reader with IRQs off reads y then x; the flusher writes x,
  // flushes, writes y. An IPI flush waits for the reader (a grace period); a
  // broadcast flush waits for nobody.
  const source = `C flush\n{}\nP0(int *x, int *y)\n{\n\tWRITE_ONCE(*x, 1);\n\tflush_tlb_page();\n\tWRITE_ONCE(*y, 1);\n}\nP1(int *x, int *y)\n{\n\tunsigned long irq;\n\tint r0;\n\tint r1;\n\tlocal_irq_save(irq);\n\tr0 = READ_ONCE(*y);\n\tr1 = READ_ONCE(*x);\n\tlocal_irq_restore(irq);\n}\nexists (1:r0=1 /\\ 1:r1=0)\n`;

  it('an IPI flush forbids seeing the later store without the earlier one', () => {
    expect(runLitmus(source, { flush: 'ipi' }).verdict?.observation).toBe('Never');
  });

  it('a broadcast flush does not: it waits for nobody', () => {
    expect(runLitmus(source, { flush: 'broadcast' }).verdict?.observation).toBe('Sometimes');
  });

  it('a broadcast flush is a full barrier on the flushing CPU (arm64: TLBI then DSB): a reader\'s smp_rmb() is all that is missing', () => {
    const withRmb = source.replace('r0 = READ_ONCE(*y);\n', 'r0 = READ_ONCE(*y);\n\tsmp_rmb();\n');
    expect(runLitmus(withRmb, { flush: 'broadcast' }).verdict?.observation).toBe('Never');
    expect(exportLitmus(source, { flush: 'broadcast' }).text).toMatch(/WRITE_ONCE\(\*x, 1\);\n\tsmp_mb\(\);\n\tWRITE_ONCE\(\*y, 1\);/);
    // Store buffering against a flush: the flush orders its own CPU's store
    // before its load, so one full barrier on the other side is enough.
    const sb = 'C sb\n{}\nP0(int *x, int *y)\n{\n\tint r0;\n\tWRITE_ONCE(*x, 1);\n\tflush_tlb_page();\n\tr0 = READ_ONCE(*y);\n}\nP1(int *x, int *y)\n{\n\tint r1;\n\tWRITE_ONCE(*y, 1);\n\tBARRIER\n\tr1 = READ_ONCE(*x);\n}\nexists (0:r0=0 /\\ 1:r1=0)\n';
    expect(runLitmus(sb.replace('BARRIER', 'smp_mb();'), { flush: 'broadcast' }).verdict?.observation).toBe('Never');
    expect(runLitmus(sb.replace('BARRIER', ''), { flush: 'broadcast' }).verdict?.observation).toBe('Sometimes');
  });

  it('takes the flavour from // @flush unless overridden', () => {
    const pragma = source.replace('C flush\n', 'C flush\n// @flush broadcast\n');
    expect(runLitmus(pragma).verdict?.observation).toBe('Sometimes');
    expect(runLitmus(pragma, { flush: 'ipi' }).verdict?.observation).toBe('Never');
  });
});
