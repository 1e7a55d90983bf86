// A learner's progress as a file: what "Export" writes and "Import" reads.
// The file is the stored document (storage.ts) with a format name and the
// time of export, so parseProgress reads it too. Reading is strict: a file
// that is not JSON, is another program's, is of a newer format, or has one
// malformed record is refused as a whole with words that say why, and
// nothing changes; records of exercises this course does not have are left
// out and named.
import type { ExerciseProgress, Progress, ProgressStatus } from '../workbench/storage.ts';

/** The `format` field of an exported file. */
export const progressFileFormat = 'barrier-lab-progress';

/** The largest file Import reads (a whole course's progress is a few tens of kilobytes). */
export const maxProgressFileBytes = 2_000_000;

/** An exported file. */
export interface ProgressFile extends Progress {
  readonly format: typeof progressFileFormat;
  /** When it was exported (ISO 8601). */
  readonly exportedAt: string;
}

/** What Import found: the progress to put in, and the records it left out; or why the file was refused. */
export type ReadProgressFile =
  | { readonly ok: true; readonly progress: Progress; readonly ignored: readonly string[] }
  | { readonly ok: false; readonly message: string };

const statuses: readonly ProgressStatus[] = ['correct', 'incorrect', 'over-fenced', 'invalid', 'inconclusive'];

/** The file for `progress`, exported at `now`. */
export function progressFile(progress: Progress, now: Date): ProgressFile {
  return { format: progressFileFormat, version: 1, exportedAt: now.toISOString(), exercises: progress.exercises };
}

/** The file's name: the date of export. */
export function progressFileName(now: Date): string {
  return `barrier-lab-progress-${now.toISOString().slice(0, 10)}.json`;
}

/** Reads an imported file's text against the course's exercise ids. */
export function readProgressFile(text: string, knownIds: ReadonlySet<string>): ReadProgressFile {
  const refuse = (why: string): ReadProgressFile => ({ ok: false, message: `${why} Nothing was changed.` });
  if (text.length > maxProgressFileBytes) return refuse('This file is far larger than any progress file.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return refuse(`This file is not JSON (${(error as Error).message}), so it is not a progress file exported here.`);
  }
  if (!isRecord(value)) return refuse('This file is JSON but not a Barrier Lab progress file.');
  if (value.format !== undefined && value.format !== progressFileFormat) {
    return refuse(`This file is another program's (its format is “${String(value.format).slice(0, 60)}”), not a Barrier Lab progress file.`);
  }
  if (!isRecord(value.exercises)) return refuse('This file is JSON but not a Barrier Lab progress file: it has no exercises.');
  if (value.version !== 1) {
    return refuse(typeof value.version === 'number' && value.version > 1
      ? `This progress file is of a newer format (version ${value.version}) than this site reads (version 1).`
      : 'This file is not a Barrier Lab progress file: its version is missing or wrong.');
  }
  const exercises: Record<string, ExerciseProgress> = {};
  const ignored: string[] = [];
  for (const [id, raw] of Object.entries(value.exercises)) {
    if (!knownIds.has(id)) {
      ignored.push(id);
      continue;
    }
    const record = exerciseRecord(raw);
    if (typeof record === 'string') return refuse(`The record of the exercise “${id}” is damaged: ${record}.`);
    exercises[id] = record;
  }
  return { ok: true, progress: { version: 1, exercises }, ignored };
}

/** One exercise's record, or what is wrong with it. */
function exerciseRecord(raw: unknown): ExerciseProgress | string {
  if (!isRecord(raw)) return 'it is not an object';
  const { code, status, solved, solvedAt, attempts, hintsShown, updatedAt, bestScore, scoreMaximum } = raw;
  if (code !== undefined && typeof code !== 'string') return 'its code is not text';
  if (status !== undefined && !statuses.includes(status as ProgressStatus)) return `its status “${String(status)}” is not one a check gives`;
  if (typeof solved !== 'boolean') return '“solved” must be true or false';
  if (solvedAt !== undefined && !isDate(solvedAt)) return '“solvedAt” is not a date';
  if (!isCount(attempts)) return '“attempts” must be a whole number, 0 or more';
  if (!isCount(hintsShown)) return '“hintsShown” must be a whole number, 0 or more';
  if (updatedAt !== undefined && updatedAt !== '' && !isDate(updatedAt)) return '“updatedAt” is not a date';
  if (bestScore !== undefined && !(typeof bestScore === 'number' && bestScore >= 0 && Number.isFinite(bestScore))) return '“bestScore” is not a score';
  if (scoreMaximum !== undefined && !(typeof scoreMaximum === 'number' && scoreMaximum > 0 && Number.isFinite(scoreMaximum))) return '“scoreMaximum” is not a score';
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(status !== undefined ? { status: status as ProgressStatus } : {}),
    solved,
    ...(typeof solvedAt === 'string' ? { solvedAt } : {}),
    attempts: attempts as number,
    hintsShown: hintsShown as number,
    ...(typeof bestScore === 'number' ? { bestScore } : {}),
    ...(typeof scoreMaximum === 'number' ? { scoreMaximum } : {}),
    updatedAt: typeof updatedAt === 'string' ? updatedAt : '',
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isDate(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value));
}
