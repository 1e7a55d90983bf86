// The tokens the lexer hands to the parsers. Keywords are plain identifiers:
// whether `exists` or `int` is special depends on where it stands.

/** What kind of text a token is. */
export type TokenKind = 'ident' | 'number' | 'string' | 'punct' | 'eof';

/** One token: its text and its offsets `[start, end)` in the source. */
export interface Token {
  readonly kind: TokenKind;
  /** The exact source text (for `string`, including the quotes). */
  readonly text: string;
  readonly start: number;
  readonly end: number;
  /** For `number`: its value (0 when the lexer already reported it as invalid). */
  readonly value: number;
  /** True when no other token comes before it on its line (always true for `eof`). */
  readonly firstOnLine: boolean;
}

/** `P0`, `P12`: the name of a thread. */
export const THREAD_NAME = /^P(\d+)$/;

/** Words that start a clause after the threads; herd7's splitter stops at them too. */
export const CLAUSE_WORDS: ReadonlySet<string> = new Set(['exists', 'forall', 'locations', 'filter']);

/** True for a thread name such as `P0`. */
export function isThreadName(token: Token): boolean {
  return token.kind === 'ident' && THREAD_NAME.test(token.text);
}

/** True for the punctuation `text`. */
export function isPunct(token: Token, text: string): boolean {
  return token.kind === 'punct' && token.text === text;
}

/** True for the identifier (or keyword) `text`. */
export function isWord(token: Token, text: string): boolean {
  return token.kind === 'ident' && token.text === text;
}

/** How a message names a token: `'r0'`, `'}'`, `the end of the file`. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'the end of the file';
    case 'string':
      return 'a string';
    default: {
      const text = token.text.length > 40 ? `${token.text.slice(0, 37)}...` : token.text;
      return `'${text}'`;
    }
  }
}
