import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from '../cli/arguments.ts';
import { makeOutFolder } from '../cli/out-folder.ts';
import { ExitCode, type CliIo } from '../cli/io.ts';
import { mergeBooks, parseRecordsFile, recordsFileName, type GradeBook } from '../grading/grade-book.ts';
import { parseFormats } from '../grading/formats/report-files.ts';
import { bookExitCode, writeBookReports } from './grade-outcome.ts';

/** The usage of `barrier-lab grade merge`, also what `barrier-lab help grade merge` prints. */
export const mergeUsage = `Usage: barrier-lab grade merge --out DIR [--format LIST] SHARD_DIR...

Joins the outputs of \`barrier-lab grade --shard i/n --out SHARD_DIR\` (every
shard, 1/n to n/n) into DIR: exactly the files one unsharded run writes.

Options:
  --out DIR        where the merged reports go
  --format LIST    the formats to write (default all)

Exit status: 0 merged, 1 some files or inputs could not be graded, 2 bad usage
or shards that do not fit together, 130 a shard was interrupted.`;

/** `barrier-lab grade merge`: shards' outputs joined into one run's. */
export async function mergeCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, { flags: ['-h', '--help'], values: ['--out', '--format'] });
  if (parsed.flags.has('-h') || parsed.flags.has('--help')) {
    io.out(`${mergeUsage}\n`);
    return ExitCode.ok;
  }
  const problems = [...parsed.errors];
  const out = parsed.values.get('--out');
  if (out === undefined) problems.push('give --out DIR');
  if (parsed.positional.length === 0) problems.push('give the folders of the shards');
  const formats = parseFormats(parsed.values.get('--format'));
  if ('problem' in formats) problems.push(formats.problem);
  if (problems.length > 0 || !('formats' in formats)) {
    io.err(`barrier-lab grade merge: ${problems.join('; ')}\n\n${mergeUsage}\n`);
    return ExitCode.usage;
  }
  const books: GradeBook[] = [];
  for (const dir of parsed.positional) {
    const path = join(dir, recordsFileName);
    const text = await readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) {
      io.err(`${path}: error: no records file: is ${dir} the --out folder of a \`grade --shard\` run? [grade/merge]\n`);
      return ExitCode.usage;
    }
    const read = parseRecordsFile(text);
    if ('problem' in read) {
      io.err(`${path}: error: ${read.problem} [grade/merge]\n`);
      return ExitCode.usage;
    }
    books.push(read.book);
  }
  const merged = mergeBooks(books);
  if ('problem' in merged) {
    io.err(`barrier-lab grade merge: ${merged.problem}\n`);
    return ExitCode.usage;
  }
  const problem = await makeOutFolder(out!);
  if (problem) {
    io.err(problem);
    return ExitCode.usage;
  }
  const written = await writeBookReports(out!, merged.book, formats.formats, io);
  if (!written) return ExitCode.failed;
  io.err(`grade merge: ${books.length} shards, ${merged.book.records.length} records; wrote ${written.length} files into ${out}\n`);
  return bookExitCode(merged.book);
}
