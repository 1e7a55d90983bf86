// The lexer: source text to tokens, skipping whitespace and comments.
//
// One subtlety comes from herd7 itself. Outside the threads `(* ... *)` is a
// comment (it nests, as in OCaml), but inside a thread's parameters and body
// `(*` is ordinary C (`WRITE_ONCE(*x, 1)`), so there only `/* */` and `//`
// are comments. herd7's splitter says so: "We can't skip comments in C,
// because "(*" is legal and frequent syntax" (herdtools7 lib/splitter.mll).
// The lexer therefore tracks where it is: it enters thread mode after
// `P<n>(` and leaves at the `}` that closes the body, or early, at a clause
// word (`exists`, ...) or a new `P<n>` at the start of a line, which is where
// the parser recovers too.
import type { DiagnosticSink } from './diagnostic-sink.ts';
import { CLAUSE_WORDS, THREAD_NAME, type Token, type TokenKind } from './token.ts';
import type { Meter } from '../budget/meter.ts';

/** Operators, longest first so that `<<=` wins over `<<` and `<`. */
const PUNCTUATION: readonly string[] = [
  '<<=', '>>=',
  '/\\', '\\/', '=>', '->', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '++', '--',
  '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=',
  '{', '}', '(', ')', '[', ']', ';', ',', ':', '?', '=', '+', '-', '*', '/', '%', '&', '|', '^',
  '!', '~', '<', '>', '.',
];

/** The operators by first character, longest first: one lookup per token. */
const PUNCTUATION_BY_FIRST: ReadonlyMap<number, readonly string[]> = (() => {
  const byFirst = new Map<number, string[]>();
  for (const p of PUNCTUATION) {
    const list = byFirst.get(p.charCodeAt(0)) ?? [];
    list.push(p);
    byFirst.set(p.charCodeAt(0), list);
  }
  return byFirst;
})();

/** The operator at `offset` in `text`, if any. */
function punctuationAt(text: string, offset: number): string | undefined {
  const candidates = PUNCTUATION_BY_FIRST.get(text.charCodeAt(offset));
  if (candidates === undefined) return undefined;
  for (const p of candidates) if (text.startsWith(p, offset)) return p;
  return undefined;
}

/** `@unroll N` in a comment: the loop bound of the Barrier Lab extension. */
const UNROLL = /@unroll\b[ \t]*([0-9A-Za-z_]*)/g;
/** `@flush ipi|broadcast` in a comment: how TLB flushes behave (kernel objects). */
const FLUSH = /@flush\b[ \t]*([0-9A-Za-z_-]*)/g;

type Mode = 'top' | 'params' | 'after-params' | 'body';

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c);
const isHexDigit = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
/**
 * Space, tab, vertical tab, form feed, carriage return (newline is handled
 * apart), and two that editors and web pages slip in: the byte order mark
 * and the no-break space.
 */
const isBlank = (c: number): boolean =>
  c === 32 || c === 9 || c === 11 || c === 12 || c === 13 || c === 0xfeff || c === 0xa0;

/** The `@unroll N` found in the comments, if any. */
export interface UnrollDirective {
  readonly value: number;
  readonly start: number;
  readonly end: number;
}

/**
 * Splits a litmus test into tokens. The header line is read raw first (see
 * `parse-header.ts`, with `skipTrivia`, `pos` and `skipTo`), then `tokenize`
 * reads the rest.
 */
export class Lexer {
  /** The offset of the next character to read. */
  pos = 0;
  /** The first well-formed `@unroll N` seen in a comment. */
  unroll: UnrollDirective | undefined;
  /** The first well-formed `@flush ipi|broadcast` seen in a comment. */
  flush: 'ipi' | 'broadcast' | undefined;

  private mode: Mode = 'top';
  /** Parenthesis depth in `params` mode, brace depth in `body` mode. */
  private depth = 0;
  private afterThreadName = false;
  private lineHasToken = false;

  constructor(
    readonly text: string,
    readonly sink: DiagnosticSink,
    private readonly meter?: Meter,
  ) {}

  /**
   * Moves to `offset`, past raw text the caller read itself (the header);
   * that text counts as a token on its line.
   */
  skipTo(offset: number): void {
    this.pos = offset;
    this.lineHasToken = true;
  }

  /** Reads every remaining token; the last one is always `eof`. */
  tokenize(): Token[] {
    const tokens: Token[] = [];
    for (;;) {
      this.meter?.tick();
      const token = this.next();
      tokens.push(token);
      if (token.kind === 'eof') return tokens;
    }
  }

