// check(): one submission against one exercise, as plain data. It is the
// only judge of an answer: the site's Check button (in a Web Worker) and
// the grader both call it, so they cannot disagree. Deterministic, and it
// never throws on what a learner types.
import { lower, parseLitmus, type Budget, type Diagnostic, type LitmusAst, type Verdict } from '@barrier-lab/engine';
import { explain, valueNames, type Explanation, type ValueNames } from '@barrier-lab/engine/explain';
import type { CodeExercise, Exercise, PredictExercise } from '../schema/exercise.ts';
import { pricedKinds } from '../schema/may-change.ts';
import { exercise as findExercise } from '../catalog/catalog.ts';
import { barriersUsed, totalCost } from './barriers-used.ts';
import { cheaperHint } from './cheaper-hint.ts';
import type { CheckResult, PredictionCheck } from './check-result.ts';
import { checkEditRules } from './edit-rules.ts';
import { checkGuards } from './must-still-reach.ts';
import { reusableDomain } from './starter-domain.ts';
import { parsePrediction } from './predict.ts';
import { explainWrongPredictions } from './prediction-feedback.ts';
import { knownCodeMistake, knownPredictionMistake } from './known-mistake.ts';
import { wrongPredictionsSummary } from './prediction-words.ts';
import { exerciseVerdict, runModels, undecided, vacuous, weakestFailing } from './verdicts.ts';

export interface CheckOptions {
  /**
   * How much to explain a wrong answer: `counterexample` (graph and timeline;
   * the default), `full` (also the cheapest repair, which gives the answer
   * away and costs a search over edited programs) or `none`.
   */
  readonly explain?: 'full' | 'counterexample' | 'none';
  /** Budget for each exploration (default: the engine's). */
  readonly budget?: Budget;
}

/** Longest submission read: anything longer is refused as invalid, not explored. */
export const maxSubmissionLength = 100_000;

/** Checks `source` against the exercise `exerciseId`. Unknown ids and bad input are results, never exceptions. */
export function check(exerciseId: string, source: string, options: CheckOptions = {}): CheckResult {
  const found = findExercise(exerciseId);
  if (!found) {
    return invalid(exerciseId, 0, [{
      code: 'check/unknown-exercise', severity: 'error', span: { line: 1, column: 1, endLine: 1, endColumn: 2 },
      message: `There is no exercise "${exerciseId}"; \`barrier-lab exercises\` lists them.`,
    }]);
  }
  return checkExercise(found, source, options);
}

/** Checks `source` against `exercise` (which need not be in the catalog: authors' drafts, tests). */
export function checkExercise(exercise: Exercise, source: string, options: CheckOptions = {}): CheckResult {
  const referenceCost = exercise.kind === 'predict' ? 0 : exercise.referenceCost;
  if (typeof source !== 'string' || source.length > maxSubmissionLength) {
    return invalid(exercise.id, referenceCost, [{
      code: 'check/too-long', severity: 'error', span: { line: 1, column: 1, endLine: 1, endColumn: 2 },
      message: `The submission is longer than ${maxSubmissionLength} characters.`,
    }]);
  }
  try {
    return exercise.kind === 'predict' ? checkPrediction(exercise, source, options) : checkCode(exercise, source, options);
  } catch (error) {
    // A fault of ours, not of the learner: still a result, so one submission never stops a batch.
    return invalid(exercise.id, referenceCost, [{
      code: 'check/internal-error', severity: 'error', span: { line: 1, column: 1, endLine: 1, endColumn: 2 },
      message: `Barrier Lab could not check this (an internal error: ${(error as Error)?.message ?? String(error)}). Please report it.`,
    }]);
  }
}

const starterAsts = new WeakMap<CodeExercise, LitmusAst>();

