// The golden corpus: every test under corpus/lkmm has its expected output in
// NAME.expected, whose first line says where it came from (herd7 with the
// reference LKMM, or the engine for kernel-C herd7 cannot read); ours must be
// equal. UPDATE_GOLDEN=1 rewrites only the engine's own outputs.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { CORPUS_DIR, expectedPath, loadCorpus, readGolden, updateGolden } from '../test-support/golden-corpus.ts';
import { runLitmus } from './run/run-litmus.ts';
import { formatHerdOutput } from './verdict/herd-output.ts';
import { kernelBuiltins } from './program/kernel-objects.ts';

const update = process.env.UPDATE_GOLDEN === '1';

describe('golden corpus (lkmm)', () => {
  const corpus = loadCorpus(CORPUS_DIR);
  const files = corpus.map(([path]) => path);

  it('has at least 150 tests, each with its expected output and where that came from', () => {
    expect(files.length).toBeGreaterThanOrEqual(150);
    for (const f of files) {
      expect(existsSync(expectedPath(f)), relative(CORPUS_DIR, f)).toBe(true);
      expect(['herd7', 'engine']).toContain(readGolden(f).source);
    }
  });

  it('keeps the engine\'s own outputs to kernel-C that herd7 cannot read', () => {
    // herd7's C front end has no kernel objects (pages, PTEs, TLBs): tests that
    // call one are the only ones whose output may come from the engine.
    const builtins = kernelBuiltins().map((b) => b.name);
    for (const [file, text] of corpus) {
      if (readGolden(file).source !== 'engine') continue;
      const calls = builtins.filter((name) => new RegExp(`\\b${name}\\s*\\(`).test(text));
      expect(calls, `${relative(CORPUS_DIR, file)} says its output is the engine's, but it calls no kernel object`).not.toEqual([]);
    }
  });

  it.each(files.map((f) => [relative(CORPUS_DIR, f), f]))('%s', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    const result = runLitmus(source, { model: 'lkmm' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const actual = formatHerdOutput(result.verdict!, { hash: false });
    if (update) updateGolden(file, actual);
    expect(actual).toBe(readGolden(file).output);
  }, 120_000);
});
