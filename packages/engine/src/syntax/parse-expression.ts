// C expressions by precedence climbing (one loop over a precedence table
// instead of one function per level). `r0++` and `++r0` become `r0 += 1`,
// and unary minus stays a unary node. `true`, `false` and `NULL` are names,
// as in herd7: registers, which hold 0 unless given a value (program/lower.ts
// warns about `true`).
import type { AssignExpr, BinaryOp, Expr, NumberExpr, UnaryExpr } from './ast.ts';
import { finishTypeRef, isKnownTypeStart, isNameToken, parseKnownBase } from './parse-type.ts';
import { isPunct, type Token } from './token.ts';
import type { TokenStream } from './token-stream.ts';

/** C's binary operators; a higher number binds tighter. */
const BINARY_PRECEDENCE: ReadonlyMap<string, number> = new Map([
  ['||', 1], ['&&', 2], ['|', 3], ['^', 4], ['&', 5],
  ['==', 6], ['!=', 6], ['<', 7], ['<=', 7], ['>', 7], ['>=', 7],
  ['<<', 8], ['>>', 8], ['+', 9], ['-', 9], ['*', 10], ['/', 10], ['%', 10],
]);

const ASSIGN_OPS: ReadonlySet<string> = new Set(['=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=']);
const UNARY_OPS: ReadonlySet<string> = new Set(['*', '&', '-', '+', '!', '~']);

/** Where a too-deeply nested expression may be cut off. */
const isExpressionEnd = (token: Token): boolean =>
  token.kind === 'punct' && (token.text === ';' || token.text === ',' || token.text === '{');

/**
 * Parses one expression, assignments included (C's `assignment-expression`;
 * there is no comma operator). Aborts, after reporting, on malformed input.
 */
export function parseExpression(ts: TokenStream): Expr {
  if (!ts.enter()) return skipTooDeep(ts);
  try {
    return parseAssignment(ts);
  } finally {
    ts.leave();
  }
}

/**
 * `a = b += c`: right-associative, but read in a loop and folded from the
 * right, so a long chain costs no nesting depth.
 */
function parseAssignment(ts: TokenStream): Expr {
  const pending: { start: number; target: Expr; op: AssignExpr['op']; targetEnd: number; clean: boolean }[] = [];
  let value: Expr;
  for (;;) {
    const start = ts.current.start;
    const errors = ts.sink.errorCount;
    const left = parseConditional(ts);
    const operator = ts.current;
    if (operator.kind !== 'punct' || !ASSIGN_OPS.has(operator.text)) {
      value = left;
      break;
    }
    const clean = ts.sink.errorCount === errors;
    pending.push({ start, target: left, op: operator.text as AssignExpr['op'], targetEnd: ts.previousEnd, clean });
    ts.advance();
  }
  for (let i = pending.length - 1; i >= 0; i--) {
    const { start, target, op, targetEnd, clean } = pending[i] as (typeof pending)[number];
    if (clean) checkAssignable(ts, target, op, start, targetEnd);
    value = { kind: 'assign', op, target, value, span: ts.spanFrom(start) };
  }
  return value;
}

/**
 * `a ? b : c ? d : e`: right-associative, read in a loop and folded from the
 * right like assignments.
 */
function parseConditional(ts: TokenStream): Expr {
  const pending: { start: number; test: Expr; then: Expr }[] = [];
  let start = ts.current.start;
  let test = parseBinary(ts, 1);
  for (;;) {
    const question = ts.eatPunct('?');
    if (question === undefined) break;
    const then = parseExpression(ts);
    ts.expectPunct(':', `':' of the '?' on line ${ts.lineOf(question.start)}`, 'syntax/unexpected-token',
      "a conditional expression reads 'test ? value : other'");
    pending.push({ start, test, then });
    start = ts.current.start;
    test = parseBinary(ts, 1);
  }
  let otherwise = test;
  for (let i = pending.length - 1; i >= 0; i--) {
    const entry = pending[i] as (typeof pending)[number];
    otherwise = { kind: 'conditional', test: entry.test, then: entry.then, otherwise, span: ts.spanFrom(entry.start) };
  }
  return otherwise;
}

/** Binary operators binding at least as tightly as `minPrecedence`, left-associative. */
function parseBinary(ts: TokenStream, minPrecedence: number): Expr {
  const start = ts.current.start;
  let left = parseUnary(ts);
  for (;;) {
    const operator = ts.current;
    const precedence = operator.kind === 'punct' ? BINARY_PRECEDENCE.get(operator.text) : undefined;
    if (precedence === undefined || precedence < minPrecedence) return left;
    ts.advance();
    const right = parseBinary(ts, precedence + 1);
    left = { kind: 'binary', op: operator.text as BinaryOp, left, right, span: ts.spanFrom(start) };
  }
}

function parseUnary(ts: TokenStream): Expr {
  if (!ts.enter()) return skipTooDeep(ts);
  try {
    return parseUnaryUnguarded(ts);
  } finally {
    ts.leave();
  }
}

