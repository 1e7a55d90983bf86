import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Expands the command line's paths: a file stays as it is, a folder becomes
 * every file under it with one of `extensions`, sorted, so runs are repeatable.
 * Paths that do not exist are returned in `missing`.
 */
export async function expandPaths(paths: readonly string[], extensions: readonly string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) missing.push(path);
    else if (info.isDirectory()) files.push(...(await walk(path, extensions)));
    else files.push(path);
  }
  return { files, missing };
}

async function walk(dir: string, extensions: readonly string[]): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(path, extensions)));
    else if (extensions.some((ext) => e.name.endsWith(ext))) out.push(path);
  }
  return out;
}
