// lint(): what an editor can say about a submission while it is being typed,
// without exploring a single execution: syntax errors, the checks of lowering
// (unknown names, wrong argument counts, kernel objects misused) and the edit
// rules, each with its line and column. The same passes check() runs first,
// so a marker in the editor and check()'s `invalid` never disagree.
import { lower, parseLitmus, type Diagnostic, type LitmusAst } from '@barrier-lab/engine';
import type { CodeExercise, Exercise } from '../schema/exercise.ts';
import { exercise as findExercise } from '../catalog/catalog.ts';
import { checkEditRules } from './edit-rules.ts';
import { parsePrediction } from './predict.ts';
import { maxSubmissionLength } from './check.ts';

/**
 * The diagnostics of `source` as a submission to the exercise `exerciseId`
 * (errors and warnings, in source order). Fast: it parses and lowers, it
 * never explores. An unknown id gives one diagnostic; nothing throws.
 */
export function lint(exerciseId: string, source: string): readonly Diagnostic[] {
  const found = findExercise(exerciseId);
  if (!found) return [at1('check/unknown-exercise', `There is no exercise "${exerciseId}".`)];
  return lintExercise(found, source);
}

/** As `lint`, for an exercise that need not be in the catalog. */
export function lintExercise(exercise: Exercise, source: string): readonly Diagnostic[] {
  if (typeof source !== 'string' || source.length > maxSubmissionLength) {
    return [at1('check/too-long', `The submission is longer than ${maxSubmissionLength} characters.`)];
  }
  try {
    if (exercise.kind === 'predict') return parsePrediction(source, exercise.models).diagnostics;
    return lintCode(exercise, source);
  } catch (error) {
    return [at1('check/internal-error', `Barrier Lab could not read this (an internal error: ${(error as Error)?.message ?? String(error)}).`)];
  }
}

const starterAsts = new WeakMap<CodeExercise, LitmusAst>();

function lintCode(exercise: CodeExercise, source: string): readonly Diagnostic[] {
  const parsed = parseLitmus(source);
  if (!parsed.ast || parsed.diagnostics.some((d) => d.severity === 'error')) return parsed.diagnostics;
  // As check() does: the engine's own errors (an unknown primitive, say) before the edit rule's.
  const lowered = lower(parsed.ast, source, exercise.flush ? { flush: exercise.flush } : {});
  if (lowered.diagnostics.some((d) => d.severity === 'error')) return sortByPlace([...parsed.diagnostics, ...lowered.diagnostics]);
  let starterAst = starterAsts.get(exercise);
  if (!starterAst) {
    starterAst = parseLitmus(exercise.starter.source).ast!;
    starterAsts.set(exercise, starterAst);
  }
  const violations = checkEditRules({ ast: starterAst, source: exercise.starter.source }, { ast: parsed.ast, source }, exercise);
  return sortByPlace([...parsed.diagnostics, ...lowered.diagnostics, ...violations]);
}

function sortByPlace(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column);
}

function at1(code: string, message: string): Diagnostic {
  return { code, severity: 'error', message, span: { line: 1, column: 1, endLine: 1, endColumn: 2 } };
}
