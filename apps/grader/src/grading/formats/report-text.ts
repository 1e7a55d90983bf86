// report.txt: the human report, and what `barrier-lab grade` prints when
// there is no --out. A table of every student and exercise, a summary,
// then the details of everything that is not full marks: the diagnostic
// with its line and caret, the counterexample step by step, the hint.
import type { GradeBook } from '../grade-book.ts';
import type { GradeRecord, RecordDiagnostic } from '../grade-record.ts';
import { countStatuses, formatNumber, incompleteNote, runTitle, scoreText, studentsOf } from './book-view.ts';

/** The text report of `book`. */
export function formatTextReport(book: GradeBook): string {
  const out: string[] = [runTitle(book)];
  const incomplete = incompleteNote(book);
  if (incomplete) out.push('', incomplete);
  const students = studentsOf(book);
  const rows = students.flatMap((s) => s.records.map((r) => [s.id, r.exercise, r.status, scoreText(r)]));
  out.push('');
  if (rows.length === 0) out.push('No submissions found.');
  else out.push(...table([['student', 'exercise', 'status', 'score'], ...rows]));

  const counts = countStatuses(book.records);
  const graded = book.records.filter((r) => r.status !== 'missing' && r.status !== 'pending');
  const scored = graded.filter((r) => r.scoreGiven !== undefined);
  const mean = scored.length > 0 ? scored.reduce((sum, r) => sum + r.scoreGiven!, 0) / scored.length : 0;
  out.push('', `Summary: ${graded.length} graded: ${counts.correct} correct, ${counts['over-fenced']} over-fenced, ${counts.incorrect} incorrect, `
    + `${counts.invalid} invalid, ${counts.inconclusive} inconclusive, ${counts.error} not graded (grader error)`
    + `${counts.pending ? `; ${counts.pending} pending` : ''}${counts.missing ? `; ${counts.missing} missing` : ''}.`);
  if (scored.length > 0) out.push(`Mean score of the graded: ${formatNumber(mean)}/${formatNumber(scored[0]!.scoreMaximum)}.`);

  const details = students.flatMap((s) => s.records.filter((r) => r.status !== 'correct' && r.status !== 'missing').map((r) => detail(s.name === s.id ? s.id : `${s.id} (${s.name})`, r)));
  if (details.length > 0) out.push('', 'Details', '-------', ...details.flatMap((d) => ['', ...d]));

  const submittedNothing = students.filter((s) => s.records.every((r) => r.status === 'missing'));
  if (submittedNothing.length > 0) {
    out.push('', `On the roster, submitted nothing (${submittedNothing.length}):`);
    out.push(...submittedNothing.map((s) => `  ${s.id}${s.roster?.name ? `  ${s.roster.name}` : ''}${s.roster?.email ? `  <${s.roster.email}>` : ''}`));
  }
  if (book.notOnRoster.length > 0) out.push('', `Not on the roster (graded under the name from their path): ${book.notOnRoster.join(', ')}`);
  if (book.notes.length > 0) {
    out.push('', `Not graded from the inputs (${book.notes.length}):`);
    out.push(...book.notes.map((n) => `  ${n.path}: ${n.message} [${n.code}]`));
  }
  return `${out.join('\n')}\n`;
}

function detail(student: string, r: GradeRecord): string[] {
  const lines = [`${student}, ${r.exercise}: ${r.status} ${scoreText(r)}${r.path ? `  (${r.path})` : ''}`, `  ${r.summary}`];
  if (r.ignored?.length) lines.push(`  Also found, not graded: ${r.ignored.join(', ')}`);
  for (const d of r.diagnostics) lines.push(...diagnosticLines(r.path, d).map((l) => `  ${l}`));
  if (r.predictions) {
    for (const p of r.predictions) lines.push(`  ${p.model.padEnd(5)} ${p.right ? 'right' : 'wrong'}: it is ${p.actual}, predicted ${p.predicted ?? 'nothing'}`);
  }
  if (r.counterexample) {
    lines.push(`  Counterexample under ${r.counterexample.model}:`, ...r.counterexample.text.split('\n').map((l) => `    ${l}`));
  }
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
