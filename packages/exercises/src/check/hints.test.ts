import { describe, expect, it } from 'vitest';
import { exercise, exercises } from '../catalog/catalog.ts';
import type { CodeExercise } from '../schema/exercise.ts';
import { checkExercise } from './check.ts';
import { hintSteps, revealHints } from './hints.ts';

describe('hintSteps', () => {
  it('goes nudge, concept, line, then the solution with its why', () => {
    const mp = exercise('mp-wmb-rmb') as CodeExercise;
    const steps = hintSteps(mp);
    expect(steps.map((s) => s.level)).toEqual(['nudge', 'concept', 'line', 'solution']);
    expect(steps[3]).toEqual({ level: 'solution', text: mp.why, source: mp.solutions[0]!.source, file: 'solution.litmus' });
  });

  it('reveals as many steps as asked, the solution included past the last hint', () => {
    const mp = exercise('mp-wmb-rmb')!;
    expect(revealHints(mp, 0)).toEqual([]);
    expect(revealHints(mp, 2).map((s) => s.level)).toEqual(['nudge', 'concept']);
    expect(revealHints(mp, 9).map((s) => s.level)).toEqual(['nudge', 'concept', 'line', 'solution']);
  });

  it.each(exercises().map((e) => [e.id, e] as const))('gives %s a solution that checks correct', (_id, e) => {
    const solution = hintSteps(e).at(-1)!;
    expect(solution.level).toBe('solution');
    if (solution.level !== 'solution') return;
    expect(solution.text).toBe(e.why);
    const result = checkExercise(e, solution.source, { explain: 'none' });
    expect(result.status).toBe('correct');
    if (e.kind !== 'predict') expect(result.cost).toBe(e.referenceCost);
  });
});
