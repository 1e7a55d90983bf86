// Export round trip: every corpus test, printed back as herd7 C, must give
// exactly the same verdict output as the original.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../bench/fuzz-parser.ts';
import { exportLitmus } from './export-litmus.ts';
import { runLitmus } from './run-litmus.ts';
import { formatHerdOutput } from './verdict/herd-output.ts';

const root = fileURLToPath(new URL('../corpus', import.meta.url));


describe('export to herd7 C', () => {
  it.each(loadCorpus(root).map(([path]) => path).map((f) => [relative(root, f), f]))('%s round-trips with the same verdict', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    const exported = exportLitmus(source);
    expect(exported.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const original = runLitmus(source);
    const again = runLitmus(exported.text!);
    expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(formatHerdOutput(again.verdict!)).toBe(formatHerdOutput(original.verdict!));
  }, 120_000);

  it('expands kernel builtins and the flush flavour', () => {
    const source = `C pin\n{}\nP0(int *ref, int *pte)\n{\n\tint r0;\n\tr0 = ptep_get_lockless(pte);\n\ttry_grab_folio(ref);\n\tflush_tlb_page();\n}\nexists (0:r0=0)\n`;
    const ipi = exportLitmus(source).text!;
    expect(ipi).toContain('r0 = READ_ONCE(*pte);');
    expect(ipi).toContain('atomic_add(1024, ref);');
    expect(ipi).toContain('synchronize_rcu();');
    const broadcast = exportLitmus(source, { flush: 'broadcast' }).text!;
    expect(broadcast).not.toContain('synchronize_rcu');
    expect(broadcast).toContain('broadcasts (waiting for nobody)');
  });

  it('refuses loops, which herd7 lacks, with a located error', () => {
    const source = `C loop\n{}\nP0(int *x)\n{\n\tint r0 = 0;\n\twhile (r0 == 0)\n\t\tr0 = READ_ONCE(*x);\n}\nexists (0:r0=1)\n`;
    const { text, diagnostics } = exportLitmus(source);
    expect(text).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ code: 'export/unsupported', span: { line: 6 } });
  });
});
