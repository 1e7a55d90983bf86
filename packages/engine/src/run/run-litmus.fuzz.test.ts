// The whole pipeline never throws on user input: mutated corpus tests and
// token soups go through parse, checks, exploration and judgement, and come
// back as diagnostics or a verdict, within a small budget.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { corpusMutants } from '../../bench/fuzz-parser.ts';
import { loadCorpus } from '../../test-support/golden-corpus.ts';
import { budgetInputs, checkBudgetRun, cpuMillis, smallBudgets } from '../../bench/fuzz-budgets.ts';
import { runLitmus } from './run-litmus.ts';

const budget = { maxEvents: 60, maxCandidates: 2_000, maxMillis: 200 };

describe('runLitmus on arbitrary input', () => {
  const corpus = loadCorpus().map(([, text]) => text);

  it('returns diagnostics or a verdict for mutated corpus tests, never throws', () => {
    fc.assert(
      fc.property(corpusMutants(corpus), (text) => {
        // CPU time, not wall time: a loaded machine must not turn a verdict into a budget hit.
        const result = runLitmus(text, { budget, clock: cpuMillis });
        const errors = result.diagnostics.filter((d) => d.severity === 'error');
        if (errors.length > 0) expect(result.verdict).toBeUndefined();
        // No errors: a verdict, or (a budget stopped it while parsing or lowering) a budget report.
        else expect(result.verdict ?? result.inconclusive).toBeDefined();
        for (const d of result.diagnostics) expect(d.span.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('holds its budgets on generated, mutated and budget-blowing tests: never throws, never runs on past the time budget', () => {
    fc.assert(
      fc.property(budgetInputs(corpus), smallBudgets, (text, budget) => {
        expect(checkBudgetRun(text, budget).problem).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it('reports an over-long loop as hitting the unroll bound, not hanging', () => {
    const text = `C loop\n// @unroll 3\n{}\nP0(int *x)\n{\n\tint r0 = 0;\n\twhile (r0 == 0)\n\t\tr0 = READ_ONCE(*x);\n}\nP1(int *x)\n{\n\tWRITE_ONCE(*x, 1);\n}\nexists (0:r0=1)\n`;
    const { verdict } = runLitmus(text);
    expect(verdict?.unrollHit).toBe(true);
    expect(verdict?.observation).toBe('Always');
  });
});
