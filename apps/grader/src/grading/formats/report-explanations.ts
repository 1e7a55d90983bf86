// The explanations of a whole class, for report.txt, each different one
// once. A wrong prediction's explanation (the exercises'
// predictionBlockLines: what was said, why, the timeline or why the model
// forbids it) depends on the exercise, the model and what was said, not on
// the student, so a class of a hundred holds a handful of different ones,
// each many times. A code answer's counterexample depends on the student's
// program, but answers may change only barriers, so students who placed
// the same barriers get the same one. The report prints each such
// explanation once, numbered, and every student's details refer to it by
// its number; the counts by exercise and model say which mistakes are
// common.
import { predictionBlockLines } from '@barrier-lab/exercises';
import type { GradeBook } from '../grade-book.ts';
import { compareText, type GradeRecord, type RecordPrediction } from '../grade-record.ts';
import { predictionsExplained } from './prediction-text.ts';

/** One explanation as the report prints it once: its number, its exercise, its lines, and how many students it explains. */
export interface SharedExplanation {
  readonly number: number;
  readonly kind: 'prediction' | 'counterexample';
  readonly exercise: string;
  readonly lines: readonly string[];
  readonly students: number;
}

/** Every explanation the report prints once, numbered, and a way to find a record's. */
export interface SharedExplanations {
  readonly explanations: readonly SharedExplanation[];
  /**
   * The number of the explanation of `p`, one of the book's records'
   * predictions; undefined when it has none (right, or in a record written
   * before records had them).
   */
  numberOf(p: RecordPrediction): number | undefined;
  /** The number of a code answer's counterexample (`r` one of the book's records) when other students have the same one; undefined when it is the student's own. */
  counterexampleNumber(r: GradeRecord): number | undefined;
}

const observationOrder: Record<string, number> = { Never: 0, Sometimes: 1, Always: 2 };

interface Found {
  readonly kind: SharedExplanation['kind'];
  readonly exercise: string;
  readonly lines: readonly string[];
  /** Predictions first, by the model's place in the exercise and what was said; then counterexamples. */
  readonly order: readonly [number, number, number];
  students: number;
}

/**
 * The book's explanations: every wrong prediction's, and every code
 * counterexample that two students or more share. Numbered in exercise
 * order (the book's); in an exercise, predictions by the model's place in
 * it, then what was said (Never, Sometimes, Always); counterexamples the
 * most common first. The numbers never depend on the order of the records.
 */
export function sharedExplanations(book: GradeBook): SharedExplanations {
  const exerciseOrder = new Map(book.exercises.map((id, i) => [id, i]));
  const found = new Map<string, Found>();
  // What each wrong prediction and code counterexample was found under, so a number is looked up, never built again.
  const keyOf = new WeakMap<RecordPrediction | GradeRecord, string>();
  const note = (of: RecordPrediction | GradeRecord, key: string, make: () => Omit<Found, 'students'>) => {
    keyOf.set(of, key);
    const seen = found.get(key);
    if (seen) seen.students++;
    else found.set(key, { ...make(), students: 1 });
  };
  for (const r of book.records) {
    if (predictionsExplained(r)) {
      r.predictions!.forEach((p, model) => {
        if (p.right) return;
        const lines = predictionBlockLines(p);
        note(p, key(r.exercise, lines), () => ({ kind: 'prediction', exercise: r.exercise, lines, order: [0, model, observationOrder[p.predicted ?? ''] ?? 3] }));
      });
    } else if (isCodeCounterexample(r)) {
      const lines = counterexampleLines(r);
      note(r, key(r.exercise, lines), () => ({ kind: 'counterexample', exercise: r.exercise, lines, order: [1, 0, 0] }));
    }
  }
  // A counterexample only one student has stays in that student's details.
  for (const [k, e] of found) if (e.kind === 'counterexample' && e.students < 2) found.delete(k);
  const sorted = [...found.entries()].sort(([, a], [, b]) =>
    (exerciseOrder.get(a.exercise) ?? 0) - (exerciseOrder.get(b.exercise) ?? 0) || compareText(a.exercise, b.exercise)
    || a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2] - b.order[2]
    || (a.kind === 'counterexample' ? b.students - a.students : 0) || compareText(a.lines.join('\n'), b.lines.join('\n')));
  const numbers = new Map(sorted.map(([k], i) => [k, i + 1]));
  return {
    explanations: sorted.map(([, e], i) => ({ number: i + 1, kind: e.kind, exercise: e.exercise, lines: e.lines, students: e.students })),
    numberOf: (p) => numbers.get(keyOf.get(p) ?? ''),
    counterexampleNumber: (r) => numbers.get(keyOf.get(r) ?? ''),
  };
}

/** A code answer's counterexample (a prediction's, in a record older than its explanations, stays with the record). */
function isCodeCounterexample(r: GradeRecord): boolean {
  return r.counterexample !== undefined && r.predictions === undefined;
}

/** A counterexample as the report prints it. */
export function counterexampleLines(r: GradeRecord): string[] {
  return [`Counterexample under ${r.counterexample!.model}:`, ...r.counterexample!.text.split('\n').map((l) => `  ${l}`)];
}

function key(exercise: string, lines: readonly string[]): string {
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
      const number = shared.numberOf(p);
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

/** For a code exercise: the counterexamples several students share, `25 students [4], 3 students [5]`; undefined when none is shared. */
export function sharedCounterexamples(exercise: string, shared: SharedExplanations): string | undefined {
  const mine = shared.explanations.filter((e) => e.exercise === exercise && e.kind === 'counterexample');
  return mine.length === 0 ? undefined : mine.map((e) => `${e.students} students [${e.number}]`).join(', ');
}
