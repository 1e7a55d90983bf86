// The two enumerators behind location-choices.ts: interleavings of per-thread
// write sequences (how many, each keeping program order, none twice) and the
// cartesian product (how many, in lexicographic order).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { interleavings, product } from './location-choices.ts';

const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));

/** Disjoint sequences of distinct numbers, as the writes of different threads are. */
const sequences = fc.array(fc.nat({ max: 3 }), { maxLength: 4 }).map((lengths) => {
  let next = 0;
  return lengths.map((length) => Array.from({ length }, () => next++));
}).filter((seqs) => seqs.reduce((s, q) => s + q.length, 0) <= 8);

describe('interleavings', () => {
  it('lists the interleavings of two sequences', () => {
    expect([...interleavings([[1, 2], [3]])]).toEqual([[1, 2, 3], [1, 3, 2], [3, 1, 2]]);
  });

  it('has one, empty, interleaving of nothing', () => {
    expect([...interleavings([])]).toEqual([[]]);
    expect([...interleavings([[], []])]).toEqual([[]]);
  });

  it('yields (Σ len)! / Π len! distinct interleavings, each keeping every sequence in order', () => {
    fc.assert(
      fc.property(sequences, (seqs) => {
        const all = [...interleavings(seqs)];
        const total = seqs.reduce((s, q) => s + q.length, 0);
        const expected = seqs.reduce((count, q) => count / factorial(q.length), factorial(total));
        expect(all.length).toBe(expected);
        expect(new Set(all.map((order) => order.join(','))).size).toBe(all.length);
        for (const order of all) {
          expect([...order].sort((a, b) => a - b)).toEqual(seqs.flat());
          for (const q of seqs) expect(order.filter((e) => q.includes(e))).toEqual(q);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('product', () => {
  it('lists tuples in lexicographic order', () => {
    expect([...product<number | string>([[1, 2], ['a', 'b', 'c']])]).toEqual([
      [1, 'a'], [1, 'b'], [1, 'c'], [2, 'a'], [2, 'b'], [2, 'c'],
    ]);
  });

  it('is empty when one list is, and one empty tuple for no lists', () => {
    expect([...product([[1, 2], [], [3]])]).toEqual([]);
    expect([...product([])]).toEqual([[]]);
  });

  it('yields Π len distinct tuples, each taking its k-th item from list k', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 5 }), (lengths) => {
        const lists = lengths.map((length, k) => Array.from({ length }, (_, i) => `${k}.${i}`));
        const all = [...product(lists)];
        expect(all.length).toBe(lengths.reduce((p, l) => p * l, 1));
        expect(new Set(all.map((t) => t.join(' '))).size).toBe(all.length);
        for (const tuple of all) tuple.forEach((item, k) => expect(lists[k]).toContain(item));
        const sorted = [...all].sort((a, b) => compareTuples(a, b, lists));
        expect(all).toEqual(sorted);
      }),
      { numRuns: 150 },
    );
  });
});

/** Lexicographic order by each item's position in its list. */
function compareTuples(a: readonly string[], b: readonly string[], lists: readonly string[][]): number {
  for (let k = 0; k < a.length; k++) {
    const d = lists[k]!.indexOf(a[k]!) - lists[k]!.indexOf(b[k]!);
    if (d !== 0) return d;
  }
  return 0;
}
