// The schema of an exercise folder's `exercise.json`, in valibot, with
// messages written for the author who has to fix the file. The folder's
// litmus files are checked afterwards (validate-exercise.ts): they must exist,
// parse, and state the exercise's property.
import { costKinds } from '@barrier-lab/engine/explain';
import * as v from 'valibot';
import { courseOutline } from '../course-outline.ts';

const models = ['sc', 'tso', 'lkmm'] as const;
const observations = ['Never', 'Sometimes', 'Always'] as const;

const text = (what: string) =>
  v.pipe(v.string(`${what} must be a string`), v.trim(), v.nonEmpty(`${what} must not be empty`));

const fileName = (what: string, extension: RegExp) =>
  v.pipe(
    v.string(`${what} must be a file name (a string)`),
    v.regex(/^[a-z0-9][a-z0-9._-]*$/, `${what} must be a plain file name in the exercise folder (lower case, no '/')`),
    v.regex(extension, `${what} must end in ${extension.source.replace(/\\|\$/g, '')}`),
  );

const litmusFile = (what: string) => fileName(what, /\.litmus$/);

const outcome = v.record(
  v.picklist(models, 'a model must be one of sc, tso, lkmm'),
  v.picklist(observations, 'an observation must be Never, Sometimes or Always'),
  'expected an object such as { "lkmm": "Sometimes" }',
);

const hints = v.strictObject(
  {
    nudge: text('hints.nudge (a first gentle push)'),
    concept: text('hints.concept (the idea that solves it)'),
    line: text('hints.line (where the barrier goes)'),
  },
  'hints must be an object with exactly "nudge", "concept" and "line"',
);

const chapterNumbers = courseOutline.map((c) => c.number);
const chapterRange = `from ${Math.min(...chapterNumbers)} to ${Math.max(...chapterNumbers)}`;

const common = {
  id: v.pipe(
    v.string('id must be a string'),
    v.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'id must be kebab-case, e.g. "mp-wmb-rmb"'),
  ),
  // The chapters are the course outline's: a chapter added there takes exercises.
  chapter: v.pipe(
    v.number(`chapter must be a number ${chapterRange}`),
    v.integer('chapter must be a whole number'),
    v.check((n) => courseOutline.some((c) => c.number === n), `chapter must be ${chapterRange}`),
  ),
  order: v.pipe(
    v.number('order must be a number: the exercise\'s place in its chapter (1, 2, ...)'),
    v.integer('order must be a whole number'),
    v.minValue(1, 'order must be at least 1'),
  ),
  title: v.pipe(text('title'), v.maxLength(80, 'title must be at most 80 characters')),
  task: v.pipe(text('task'), v.maxLength(1200, 'task must be a few sentences (at most 1200 characters)')),
  models: v.pipe(
    v.array(v.picklist(models, 'models may only list "sc", "tso" and "lkmm"'), 'models must be a list such as ["lkmm"]'),
    v.minLength(1, 'models must list at least one model'),
    v.check((list) => new Set(list).size === list.length, 'models must not repeat a model'),
  ),
  flush: v.optional(v.picklist(['ipi', 'broadcast'], 'flush must be "ipi" or "broadcast"')),
  property: v.pipe(
    text('property'),
    v.regex(/^(~\s*exists|exists|forall)\b/, 'property must be a litmus condition: exists (...), ~exists (...) or forall (...)'),
  ),
  costs: v.optional(v.strictObject(
    Object.fromEntries(costKinds.map((k) => [k, v.optional(v.pipe(
      v.number(`costs.${k} must be a number`),
      v.minValue(0, `costs.${k} must not be negative`),
    ))])) as Record<(typeof costKinds)[number], v.OptionalSchema<v.SchemaWithPipe<readonly [v.NumberSchema<string>, v.MinValueAction<number, 0, string>]>, undefined>>,
    `costs may only name ${costKinds.join(', ')}`,
  )),
  hints,
  why: text('why'),
};

const wrongCode = v.strictObject(
  {
    file: litmusFile('wrong[].file'),
    result: v.optional(v.picklist(['incorrect', 'invalid'], 'wrong[].result must be "incorrect" or "invalid"'), 'incorrect'),
    outcome: v.optional(outcome, {}),
    diagnostic: v.optional(v.pipe(
      v.string('wrong[].diagnostic must be a diagnostic code such as "edit/not-allowed"'),
      v.regex(/^[a-z-]+\/[a-z-]+$/, 'wrong[].diagnostic must be a diagnostic code such as "edit/not-allowed"'),
    )),
    note: text('wrong[].note (what is wrong with it)'),
  },
  'each wrong variant must be { "file", "note", and "outcome", or "result": "invalid" with its "diagnostic" }',
);

const editRule = v.pipe(
  v.string('edits must be "barriers" or "code"'),
  // The rule that was "orderings" is now the cost table's: say how to write it.
  v.check((rule) => rule !== 'orderings', 'edits "orderings" is gone: every exercise lets learners change what its costs price, so price the orderings instead: "costs": { "smp_load_acquire": 3, "smp_store_release": 3 }'),
  v.picklist(['barriers', 'code'], 'edits must be "barriers" (barriers, flushes and the orderings the costs price) or "code" (anything inside the threads)'),
);

