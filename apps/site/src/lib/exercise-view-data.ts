// Builds the ExerciseView a page embeds for an exercise of the catalog (at
// build time: this module imports the catalog and the engine, never shipped
// to the browser's main thread).
import { exercise as findExercise, whatMayChange, type Exercise } from '@barrier-lab/exercises';
import type { ExerciseView } from '../workbench/exercise-view.ts';
import { barrierWords, kernelCVocabulary } from './kernel-c-vocabulary.ts';
import { lockedLines } from './locked-lines.ts';

/** The view of the exercise `id`; throws for an unknown id (a chapter that names it is a build error). */
export function exerciseViewById(id: string): ExerciseView {
  const found = findExercise(id);
  if (!found) throw new Error(`<Exercise id="${id}" />: no exercise has that id`);
  return exerciseView(found);
}

/** The plain-JSON view of `exercise` for the workbench. */
export function exerciseView(exercise: Exercise): ExerciseView {
  const common = {
    id: exercise.id,
    chapter: exercise.chapter,
    title: exercise.title,
    task: exercise.task,
    kind: exercise.kind,
    models: exercise.models,
    ...(exercise.flush ? { flush: exercise.flush } : {}),
    hints: exercise.hints,
    why: exercise.why,
    solutions: exercise.solutions.map((s) => ({ file: s.file, source: s.source })),
    barriers: barrierWords(exercise),
    vocabulary: kernelCVocabulary(),
  };
  if (exercise.kind === 'predict') {
    return {
      ...common,
      mayChange: `Predict the outcome under ${listOf(exercise.models)}: the program itself is fixed.`,
      starter: exercise.starter.source,
      program: exercise.program.source,
      lockedLines: [],
      referenceCost: 0,
    };
  }
  return {
    ...common,
    mayChange: `${capitalise(whatMayChange[exercise.edits])}.`,
    starter: exercise.starter.source,
    lockedLines: lockedLines(exercise.starter.source, exercise.edits),
    referenceCost: exercise.referenceCost,
  };
}

function listOf(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