function checkCode(exercise: CodeExercise, source: string, options: CheckOptions): CheckResult {
  const base = { exercise: exercise.id, referenceCost: exercise.referenceCost };
  const parsed = parseLitmus(source);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (!parsed.ast || errors.length > 0) return invalid(exercise.id, exercise.referenceCost, parsed.diagnostics);
  // The engine's own errors come before the edit rule's: a typo such as
  // smp_wmbb() is an unknown primitive (with the nearest one), not an edit.
  const lowered = lower(parsed.ast, source, exercise.flush ? { flush: exercise.flush } : {});
  if (lowered.diagnostics.some((d) => d.severity === 'error')) {
    return invalid(exercise.id, exercise.referenceCost, [...parsed.diagnostics, ...lowered.diagnostics.filter((d) => d.severity === 'error')]);
  }

  let starterAst = starterAsts.get(exercise);
  if (!starterAst) {
    starterAst = parseLitmus(exercise.starter.source).ast!;
    starterAsts.set(exercise, starterAst);
  }
  const violations = checkEditRules({ ast: starterAst, source: exercise.starter.source }, { ast: parsed.ast, source }, exercise);
  if (violations.length > 0) return invalid(exercise.id, exercise.referenceCost, [...parsed.diagnostics, ...otherExercise(exercise, parsed.ast), ...violations]);

  const barriers = barriersUsed(parsed.ast, exercise.costs);
  const cost = totalCost(barriers);
  const domain = reusableDomain(exercise, starterAst, parsed.ast);
  const runs = runModels(source, exercise.models, { ...runOptions(exercise, options), ...(domain ? { domain } : {}) });
  if (runs.stopped) {
    const verdicts = runs.verdicts.map((v) => exerciseVerdict(v));
    return { ...base, status: 'inconclusive', diagnostics: runs.diagnostics, verdicts, barriers, cost, summary: undecided(runs.stopped.model, runs.stopped.report) };
  }
  if (runs.verdicts.length === 0) return invalid(exercise.id, exercise.referenceCost, runs.diagnostics);
  const names = valueNames(parsed.ast);
  const verdicts = runs.verdicts.map((v) => exerciseVerdict(v, names));
  const common = { ...base, diagnostics: runs.diagnostics, verdicts, barriers, cost };

  const stopped = runs.verdicts.find((v) => v.status !== 'complete');
  if (stopped) {
    return { ...common, status: 'inconclusive', summary: undecided(stopped.model, stopped.budget, stopped.cutoff) };
  }
  const empty = vacuous(runs.verdicts);
  if (empty) {
    return invalid(exercise.id, exercise.referenceCost, [...runs.diagnostics, {
      code: 'check/no-execution', severity: 'error', span: parsed.ast.threads[0]?.name.span ?? parsed.ast.span,
      message: `No execution of this program runs to the end under ${empty.model}, so the property would hold vacuously. `
        + 'Check that every access goes through its pointer: READ_ONCE(*x), WRITE_ONCE(*x, v).',
    }]);
  }
  const failing = weakestFailing(runs.verdicts);
  if (failing) {
    const explanation = explainFailure(exercise, source, failing, options);
    const state = explanation?.counterexample?.entries.map((e) => `${e.target}=${e.named ?? e.value}`).join('; ');
    const mistake = knownCodeMistake(exercise, source);
    return {
      ...common, status: 'incorrect', explainedModel: failing.model,
      ...(explanation ? { explanation } : {}),
      ...(mistake ? { mistake: mistake.note } : {}),
      summary: state
        ? `Not yet: under ${failing.model} this final state is possible, and it breaks the property: ${state}.`
        : `Not yet: under ${failing.model} the property ${failing.condition} does not hold.`,
    };
  }
  // Correct: but is it an answer, or did it delete what the exercise is about?
  const guarded = checkGuards(exercise, { ast: starterAst, source: exercise.starter.source }, { ast: parsed.ast, source }, options.budget);
  if (guarded.status === 'removed') return invalid(exercise.id, exercise.referenceCost, [...runs.diagnostics, guarded.diagnostic]);
  if (guarded.status === 'inconclusive') {
    return {
      ...common, status: 'inconclusive',
      summary: `Not decided: the property holds, but checking that ${guarded.guard.outcome} can still happen under ${guarded.model} hit a budget, so no verdict is given.`,
    };
  }
  if (cost > exercise.referenceCost) {
    const cheaper = cheaperHint(exercise, source, parsed.ast, domain, options.budget);
    return {
      ...common, status: 'over-fenced',
      ...(cheaper ? { cheaper } : {}),
      summary: `Correct, but it costs ${cost} where ${exercise.referenceCost} is enough.${cheaper ? ` ${cheaper.message}` : ' Look for a barrier stronger than its pairing needs.'}`,
    };
  }
  return {
    ...common, status: 'correct',
    summary: `Correct under ${exercise.models.join(', ')}, at cost ${cost}${cost < exercise.referenceCost ? ` (cheaper than the reference, ${exercise.referenceCost}!)` : ''}.`,
  };
}

