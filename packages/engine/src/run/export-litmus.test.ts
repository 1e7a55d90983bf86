// Export round trip: every corpus test, printed back as herd7 C, must give
// exactly the same verdict output as the original.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../../test-support/golden-corpus.ts';
import { exportLitmus } from './export-litmus.ts';
import { printLitmus } from '../program/print-litmus.ts';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { runLitmus } from './run-litmus.ts';
import { formatHerdOutput } from '../verdict/herd-output.ts';

const root = fileURLToPath(new URL('../../corpus', import.meta.url));


describe('export to herd7 C', () => {
  it.each(loadCorpus(root).map(([path]) => path).map((f) => [relative(root, f), f]))('%s round-trips with the same verdict', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    const original = runLitmus(source);
    if (original.diagnostics.some((d) => d.severity === 'error')) {
      // Only a known difference may be a test herd7 reads and we refuse (Init+array-location); it has nothing to export.
      expect(relative(root, file)).toMatch(/^known-differences\//);
      return;
    }
    const exported = exportLitmus(source);
    expect(exported.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const again = runLitmus(exported.text!);
    expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(formatHerdOutput(again.verdict!, { hash: false })).toBe(formatHerdOutput(original.verdict!, { hash: false }));
  }, 120_000);

  it('expands kernel builtins and the flush flavour', () => {
    const source = `C pin\n{}\nP0(int *ref, int *pte)\n{\n\tint r0;\n\tr0 = ptep_get_lockless(pte);\n\ttry_grab_folio(ref);\n\tflush_tlb_page();\n}\nexists (0:r0=0)\n`;
    const ipi = exportLitmus(source).text!;
    expect(ipi).toContain('r0 = READ_ONCE(*pte);');
    expect(ipi).toContain('atomic_add(1024, ref);');
    expect(ipi).toContain('synchronize_rcu();');
    const broadcast = exportLitmus(source, { flush: 'broadcast' }).text!;
    expect(broadcast).not.toContain('synchronize_rcu');
    expect(broadcast).toContain('atomic_add(1024, ref);\n\tsmp_mb();');
    expect(broadcast).toContain('broadcasts (waiting for nobody; a full barrier on the flushing CPU)');
  });

  describe('names the hidden names in its header', () => {
    const userWrite = (extra = '') => `C uw\n{\n\tptep=1;${extra}\n}\nP0(int *ptep)\n{\n\tptep_get_and_clear(ptep);\n\tflush_tlb_page();\n}\nP1(int *ptep, int *page)\n{\n\tuser_write(ptep, page, 1);\n}\nexists (page=1)\n`;
    const header = (text: string) => text.slice(text.indexOf('(*'), text.indexOf('*)') + 2);

    it('the TLB\'s SRCU domain and each hidden register, with its thread and role', () => {
      const h = header(exportLitmus(userWrite()).text!);
      expect(h).toContain('- tlb: the TLB as an SRCU domain, a parameter of every thread.');
      expect(h).toContain('synchronize_srcu(tlb)');
      expect(h).toContain('- ignored, a register of P0: the value of a call whose result the code drops');
      expect(h).toContain('- tlb_idx, a register of P1: the srcu_read_lock(tlb) index of a user access.');
      expect(h).toContain('- tlb_pte, a register of P1: the translation a user access uses');
      expect(h).not.toMatch(/tlb_idx, a register of P0|tlb_pte, a register of P0/);
    });

    it('under the names the export uses when the program already has them', () => {
      const text = exportLitmus(userWrite('\n\ttlb=0;')).text!;
      expect(text).toContain('struct srcu_struct *tlb1');
      expect(header(text)).toContain('- tlb1: the TLB as an SRCU domain');
      expect(header(text)).toContain('srcu_read_lock(tlb1) index');
    });

    it('and says nothing of them when there are none', () => {
      const text = exportLitmus('C k\n{}\nP0(int *pte)\n{\n\tint r0;\n\tr0 = ptep_get(pte);\n}\nexists (0:r0=0)\n').text!;
      expect(text).toContain('Exported by Barrier Lab');
      expect(text).not.toContain('Names the expansion added');
    });

    it('in a comment herd7 still reads as one (no nested opening)', () => {
      const text = printLitmus(parseLitmus('C c\n{}\nP0(int *x)\n{\n\tWRITE_ONCE(*x, 1);\n}\nexists (x=1)\n').ast!, { comment: ['a (*x) b *) c', ''] });
      expect(text).toContain('(*\n * a ( *x) b * ) c\n *\n *)\n');
    });
  });

  it('refuses the loops herd7 lacks (for, do, break, continue) with a located error', () => {
    const source = `C loop\n{}\nP0(int *x)\n{\n\tint r0 = 0;\n\tdo\n\t\tr0 = READ_ONCE(*x);\n\twhile (r0 == 0);\n}\nexists (0:r0=1)\n`;
    const { text, diagnostics } = exportLitmus(source);
    expect(text).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ code: 'export/unsupported', span: { line: 6 } });
  });

  it('prints while loops, which herd7 has, with the unroll bound as Unroll=', () => {
    const source = `C loop\n// @unroll 3\n{}\nP0(int *x)\n{\n\tint r0 = 0;\n\twhile (r0 == 0)\n\t\tr0 = READ_ONCE(*x);\n}\nexists (0:r0=1)\n`;
    const { text } = exportLitmus(source);
    expect(text).toContain('Unroll=3\n');
    expect(text).toContain('\twhile (r0 == 0) {\n\t\tr0 = READ_ONCE(*x);\n\t}\n');
    expect(formatHerdOutput(runLitmus(text!).verdict!, { hash: false })).toBe(formatHerdOutput(runLitmus(source).verdict!, { hash: false }));
  });
});
