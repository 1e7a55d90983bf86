// The command line's inputs, as files: a file stays as it is, a folder is
// walked, a zip or tar(.gz) is read in memory (never extracted). Each file
// keeps the root it came from and its path below that root, which is where
// the student and the exercise are read from (assign-submissions.ts). Paths
// that cannot be read become problems; nothing here throws on bad input.
import { open, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { isArchiveJunk, maxEntryBytes, normalEntryPath, type ArchiveContents } from './archive-entry.ts';
import { looksLikeGzip, looksLikeTar, readTar } from './archive-tar.ts';
import { looksLikeZip, readZip } from './archive-zip.ts';
import { fileProblem } from '../cli/file-error.ts';
import { compareText } from './grade-record.ts';

/** A file found in the inputs. */
export interface FoundFile {
  /** Where it is, for people: a path, or `archive.zip:inner/path`. */
  readonly origin: string;
  /** The name of the command-line argument it came from (a folder's or archive's own name, without extension; a file's folder). */
  readonly root: string;
  /** Its path below that root, in parts (empty folders of a common wrapper dropped). */
  readonly parts: readonly string[];
  /** Whether it was named on the command line itself (then any extension is taken). */
  readonly explicit: boolean;
  readonly bytes?: Uint8Array;
  /** Why there are no bytes. */
  readonly problem?: { readonly code: string; readonly message: string };
}

/** An input that gave no file at all: a missing path, an unreadable folder, a corrupt archive. */
export interface InputProblem {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** The file kinds taken from folders and archives: code answers and predict answers. */
export const answerExtensions = ['.c', '.litmus', '.txt'] as const;

const archiveExtensions = /\.(zip|tar|tgz|tar\.gz)$/i;

/** Reads every input path. Folders and archives give the files with an answer's extension; the others are counted in `skipped`. */
export async function collectFiles(paths: readonly string[]): Promise<{ files: FoundFile[]; problems: InputProblem[]; skipped: string[] }> {
  const files: FoundFile[] = [];
  const problems: InputProblem[] = [];
  const skipped: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((error: unknown) => ({ error }));
    if ('error' in info) {
      problems.push({ path, ...fileProblem(info.error, 'read') });
      continue;
    }
    if (info.isDirectory()) {
      const found = await walk(path, problems, skipped);
      files.push(...withRoots(found.map((f) => ({ ...f, rel: relative(path, f.origin).split(sep) })), basename(path), false));
      continue;
    }
    if (archiveExtensions.test(path)) {
      const bytes = await readCapped(path, Number.MAX_SAFE_INTEGER).catch((error: unknown) => ({ error }));
      if ('error' in bytes) {
        problems.push({ path, ...fileProblem(bytes.error, 'read') });
        continue;
      }
      const contents = readArchive(bytes.bytes);
      if (!contents.ok) {
        problems.push({ path, code: 'input/archive', message: `cannot read the archive: ${contents.problem}` });
        continue;
      }
      const inside = contents.entries.filter((e) => {
        if (isArchiveJunk(e.path)) return false;
        if (answerExtensions.some((ext) => e.path.toLowerCase().endsWith(ext))) return true;
        skipped.push(`${path}:${e.path}`);
        return false;
      });
      files.push(...withRoots(inside.map((e) => ({
        origin: `${path}:${e.path}`, rel: e.path.split('/'),
        ...(e.bytes ? { bytes: e.bytes } : { problem: { code: 'input/archive-entry', message: `cannot read it from the archive: ${e.problem}` } }),
      })), basename(path).replace(archiveExtensions, ''), false));
      continue;
    }
    // A file named on the command line: its folder stands for the student when its name does not.
    files.push({ origin: path, root: basename(dirname(resolve(path))), parts: [basename(path)], explicit: true, ...(await readFile(path, info.size)) });
  }
  return { files, problems, skipped };
}

/** Reads an archive by its content: zip, gzip (of a tar) or tar. */
export function readArchive(bytes: Uint8Array): ArchiveContents {
  if (looksLikeZip(bytes)) return readZip(bytes);
  if (looksLikeGzip(bytes) || looksLikeTar(bytes)) return readTar(bytes);
  return { ok: false, problem: 'it is neither a zip nor a tar archive' };
}

type Walked = { origin: string; bytes?: Uint8Array; problem?: { code: string; message: string } };

async function walk(dir: string, problems: InputProblem[], skipped: string[]): Promise<Walked[]> {
  const listed = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => ({ error }));
  if ('error' in listed) {
    problems.push({ path: dir, ...fileProblem(listed.error, 'read') });
    return [];
  }
  const out: Walked[] = [];
  for (const entry of listed.sort((a, b) => compareText(a.name, b.name))) {
    const path = join(dir, entry.name);
    if (isArchiveJunk(entry.name)) continue;
    if (entry.isDirectory()) out.push(...(await walk(path, problems, skipped)));
    else if (answerExtensions.some((ext) => entry.name.toLowerCase().endsWith(ext))) {
      const size = await stat(path).then((s) => s.size, () => 0);
      out.push({ origin: path, ...(await readFile(path, size)) });
    } else skipped.push(path);
  }
  return out;
}

/** A file's bytes, or why not: a file over the size cap is not even read. */
async function readFile(path: string, size: number): Promise<Pick<FoundFile, 'bytes' | 'problem'>> {
  if (size > maxEntryBytes) return { problem: { code: 'submission/too-large', message: `The file is ${size} bytes; an answer is at most ${maxEntryBytes / 1024} KiB, so it was not read.` } };
  const read = await readCapped(path, maxEntryBytes).catch((error: unknown) => ({ error }));
  if ('error' in read) {
    const { code, message } = fileProblem(read.error, 'read');
    return { problem: { code, message: `The file could not be read: ${message}.` } };
  }
  return read.truncated
    ? { problem: { code: 'submission/too-large', message: `The file is over ${maxEntryBytes / 1024} KiB, so it was not read.` } }
    : { bytes: read.bytes };
}

/** At most `cap` bytes of a file (a file that grows while read cannot make us read forever). */
async function readCapped(path: string, cap: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1 << 20, cap + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > cap) return { bytes: new Uint8Array(Buffer.concat(chunks).subarray(0, cap)), truncated: true };
    }
    return { bytes: new Uint8Array(Buffer.concat(chunks)), truncated: false };
  } finally {
    await handle.close();
  }
}

/**
 * The files of one folder or archive with their paths below it. Wrapper
 * folders that hold everything (`submissions/` in `class.zip`) are dropped,
 * but never the last folder: `class/alice/a.c` alone keeps `alice`.
 */
function withRoots(found: readonly (Walked & { rel: readonly string[] })[], root: string, explicit: boolean): FoundFile[] {
  let rels = found.map((f) => f.rel.map((p) => normalEntryPath(p)).filter(Boolean));
  while (rels.length > 0 && rels.every((r) => r.length >= 3 && r[0] === rels[0]![0])) rels = rels.map((r) => r.slice(1));
  return found.map((f, i) => ({
    origin: f.origin, root, parts: rels[i]!, explicit,
    ...(f.bytes ? { bytes: f.bytes } : {}), ...(f.problem ? { problem: f.problem } : {}),
  }));
}
