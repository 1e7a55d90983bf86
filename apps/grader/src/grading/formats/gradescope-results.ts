// results.json in Gradescope's autograder format (its "Autograder
// Specifications"): a top-level score, and one test per exercise with its
// score, max_score, status (passed only at full marks), name, number, output
// (the feedback, as Markdown), visibility and tags. Gradescope grades one
// student per run, so a batch writes one file per student
// (results/<student>.json) and results.json itself when there is one student.
import { exercise as findExercise } from '@barrier-lab/exercises';
import type { GradeBook, InputNote } from '../grade-book.ts';
import { canonicalJson } from './canonical-json.ts';
import { exerciseTitle, formatNumber, scoreText, studentsOf, ungradedInputsOf, type StudentView } from './book-view.ts';
import { studentFeedback } from './feedback-markdown.ts';
import { whatWentWrong, withMistake } from './prediction-text.ts';

/** One results file: its path in --out and its text. */
export function formatGradescopeResults(book: GradeBook): { path: string; text: string }[] {
  const students = studentsOf(book);
  const ungraded = ungradedInputsOf(book, students.map((s) => s.id));
  if (students.length === 1) return [{ path: 'results.json', text: canonicalJson(studentResults(students[0]!, book, ungraded.get(students[0]!.id))) }];
  return students.map((s) => ({ path: `results/${s.file}.json`, text: canonicalJson(studentResults(s, book, ungraded.get(s.id))) }));
}

function studentResults(s: StudentView, book: GradeBook, ungraded: readonly InputNote[] = []) {
  const score = s.records.reduce((sum, r) => sum + (r.scoreGiven ?? 0), 0);
  const incomplete = !book.complete || s.records.some((r) => r.status === 'pending' || r.status === 'error');
  return {
    score: Math.round(score * 100) / 100,
    output: `${incomplete ? '**Some answers could not be graded automatically; your instructor will look at them.**\n\n' : ''}${studentFeedback(s, ungraded)}`,
    output_format: 'md',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    tests: s.records.map((r) => ({
      name: `${exerciseTitle(r.exercise)} (${r.exercise})`,
      number: String(findExercise(r.exercise)?.chapter ?? ''),
      score: r.scoreGiven ?? 0,
      max_score: r.scoreMaximum,
      status: r.status === 'correct' ? 'passed' : 'failed',
      output: `${scoreText(r)}: ${withMistake(r, r.summary)}${whatWentWrong(r).map((b) => `\n\n${b.join('\n\n')}`).join('')}${r.cheaper && !r.summary.includes(r.cheaper.message) ? `\n\nHint: ${r.cheaper.message}` : ''}`,
      output_format: 'text',
      tags: [r.status],
      visibility: 'visible',
    })),
    extra_data: {
      barrierLab: { student: s.id, complete: book.complete, statuses: Object.fromEntries(s.records.map((r) => [r.exercise, r.status])), total: formatNumber(score) },
    },
  };
}
