import { describe, expect, it } from 'vitest';
import { parsePrediction } from './predict.ts';

describe('parsePrediction', () => {
  it('reads one line per model, case-insensitively, with comments', () => {
    expect(parsePrediction('# my answer\nsc: never\nLKMM: Sometimes // weak\n', ['sc', 'lkmm'])).toEqual({
      predictions: { sc: 'Never', lkmm: 'Sometimes' }, diagnostics: [],
    });
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
});
