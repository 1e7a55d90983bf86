// The wrong predictions of a whole class, for report.txt. A wrong
// prediction's explanation (the exercises' predictionBlockLines: what was
// said, why, the timeline or why the model forbids it) depends on the
// exercise, the model and what was said, not on the student, so a class of
// a hundred holds a handful of different ones, each many times. The report
// prints each once, numbered, and every student's line refers to it by its
// number; the counts by exercise and model say which mistakes are common.
import { predictionBlockLines } from '@barrier-lab/exercises';
import type { GradeBook } from '../grade-book.ts';
import { compareText, type GradeRecord, type RecordPrediction } from '../grade-record.ts';
import { predictionsExplained } from './prediction-text.ts';

/** One explanation as the report prints it once: its number, its exercise, its lines, and how many students it explains. */
export interface SharedExplanation {
  readonly number: number;
  readonly exercise: string;
  readonly lines: readonly string[];
  readonly students: number;
}

/** Every different explanation of a wrong prediction in the book, numbered, and a way to find a record's. */
export interface SharedExplanations {
  readonly explanations: readonly SharedExplanation[];
  /** The number of the explanation of `p` in `r`; undefined when the record has none (right, or written before records had them). */
  numberOf(r: GradeRecord, p: RecordPrediction): number | undefined;
}

const observationOrder: Record<string, number> = { Never: 0, Sometimes: 1, Always: 2 };

/**
 * The book's explanations of wrong predictions, each different one once:
 * numbered in exercise order (the book's), then the model's place in the
 * exercise, then what was said (Never, Sometimes, Always), so the numbers
 * never depend on which students are in the class or in which order.
 */
export function sharedExplanations(book: GradeBook): SharedExplanations {
  const exerciseOrder = new Map(book.exercises.map((id, i) => [id, i]));
  const found = new Map<string, { exercise: string; lines: string[]; model: number; predicted: string; students: number }>();
  for (const r of book.records) {
    if (!predictionsExplained(r)) continue;
    r.predictions!.forEach((p, model) => {
      if (p.right) return;
      const lines = predictionBlockLines(p);
      const key = explanationKey(r.exercise, lines);
      const seen = found.get(key);
      if (seen) seen.students++;
      else found.set(key, { exercise: r.exercise, lines, model, predicted: p.predicted ?? '', students: 1 });
    });
  }
  const sorted = [...found.entries()].sort(([, a], [, b]) =>
    (exerciseOrder.get(a.exercise) ?? 0) - (exerciseOrder.get(b.exercise) ?? 0) || compareText(a.exercise, b.exercise)
    || a.model - b.model || (observationOrder[a.predicted] ?? 3) - (observationOrder[b.predicted] ?? 3)
    || compareText(a.lines.join('\n'), b.lines.join('\n')));
  const numbers = new Map(sorted.map(([key], i) => [key, i + 1]));
  return {
    explanations: sorted.map(([, e], i) => ({ number: i + 1, exercise: e.exercise, lines: e.lines, students: e.students })),
    numberOf: (r, p) => (!p.right && predictionsExplained(r) ? numbers.get(explanationKey(r.exercise, predictionBlockLines(p))) : undefined),
  };
}

function explanationKey(exercise: string, lines: readonly string[]): string {
  return `${exercise}\n${lines.join('\n')}`;
}

/** The explanations section: each once, its number and whom it explains, then its lines (a timeline indented as it is). */
export function explanationLines(shared: SharedExplanations): string[] {
  const out: string[] = [];
  for (const e of shared.explanations) {
    out.push('', `[${e.number}] ${e.exercise}, ${e.students} student${e.students === 1 ? '' : 's'}:`);
    out.push(...e.lines.flatMap((l) => l.split('\n')).map((l) => `  ${l}`));
  }
  return out;
}

/**
 * For one exercise's records: a line per model (and answer), how many
 * students predicted it wrong out of those who predicted, split by what they
 * said, each with its explanation's number. Empty when no record of the
 * exercise holds predictions.
 */
export function mispredictionRows(records: readonly GradeRecord[], shared: SharedExplanations): string[][] {
  const predicted = records.filter((r) => r.predictions);
  if (predicted.length === 0) return [];
  // model + answer -> what was said -> how many, and which explanations.
  const rows = new Map<string, { model: string; actual: string; count: number; wrong: Map<string, { count: number; numbers: Set<number> }> }>();
  for (const r of predicted) {
    for (const p of r.predictions!) {
      const key = `${p.model}\n${p.actual}`;
      const row = rows.get(key) ?? { model: p.model, actual: p.actual, count: 0, wrong: new Map() };
      rows.set(key, row);
      row.count++;
      if (p.right) continue;
      const said = p.predicted ?? 'nothing';
      const group = row.wrong.get(said) ?? { count: 0, numbers: new Set<number>() };
      row.wrong.set(said, group);
      group.count++;
      const number = shared.numberOf(r, p);
      if (number !== undefined) group.numbers.add(number);
    }
  }
  return [...rows.values()].map((row) => {
    const wrong = [...row.wrong.entries()].sort(([a], [b]) => (observationOrder[a] ?? 3) - (observationOrder[b] ?? 3) || compareText(a, b));
    const total = wrong.reduce((sum, [, g]) => sum + g.count, 0);
    const said = wrong.map(([what, g]) => `${g.count} said ${what}${g.numbers.size > 0 ? ` [${[...g.numbers].sort((a, b) => a - b).join(', ')}]` : ''}`);
    return [row.model, `is ${row.actual}:`, total === 0 ? `all ${row.count} right` : `${total} of ${row.count} wrong: ${said.join(', ')}`];
  });
}
