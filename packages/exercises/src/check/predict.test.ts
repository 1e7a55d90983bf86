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
    expect(diagnostics[0]!.message).toContain('no prediction for lkmm');
    expect(parsePrediction('sc: ?\nlkmm: ?', ['sc', 'lkmm']).diagnostics).toHaveLength(2);
  });
});
