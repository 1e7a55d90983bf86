// The initial state block: `{ x=1; int *p=&y; *q=y; 0:r1=2; spinlock_t l; }`.
// Items are separated by ';' (the last one optional); a broken item is
// skipped up to its ';' so the other items are still read.
import type { InitItem, InitTarget, InitValue, TypeRef } from './ast.ts';
import { rethrowUnlessAbort } from './diagnostic-sink.ts';
import { finishTypeRef, isNameToken, parseRequiredBase } from './parse-type.ts';
import { isPunct, isThreadName, THREAD_NAME, type Token } from './token.ts';
import type { TokenStream } from './token-stream.ts';

const isItemEnd = (token: Token): boolean => isPunct(token, ';') || isPunct(token, '}');

/**
 * Parses the init block with the cursor on its `{`. An unclosed block ends
 * (with a diagnostic) where the first thread or clause starts.
 */
export function parseInitBlock(ts: TokenStream): InitItem[] {
  const open = ts.advance();
  const items: InitItem[] = [];
  for (;;) {
    if (ts.eatPunct('}')) return items;
    if (ts.atEof || ts.atSectionStart(false)) {
      ts.reportUnclosed(`'}' to close the initial state (opened on line ${ts.lineOf(open.start)})`);
      return items;
    }
    if (ts.eatPunct(';')) continue;
    const before = ts.position;
    try {
      items.push(parseInitItem(ts));
      if (!ts.eatPunct(';') && !ts.atPunct('}')) {
        const what = "';' after the initial value";
        const hint = 'separate the initial values with semicolons: { x=1; y=2; }';
        // Forgotten at the end of a line: report it and read on (see statements).
        if (ts.current.firstOnLine) ts.reportExpected(what, 'syntax/missing-semicolon', hint, true);
        else ts.failMissing(what, 'syntax/missing-semicolon', hint);
      }
    } catch (error) {
      rethrowUnlessAbort(error);
      ts.skipBalanced(isItemEnd);
      ts.eatPunct(';');
    }
    if (ts.position === before) ts.advance(); // always make progress
  }
}

/** A type word may stand here if the next token can still begin the item's target. */
const beforeTarget = (next: Token): boolean =>
  next.kind === 'ident' || next.kind === 'number' || isPunct(next, '*') || isPunct(next, '[');

function parseInitItem(ts: TokenStream): InitItem {
  const start = ts.current.start;
  let type: TypeRef | undefined;
  // `P0:r1` is a register, not a type word followed by something.
  if (!(isThreadName(ts.current) && isPunct(ts.peek(), ':'))) {
    const base = parseRequiredBase(ts, beforeTarget);
    if (base !== undefined) type = finishTypeRef(ts, base);
  }
  if (type === undefined && ts.atPunct('*')) {
    // herd7's `*p = x;` (stateParser.mly, TyDefPointer): a pointer of the default type, one star only.
    const star = ts.advance();
    type = { base: 'int', pointer: 1, span: ts.span(star.start, star.end) };
  }
  const target = parseInitTarget(ts);
  if (ts.atPunct('[')) {
    // herd7 has no arrays either; the item is skipped up to its ';' (`int a[2] = {0, 0};`).
    ts.fail('syntax/unsupported-syntax', 'arrays are not supported in litmus tests', 'use separate variables instead of an array');
  }
  let value: InitValue | undefined;
  if (ts.eatPunct('=')) value = parseInitValue(ts);
  const span = ts.spanFrom(start);
  if (type === undefined) return value === undefined ? { target, span } : { target, value, span };
  return value === undefined ? { type, target, span } : { type, target, value, span };
}

function parseInitTarget(ts: TokenStream): InitTarget {
  const token = ts.current;
  const start = token.start;
  if (token.kind === 'number' || (isThreadName(token) && isPunct(ts.peek(), ':'))) {
    ts.advance();
    const thread = token.kind === 'number' ? token.value : Number(THREAD_NAME.exec(token.text)?.[1] ?? 0);
    ts.expectPunct(':', `':' after the thread number, as in ${thread}:r1=2`);
    const name = expectName(ts, `a register name after '${thread}:'`);
    return { kind: 'register', thread, name: name.text, span: ts.spanFrom(start) };
  }
  if (ts.eatPunct('[')) {
    const name = expectName(ts, "a location name after '['");
    ts.expectPunct(']', `']' after '[${name.text}'`);
    return { kind: 'location', name: name.text, span: ts.spanFrom(start) };
  }
  const name = expectName(ts, 'a location name such as x, or a register such as 0:r1');
  return { kind: 'location', name: name.text, span: ts.spanFrom(start) };
}

/**
 * A number (maybe negative), or an address: `&x` or just `x` (herd7 reads a
 * location name as its address). `ATOMIC_INIT(v)` is read as `v`.
 */
function parseInitValue(ts: TokenStream): InitValue {
  // A loop, not recursion: ATOMIC_INIT(ATOMIC_INIT(... must not grow the stack.
  let wrappers = 0;
  while (ts.atWord('ATOMIC_INIT') && isPunct(ts.peek(), '(')) {
    ts.advance();
    ts.advance();
    wrappers++;
  }
  const value = parsePlainInitValue(ts);
  for (let i = 0; i < wrappers; i++) ts.expectPunct(')', "')' to close ATOMIC_INIT(...)");
  return value;
}

function parsePlainInitValue(ts: TokenStream): InitValue {
  const token = ts.current;
  const start = token.start;
  if (token.kind === 'number' || (isPunct(token, '-') && ts.peek().kind === 'number')) {
    const negative = ts.eatPunct('-') !== undefined;
    const value = ts.advance().value;
    return { kind: 'number', value: negative ? 0 - value : value, span: ts.spanFrom(start) };
  }
  ts.eatPunct('&');
  const name = expectName(ts, 'an initial value: a number, or a location name such as &x');
  return { kind: 'address', name: name.text, span: ts.spanFrom(start) };
}

/** A name in the init block: any word but a type word (herd7's state lexer has no C keywords). */
function expectName(ts: TokenStream, what: string): Token {
  const token = ts.current;
  if (!isNameToken(token) && !isStatementWord(token)) ts.failExpected(what);
  return ts.advance();
}

/** `if`, `while`, `regions`, ... are names to herd7's init parser, which knows no C. */
const isStatementWord = (token: Token): boolean =>
  token.kind === 'ident' && ['if', 'else', 'while', 'do', 'for', 'switch', 'sizeof', 'regions'].includes(token.text);
