// How `grade` and `grade merge` end, the same way: the reports written into
// the out folder, and the exit status the book's records call for.
import { fileError } from '../cli/file-error.ts';
import { ExitCode, type CliIo } from '../cli/io.ts';
import { noteFailsRun, type GradeBook } from '../grading/grade-book.ts';
import { countStatuses } from '../grading/formats/book-view.ts';
import { writeReports, type ReportFormat } from '../grading/formats/report-files.ts';

/** Writes `book`'s reports into `out`: the files written, or undefined once a failure to write is said on stderr. */
export async function writeBookReports(out: string, book: GradeBook, formats: readonly ReportFormat[], io: CliIo): Promise<string[] | undefined> {
  const written = await writeReports(out, book, formats).catch((error: unknown) => ({ error }));
  if (!('error' in written)) return written;
  io.err(fileError(out, written.error, 'write'));
  return undefined;
}

/** 130 for a book cut short, 1 when some input could not be graded (a grader error, or a note that fails the run), else 0. */
export function bookExitCode(book: GradeBook): number {
  if (!book.complete) return ExitCode.interrupted;
  return countStatuses(book.records).error > 0 || book.notes.some(noteFailsRun) ? ExitCode.failed : ExitCode.ok;
}
