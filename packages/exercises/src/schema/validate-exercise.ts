// Turns an exercise folder into an Exercise, or into a list of problems an
// author can act on: the JSON against the schema first, then the folder's
// files (present, parsing, stating the property, none forgotten).
import { kernelConstants, lower, parseLitmus, type FlushFlavour, type LitmusAst, type Span } from '@barrier-lab/engine';
import type { ExerciseFolder } from '../catalog/exercise-folder.ts';
import { barriersUsed, totalCost } from '../check/barriers-used.ts';
import { readTemplate } from '../check/prediction-template.ts';
import { guardProgram, type ParsedProgram } from '../check/must-still-reach.ts';
import type { Exercise, ExerciseFile, ReachGuard } from './exercise.ts';
import { parseExerciseJson, type ExerciseJson, type ReachGuardJson } from './exercise-schema.ts';
import { exercisePrices, mayChangeInCode, mayChangeInPredict } from './may-change.ts';

/** The exercise of a folder, or every problem found in it (each line names the file). */
export type ValidationResult = { readonly exercise: Exercise } | { readonly problems: readonly string[] };

/** Validates one exercise folder. Never throws. */
export function validateExercise(folder: ExerciseFolder): ValidationResult {
  const problems: string[] = [];
  const say = (file: string, message: string) => problems.push(`${folder.folder}/${file}: ${message}`);
  const jsonText = folder.files['exercise.json'];
  if (jsonText === undefined) return { problems: [`${folder.folder}: missing exercise.json`] };
  let json: unknown;
  try {
    json = JSON.parse(jsonText);
  } catch (error) {
    return { problems: [`${folder.folder}/exercise.json: not valid JSON (${(error as Error).message})`] };
  }
  const parsed = parseExerciseJson(json);
  if ('problems' in parsed) return { problems: parsed.problems.map((p) => `${folder.folder}/exercise.json: ${p}`) };
  const data: ExerciseJson = parsed.value;
  if (data.id !== folder.folder) say('exercise.json', `id "${data.id}" must equal the folder name "${folder.folder}"`);

  const file = (name: string): ExerciseFile | undefined => {
    const source = folder.files[name];
    if (source === undefined) {
      say(name, 'listed in exercise.json but not in the folder');
      return undefined;
    }
    return { file: name, source };
  };
  const litmus = (name: string, mustParse = true): ExerciseFile & { ast?: LitmusAst } | undefined => {
    const f = file(name);
    if (!f) return undefined;
    const result = parseLitmus(f.source);
    const error = result.diagnostics.find((d) => d.severity === 'error');
    if (mustParse && (error || !result.ast)) {
      say(name, error ? `${error.span.line}:${error.span.column}: ${error.message}` : 'does not parse');
      return f;
    }
    if (result.ast && mustParse) {
      const stated = result.ast.condition ? squash(slice(f.source, result.ast.condition.span)) : '(none)';
      if (stated !== squash(data.property)) say(name, `its condition "${stated}" is not the property "${squash(data.property)}"`);
    }
    return result.ast ? { ...f, ast: result.ast } : f;
  };
  const outcomeModels = (name: string, outcome: Readonly<Record<string, string>>) => {
    for (const m of Object.keys(outcome)) {
      if (!data.models.includes(m as never)) say('exercise.json', `${name}: outcome names "${m}", which is not one of the exercise's models`);
    }
  };

  const listed = new Set<string>(['exercise.json']);
  const common = {
    id: data.id, chapter: data.chapter, order: data.order, title: data.title, task: data.task, models: data.models,
    ...(data.flush ? { flush: data.flush } : {}),
    property: data.property, hints: data.hints, why: data.why,
  };
  const everyModel = (name: string, outcome: Readonly<Record<string, string>>) => {
    const missing = data.models.filter((m) => !(m in outcome));
    if (missing.length > 0) say('exercise.json', `${name} gives no observation for ${missing.map((m) => `"${m}"`).join(', ')}: state it for every model, e.g. { "${missing[0]}": "Sometimes" }`);
  };
  for (const w of data.wrong) outcomeModels(`wrong ${w.file}`, w.outcome);
  // A wrong prediction is wrong by its text; a wrong program must say what it produces: its outcome, or the error it gets.
  if (data.kind !== 'predict') for (const w of data.wrong) {
    if (w.result === 'incorrect') everyModel(`wrong ${w.file}`, w.outcome);
    if (w.result === 'invalid' && !w.diagnostic) say('exercise.json', `wrong ${w.file}: an invalid variant must name the error it gets, e.g. "diagnostic": "edit/not-allowed"`);
    if (w.result === 'incorrect' && w.diagnostic) say('exercise.json', `wrong ${w.file}: only an invalid variant has a "diagnostic"`);
  }

  let exercise: Exercise | undefined;
  if (data.kind === 'predict') {
    outcomeModels('answer', data.answer);
    for (const m of data.models) if (!(m in data.answer)) say('exercise.json', `answer gives no observation for "${m}"`);
    const names = [data.program, data.starter, ...data.solutions, ...data.wrong.map((w) => w.file)];
    names.forEach((n) => listed.add(n));
    const program = litmus(data.program);
    const starter = file(data.starter);
    const solutions = data.solutions.map((n) => file(n));
    const wrong = data.wrong.map((w) => ({ w, f: file(w.file) }));
    const template = starter ? readTemplate(starter.source, data.models) : undefined;
    if (template && 'problems' in template) for (const p of template.problems) say(data.starter, p);
    if (program && starter && template && 'template' in template && solutions.every(Boolean) && wrong.every((x) => x.f)) {
      exercise = {
        ...common, costs: {}, mayChange: mayChangeInPredict, kind: 'predict', program: { file: program.file, source: program.source }, starter,
        template: template.template, answer: data.answer, solutions: solutions as ExerciseFile[],
        wrong: wrong.map(({ w, f }) => ({ ...f!, result: w.result, outcome: w.outcome, note: w.note })),
      };
    }
  } else {
    outcomeModels('starterOutcome', data.starterOutcome);
    everyModel('starterOutcome', data.starterOutcome);
    if (data.kind === 'remove-unneeded' && data.repair) say('exercise.json', 'repair: the starter of a remove-unneeded exercise is already correct, so it has no repair');
    const names = [data.starter, ...data.solutions, ...data.wrong.map((w) => w.file), ...(data.overFenced ? [data.overFenced.file] : [])];
    names.forEach((n) => listed.add(n));
    const starter = litmus(data.starter);
    const solutions = data.solutions.map((n) => litmus(n));
    const wrong = data.wrong.map((w) => ({ w, f: litmus(w.file, w.result !== 'invalid') }));
    const overFenced = data.overFenced ? litmus(data.overFenced.file) : undefined;
    const plain = (f: ExerciseFile) => ({ file: f.file, source: f.source });
    const costs = exercisePrices(data.edits, stripUndefined(data.costs ?? {}));
    if (data.edits === 'code' && !data.mustStillReach) {
      say('exercise.json', 'at mustStillReach: an exercise with "edits": "code" must name an outcome every answer keeps possible, or deleting the racing code would solve it: '
        + 'e.g. "mustStillReach": [{ "thread": 1, "outcome": "1:kept=1", "message": "Your change means P1 can never keep its pin: the exercise is about making the pin safe, not removing it." }]');
    }
    const mustStillReach = starter?.ast
      ? readGuards(data.mustStillReach ?? [], { ast: starter.ast, source: starter.source }, data.flush, (m) => say('exercise.json', m))
      : [];
    if (starter && solutions.every(Boolean) && wrong.every((x) => x.f) && (!data.overFenced || overFenced)) {
      const costsOf = solutions.map((s) => (s!.ast ? totalCost(barriersUsed(s!.ast, costs)) : Infinity));
      exercise = {
        ...common, costs, mayChange: mayChangeInCode(data.edits, costs, starter.ast, data.flush !== undefined),
        kind: data.kind, edits: data.edits, starter: plain(starter), mustStillReach,
        solutions: solutions.map((s) => plain(s!)),
        wrong: wrong.map(({ w, f }) => ({
          ...plain(f!), result: w.result, outcome: w.outcome, ...(w.diagnostic ? { diagnostic: w.diagnostic } : {}), note: w.note,
        })),
        ...(overFenced && data.overFenced ? { overFenced: { ...plain(overFenced), cheaper: data.overFenced.cheaper } } : {}),
        referenceCost: Math.min(...costsOf),
        starterOutcome: data.starterOutcome,
        ...(data.kind !== 'remove-unneeded' ? { repair: data.repair ?? 'found' } : {}),
      };
    }
  }
  for (const name of Object.keys(folder.files)) {
    if (!listed.has(name)) say(name, 'is in the folder but exercise.json does not list it');
  }
  if (problems.length > 0 || !exercise) return { problems: problems.length > 0 ? problems : [`${folder.folder}: incomplete`] };
  return { exercise };
}

