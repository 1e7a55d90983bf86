/**
 * A region of source text. Lines and columns are 1-based; `endColumn` is
 * exclusive, so a one-character span at column 5 has `endColumn: 6`.
 */
export interface Span {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/**
 * Bad user input, as a value: ready for a Monaco marker or a CLI caret.
 * `code` is stable (tests and docs refer to it); `message` is for people.
 */
export interface Diagnostic {
  readonly code: string;
  readonly message: string;
  readonly span: Span;
  readonly severity: 'error' | 'warning';
  readonly hint?: string;
}
