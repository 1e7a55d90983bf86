import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { exercise } from '@barrier-lab/exercises';
import { parseArgs } from '../cli/arguments.ts';
import { BatchProgress } from '../cli/batch-progress.ts';
import type { Command } from '../cli/commands.ts';
import { fileError } from '../cli/file-error.ts';
import { makeOutFolder } from '../cli/out-folder.ts';
import { ExitCode, type CliIo } from '../cli/io.ts';
import {
  describeSettings, formatRecordLine, formatRecordsHeader, parseRecordsFile, recordsFileName, sameSettings, type GradeBook, type GradeSettings,
} from '../grading/grade-book.ts';
import { planRun, startRun } from '../grading/grade-run.ts';
import { countStatuses } from '../grading/formats/book-view.ts';
import { parseFormats, type ReportFormat } from '../grading/formats/report-files.ts';
import { formatTextReport } from '../grading/formats/report-text.ts';
import { parseRoster, type RosterEntry } from '../grading/roster.ts';
import { formatShard, parseShard, type Shard } from '../grading/shard.ts';
import { mergeCommand, mergeUsage } from './grade-merge.ts';
import { bookExitCode, writeBookReports } from './grade-outcome.ts';

const usage = `Usage: barrier-lab grade (--exercise ID | --course) [options] PATH...
       barrier-lab grade merge --out DIR SHARD_DIR...

Grades a class's submissions exhaustively, on worker processes, into the
formats LMSs and autograders read. PATH: files, folders (one folder per
student: alice/capstone-patch.c), zip or tar(.gz) archives of them.
With --course each file is graded for the exercise its name ends with.

Options:
  --exercise ID      every file answers exercise ID
  --course           the exercise of each file is in its name
  --student NAME     every file is this one student's (Gradescope)
  --roster FILE      CSV of students (student id, name, email; a Canvas or
                     Moodle export works): maps files to students and lists
                     those who submitted nothing
  --out DIR          write the reports into DIR (without it, the text report
                     goes to stdout)
  --format LIST      comma list of ${parseFormatsList()} (default all)
  --jobs N           workers (default: the number of cores)
  --timeout SECONDS  time budget of one submission (default 10); a check
                     over it is inconclusive
  --memory MB        memory budget of one submission's check (default 256),
                     on the engine's own structures; over it the submission
                     is inconclusive
  --shard i/n        grade the i-th of n stable slices of the class
                     (--shard auto: from Kubernetes, Slurm or CI variables);
                     join the outputs with \`grade merge\`
  --resume           keep what DIR already holds graded; grade the rest
  --quiet            no progress bar: a line when starting and one at the end

Ctrl-C writes the partial reports (marked incomplete) and exits 130.
Exit status: 0 all graded, 1 some files or inputs could not be graded,
2 bad usage, 130 interrupted. \`barrier-lab help grade merge\` gives merge's
options; docs/grader.md is the manual.`;

function parseFormatsList(): string {
  return 'report.txt, grades.json, junit.xml, canvas.csv, moodle.csv, results.json, feedback';
}

