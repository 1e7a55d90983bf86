// The hints of an exercise in the order a learner unlocks them: a nudge,
// the concept, the line, and past the last hint the reference solution with
// its "why". `barrier-lab show --hints N` and the site both reveal them
// through this one list.
import { parseLitmus } from '@barrier-lab/engine';
import type { Exercise } from '../schema/exercise.ts';
import { barriersUsed, totalCost } from './barriers-used.ts';
import { answerTemplate } from './prediction-template.ts';

/** One step of help. */
export type HintStep =
  | { readonly level: 'nudge' | 'concept' | 'line'; readonly text: string }
  | {
    readonly level: 'solution';
    /** The exercise's `why`: what pairs with what. */
    readonly text: string;
    /** The reference solution: the cheapest solution's code, or a predict exercise's answer lines. */
    readonly source: string;
    /** Its file in the exercise folder (`solution.litmus`, `answer.txt`). */
    readonly file: string;
  };

/** Every step of help for `exercise`, in order: three hints, then the solution. */
export function hintSteps(exercise: Exercise): readonly HintStep[] {
  const hints: HintStep[] = (['nudge', 'concept', 'line'] as const).map((level) => ({ level, text: exercise.hints[level] }));
  // The solution that sets the reference cost (a predict exercise's first answer file).
  const solution = exercise.kind === 'predict'
    ? exercise.solutions[0]!
    : exercise.solutions.find((s) => {
      const ast = parseLitmus(s.source).ast;
      return ast !== undefined && totalCost(barriersUsed(ast, exercise.costs)) === exercise.referenceCost;
    }) ?? exercise.solutions[0]!;
  const source = exercise.kind === 'predict' ? answerTemplate(exercise, { answered: true }) : solution.source;
  return [...hints, { level: 'solution', text: exercise.why, source, file: solution.file }];
}

/** The first `count` steps of help (all of them, solution included, for any count past the last hint). */
export function revealHints(exercise: Exercise, count: number): readonly HintStep[] {
  return hintSteps(exercise).slice(0, Math.max(0, count));
}
