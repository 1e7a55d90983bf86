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

/**
 * Where the wrong predictions' blocks are, seen from the sentence that names
 * them: after it (check(), the site, a student's feedback), before it
 * (report.txt prints each once for the class, numbered, above the
 * students' details), or not beside it at all (a gradebook's comment cell).
 */
export type ExplanationsPlace = 'below' | 'above' | 'elsewhere';

/**
 * The check's one sentence for the wrong predictions: what it is and what
 * was said for one model; for more, which ones (their blocks say the rest),
 * and where those blocks are (`place`, by default below: check()'s summary).
 */
export function wrongPredictionsSummary<P extends PredictionNames>(wrong: readonly P[], place: ExplanationsPlace = 'below'): string {
  const said = (p: PredictionNames) => `${p.actual}, not ${p.predicted ?? '?'}`;
  if (wrong.length === 1) return `Under ${wrong[0]!.model} the outcome is ${said(wrong[0]!)}.`;
  // Each block says what was said and what it is: the sentence only names the models, so it is not said three times.
  const where: Record<ExplanationsPlace, string> = {
    below: ': each is explained below.',
    above: ': each is explained above, under the number on its line.',
    elsewhere: '.',
  };
  return `${count(wrong.length)} predictions are wrong, under ${list(wrong.map((p) => p.model))}${where[place]}`;
}

/** `sc, tso and lkmm`. */
function list(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function count(n: number): string {
  return ['No', 'One', 'Two', 'Three', 'Four', 'Five'][n] ?? String(n);
}
