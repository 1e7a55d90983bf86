// Statements of a thread body. Errors are recovered statement by statement: a
// broken statement is skipped up to its ';' (or to a '}' or '{'), so one typo
// costs one diagnostic and the rest of the body is still parsed.
import type { BlockStmt, Declarator, DeclStmt, Expr, ExprStmt, ForStmt, Stmt } from './ast.ts';
import { rethrowUnlessAbort } from './diagnostic-sink.ts';
import { parseExpression } from './parse-expression.ts';
import { isKnownTypeStart, isNameToken, parseKnownBase, parseStars, RESERVED_WORDS } from './parse-type.ts';
import { isPunct, type Token } from './token.ts';
import type { TokenStream } from './token-stream.ts';

/** Statements C has but litmus tests do not. */
const UNSUPPORTED: ReadonlyMap<string, string> = new Map([
  ['return', "threads do not return values: remove the 'return'"],
  ['switch', "use 'if' and 'else' instead of 'switch'"],
  ['case', "use 'if' and 'else' instead of 'switch'"],
  ['default', "use 'if' and 'else' instead of 'switch'"],
  ['goto', "use a loop or 'if' instead of 'goto'"],
  ['typedef', 'write the type out in full'],
]);

/** Where a broken (or too deeply nested) statement may be cut off. */
const isStatementEnd = (token: Token): boolean =>
  token.kind === 'punct' && (token.text === ';' || token.text === '{' || token.text === '}');

/**
 * Parses a `{ ... }` block at the cursor. `owner` names it in messages
 * ("the body of P0"). An unclosed block is reported and returned as far as it
 * got: it ends at the end of the file or where the next thread or clause starts.
 */
export function parseBlock(ts: TokenStream, owner = 'the block'): BlockStmt {
  const open = ts.expectPunct('{', `'{' to start ${owner}`);
  const body: Stmt[] = [];
  for (;;) {
    if (ts.eatPunct('}')) break;
    if (ts.atEof || ts.atSectionStart(true)) {
      ts.reportUnclosed(`'}' to close ${owner} (opened on line ${ts.lineOf(open.start)})`);
      break;
    }
    const before = ts.position;
    if (skipHeaderStyleComment(ts)) continue;
    try {
      body.push(parseStatement(ts));
    } catch (error) {
      rethrowUnlessAbort(error);
      ts.skipBalanced(isStatementEnd);
      // A stray ')' or ']' where the statement broke off belongs to it: read on
      // after it, rather than report it again as the start of the next one.
      if (ts.position !== before && (ts.atPunct(')') || ts.atPunct(']'))) ts.advance();
      ts.eatPunct(';');
    }
    if (ts.position === before) ts.advance(); // always make progress (e.g. past a stray ')')
  }
  return { kind: 'block', body, span: ts.spanFrom(open.start) };
}

/**
 * `(* note *)` at the start of a statement: the comment style of the test's
 * header, which inside a thread is C (`(*` begins `(*x)`), so herd7 refuses it
 * too. Reported once as what it is, with the fix, and skipped. Only a run
 * with no bracket or ';' inside and '*' just before its ')' counts: no C
 * expression reads so. True when one was skipped.
 */
function skipHeaderStyleComment(ts: TokenStream): boolean {
  if (!ts.atPunct('(') || !isPunct(ts.peek(), '*')) return false;
  for (let i = 2; ; i++) {
    const token = ts.peek(i);
    if (token.kind === 'eof' || (token.kind === 'punct' && ['(', ';', '{', '}', '[', ']'].includes(token.text))) return false;
    if (!isPunct(token, ')')) continue;
    if (!isPunct(ts.peek(i - 1), '*') || i < 3) return false;
    ts.sink.error('syntax/unsupported-syntax', "'(* ... *)' is not a comment inside a thread", ts.current.start, token.end,
      "inside a thread write comments as /* ... */ or // ...; '(* *)' is read only outside the threads");
    for (let j = 0; j <= i; j++) ts.advance();
    return true;
  }
}