function parseUnaryUnguarded(ts: TokenStream): Expr {
  const token = ts.current;
  const start = token.start;
  if (token.kind === 'punct') {
    if (UNARY_OPS.has(token.text)) {
      ts.advance();
      const operand = parseUnary(ts);
      return { kind: 'unary', op: token.text as UnaryExpr['op'], operand, span: ts.spanFrom(start) };
    }
    if (token.text === '++' || token.text === '--') {
      ts.advance();
      const targetStart = ts.current.start;
      const errors = ts.sink.errorCount;
      const target = parseUnary(ts);
      if (ts.sink.errorCount === errors) checkAssignable(ts, target, token.text, targetStart, ts.previousEnd);
      return increment(ts, token, target, start);
    }
    if (token.text === '(' && isKnownTypeStart(ts.peek())) {
      ts.advance();
      const type = finishTypeRef(ts, parseKnownBase(ts));
      ts.expectPunct(')', "')' to close the cast");
      const operand = parseUnary(ts);
      return { kind: 'cast', type, operand, span: ts.spanFrom(start) };
    }
  }
  return parsePostfix(ts);
}

function parsePostfix(ts: TokenStream): Expr {
  const start = ts.current.start;
  const errors = ts.sink.errorCount;
  let expr = parsePrimary(ts);
  for (;;) {
    const token = ts.current;
    if (token.kind !== 'punct') return expr;
    switch (token.text) {
      case '(': {
        if (expr.kind !== 'name') {
          ts.fail('syntax/unsupported-syntax', 'only a function name can be called, as in READ_ONCE(*x)');
        }
        const callee = { name: expr.name, span: expr.span };
        ts.advance();
        const args: Expr[] = [];
        if (!ts.atPunct(')')) {
          do args.push(parseExpression(ts));
          while (ts.eatPunct(','));
        }
        ts.expectPunct(')', `')' to close the call to ${callee.name}`);
        expr = { kind: 'call', callee, args, span: ts.spanFrom(start) };
        break;
      }
      case '++':
      case '--':
        if (ts.sink.errorCount === errors) checkAssignable(ts, expr, token.text, start, ts.previousEnd);
        ts.advance();
        expr = increment(ts, token, expr, start);
        break;
      case '[':
        // Reported, then stepped over whole, so that the rest of the statement reads on
        // without a second, confusing error at the ']' or ')' after it.
        ts.sink.error('syntax/unsupported-syntax', 'arrays are not supported in litmus tests', token.start, token.end,
          'use separate variables instead of an array');
        ts.skipGroup();
        break;
      case '.':
      case '->':
        ts.sink.error('syntax/unsupported-syntax', `struct fields ('${token.text}') are not supported in litmus tests`,
          token.start, token.end, 'use separate variables instead of a struct');
        ts.advance();
        if (ts.current.kind === 'ident') ts.advance();
        break;
      default:
        return expr;
    }
  }
}

function parsePrimary(ts: TokenStream): Expr {
  const token = ts.current;
  const span = ts.span(token.start, token.end);
  if (token.kind === 'number') {
    ts.advance();
    return { kind: 'number', value: token.value, span };
  }
  if (token.kind === 'ident') {
    if (!isNameToken(token)) ts.failExpected('an expression');
    ts.advance();
    return { kind: 'name', name: token.text, span };
  }
  if (isPunct(token, '(')) {
    ts.advance();
    const inner = parseExpression(ts);
    ts.expectPunct(')', `')' to match the '(' on line ${ts.lineOf(token.start)}`);
    return inner;
  }
  return ts.failExpected('an expression');
}

/** `++x`, `x++` (and `--`) as the assignment `x += 1` (`x -= 1`). */
function increment(ts: TokenStream, operator: Token, target: Expr, start: number): Expr {
  const one: NumberExpr = { kind: 'number', value: 1, span: ts.span(operator.start, operator.end) };
  return { kind: 'assign', op: operator.text === '++' ? '+=' : '-=', target, value: one, span: ts.spanFrom(start) };
}

/**
 * Only a variable or a dereference can be assigned; anything else is reported
 * (not aborted). Callers skip the check when the target already had errors:
 * `----x` deserves one message, not one per `--`.
 */
function checkAssignable(ts: TokenStream, target: Expr, operator: string, start: number, end: number): void {
  if (target.kind === 'name' || (target.kind === 'unary' && target.op === '*')) return;
  ts.sink.error('syntax/invalid-assignment-target', `the target of '${operator}' must be a variable or '*pointer'`,
    start, end, 'write e.g. r0 = 1 or *x = 1, or use WRITE_ONCE(*x, 1)');
}

/** Skips an expression nested too deeply to parse; a `0` stands in for it. */
function skipTooDeep(ts: TokenStream): Expr {
  ts.skipBalanced(isExpressionEnd, true);
  return { kind: 'number', value: 0, span: ts.span(ts.current.start, ts.current.start) };
}
