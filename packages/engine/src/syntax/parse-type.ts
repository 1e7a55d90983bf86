// Types as litmus tests write them: a few base words and some `*`s. There are
// two ways to find where a type ends. Where a type is required (parameters,
// typed init items) the words before the declared name are the type, whatever
// they are (`struct srcu_struct *s`, `my_t *p`). Where a type is optional
// (statements, casts) only the known type words below count, as a C compiler
// would know from its typedefs: `r0 * r1;` is an expression, `u32 *r1;` a
// declaration.
import type { TypeRef } from './ast.ts';
import { isPunct, type Token } from './token.ts';
import type { TokenStream } from './token-stream.ts';

/** Words that make up a base type. */
const TYPE_WORDS: ReadonlySet<string> = new Set([
  'int', 'long', 'short', 'char', 'unsigned', 'signed', 'bool', '_Bool', 'void', 'const', 'volatile',
  'u8', 'u16', 'u32', 'u64', 's8', 's16', 's32', 's64',
  '__u8', '__u16', '__u32', '__u64', '__s8', '__s16', '__s32', '__s64',
  'int8_t', 'int16_t', 'int32_t', 'int64_t', 'uint8_t', 'uint16_t', 'uint32_t', 'uint64_t',
  'uintptr_t', 'intptr_t', 'size_t', 'ssize_t',
  'atomic_t', 'atomic_long_t', 'atomic64_t', 'spinlock_t', 'raw_spinlock_t',
  // C11's, as herd7's C lexer has them (lib/CLexer.mll).
  'atomic_int', '_Atomic',
]);

/** Words that introduce a two-word base type (`struct srcu_struct`). */
const TAG_WORDS: ReadonlySet<string> = new Set(['struct', 'union', 'enum']);

/** Words that start statements or types: where one may, it does (see NAME_KEYWORDS for where names stand). */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  ...TYPE_WORDS, ...TAG_WORDS,
  'if', 'else', 'while', 'do', 'for', 'break', 'continue', 'return', 'switch', 'case', 'default', 'goto',
  'sizeof', 'typedef', 'static', 'extern', 'register', 'auto',
]);

/**
 * Words that are never names in a thread's code. herd7's C lexer
 * (lib/CLexer.mll) keeps only a few keywords (`if`, `else`, `while`, its type
 * words, and `regions`, which starts the clause of that name after the
 * threads) and reads every other word as a name, so tests use `continue` or
 * `default` as registers; Barrier Lab's own statements (`break;`,
 * `continue;`, `return`, ...) are recognised where they stand as statements.
 */
export const NAME_KEYWORDS: ReadonlySet<string> = new Set([...TYPE_WORDS, ...TAG_WORDS, 'if', 'else', 'while', 'do', 'for', 'switch', 'sizeof', 'regions']);

/** True for an identifier that may name a register, a parameter or a location. */
export function isNameToken(token: Token): boolean {
  return token.kind === 'ident' && !NAME_KEYWORDS.has(token.text);
}

/** True when `token` is a known type word or `struct`/`union`/`enum`. */
export function isKnownTypeStart(token: Token): boolean {
  return token.kind === 'ident' && (TYPE_WORDS.has(token.text) || TAG_WORDS.has(token.text));
}

/** The base words of a type and where they lie. */
export interface BaseType {
  readonly base: string;
  readonly start: number;
  readonly end: number;
}

/** Words after which another base word may follow (`unsigned long`, `const my_t`). */
const MODIFIERS: ReadonlySet<string> = new Set(['unsigned', 'signed', 'long', 'short', 'const', 'volatile', '_Atomic']);

/**
 * Reads the base words of a type that is required here. A word is taken while
 * `isWordBeforeName(next token)` holds, so the last identifier is left for
 * the declared name; besides, a word may follow another only if it is a known
 * type word or comes after a modifier (`unsigned my_t`), so `int y z` stops
 * at `y`. `struct X` counts as one word. Returns undefined (consuming
 * nothing) when no word precedes the name.
 */
export function parseRequiredBase(ts: TokenStream, isWordBeforeName: (next: Token) => boolean): BaseType | undefined {
  const words: string[] = [];
  const start = ts.current.start;
  let previous: string | undefined;
  while (ts.current.kind === 'ident') {
    const word = ts.current.text;
    const next = ts.peek();
    if (previous !== undefined && !MODIFIERS.has(previous) && !TYPE_WORDS.has(word)) break;
    if (TAG_WORDS.has(word) && next.kind === 'ident') {
      ts.advance();
      words.push(`${word} ${ts.advance().text}`);
      previous = word;
      continue;
    }
    if (!isWordBeforeName(next)) break;
    words.push(ts.advance().text);
    previous = word;
  }
  return words.length === 0 ? undefined : { base: words.join(' '), start, end: ts.previousEnd };
}

/**
 * Reads the base words of a type made of known words only (`unsigned long`,
 * `struct foo`, `u32`). Call it only when `isKnownTypeStart(ts.current)`.
 */
export function parseKnownBase(ts: TokenStream): BaseType {
  const words: string[] = [];
  const start = ts.current.start;
  for (;;) {
    const token = ts.current;
    if (token.kind !== 'ident') break;
    if (TAG_WORDS.has(token.text)) {
      ts.advance();
      const tag = ts.current;
      if (!isNameToken(tag)) ts.failExpected(`a name after '${token.text}'`);
      words.push(`${token.text} ${ts.advance().text}`);
    } else if (TYPE_WORDS.has(token.text)) {
      words.push(ts.advance().text);
    } else {
      break;
    }
  }
  return { base: words.join(' '), start, end: ts.previousEnd };
}

/** Consumes `*`s and counts them. */
export function parseStars(ts: TokenStream): number {
  let stars = 0;
  while (ts.eatPunct('*')) stars++;
  return stars;
}

/** A `TypeRef` from base words followed by `*`s (consumed here). */
export function finishTypeRef(ts: TokenStream, base: BaseType): TypeRef {
  const pointer = parseStars(ts);
  return { base: base.base, pointer, span: ts.span(base.start, Math.max(base.end, ts.previousEnd)) };
}

/** True when `token` is `*`. */
export const isStar = (token: Token): boolean => isPunct(token, '*');
