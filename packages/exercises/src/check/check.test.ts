import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { check } from './check.ts';
import { grade, scoreMaximum } from '../grade/grade.ts';
import { exercise } from '../catalog/catalog.ts';
import type { CodeExercise } from '../schema/exercise.ts';

const mp = exercise('mp-wmb-rmb') as CodeExercise;
const solution = mp.solutions[0]!.source;

describe('check', () => {
  it('treats an unknown exercise as invalid input', () => {
    const result = check('no-such-exercise', solution);
    expect(result.status).toBe('invalid');
    expect(result.diagnostics[0]?.code).toBe('check/unknown-exercise');
  });

  it('reports a syntax error with its line and column', () => {
    const result = check(mp.id, solution.replace('smp_rmb();', 'smp_rmb(;'));
    expect(result.status).toBe('invalid');
    expect(result.summary).toMatch(/^Line 22, column \d+: /);
    expect(result.verdicts).toEqual([]);
  });

  it('refuses an enormous submission without exploring it', () => {
    expect(check(mp.id, 'x'.repeat(200_000)).diagnostics[0]?.code).toBe('check/too-long');
  });

  it('is deterministic: the same answer gives byte-identical results', () => {
    for (const source of [mp.starter.source, solution, mp.overFenced!.source]) {
      expect(JSON.stringify(check(mp.id, source))).toBe(JSON.stringify(check(mp.id, source)));
    }
  });

  it('explains a wrong answer with a counterexample, a timeline and a repair', () => {
    const result = check(mp.id, mp.starter.source, { explain: 'full' });
    expect(result.status).toBe('incorrect');
    expect(result.explainedModel).toBe('lkmm');
    expect(result.explanation?.counterexample?.entries.map((e) => `${e.target}=${e.value}`)).toEqual(['1:r0=1', '1:r1=0']);
    expect(result.explanation?.timeline?.steps.length).toBeGreaterThan(0);
    expect(result.explanation?.graph?.nodes.length).toBeGreaterThan(0);
    expect(result.explanation?.repair?.status).toBe('found');
  });

  it('counts the cost of the barriers used', () => {
    const result = check(mp.id, mp.overFenced!.source);
    expect(result.barriers.map((b) => [b.name, b.cost])).toEqual([['smp_mb', 10], ['smp_mb', 10]]);
    expect([result.cost, result.referenceCost]).toEqual([20, 8]);
  });

  it('never throws on random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => {
      const result = check(mp.id, text);
      expect(['invalid', 'incorrect', 'correct', 'over-fenced', 'inconclusive']).toContain(result.status);
    }), { numRuns: 200 });
  });

  it('never throws on the starter with random lines dropped or duplicated', () => {
    const lines = mp.starter.source.split('\n');
    fc.assert(fc.property(fc.array(fc.nat({ max: lines.length - 1 }), { maxLength: 4 }), fc.boolean(), (picks, duplicate) => {
      const edited = lines.flatMap((line, i) => (picks.includes(i) ? (duplicate ? [line, line] : []) : [line])).join('\n');
      const result = check(mp.id, edited);
      expect(result.summary.length).toBeGreaterThan(0);
    }), { numRuns: 100 });
  });
});

describe('grade', () => {
  it('gives full marks, partial credit, or zero', () => {
    expect(grade(mp.id, solution)).toMatchObject({ scoreGiven: scoreMaximum, scoreMaximum, gradingProgress: 'FullyGraded', status: 'correct' });
    const over = grade(mp.id, mp.overFenced!.source);
    expect(over.scoreGiven).toBe(5);
    expect(over.feedback).toContain('smp_wmb() is enough');
    const wrong = grade(mp.id, mp.starter.source);
    expect(wrong.scoreGiven).toBe(0);
    expect(wrong.feedback).toContain('Timeline');
    expect(grade(mp.id, 'garbage')).toMatchObject({ scoreGiven: 0, status: 'invalid' });
  });
});
