// A record's wrong predictions in plain text, for junit.xml and
// Gradescope's per-test output: each model's block in the words the site
// and `barrier-lab check` use (the exercises' predictionBlockLines); and
// the record's sentence for them, told for where each format puts them.
import { predictionBlockLines, predictionHeading, wrongPredictionsSummary, type ExplanationsPlace } from '@barrier-lab/exercises';
import type { GradeRecord } from '../grade-record.ts';

/** True when the record's wrong predictions carry their explanations (records written before they did do not). */
export function predictionsExplained(r: Pick<GradeRecord, 'predictions'>): boolean {
  return r.predictions?.some((p) => !p.right && p.message !== undefined) ?? false;
}

/**
 * What went wrong, as blocks of lines: every wrong prediction explained,
 * or else the counterexample (the first wrong model's, for old records).
 */
export function whatWentWrong(r: Pick<GradeRecord, 'predictions' | 'counterexample'>): string[][] {
  if (predictionsExplained(r)) return r.predictions!.filter((p) => !p.right).map(predictionBlockLines);
  const blocks: string[][] = [];
  if (r.counterexample) blocks.push([`Counterexample under ${r.counterexample.model}:`, r.counterexample.text]);
  if (r.predictions) blocks.push(r.predictions.filter((p) => !p.right).map((p) => `${predictionHeading(p)}.`));
  return blocks.filter((b) => b.length > 0);
}

/**
 * The record's summary, saying where its wrong predictions are explained:
 * check() writes it for a page where the blocks follow (a student's
 * feedback, Gradescope's output, a JUnit failure); report.txt prints them
 * once for the class, above the details (`above`); a gradebook's comment
 * cell has none beside it (`elsewhere`). Any other summary is the record's.
 */
export function summaryWhere(r: Pick<GradeRecord, 'status' | 'summary' | 'predictions' | 'mistake'>, place: ExplanationsPlace): string {
  const wrong = r.status === 'incorrect' ? r.predictions?.filter((p) => !p.right) ?? [] : [];
  return withMistake(r, wrong.length > 1 ? wrongPredictionsSummary(wrong, place) : r.summary);
}

/** `sentence`, then what the answer misses when it is a mistake the exercise foresaw (as the site says it under its sentence). */
export function withMistake(r: Pick<GradeRecord, 'mistake'>, sentence: string): string {
  return r.mistake ? `${sentence} ${r.mistake}` : sentence;
}
