// The chapters' litmus tests (shown under their figures and claims) write
// their comments as C's /* */, like the chapters' code blocks and the
// exercises: herd7's (* *) is a comment only outside the threads, so a
// learner who copies it into a thread gets a syntax error.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const folder = new URL('../litmus/', import.meta.url);

describe('comments in the chapters\' litmus tests', () => {
  it('are /* */, never (* *)', () => {
    const files = readdirSync(folder).filter((name) => name.endsWith('.litmus'));
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((name) => readFileSync(new URL(name, folder), 'utf8').split('\n')
      .filter((line) => /^\s*\(\*(?!\w)|(?<!\w)\*\)\s*$/.test(line))
      .map((line) => `${name}: ${line.trim()}`));
    expect(found).toEqual([]);
  });
});