  /** Skips whitespace and comments (reporting unterminated ones). */
  skipTrivia(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      const d = text.charCodeAt(this.pos + 1);
      if (isBlank(c)) {
        this.pos++;
      } else if (c === 10) {
        this.pos++;
        this.lineHasToken = false;
      } else if (c === 47 /* / */ && d === 47 /* / */) {
        const newline = text.indexOf('\n', this.pos);
        const end = newline < 0 ? text.length : newline;
        this.comment(this.pos, end);
        this.pos = end;
      } else if (c === 47 /* / */ && d === 42 /* * */) {
        this.blockComment();
      } else if (c === 40 /* ( */ && d === 42 /* * */ && this.mode === 'top') {
        this.nestedComment();
      } else {
        return;
      }
    }
  }

  /** Reads the next token, skipping trivia first. */
  next(): Token {
    // A loop, not recursion, past unexpected characters: a megabyte of '@ '
    // must not grow the stack.
    for (;;) {
      this.skipTrivia();
      const firstOnLine = !this.lineHasToken;
      const start = this.pos;
      if (start >= this.text.length) {
        return { kind: 'eof', text: '', start, end: start, value: 0, firstOnLine: true };
      }
      const token = this.scan(start, firstOnLine);
      if (token !== undefined) {
        this.lineHasToken = true;
        this.track(token);
        return token;
      }
    }
  }

  /** Reads the token at `start`, or skips and reports characters that form none. */
  private scan(start: number, firstOnLine: boolean): Token | undefined {
    const text = this.text;
    const c = text.charCodeAt(start);
    if (isIdentStart(c)) {
      let end = start + 1;
      while (end < text.length && isIdentPart(text.charCodeAt(end))) end++;
      return this.make('ident', start, end, 0, firstOnLine);
    }
    if (isDigit(c)) return this.number(start, firstOnLine);
    if (c === 34 /* " */) {
      const close = text.indexOf('"', start + 1);
      if (close >= 0) return this.make('string', start, close + 1, 0, firstOnLine);
      const newline = text.indexOf('\n', start);
      const end = newline < 0 ? text.length : newline;
      this.sink.error('syntax/unterminated-string', 'unterminated string: add the closing \'"\'', start, start + 1);
      return this.make('string', start, end, 0, firstOnLine);
    }
    const punctuation = punctuationAt(text, start);
    if (punctuation !== undefined) {
      // The shared constant string, not a fresh slice: less garbage on big inputs.
      this.pos = start + punctuation.length;
      return { kind: 'punct', text: punctuation, start, end: this.pos, value: 0, firstOnLine };
    }
    // A run of characters that mean nothing here: one diagnostic for the run.
    let end = start + 1;
    while (end < text.length) {
      const e = text.charCodeAt(end);
      if (isIdentPart(e) || isBlank(e) || e === 10 || e === 34 || punctuationAt(text, end) !== undefined) break;
      end++;
    }
    const bad = text.slice(start, end);
    this.sink.error(
      'syntax/unexpected-character',
      end - start === 1 ? `unexpected character '${bad}'` : `unexpected characters '${bad.slice(0, 20)}'`,
      start,
      end,
      bad.startsWith('#') ? 'litmus tests have no preprocessor: remove the line' : undefined,
    );
    this.pos = end;
    return undefined;
  }

  private make(kind: TokenKind, start: number, end: number, value: number, firstOnLine: boolean): Token {
    this.pos = end;
    return { kind, text: this.text.slice(start, end), start, end, value, firstOnLine };
  }

  private number(start: number, firstOnLine: boolean): Token {
    const text = this.text;
    let end = start;
    let digits: string;
    let radix = 10;
    if (text.charCodeAt(start) === 48 && (text.charCodeAt(start + 1) | 32) === 120 /* 0x, 0X */) {
      end = start + 2;
      while (end < text.length && isHexDigit(text.charCodeAt(end))) end++;
      digits = text.slice(start + 2, end);
      radix = 16;
    } else {
      while (end < text.length && isDigit(text.charCodeAt(end))) end++;
      digits = text.slice(start, end);
    }
    // C integer suffixes (1UL, 2u) change the type, not the value.
    while (end < text.length && 'uUlL'.includes(text.charAt(end))) end++;
    if (digits === '' || (end < text.length && isIdentPart(text.charCodeAt(end)))) {
      while (end < text.length && isIdentPart(text.charCodeAt(end))) end++;
      this.sink.error('syntax/invalid-number', `'${text.slice(start, end)}' is not a valid number`, start, end,
        'write a decimal number such as 12 or a hexadecimal one such as 0x1f');
      return this.make('number', start, end, 0, firstOnLine);
    }
    const value = Number.parseInt(digits, radix);
    if (!Number.isSafeInteger(value)) {
      this.sink.error('syntax/number-too-large', `the number ${text.slice(start, end)} is too large`, start, end,
        `numbers must be at most ${Number.MAX_SAFE_INTEGER}`);
      return this.make('number', start, end, 0, firstOnLine);
    }
    return this.make('number', start, end, value, firstOnLine);
  }

  private blockComment(): void {
    const start = this.pos;
    const close = this.text.indexOf('*/', start + 2);
    const end = close < 0 ? this.text.length : close + 2;
    if (close < 0) {
      this.sink.error('syntax/unterminated-comment', "unterminated comment: '/*' is never closed by '*/'", start, start + 2);
    }
    this.comment(start, end);
    this.pos = end;
  }

  private nestedComment(): void {
    const text = this.text;
    const start = this.pos;
    let depth = 1;
    let i = start + 2;
    while (i < text.length && depth > 0) {
      const c = text.charCodeAt(i);
      if (c === 40 && text.charCodeAt(i + 1) === 42) {
        depth++;
        i += 2;
      } else if (c === 42 && text.charCodeAt(i + 1) === 41) {
        depth--;
        i += 2;
      } else {
        i++;
      }
    }
    if (depth > 0) {
      this.sink.error('syntax/unterminated-comment', "unterminated comment: '(*' is never closed by '*)'", start, start + 2,
        "comments may nest, so each '(*' needs its own '*)'; if you meant '(' followed by '*x', put a space between them");
    }
    this.comment(start, i);
    this.pos = i;
  }

  /** Notes a comment `[start, end)`: newlines inside it and `@unroll` directives. */
  private comment(start: number, end: number): void {
    const body = this.text.slice(start, end);
    if (body.includes('\n')) this.lineHasToken = false;
    // matchAll clones its regular expression: look for the directives' names first (most comments have neither).
    const flushes = body.includes('@flush') ? body.matchAll(FLUSH) : [];
    for (const match of flushes) {
      const at = start + (match.index ?? 0);
      const word = match[1] ?? '';
      if (word === 'ipi' || word === 'broadcast') this.flush ??= word;
      else this.sink.warning('syntax/bad-flush', "'@flush' takes 'ipi' or 'broadcast', e.g. '// @flush broadcast'", at, at + match[0].length);
    }
    if (!body.includes('@unroll')) return;
    for (const match of body.matchAll(UNROLL)) {
      const at = start + (match.index ?? 0);
      const until = at + match[0].length;
      const word = match[1] ?? '';
      const value = /^[0-9]+$/.test(word) ? Number.parseInt(word, 10) : Number.NaN;
      if (!Number.isSafeInteger(value)) {
        this.sink.warning('syntax/bad-unroll', "'@unroll' needs a whole number, e.g. '// @unroll 3'", at, until);
      } else if (this.unroll === undefined) {
        this.unroll = { value, start: at, end: until };
      } else if (this.unroll.value !== value) {
        this.sink.warning('syntax/duplicate-unroll',
          `'@unroll' is given twice (${this.unroll.value}, then ${value}): using ${this.unroll.value}`, at, until);
      }
    }
  }

  /** Follows the test's structure closely enough to know whether `(*` is a comment. */
  private track(token: Token): void {
    const { kind, text } = token;
    if (this.mode !== 'top' && kind === 'ident') {
      // Recovery points, as in the parser (TokenStream.atSectionStart): a
      // clause word, or `P<n>(` starting a line.
      const threadStart = token.firstOnLine && THREAD_NAME.test(text) && this.nextNonBlank() === 40; /* ( */
      if (CLAUSE_WORDS.has(text) || threadStart) this.mode = 'top';
    }
    if (this.mode === 'after-params') {
      if (kind === 'punct' && text === '{') {
        this.enterBody();
        return;
      }
      this.mode = 'top';
    }
    switch (this.mode) {
      case 'top':
        if (this.afterThreadName && kind === 'punct' && text === '(') {
          this.mode = 'params';
          this.depth = 1;
        }
        this.afterThreadName = kind === 'ident' && THREAD_NAME.test(text);
        return;
      case 'params':
        if (kind !== 'punct') return;
        if (text === '(') this.depth++;
        else if (text === ')' && --this.depth === 0) this.mode = 'after-params';
        else if (text === '{') this.enterBody(); // `P0(int *x {`: the parser reports the ')'.
        return;
      case 'body':
        if (kind !== 'punct') return;
        if (text === '{') this.depth++;
        else if (text === '}' && --this.depth === 0) this.mode = 'top';
        return;
    }
  }

  /** The code of the next character that is not whitespace (NaN at the end). */
  private nextNonBlank(): number {
    let at = this.pos;
    while (at < this.text.length && (isBlank(this.text.charCodeAt(at)) || this.text.charCodeAt(at) === 10)) at++;
    return this.text.charCodeAt(at);
  }

  private enterBody(): void {
    this.mode = 'body';
    this.depth = 1;
  }
}