const fromValue = 'mustStillReach[].from values must be whole numbers or kernel constants such as "PTE_RDONLY"';

const reachGuard = v.strictObject(
  {
    thread: v.pipe(
      v.number('mustStillReach[].thread must be the number of the thread the outcome is about (1 for P1)'),
      v.integer('mustStillReach[].thread must be a whole number'),
      v.minValue(0, 'mustStillReach[].thread must be 0 or more'),
    ),
    outcome: v.pipe(
      text('mustStillReach[].outcome'),
      v.check(
        (outcome) => !/^(~\s*)?(exists|forall)\b/.test(outcome),
        'mustStillReach[].outcome is a proposition such as "1:kept=1", without exists or forall: some execution must end in it',
      ),
    ),
    from: v.optional(v.record(
      v.string(),
      v.union(
        [v.pipe(v.number(fromValue), v.integer(fromValue)), v.pipe(v.string(fromValue), v.regex(/^[A-Z_][A-Z0-9_]*$/, fromValue))],
        fromValue,
      ),
      'mustStillReach[].from must be an object of initial values such as { "counter": 1 }',
    )),
    message: text('mustStillReach[].message (what a change that removes the outcome removed, in plain words)'),
  },
  'each mustStillReach entry must be { "thread", "outcome", "message" }, with an optional "from"',
);

const codeExercise = v.strictObject(
  {
    ...common,
    kind: v.picklist(['place-barriers', 'find-the-bug', 'remove-unneeded']),
    edits: v.optional(editRule, 'barriers'),
    mustStillReach: v.optional(v.pipe(
      v.array(reachGuard, 'mustStillReach must be a list of outcomes every answer must keep possible'),
      v.minLength(1, 'mustStillReach must name at least one outcome'),
    )),
    starter: v.optional(litmusFile('starter'), 'starter.litmus'),
    starterOutcome: outcome,
    repair: v.optional(v.picklist(['found', 'impossible', 'none-found'], 'repair must be "found", "impossible" or "none-found"')),
    solutions: v.pipe(
      v.array(litmusFile('solutions[]'), 'solutions must be a list of file names'),
      v.minLength(1, 'solutions must list at least one reference solution'),
    ),
    wrong: v.pipe(
      v.array(wrongCode, 'wrong must be a list of known-wrong variants'),
      v.minLength(1, 'wrong must list at least one known-wrong variant'),
    ),
    overFenced: v.optional(v.strictObject(
      {
        file: litmusFile('overFenced.file'),
        cheaper: text('overFenced.cheaper (the cheaper barrier the hint must name)'),
      },
      'overFenced must be { "file", "cheaper" }',
    )),
  },
  'this is not a code exercise: unknown or missing fields',
);

const predictExercise = v.strictObject(
  {
    ...common,
    kind: v.literal('predict'),
    program: v.optional(litmusFile('program'), 'program.litmus'),
    starter: v.optional(fileName('starter', /\.txt$/), 'starter.txt'),
    answer: outcome,
    solutions: v.pipe(
      v.array(fileName('solutions[]', /\.txt$/), 'solutions must be a list of answer files'),
      v.minLength(1, 'solutions must list at least one answer file'),
    ),
    wrong: v.pipe(
      v.array(v.strictObject({
        file: fileName('wrong[].file', /\.txt$/),
        result: v.optional(v.picklist(['incorrect', 'invalid']), 'incorrect'),
        outcome: v.optional(outcome, {}),
        note: text('wrong[].note'),
      }), 'wrong must be a list of wrong answers'),
      v.minLength(1, 'wrong must list at least one wrong answer'),
    ),
  },
  'this is not a predict exercise: unknown or missing fields',
);

/** The schema of `exercise.json`: a code exercise or a predict exercise, told apart by `kind`. */
export const exerciseJsonSchema = v.variant(
  'kind',
  [codeExercise, predictExercise],
  'kind must be "place-barriers", "find-the-bug", "remove-unneeded" or "predict"',
);

/** One entry of `mustStillReach` as exercise.json has it. */
export type ReachGuardJson = v.InferOutput<typeof reachGuard>;

/** `exercise.json` once it passes the schema (defaults filled in). */
export type ExerciseJson = v.InferOutput<typeof exerciseJsonSchema>;

/** Checks parsed JSON against the schema: the value, or one readable line per problem (`at hints.line: ...`). */
export function parseExerciseJson(json: unknown): { readonly value: ExerciseJson } | { readonly problems: readonly string[] } {
  const result = v.safeParse(exerciseJsonSchema, json, { abortPipeEarly: true });
  if (result.success) return { value: result.output };
  return {
    problems: result.issues.map((issue) => {
      const path = v.getDotPath(issue);
      if (!path) return issue.message;
      // valibot reports a missing or an unknown key with the enclosing object's message: say which.
      if (issue.type === 'strict_object') {
        const key = path.split('.').pop();
        return issue.input === undefined ? `at ${path}: "${key}" is required` : `at ${path}: unknown field "${key}" (check its spelling)`;
      }
      return `at ${path}: ${issue.message}`;
    }),
  };
}
