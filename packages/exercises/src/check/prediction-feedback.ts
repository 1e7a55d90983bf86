// What a wrong prediction comes with: for EVERY model the learner got wrong,
// in the exercise's model order, the right answer, one sentence on why, and
// the engine's explanation under that model (the counterexample's timeline
// and graph, or why the model forbids the outcome). check() builds these and
// both the grader's feedback and the site's workbench show them, one block
// per wrong model.
import type { Observation, Verdict } from '@barrier-lab/engine';
import { explain, type Explanation } from '@barrier-lab/engine/explain';
import type { PredictExercise } from '../schema/exercise.ts';
import type { ModelExplanation, PredictionCheck } from './check-result.ts';

/**
 * One block for each wrong prediction of `predictions` (in their order, the
 * exercise's), with the explanation of that model's verdict from `verdicts`
 * unless `withExplanation` is false.
 */
export function explainWrongPredictions(
  exercise: PredictExercise,
  predictions: readonly PredictionCheck[],
  verdicts: readonly Verdict[],
  withExplanation: boolean,
): ModelExplanation[] {
  return predictions.filter((p) => !p.right).map((p) => {
    const verdict = verdicts.find((v) => v.model === p.model);
    if (!verdict) throw new Error(`no verdict under ${p.model} for ${exercise.id}`);
    const explanation = withExplanation
      ? explain(exercise.program.source, verdict, { model: verdict.model, repair: false, ...(exercise.flush ? { flush: exercise.flush } : {}) })
      : undefined;
    return {
      model: p.model,
      ...(p.predicted ? { predicted: p.predicted } : {}),
      actual: p.actual,
      message: whyItIs(p, explanation),
      ...(explanation ? { explanation } : {}),
    };
  });
}

/** The right answer under one model and why, in a sentence a beginner can follow. */
function whyItIs(p: PredictionCheck, explanation: Explanation | undefined): string {
  const head = `Under ${p.model} it is ${p.actual}, not ${p.predicted ?? '?'}`;
  const state = explanation?.counterexample?.entries.map((e) => `${e.target}=${e.named ?? e.value}`).join(', ');
  const shown = state ? ` One execution that ends in ${state} follows, step by step.` : '';
  const reasons: Record<Observation, string> = {
    Never: `: no execution that ${p.model} allows ends this way.`,
    Sometimes: p.predicted === 'Always'
      ? ': some executions end this way, but not all of them.'
      : ': at least one execution ends this way.',
    Always: p.predicted === 'Never'
      ? ': every execution ends this way.'
      : ': every execution ends this way, with no exception.',
  };
  return `${head}${reasons[p.actual]}${p.actual === 'Never' ? '' : shown}`;
}
