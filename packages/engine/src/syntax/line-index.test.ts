import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LineIndex } from './line-index.ts';

describe('LineIndex', () => {
  const text = 'C MP\n{\n}\r\nP0(int *x)\n';
  const index = new LineIndex(text);

  it('maps offsets to 1-based lines and columns', () => {
    expect(index.position(0)).toEqual({ line: 1, column: 1 });
    expect(index.position(2)).toEqual({ line: 1, column: 3 });
    expect(index.position(5)).toEqual({ line: 2, column: 1 });
    expect(index.position(text.indexOf('P0'))).toEqual({ line: 4, column: 1 });
  });

  it('clamps offsets outside the text', () => {
    expect(index.position(-3)).toEqual({ line: 1, column: 1 });
    expect(index.position(10_000)).toEqual(index.position(text.length));
  });

  it('returns line texts without newlines or carriage returns', () => {
    expect(index.lineText(3)).toBe('}');
    expect(index.lineText(4)).toBe('P0(int *x)');
    expect(index.lineText(99)).toBe('');
  });

  it('builds spans whose end never precedes their start', () => {
    expect(index.span(5, 6)).toEqual({ line: 2, column: 1, endLine: 2, endColumn: 2 });
    expect(index.span(6, 2)).toEqual({ line: 2, column: 2, endLine: 2, endColumn: 2 });
  });

  it('agrees with a naive split for any text and offset', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '\n', ' ') }), fc.nat(), (s, n) => {
        const offset = s.length === 0 ? 0 : n % (s.length + 1);
        const before = s.slice(0, offset).split('\n');
        expect(new LineIndex(s).position(offset)).toEqual({
          line: before.length,
          column: (before[before.length - 1] ?? '').length + 1,
        });
      }),
    );
  });
});
