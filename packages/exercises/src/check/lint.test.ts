import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lint } from './lint.ts';
import { check } from './check.ts';
import { exercise, exercises } from '../catalog/catalog.ts';
import type { CodeExercise } from '../schema/exercise.ts';

const mp = exercise('mp-wmb-rmb') as CodeExercise;

describe('lint', () => {
  it('has nothing to say about every starter and every reference solution', () => {
    for (const e of exercises()) {
      if (e.kind !== 'predict') expect(lint(e.id, e.starter.source).filter((d) => d.severity === 'error'), e.id).toEqual([]);
      for (const s of e.solutions) expect(lint(e.id, s.source).filter((d) => d.severity === 'error'), `${e.id} ${s.file}`).toEqual([]);
    }
  });

  it('reports a syntax error at its line, as check() does', () => {
    const source = mp.starter.source.replace('WRITE_ONCE(*flag, 1);', 'WRITE_ONCE(*flag, 1;');
    const [first] = lint(mp.id, source);
    expect(first?.severity).toBe('error');
    expect(first?.span.line).toBe(12);
    expect(check(mp.id, source).summary).toContain(`Line ${first?.span.line}`);
  });

  it('reports an edit the exercise does not allow, at the learner line', () => {
    const moved = exercise('mp-wmb-rmb')!.wrong.find((w) => w.result === 'invalid')!;
    const diagnostics = lint(mp.id, moved.source);
    expect(diagnostics.map((d) => d.code)).toContain('edit/not-allowed');
    expect(check(mp.id, moved.source).diagnostics.map((d) => d.code)).toContain('edit/not-allowed');
  });

  it('reports an unknown name found by lowering, not only by parsing, and then not as an edit (as check() does)', () => {
    const source = mp.starter.source.replace('WRITE_ONCE(*msg, 1);', 'WRITE_ONCE(*msg, 1);\n\tsmp_mbb();');
    const diagnostics = lint(mp.id, source);
    expect(diagnostics.some((d) => d.severity === 'error' && d.span.line === 12)).toBe(true);
    expect(diagnostics.map((d) => d.code)).not.toContain('edit/not-allowed');
    expect(check(mp.id, source).diagnostics.map((d) => d.code)).toEqual(diagnostics.map((d) => d.code));
  });

  it('reads a prediction with located errors', () => {
    expect(lint('sb-which-models', 'sc: Never\ntso: Sometimes\nlkmm: Sometimes')).toEqual([]);
    const [problem] = lint('sb-which-models', 'sc: Never\ntso: Perhaps\nlkmm: Sometimes');
    expect(problem?.span.line).toBe(2);
  });

  it('gives a diagnostic, not an exception, for an unknown exercise or random text', () => {
    expect(lint('no-such-exercise', '')[0]?.code).toBe('check/unknown-exercise');
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => {
      expect(Array.isArray(lint(mp.id, text))).toBe(true);
    }), { numRuns: 100 });
  });
});
