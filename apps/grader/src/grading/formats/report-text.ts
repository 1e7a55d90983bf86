// report.txt: the human report, and what `barrier-lab grade` prints when
// there is no --out. The summary, each exercise's counts (and which models
// were predicted wrong), a table of every student and exercise, each
// explanation many students share once (every wrong prediction's, and code
// counterexamples several students have), then the details of everything
// that is not full marks: the diagnostic with its line and caret, the
// counterexample step by step or the number of the one above, the hint;
// last, who on the roster submitted nothing, who handed in only files that
// could not be graded, and those inputs.
import type { GradeBook } from '../grade-book.ts';
import type { GradeRecord, RecordDiagnostic } from '../grade-record.ts';
import { countStatuses, formatNumber, incompleteNote, runTitle, scoreText, studentsOf, ungradedInputsOf } from './book-view.ts';
import { predictionsExplained, summaryWhere } from './prediction-text.ts';
import { counterexampleLines, explanationLines, mispredictionRows, sharedCounterexamples, sharedExplanations, type SharedExplanations } from './report-explanations.ts';

/** The text report of `book`. */
export function formatTextReport(book: GradeBook): string {
  const out: string[] = [runTitle(book)];
  const incomplete = incompleteNote(book);
  if (incomplete) out.push('', incomplete);
  const students = studentsOf(book);
  const shared = sharedExplanations(book);

  // What an instructor looks at first: the class as a whole, then each exercise.
  const counts = countStatuses(book.records);
  const graded = gradedOf(book.records);
  const mean = meanScore(graded);
  out.push('', `Summary: ${graded.length} graded: ${counts.correct} correct, ${counts['over-fenced']} over-fenced, ${counts.incorrect} incorrect, `
    + `${counts.invalid} invalid, ${counts.inconclusive} inconclusive, ${counts.error} not graded (grader error)`
    + `${counts.pending ? `; ${counts.pending} pending` : ''}${counts.missing ? `; ${counts.missing} ${counts.missing === 1 ? 'answer' : 'answers'} not handed in (a student and an exercise with no file)` : ''}.`);
  if (mean) out.push(`Mean score of the graded: ${mean}.`);
  out.push(...byExercise(book, shared));

  const rows = students.flatMap((s) => s.records.map((r) => [s.id, r.exercise, r.status, scoreText(r)]));
  out.push('');
  if (rows.length === 0) out.push('No submissions found.');
  else out.push(...table([['student', 'exercise', 'status', 'score'], ...rows]));

  if (shared.explanations.length > 0) {
    out.push('', 'Explanations', '------------', '',
      'Every wrong prediction\'s, and every counterexample several students share, once; the details below refer to each by its number.',
      ...explanationLines(shared));
  }

  const details = students.flatMap((s) => s.records.filter((r) => r.status !== 'correct' && r.status !== 'missing').map((r) => detail(s.name === s.id ? s.id : `${s.id} (${s.name})`, r, shared)));
  if (details.length > 0) out.push('', 'Details', '-------', ...details.flatMap((d) => ['', ...d]));

  // Nothing graded is not always nothing handed in: a file under the wrong name is listed under Not graded.
  const nothingGraded = students.filter((s) => s.records.every((r) => r.status === 'missing'));
  const ungraded = ungradedInputsOf(book, nothingGraded.map((s) => s.id));
  const who = (s: (typeof students)[number]) => `  ${s.id}${s.roster?.name ? `  ${s.roster.name}` : ''}${s.roster?.email ? `  <${s.roster.email}>` : ''}`;
  const submittedNothing = nothingGraded.filter((s) => !ungraded.has(s.id));
  if (submittedNothing.length > 0) {
    out.push('', `On the roster, submitted nothing (${submittedNothing.length}):`, ...submittedNothing.map(who));
  }
  const handedInUngraded = nothingGraded.filter((s) => ungraded.has(s.id));
  if (handedInUngraded.length > 0) {
    out.push('', `On the roster, nothing graded: every file they handed in is under Not graded, below (${handedInUngraded.length}):`);
    out.push(...handedInUngraded.map((s) => `${who(s)}: ${ungraded.get(s.id)!.map((n) => n.path).join(', ')}`));
  }
  if (book.notOnRoster.length > 0) out.push('', `Not on the roster (graded under the name from their path): ${book.notOnRoster.join(', ')}`);
  if (book.notes.length > 0) {
    // Other exercises' files in the students' folders are expected when one exercise is graded: counted, not listed.
    const others = book.notes.filter((n) => n.code === 'input/other-exercise').length;
    out.push('', `Not graded from the inputs (${book.notes.length}):`);
    out.push(...book.notes.filter((n) => n.code !== 'input/other-exercise').map((n) => `  ${n.path}: ${n.message} [${n.code}]`));
    if (others > 0) out.push(`  ${others} file${others === 1 ? '' : 's'} named after another exercise, not ${book.exercises.join(', ')} [input/other-exercise]`);
  }
  return `${out.join('\n')}\n`;
}

function gradedOf(records: readonly GradeRecord[]): GradeRecord[] {
  return records.filter((r) => r.status !== 'missing' && r.status !== 'pending');
}

