import { describe, expect, it } from 'vitest';
import { parseProgress, type Progress } from '../workbench/storage.ts';
import { progressFile, progressFileName, readProgressFile } from './progress-file.ts';

const known = new Set(['mp-wmb-rmb', 'sb-full-barriers']);
const progress: Progress = {
  version: 1,
  exercises: {
    'mp-wmb-rmb': { code: '</script><img src=x onerror=alert(1)>', status: 'correct', solved: true, solvedAt: '2026-01-02T03:04:05.000Z', attempts: 3, hintsShown: 1, bestScore: 1, scoreMaximum: 1, updatedAt: '2026-01-02T03:04:05.000Z' },
    'sb-full-barriers': { status: 'over-fenced', solved: false, attempts: 1, hintsShown: 0, bestScore: 0.5, scoreMaximum: 1, updatedAt: '2026-01-02T03:04:05.000Z' },
  },
};
const now = new Date('2026-03-04T05:06:07.000Z');

describe('progress files', () => {
  it('round-trips: what Export writes, Import reads back unchanged (and the store\'s own reader too)', () => {
    const text = JSON.stringify(progressFile(progress, now), null, 2);
    expect(readProgressFile(text, known)).toEqual({ ok: true, progress, ignored: [] });
    expect(parseProgress(text)).toEqual(progress);
    expect(progressFileName(now)).toBe('barrier-lab-progress-2026-03-04.json');
  });

  it('leaves out, and names, exercises this course does not have', () => {
    const text = JSON.stringify({ ...progressFile(progress, now), exercises: { ...progress.exercises, 'old-exercise': { solved: true, attempts: 1, hintsShown: 0 } } });
    const read = readProgressFile(text, known);
    expect(read.ok && read.ignored).toEqual(['old-exercise']);
    expect(read.ok && Object.keys(read.progress.exercises)).toEqual(['mp-wmb-rmb', 'sb-full-barriers']);
  });

  const refused: [string, string, RegExp][] = [
    ['not JSON', '{"format": "barrier-lab-progress", ', /^This file is not JSON/],
    ['a JSON array', '[1, 2, 3]', /not a Barrier Lab progress file/],
    ['another program\'s file', JSON.stringify({ name: 'some-package', version: '1.0.0', dependencies: {} }), /has no exercises/],
    ['a file with a foreign format', JSON.stringify({ format: 'anki-deck', version: 1, exercises: {} }), /another program's \(its format is “anki-deck”\)/],
    ['a newer format', JSON.stringify({ format: 'barrier-lab-progress', version: 2, exercises: {} }), /newer format \(version 2\)/],
    ['a damaged record', JSON.stringify({ version: 1, exercises: { 'mp-wmb-rmb': { solved: 'yes', attempts: 1, hintsShown: 0 } } }), /“mp-wmb-rmb” is damaged: “solved” must be true or false/],
    ['a negative count', JSON.stringify({ version: 1, exercises: { 'mp-wmb-rmb': { solved: false, attempts: -1, hintsShown: 0 } } }), /“attempts” must be a whole number/],
    ['an unknown status', JSON.stringify({ version: 1, exercises: { 'mp-wmb-rmb': { solved: false, attempts: 1, hintsShown: 0, status: 'hacked' } } }), /status “hacked”/],
  ];
  for (const [what, text, message] of refused) {
    it(`refuses ${what} as a whole, saying why and that nothing changed`, () => {
      const read = readProgressFile(text, known);
      expect(read.ok).toBe(false);
      expect(!read.ok && read.message).toMatch(message);
      expect(!read.ok && read.message).toMatch(/Nothing was changed\.$/);
    });
  }
});
