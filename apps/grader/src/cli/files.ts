import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** A path that could not be looked at, and why (a Node error, for cli/file-error.ts). */
export interface PathProblem {
  readonly path: string;
  readonly error: unknown;
}

/**
 * Expands the command line's paths: a file stays as it is, a folder becomes
 * every file under it with one of `extensions`, sorted, so runs are repeatable.
 * Paths that do not exist, and folders that cannot be listed, are returned in
 * `problems`.
 */
export async function expandPaths(paths: readonly string[], extensions: readonly string[]): Promise<{ files: string[]; problems: PathProblem[] }> {
  const files: string[] = [];
  const problems: PathProblem[] = [];
  for (const path of paths) {
    const info = await stat(path).catch((error: unknown) => ({ error }));
    if ('error' in info) problems.push({ path, error: info.error });
    else if (info.isDirectory()) files.push(...(await walk(path, extensions, problems)));
    else files.push(path);
  }
  return { files, problems };
}

async function walk(dir: string, extensions: readonly string[], problems: PathProblem[]): Promise<string[]> {
  const listed = await readdir(dir, { withFileTypes: true }).catch((error: unknown) => ({ error }));
  if ('error' in listed) {
    problems.push({ path: dir, error: listed.error });
    return [];
  }
  const entries = listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(path, extensions, problems)));
    else if (extensions.some((ext) => e.name.endsWith(ext))) out.push(path);
  }
  return out;
}
