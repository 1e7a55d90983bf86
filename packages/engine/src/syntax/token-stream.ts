// The cursor every parser reads tokens through. It also owns the two things
// all parsers share: error reporting with good spans, and the nesting budget
// that keeps hostile input (ten thousand '(') from overflowing the stack.
import type { Span } from './diagnostic.ts';
import { ABORT, MAX_NESTING, type DiagnosticSink, type SyntaxCode } from './diagnostic-sink.ts';
import { CLAUSE_WORDS, describeToken, isPunct, isThreadName, isWord, type Token } from './token.ts';
import type { Meter } from '../budget/meter.ts';

const OPENERS: ReadonlySet<string> = new Set(['(', '[', '{']);
const CLOSERS: ReadonlySet<string> = new Set([')', ']', '}']);

/** A cursor over the tokens of one test, with error reporting. */
export class TokenStream {
  private index = 0;
  private nesting = 0;
  private tooDeepReported = false;
  private unclosedReportedAt = -1;

  /** `tokens` must end with an `eof` token; `meter` is ticked for every token consumed. */
  constructor(
    private readonly tokens: readonly Token[],
    readonly sink: DiagnosticSink,
    private readonly meter?: Meter,
  ) {
    if (tokens[tokens.length - 1]?.kind !== 'eof') throw new RangeError('TokenStream: tokens must end with eof');
  }

  /** The token under the cursor (`eof` at the end). */
  get current(): Token {
    return this.tokens[this.index] as Token;
  }

