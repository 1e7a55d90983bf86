// A memory budget can run out while the state table keeps a new state's
// witness: the state is counted without one. The run is then inconclusive,
// and the judge must say so rather than fail looking for that witness.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultBudget } from '../budget/budget.ts';
import { runLitmus } from '../run/run-litmus.ts';

const source = readFileSync(new URL('../../corpus/lkmm/sb/3.SB+fencembonceonces+poonceonce.litmus', import.meta.url), 'utf8');

describe('judge under a memory budget', () => {
  it('gives a verdict or an inconclusive result at every budget, never an error', () => {
    const seen = new Set<string>();
    // Budgets from 20 to 80 KB stop this test at every point of its exploration (38 and 40 KB stopped it while a witness was being kept).
    for (let kb = 20; kb <= 80; kb++) {
      const result = runLitmus(source, { model: 'lkmm', budget: { ...defaultBudget, maxMemoryMb: kb / 1024 } });
      const verdict = result.verdict!;
      seen.add(verdict.status);
      if (verdict.status === 'complete') {
        // A complete verdict shows every state's witness.
        expect(verdict.states.every((s) => s.witness !== undefined), `${kb} KB`).toBe(true);
      } else {
        expect(result.inconclusive?.budget, `${kb} KB`).toBe('memory');
        // Witnesses name only states that have one.
        for (const s of verdict.states) if (s.witness !== undefined) expect(verdict.witnesses[s.witness]).toBeDefined();
      }
    }
    // The sweep reaches both outcomes.
    expect([...seen].sort()).toEqual(['complete', 'inconclusive']);
  });
});
