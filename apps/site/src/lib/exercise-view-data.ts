// Builds the ExerciseView a page embeds for an exercise of the catalog (at
// build time: this module imports the catalog and the engine, never shipped
// to the browser's main thread).
import { exercise as findExercise, hintSteps, type Exercise } from '@barrier-lab/exercises';
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
    help: hintSteps(exercise),
    why: exercise.why,
    barriers: barrierWords(exercise),
    vocabulary: kernelCVocabulary(),
  };
  if (exercise.kind === 'predict') {
    return {
      ...common,
      mayChange: exercise.mayChange.sentence,
      starter: exercise.starter.source,
      program: exercise.program.source,
      question: exercise.template.question.join(' ').trim(),
      models: exercise.template.models,
      lockedLines: [],
      referenceCost: 0,
    };
  }
  return {
    ...common,
    mayChange: exercise.mayChange.sentence,
    starter: exercise.starter.source,
    lockedLines: lockedLines(exercise.starter.source, exercise.mayChange),
    referenceCost: exercise.referenceCost,
  };
}