  /** The token `offset` places after the current one (clamped to `eof`). */
  peek(offset = 1): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)] as Token;
  }

  /** A number that grows with every token consumed (for progress checks). */
  get position(): number {
    return this.index;
  }

  /** The end offset of the last consumed token (0 before the first). */
  get previousEnd(): number {
    return this.index === 0 ? 0 : (this.tokens[this.index - 1] as Token).end;
  }

  /** Consumes and returns the current token; `eof` is never consumed. */
  advance(): Token {
    const token = this.current;
    this.meter?.tick();
    if (token.kind !== 'eof') this.index++;
    return token;
  }

  /** True when the current token is the punctuation `text`. */
  atPunct(text: string): boolean {
    return isPunct(this.current, text);
  }

  /** True when the current token is the identifier (or keyword) `text`. */
  atWord(text: string): boolean {
    return isWord(this.current, text);
  }

  /** True at the end of the tokens. */
  get atEof(): boolean {
    return this.current.kind === 'eof';
  }

  /** Consumes the punctuation `text` if it is next. */
  eatPunct(text: string): Token | undefined {
    return this.atPunct(text) ? this.advance() : undefined;
  }

  /**
   * Consumes the punctuation `text`, or reports "expected {what}" where it is
   * missing (see `failMissing`) and aborts. `what` reads like `"')' to close the call"`.
   */
  expectPunct(text: string, what: string, code: SyntaxCode = 'syntax/unexpected-token', hint?: string): Token {
    const token = this.eatPunct(text);
    if (token === undefined) this.failMissing(what, code, hint);
    return token;
  }

  /** Reports "expected {what}, but found ..." over the token found (see `reportExpected`), and aborts. */
  failExpected(what: string, code: SyntaxCode = 'syntax/unexpected-token', hint?: string): never {
    this.reportExpected(what, code, hint, false);
    throw ABORT;
  }

  /**
   * Reports "expected {what}, but found ..." for something missing after the
   * previous token (a ';', a ')'), and aborts.
   */
  failMissing(what: string, code: SyntaxCode = 'syntax/unexpected-token', hint?: string): never {
    this.reportExpected(what, code, hint, true);
    throw ABORT;
  }

  /**
   * Reports "expected {what}, but found ...". The span is the token found,
   * except when that is the end of the file, or (with `missing`) when it
   * starts a later line than the previous token or is a '}': then it is the
   * empty place just after the previous token, where a forgotten ';' or ')'
   * goes, not the innocent token after it.
   */
  reportExpected(what: string, code: SyntaxCode, hint: string | undefined, missing: boolean): void {
    const token = this.current;
    const atGap = this.index > 0 && (token.kind === 'eof' || (missing && (token.firstOnLine || isPunct(token, '}'))));
    const [start, end] = atGap ? [this.previousEnd, this.previousEnd] : [token.start, token.end];
    this.sink.error(code, `expected ${what}, but found ${describeToken(token)}`, start, end, hint);
  }

  /**
   * Reports "expected '}' to close ..." with `syntax/unclosed-brace`, unless
   * an enclosing block was just reported at the same token: at the end of a
   * file missing three '}', one message says it better than three.
   */
  reportUnclosed(what: string): void {
    if (this.unclosedReportedAt === this.index) return;
    this.unclosedReportedAt = this.index;
    this.reportExpected(what, 'syntax/unclosed-brace', undefined, true);
  }

  /** Reports an error over `token` (default: the current one) and aborts. */
  fail(code: SyntaxCode, message: string, hint?: string, token: Token = this.current): never {
    this.sink.error(code, message, token.start, token.end, hint);
    throw ABORT;
  }

  /** The span of the offsets `[start, end)`. */
  span(start: number, end: number): Span {
    return this.sink.lines.span(start, end);
  }

  /** The span from offset `start` to the end of the last consumed token. */
  spanFrom(start: number): Span {
    return this.sink.lines.span(start, Math.max(start, this.previousEnd));
  }

  /** The 1-based line of offset `offset`. */
  lineOf(offset: number): number {
    return this.sink.lines.position(offset).line;
  }

  /**
   * Opens one nesting level (a block, a parenthesis, an operand...). Returns
   * false when `MAX_NESTING` levels are already open, after reporting that
   * once per test: the caller must then skip the construct at the cursor
   * instead of recursing, and must not call `leave`. After a true result the
   * caller must call `leave` (in a `finally`). This keeps recursion depth, and
   * so the stack, bounded whatever the input.
   */
  enter(): boolean {
    if (this.nesting >= MAX_NESTING) {
      if (!this.tooDeepReported) {
        this.tooDeepReported = true;
        this.sink.error('syntax/too-deep', `the code is nested too deeply (more than ${MAX_NESTING} levels)`,
          this.current.start, this.current.end, 'split deeply nested expressions, blocks or conditions into simpler ones');
      }
      return false;
    }
    this.nesting++;
    return true;
  }

  /** Closes the nesting level opened by a successful `enter`. */
  leave(): void {
    this.nesting--;
  }

  /**
   * Skips tokens, jumping over bracketed groups whole, until `stop` holds for
   * a token outside any group (not consumed), an unmatched closer, a new
   * section of the test, or the end. With `skipOpener`, a group opening right
   * at the cursor is skipped even if `stop` holds for its opener. Iterative,
   * so any depth is fine.
   */
  skipBalanced(stop: (token: Token) => boolean, skipOpener = false): void {
    let depth = 0;
    let first = skipOpener;
    for (;;) {
      const token = this.current;
      if (token.kind === 'eof' || this.atSectionStart(true)) return;
      const opener = token.kind === 'punct' && OPENERS.has(token.text);
      if (depth === 0 && stop(token) && !(first && opener)) return;
      first = false;
      if (opener) depth++;
      else if (token.kind === 'punct' && CLOSERS.has(token.text)) {
        if (depth === 0) return;
        depth--;
      }
      this.advance();
    }
  }

  /**
   * Skips the bracketed group whose opener is at the cursor, up to and
   * including its closer (or up to a new section of the test, or the end).
   */
  skipGroup(): void {
    let depth = 0;
    do {
      const token = this.current;
      if (token.kind === 'eof' || (depth > 0 && this.atSectionStart(true))) return;
      if (token.kind === 'punct') {
        if (OPENERS.has(token.text)) depth++;
        else if (CLOSERS.has(token.text)) depth--;
      }
      this.advance();
    } while (depth > 0);
  }

  /**
   * True at the start of a new part of the test: a clause word (`exists`,
   * `forall`, `locations`, `filter`, `~exists`), `regions:` or a thread `P<n>(`. With
   * `threadMustStartLine`, a `P<n>(` counts only as the first token on its
   * line (inside a body it could otherwise be read as a call).
   */
  atSectionStart(threadMustStartLine: boolean): boolean {
    const token = this.current;
    if (token.kind === 'ident') {
      if (CLAUSE_WORDS.has(token.text)) return true;
      if (token.text === 'regions' && isPunct(this.peek(), ':')) return true;
      return isThreadName(token) && isPunct(this.peek(), '(') && (token.firstOnLine || !threadMustStartLine);
    }
    return isPunct(token, '~') && isWord(this.peek(), 'exists');
  }
}
