// The golden corpus: litmus tests (`NAME.litmus`) with the output expected
// for them (`NAME.expected`). Each expected file starts with a line saying
// where its output came from:
//
//   # source: herd7 ...   what herd7 printed, with the reference LKMM
//   # source: engine ...  our own output, for kernel-C that herd7 cannot read
//
// herd7's outputs are the reference the engine is held to, so the update mode
// (UPDATE_GOLDEN=1) may rewrite only the engine's own: a herd7 output changes
// only by running herd7 again and recording what it prints.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The golden corpus of LKMM tests, relative to this file. */
export const CORPUS_DIR = fileURLToPath(new URL('../corpus/lkmm', import.meta.url));

/** Every `*.litmus` file under `dir`, sorted, as `[path, text]` pairs. */
export function loadCorpus(dir: string = CORPUS_DIR): [string, string][] {
  const found: [string, string][] = [];
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.litmus')) found.push([path, readFileSync(path, 'utf8')]);
    }
  };
  walk(dir);
  return found;
}

/** Where an expected output came from. */
export type GoldenSource = 'herd7' | 'engine';

/** The provenance lines this corpus uses, one per source. */
export const goldenHeaders: Readonly<Record<GoldenSource, string>> = {
  herd7: '# source: herd7 7.58 (herd7 -conf linux-kernel.cfg, the reference LKMM); Time and Hash lines removed',
  engine: '# source: engine (kernel-C that herd7 cannot read): Barrier Lab\'s own output, reviewed by hand',
};

/** An expected file, read: where it came from and the output it expects. */
export interface Golden {
  readonly source: GoldenSource;
  /** The provenance line as written. */
  readonly header: string;
  /** The expected output (the file without its provenance line). */
  readonly output: string;
}

/** The path of the expected file of a `.litmus` test. */
export function expectedPath(litmusFile: string): string {
  return litmusFile.replace(/\.litmus$/, '.expected');
}

/** Reads an expected file's text; throws if its first line does not say where it came from. */
export function parseGolden(text: string, where = 'expected file'): Golden {
  const newline = text.indexOf('\n');
  const header = newline < 0 ? text : text.slice(0, newline);
  const match = /^# source: (herd7|engine)\b/.exec(header);
  if (!match) throw new Error(`${where}: the first line must say where the output came from ('# source: herd7 ...' or '# source: engine ...'), not '${header.slice(0, 80)}'`);
  return { source: match[1] as GoldenSource, header, output: newline < 0 ? '' : text.slice(newline + 1) };
}

/** Reads the expected file of a `.litmus` test (or the `.expected` file itself). */
export function readGolden(file: string): Golden {
  const path = file.endsWith('.litmus') ? expectedPath(file) : file;
  return parseGolden(readFileSync(path, 'utf8'), path);
}

/** Thrown when the update mode would rewrite an output that came from herd7. */
export class GoldenRefused extends Error {
  constructor(readonly path: string) {
    super(`${path} holds herd7's output, which UPDATE_GOLDEN never rewrites: run herd7 on the test and record what it prints (if the engine now differs from herd7, the engine is what to fix)`);
    this.name = 'GoldenRefused';
  }
}

/**
 * The update mode: makes the expected file of a `.litmus` test (or the
 * `.expected` file itself) expect `actual`, keeping its provenance line.
 * Refuses (GoldenRefused) to change an output that came from herd7; leaves a
 * file that already expects `actual` untouched. Returns whether it wrote.
 */
export function updateGolden(file: string, actual: string): boolean {
  const path = file.endsWith('.litmus') ? expectedPath(file) : file;
  const golden = readGolden(path);
  if (golden.output === actual) return false;
  if (golden.source === 'herd7') throw new GoldenRefused(path);
  writeFileSync(path, `${golden.header}\n${actual}`);
  return true;
}