/** `3.75/10`, the mean of the scores given; undefined when none was. */
function meanScore(graded: readonly GradeRecord[]): string | undefined {
  const scored = graded.filter((r) => r.scoreGiven !== undefined);
  if (scored.length === 0) return undefined;
  return `${formatNumber(scored.reduce((sum, r) => sum + r.scoreGiven!, 0) / scored.length)}/${formatNumber(scored[0]!.scoreMaximum)}`;
}

/**
 * Each exercise's counts (when there are several), and for a prediction
 * exercise which models were predicted wrong, by what was said, with the
 * number of the explanation. Nothing for one exercise without predictions:
 * the summary says it all.
 */
function byExercise(book: GradeBook, shared: SharedExplanations): string[] {
  const sections = book.exercises.map((exercise) => {
    const records = book.records.filter((r) => r.exercise === exercise);
    const graded = gradedOf(records);
    const counts = countStatuses(records);
    const said = [...statusOrder.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${statusWords[s]}`)];
    const rest = (['pending', 'missing'] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
    const mean = meanScore(graded);
    const head = `${exercise}: ${graded.length} graded${said.length ? `: ${said.join(', ')}` : ''}${rest.length ? `; ${rest.join(', ')}` : ''}.${mean ? ` Mean ${mean}.` : ''}`;
    const rows = mispredictionRows(records, shared);
    const same = sharedCounterexamples(exercise, shared);
    return { head, rows, same: same ? `incorrect with the same counterexample: ${same}` : undefined };
  });
  if (sections.length === 1) {
    // One exercise: the summary has its counts; only the models, or the common counterexamples, are left to say.
    const [s] = sections;
    return [
      ...(s!.rows.length > 0 ? ['', 'Predictions by model (what it is, who predicted it wrong):', ...table(s!.rows).map((l) => `  ${l}`)] : []),
      ...(s!.same ? ['', `${s!.same[0]!.toUpperCase()}${s!.same.slice(1)}.`] : []),
    ];
  }
  const out = ['', sections.some((s) => s.rows.length > 0) ? 'By exercise (and for a prediction, each model: what it is, who predicted it wrong):' : 'By exercise:'];
  for (const s of sections) {
    out.push(`  ${s.head}`);
    if (s.rows.length > 0) out.push(...table(s.rows).map((l) => `    ${l}`));
    if (s.same) out.push(`    ${s.same}`);
  }
  return out;
}

const statusOrder = ['correct', 'over-fenced', 'incorrect', 'invalid', 'inconclusive', 'error'] as const;
const statusWords: Record<(typeof statusOrder)[number], string> = {
  correct: 'correct', 'over-fenced': 'over-fenced', incorrect: 'incorrect', invalid: 'invalid', inconclusive: 'inconclusive', error: 'not graded (grader error)',
};

function detail(student: string, r: GradeRecord, shared: SharedExplanations): string[] {
  // Explained predictions are numbered above the details; older records' are not explained at all.
  const summary = summaryWhere(r, predictionsExplained(r) ? 'above' : 'elsewhere');
  const lines = [`${student}, ${r.exercise}: ${r.status} ${scoreText(r)}${r.path ? `  (${r.path})` : ''}`, `  ${summary}`];
  if (r.ignored?.length) lines.push(`  Also found, not graded: ${r.ignored.join(', ')}`);
  for (const d of r.diagnostics) lines.push(...diagnosticLines(r.path, d).map((l) => `  ${l}`));
  if (r.predictions) {
    const models = table(r.predictions.map((p) => {
      const number = shared.numberOf(p);
      return [p.model, `${p.right ? 'right' : 'wrong'}: it is ${p.actual}, predicted ${p.predicted ?? 'nothing'}${number === undefined ? '' : `; see [${number}] above`}`];
    }));
    lines.push(...models.map((l) => `  ${l}`));
  }
  // Explained predictions carry their own counterexamples; older records have the first wrong model's alone.
  // A counterexample other students share is printed once, above.
  const same = shared.counterexampleNumber(r);
  if (same !== undefined) lines.push(`  Counterexample under ${r.counterexample!.model}: see [${same}] above`);
  else if (r.counterexample && !predictionsExplained(r)) lines.push(...counterexampleLines(r).map((l) => `  ${l}`));
  if (r.barriers.length > 0 && r.status !== 'invalid') {
    lines.push(`  Cost ${r.cost} (full marks at ≤ ${r.referenceCost}): ${r.barriers.map((b) => `${b.name} line ${b.line} (${b.cost})`).join(', ')}`);
  }
  return lines;
}

/** A diagnostic as compilers print it: `file:line:col: error: message [code]`, the line, a caret, the hint. */
export function diagnosticLines(file: string, d: RecordDiagnostic): string[] {
  const lines = [`${file || 'input'}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]`];
  if (d.source !== undefined) {
    const text = d.source.replace(/\t/g, ' ');
    const width = d.endLine === d.line ? Math.max(1, d.endColumn - d.column) : Math.max(1, text.length - d.column + 1);
    const gutter = ' '.repeat(String(d.line).length);
    lines.push(`${gutter} |`, `${d.line} | ${text}`, `${gutter} | ${' '.repeat(Math.max(0, d.column - 1))}${'^'.repeat(width)}`);
  }
  if (d.hint) lines.push(`  = hint: ${d.hint}`);
  return lines;
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => [...r[c]!].length)));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd());
}
