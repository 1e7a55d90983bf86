// A grading run's result as data: what was asked, who is on the roster,
// every record in canonical order, and what in the inputs was not an
// answer. Every report format is written from a GradeBook alone; so is the
// records file (`grade-records.jsonl`) that `--resume` reads back and
// `grade merge` joins, which is why merging shards gives exactly what one
// run writes.
import { canonicalJsonLine } from './formats/canonical-json.ts';
import { compareRecords, compareText, type GradeRecord } from './grade-record.ts';
import type { RosterEntry } from './roster.ts';
import type { Shard } from './shard.ts';

/** What the run grades: one exercise for everyone, or the course (the exercise read from each file's name). */
export type GradeMode = { readonly kind: 'exercise'; readonly exercise: string } | { readonly kind: 'course' };

/** Settings that change results: a resumed or merged run must have the same. */
export interface GradeSettings {
  readonly mode: GradeMode;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
}

/** Something in the inputs that is not graded: an unreadable path, a file that names no exercise, a file of another kind. */
export interface InputNote {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/**
 * Whether an input not graded makes the run's exit status 1: every one but
 * a file of another kind (`input/not-an-answer`) or another exercise's
 * file when one exercise is graded (`input/other-exercise`), which a class's
 * folders hold as a matter of course.
 */
export function noteFailsRun(note: Pick<InputNote, 'code'>): boolean {
  return note.code !== 'input/not-an-answer' && note.code !== 'input/other-exercise';
}

export interface GradeBook {
  readonly settings: GradeSettings;
  /** Set for one shard's output; absent for a whole run (or shards merged). */
  readonly shard?: Shard;
  /** False when the run was interrupted: some records are `pending`. */
  readonly complete: boolean;
  /** The exercises graded, in course order. */
  readonly exercises: readonly string[];
  /** The roster's students (of this shard), when a roster was given. */
  readonly roster?: readonly RosterEntry[];
  /** One per student and exercise, sorted (compareRecords). */
  readonly records: readonly GradeRecord[];
  /** Sorted by path, then code. */
  readonly notes: readonly InputNote[];
  /** Students named by the files but not on the roster, sorted. */
  readonly notOnRoster: readonly string[];
}

/** The records file's name in `--out`: written by every run, read by `--resume` and `grade merge`. */
export const recordsFileName = 'grade-records.jsonl';

const marker = 'barrier-lab grade records';
const version = 1;

/** The first line of the records file: the book without its records. */
type Header = Omit<GradeBook, 'records'> & { readonly format: typeof marker; readonly version: number; readonly count: number };

/** The records file's text: a header line, then one record a line, in canonical order. */
export function formatRecordsFile(book: GradeBook): string {
  return `${[formatRecordsHeader(book, book.records.length).trimEnd(), ...book.records.map((r) => canonicalJsonLine(r))].join('\n')}\n`;
}

/** The header line alone, to start a journal that records are appended to as they finish. */
export function formatRecordsHeader(book: Omit<GradeBook, 'records'>, count: number): string {
  const header: Header = {
    format: marker, version,
    settings: { mode: book.settings.mode, timeoutSeconds: book.settings.timeoutSeconds, memoryMb: book.settings.memoryMb },
    ...(book.shard ? { shard: { index: book.shard.index, count: book.shard.count } } : {}),
    complete: book.complete,
    exercises: book.exercises,
    ...(book.roster ? { roster: book.roster } : {}),
    notes: book.notes,
    notOnRoster: book.notOnRoster,
    count,
  };
  return `${canonicalJsonLine(header)}\n`;
}

/**
 * Reads a records file (a finished one, or the journal of a run that was
 * stopped: then the last line may be cut short, and is dropped). Records
 * appear once: a later line for the same student and exercise wins.
 */
export function parseRecordsFile(text: string): { book: GradeBook } | { problem: string } {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  let header: Header;
  try {
    header = JSON.parse(lines[0] ?? '') as Header;
  } catch {
    return { problem: 'it is not a records file of barrier-lab grade (no header line)' };
  }
  if (header?.format !== marker) return { problem: 'it is not a records file of barrier-lab grade' };
  if (header.version !== version) return { problem: `it is version ${header.version} of the records file; this grader reads version ${version}` };
  const byKey = new Map<string, GradeRecord>();
  lines.slice(1).forEach((line, i) => {
    try {
      const record = JSON.parse(line) as GradeRecord;
      byKey.set(`${record.student}\u0000${record.exercise}`, record);
    } catch {
      // A line cut short by an interrupted write: only the last one can be.
      if (i !== lines.length - 2) byKey.set(`\u0000corrupt${i}`, undefined as never);
    }
  });
  if ([...byKey.values()].some((r) => r === undefined)) return { problem: 'a record in the middle of the file is not valid JSON' };
  const { format: _format, version: _version, count: _count, ...book } = header;
  return { book: { ...book, records: [...byKey.values()].sort(compareRecords) } };
}

/** The settings as words, to say why two runs cannot be resumed or merged together. */
export function describeSettings(settings: GradeSettings): string {
  const mode = settings.mode.kind === 'exercise' ? `--exercise ${settings.mode.exercise}` : '--course';
  return `${mode} --timeout ${settings.timeoutSeconds} --memory ${settings.memoryMb}`;
}

/** Whether two runs graded the same way. */
export function sameSettings(a: GradeSettings, b: GradeSettings): boolean {
  return describeSettings(a) === describeSettings(b);
}

/**
 * Joins the books of shards 1..n of one run into the book one unsharded run
 * would have made, or says why they do not fit together.
 */
export function mergeBooks(books: readonly GradeBook[]): { book: GradeBook } | { problem: string } {
  if (books.length === 0) return { problem: 'no shard to merge' };
  const first = books[0]!;
  const count = first.shard?.count;
  if (count === undefined) return { problem: 'the first output is not a shard (it was graded without --shard)' };
  const seen = new Set<number>();
  for (const book of books) {
    if (!book.shard || book.shard.count !== count) return { problem: `the outputs come from different splits (${count} shards and ${book.shard?.count ?? 'none'})` };
    if (!sameSettings(book.settings, first.settings)) {
      return { problem: `the shards were graded with different settings (${describeSettings(first.settings)} and ${describeSettings(book.settings)})` };
    }
    if (seen.has(book.shard.index)) return { problem: `shard ${book.shard.index + 1}/${count} is given twice` };
    seen.add(book.shard.index);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) return { problem: `shard ${missing.map((i) => `${i + 1}/${count}`).join(', ')} is missing: merge needs every shard's output` };
  const roster = first.roster ? books.flatMap((b) => b.roster ?? []).sort((a, b) => compareText(a.id, b.id)) : undefined;
  return {
    book: {
      settings: first.settings,
      complete: books.every((b) => b.complete),
      exercises: first.exercises,
      ...(roster ? { roster } : {}),
      records: books.flatMap((b) => b.records).sort(compareRecords),
      notes: sortNotes(books.flatMap((b) => b.notes)),
      notOnRoster: [...new Set(books.flatMap((b) => b.notOnRoster))].sort(compareText),
    },
  };
}

/** Notes in canonical order, each once. */
export function sortNotes(notes: readonly InputNote[]): InputNote[] {
  const unique = new Map(notes.map((n) => [`${n.path}\u0000${n.code}\u0000${n.message}`, { path: n.path, code: n.code, message: n.message }]));
  return [...unique.values()].sort((a, b) => compareText(a.path, b.path) || compareText(a.code, b.code) || compareText(a.message, b.message));
}

/** One record as a line of the records file (appended to the journal as it finishes). */
export function formatRecordLine(record: GradeRecord): string {
  return `${canonicalJsonLine(record)}\n`;
}
