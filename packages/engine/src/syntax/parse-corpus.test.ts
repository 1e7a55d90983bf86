// Every real herd7 C test in the corpus must parse without a single
// diagnostic, and the test's name must be the one herd7 printed. (How the
// condition was parsed is checked by src/corpus.test.ts, which compares our
// whole output, `Condition` line included, with herd7's.)
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, expectedPath, loadCorpus, readGolden } from '../../test-support/golden-corpus.ts';
import { parseLitmus } from './parse-litmus.ts';

const corpus = loadCorpus();

describe('the lkmm corpus', () => {
  it('is there', () => {
    expect(corpus.length).toBeGreaterThan(100);
  });

  it.each(corpus.map(([path, text]) => [relative(CORPUS_DIR, path), path, text]))(
    '%s parses cleanly',
    (_name, path, text) => {
      const { ast, diagnostics } = parseLitmus(text);
      expect(diagnostics).toEqual([]);
      expect(ast?.arch.name).toBe('C');
      expect(ast?.threads.length).toBeGreaterThan(0);
      expect(ast?.threads.map((t) => t.index)).toEqual(ast?.threads.map((_, i) => i));
      if (!existsSync(expectedPath(path)) || ast === undefined) return;
      const expected = readGolden(path).output.split('\n');
      expect(expected[0]?.split(' ')[1]).toBe(ast.name.name);
    },
  );
});