/** Parses one statement; aborts (after reporting) when it is malformed. */
export function parseStatement(ts: TokenStream): Stmt {
  if (!ts.enter()) {
    const start = ts.current.start;
    skipStatement(ts);
    return { kind: 'empty', span: ts.spanFrom(start) };
  }
  try {
    return parseStatementUnguarded(ts);
  } finally {
    ts.leave();
  }
}

/**
 * Skips one whole statement without recursing (for statements nested too
 * deeply to parse): up to its ';' or through its block, and on through any
 * `else` branches, so no `else` is left behind without its `if`.
 */
function skipStatement(ts: TokenStream): void {
  for (;;) {
    if (ts.atPunct('{')) {
      ts.skipGroup();
    } else {
      ts.skipBalanced(isStatementEnd);
      if (ts.atPunct('{')) continue; // `if (x) {`: the header is skipped, now its block
      ts.eatPunct(';');
    }
    if (!ts.atWord('else')) return;
    ts.advance();
  }
}

function parseStatementUnguarded(ts: TokenStream): Stmt {
  const token = ts.current;
  const start = token.start;
  if (isPunct(token, '{')) return parseBlock(ts);
  if (isPunct(token, ';')) {
    ts.advance();
    return { kind: 'empty', span: ts.spanFrom(start) };
  }
  if (token.kind === 'ident') {
    switch (token.text) {
      case 'if':
        return parseIf(ts);
      case 'while': {
        ts.advance();
        const test = parseParenthesizedTest(ts, 'while');
        const body = parseStatement(ts);
        return { kind: 'while', test, body, doWhile: false, span: ts.spanFrom(start) };
      }
      case 'do': {
        ts.advance();
        const body = parseStatement(ts);
        if (!ts.atWord('while')) ts.failMissing("'while (...)' after the body of 'do'");
        ts.advance();
        const test = parseParenthesizedTest(ts, 'while');
        expectSemicolon(ts, "after 'do ... while (...)'");
        return { kind: 'while', test, body, doWhile: true, span: ts.spanFrom(start) };
      }
      case 'for':
        return parseFor(ts);
      case 'break':
      case 'continue':
        // herd7 reads these words as names (`continue = 0;`, `if (continue)`).
        if (!startsAsName(ts)) {
          ts.advance();
          expectSemicolon(ts, `after '${token.text}'`);
          return { kind: token.text, span: ts.spanFrom(start) };
        }
        break;
      case 'else': {
        ts.sink.error('syntax/else-without-if', "'else' without a matching 'if'", token.start, token.end,
          "check the braces: an 'else' must directly follow the statement or block of its 'if'");
        ts.advance();
        return parseStatement(ts);
      }
      default: {
        const advice = UNSUPPORTED.get(token.text);
        if (advice !== undefined && !startsAsName(ts)) {
          ts.fail('syntax/unsupported-statement', `'${token.text}' is not supported in litmus tests`, advice);
        }
      }
    }
    if (startsDeclaration(ts)) {
      const decl = parseDeclaration(ts);
      expectSemicolon(ts, 'after the declaration');
      return { ...decl, span: ts.spanFrom(start) };
    }
  }
  const expr = parseExpression(ts);
  expectSemicolon(ts, 'after the statement');
  return { kind: 'expr', expr, span: ts.spanFrom(start) };
}

/** Assignments and increments: after a statement word, they make it a name (`continue = 0;`). */
const NAME_FOLLOWERS: ReadonlySet<string> = new Set(['=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=', '++', '--']);

/** Whether the statement word at the cursor is used as a name: an assignment or increment follows it. */
function startsAsName(ts: TokenStream): boolean {
  const next = ts.peek();
  return next.kind === 'punct' && NAME_FOLLOWERS.has(next.text);
}

function parseIf(ts: TokenStream): Stmt {
  const start = ts.advance().start;
  const test = parseParenthesizedTest(ts, 'if');
  const then = parseStatement(ts);
  if (!ts.atWord('else')) return { kind: 'if', test, then, span: ts.spanFrom(start) };
  ts.advance();
  const otherwise = parseStatement(ts);
  return { kind: 'if', test, then, otherwise, span: ts.spanFrom(start) };
}

