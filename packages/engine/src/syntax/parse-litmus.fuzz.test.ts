// The parser's contract under random input (see bench/fuzz-parser.ts, which
// runs the same properties on many more inputs): it never throws, every
// diagnostic has a valid span, and a test without errors has an AST.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkParse, corpusMutants, inputFamilies, mutate } from '../../bench/fuzz-parser.ts';
import { loadCorpus } from '../../test-support/golden-corpus.ts';
import { parseLitmus } from './parse-litmus.ts';

const corpus = loadCorpus().map(([, text]) => text);

/** Each family gets a few seconds at most, so CI stays fast. */
const budget = { numRuns: 3000, interruptAfterTimeLimit: 3000 };

const keepsContract = (input: string): void => {
  expect(checkParse(input)).toBeUndefined();
};

describe('parseLitmus under fuzzing', () => {
  it('keeps its contract on random strings', () => {
    fc.assert(fc.property(inputFamilies.randomStrings, keepsContract), budget);
  });

  it('keeps its contract on random token soups', () => {
    fc.assert(fc.property(inputFamilies.tokenSoups, keepsContract), budget);
  });

  it('keeps its contract on mutated corpus tests', () => {
    fc.assert(fc.property(corpusMutants(corpus), keepsContract), budget);
  });

  it('mutates text the way the generators describe', () => {
    expect(mutate('abcdef', [{ kind: 'delete', at: 1, length: 2 }])).toBe('adef');
    expect(mutate('abcdef', [{ kind: 'duplicate', at: 1, length: 2 }])).toBe('abcbcdef');
    expect(mutate('abcdef', [{ kind: 'insert', at: 3, text: 'X' }])).toBe('abcXdef');
    expect(mutate('abcdef', [{ kind: 'swap', at: 0, other: 4, length: 2 }])).toBe('efcdab');
  });

  it('notices every kind of broken contract', () => {
    // The checker must catch problems, or the properties above prove nothing.
    const text = 'C T\n{}\nP0() { r0 = ; }';
    const real = parseLitmus(text);
    const span = { line: 1, column: 1, endLine: 1, endColumn: 2 };
    const diagnostic = { code: 'syntax/x', message: 'm', span, severity: 'error' as const };
    expect(checkParse(text)).toBeUndefined();
    expect(checkParse(text, () => { throw new Error('boom'); })).toMatch(/^parseLitmus threw: Error: boom/);
    expect(checkParse(text, () => ({ ast: undefined, diagnostics: [] }))).toBe('no error, but no AST');
    expect(checkParse(text, () => ({ ast: undefined, diagnostics: [{ ...diagnostic, span: { ...span, line: 9 } }] }))).toMatch(
      /span outside the text/,
    );
    expect(checkParse(text, () => ({ ast: undefined, diagnostics: [{ ...diagnostic, span: { ...span, endColumn: 0 } }] }))).toMatch(
      /span outside the text/,
    );
    expect(checkParse(text, () => ({ ast: undefined, diagnostics: [{ ...diagnostic, span: { ...span, column: 2, endColumn: 1 } }] }))).toMatch(
      /ends before it starts/,
    );
    expect(checkParse(text, () => ({ ast: undefined, diagnostics: [{ ...diagnostic, code: 'syntax/internal-error' }] }))).toMatch(
      /^internal error/,
    );
    const badAst = real.ast && { ...real.ast, name: { name: 'T', span: { ...span, column: 99 } } };
    expect(checkParse(text, () => ({ ast: badAst, diagnostics: [] }))).toMatch(/^AST node: span outside the text/);
  });
});
