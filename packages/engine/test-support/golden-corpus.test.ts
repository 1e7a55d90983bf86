// The update mode of the golden corpus: it rewrites the engine's own expected
// outputs, and refuses to touch herd7's.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GoldenRefused, goldenHeaders, parseGolden, readGolden, updateGolden } from './golden-corpus.ts';

describe('golden files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'golden-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('say where their output came from on their first line', () => {
    expect(parseGolden(`${goldenHeaders.herd7}\nTest MP Allowed\n`)).toEqual({ source: 'herd7', header: goldenHeaders.herd7, output: 'Test MP Allowed\n' });
    expect(parseGolden(`${goldenHeaders.engine}\nTest K Allowed\n`).source).toBe('engine');
    expect(() => parseGolden('Test MP Allowed\n', 'MP.expected')).toThrow(/MP\.expected: the first line must say where the output came from/);
    expect(() => parseGolden('# source: my laptop\nTest MP Allowed\n')).toThrow(/first line/);
  });

  it('refuses to rewrite an output herd7 printed, and leaves the file as it was', () => {
    const text = `${goldenHeaders.herd7}\nTest MP Allowed\nObservation MP Never 0 4\n`;
    const path = write('MP.expected', text);
    expect(() => updateGolden(join(dir, 'MP.litmus'), 'Test MP Allowed\nObservation MP Sometimes 1 3\n')).toThrow(GoldenRefused);
    expect(() => updateGolden(path, 'anything else\n')).toThrow(/holds herd7's output, which UPDATE_GOLDEN never rewrites/);
    expect(readFileSync(path, 'utf8')).toBe(text);
    // Agreeing with herd7 is no rewrite, so no refusal.
    expect(updateGolden(path, 'Test MP Allowed\nObservation MP Never 0 4\n')).toBe(false);
  });

  it('rewrites the engine\'s own output, keeping its provenance line', () => {
    const path = write('K.expected', `${goldenHeaders.engine}\nTest K Allowed\nObservation K Never 0 2\n`);
    expect(updateGolden(join(dir, 'K.litmus'), 'Test K Allowed\nObservation K Sometimes 1 1\n')).toBe(true);
    expect(readGolden(path)).toEqual({ source: 'engine', header: goldenHeaders.engine, output: 'Test K Allowed\nObservation K Sometimes 1 1\n' });
    expect(updateGolden(path, 'Test K Allowed\nObservation K Sometimes 1 1\n')).toBe(false);
  });

  it('will not rewrite a file that does not say where it came from', () => {
    const path = write('Old.expected', 'Test Old Allowed\n');
    expect(() => updateGolden(path, 'Test Old Forbidden\n')).toThrow(/first line/);
    expect(readFileSync(path, 'utf8')).toBe('Test Old Allowed\n');
  });
});
