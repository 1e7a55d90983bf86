// Relations as bit matrices, checked against their definitions: small
// examples by hand, then random relations (sizes that cross a 32-bit word)
// against naive pair-set versions of seq, inverse, plus and star, and the
// depth-first acyclicity check against `acyclic r` ⇔ `irreflexive r+`.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventSet, Relation, seq, union } from './relation.ts';

type Pair = readonly [number, number];

const pairsOf = (r: Relation) => [...r.pairs()].map(([a, b]) => `${a},${b}`).sort();
const keys = (pairs: Iterable<Pair>) => [...new Set([...pairs].map(([a, b]) => `${a},${b}`))].sort();

/** A random relation on 1–70 events: dense or sparse, often a DAG with a few back edges, so both answers of isAcyclic occur. */
const relation = fc
  .integer({ min: 1, max: 70 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      forward: fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n - 1 })), { maxLength: 3 * n }),
      backward: fc.array(fc.tuple(fc.nat({ max: n - 1 }), fc.nat({ max: n - 1 })), { maxLength: 2 }),
    }),
  )
  .map(({ n, forward, backward }) => {
    const pairs: Pair[] = [...forward.map(([a, b]): Pair => (a < b ? [a, b] : [b, a])).filter(([a, b]) => a !== b), ...backward];
    return { n, pairs, r: Relation.fromPairs(n, pairs) };
  });

/** Naive transitive closure over pair sets: add a;b;c until nothing changes. */
function naiveClosure(n: number, pairs: readonly Pair[]): Pair[] {
  const reach = Array.from({ length: n }, () => new Set<number>());
  for (const [a, b] of pairs) reach[a]!.add(b);
  for (let changed = true; changed; ) {
    changed = false;
    for (let a = 0; a < n; a++) {
      for (const b of [...reach[a]!]) {
        for (const c of reach[b]!) {
          if (!reach[a]!.has(c)) {
            reach[a]!.add(c);
            changed = true;
          }
        }
      }
    }
  }
  return reach.flatMap((set, a) => [...set].map((b): Pair => [a, b]));
}

