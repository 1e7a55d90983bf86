import { describe, expect, it } from 'vitest';
import { parsePrediction } from './predict.ts';

describe('parsePrediction', () => {
  it('reads one line per model, case-insensitively, with comments', () => {
    expect(parsePrediction('# my answer\nsc: never\nLKMM: Sometimes // weak\n', ['sc', 'lkmm'])).toEqual({
      predictions: { sc: 'Never', lkmm: 'Sometimes' }, diagnostics: [],
    });
  });

  it('reads a file saved with Windows line endings, comments included (the template shown, filled in)', () => {
    expect(parsePrediction('# The program:\r\n#   exists (0:r0=0)\r\nsc: Never // sure\r\nlkmm: Sometimes\r\n', ['sc', 'lkmm'])).toEqual({
      predictions: { sc: 'Never', lkmm: 'Sometimes' }, diagnostics: [],
    });
  });

  it('points at a second line for a model that says otherwise; the same answer twice is fine', () => {
    const twice = parsePrediction('sc: Never\ntso: Sometimes\nSC: always\n', ['sc', 'tso']);
    expect(twice.diagnostics).toEqual([{
      code: 'predict/conflict', severity: 'error', span: { line: 3, column: 1, endLine: 3, endColumn: 11 },
      message: 'sc is predicted twice: Never on line 1, Always here. Keep the one you mean.',
    }]);
    expect(parsePrediction('sc: Never\ntso: Sometimes\nsc: Never\n', ['sc', 'tso'])).toEqual({ predictions: { sc: 'Never', tso: 'Sometimes' }, diagnostics: [] });
  });

  it('reads a single word for every model', () => {
    expect(parsePrediction('Never', ['sc', 'tso']).predictions).toEqual({ sc: 'Never', tso: 'Never' });
  });

  it('points at a line it cannot read', () => {
    const { diagnostics } = parsePrediction('sc: Never\n  lkmm: maybe', ['sc', 'lkmm']);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'predict/syntax', span: expect.objectContaining({ line: 2, column: 3 }) })]);
    expect(diagnostics[0]!.message).toContain('"maybe" is not an outcome');
    expect(parsePrediction('arm: Never', ['lkmm']).diagnostics[0]!.message).toContain('"arm" is not a model of this exercise');
  });

  it('wants a prediction for every model', () => {
    const { diagnostics } = parsePrediction('sc: Never', ['sc', 'lkmm']);
    expect(diagnostics).toEqual([expect.objectContaining({
      code: 'predict/missing', message: 'No prediction yet for lkmm: write one line per model, e.g. "lkmm: Never" (or Sometimes, Always).',
    })]);
  });

  it('names the lines of a template still to fill in, in one message at the first of them', () => {
    const { diagnostics } = parsePrediction('# Can both read 0?\nsc: ?\ntso:\nlkmm: ?\n', ['sc', 'tso', 'lkmm']);
    expect(diagnostics).toEqual([{
      code: 'predict/missing', severity: 'error', span: { line: 2, column: 1, endLine: 2, endColumn: 6 },
      message: 'No prediction yet for sc, tso and lkmm: replace each ? with Never, Sometimes or Always.',
    }]);
    expect(parsePrediction('sc: Never\nlkmm: ?', ['sc', 'lkmm']).diagnostics.map((d) => d.message))
      .toEqual(['No prediction yet for lkmm: replace each ? with Never, Sometimes or Always.']);
  });

  it('reports a line it cannot read before any line left unfilled', () => {
    const { diagnostics } = parsePrediction('sc: maybe\nlkmm: ?', ['sc', 'lkmm']);
    expect(diagnostics.map((d) => d.code)).toEqual(['predict/syntax']);
  });

  it('names the first few unreadable lines, then how far the rest go, in one diagnostic (a program handed in as a prediction)', () => {
    const program = 'C SB\n\n{ x=0; y=0; }\n\nP0(int *x, int *y)\n{\n\tWRITE_ONCE(*x, 1);\n\tr0 = READ_ONCE(*y);\n}\n\nexists (0:r0=0)\n';
    const { diagnostics } = parsePrediction(program, ['sc', 'tso', 'lkmm']);
    expect(diagnostics.map((d) => [d.code, d.span.line])).toEqual([['predict/syntax', 1], ['predict/syntax', 3], ['predict/syntax', 5], ['predict/syntax', 6]]);
    expect(diagnostics[3]!.message).toBe('5 more lines, to line 11, are not predictions either: is this the right file? A prediction is one line per model, such as "lkmm: Sometimes".');
    // Four bad lines are all named: a summary would save nothing.
    expect(parsePrediction('a b\nc d\ne f\ng h\n', ['sc']).diagnostics.map((d) => d.span.line)).toEqual([1, 2, 3, 4]);
  });
});
