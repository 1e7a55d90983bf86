import { describe, expect, it } from 'vitest';
import { exercise, type CodeExercise } from '@barrier-lab/exercises';
import { CheckService } from './check-service.ts';
import { codePieces, resultWords } from './result-words.ts';
import type { CheckResponse } from './worker-protocol.ts';

const service = new CheckService(() => 0);
const check = (id: string, source: string) => service.handle({ type: 'check', id: 1, exercise: id, source }) as CheckResponse;

describe('resultWords', () => {
  it('says an incorrect answer with its score and its cost against the reference', () => {
    const mp = exercise('mp-wmb-rmb') as CodeExercise;
    const words = resultWords(check(mp.id, mp.starter.source));
    expect(words).toMatchObject({ verdict: 'Incorrect', tone: 'bad' });
    expect(words.details).toEqual(['Score 0 out of 10.', 'No barriers, cost 0; the reference answer costs 8.']);
  });

  it('names what it priced, so an exercise\'s own flush at 0 is not taken for a barrier the learner added', () => {
    const gup = exercise('gup-fast-broadcast-flush') as CodeExercise;
    expect(resultWords(check(gup.id, gup.starter.source)).details).toContain('Cost 0 (`ptep_clear_flush()` on line 26: 0); the reference answer costs 8.');
    const solved = resultWords(check(gup.id, gup.starter.source.replace('try_grab_folio(refcount);', 'try_grab_folio(refcount);\n\t\tsmp_mb__after_atomic();')));
    expect(solved.verdict).toBe('Correct');
    expect(solved.details).toContain('Cost 8 (`ptep_clear_flush()` on line 26: 0, `smp_mb__after_atomic()` on line 45: 8); the reference answer costs 8.');
  });

  it('says what a foreseen mistake misses, after the sentence: a barrier on the writer\'s side only', () => {
    const mp = exercise('mp-wmb-rmb') as CodeExercise;
    const words = resultWords(check(mp.id, mp.starter.source.replace('WRITE_ONCE(*msg, 1);', 'WRITE_ONCE(*msg, 1);\n\tsmp_wmb();')));
    expect(words.verdict).toBe('Incorrect');
    expect(words.mistake).toBe(mp.wrong.find((w) => w.file === 'wrong-only-wmb.litmus')!.note);
    // The starter is wrong too, but no foreseen mistake: nothing is made up.
    expect(resultWords(check(mp.id, mp.starter.source)).mistake).toBeUndefined();
  });

  it('joins a problem that ends in a sentence in brackets and its hint without a stray colon', () => {
    const lost = exercise('lost-update-atomic') as CodeExercise;
    const written = lost.wrong.find((w) => w.file === 'wrong-write-the-result.litmus')!;
    const words = resultWords(check(lost.id, written.source));
    expect(words.verdict).toBe('Invalid');
    expect(words.summary).toMatch(/and some must\.\) The starter code has here: /);
    expect(words.summary).not.toMatch(/\.\):/);
  });

  it('points at the line and column of a typed answer\'s error', () => {
    const mp = exercise('mp-wmb-rmb') as CodeExercise;
    const words = resultWords(check(mp.id, mp.starter.source.replace('READ_ONCE(*flag);', 'READ_ONCE(*flag;')));
    expect(words.verdict).toBe('Invalid');
    expect([words.summary, ...words.details].join('\n')).toMatch(/^Line 20, column \d+: /m);
  });

  it('joins a problem and its hint so they read as one sentence', () => {
    const mp = exercise('mp-wmb-rmb') as CodeExercise;
    const words = resultWords(check(mp.id, mp.starter.source.replace('WRITE_ONCE(*msg, 1);', 'WRITE_ONCE(*msg, 1);\n\tsmp_wmbb();')));
    expect(words.verdict).toBe('Invalid');
    expect(words.summary).toBe("Line 12, column 2: unknown primitive 'smp_wmbb': did you mean `smp_wmb()`?");
  });

  it('says a single error once: in the sentence, not again as a list of one', () => {
    const mp = exercise('mp-wmb-rmb') as CodeExercise;
    const response = check(mp.id, `${mp.starter.source}\nsmp_mb(;;\n`);
    expect(response.result.diagnostics.filter((d) => d.severity === 'error')).toHaveLength(1);
    const words = resultWords(response);
    expect(words.summary).toMatch(/^Line 26, column 1: expected a clause/);
    expect(words.details).toEqual([]);
    // Two errors: the sentence counts them, the list says each.
    const two = resultWords(check(mp.id, mp.starter.source.replace('WRITE_ONCE(*msg, 1);', 'WRITE_ONCE(*msg, ;').replace('r1 = READ_ONCE(*msg);', 'r1 = ;')));
    expect(two.details.length).toBeGreaterThan(1);
    expect(two.summary).toBe(`${two.details.length} problems, each with its line:`);
    expect(two.details.every((d) => /^Line \d+, column \d+: /.test(d))).toBe(true);
  });

  it('tells a prediction form with a model left blank to choose, not to write lines', () => {
    const sb = exercise('sb-which-models')!;
    const response = check(sb.id, 'sc: Never\ntso: Sometimes');
    expect(response.result.status).toBe('invalid');
    expect(resultWords(response).summary).toMatch(/write one line per model/);
    const words = resultWords(response, { graded: true, fromForm: true });
    // The form has no lines, columns or "?" to replace: not in the sentence, not in the details.
    expect(words.summary).toBe('No prediction yet for lkmm: choose Never, Sometimes or Always for each.');
    expect(words.details).toEqual([]);
  });

  it('marks a try under other settings as not graded', () => {
    const mp = exercise('mp-wmb-rmb') as CodeExercise;
    const words = resultWords(check(mp.id, mp.starter.source), { graded: false, tryLabel: 'under tso only' });
    expect(words.details[0]).toBe('A try under tso only: not graded. Check with the exercise\'s own settings for the grade.');
  });

  it('cuts a detail at its backtick-quoted code, so the page shows code and not backticks', () => {
    expect(codePieces("unknown primitive 'smp_wmbb': did you mean `smp_wmb()`?")).toEqual([
      { text: "unknown primitive 'smp_wmbb': did you mean ", code: false },
      { text: 'smp_wmb()', code: true },
      { text: '?', code: false },
    ]);
    expect(codePieces('no code here')).toEqual([{ text: 'no code here', code: false }]);
  });
});
