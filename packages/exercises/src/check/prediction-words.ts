// The words for a wrong prediction, the same on every surface: the site's
// blocks, `barrier-lab check`, grade()'s feedback and the grader's reports.
// Plain functions of plain data, so the site's page bundle takes them
// without the engine (`@barrier-lab/exercises/words`).
import type { ModelExplanation } from './check-result.ts';

/** What a heading needs (a check's prediction, or the grader's record of one). */
export interface PredictionNames {
  readonly model: string;
  readonly predicted?: string;
  readonly actual: string;
}

/** `tso: you said Never; it is Sometimes` (no full stop: a heading takes none). */
export function predictionHeading(p: PredictionNames): string {
  return `${p.model}: you said ${p.predicted ?? 'nothing'}; it is ${p.actual}`;
}

/** Why a model forbids the outcome, as a sentence that names the model. */
export function whyForbiddenLine(model: string, why: string): string {
  return `Why it cannot happen under ${model}: ${why}`;
}

/**
 * One wrong prediction as text: the heading, the sentence on why, then the
 * model's counterexample (its timeline) or why it forbids the outcome.
 */
export function predictionBlockLines(x: ModelExplanation): string[] {
  const out = [`${predictionHeading(x)}.`, x.message];
  const explanation = x.explanation;
  if (explanation?.timelineText) out.push(explanation.timelineText.trimEnd());
  else if (explanation?.whyForbidden) out.push(whyForbiddenLine(x.model, explanation.whyForbidden.message));
  return out;
}
