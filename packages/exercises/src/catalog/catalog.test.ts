// Tests generated from the exercise data: every exercise's starter, repair,
// reference solutions, wrong variants and over-fenced variant are checked
// with the one check()/grade() the site and the grader use, and each test
// asserts what the data states (or what the exercise's kind implies): none
// of them can pass by checking nothing. Exercises added later get the same.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLitmus } from '@barrier-lab/engine';
import { courseOutline } from '../course-outline.ts';
import { catalogModule, exercisesDir, generatedPath } from '../../scripts/build-catalog.ts';
import { checkExercise } from '../check/check.ts';
import { cheaperHint } from '../check/cheaper-hint.ts';
import { parsePrediction } from '../check/predict.ts';
import { guardVerdict } from '../check/must-still-reach.ts';
import { answerTemplate } from '../check/prediction-template.ts';
import { gradeFromCheck, scoreMaximum } from '../grade/grade.ts';
import { pricedKinds } from '../schema/may-change.ts';
import type { CodeExercise, Exercise, PredictExercise } from '../schema/exercise.ts';
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

const options = { explain: 'counterexample' } as const;

describe.each(exercises().filter((e): e is CodeExercise => e.kind !== 'predict').map((e) => [e.id, e] as const))('code exercise %s', (_id, exercise) => {
  const check = (source: string) => checkExercise(exercise, source, options);
  const observations = (source: string) => Object.fromEntries(check(source).verdicts.map((v) => [v.model, v.observation]));

  it('states the starter\'s outcome under every model, as the engine finds it', () => {
    expect(Object.keys(exercise.starterOutcome).sort()).toEqual([...exercise.models].sort());
    expect(observations(exercise.starter.source)).toEqual(exercise.starterOutcome);
  });

  if (exercise.kind === 'remove-unneeded') {
    it('starts correct but over-fenced, with a hint naming a cheaper change that stays correct', () => {
      const result = check(exercise.starter.source);
      expect(result.status).toBe('over-fenced');
      expect(result.verdicts.every((v) => v.holds)).toBe(true);
      expect(result.cost).toBeGreaterThan(exercise.referenceCost);
      expect(result.cheaper?.saving).toBeGreaterThan(0);
      // The hint is about a barrier, ordering or flush the starter has, on its line.
      expect(result.barriers.map((b) => [b.line, b.name])).toContainEqual([result.cheaper!.line, result.cheaper!.barrier]);
      expect(gradeFromCheck(result).scoreGiven).toBeLessThan(scoreMaximum);
    });
  } else {
    it('starts incorrect, with a counterexample under the weakest failing model', () => {
      const result = check(exercise.starter.source);
      expect(result.status).toBe('incorrect');
      const failing = result.verdicts.filter((v) => !v.holds).map((v) => v.model);
      expect(failing.length).toBeGreaterThan(0);
      expect(failing).toContain(result.explainedModel);
      expect(result.explanation?.counterexample?.entries.length).toBeGreaterThan(0);
      expect(result.explanation?.timeline?.steps.length).toBeGreaterThan(0);
      expect(gradeFromCheck(result).scoreGiven).toBe(0);
    });

    it(`gives the starter's repair as stated (${exercise.repair})`, () => {
      const result = checkExercise(exercise, exercise.starter.source, { explain: 'full' });
      const repair = result.explanation?.repair;
      expect(repair?.status).toBe(exercise.repair);
      if (exercise.repair !== 'found') return;
      // What the repair proposes is what the exercise prices, and it makes the starter correct.
      const priced = pricedKinds(exercise);
      for (const edit of repair!.edits) expect(priced).toContain(edit.kind);
      expect(['correct', 'over-fenced']).toContain(checkExercise(exercise, repair!.source!).status);
      expect(repair!.cost).toBeGreaterThan(0);
    }, 30_000);
  }

  it.each(exercise.solutions.map((s) => [s.file, s] as const))('reference %s gets full marks under every model', (_f, solution) => {
    const result = check(solution.source);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.status).toBe('correct');
    expect(result.verdicts.map((v) => [v.model, v.holds])).toEqual(exercise.models.map((m) => [m, true]));
    expect(result.cost).toBeGreaterThanOrEqual(exercise.referenceCost);
    expect(gradeFromCheck(result).scoreGiven).toBe(scoreMaximum);
  });

  it('has reference solutions that are no more expensive than needed', () => {
    for (const solution of exercise.solutions) {
      const ast = parseLitmus(solution.source).ast!;
      expect(cheaperHint(exercise, solution.source, ast), solution.file).toBeUndefined();
    }
  });

  it.each(exercise.wrong.map((w) => [w.file, w] as const))('wrong variant %s fails as stated', (_f, wrong) => {
    const result = check(wrong.source);
    expect(result.status).toBe(wrong.result);
    expect(gradeFromCheck(result).scoreGiven).toBe(0);
    if (wrong.result === 'invalid') {
      expect(result.diagnostics.find((d) => d.severity === 'error')?.code).toBe(wrong.diagnostic);
      return;
    }
    // The learner who writes this mistake reads what is wrong with it.
    expect(result.mistake).toBe(wrong.note);
    expect(observations(wrong.source)).toEqual(wrong.outcome);
    expect(result.verdicts.find((v) => v.model === result.explainedModel)?.holds).toBe(false);
    expect(result.explanation?.counterexample?.entries.length).toBeGreaterThan(0);
  });

  if (exercise.edits === 'code') {
    it('keeps its point: a variant that deletes the racing code is invalid, on the guard\'s thread, in the guard\'s words', () => {
      expect(exercise.mustStillReach.length).toBeGreaterThan(0);
      const deleting = exercise.wrong.filter((w) => w.diagnostic === 'edit/must-still-reach');
      expect(deleting.length).toBeGreaterThan(0);
      for (const wrong of deleting) {
        const error = check(wrong.source).diagnostics.find((d) => d.severity === 'error')!;
        const guard = exercise.mustStillReach.find((g) => error.message.startsWith(g.message));
        expect(guard, `${wrong.file}: ${error.message}`).toBeDefined();
        expect(error.message).toContain(`ends with ${guard!.outcome}`);
        const thread = parseLitmus(wrong.source).ast!.threads.find((t) => t.index === guard!.thread)!;
        expect(error.span.line).toBeGreaterThanOrEqual(thread.span.line);
        expect(error.span.line).toBeLessThanOrEqual(thread.span.endLine);
        // Without its guards the exercise would take this deletion for an answer.
        expect(['correct', 'over-fenced'], wrong.file).toContain(checkExercise({ ...exercise, mustStillReach: [] }, wrong.source, options).status);
      }
    });
  }

  if (exercise.mustStillReach.length > 0) {
    it('has guards that the starter, every reference solution and the over-fenced variant keep, under every graded model', () => {
      for (const file of [exercise.starter, ...exercise.solutions, ...(exercise.overFenced ? [exercise.overFenced] : [])]) {
        const program = { ast: parseLitmus(file.source).ast!, source: file.source };
        for (const guard of exercise.mustStillReach) {
          for (const model of exercise.models) {
            const verdict = guardVerdict(program, guard, model, exercise.flush ? { flush: exercise.flush } : {});
            expect('observed' in verdict && verdict.observed.positive, `${file.file}: ${guard.outcome} under ${model}`).toBeGreaterThan(0);
          }
        }
      }
    }, 30_000);
  }

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

describe.each(exercises().filter((e): e is PredictExercise => e.kind === 'predict').map((e) => [e.id, e] as const))('predict exercise %s', (_id, exercise) => {
  const check = (source: string) => checkExercise(exercise, source, options);

  it('states the answer the engine gives', () => {
    const result = check(exercise.solutions[0]!.source);
    expect(Object.fromEntries(result.verdicts.map((v) => [v.model, v.observation]))).toEqual(exercise.answer);
  });

  it('starts from a template that is invalid until filled in, with one message naming every model', () => {
    for (const text of [exercise.starter.source, answerTemplate(exercise), answerTemplate(exercise, { withProgram: true })]) {
      const result = check(text);
      expect(result.status).toBe('invalid');
      expect(result.diagnostics).toHaveLength(1);
      expect(result.diagnostics[0]).toMatchObject({ code: 'predict/missing' });
      for (const m of exercise.models) expect(result.diagnostics[0]!.message).toContain(m);
    }
  });

  it('takes its template filled in with the answer, with the program still in it, as correct', () => {
    const filled = answerTemplate(exercise, { withProgram: true }).replace(/^(\w+): \?$/gm, (_, m: string) => `${m}: ${exercise.answer[m]}`);
    const result = check(filled);
    expect(result.status).toBe('correct');
    expect(result.predictions?.every((p) => p.right)).toBe(true);
    expect(gradeFromCheck(result).scoreGiven).toBe(scoreMaximum);
  });

  it.each(exercise.solutions.map((s) => [s.file, s] as const))('answer %s gets full marks', (_f, solution) => {
    const result = check(solution.source);
    expect(result.status).toBe('correct');
    expect(result.predictions?.map((p) => [p.model, p.right])).toEqual(exercise.models.map((m) => [m, true]));
  });

  it.each(exercise.wrong.map((w) => [w.file, w] as const))('wrong answer %s is wrong exactly where it differs from the answer', (_f, wrong) => {
    const predicted = parsePrediction(wrong.source, exercise.models).predictions;
    const wrongModels = exercise.models.filter((m) => predicted[m] !== exercise.answer[m]);
    expect(wrongModels.length).toBeGreaterThan(0);
    const result = check(wrong.source);
    expect(result.status).toBe('incorrect');
    expect(result.predictions?.filter((p) => !p.right).map((p) => p.model)).toEqual(wrongModels);
    expect(result.explainedModel).toBe(wrongModels[0]);
    expect(result.mistake).toBe(wrong.note);
    for (const [model, observation] of Object.entries(wrong.outcome)) {
      expect(result.verdicts.find((v) => v.model === model)?.observation, `${wrong.file} under ${model}`).toBe(observation);
    }
    expect(gradeFromCheck(result).scoreGiven).toBe(0);
  });
});

describe.each(exercises().map((e) => [e.id, e] as const))('exercise %s', (_id, exercise) => {
  it('has every hint, a why and a task', () => {
    for (const text of [exercise.hints.nudge, exercise.hints.concept, exercise.hints.line, exercise.why, exercise.task]) {
      expect(text.trim().length).toBeGreaterThan(10);
    }
  });

  it('says what the learner may change, in one sentence that names everything it prices', () => {
    const { sentence, rule } = exercise.mayChange;
    expect(sentence).toMatch(/^You .*\.$/);
    if (rule !== 'barriers') return;
    for (const b of exercise.mayChange.barriers) expect(sentence).toContain(`${b}()`);
    for (const o of exercise.mayChange.orderings) expect(sentence).toContain(o.ordered);
    // Orderings are named exactly when the exercise prices them.
    const orderingsPriced = (exercise.costs.smp_load_acquire ?? exercise.costs.smp_store_release) !== undefined;
    expect(sentence.includes('smp_load_acquire') || sentence.includes('smp_store_release')).toBe(orderingsPriced);
  });

  it('has no task that promises an edit the rule does not allow', () => {
    // A task that says "you may ... smp_load_acquire()" must be an exercise that prices it.
    for (const sentence of exercise.task.split(/(?<=\.)\s+/).filter((x) => /\byou may\b/i.test(x))) {
      for (const kind of ['smp_load_acquire', 'smp_store_release'] as const) {
        if (sentence.includes(kind) && exercise.mayChange.rule !== 'code') expect(exercise.costs[kind], sentence).toBeDefined();
      }
    }
  });
});

/** Phrases that point at another exercise of the chapter, and which way. */
const references: readonly { readonly pattern: RegExp; readonly way: 'back' | 'ahead' }[] = [
  { pattern: /\b(previous|last|earlier|preceding) exercise\b/i, way: 'back' },
  { pattern: /\bas before\b|\bthan before\b|\bseen (this|it) before\b/i, way: 'back' },
  { pattern: /\b(next|following|later|coming) exercise\b/i, way: 'ahead' },
];

/** Every text of an exercise a learner or an author reads, with its name. */
function texts(e: Exercise): [string, string][] {
  return [
    ['task', e.task], ['hints.nudge', e.hints.nudge], ['hints.concept', e.hints.concept], ['hints.line', e.hints.line], ['why', e.why],
    ...e.wrong.map((w) => [`note of ${w.file}`, w.note] as [string, string]),
  ];
}

/** Where a text of `list` (in course order) points the wrong way: "previous exercise" in a chapter's first one, "next exercise" in its last. */
function wrongWayReferences(list: readonly Exercise[]): string[] {
  const found: string[] = [];
  for (const e of list) {
    const chapter = list.filter((x) => x.chapter === e.chapter);
    const first = chapter[0] === e;
    const last = chapter[chapter.length - 1] === e;
    for (const [where, text] of texts(e)) {
      for (const { pattern, way } of references) {
        const phrase = pattern.exec(text)?.[0];
        if (phrase && way === 'back' && first) found.push(`${e.id} (${where}) says "${phrase}" but is the first exercise of chapter ${e.chapter}`);
        if (phrase && way === 'ahead' && last) found.push(`${e.id} (${where}) says "${phrase}" but is the last exercise of chapter ${e.chapter}`);
      }
    }
  }
  return found;
}

describe('the course', () => {
  const all = exercises();
  it('has at least 24 exercises', () => expect(all.length).toBeGreaterThanOrEqual(24));

  it('shows each chapter\'s exercises in their explicit order, not by id', () => {
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1]!, all[i]!];
      expect(a.chapter < b.chapter || (a.chapter === b.chapter && a.order < b.order), `${a.id} before ${b.id}`).toBe(true);
    }
    // The order the course teaches in, where it is not the ids' alphabetical one (a chapter
    // may gain exercises: only these pairs' order is asserted).
    const place = (id: string) => all.findIndex((e) => e.id === id);
    for (const [first, then] of [['mp-wmb-rmb', 'mp-release-acquire'], ['sb-which-models', 'sb-full-barriers']] as const) {
      expect(place(first), first).toBeGreaterThanOrEqual(0);
      expect(place(first), `${first} before ${then}`).toBeLessThan(place(then));
    }
  });

  it('never refers to an exercise that comes later as an earlier one, or the other way round', () => {
    expect(wrongWayReferences(all)).toEqual([]);
    // Sorted by id, as the catalog once was, the same texts point the wrong way.
    const byId = [...all].sort((a, b) => a.chapter - b.chapter || a.id.localeCompare(b.id));
    expect(wrongWayReferences(byId)).toContainEqual(expect.stringMatching(/^sb-full-barriers \(task\) says "previous exercise"/));
  });

  it.each(courseOutline.map((c) => [c.number, c.title] as const))('chapter %i (%s) has an exercise', (number) => {
    expect(all.some((e) => e.chapter === number)).toBe(true);
  });

  it('has every kind of exercise', () => {
    expect([...new Set(all.map((e) => e.kind))].sort()).toEqual(['find-the-bug', 'place-barriers', 'predict', 'remove-unneeded']);
  });
});
