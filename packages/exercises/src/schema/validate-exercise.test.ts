// The schema rejects broken exercises with messages an author can act on.
import { describe, expect, it } from 'vitest';
import { catalogFolders } from '../catalog/catalog-files.generated.ts';
import { validateExercise } from './validate-exercise.ts';
import { loadCatalog, CatalogError } from '../catalog/catalog.ts';
import type { ExerciseFolder } from '../catalog/exercise-folder.ts';
import { courseOutline } from '../course-outline.ts';

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
    const last = courseOutline.length;
    expect(problems(withJson((j) => { j.chapter = last + 1; }))).toEqual([`mp-wmb-rmb/exercise.json: at chapter: chapter must be from 1 to ${last}`]);
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

  it('wants an incorrect variant to state its outcome under every model of the exercise, and no other', () => {
    expect(problems(withJson((j) => { (j.wrong as { outcome?: unknown }[])[0]!.outcome = {}; }))).toEqual([
      'mp-wmb-rmb/exercise.json: wrong wrong-only-wmb.litmus gives no observation for "tso", "lkmm": state it for every model, e.g. { "tso": "Sometimes" }',
    ]);
    expect(problems(withJson((j) => { (j.wrong as { outcome?: unknown }[])[0]!.outcome = { tso: 'Never', lkmm: 'Sometimes', sc: 'Never' }; }))[0]).toContain('not one of the exercise\'s models');
  });

  it('wants an invalid variant to name the error it gets', () => {
    const wrong = (j: Record<string, unknown>) => (j.wrong as { result?: string; diagnostic?: string }[]).find((w) => w.result === 'invalid')!;
    expect(problems(withJson((j) => { delete wrong(j).diagnostic; }))).toEqual([
      'mp-wmb-rmb/exercise.json: wrong wrong-moved-write.litmus: an invalid variant must name the error it gets, e.g. "diagnostic": "edit/not-allowed"',
    ]);
    expect(problems(withJson((j) => { wrong(j).diagnostic = 'moved'; }))[0]).toContain('a diagnostic code such as "edit/not-allowed"');
  });

  it('wants the starter\'s outcome under every model, and its place in the chapter', () => {
    expect(problems(withJson((j) => { j.starterOutcome = { lkmm: 'Sometimes' }; }))).toEqual([
      'mp-wmb-rmb/exercise.json: starterOutcome gives no observation for "tso": state it for every model, e.g. { "tso": "Sometimes" }',
    ]);
    expect(problems(withJson((j) => delete j.starterOutcome))).toEqual(['mp-wmb-rmb/exercise.json: at starterOutcome: "starterOutcome" is required']);
    expect(problems(withJson((j) => delete j.order))).toEqual(['mp-wmb-rmb/exercise.json: at order: "order" is required']);
    expect(problems(withJson((j) => { j.order = 0; }))).toEqual(['mp-wmb-rmb/exercise.json: at order: order must be at least 1']);
  });

  it('says how to write what "edits": "orderings" used to mean', () => {
    expect(problems(withJson((j) => { j.edits = 'orderings'; }))[0]).toBe(
      'mp-wmb-rmb/exercise.json: at edits: edits "orderings" is gone: every exercise lets learners change what its costs price, so price the orderings instead: "costs": { "smp_load_acquire": 3, "smp_store_release": 3 }',
    );
  });

  it('prices orderings only where the costs name them, and lets the sentence say so', () => {
    const priced = validateExercise(withJson((j) => { j.costs = { smp_load_acquire: 2 }; }));
    expect('exercise' in priced && priced.exercise.costs).toMatchObject({ smp_load_acquire: 2, smp_mb: 10 });
    expect('exercise' in priced && priced.exercise.mayChange.sentence).toContain('turn READ_ONCE(*p) into smp_load_acquire(p), and back.');
    const plain = validateExercise(good);
    expect('exercise' in plain && Object.keys(plain.exercise.costs)).not.toContain('smp_load_acquire');
  });

  it('wants a predict exercise\'s starter to be a template with a line per model', () => {
    const sb = catalogFolders.find((f) => f.folder === 'sb-which-models')!;
    const result = validateExercise({ ...sb, files: { ...sb.files, 'starter.txt': '# Can both read 0?\nsc: ?\nlkmm: Never\n' } });
    expect('problems' in result && result.problems).toEqual([
      'sb-which-models/starter.txt: line 3: expected "# the question" or "model: ?", not "lkmm: Never"',
      'sb-which-models/starter.txt: no "tso: ?" line: every model needs one',
    ]);
  });

  describe('mustStillReach, the guard of an exercise whose learners may change code', () => {
    const thp: ExerciseFolder = catalogFolders.find((f) => f.folder === 'thp-invalidate-pmd-first')!;
    const withGuards = (change: (j: Record<string, unknown>) => void): ExerciseFolder => {
      const j = JSON.parse(thp.files['exercise.json']!) as Record<string, unknown>;
      change(j);
      return { folder: thp.folder, files: { ...thp.files, 'exercise.json': JSON.stringify(j) } };
    };
    const guard = (j: Record<string, unknown>) => (j.mustStillReach as Record<string, unknown>[])[0]!;

    it('is required when "edits" is "code", with an example of how to write it', () => {
      expect(problems(withGuards((j) => delete j.mustStillReach))).toEqual([
        'thp-invalidate-pmd-first/exercise.json: at mustStillReach: an exercise with "edits": "code" must name an outcome every answer keeps possible, or deleting the racing code would solve it: '
        + 'e.g. "mustStillReach": [{ "thread": 1, "outcome": "1:kept=1", "message": "Your change means P1 can never keep its pin: the exercise is about making the pin safe, not removing it." }]',
      ]);
      expect(problems(withGuards((j) => { j.mustStillReach = []; }))).toEqual(['thp-invalidate-pmd-first/exercise.json: at mustStillReach: mustStillReach must name at least one outcome']);
    });

    it('becomes data: thread, outcome, message, and from with kernel constants resolved', () => {
      const rcu = catalogFolders.find((f) => f.folder === 'rcu-freed-page-tables')!;
      const result = validateExercise(rcu);
      expect('exercise' in result && result.exercise.kind !== 'predict' && result.exercise.mustStillReach).toEqual([{
        thread: 1, outcome: '1:pmd=PMD_TABLE /\\ 1:pte=PTE_RDONLY', from: [{ location: 'ptep', value: 2, text: 'PTE_RDONLY' }],
        message: expect.stringMatching(/^Your change means GUP-fast can never walk the page table/),
      }]);
    });

    it('names a missing or misspelt field, and a thread the starter does not have', () => {
      expect(problems(withGuards((j) => { delete guard(j).message; }))).toEqual(['thp-invalidate-pmd-first/exercise.json: at mustStillReach.0.message: "message" is required']);
      expect(problems(withGuards((j) => { guard(j).threads = 1; }))).toEqual(['thp-invalidate-pmd-first/exercise.json: at mustStillReach.0.threads: unknown field "threads" (check its spelling)']);
      expect(problems(withGuards((j) => { guard(j).thread = 2; }))).toEqual(['thp-invalidate-pmd-first/exercise.json: at mustStillReach.0.thread: the starter has no P2 (its threads are P0, P1)']);
    });

    it('wants the outcome as a proposition on the starter', () => {
      expect(problems(withGuards((j) => { guard(j).outcome = 'exists (1:kept=1)'; }))).toEqual([
        'thp-invalidate-pmd-first/exercise.json: at mustStillReach.0.outcome: mustStillReach[].outcome is a proposition such as "1:kept=1", without exists or forall: some execution must end in it',
      ]);
      expect(problems(withGuards((j) => { guard(j).outcome = '1:kept=='; }))[0]).toMatch(/^thp-invalidate-pmd-first\/exercise\.json: at mustStillReach\.0\.outcome: "1:kept==" is not a condition on the starter: /);
      expect(problems(withGuards((j) => { guard(j).outcome = '3:kept=1'; }))[0]).toMatch(/at mustStillReach\.0\.outcome: "3:kept=1" is not a condition on the starter: the condition names P3/);
    });

    it('wants from to name the starter\'s locations, with numbers or kernel constants', () => {
      expect(problems(withGuards((j) => { guard(j).from = { pmd: 1 }; }))).toEqual([
        'thp-invalidate-pmd-first/exercise.json: at mustStillReach.0.from.pmd: "pmd" is not a shared location of the starter (flags, pmdp, refcount)',
      ]);
      expect(problems(withGuards((j) => { guard(j).from = { pmdp: 'PTE_WRITABLE' }; }))[0]).toMatch(/^thp-invalidate-pmd-first\/exercise\.json: at mustStillReach\.0\.from\.pmdp: "PTE_WRITABLE" is not a kernel constant \(GUP_PIN_COUNTING_BIAS, /);
      expect(problems(withGuards((j) => { guard(j).from = { pmdp: 1.5 }; }))[0]).toContain('mustStillReach[].from values must be whole numbers or kernel constants');
    });
  });

  it('reports broken JSON without throwing', () => {
    expect(problems({ folder: 'x', files: { 'exercise.json': '{ "id": ' } })[0]).toMatch(/^x\/exercise\.json: not valid JSON/);
    expect(problems({ folder: 'x', files: {} })).toEqual(['x: missing exercise.json']);
  });

  it('makes loadCatalog refuse two exercises in the same place of a chapter', () => {
    const twin = withJson((j) => { j.id = 'mp-twin'; });
    expect(() => loadCatalog([good, { ...twin, folder: 'mp-twin' }])).toThrow(
      'mp-twin/exercise.json: at order: chapter 2 already has an exercise with order 1 (mp-wmb-rmb); give each its own place',
    );
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
