// What every report format reads from a GradeBook: the students in order
// with their roster details, each one's records, exercise titles, safe file
// names, the counts for a summary line, and which inputs not graded are
// whose.
import { exercise as findExercise, scoreMaximum } from '@barrier-lab/exercises';
import type { GradeBook, InputNote } from '../grade-book.ts';
import { compareText, type GradeRecord, type RecordStatus } from '../grade-record.ts';
import { rosterIndex, type RosterEntry } from '../roster.ts';

/** One student and everything graded for them, in exercise order. */
export interface StudentView {
  readonly id: string;
  /** The roster's entry, when there is a roster and the student is on it. */
  readonly roster?: RosterEntry;
  /** The name to show: the roster's, else the id. */
  readonly name: string;
  readonly records: readonly GradeRecord[];
  /** A file name for the student's own files (`feedback/<file>.md`), unique in the book. */
  readonly file: string;
}

/** The students of `book`, sorted by id, each with their records in the book's exercise order. */
export function studentsOf(book: GradeBook): StudentView[] {
  const roster = new Map((book.roster ?? []).map((e) => [e.id, e]));
  const byStudent = new Map<string, GradeRecord[]>();
  for (const r of book.records) byStudent.set(r.student, [...(byStudent.get(r.student) ?? []), r]);
  const order = new Map(book.exercises.map((id, i) => [id, i]));
  const files = new Set<string>();
  return [...byStudent.keys()].sort(compareText).map((id) => {
    const entry = roster.get(id);
    const base = safeFileName(id);
    let file = base;
    for (let n = 2; files.has(file.toLowerCase()); n++) file = `${base}-${n}`;
    files.add(file.toLowerCase());
    return {
      id, ...(entry ? { roster: entry } : {}), name: entry?.name || id, file,
      records: byStudent.get(id)!.sort((a, b) => (order.get(a.exercise) ?? 0) - (order.get(b.exercise) ?? 0)),
    };
  });
}

/** A student id as a file name: letters, digits, `.`, `_`, `@`, `-` kept, the rest `_`. */
export function safeFileName(id: string): string {
  const name = id.normalize('NFC').replace(/[^\p{L}\p{N}._@-]/gu, '_').replace(/^\.+/, '_').slice(0, 120);
  return name === '' ? '_' : name;
}

/** `capstone-patch: Capstone: every barrier of the patch`. */
export function exerciseTitle(id: string): string {
  return findExercise(id)?.title ?? id;
}

/** The score as people read it: `7.8/10`, or `–/10` when there is none. */
export function scoreText(r: Pick<GradeRecord, 'scoreGiven' | 'scoreMaximum'>): string {
  return `${r.scoreGiven === undefined ? '–' : formatNumber(r.scoreGiven)}/${formatNumber(r.scoreMaximum)}`;
}

/** A number without trailing zeros (7.8, 10), the same on every machine. */
export function formatNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** How many records have each status. */
export function countStatuses(records: readonly GradeRecord[]): Record<RecordStatus, number> {
  const counts: Record<RecordStatus, number> = {
    correct: 0, 'over-fenced': 0, incorrect: 0, invalid: 0, inconclusive: 0, error: 0, missing: 0, pending: 0,
  };
  for (const r of records) counts[r.status]++;
  return counts;
}

/** The most a student can score across the book's exercises. */
export function courseMaximum(book: GradeBook): number {
  return book.exercises.length * scoreMaximum;
}

/** One line saying what the run graded, for titles. */
export function runTitle(book: GradeBook): string {
  const what = book.settings.mode.kind === 'exercise'
    ? `${book.settings.mode.exercise} (${exerciseTitle(book.settings.mode.exercise)})`
    : `the course (${book.exercises.length} exercise${book.exercises.length === 1 ? '' : 's'})`;
  return `barrier-lab grade: ${what}${book.shard ? `, shard ${book.shard.index + 1}/${book.shard.count}` : ''}`;
}

/** The sentence for an interrupted run, or undefined for a complete one. */
export function incompleteNote(book: GradeBook): string | undefined {
  if (book.complete) return undefined;
  const pending = book.records.filter((r) => r.status === 'pending').length;
  const submitted = book.records.filter((r) => r.status !== 'missing').length;
  return `INCOMPLETE: the run was interrupted; ${submitted - pending} of ${submitted} submissions are graded. Run the same command with --resume to finish.`;
}

/**
 * The inputs not graded that belong to one of `ids`, by student: those
 * whose path has a folder or a file name that names exactly one student
 * (by the roster's matching, as the grader ties files to students). Other
 * exercises' files (`input/other-exercise`) are no one's answer here.
 */
export function ungradedInputsOf(book: GradeBook, ids: Iterable<string>): Map<string, InputNote[]> {
  const wanted = new Set(ids);
  const index = book.roster ? rosterIndex(book.roster) : undefined;
  const files = new Map<string, InputNote[]>();
  if (wanted.size === 0) return files;
  for (const note of book.notes) {
    if (note.code === 'input/other-exercise') continue; // handed in, but for another exercise
    const parts = note.path.split(/[/\\:]/).filter(Boolean);
    const names = [...parts.slice(0, -1), (parts[parts.length - 1] ?? '').replace(/\.[^.]*$/, '')];
    const students = new Set(names.map((n) => index?.match(n)?.id ?? n).filter((id) => wanted.has(id)));
    if (students.size !== 1) continue;
    const [id] = students;
    files.set(id!, [...(files.get(id!) ?? []), note]);
  }
  return files;
}