/** `(expr)` after `if`/`while`. */
function parseParenthesizedTest(ts: TokenStream, keyword: string): Expr {
  ts.expectPunct('(', `'(' after '${keyword}'`, 'syntax/unexpected-token',
    `write the condition in parentheses: ${keyword} (r0 == 1)`);
  const test = parseExpression(ts);
  ts.expectPunct(')', `')' to close the condition of '${keyword}'`);
  return test;
}

function parseFor(ts: TokenStream): ForStmt {
  const start = ts.advance().start;
  ts.expectPunct('(', "'(' after 'for'", 'syntax/unexpected-token', 'write a loop as: for (i = 0; i < 2; i++) ...');
  let init: DeclStmt | ExprStmt | undefined;
  if (!ts.atPunct(';')) {
    const initStart = ts.current.start;
    init = startsDeclaration(ts)
      ? { ...parseDeclaration(ts), span: ts.spanFrom(initStart) }
      : { kind: 'expr', expr: parseExpression(ts), span: ts.spanFrom(initStart) };
  }
  ts.expectPunct(';', "';' after the first part of 'for (...; ...; ...)'");
  const test = ts.atPunct(';') ? undefined : parseExpression(ts);
  ts.expectPunct(';', "';' after the test of 'for (...; ...; ...)'");
  const update = ts.atPunct(')') ? undefined : parseExpression(ts);
  ts.expectPunct(')', "')' to close 'for (...; ...; ...)'");
  const body = parseStatement(ts);
  const span = ts.spanFrom(start);
  return {
    kind: 'for',
    ...(init === undefined ? {} : { init }),
    ...(test === undefined ? {} : { test }),
    ...(update === undefined ? {} : { update }),
    body,
    span,
  };
}

/**
 * True when the statement at the cursor declares variables: it starts with a
 * known type word, or with an unknown word followed by a name (`foo_t r0`),
 * or with a `_t` type and a `*` (`foo_t *p`; `a * b` stays an expression).
 */
function startsDeclaration(ts: TokenStream): boolean {
  const token = ts.current;
  if (token.kind !== 'ident') return false;
  if (isKnownTypeStart(token)) return true;
  if (RESERVED_WORDS.has(token.text)) return false;
  const next = ts.peek();
  if (next.kind === 'ident') return !RESERVED_WORDS.has(next.text) || isKnownTypeStart(next);
  return token.text.endsWith('_t') && isPunct(next, '*');
}

/** `type declarator, declarator` without the `;`. The span is filled in by the caller. */
function parseDeclaration(ts: TokenStream): Omit<DeclStmt, 'span'> {
  const base = isKnownTypeStart(ts.current)
    ? parseKnownBase(ts)
    : { base: ts.current.text, start: ts.current.start, end: ts.advance().end };
  const type = { base: base.base, pointer: 0, span: ts.span(base.start, base.end) };
  const declarators: Declarator[] = [];
  do {
    const start = ts.current.start;
    const pointer = parseStars(ts);
    const nameToken = ts.current;
    if (!isNameToken(nameToken)) {
      ts.failExpected(declarators.length === 0 ? `a variable name after '${base.base}'` : "a variable name after ','");
    }
    ts.advance();
    const name = { name: nameToken.text, span: ts.span(nameToken.start, nameToken.end) };
    if (ts.atPunct('[')) {
      const open = ts.current;
      ts.sink.error('syntax/unsupported-syntax', 'arrays are not supported in litmus tests', open.start, open.end,
        'use separate variables instead of an array');
      ts.skipGroup();
    }
    const init = ts.eatPunct('=') ? parseExpression(ts) : undefined;
    declarators.push(
      init === undefined ? { name, pointer, span: ts.spanFrom(start) } : { name, pointer, init, span: ts.spanFrom(start) },
    );
  } while (ts.eatPunct(','));
  return { kind: 'decl', type, declarators };
}

function expectSemicolon(ts: TokenStream, where: string): void {
  if (ts.eatPunct(';')) return;
  const what = `';' ${where}`;
  // A ';' forgotten at the end of a line or before a '}': report it and go on
  // as if it were there, so that errors on the next lines are found too.
  if (ts.current.firstOnLine || ts.atPunct('}')) ts.reportExpected(what, 'syntax/missing-semicolon', undefined, true);
  else ts.failMissing(what, 'syntax/missing-semicolon');
}
