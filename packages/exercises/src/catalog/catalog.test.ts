// Tests generated from the exercise data: every exercise's reference
// solutions, wrong variants, over-fenced variant and starter are checked
// with the one check()/grade() the site and the grader use.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { courseOutline } from '../course-outline.ts';
import { catalogModule, exercisesDir, generatedPath } from '../../scripts/build-catalog.ts';
import { checkExercise } from '../check/check.ts';
import { cheaperHint } from '../check/cheaper-hint.ts';
import { gradeFromCheck, scoreMaximum } from '../grade/grade.ts';
import { parseLitmus } from '@barrier-lab/engine';
import { exercises } from './catalog.ts';

describe('the catalog', () => {
  it('is generated from the exercise folders (run `npm run catalog -w @barrier-lab/exercises` if this fails)', () => {
    expect(readFileSync(generatedPath, 'utf8')).toBe(catalogModule(exercisesDir));
  });

  it('loads without a problem, with unique ids', () => {
    const all = exercises();
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
  });
});

describe.each(exercises().map((e) => [e.id, e] as const))('exercise %s', (_id, exercise) => {
  const check = (source: string) => checkExercise(exercise, source, { explain: 'counterexample' });

  it('has every hint and a why', () => {
    for (const text of [exercise.hints.nudge, exercise.hints.concept, exercise.hints.line, exercise.why, exercise.task]) {
      expect(text.trim().length).toBeGreaterThan(10);
    }
  });

  it.each(exercise.solutions.map((s) => [s.file, s] as const))('reference %s gets full marks under every model', (_f, solution) => {
    const result = check(solution.source);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.status).toBe('correct');
    if (exercise.kind === 'predict') {
      expect(result.predictions?.map((p) => [p.model, p.right])).toEqual(exercise.models.map((m) => [m, true]));
    } else {
      expect(result.verdicts.map((v) => [v.model, v.ok])).toEqual(exercise.models.map((m) => [m, true]));
    }
    expect(gradeFromCheck(result).scoreGiven).toBe(scoreMaximum);
  });

  it.each(exercise.wrong.map((w) => [w.file, w] as const))('wrong variant %s fails as stated', (_f, wrong) => {
    const result = check(wrong.source);
    expect(result.status).toBe(wrong.result);
    expect(gradeFromCheck(result).scoreGiven).toBe(0);
    for (const [model, observation] of Object.entries(wrong.outcome)) {
      expect(result.verdicts.find((v) => v.model === model)?.observation, `${wrong.file} under ${model}`).toBe(observation);
    }
    if (wrong.result === 'incorrect') expect(result.explanation).toBeDefined();
  });

  it('starts from a starter that does not earn full marks', () => {
    const result = check(exercise.starter.source);
    expect(result.status).not.toBe('correct');
    expect(gradeFromCheck(result).scoreGiven).toBeLessThan(scoreMaximum);
  });

  if (exercise.kind === 'predict') {
    it('states the answer the engine gives', () => {
      const result = check(exercise.solutions[0]!.source);
      expect(Object.fromEntries(result.verdicts.map((v) => [v.model, v.observation]))).toEqual(exercise.answer);
    });
    return;
  }

  it('has reference solutions that are no more expensive than needed', () => {
    for (const solution of exercise.solutions) {
      const ast = parseLitmus(solution.source).ast!;
      expect(cheaperHint(exercise, solution.source, ast, exercise.costs), solution.file).toBeUndefined();
    }
  });

  it('proposes, for a wrong starter, a repair that the edit rule accepts and that is correct', () => {
    const result = checkExercise(exercise, exercise.starter.source, { explain: 'full' });
    if (result.status !== 'incorrect') return;
    const repair = result.explanation?.repair;
    expect(repair).toBeDefined();
    if (repair?.status !== 'found') return; // e.g. the capstone needs more edits than the search makes
    expect(['correct', 'over-fenced']).toContain(checkExercise(exercise, repair.source!).status);
  }, 30_000);

  if (exercise.overFenced) {
    const overFenced = exercise.overFenced;
    it(`gives partial credit to ${overFenced.file}, naming ${overFenced.cheaper}`, () => {
      const graded = gradeFromCheck(check(overFenced.source));
      expect(graded.status).toBe('over-fenced');
      expect(graded.scoreGiven).toBeGreaterThan(0);
      expect(graded.scoreGiven).toBeLessThan(scoreMaximum);
      expect(graded.check.cheaper?.message).toContain(overFenced.cheaper);
      expect(graded.feedback).toContain(overFenced.cheaper);
    });
  }
});

describe('the course', () => {
  const all = exercises();
  it('has at least 24 exercises', () => expect(all.length).toBeGreaterThanOrEqual(24));
  it.each(courseOutline.map((c) => [c.number, c.title] as const))('chapter %i (%s) has an exercise', (number) => {
    expect(all.some((e) => e.chapter === number)).toBe(true);
  });
  it('mixes placing barriers, finding bugs or predicting, and removing what is not needed', () => {
    const kinds = new Set(all.map((e) => e.kind));
    expect(kinds.has('place-barriers')).toBe(true);
    expect(kinds.has('find-the-bug') || kinds.has('predict')).toBe(true);
    expect(kinds.has('remove-unneeded')).toBe(true);
  });
});
