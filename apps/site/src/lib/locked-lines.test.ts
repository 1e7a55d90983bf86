import { describe, expect, it } from 'vitest';
import { exercise, exercises, type CodeExercise } from '@barrier-lab/exercises';
import { lockedLines } from './locked-lines.ts';
import { firstBrokenLockedLine, locateLockedLines, lockedLinesOf } from '../workbench/locked-lines-guard.ts';

const codeExercises = exercises().filter((e): e is CodeExercise => e.kind !== 'predict');
const mp = exercise('mp-wmb-rmb') as CodeExercise;

describe('lockedLines', () => {
  it('locks the code of message passing and leaves comments, blanks and room for barriers free', () => {
    const lines = mp.starter.source.split('\n');
    const locked = lockedLines(mp.starter.source, mp.mayChange).map((n) => lines[n - 1]!.trim());
    expect(locked).toEqual([
      'C mp-wmb-rmb', '{}',
      'P0(int *msg, int *flag)', '{', 'WRITE_ONCE(*msg, 1);', 'WRITE_ONCE(*flag, 1);', '}',
      'P1(int *msg, int *flag)', '{', 'int r0;', 'int r1;', 'r0 = READ_ONCE(*flag);', 'r1 = READ_ONCE(*msg);', '}',
      '~exists (1:r0=1 /\\ 1:r1=0)',
    ]);
  });

  it('leaves barrier and flush lines of a starter free, and the marked accesses too where the exercise prices orderings', () => {
    const unmap = exercise('unmap-drop-the-flush') as CodeExercise;
    const text = (n: number) => unmap.starter.source.split('\n')[n - 1]!;
    const locked = lockedLines(unmap.starter.source, unmap.mayChange).map(text);
    expect(locked.some((l) => l.includes('smp_mb()'))).toBe(false);
    expect(locked.some((l) => l.includes('ptep_clear_flush'))).toBe(false);
    expect(locked.some((l) => l.includes('page_maybe_dma_pinned'))).toBe(true);

    const ra = exercise('mp-release-acquire') as CodeExercise;
    const raLocked = lockedLines(ra.starter.source, ra.mayChange).map((n) => ra.starter.source.split('\n')[n - 1]!);
    expect(ra.mayChange.orderings.map((o) => o.plain)).toContain('READ_ONCE');
    expect(raLocked.some((l) => /READ_ONCE|WRITE_ONCE/.test(l))).toBe(false);
  });

  it('under the code rule locks only what surrounds the thread bodies', () => {
    const lost = exercise('lost-update-atomic') as CodeExercise;
    const lines = lost.starter.source.split('\n');
    const locked = lockedLines(lost.starter.source, lost.mayChange).map((n) => lines[n - 1]!.trim());
    expect(locked).not.toContain('r0 = atomic_read(counter);');
    expect(locked).toContain('P0(atomic_t *counter, spinlock_t *lock)');
    expect(locked).toContain('forall (counter=2)');
  });

  it('lets a learner write every reference solution, over-fenced and wrong answer of every exercise', () => {
    for (const e of codeExercises) {
      const locked = lockedLinesOf(e.starter.source, lockedLines(e.starter.source, e.mayChange));
      expect(locked.texts.length, e.id).toBeGreaterThan(5);
      const reachable = [...e.solutions, ...e.wrong.filter((w) => w.result === 'incorrect'), ...(e.overFenced ? [e.overFenced] : [])];
      for (const answer of reachable) {
        expect(firstBrokenLockedLine(answer.source, locked), `${e.id} ${answer.file}`).toBeUndefined();
      }
    }
  });

  it('refuses the invalid answer that moves the message write below the flag', () => {
    const locked = lockedLinesOf(mp.starter.source, lockedLines(mp.starter.source, mp.mayChange));
    const moved = mp.wrong.find((w) => w.result === 'invalid')!;
    expect(locateLockedLines(moved.source, locked)).toBeUndefined();
    expect(firstBrokenLockedLine(moved.source, locked)).toMatch(/WRITE_ONCE|}/);
  });
});

describe('locateLockedLines', () => {
  const locked = lockedLinesOf('a\nb\nc\n', [1, 3]);

  it('finds locked lines moved down by new lines between them', () => {
    expect(locateLockedLines('a\nnew\nb\nc\n', locked)).toEqual([1, 4]);
    expect(locateLockedLines('x\na\nc', locked)).toEqual([2, 3]);
  });

  it('ignores indentation, trailing blanks and braces around a single statement, but not any other change', () => {
    expect(locateLockedLines('a  \nc\t', locked)).toEqual([1, 2]);
    expect(locateLockedLines('\t\ta\nc', locked)).toEqual([1, 2]);
    const branch = lockedLinesOf('if (x)\n\ty = 1;\nelse\n\ty = 2;\n}', [1, 2, 3, 4, 5]);
    expect(locateLockedLines('if (x) {\n\ty = 1;\n\tsmp_mb();\n} else {\n\ty = 2;\n}\n}', branch)).toEqual([1, 2, 4, 5, 6]);
    expect(locateLockedLines('if (x)\n\ty = 1;\nelse\n\ty = 2;\n', branch)).toBeUndefined();
    expect(locateLockedLines('a;\nc', locked)).toBeUndefined();
    expect(locateLockedLines('c\na', locked)).toBeUndefined();
    expect(firstBrokenLockedLine('a\nb', locked)).toBe('c');
  });
});
