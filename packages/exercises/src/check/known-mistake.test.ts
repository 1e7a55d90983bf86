import { describe, expect, it } from 'vitest';
import { check } from './check.ts';
import { grade } from '../grade/grade.ts';
import { exercise } from '../catalog/catalog.ts';
import type { CodeExercise, PredictExercise } from '../schema/exercise.ts';

const mp = exercise('mp-wmb-rmb') as CodeExercise;
const onlyWmb = mp.wrong.find((w) => w.file === 'wrong-only-wmb.litmus')!;

describe('a mistake the exercise foresaw', () => {
  it('gets its note: a barrier on the writer\'s side only, written as a learner writes it (own indentation, own comment)', () => {
    const mine = mp.starter.source.replace('\tWRITE_ONCE(*msg, 1);\n', '\tWRITE_ONCE(*msg, 1);\n    smp_wmb();   /* keep the message first */\n');
    expect(mine).not.toBe(onlyWmb.source);
    const result = check(mp.id, mine);
    expect(result.status).toBe('incorrect');
    expect(result.mistake).toBe(onlyWmb.note);
    expect(result.mistake).toMatch(/reader/);
  });

  it('is not claimed for another wrong answer: the starter itself, or the reader\'s side only', () => {
    expect(check(mp.id, mp.starter.source).mistake).toBeUndefined();
    const readerOnly = mp.starter.source.replace('\tr0 = READ_ONCE(*flag);\n', '\tr0 = READ_ONCE(*flag);\n\tsmp_rmb();\n');
    const result = check(mp.id, readerOnly);
    expect(result.status).toBe('incorrect');
    expect(result.mistake).toBeUndefined();
  });

  it('is in the grade\'s feedback, right after its sentence', () => {
    const graded = grade(mp.id, onlyWmb.source);
    expect(graded.feedback.split('\n')[0]).toBe(`${graded.check.summary} ${onlyWmb.note}`);
    expect(grade(mp.id, mp.starter.source).feedback.split('\n')[0]).toBe(check(mp.id, mp.starter.source).summary);
  });

  it('is never said of a correct answer', () => {
    expect(check(mp.id, mp.solutions[0]!.source).mistake).toBeUndefined();
  });

  it('gets its note in a prediction too, whatever order or case the learner wrote the words in', () => {
    const sb = exercise('sb-which-models') as PredictExercise;
    const x86 = sb.wrong.find((w) => w.file === 'wrong-x86-is-strong.txt')!;
    const result = check(sb.id, 'lkmm: sometimes\nsc: never\ntso: never\n');
    expect(result.status).toBe('incorrect');
    expect(result.mistake).toBe(x86.note);
    // Only tso wrong, but not as that file says it: no note.
    expect(check(sb.id, 'sc: Sometimes\ntso: Sometimes\nlkmm: Never\n').mistake).toBeUndefined();
  });
});
