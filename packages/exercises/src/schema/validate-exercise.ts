// Turns an exercise folder into an Exercise, or into a list of problems an
// author can act on: the JSON against the schema first, then the folder's
// files (present, parsing, stating the property, none forgotten).
import { defaultCosts, parseLitmus, type LitmusAst, type Span } from '@barrier-lab/engine';
import type { ExerciseFolder } from '../catalog/exercise-folder.ts';
import { barriersUsed, totalCost } from '../check/barriers-used.ts';
import type { Exercise, ExerciseFile } from './exercise.ts';
import { parseExerciseJson, type ExerciseJson } from './exercise-schema.ts';

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
  const costs = { ...defaultCosts, ...stripUndefined(data.costs ?? {}) };
  const common = {
    id: data.id, chapter: data.chapter, title: data.title, task: data.task, models: data.models,
    ...(data.flush ? { flush: data.flush } : {}),
    property: data.property, costs, hints: data.hints, why: data.why,
  };
  for (const w of data.wrong) outcomeModels(`wrong ${w.file}`, w.outcome);
  for (const w of data.wrong) {
    // A wrong prediction is wrong by its text; a wrong program must say what it produces.
    if (data.kind !== 'predict' && w.result === 'incorrect' && Object.keys(w.outcome).length === 0) {
      say('exercise.json', `wrong ${w.file}: an incorrect variant must state its outcome, e.g. { "lkmm": "Sometimes" }`);
    }
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
    if (program && starter && solutions.every(Boolean) && wrong.every((x) => x.f)) {
      exercise = {
        ...common, kind: 'predict', program: { file: program.file, source: program.source }, starter,
        answer: data.answer, solutions: solutions as ExerciseFile[],
        wrong: wrong.map(({ w, f }) => ({ ...f!, result: w.result, outcome: w.outcome, note: w.note })),
      };
    }
  } else {
    const names = [data.starter, ...data.solutions, ...data.wrong.map((w) => w.file), ...(data.overFenced ? [data.overFenced.file] : [])];
    names.forEach((n) => listed.add(n));
    const starter = litmus(data.starter);
    const solutions = data.solutions.map((n) => litmus(n));
    const wrong = data.wrong.map((w) => ({ w, f: litmus(w.file, w.result !== 'invalid') }));
    const overFenced = data.overFenced ? litmus(data.overFenced.file) : undefined;
    const plain = (f: ExerciseFile) => ({ file: f.file, source: f.source });
    if (starter && solutions.every(Boolean) && wrong.every((x) => x.f) && (!data.overFenced || overFenced)) {
      const costsOf = solutions.map((s) => (s!.ast ? totalCost(barriersUsed(s!.ast, costs)) : Infinity));
      exercise = {
        ...common, kind: data.kind, edits: data.edits, starter: plain(starter),
        solutions: solutions.map((s) => plain(s!)),
        wrong: wrong.map(({ w, f }) => ({ ...plain(f!), result: w.result, outcome: w.outcome, note: w.note })),
        ...(overFenced && data.overFenced ? { overFenced: { ...plain(overFenced), cheaper: data.overFenced.cheaper } } : {}),
        referenceCost: Math.min(...costsOf),
      };
    }
  }
  for (const name of Object.keys(folder.files)) {
    if (!listed.has(name)) say(name, 'is in the folder but exercise.json does not list it');
  }
  if (problems.length > 0 || !exercise) return { problems: problems.length > 0 ? problems : [`${folder.folder}: incomplete`] };
  return { exercise };
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