const programRuns = new WeakMap<PredictExercise, { readonly verdicts: readonly Verdict[]; readonly names: ValueNames }>();

function checkPrediction(exercise: PredictExercise, source: string, options: CheckOptions): CheckResult {
  const base = { exercise: exercise.id, referenceCost: 0, barriers: [], cost: 0 };
  const program = programForPrediction(exercise, source);
  if (program) return invalid(exercise.id, 0, [program]);
  const parsed = parsePrediction(source, exercise.models);
  if (parsed.diagnostics.length > 0) return invalid(exercise.id, 0, parsed.diagnostics);
  let run = programRuns.get(exercise);
  if (!run) {
    const runs = runModels(exercise.program.source, exercise.models, runOptions(exercise, options));
    if (runs.stopped) {
      return { ...base, status: 'inconclusive', diagnostics: [], verdicts: runs.verdicts.map((v) => exerciseVerdict(v)), summary: undecided(runs.stopped.model, runs.stopped.report) };
    }
    const ast = parseLitmus(exercise.program.source).ast;
    run = { verdicts: runs.verdicts, names: ast ? valueNames(ast) : {} };
    // Only a complete run is the program's answer: one a budget cut short is this check's.
    if (runs.verdicts.length > 0 && runs.verdicts.every((v) => v.status === 'complete')) programRuns.set(exercise, run);
  }
  const { verdicts, names } = run;
  if (verdicts.length === 0) throw new Error(`the program of ${exercise.id} does not run`);
  const stopped = verdicts.find((v) => v.status !== 'complete');
  const predictions: PredictionCheck[] = verdicts.map((v) => {
    const predicted = parsed.predictions[v.model];
    return { model: v.model, ...(predicted ? { predicted } : {}), actual: v.observation, right: predicted === v.observation };
  });
  const common = { ...base, diagnostics: [], verdicts: verdicts.map((v) => exerciseVerdict(v, names)), predictions };
  if (stopped) {
    return { ...common, status: 'inconclusive', summary: undecided(stopped.model, stopped.budget, stopped.cutoff) };
  }
  const wrong = predictions.filter((p) => !p.right);
  if (wrong.length === 0) {
    return { ...common, status: 'correct', summary: `Right: ${predictions.map((p) => `${p.model}: ${p.actual}`).join(', ')}.` };
  }
  // Every wrong model explained, not only the first: a learner who got tso and lkmm wrong needs both.
  const explanations = explainWrongPredictions(exercise, predictions, verdicts, options.explain !== 'none');
  const first = explanations[0]!;
  const mistake = knownPredictionMistake(exercise, parsed.predictions);
  return {
    ...common, status: 'incorrect', explainedModel: first.model, ...(first.explanation ? { explanation: first.explanation } : {}),
    ...(mistake ? { mistake: mistake.note } : {}),
    explanations, summary: wrongPredictionsSummary(wrong),
  };
}

