// canvas.csv and moodle.csv: a gradebook sheet each LMS imports, one row
// per student and one column per exercise.
//
// Canvas (Grades > Import) reads the columns its own export writes: Student,
// ID, SIS User ID, SIS Login ID, Section, then one column per assignment,
// and a "Points Possible" row under the header; it finds each student by ID,
// SIS User ID or SIS Login ID, and an assignment by its column's name (a new
// name creates the assignment). A blank cell leaves the grade as it is.
//
// Moodle (Grades > Import > CSV file) maps columns by hand on its preview
// page: identify users by "ID number" or "Email address", map each
// "<exercise> (Real)" column to its grade item and "<exercise> (Feedback)" to
// its feedback. The headers are those of Moodle's own plain-text export.
import { scoreMaximum } from '@barrier-lab/exercises';
import type { GradeBook } from '../grade-book.ts';
import { formatCsv } from '../csv.ts';
import { formatNumber, studentsOf, type StudentView } from './book-view.ts';
import { summaryWhere } from './prediction-text.ts';
import type { GradeRecord } from '../grade-record.ts';

/** The headers Canvas's gradebook export starts with (and its import looks for). */
export const canvasIdentityColumns = ['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section'] as const;

/** The headers Moodle's plain-text grade export starts with. */
export const moodleIdentityColumns = ['First name', 'Last name', 'ID number', 'Email address'] as const;

/** canvas.csv for `book`. */
export function formatCanvasCsv(book: GradeBook): string {
  const header = [...canvasIdentityColumns, ...book.exercises];
  const points = ['Points Possible', '', '', '', '', ...book.exercises.map(() => formatNumber(scoreMaximum))];
  const rows = studentsOf(book).map((s) => [
    s.roster?.name ?? s.id,
    s.roster?.canvasId ?? '',
    s.id,
    s.roster?.login ?? s.roster?.email ?? '',
    s.roster?.section ?? '',
    ...book.exercises.map((e) => cell(recordFor(s, e))),
  ]);
  return formatCsv([header, points, ...rows]);
}

/** moodle.csv for `book`. */
export function formatMoodleCsv(book: GradeBook): string {
  const header = [...moodleIdentityColumns, ...book.exercises.flatMap((e) => [`${e} (Real)`, `${e} (Feedback)`])];
  const rows = studentsOf(book).map((s) => {
    const [first, last] = splitName(s.roster?.name ?? '');
    return [
      first, last, s.id, s.roster?.email ?? '',
      ...book.exercises.flatMap((e) => {
        const r = recordFor(s, e);
        return [cell(r), r && r.scoreGiven !== undefined ? summaryWhere(r, 'elsewhere') : ''];
      }),
    ];
  });
  return formatCsv([header, ...rows]);
}

function recordFor(s: StudentView, exercise: string): GradeRecord | undefined {
  return s.records.find((r) => r.exercise === exercise);
}

/** A score, or blank where there is none to import (nothing submitted, not graded, a grader fault). */
function cell(r: GradeRecord | undefined): string {
  return r?.scoreGiven === undefined ? '' : formatNumber(r.scoreGiven);
}

/** "Ada Lovelace" → ["Ada", "Lovelace"]; Moodle only shows these, it matches users by id or email. */
function splitName(name: string): [string, string] {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return [words[0] ?? '', ''];
  return [words.slice(0, -1).join(' '), words[words.length - 1]!];
}
