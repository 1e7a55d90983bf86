import { parseLitmus } from '@barrier-lab/engine';
import { type CostTable } from '@barrier-lab/engine/explain';
import { describe, expect, it } from 'vitest';
import { checkEditRules } from './edit-rules.ts';
import type { EditRule } from '../schema/exercise.ts';
import { exercisePrices, mayChangeInCode } from '../schema/may-change.ts';

const starter = `C t

{}

P0(int *x, int *y)
{
\tWRITE_ONCE(*x, 1);
\tWRITE_ONCE(*y, 1);
}

P1(int *x, int *y)
{
\tint r0;
\tint r1;

\tr0 = READ_ONCE(*y);
\tif (r0 == 1)
\t\tr1 = READ_ONCE(*x);
}

~exists (1:r0=1 /\\ 1:r1=0)
`;

/** Orderings priced, as an exercise does by naming them in its costs. */
const orderings: Partial<CostTable> = { smp_load_acquire: 3, smp_store_release: 3 };

const rules = (edited: string, rule: EditRule = 'barriers', costs: Partial<CostTable> = {}) => {
  const prices = exercisePrices(rule, costs);
  const allowed = { edits: rule, costs: prices, mayChange: mayChangeInCode(rule, prices, parseLitmus(starter).ast, false) };
  return checkEditRules({ ast: parseLitmus(starter).ast!, source: starter }, { ast: parseLitmus(edited).ast!, source: edited }, allowed);
};

describe('checkEditRules', () => {
  it('tells a barrier written without parentheses to be called: smp_mb; is a name, not a barrier', () => {
    const [d] = rules(starter.replace('\tWRITE_ONCE(*x, 1);\n', '\tWRITE_ONCE(*x, 1);\n\tsmp_wmb;\n'));
    expect(d).toMatchObject({ code: 'edit/not-allowed', span: { line: 8 }, hint: 'smp_wmb without parentheses is not a call: write smp_wmb();' });
    const [other] = rules(starter.replace('\tWRITE_ONCE(*x, 1);\n', '\tWRITE_ONCE(*x, 1);\n\tx;\n'));
    expect(other?.hint).toMatch(/^The starter code has here/);
  });

  it('allows adding, moving and removing barriers, braces, comments and blank lines', () => {
    const edited = starter
      .replace('\tWRITE_ONCE(*y, 1);', '\tsmp_wmb(); /* paired with smp_rmb() */\n\n\tWRITE_ONCE(*y, 1);\n\tsmp_mb();')
      .replace('\t\tr1 = READ_ONCE(*x);', '\t{\n\t\tsmp_rmb();\n\t\tr1 = READ_ONCE(*x);\n\t}');
    expect(rules(edited)).toEqual([]);
  });

  it('points at a changed statement, with the starter\'s text as the hint', () => {
    const [d] = rules(starter.replace('WRITE_ONCE(*y, 1);', 'WRITE_ONCE(*y, 2);'));
    expect(d).toMatchObject({ code: 'edit/not-allowed', span: { line: 8, column: 2 } });
    // What differs, then the exercise's own sentence.
    expect(d!.message).toBe('This differs from the starter code of P0. You may change only barriers: add, move or remove smp_mb(), smp_rmb(), smp_wmb(), smp_mb__before_atomic() or smp_mb__after_atomic().');
    expect(d!.hint).toBe('The starter code has here: WRITE_ONCE(*y, 1);');
  });

  it('points at a removed statement where it is missing', () => {
    const [d] = rules(starter.replace('\tWRITE_ONCE(*y, 1);\n', ''));
    expect(d!.message).toContain('missing');
    expect(d!.span.line).toBe(8);
  });

  it('lets release/acquire replace the plain access, and back, exactly where the exercise prices them', () => {
    const edited = starter.replace('WRITE_ONCE(*y, 1)', 'smp_store_release(y, 1)').replace('READ_ONCE(*y)', 'smp_load_acquire(y)');
    expect(rules(edited)).toHaveLength(1);
    // smp_store_release(y, 1) is WRITE_ONCE(*y, 1) with release ordering; smp_load_acquire(y) is READ_ONCE(*y) with acquire.
    expect(rules(edited, 'barriers', orderings)).toEqual([]);
    expect(rules(starter.replace('WRITE_ONCE(*y, 1)', 'smp_store_release(x, 1)'), 'barriers', orderings)).toHaveLength(1);
    // Pricing only the acquire lets only loads change.
    expect(rules(edited, 'barriers', { smp_load_acquire: 3 })[0]?.span.line).toBe(8);
    expect(rules(starter.replace('READ_ONCE(*y)', 'smp_load_acquire(y)'), 'barriers', { smp_load_acquire: 3 })).toEqual([]);
  });

  it('says the orderings in its sentence when they are priced', () => {
    const [d] = rules(starter.replace('WRITE_ONCE(*y, 1);', 'WRITE_ONCE(*y, 2);'), 'barriers', orderings);
    expect(d!.message).toContain('You may change only barriers and orderings: add, move or remove smp_mb()');
    expect(d!.message).toContain('turn READ_ONCE(*p) into smp_load_acquire(p) or WRITE_ONCE(*p, v) into smp_store_release(p, v), and back.');
  });

  it('lets a TLB flush come and go, and ptep_clear_flush() trade for ptep_get_and_clear()', () => {
    const withClear = starter.replace('WRITE_ONCE(*x, 1);', 'r9 = ptep_get_and_clear(x);').replace('P0(int *x, int *y)\n{', 'P0(int *x, int *y)\n{\n\tint r9;');
    const check = (edited: string) => checkEditRules(
      { ast: parseLitmus(withClear).ast!, source: withClear }, { ast: parseLitmus(edited).ast!, source: edited },
      { edits: 'barriers', costs: exercisePrices('barriers', {}), mayChange: { sentence: 'You may change only barriers and TLB flushes.' } },
    );
    expect(check(withClear.replace('ptep_get_and_clear(x);', 'ptep_clear_flush(x);\n\tflush_tlb_page();'))).toEqual([]);
    expect(check(withClear.replace('ptep_get_and_clear(x);', 'ptep_get_lockless(x);'))[0]?.message).toBe('This differs from the starter code of P0. You may change only barriers and TLB flushes.');
  });

  it('never lets the condition change, whatever the rule', () => {
    for (const rule of ['barriers', 'code'] as const) {
      const [d] = rules(starter.replace('~exists', 'exists'), rule);
      expect(d?.message).toContain('property');
      expect(d?.span.line).toBe(21);
    }
  });

  it('lets code exercises change the threads but not their parameters or the initial state', () => {
    expect(rules(starter.replace('WRITE_ONCE(*y, 1);', 'smp_store_release(y, 1);'), 'code')).toEqual([]);
    expect(rules(starter.replace('P1(int *x, int *y)', 'P1(int *x, int *y, int *z)'), 'code')).toHaveLength(1);
    expect(rules(starter.replace('{}', '{ x=1; }'), 'code')[0]?.message).toContain('initial state');
  });

  it('notices an extra thread', () => {
    const [d] = rules(starter.replace('~exists', 'P2(int *x)\n{\n\tWRITE_ONCE(*x, 2);\n}\n\n~exists'));
    expect(d?.message).toContain('2 threads');
  });
});