/** `barrier-lab grade`: batch grading for instructors. */
export const gradeCommand: Command = {
  usage,
  subcommands: { merge: mergeUsage },
  async run(args: readonly string[], io: CliIo): Promise<number> {
    if (args[0] === 'merge') return mergeCommand(args.slice(1), io);
    const parsed = parseArgs(args, {
      flags: ['-h', '--help', '--course', '--resume', '--quiet'],
      values: ['--exercise', '--student', '--roster', '--out', '--format', '--jobs', '--timeout', '--memory', '--shard'],
    });
    if (parsed.flags.has('-h') || parsed.flags.has('--help')) {
      io.out(`${usage}\n`);
      return ExitCode.ok;
    }
    const v = (name: string) => parsed.values.get(name);
    const problems = [...parsed.errors];
    const exerciseId = v('--exercise');
    if ((exerciseId === undefined) === !parsed.flags.has('--course')) problems.push('give --exercise ID or --course (one of them)');
    if (exerciseId !== undefined && !exercise(exerciseId)) problems.push(`no exercise '${exerciseId}' (\`barrier-lab exercises\` lists them)`);
    if (parsed.positional.length === 0) problems.push('give at least one file, folder or archive');
    const jobs = number(v('--jobs'), availableParallelism(), 1, 256, '--jobs', problems);
    const timeoutSeconds = number(v('--timeout'), 10, 0.1, 86_400, '--timeout', problems);
    const memoryMb = number(v('--memory'), 256, 32, 65_536, '--memory', problems);
    const formats = parseFormats(v('--format'));
    if ('problem' in formats) problems.push(formats.problem);
    let shard: Shard | undefined;
    if (v('--shard') !== undefined) {
      const s = parseShard(v('--shard')!, process.env);
      if ('problem' in s) problems.push(s.problem);
      else shard = s.shard;
    }
    const out = v('--out');
    if (parsed.flags.has('--resume') && out === undefined) problems.push('--resume needs --out DIR (the reports of the run to resume)');
    if (shard && out === undefined) problems.push('--shard needs --out DIR (grade merge joins the shards\' folders)');
    if (v('--format') !== undefined && out === undefined) problems.push('--format needs --out DIR (without it, the text report goes to stdout)');
    if (problems.length > 0) {
      io.err(`barrier-lab grade: ${problems.join('; ')}\n\n${usage}\n`);
      return ExitCode.usage;
    }
    if (out !== undefined) {
      const problem = await makeOutFolder(out);
      if (problem) {
        io.err(problem);
        return ExitCode.usage;
      }
    }
    const chosen: ReportFormat[] = 'formats' in formats ? formats.formats : [];
    const settings: GradeSettings = {
      mode: exerciseId !== undefined ? { kind: 'exercise', exercise: exerciseId } : { kind: 'course' },
      timeoutSeconds, memoryMb,
    };

    let roster: RosterEntry[] | undefined;
    const rosterPath = v('--roster');
    if (rosterPath !== undefined) {
      const text = await readFile(rosterPath, 'utf8').catch((e: Error) => e);
      if (text instanceof Error) {
        io.err(fileError(rosterPath, text));
        return ExitCode.usage;
      }
      const read = parseRoster(text);
      if ('problems' in read) {
        io.err(read.problems.map((p) => `${rosterPath}: error: ${p} [roster/invalid]\n`).join(''));
        return ExitCode.usage;
      }
      roster = [...read.entries];
    }

    let previous: GradeBook | undefined;
    if (parsed.flags.has('--resume')) {
      const found = await resumable(out!, settings, shard, io);
      if (found === 'bad') return ExitCode.usage;
      previous = found;
    }

    const plan = await planRun({
      settings, paths: parsed.positional, jobs,
      ...(v('--student') !== undefined ? { student: v('--student')! } : {}),
      ...(roster ? { roster } : {}),
      ...(shard ? { shard } : {}),
      ...(previous ? { previous } : {}),
    });
    const progress = new BatchProgress(io, plan.tasks.length, 'grade', { quiet: parsed.flags.has('--quiet') });
    const workers = Math.min(jobs, Math.max(1, plan.tasks.length));
    progress.start(`${plan.tasks.length} submission${plan.tasks.length === 1 ? '' : 's'} to grade on ${workers} worker${workers === 1 ? '' : 's'}`
      + `${shard ? ` (shard ${formatShard(shard)})` : ''}${previous ? `, ${plan.book.records.filter((r) => r.status !== 'pending' && r.status !== 'missing').length} kept from the last run` : ''}`);

    // The journal: every record appended as it finishes, so a crash or a kill loses nothing graded.
    const journal = out !== undefined ? join(out, recordsFileName) : undefined;
    if (journal) {
      await mkdir(out!, { recursive: true });
      const kept = plan.book.records.filter((r) => r.status !== 'pending');
      await writeFile(journal, formatRecordsHeader({ ...plan.book, complete: false }, plan.book.records.length) + kept.map(formatRecordLine).join(''));
    }
    let writes = Promise.resolve();
    // A journal that cannot be written (a full disk) loses nothing yet: the reports are written at the end; say so then.
    let journalError: unknown;
    let done = 0;
    const run = startRun(plan, { jobs }, {
      onStart: (s) => progress.update(done, s.path),
      onRecord: (record, finished) => {
        done = finished;
        progress.update(finished, record.path);
        if (journal) writes = writes.then(() => appendFile(journal, formatRecordLine(record))).catch((error: unknown) => void (journalError ??= error));
      },
    });
    let interrupted = false;
    const onInterrupt = () => {
      if (interrupted) process.exit(ExitCode.interrupted); // a second Ctrl-C: now
      interrupted = true;
      io.err('\ngrade: interrupted; writing what is graded so far (Ctrl-C again to quit at once)\n');
      void run.stop();
    };
    process.on('SIGINT', onInterrupt);
    let book: GradeBook;
    try {
      book = await run.done;
      await writes;
    } finally {
      process.off('SIGINT', onInterrupt);
    }
    if (journalError !== undefined) io.err(fileError(journal!, journalError, 'write'));
    const counts = countStatuses(book.records);
    progress.finish(`${book.records.length - counts.pending - counts.missing} graded${counts.pending ? `, ${counts.pending} left (interrupted)` : ''}${counts.error ? `, ${counts.error} grader errors` : ''}`);
    if (out !== undefined) {
      const written = await writeBookReports(out, book, chosen, io);
      // The records file holds every grade appended so far: --resume writes the reports again.
      if (!written) return ExitCode.failed;
      if (!parsed.flags.has('--quiet')) io.err(`grade: wrote ${written.length} files into ${out}\n`);
    } else {
      io.out(formatTextReport(book));
    }
    return bookExitCode(book);
  },
};

/** The book already in `out` to resume from, undefined when there is none, 'bad' when it cannot be resumed. */
async function resumable(out: string, settings: GradeSettings, shard: Shard | undefined, io: CliIo): Promise<GradeBook | undefined | 'bad'> {
  const path = join(out, recordsFileName);
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const read = parseRecordsFile(text);
  if ('problem' in read) {
    io.err(`${path}: error: cannot resume from it: ${read.problem} [grade/resume]\n`);
    return 'bad';
  }
  if (!sameSettings(read.book.settings, settings)) {
    io.err(`${path}: error: it was graded with ${describeSettings(read.book.settings)}, not ${describeSettings(settings)}; resume with the same options, or grade into another folder [grade/resume]\n`);
    return 'bad';
  }
  if ((read.book.shard ? formatShard(read.book.shard) : '') !== (shard ? formatShard(shard) : '')) {
    io.err(`${path}: error: it holds ${read.book.shard ? `shard ${formatShard(read.book.shard)}` : 'a whole run'}, not ${shard ? `shard ${formatShard(shard)}` : 'a whole run'} [grade/resume]\n`);
    return 'bad';
  }
  return read.book;
}

function number(text: string | undefined, fallback: number, least: number, most: number, name: string, problems: string[]): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < least || value > most || (name === '--jobs' && !Number.isInteger(value))) {
    problems.push(`${name} takes a number from ${least} to ${most}, not "${text}"`);
    return fallback;
  }
  return value;
}