describe('Relation', () => {
  it('composes with seq: a r-step then an s-step', () => {
    const r = Relation.fromPairs(4, [[0, 1], [1, 2]]);
    const s = Relation.fromPairs(4, [[1, 3], [2, 0], [3, 3]]);
    expect(pairsOf(r.seq(s))).toEqual(['0,3', '1,0']);
    expect(pairsOf(seq(r, s, s))).toEqual(['0,3']);
    expect(pairsOf(seq(r))).toEqual(pairsOf(r));
  });

  it('takes transitive and reflexive-transitive closures', () => {
    const chain = Relation.fromPairs(4, [[0, 1], [1, 2], [2, 3]]);
    expect(pairsOf(chain.plus())).toEqual(['0,1', '0,2', '0,3', '1,2', '1,3', '2,3']);
    expect(pairsOf(chain.star())).toEqual(['0,0', '0,1', '0,2', '0,3', '1,1', '1,2', '1,3', '2,2', '2,3', '3,3']);
    expect(chain.isAcyclic()).toBe(true);
    chain.add(3, 1);
    expect(chain.isAcyclic()).toBe(false);
    expect(chain.plus().isIrreflexive()).toBe(false);
  });

  it('inverts, restricts and combines', () => {
    const r = Relation.fromPairs(3, [[0, 1], [0, 2]]);
    expect(pairsOf(r.inverse())).toEqual(['1,0', '2,0']);
    expect(pairsOf(r.restrict(undefined, EventSet.of(3, [2])))).toEqual(['0,2']);
    expect(pairsOf(union(r, Relation.fromPairs(3, [[2, 2]])))).toEqual(['0,1', '0,2', '2,2']);
    expect(pairsOf(r.minus(Relation.fromPairs(3, [[0, 1]])))).toEqual(['0,2']);
    expect(r.domain().toArray()).toEqual([0]);
    expect(r.range().toArray()).toEqual([1, 2]);
  });

  it('treats a self-loop as a cycle', () => {
    expect(Relation.fromPairs(1, [[0, 0]]).isAcyclic()).toBe(false);
    expect(Relation.empty(40).isAcyclic()).toBe(true);
  });

  it('seq agrees with the pair-set definition', () => {
    fc.assert(
      fc.property(relation, relation, ({ n, pairs, r }, other) => {
        const s = Relation.fromPairs(n, other.pairs.filter(([a, b]) => a < n && b < n));
        const sPairs = [...s.pairs()];
        const expected = pairs.flatMap(([a, b]) => sPairs.filter(([c]) => c === b).map(([, d]): Pair => [a, d]));
        expect(pairsOf(r.seq(s))).toEqual(keys(expected));
      }),
      { numRuns: 150 },
    );
  });

  it('inverse swaps every pair and is an involution', () => {
    fc.assert(
      fc.property(relation, ({ pairs, r }) => {
        expect(pairsOf(r.inverse())).toEqual(keys(pairs.map(([a, b]): Pair => [b, a])));
        expect(r.inverse().inverse().equals(r)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('plus is the least transitive relation containing r, and star adds the identity', () => {
    fc.assert(
      fc.property(relation, ({ n, pairs, r }) => {
        const plus = r.plus();
        expect(pairsOf(plus)).toEqual(keys(naiveClosure(n, pairs)));
        expect(plus.seq(plus).minus(plus).isEmpty()).toBe(true);
        const identity = Array.from({ length: n }, (_, i): Pair => [i, i]);
        expect(pairsOf(r.star())).toEqual(keys([...naiveClosure(n, pairs), ...identity]));
      }),
      { numRuns: 150 },
    );
  });

  it('isAcyclic (depth-first search) agrees with irreflexive r+', () => {
    const seen = { acyclic: 0, cyclic: 0 };
    fc.assert(
      fc.property(relation, ({ r }) => {
        const acyclic = r.isAcyclic();
        seen[acyclic ? 'acyclic' : 'cyclic']++;
        expect(acyclic).toBe(r.plus().isIrreflexive());
      }),
      { numRuns: 300 },
    );
    // Both answers must have been exercised for the comparison to mean anything.
    expect(seen.acyclic).toBeGreaterThan(20);
    expect(seen.cyclic).toBeGreaterThan(20);
  });

  it('id, product, inverse, restrict, domain and range agree with their definitions on pairs', () => {
    fc.assert(
      fc.property(relation, fc.array(fc.nat({ max: 69 })), fc.array(fc.nat({ max: 69 })), ({ n, pairs, r }, xs, ys) => {
        const a = EventSet.of(n, xs.filter((x) => x < n));
        const b = EventSet.of(n, ys.filter((y) => y < n));
        expect(pairsOf(Relation.id(a))).toEqual(keys(a.toArray().map((e): Pair => [e, e])));
        expect(pairsOf(Relation.product(a, b))).toEqual(keys(a.toArray().flatMap((x) => b.toArray().map((y): Pair => [x, y]))));
        expect(pairsOf(r.inverse())).toEqual(keys(pairs.map(([x, y]): Pair => [y, x])));
        expect(pairsOf(r.restrict(a, b))).toEqual(keys(pairs.filter(([x, y]) => a.has(x) && b.has(y))));
        expect(pairsOf(r.restrict(undefined, b))).toEqual(keys(pairs.filter(([, y]) => b.has(y))));
        expect(r.domain().toArray()).toEqual([...new Set(pairs.map(([x]) => x))].sort((p, q) => p - q));
        expect(r.range().toArray()).toEqual([...new Set(pairs.map(([, y]) => y))].sort((p, q) => p - q));
      }),
      { numRuns: 200 },
    );
  });

  it('sets: forEach and size agree with iteration, complement with all minus', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.array(fc.nat({ max: 69 })), (n, xs) => {
        const s = EventSet.of(n, xs.filter((x) => x < n));
        const seen: number[] = [];
        s.forEach((e) => seen.push(e));
        expect(seen).toEqual([...s]);
        expect(s.size()).toBe(seen.length);
        expect(s.complement().toArray()).toEqual(EventSet.all(n).minus(s).toArray());
        expect(EventSet.all(n).size()).toBe(n);
        const pairs: [number, number][] = [];
        Relation.product(s, s).forEachPair((p, q) => pairs.push([p, q]));
        expect(pairs).toEqual([...Relation.product(s, s).pairs()]);
      }),
      { numRuns: 200 },
    );
  });
});
