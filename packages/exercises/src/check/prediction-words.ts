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
 * A wrong prediction's words: what was said and what it is, the sentence on
 * why, and the model's counterexample (its timeline) or, when there is none,
 * why the model forbids the outcome. The grader keeps these in its records.
 */
export interface PredictionBlock extends PredictionNames {
  readonly message?: string;
  readonly timeline?: string;
  readonly whyForbidden?: string;
}

/** The words of a check's explanation of one wrong model. */
export function predictionBlock(x: ModelExplanation): PredictionBlock {
  const timeline = x.explanation?.timelineText?.trimEnd();
  const whyForbidden = timeline ? undefined : x.explanation?.whyForbidden?.message;
  return {
    model: x.model, ...(x.predicted ? { predicted: x.predicted } : {}), actual: x.actual, message: x.message,
    ...(timeline ? { timeline } : {}), ...(whyForbidden ? { whyForbidden } : {}),
  };
}

/** One wrong prediction as lines of text: the heading, the sentence on why, then the timeline or why the model forbids it. */
export function predictionBlockLines(b: PredictionBlock): string[] {
  const out = [`${predictionHeading(b)}.`];
  if (b.message) out.push(b.message);
  if (b.timeline) out.push(b.timeline);
  else if (b.whyForbidden) out.push(whyForbiddenLine(b.model, b.whyForbidden));
  return out;
}
