// The chapters' own litmus tests: each parses, and none has an apostrophe
// in its herd-style (* *) comment, which the page's C highlighter would read
// as the start of a character literal and colour the rest of the test wrong.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseLitmus } from '@barrier-lab/engine';

const folder = fileURLToPath(new URL('.', import.meta.url));
const files = readdirSync(folder).filter((f) => f.endsWith('.litmus'));

describe('the chapters\' litmus tests', () => {
  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const file of files) {
    it(`${file} parses and highlights cleanly`, () => {
      const source = readFileSync(`${folder}/${file}`, 'utf8');
      expect(parseLitmus(source).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      for (const comment of source.match(/\(\*[\s\S]*?\*\)/g) ?? []) expect(comment).not.toMatch(/['"]/);
    });
  }
});
