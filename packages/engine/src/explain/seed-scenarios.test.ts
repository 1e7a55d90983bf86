// Explanations of the patch's scenarios (corpus/lkmm/kernel): what a learner
// is told about the bug and its fix.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runLitmus } from '../run-litmus.ts';
import { explain } from './explain.ts';

const scenario = (name: string) => readFileSync(fileURLToPath(new URL(`../../corpus/lkmm/kernel/${name}.litmus`, import.meta.url)), 'utf8');

describe('explaining the seed scenarios', () => {
  it("no PTE change: the repair is the patch's pairing, a write barrier after the flag clear and smp_rmb() in GUP-fast", () => {
    const source = scenario('KSM+GUP-fast+no-pte-change+ipi');
    const verdict = runLitmus(source).verdict!;
    expect(verdict.observation).toBe('Sometimes');
    const e = explain(source, verdict);
    expect(e.timelineText).toContain('PageAnonExclusive(flags) read 1');
    expect(e.repair?.status).toBe('found');
    expect(e.repair?.edits.map((x) => x.description).join('; ')).toMatch(/smp_wmb\(\).*P0.*smp_rmb\(\).*P1/);
    expect(e.repair?.pairings.map((p) => p.message).join('\n')).toMatch(/smp_wmb\(\) in P0 .*pairs with smp_rmb\(\) in P1/);
  }, 60_000);

  it('PTE change with a broadcast flush: the counterexample shows KSM missing the pin', () => {
    const source = scenario('KSM+GUP-fast+pte-change+broadcast');
    const e = explain(source, runLitmus(source).verdict!, { repair: false });
    expect(e.timelineText).toMatch(/page_maybe_dma_pinned\(refcount\) read 0, the initial value/);
    expect(e.timelineText).toMatch(/stale value: CPU 1's store refcount=1024/);
    expect(e.svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });

  it('after the fix, says which axiom forbids the bad outcome', () => {
    const source = scenario('KSM+GUP-fast+pte-change+broadcast+fixed');
    const verdict = runLitmus(source).verdict!;
    expect(verdict.observation).toBe('Never');
    const e = explain(source, verdict);
    expect(e.whyForbidden?.status).toBe('forbidden');
    expect(e.whyForbidden?.axiom).toBe('propagation');
  });
});