function explainFailure(exercise: CodeExercise, source: string, verdict: Verdict, options: CheckOptions): Explanation | undefined {
  if (options.explain === 'none') return undefined;
  return explain(source, verdict, {
    model: verdict.model,
    costs: exercise.costs,
    repair: options.explain === 'full',
    // The repair may only propose what the edit rule accepts: what the exercise prices.
    kinds: pricedKinds(exercise),
    ...(exercise.flush ? { flush: exercise.flush } : {}),
    ...(options.budget ? { budget: options.budget } : {}),
  });
}

function runOptions(exercise: Exercise, options: CheckOptions) {
  return { ...(exercise.flush ? { flush: exercise.flush } : {}), ...(options.budget ? { budget: options.budget } : {}) };
}

/**
 * A program whose edits break the rules and whose test name is another
 * exercise's id is most likely that exercise's answer, handed in or pasted
 * under the wrong one: said first, before the differences that follow from it.
 */
function otherExercise(exercise: Exercise, ast: LitmusAst): Diagnostic[] {
  const named = ast.name.name;
  const other = named === exercise.id ? undefined : findExercise(named);
  if (!other) return [];
  return [otherExerciseDiagnostic(other, ast.name.span, `not of "${exercise.id}" (${exercise.title})`, `Answer "${exercise.id}" from its own starter code: ${startOver(exercise)}`)];
}

/** `check/other-exercise`: the program at `span` is `other`'s, `not` what this exercise asks for. */
function otherExerciseDiagnostic(other: Exercise, span: Diagnostic['span'], not: string, hint: string): Diagnostic {
  return { code: 'check/other-exercise', severity: 'error', span, message: `This is the program of another exercise, "${other.id}" (${other.title}), ${not}.`, hint };
}

/** Where the exercise's own starting point is, in the course and on the command line. */
function startOver(exercise: Exercise): string {
  return `Reset to starter in the course, \`barrier-lab show ${exercise.id}\` on the command line.`;
}

/**
 * A litmus program handed in for a predict exercise (its first line is a C
 * test's header, `C capstone-patch`): one diagnostic that says so, naming
 * the exercise whose program it is, instead of a problem on every line.
 */
function programForPrediction(exercise: PredictExercise, source: string): Diagnostic | undefined {
  const lines = source.split('\n');
  const index = lines.findIndex((line) => line.trim() !== '');
  const header = index < 0 ? null : /^(\s*)C\s+(\S+)\s*$/.exec(lines[index]!.replace(/\r$/, ''));
  if (!header) return undefined;
  const name = header[2]!;
  const column = header[1]!.length + 1;
  const other = name === exercise.id ? undefined : findExercise(name);
  const example = `"${exercise.models[exercise.models.length - 1] ?? 'lkmm'}: Sometimes"`;
  const hint = `A prediction is one line per model, such as ${example}: ${startOver(exercise)}`;
  const nameColumn = lines[index]!.indexOf(name, column) + 1;
  return other
    ? otherExerciseDiagnostic(other, { line: index + 1, column: nameColumn, endLine: index + 1, endColumn: nameColumn + name.length },
        `not a prediction for "${exercise.id}" (${exercise.title})`, hint)
    : {
        code: 'predict/program', severity: 'error', span: { line: index + 1, column, endLine: index + 1, endColumn: column + 1 },
        message: `This is a litmus program, not a prediction: "${exercise.id}" asks what its program can do, Never, Sometimes or Always under each model.`,
        hint,
      };
}

function invalid(exercise: string, referenceCost: number, diagnostics: readonly Diagnostic[]): CheckResult {
  const first = diagnostics.find((d) => d.severity === 'error') ?? diagnostics[0];
  return {
    exercise, status: 'invalid', diagnostics, verdicts: [], barriers: [], cost: 0, referenceCost,
    summary: first ? `Line ${first.span.line}, column ${first.span.column}: ${first.message}` : 'The submission is not valid.',
  };
}
