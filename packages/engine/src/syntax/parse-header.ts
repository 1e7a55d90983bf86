// The first line, `C MP+pooncerelease+poacquireonce`. It is read as raw text,
// not as tokens: a test name is any run of non-blank characters (herd7's
// splitter allows `+ . - [ ] ,` and more), which the C lexer would split up.
import type { Identifier } from './ast.ts';
import type { Lexer } from './lexer.ts';

/** The arch word and test name, when found. */
export interface Header {
  readonly arch: Identifier;
  readonly name: Identifier;
  /** Offsets of the header line's text (after leading comments). */
  readonly start: number;
  readonly end: number;
}

const isWordChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
/** Whitespace that does not end the line (as in the lexer). */
const isBlank = (c: number): boolean =>
  c === 32 || c === 9 || c === 11 || c === 12 || c === 13 || c === 0xfeff || c === 0xa0;
const isSpace = (c: number): boolean => isBlank(c) || c === 10;

/**
 * Reads `arch name` at the lexer's position (after comments), reporting a
 * missing or unsupported header, and leaves the lexer after the name. Returns
 * undefined, consuming only comments, when the text does not start with a header.
 */
export function parseHeader(lexer: Lexer): Header | undefined {
  const { text, sink } = lexer;
  lexer.skipTrivia();
  const start = lexer.pos;
  let at = start;
  while (at < text.length && isWordChar(text.charCodeAt(at))) at++;
  const archEnd = at;
  // A header word stands alone: `P0(` or `{` is a test that forgot its header.
  if (archEnd === start || (archEnd < text.length && !isSpace(text.charCodeAt(archEnd)))) {
    const end = archEnd === start ? Math.min(start + 1, text.length) : archEnd;
    sink.error('syntax/missing-header', 'a litmus test must start with a line like \'C MP+poonceonces\'', start, end,
      "the first line names the language ('C') and then the test");
    return undefined;
  }
  const arch = text.slice(start, archEnd);
  if (arch !== 'C') {
    sink.error('syntax/unsupported-arch', `Barrier Lab runs only C litmus tests, but this one is for '${arch}'`,
      start, archEnd, "start the test with 'C', as in 'C MP+poonceonces'");
  }
  while (at < text.length && isBlank(text.charCodeAt(at))) at++;
  const nameStart = at;
  while (at < text.length && !isSpace(text.charCodeAt(at))) at++;
  if (at === nameStart) {
    sink.error('syntax/missing-test-name', `expected the test's name after '${arch}'`, start, archEnd,
      `write the name on the same line, as in '${arch} MP+poonceonces'`);
  }
  lexer.skipTo(at);
  return {
    arch: { name: arch, span: sink.lines.span(start, archEnd) },
    name: { name: text.slice(nameStart, at), span: sink.lines.span(nameStart, at) },
    start,
    end: at,
  };
}
