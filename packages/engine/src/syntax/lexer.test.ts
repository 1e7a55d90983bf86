import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from './diagnostic-sink.ts';
import { Lexer } from './lexer.ts';
import { LineIndex } from './line-index.ts';

function lex(text: string) {
  const sink = new DiagnosticSink(new LineIndex(text));
  const lexer = new Lexer(text, sink);
  const tokens = lexer.tokenize();
  return { tokens, texts: tokens.map((t) => t.text), diagnostics: sink.sorted(), unroll: lexer.unroll };
}

describe('lexer', () => {
  it('reads identifiers, numbers and operators with offsets', () => {
    const { tokens } = lex('r0 = 0x1f+12;');
    expect(tokens.map(({ kind, text, start, end, value }) => ({ kind, text, start, end, value }))).toEqual([
      { kind: 'ident', text: 'r0', start: 0, end: 2, value: 0 },
      { kind: 'punct', text: '=', start: 3, end: 4, value: 0 },
      { kind: 'number', text: '0x1f', start: 5, end: 9, value: 31 },
      { kind: 'punct', text: '+', start: 9, end: 10, value: 0 },
      { kind: 'number', text: '12', start: 10, end: 12, value: 12 },
      { kind: 'punct', text: ';', start: 12, end: 13, value: 0 },
      { kind: 'eof', text: '', start: 13, end: 13, value: 0 },
    ]);
  });

  it('takes the longest operator', () => {
    expect(lex('a<<=b>>c<=d/\\e\\/f=>g->h!=i++').texts).toEqual([
      'a', '<<=', 'b', '>>', 'c', '<=', 'd', '/\\', 'e', '\\/', 'f', '=>', 'g', '->', 'h', '!=', 'i', '++', '',
    ]);
  });

  it('accepts C integer suffixes and reports malformed numbers', () => {
    expect(lex('1UL 2u').tokens.slice(0, 2).map((t) => t.value)).toEqual([1, 2]);
    const { diagnostics } = lex('0x 12abc 99999999999999999999');
    expect(diagnostics.map((d) => [d.code, d.span.column, d.span.endColumn])).toEqual([
      ['syntax/invalid-number', 1, 3],
      ['syntax/invalid-number', 4, 9],
      ['syntax/number-too-large', 10, 30],
    ]);
  });

  it('skips //, /* */ and nested (* *) comments at the top level', () => {
    expect(lex('a // x\nb /* y\n */ c (* z (* nested *) still *) d').texts).toEqual(['a', 'b', 'c', 'd', '']);
  });

  it('treats (* as C inside a thread, and as a comment again after it', () => {
    const { texts } = lex('P0(int *x) { WRITE_ONCE(*x, 1); } (* done *) exists');
    expect(texts).toEqual([
      'P0', '(', 'int', '*', 'x', ')', '{', 'WRITE_ONCE', '(', '*', 'x', ',', '1', ')', ';', '}', 'exists', '',
    ]);
  });

  it('leaves thread mode at a clause word even when a brace is missing', () => {
    expect(lex('P0() { r = (*x);\nexists (* c *) (x=1)').texts).toEqual([
      'P0', '(', ')', '{', 'r', '=', '(', '*', 'x', ')', ';', 'exists', '(', 'x', '=', '1', ')', '',
    ]);
  });

  it('stays in thread mode for a variable named like a thread', () => {
    expect(lex('P0() {\n  P1 = 1;\n  r = (*x);\n}').texts).toContain('*');
  });

  it('skips a byte order mark and no-break spaces', () => {
    expect(lex('\ufeffa\u00a0b').texts).toEqual(['a', 'b', '']);
  });

  it('marks the first token of each line', () => {
    const { tokens } = lex('a b\n  c /* \n */ d');
    expect(tokens.map((t) => t.firstOnLine)).toEqual([true, false, true, true, true]);
  });

  it('reports unterminated comments at their opening', () => {
    const nested = lex('x\n  (* a (* b *)\n y');
    expect(nested.diagnostics).toEqual([
      expect.objectContaining({
        code: 'syntax/unterminated-comment',
        span: { line: 2, column: 3, endLine: 2, endColumn: 5 },
      }),
    ]);
    expect(nested.texts).toEqual(['x', '']);
    expect(lex('/* open').diagnostics[0]?.message).toBe("unterminated comment: '/*' is never closed by '*/'");
  });

  it('reads strings, also over several lines, and reports unterminated ones up to the line end', () => {
    expect(lex('"a\nb" c').texts).toEqual(['"a\nb"', 'c', '']);
    const open = lex('"abc\nd');
    expect(open.texts).toEqual(['"abc', 'd', '']);
    expect(open.diagnostics[0]?.code).toBe('syntax/unterminated-string');
  });

  it('reports a run of unexpected characters once', () => {
    const { texts, diagnostics } = lex('a @$` b # c');
    expect(texts).toEqual(['a', 'b', 'c', '']);
    expect(diagnostics.map((d) => [d.message, d.span.column, d.span.endColumn])).toEqual([
      ["unexpected characters '@$`'", 3, 6],
      ["unexpected character '#'", 9, 10],
    ]);
    expect(diagnostics[1]?.hint).toContain('preprocessor');
  });

  it('finds @unroll in any kind of comment', () => {
    expect(lex('// @unroll 3\nx').unroll?.value).toBe(3);
    expect(lex('(* @unroll 12 *) x').unroll?.value).toBe(12);
    expect(lex('P0() { /* @unroll 2 */ }').unroll?.value).toBe(2);
  });

  it('warns about a malformed or conflicting @unroll and keeps the first', () => {
    const { unroll, diagnostics } = lex('// @unroll x\n// @unroll 4\n// @unroll 4\n// @unroll 5');
    expect(unroll?.value).toBe(4);
    expect(diagnostics.map((d) => [d.code, d.severity, d.span.line])).toEqual([
      ['syntax/bad-unroll', 'warning', 1],
      ['syntax/duplicate-unroll', 'warning', 4],
    ]);
  });
});
