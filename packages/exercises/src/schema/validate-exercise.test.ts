// The schema rejects broken exercises with messages an author can act on.
import { describe, expect, it } from 'vitest';
import { catalogFolders } from '../catalog/catalog-files.generated.ts';
import { validateExercise } from './validate-exercise.ts';
import { loadCatalog, CatalogError } from '../catalog/catalog.ts';
import type { ExerciseFolder } from '../catalog/exercise-folder.ts';

const good: ExerciseFolder = catalogFolders.find((f) => f.folder === 'mp-wmb-rmb')!;
const json = () => JSON.parse(good.files['exercise.json']!) as Record<string, unknown>;
const withJson = (change: (j: Record<string, unknown>) => void, files: Record<string, string | undefined> = {}): ExerciseFolder => {
  const j = json();
  change(j);
  const merged: Record<string, string> = { ...good.files, 'exercise.json': JSON.stringify(j) };
  for (const [name, text] of Object.entries(files)) {
    if (text === undefined) delete merged[name];
    else merged[name] = text;
  }
  return { folder: good.folder, files: merged };
};
const problems = (folder: ExerciseFolder) => {
  const result = validateExercise(folder);
  return 'problems' in result ? result.problems : [];
};

describe('validateExercise', () => {
  it('accepts the example exercise', () => {
    expect(problems(good)).toEqual([]);
  });

  it('names a missing field and where it is', () => {
    expect(problems(withJson((j) => delete j.why))).toEqual(['mp-wmb-rmb/exercise.json: at why: "why" is required']);
  });

  it('explains a chapter out of range', () => {
    expect(problems(withJson((j) => { j.chapter = 15; }))).toEqual(['mp-wmb-rmb/exercise.json: at chapter: chapter must be from 1 to 14']);
  });

  it('rejects an unknown model and an unknown kind', () => {
    expect(problems(withJson((j) => { j.models = ['arm']; }))[0]).toContain('models may only list "sc", "tso" and "lkmm"');
    expect(problems(withJson((j) => { j.kind = 'quiz'; }))[0]).toContain('kind must be "place-barriers", "find-the-bug", "remove-unneeded" or "predict"');
  });

  it('wants all three hints', () => {
    expect(problems(withJson((j) => { j.hints = { nudge: 'look', concept: 'pairs' }; }))[0]).toContain('at hints.line');
  });

  it('rejects a misspelt field', () => {
    expect(problems(withJson((j) => { j.hint = j.hints; }))).toEqual(['mp-wmb-rmb/exercise.json: at hint: unknown field "hint" (check its spelling)']);
  });

  it('wants the id to be the folder name', () => {
    expect(problems(withJson((j) => { j.id = 'mp-other'; }))).toEqual(['mp-wmb-rmb/exercise.json: id "mp-other" must equal the folder name "mp-wmb-rmb"']);
  });

  it('finds files that are listed but missing, and present but not listed', () => {
    expect(problems(withJson(() => {}, { 'solution.litmus': undefined }))).toEqual(['mp-wmb-rmb/solution.litmus: listed in exercise.json but not in the folder']);
    expect(problems(withJson(() => {}, { 'stray.litmus': 'C x\n{}\nP0(int *x) {}\n' }))).toEqual(['mp-wmb-rmb/stray.litmus: is in the folder but exercise.json does not list it']);
  });

  it('points at a litmus file that does not parse, with line and column', () => {
    const [problem] = problems(withJson(() => {}, { 'solution.litmus': good.files['solution.litmus']!.replace('smp_rmb();', 'smp_rmb(;') }));
    expect(problem).toMatch(/^mp-wmb-rmb\/solution\.litmus: \d+:\d+: /);
  });

  it('wants every file to state the property', () => {
    const [problem] = problems(withJson(() => {}, { 'solution.litmus': good.files['solution.litmus']!.replace('~exists (1:r0=1 /\\ 1:r1=0)', 'exists (1:r0=1)') }));
    expect(problem).toBe('mp-wmb-rmb/solution.litmus: its condition "exists (1:r0=1)" is not the property "~exists (1:r0=1 /\\ 1:r1=0)"');
  });

  it('wants an incorrect variant to state its outcome, for the exercise\'s models only', () => {
    expect(problems(withJson((j) => { (j.wrong as { outcome?: unknown }[])[0]!.outcome = {}; }))[0]).toContain('an incorrect variant must state its outcome');
    expect(problems(withJson((j) => { (j.wrong as { outcome?: unknown }[])[0]!.outcome = { sc: 'Never' }; }))[0]).toContain('not one of the exercise\'s models');
  });

  it('reports broken JSON without throwing', () => {
    expect(problems({ folder: 'x', files: { 'exercise.json': '{ "id": ' } })[0]).toMatch(/^x\/exercise\.json: not valid JSON/);
    expect(problems({ folder: 'x', files: {} })).toEqual(['x: missing exercise.json']);
  });

  it('makes loadCatalog list every problem of every folder', () => {
    const broken = [withJson((j) => { j.chapter = 0; }), { folder: 'y', files: {} }];
    expect(() => loadCatalog(broken)).toThrow(CatalogError);
    try {
      loadCatalog(broken);
    } catch (error) {
      expect((error as CatalogError).problems).toHaveLength(2);
    }
  });
});
