// A wrong answer the exercise's author foresaw: each exercise lists its
// typical mistakes (a barrier on one side only, the right barrier in the
// wrong place, a prediction that trusts x86 too much) with a note on what
// is wrong with each. When a learner's answer is one of them, that note is
// the feedback a counterexample alone does not give: what this answer
// misses, in the chapter's words.
import type { ModelName } from '@barrier-lab/engine';
import type { CodeExercise, PredictExercise, WrongVariant } from '../schema/exercise.ts';
import { parsePrediction } from './predict.ts';

/**
 * The known wrong variant of `exercise` that `source` is, if any: the same
 * program once comments and blanks are set aside (a learner's own comment or
 * indentation does not hide the mistake). Only variants the checker finds
 * incorrect: an invalid one already gets its diagnostic.
 */
export function knownCodeMistake(exercise: CodeExercise, source: string): WrongVariant | undefined {
  const mine = codeShape(source);
  return exercise.wrong.find((w) => w.result === 'incorrect' && codeShape(w.source) === mine);
}

/**
 * The known wrong prediction of `exercise` that `predictions` is, if any:
 * the same word for every model of the exercise.
 */
export function knownPredictionMistake(
  exercise: PredictExercise,
  predictions: Partial<Record<ModelName, string>>,
): WrongVariant | undefined {
  return exercise.wrong.find((w) => {
    const theirs = parsePrediction(w.source, exercise.models).predictions;
    return exercise.models.every((m) => theirs[m] !== undefined && theirs[m] === predictions[m]);
  });
}

/** `source` without its comments and blanks: what the checker reads of it. */
function codeShape(source: string): string {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\/\/[^\n]*/g, '')
    .replace(/\s+/g, '');
}
