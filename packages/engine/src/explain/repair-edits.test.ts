// The cheaper half of the barrier edits: removing, weakening and
// downgrading what a program already has.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomLitmusText } from '../../test-support/random-program.ts';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { visitThread } from '../syntax/visit.ts';
import { lower } from '../program/lower.ts';
import { callCost, defaultCosts, type CostTable } from './barrier-vocabulary.ts';
import { applyEdits, reductionEdits } from './repair-edits.ts';

const mp = `C mp

{}

P0(int *x, int *y)
{
\tWRITE_ONCE(*x, 1);
\tsmp_mb();
\tsmp_store_release(y, 1);
}

P1(int *x, int *y)
{
\tint r0;
\tint r1;

\tr0 = smp_load_acquire(y);
\tsmp_rmb(); r1 = READ_ONCE(*x);
}

exists (1:r0=1 /\\ 1:r1=0)
`;

const reductions = (source: string, costs?: CostTable) => reductionEdits(parseLitmus(source).ast!, source, costs);

/** What a program's barriers, orderings and flushes cost. */
function costOf(source: string): number {
  let total = 0;
  for (const thread of parseLitmus(source).ast!.threads) {
    visitThread(thread, { call: (c) => { total += callCost(c.callee.name, defaultCosts) ?? 0; } });
  }
  return total;
}

describe('reductionEdits', () => {
  it('removes or weakens each barrier statement and downgrades each ordering, saving its price', () => {
    expect(reductions(mp).map((e) => [e.description, e.cost])).toEqual([
      ['remove smp_mb() on line 8 in P0', -10],
      ['smp_mb() -> smp_mb__after_atomic() on line 8 in P0', -2],
      ['smp_mb() -> smp_mb__before_atomic() on line 8 in P0', -2],
      ['smp_mb() -> smp_rmb() on line 8 in P0', -6],
      ['smp_mb() -> smp_wmb() on line 8 in P0', -6],
      ['smp_store_release() -> WRITE_ONCE() on line 9 in P0', -3],
      ['smp_load_acquire() -> READ_ONCE() on line 17 in P1', -3],
      ['remove smp_rmb() on line 18 in P1', -4],
    ]);
  });

  it('edits the text: a barrier alone on its line goes with its line, an ordering becomes the plain access', () => {
    const byDescription = new Map(reductions(mp).map((e) => [e.description, e]));
    const apply = (description: string) => applyEdits(mp, [byDescription.get(description)!]);
    expect(apply('remove smp_mb() on line 8 in P0')).toContain('\tWRITE_ONCE(*x, 1);\n\tsmp_store_release(y, 1);\n');
    expect(apply('remove smp_rmb() on line 18 in P1')).toContain('\tr0 = smp_load_acquire(y);\n\t r1 = READ_ONCE(*x);\n');
    expect(apply('smp_mb() -> smp_wmb() on line 8 in P0')).toContain('\tsmp_wmb();\n');
    expect(apply('smp_store_release() -> WRITE_ONCE() on line 9 in P0')).toContain('\tWRITE_ONCE(*y, 1);\n');
    expect(apply('smp_load_acquire() -> READ_ONCE() on line 17 in P1')).toContain('\tr0 = READ_ONCE(*y);\n');
  });

  it('trades ptep_clear_flush() for ptep_get_and_clear() and removes a flush_tlb_page(), each saving a flush', () => {
    const source = `C unmap

{
\tpte=1;
}

P0(int *pte)
{
\tint entry;

\tentry = ptep_clear_flush(pte);
\tflush_tlb_page();
}

exists (0:entry=1)
`;
    const edits = reductions(source);
    expect(edits.map((e) => [e.action, e.from, e.to, e.cost])).toEqual([
      ['downgrade', 'ptep_clear_flush', 'ptep_get_and_clear', -20],
      ['remove', 'flush_tlb_page', undefined, -20],
    ]);
    expect(applyEdits(source, [edits[0]!])).toContain('\tentry = ptep_get_and_clear(pte);\n');
  });

  it('leaves out an edit that saves nothing under the costs given', () => {
    const flat = { ...defaultCosts, smp_wmb: 10, smp_rmb: 10, smp_mb__after_atomic: 10, smp_mb__before_atomic: 10 };
    expect(reductions(mp, flat).filter((e) => e.from === 'smp_mb').map((e) => e.action)).toEqual(['remove']);
    const free = { ...defaultCosts, smp_rmb: 0, smp_load_acquire: 0 };
    expect(reductions(mp, free).map((e) => e.from)).toEqual(['smp_mb', 'smp_mb', 'smp_mb', 'smp_mb', 'smp_mb', 'smp_store_release']);
  });

  it('gives, on any program, edits that each leave a program that checks and costs exactly that much less', () => {
    fc.assert(fc.property(randomLitmusText(), (source) => {
      for (const edit of reductions(source)) {
        const edited = applyEdits(source, [edit]);
        const parsed = parseLitmus(edited);
        const diagnostics = [...parsed.diagnostics, ...(parsed.ast ? lower(parsed.ast, edited).diagnostics : [])];
        expect(diagnostics.filter((d) => d.severity === 'error'), `${edit.description}\n${edited}`).toEqual([]);
        expect(costOf(edited)).toBe(costOf(source) + edit.cost);
      }
    }), { numRuns: 60 });
  });
});
