// Explanations of the patch's scenarios (corpus/lkmm/kernel): what a learner
// is told about the bug and its fix.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runLitmus } from '../run/run-litmus.ts';
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
    // The pin is shown by the kernel's name for it, not as 1024.
    expect(e.timelineText).toContain('try_grab_folio(refcount) stored refcount=GUP_PIN_COUNTING_BIAS');
    expect(e.timelineText).toMatch(/stale value: CPU 1's store refcount=GUP_PIN_COUNTING_BIAS \(line 42\)/);
    expect(e.timelineText).not.toContain('1024');
    expect(e.timeline?.steps.find((s) => s.named === 'GUP_PIN_COUNTING_BIAS')?.value).toBe('1024');
    // The PTE's values go by their names too, its initial 1 included.
    expect(e.timelineText).not.toMatch(/ptep_get_lockless\(pte\) read 1\b/);
    expect(e.svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });

  it('says once why ptep_clear_flush() reads the PTE at one step and clears it at a later one', () => {
    const source = scenario('KSM+GUP-fast+pte-change+broadcast');
    const steps = explain(source, runLitmus(source).verdict!, { repair: false }).timeline!.steps;
    const calls = steps.filter((s) => s.statement.includes('ptep_clear_flush'));
    // The read, the clear, and the broadcast flush's full barrier (smp_mb()).
    expect(calls.map((s) => [s.step, s.kind])).toEqual([[1, 'R'], [8, 'W'], [9, 'F']]);
    const notes = steps.flatMap((s) => s.notes.filter((n) => n.kind === 'split-access').map((n) => [s.step, n.message] as const));
    expect(notes).toEqual([[8, expect.stringContaining('ptep_clear_flush() read the PTE (pte) at step 1 and clears it only now')]]);
    expect(notes[0]![1]).toContain("generic ptep_get_and_clear(), it reads the PTE and then clears it");
    expect(notes[0]![1]).toContain('so CPU 1 still read the old pte at steps 3 and 6');
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
