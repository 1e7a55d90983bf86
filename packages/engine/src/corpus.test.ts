// The golden corpus: every test under corpus/lkmm has the output herd7 gave
// for it (Time and Hash lines removed) in NAME.expected; ours must be equal.
import { describe, expect, it } from 'vitest';
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus } from '../bench/fuzz-parser.ts';
import { runLitmus } from './run-litmus.ts';
import { formatHerdOutput } from './verdict/herd-output.ts';

const root = fileURLToPath(new URL('../corpus/lkmm', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';


describe('golden corpus (lkmm, herd7 outputs)', () => {
  const files = loadCorpus(root).map(([path]) => path);

  it('has at least 150 tests, each with its expected output', () => {
    expect(files.length).toBeGreaterThanOrEqual(150);
    for (const f of files) expect(existsSync(f.replace(/\.litmus$/, '.expected')), relative(root, f)).toBe(true);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    const result = runLitmus(source, { model: 'lkmm' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const actual = formatHerdOutput(result.verdict!);
    const expectedFile = file.replace(/\.litmus$/, '.expected');
    if (update) writeFileSync(expectedFile, actual);
    expect(actual).toBe(readFileSync(expectedFile, 'utf8'));
  }, 120_000);
});
