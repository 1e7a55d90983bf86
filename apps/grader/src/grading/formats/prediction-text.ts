// A record's wrong predictions in plain text, for the reports that are not
// Markdown (report.txt, junit.xml, Gradescope's per-test output): each
// model's heading, the sentence on why, and its counterexample or reason,
// in the words the site and `barrier-lab check` use.
import { predictionHeading, whyForbiddenLine } from '@barrier-lab/exercises';
import type { GradeRecord, RecordPrediction } from '../grade-record.ts';

/** True when the record's wrong predictions carry their explanations (records written before they did do not). */
export function predictionsExplained(r: Pick<GradeRecord, 'predictions'>): boolean {
  return r.predictions?.some((p) => !p.right && p.message !== undefined) ?? false;
}

/** One wrong prediction as lines of text. */
export function wrongPredictionLines(p: RecordPrediction): string[] {
  const out = [`${predictionHeading(p)}.`];
  if (p.message) out.push(p.message);
  if (p.timeline) out.push(p.timeline);
  else if (p.whyForbidden) out.push(whyForbiddenLine(p.model, p.whyForbidden));
  return out;
}

/**
 * What went wrong, as blocks of lines: every wrong prediction explained,
 * or else the counterexample (the first wrong model's, for old records).
 */
export function whatWentWrong(r: Pick<GradeRecord, 'predictions' | 'counterexample'>): string[][] {
  if (predictionsExplained(r)) return r.predictions!.filter((p) => !p.right).map(wrongPredictionLines);
  const blocks: string[][] = [];
  if (r.counterexample) blocks.push([`Counterexample under ${r.counterexample.model}:`, r.counterexample.text]);
  if (r.predictions) blocks.push(r.predictions.filter((p) => !p.right).map((p) => `${predictionHeading(p)}.`));
  return blocks.filter((b) => b.length > 0);
}
