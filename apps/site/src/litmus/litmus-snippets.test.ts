// The chapters' own litmus tests: each parses without an error. (What each
// one does under each model is claimed, and checked, on the page using it.)
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
    it(`${file} parses`, () => {
      const source = readFileSync(`${folder}/${file}`, 'utf8');
      expect(parseLitmus(source).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });
  }
});
