// feedback/<student>.md: what a student reads. Per exercise: the score and
// the one-line verdict, what was right, what went wrong (the diagnostic on
// its line, or the counterexample as a timeline), and the hint (the cheaper
// barrier for an over-fenced answer). Never the reference solution.
import type { GradeBook, InputNote } from '../grade-book.ts';
import { predictionHeading, whyForbiddenLine } from '@barrier-lab/exercises';
import type { GradeRecord, RecordPrediction } from '../grade-record.ts';
import { exerciseTitle, formatNumber, scoreText, studentsOf, ungradedInputsOf, type StudentView } from './book-view.ts';
import { predictionsExplained, withMistake } from './prediction-text.ts';
import { diagnosticLines } from './report-text.ts';

/** One Markdown file per student: `file` (without `.md`) and its text. */
export function formatFeedback(book: GradeBook): { file: string; text: string }[] {
  const students = studentsOf(book);
  const ungraded = ungradedInputsOf(book, students.map((s) => s.id));
  return students.map((s) => ({ file: s.file, text: studentFeedback(s, ungraded.get(s.id)) }));
}

/** The feedback of one student; `ungraded`: the files of theirs the grader found but could not grade, and why. */
export function studentFeedback(s: StudentView, ungraded: readonly InputNote[] = []): string {
  const total = s.records.reduce((sum, r) => sum + (r.scoreGiven ?? 0), 0);
  const maximum = s.records.reduce((sum, r) => sum + r.scoreMaximum, 0);
  const out = [`# Barrier Lab feedback for ${s.name}`, ''];
  if (s.records.length > 1) out.push(`Total: ${formatNumber(total)}/${formatNumber(maximum)} over ${s.records.length} exercises.`, '');
  // Said first: it may be why an exercise below reads "Nothing submitted".
  if (ungraded.length > 0) out.push('## Files not graded', '', ...ungraded.map((n) => `- \`${n.path}\`: ${n.message}.`), '');
  for (const r of s.records) out.push(...section(r), '');
  return `${out.join('\n').trimEnd()}\n`;
}

function section(r: GradeRecord): string[] {
  // A summary that only repeats the label (a missing answer's "Nothing submitted.") gives way to the record's feedback.
  const said = r.summary === `${label[r.status]}.` ? r.feedback : r.summary;
  const out = [`## ${exerciseTitle(r.exercise)} (\`${r.exercise}\`): ${scoreText(r)}`, '', `**${label[r.status]}.** ${withMistake(r, said)}`];
  if (r.path) out.push('', `Graded file: \`${r.path}\`${r.ignored?.length ? ` (also found, not graded: ${r.ignored.map((p) => `\`${p}\``).join(', ')})` : ''}`);
  const right = whatWasRight(r);
  if (right.length > 0) out.push('', '### What was right', '', ...right.map((l) => `- ${l}`));
  if (r.diagnostics.some((d) => d.severity === 'error')) {
    out.push('', '### What to fix', '', '```text', ...r.diagnostics.flatMap((d) => diagnosticLines(r.path, d)), '```');
  }
  const wrong = r.predictions?.filter((p) => !p.right) ?? [];
  const explained = predictionsExplained(r);
  if (explained) {
    // Every wrong model in its own subsection, with its own counterexample or reason.
    out.push('', '### Predictions to revisit');
    for (const p of wrong) out.push('', ...predictionSection(p));
  } else if (wrong.length > 0) {
    out.push('', '### Predictions to revisit', '', ...wrong.map((p) => `- ${predictionHeading(p)}.`));
  }
  if (r.counterexample && !explained) {
    out.push(
      '', `### How it goes wrong under ${r.counterexample.model}`, '',
      `The final state ${r.counterexample.state.map((e) => `\`${e.target}=${e.named ?? e.value}\``).join(', ')} breaks the property. One way to get there, step by step:`,
      '', '```text', r.counterexample.text, '```',
    );
  }
  if (r.cheaper && !r.summary.includes(r.cheaper.message)) out.push('', '### Hint', '', r.cheaper.message);
  if (r.barriers.length > 0 && r.status !== 'invalid') {
    out.push('', `Cost: ${r.cost} (full marks at ${r.referenceCost} or less): ${r.barriers.map((b) => `\`${b.name}()\` on line ${b.line} (${b.cost})`).join(', ')}.`);
  }
  return out;
}

/** One wrong prediction: what was said and what it is, why, and the model's counterexample or why it forbids the outcome. */
function predictionSection(p: RecordPrediction): string[] {
  const out = [`#### ${predictionHeading(p)}`];
  if (p.message) out.push('', p.message);
  if (p.timeline) out.push('', '```text', p.timeline, '```'); // the message has introduced it
  else if (p.whyForbidden) out.push('', whyForbiddenLine(p.model, p.whyForbidden));
  return out;
}

const label: Record<GradeRecord['status'], string> = {
  correct: 'Correct', 'over-fenced': 'Correct, but over-fenced', incorrect: 'Not yet correct', invalid: 'Not accepted',
  inconclusive: 'Not decided', error: 'Not graded', missing: 'Nothing submitted', pending: 'Not graded yet',
};

/** What the answer got right, in the learner's terms. */
function whatWasRight(r: GradeRecord): string[] {
  const out: string[] = [];
  if (r.status === 'correct' || r.status === 'over-fenced') out.push(`The property holds under ${r.verdicts.map((v) => v.model).join(', ')}: no execution breaks it.`);
  if (r.status === 'incorrect' && !r.predictions) {
    const holding = r.verdicts.filter((v) => v.holds).map((v) => v.model);
    if (holding.length > 0) out.push(`It already holds under ${holding.join(', ')}.`);
    if (r.diagnostics.length === 0) out.push('The edit is one the exercise allows, and the program runs.');
  }
  if (r.predictions) out.push(...r.predictions.filter((p) => p.right).map((p) => `${p.model}: ${p.actual}, as you predicted.`));
  return out;
}
