// The report formats by name (`--format report.txt,grades.json,...`), each
// rendered from a GradeBook to files under --out. The records file is
// always written beside them: `--resume` and `grade merge` read it.
import { mkdir, rm, writeFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { formatRecordsFile, recordsFileName, type GradeBook } from '../grade-book.ts';
import { formatFeedback } from './feedback-markdown.ts';
import { formatCanvasCsv, formatMoodleCsv } from './gradebook-csv.ts';
import { formatGradesJson } from './grades-json.ts';
import { formatGradescopeResults } from './gradescope-results.ts';
import { formatJunitXml } from './junit-xml.ts';
import { formatTextReport } from './report-text.ts';

/** Every format, by the name --format takes (the file or folder it writes). */
export const reportFormats = ['report.txt', 'grades.json', 'junit.xml', 'canvas.csv', 'moodle.csv', 'results.json', 'feedback'] as const;

export type ReportFormat = (typeof reportFormats)[number];

/** Reads a --format list; `all` (or nothing) means every format. */
export function parseFormats(text: string | undefined): { formats: ReportFormat[] } | { problem: string } {
  if (text === undefined || text === 'all') return { formats: [...reportFormats] };
  const names = text.split(',').map((s) => s.trim().replace(/\/$/, '')).filter(Boolean);
  const unknown = names.filter((n) => !(reportFormats as readonly string[]).includes(n));
  if (unknown.length > 0) return { problem: `unknown format ${unknown.join(', ')}; the formats are ${reportFormats.join(', ')} (or all)` };
  // In the canonical order, each once: the files written never depend on how the list was typed.
  return { formats: reportFormats.filter((f) => names.includes(f)) };
}

/** The files of `formats` for `book`: path under --out, and text. */
export function renderFormats(book: GradeBook, formats: readonly ReportFormat[]): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = [];
  for (const format of formats) {
    switch (format) {
      case 'report.txt': files.push({ path: format, text: formatTextReport(book) }); break;
      case 'grades.json': files.push({ path: format, text: formatGradesJson(book) }); break;
      case 'junit.xml': files.push({ path: format, text: formatJunitXml(book) }); break;
      case 'canvas.csv': files.push({ path: format, text: formatCanvasCsv(book) }); break;
      case 'moodle.csv': files.push({ path: format, text: formatMoodleCsv(book) }); break;
      case 'results.json': files.push(...formatGradescopeResults(book)); break;
      case 'feedback': files.push(...formatFeedback(book).map((f) => ({ path: `feedback/${f.file}.md`, text: f.text }))); break;
    }
  }
  files.push({ path: recordsFileName, text: formatRecordsFile(book) });
  return files;
}

/**
 * Writes the reports of `book` into `dir`. The folders the grader owns
 * (feedback/, results/) are emptied first, so a student no longer in the
 * book leaves no stale file; each file is written to a temporary name and
 * renamed, so a reader never sees half a report.
 */
export async function writeReports(dir: string, book: GradeBook, formats: readonly ReportFormat[]): Promise<string[]> {
  const files = renderFormats(book, formats);
  await mkdir(dir, { recursive: true });
  for (const owned of ['feedback', 'results']) await rm(join(dir, owned), { recursive: true, force: true });
  for (const file of files) {
    const path = join(dir, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(`${path}.tmp`, file.text);
    await rename(`${path}.tmp`, path);
  }
  return files.map((f) => f.path);
}
