// The first line, `C MP+pooncerelease+poacquireonce`, and what herd7 allows
// between it and the initial state block (the preamble). Both are read as raw
// text, not as tokens: a test name is any run of non-blank characters
// (herd7's splitter allows `+ . - [ ] ,` and more), which the C lexer would
// split up, and the preamble is line-based, as in herd7 (lib/splitter.mll).
import type { Identifier, InfoItem } from './ast.ts';
import type { Lexer } from './lexer.ts';

/** The first words of herd7's tests for other machines and languages (upper-cased). */
const HERD_ARCHS = new Set(['AARCH64', 'ARM', 'PPC', 'X86', 'X86_64', 'RISCV', 'MIPS', 'LISA', 'BELL', 'JAVA', 'ASL', 'CPP', 'OPENCL', 'GPU_PTX', 'PTX', 'C']);

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
  if (arch !== 'C' && !HERD_ARCHS.has(arch.toUpperCase())) {
    // `hello world`, `export { main }`: some other file, not a test for another machine.
    sink.error('syntax/missing-header', `a litmus test must start with a line like 'C MP+poonceonces', not '${arch} ...'`,
      start, archEnd, "the first line names the language ('C') and then the test");
    return undefined;
  }
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
    name: { name: testName(text.slice(nameStart, at)), span: sink.lines.span(nameStart, at) },
    start,
    end: at,
  };
}

/**
 * The test's name as herd7 reports it: a name written with the file's
 * `.litmus` suffix (`C C-CO+o-o.litmus`, common in hand-written tests) loses
 * it, as herd7's splitter cleans it (lib/misc.ml `clean_name`).
 */
export function testName(written: string): string {
  return written.endsWith('.litmus') ? written.slice(0, -'.litmus'.length) : written;
}

/** What the preamble holds: the doc string and diy's `Key=value` lines. */
export interface Preamble {
  readonly doc?: string;
  readonly info: readonly InfoItem[];
}

/** herd7's name of an information key (splitter.mll `name`). */
const INFO_LINE = /^([A-Za-z][A-Za-z0-9_/.-]*)[ \t]*=[ \t]*([^\n\r]*)/;
/** A thread or a clause: the preamble is over (the init block is missing). */
const SECTION_START = /^(P[0-9]+[ \t]*\(|exists\b|forall\b|~[ \t]*exists\b|locations\b|filter\b)/;
/** The header line again (tests pasted twice, or generated so). */
const HEADER_AGAIN = /^[A-Za-z0-9_]+[ \t]+\S+[ \t]*$/;

/**
 * Reads what stands between the header's name and the initial state block,
 * the way herd7's splitter does: the rest of the header line (a `(texname)`,
 * the doc string, a `;`), then line by line a doc string in quotes (diy puts
 * the cycle there), `Key=value` information lines (`Cycle=`, `Relax=`,
 * `Safe=`, `Prefetch=`, `Com=`, `Orig=`, `Hash=`, `Unroll=`...), comments, and
 * any other text, which herd7 skips (a warning here, except for a repeated
 * header line). Stops at the `{` of the init block, at a thread or clause, or
 * at the end, and leaves the lexer there.
 */
export function parsePreamble(lexer: Lexer, header: Header): Preamble {
  const { text, sink } = lexer;
  const info: InfoItem[] = [];
  let doc: string | undefined;
  let at = lexer.pos;
  const blankAt = (i: number) => isBlank(text.charCodeAt(i));
  // The rest of the header line: `(texname)`, then the doc string and `;` may follow.
  while (at < text.length && blankAt(at)) at++;
  const texname = /^\([A-Za-z][A-Za-z0-9_/.-]*\)/.exec(text.slice(at, at + 200));
  if (texname) at += texname[0].length;
  lexer.skipTo(at);
  for (;;) {
    lexer.skipTrivia();
    at = lexer.pos;
    if (at >= text.length) break;
    const c = text.charCodeAt(at);
    if (c === 123 /* { */) break;
    if (c === 59 /* ; */) {
      lexer.skipTo(at + 1);
      continue;
    }
    const lineEnd = endOfLine(text, at);
    const line = text.slice(at, lineEnd);
    if (c === 34 /* " */) {
      const close = text.indexOf('"', at + 1);
      if (close < 0) break; // the lexer reports the unterminated string
      doc ??= text.slice(at + 1, close);
      lexer.skipTo(close + 1);
      continue;
    }
    if (SECTION_START.test(line)) break;
    const item = INFO_LINE.exec(line);
    if (item) {
      const value = item[2]!.replace(/[ \t]+$/, '');
      info.push({ key: item[1]!, value, span: sink.lines.span(at, at + item[0].length) });
      lexer.skipTo(lineEnd);
      continue;
    }
    // herd7 skips anything else up to the end of the line or a '{'.
    const brace = text.indexOf('{', at);
    const end = brace >= 0 && brace < lineEnd ? brace : lineEnd;
    const skipped = text.slice(at, end).replace(/[ \t\r]+$/, '');
    if (!(HEADER_AGAIN.test(skipped) && skipped.split(/[ \t]/)[0] === header.arch.name)) {
      sink.warning('syntax/ignored-text', 'this text before the initial state block is ignored (herd7 skips it too)',
        at, at + skipped.length, "make it a comment (* ... *), or an information line 'Key=value'");
    }
    lexer.skipTo(end);
  }
  return doc === undefined ? { info } : { doc, info };
}

/** The offset of the end of the line holding `at` (its newline, or the end of the text). */
function endOfLine(text: string, at: number): number {
  const newline = text.indexOf('\n', at);
  return newline < 0 ? text.length : newline;
}
