import { describe, expect, it } from 'vitest';
import { BatchProgress } from './batch-progress.ts';
import { captureIo } from './capture-io.ts';

/** The terminal's erase-to-end-of-line sequence. */
const clearLine = '\u001b[K';

function setup(isTty: boolean, quiet = false) {
  const capture = captureIo();
  const io = { out: capture.out, err: capture.err, isTty };
  let now = 0;
  const progress = new BatchProgress(io, 100, 'grade', { quiet, clock: () => now });
  return { progress, err: () => capture.stderr, tick: (ms: number) => (now += ms) };
}

describe('BatchProgress', () => {
  it('draws a bar with the count, the percentage and the time left on a terminal', () => {
    const { progress, err, tick } = setup(true);
    tick(10_000);
    progress.update(25, 'class/alice/capstone-patch.c');
    expect(err()).toBe(`\rgrade ${'█'.repeat(6)}${'░'.repeat(18)} 25/100 25% ETA 0:30 class/alice/capstone-patch.c${clearLine}`);
    tick(30_000);
    progress.finish('100 graded');
    expect(err().endsWith(`\r${clearLine}grade: 100 graded in 0:40\n`)).toBe(true);
  });

  it('writes a plain line per tenth of the batch when stderr is not a terminal', () => {
    const { progress, err, tick } = setup(false);
    for (let done = 1; done <= 100; done++) {
      tick(100);
      progress.update(done);
    }
    const lines = err().trim().split('\n');
    expect(lines).toHaveLength(9);
    expect(lines[0]).toBe('grade: 10/100 (10%), 0:01 elapsed, about 0:09 left');
  });

  it('with quiet, only the first and the last line', () => {
    const { progress, err } = setup(true, true);
    progress.start('100 submissions to grade on 2 workers');
    for (let done = 1; done <= 100; done++) progress.update(done);
    progress.finish('100 graded');
    expect(err()).toBe('grade: 100 submissions to grade on 2 workers\ngrade: 100 graded in 0:00\n');
  });
});
