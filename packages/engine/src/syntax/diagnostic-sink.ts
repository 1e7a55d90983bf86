// Where the lexer and the parsers put the problems they find. Offsets go in,
// line/column spans come out, so no parser has to know about lines.
import type { Diagnostic, Span } from './diagnostic.ts';
import type { LineIndex } from './line-index.ts';

/**
 * The stable codes of syntax diagnostics. Tests and docs refer to them, so a
 * code is never renamed; a new kind of problem gets a new code.
 */
export type SyntaxCode =
  | 'syntax/unexpected-character'
  | 'syntax/unterminated-comment'
  | 'syntax/unterminated-string'
  | 'syntax/invalid-number'
  | 'syntax/number-too-large'
  | 'syntax/unexpected-token'
  | 'syntax/unexpected-string'
  | 'syntax/missing-semicolon'
  | 'syntax/unclosed-brace'
  | 'syntax/missing-header'
  | 'syntax/missing-test-name'
  | 'syntax/unsupported-arch'
  | 'syntax/missing-init'
  | 'syntax/misplaced-init'
  | 'syntax/no-threads'
  | 'syntax/duplicate-thread'
  | 'syntax/thread-order'
  | 'syntax/misplaced-thread'
  | 'syntax/misplaced-regions'
  | 'syntax/misplaced-clause'
  | 'syntax/missing-param-type'
  | 'syntax/duplicate-clause'
  | 'syntax/unsupported-statement'
  | 'syntax/unsupported-syntax'
  | 'syntax/else-without-if'
  | 'syntax/invalid-assignment-target'
  | 'syntax/too-deep'
  | 'syntax/too-many-errors'
  | 'syntax/bad-unroll'
  | 'syntax/bad-flush'
  | 'syntax/duplicate-unroll'
  | 'syntax/ignored-text'
  | 'syntax/internal-error';

/** How deeply blocks, statements, expressions and conditions may nest. */
export const MAX_NESTING = 200;

/**
 * How deep a parsed tree may be, counting every node from a thread or clause
 * down: a chain of N operators (`a + b + ...`, `r0 = r1 = ...`) counts N
 * levels, nesting counts one per level. Later passes walk trees recursively;
 * this keeps them far from the stack's end in every host (see tree-depth.ts).
 */
export const MAX_TREE_DEPTH = 1000;

/** After this many errors the parser gives up: later ones are mostly echoes. */
export const MAX_ERRORS = 100;

/**
 * Thrown (as this one shared object) when a construct cannot be parsed; the
 * nearest recovery point catches it and skips to a safe token. It never leaves
 * `parseLitmus`. A shared instance costs nothing to throw (no stack capture).
 */
export class ParseAbort {}
export const ABORT = new ParseAbort();

/** Thrown once the error budget is spent; `parseLitmus` stops there. */
export class ErrorBudgetSpent {}
export const BUDGET_SPENT = new ErrorBudgetSpent();

/** Re-throws anything that is not a recovery signal: programmer errors must surface. */
export function rethrowUnlessAbort(error: unknown): void {
  if (error !== ABORT) throw error;
}

/** Collects diagnostics for one source text. */
export class DiagnosticSink {
  private readonly found: Diagnostic[] = [];
  private errors = 0;

  constructor(readonly lines: LineIndex) {}

  /** Number of errors (not warnings) reported so far. */
  get errorCount(): number {
    return this.errors;
  }

  /**
   * Reports an error over the offsets `[start, end)`. Throws `BUDGET_SPENT`
   * after the `MAX_ERRORS`th error, once a closing note has been added.
   */
  error(code: SyntaxCode, message: string, start: number, end: number, hint?: string): void {
    this.push(code, message, start, end, 'error', hint);
    this.errors++;
    if (this.errors >= MAX_ERRORS) {
      this.push(
        'syntax/too-many-errors',
        `too many errors (${MAX_ERRORS}): stopped reading the test here`,
        end,
        end,
        'error',
        'fix the first errors: later ones are often caused by earlier ones',
      );
      throw BUDGET_SPENT;
    }
  }

  /** Reports an error over `span` (for checks made after parsing, on the tree). */
  errorAt(code: SyntaxCode, message: string, span: Span, hint?: string): void {
    this.found.push(hint === undefined ? { code, message, span, severity: 'error' } : { code, message, span, severity: 'error', hint });
    this.errors++;
  }

  /** Reports a warning over `span`. */
  warnAt(code: SyntaxCode, message: string, span: Span, hint?: string): void {
    this.found.push(hint === undefined ? { code, message, span, severity: 'warning' } : { code, message, span, severity: 'warning', hint });
  }

  /** Reports a warning over the offsets `[start, end)`. */
  warning(code: SyntaxCode, message: string, start: number, end: number, hint?: string): void {
    this.push(code, message, start, end, 'warning', hint);
  }

  /**
   * Reports a fault of the parser itself (a bug, not the user's): outside the
   * error budget, so it is always recorded.
   */
  internalError(error: unknown): void {
    const detail = error instanceof Error ? error.message : String(error);
    this.push('syntax/internal-error', `the parser failed on this test (${detail})`, 0, 0, 'error',
      'this is a bug in Barrier Lab: please report it with the test that caused it');
    this.errors++;
  }

  /** The diagnostics in source order (stable for equal positions). */
  sorted(): Diagnostic[] {
    return this.found
      .map((diagnostic, order) => ({ diagnostic, order }))
      .sort(
        (a, b) =>
          a.diagnostic.span.line - b.diagnostic.span.line ||
          a.diagnostic.span.column - b.diagnostic.span.column ||
          a.order - b.order,
      )
      .map((entry) => entry.diagnostic);
  }

  private push(
    code: SyntaxCode,
    message: string,
    start: number,
    end: number,
    severity: 'error' | 'warning',
    hint: string | undefined,
  ): void {
    const span = this.lines.span(start, end);
    this.found.push(hint === undefined ? { code, message, span, severity } : { code, message, span, severity, hint });
  }
}
