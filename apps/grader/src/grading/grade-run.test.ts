import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exerciseFile } from '../testing/class-fixture.ts';
import { planRun, startRun } from './grade-run.ts';

function classWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'barrier-lab-run-'));
  for (const [student, text] of Object.entries(files)) {
    mkdirSync(join(dir, student));
    writeFileSync(join(dir, student, 'mp-wmb-rmb.litmus'), text);
  }
  return dir;
}

const solution = exerciseFile('mp-wmb-rmb', 'solution.litmus');
const faulty = new URL('../testing/faulty-grade-worker.ts', import.meta.url);

describe('a batch survives its workers', () => {
  it('a hung worker and a crashed one are replaced, their files reported as grader errors; a heap overrun is inconclusive; the rest is graded', async () => {
    // A time budget of 5 s (a deadline of 15 s): the heap overrun must come before it even on a
    // loaded machine (it failed as a hang at 7 s once, at a load of 15 on two cores).
    const dir = classWith({
      ann: solution,
      bea: `${solution}\n// FAULT:HANG`,
      cat: `${solution}\n// FAULT:CRASH`,
      dee: `${solution}\n// FAULT:OOM`,
      eli: solution,
    });
    const plan = await planRun({ settings: { mode: { kind: 'exercise', exercise: 'mp-wmb-rmb' }, timeoutSeconds: 5, memoryMb: 64 }, paths: [dir], jobs: 2 });
    const book = await startRun(plan, { jobs: 2, workerEntry: faulty }).done;
    const status = Object.fromEntries(book.records.map((r) => [r.student, r]));
    expect(book.complete).toBe(true);
    expect(status.ann).toMatchObject({ status: 'correct', scoreGiven: 10 });
    expect(status.eli).toMatchObject({ status: 'correct', scoreGiven: 10 });
    expect(status.bea).toMatchObject({ status: 'error', gradingProgress: 'Failed', reason: expect.stringContaining('still running after 15.0 s') });
    expect(status.bea!.scoreGiven).toBeUndefined();
    expect(status.cat).toMatchObject({ status: 'error', reason: expect.stringContaining('exit code 3') });
    expect(status.dee).toMatchObject({ status: 'inconclusive', gradingProgress: 'PendingManual', summary: expect.stringContaining('memory budget (64 MB)') });
  }, 120_000);

  it('a check over its memory budget is inconclusive, with the engine\'s words for it (not a worker out of heap)', async () => {
    // Four read-increment-write rounds a thread: the traces alone pass 32 MB, in well under the time budget.
    const rounds = Array.from({ length: 4 }, (_, i) => `\tint r${i};`).join('\n')
      + Array.from({ length: 4 }, (_, i) => `\n\tr${i} = atomic_read(counter);\n\tatomic_set(counter, r${i} + 1);`).join('');
    const thread = (n: number) => `P${n}(atomic_t *counter, spinlock_t *lock)\n{\n${rounds}\n}\n`;
    const dir = mkdtempSync(join(tmpdir(), 'barrier-lab-run-'));
    mkdirSync(join(dir, 'ann'));
    writeFileSync(join(dir, 'ann', 'lost-update-atomic.litmus'), `C lost-update-atomic\n\n{}\n\n${thread(0)}\n${thread(1)}\nforall (counter=2)\n`);
    const plan = await planRun({ settings: { mode: { kind: 'course' }, timeoutSeconds: 120, memoryMb: 32 }, paths: [dir], jobs: 1 });
    const book = await startRun(plan, { jobs: 1 }).done;
    expect(book.records).toHaveLength(1);
    expect(book.records[0]).toMatchObject({
      status: 'inconclusive', scoreGiven: 0, gradingProgress: 'PendingManual',
      reason: expect.stringMatching(/^Not decided: under \w+ the check hit the memory budget \(32 MB\) during [a-z ]+, so no verdict is given\.$/),
    });
  }, 120_000);

  it('a check over its time budget is inconclusive, with the budget named', async () => {
    // lost-update-atomic lets the code change: three read-increment-write rounds a thread take seconds to explore.
    const rounds = Array.from({ length: 3 }, (_, i) => `\tint r${i};`).join('\n')
      + Array.from({ length: 3 }, (_, i) => `\n\tr${i} = atomic_read(counter);\n\tatomic_set(counter, r${i} + 1);`).join('');
    const thread = (n: number) => `P${n}(atomic_t *counter, spinlock_t *lock)\n{\n${rounds}\n}\n`;
    const dir = mkdtempSync(join(tmpdir(), 'barrier-lab-run-'));
    mkdirSync(join(dir, 'ann'));
    writeFileSync(join(dir, 'ann', 'lost-update-atomic.litmus'), `C lost-update-atomic\n\n{}\n\n${thread(0)}\n${thread(1)}\nforall (counter=2)\n`);
    const plan = await planRun({ settings: { mode: { kind: 'course' }, timeoutSeconds: 0.05, memoryMb: 256 }, paths: [dir], jobs: 1 });
    const book = await startRun(plan, { jobs: 1 }).done;
    expect(book.records).toHaveLength(1);
    expect(book.records[0]).toMatchObject({
      status: 'inconclusive', scoreGiven: 0, gradingProgress: 'PendingManual', reason: expect.stringMatching(/the check hit the time budget \(0\.05 s\) during [a-z ]+, so no verdict is given/),
    });
  }, 120_000);
});
