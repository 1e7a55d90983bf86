import { parseLitmus } from '@barrier-lab/engine';
import { describe, expect, it } from 'vitest';
import { checkEditRules } from './edit-rules.ts';
import type { EditRule } from '../schema/exercise.ts';

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

const rules = (edited: string, rule: EditRule = 'barriers') =>
  checkEditRules({ ast: parseLitmus(starter).ast!, source: starter }, { ast: parseLitmus(edited).ast!, source: edited }, rule);

describe('checkEditRules', () => {
  it('allows adding, moving and removing barriers, braces, comments and blank lines', () => {
    const edited = starter
      .replace('\tWRITE_ONCE(*y, 1);', '\tsmp_wmb(); /* paired with smp_rmb() */\n\n\tWRITE_ONCE(*y, 1);\n\tsmp_mb();')
      .replace('\t\tr1 = READ_ONCE(*x);', '\t{\n\t\tsmp_rmb();\n\t\tr1 = READ_ONCE(*x);\n\t}');
    expect(rules(edited)).toEqual([]);
  });

  it('points at a changed statement, with the starter\'s text as the hint', () => {
    const [d] = rules(starter.replace('WRITE_ONCE(*y, 1);', 'WRITE_ONCE(*y, 2);'));
    expect(d).toMatchObject({ code: 'edit/not-allowed', span: { line: 8, column: 2 } });
    expect(d!.message).toContain('Only barrier and flush statements may change');
    expect(d!.hint).toBe('The starter code has here: WRITE_ONCE(*y, 1);');
  });

  it('points at a removed statement where it is missing', () => {
    const [d] = rules(starter.replace('\tWRITE_ONCE(*y, 1);\n', ''));
    expect(d!.message).toContain('missing');
    expect(d!.span.line).toBe(8);
  });

  it('refuses release/acquire unless the exercise allows orderings', () => {
    const edited = starter.replace('WRITE_ONCE(*y, 1)', 'smp_store_release(y, 1)').replace('READ_ONCE(*y)', 'smp_load_acquire(y)');
    expect(rules(edited)).toHaveLength(1);
    // smp_store_release(y, 1) is WRITE_ONCE(*y, 1) with release ordering; smp_load_acquire(y) is READ_ONCE(*y) with acquire.
    expect(rules(edited, 'orderings')).toEqual([]);
    expect(rules(starter.replace('WRITE_ONCE(*y, 1)', 'smp_store_release(x, 1)'), 'orderings')).toHaveLength(1);
  });

  it('never lets the condition change, whatever the rule', () => {
    for (const rule of ['barriers', 'orderings', 'code'] as const) {
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
