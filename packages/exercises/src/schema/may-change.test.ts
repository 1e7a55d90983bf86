import { parseLitmus } from '@barrier-lab/engine';
import { describe, expect, it } from 'vitest';
import { exercise } from '../catalog/catalog.ts';
import { exercisePrices, mayChangeInCode, pricedKinds } from './may-change.ts';

const program = (body: string) => parseLitmus(`C t\n\n{}\n\nP0(int *x, atomic_t *a, int *pte)\n{\n\tint r0;\n\n${body}\n}\n\nexists (0:r0=1)\n`).ast;

describe('exercisePrices', () => {
  it('prices barriers and flushes always, orderings only when named (or anything goes)', () => {
    expect(Object.keys(exercisePrices('barriers', {}))).toEqual(['smp_mb', 'smp_rmb', 'smp_wmb', 'smp_mb__before_atomic', 'smp_mb__after_atomic', 'flush']);
    expect(exercisePrices('barriers', { smp_store_release: 2, flush: 0 })).toMatchObject({ smp_store_release: 2, flush: 0 });
    expect(exercisePrices('code', {})).toMatchObject({ smp_load_acquire: 3, smp_store_release: 3 });
    expect(pricedKinds({ costs: exercisePrices('barriers', { smp_load_acquire: 1 }) })).toContain('smp_load_acquire');
  });
});

describe('mayChangeInCode', () => {
  it('names the barriers only, for a plain exercise', () => {
    const m = mayChangeInCode('barriers', exercisePrices('barriers', {}), program('\tWRITE_ONCE(*x, 1);'), false);
    expect(m).toMatchObject({ rule: 'barriers', orderings: [], flushes: [] });
    expect(m.sentence).toBe('You may change only barriers: add, move or remove smp_mb(), smp_rmb(), smp_wmb(), smp_mb__before_atomic() or smp_mb__after_atomic().');
  });

  it('names the flushes the code has, and the atomic_t orderings where the code uses them', () => {
    const prices = exercisePrices('barriers', { smp_load_acquire: 3 });
    const m = mayChangeInCode('barriers', prices, program('\tr0 = ptep_clear_flush(pte);\n\tr0 = atomic_read(a);'), false);
    expect(m.flushes).toEqual([{ call: 'flush_tlb_page' }, { call: 'ptep_clear_flush', without: 'ptep_get_and_clear' }]);
    expect(m.orderings).toEqual([{ plain: 'READ_ONCE', ordered: 'smp_load_acquire' }, { plain: 'atomic_read', ordered: 'atomic_read_acquire' }]);
    expect(m.sentence).toBe('You may change only barriers, TLB flushes and orderings: add, move or remove smp_mb(), smp_rmb(), smp_wmb(), '
      + 'smp_mb__before_atomic(), smp_mb__after_atomic() or flush_tlb_page(); trade ptep_clear_flush() for ptep_get_and_clear() and back; '
      + 'turn READ_ONCE(*p) into smp_load_acquire(p) or atomic_read() into atomic_read_acquire(), and back.');
  });

  it('says the code rule in its own words, and a predict exercise changes nothing', () => {
    expect(mayChangeInCode('code', exercisePrices('code', {}), program(''), false).sentence).toContain('anything inside the threads');
    expect(exercise('sb-which-models')!.mayChange).toMatchObject({ rule: 'nothing', sentence: 'You change nothing in the program: predict its outcome under each model.' });
  });
});
