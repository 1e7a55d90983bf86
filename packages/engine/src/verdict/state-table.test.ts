// The state table keeps only the executions that can be shown as witnesses:
// whatever order executions come in, the ones it keeps for a bound k are the
// k states the full choice would show, each with its smallest execution.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Execution } from '../execution/execution.ts';
import { Meter } from '../budget/meter.ts';
import { Relation } from '../execution/relation.ts';
import { compareStates, StateTable } from './state-table.ts';

/** A stand-in execution: only its size and identity matter here. */
const execution = (n: number, id: number): Execution => ({ n, id, rf: new Relation(n), co: new Relation(n) }) as unknown as Execution;

/** One execution: the state it ends in (two values), whether that satisfies the condition, its size. */
const arrival = fc.record({ a: fc.nat({ max: 3 }), b: fc.nat({ max: 3 }), n: fc.integer({ min: 2, max: 9 }) });

describe('StateTable', () => {
  it('keeps for k witnesses exactly the executions the full choice shows', () => {
    fc.assert(fc.property(fc.array(arrival, { maxLength: 60 }), fc.nat({ max: 4 }), fc.boolean(), (arrivals, k, bad) => {
      const meter = new Meter({ maxMillis: 1e9, maxMemoryMb: 1e6 });
      const bounded = new StateTable(meter, bad, k);
      const all = new StateTable(meter, bad, undefined);
      arrivals.forEach(({ a, b, n }, id) => {
        // The state decides whether the condition holds: here, a = b.
        for (const table of [bounded, all]) table.add(`${a},${b}`, [a, b], a === b, execution(n, id), []);
      });
      // The full choice: the bad outcome first, then fewest events, then herd7's order of states.
      const chosen = all.sorted()
        .sort((x, y) => Number(y.satisfies === bad) - Number(x.satisfies === bad) || x.witnessEvents - y.witnessEvents || compareStates(x.values, y.values))
        .slice(0, k);
      const kept = bounded.sorted().filter((s) => s.witness !== undefined);
      expect(kept.map((s) => s.values)).toEqual(chosen.map((s) => s.values).sort(compareStates));
      for (const s of kept) {
        const full = all.sorted().find((t) => compareStates(t.values, s.values) === 0)!;
        // The same execution: the first of the smallest.
        expect((s.witness as unknown as { id: number }).id).toBe((full.witness as unknown as { id: number }).id);
        expect(s.executions).toBe(full.executions);
      }
      expect(bounded.sorted().map((s) => [s.values, s.executions, s.witnessEvents])).toEqual(all.sorted().map((s) => [s.values, s.executions, s.witnessEvents]));
    }), { numRuns: 300 });
  });

  it('keeps a witness of its own, not a view into the shared slabs', () => {
    const table = new StateTable(new Meter({ maxMillis: 1e9, maxMemoryMb: 1e6 }), true, undefined);
    const x = execution(40, 0);
    x.rf.add(1, 2);
    table.add('s', [1], true, x, []);
    const kept = table.sorted()[0]!.witness!;
    expect(kept.rf.has(1, 2)).toBe(true);
    expect(kept.rf.bits.buffer.byteLength).toBe(kept.rf.bits.byteLength);
  });
});
