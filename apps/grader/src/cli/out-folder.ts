// The --out folder of `grade` and `grade merge`, made before any work: a
// path that is a file, or a folder that cannot be made, is said in one line
// before a class is graded for nothing.
import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileError } from './file-error.ts';

/** Makes the folder `dir` (and its missing parents); undefined when it is there, else the error line to print. */
export async function makeOutFolder(dir: string): Promise<string | undefined> {
  const info = await stat(dir).catch(() => undefined);
  if (info) return info.isDirectory() ? undefined : `${dir}: error: it is a file; --out takes a folder [file/not-a-folder]\n`;
  // Only missing parents are made recursively: under some special folders (/proc) Node's recursive
  // mkdir never returns, where a plain one fails at once.
  const parent = await stat(dirname(resolve(dir))).catch(() => undefined);
  const failed = await mkdir(dir, { recursive: parent === undefined }).then(() => undefined, (error: unknown) => ({ error }));
  return failed ? fileError(dir, failed.error, 'write') : undefined;
}