/**
 * The guards of `exercise.json` as data, each checked against the starter:
 * its thread exists, its outcome parses and lowers there, and `from` names
 * the starter's locations with numbers or kernel constants.
 */
function readGuards(
  guards: readonly ReachGuardJson[],
  starter: ParsedProgram,
  flush: FlushFlavour | undefined,
  say: (message: string) => void,
): ReachGuard[] {
  const threads = starter.ast.threads.map((t) => t.index);
  const locations = new Set<string>([
    ...starter.ast.init.flatMap((item) => (item.target.kind === 'location' ? [item.target.name] : [])),
    ...starter.ast.threads.flatMap((t) => t.params.map((p) => p.name.name)),
  ]);
  return guards.map((g, i) => {
    const at = `at mustStillReach.${i}`;
    if (!threads.includes(g.thread)) say(`${at}.thread: the starter has no P${g.thread} (its threads are ${threads.map((t) => `P${t}`).join(', ')})`);
    const from = Object.entries(g.from ?? {}).map(([location, written]) => {
      if (!locations.has(location)) say(`${at}.from.${location}: "${location}" is not a shared location of the starter (${[...locations].sort().join(', ')})`);
      const value = typeof written === 'number' ? written : kernelConstants.get(written);
      if (value === undefined) say(`${at}.from.${location}: "${written}" is not a kernel constant (${[...kernelConstants.keys()].join(', ')})`);
      return { location, value: value ?? 0, text: String(written) };
    });
    const guard: ReachGuard = { thread: g.thread, outcome: g.outcome, ...(from.length > 0 ? { from } : {}), message: g.message };
    const program = guardProgram(starter, guard);
    const errors = 'diagnostics' in program
      ? program.diagnostics
      : lower(program.ast, program.source, flush ? { flush } : {}).diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0) say(`${at}.outcome: "${g.outcome}" is not a condition on the starter: ${errors[0]!.message}`);
    return guard;
  });
}

function squash(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/\(\s+/g, '(').replace(/\s+\)/g, ')').trim();
}

/** The source text a span covers. */
export function slice(source: string, span: Span): string {
  const lines = source.split('\n');
  if (span.line === span.endLine) return (lines[span.line - 1] ?? '').slice(span.column - 1, span.endColumn - 1);
  const first = (lines[span.line - 1] ?? '').slice(span.column - 1);
  const middle = lines.slice(span.line, span.endLine - 1);
  const last = (lines[span.endLine - 1] ?? '').slice(0, span.endColumn - 1);
  return [first, ...middle, last].join('\n');
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
