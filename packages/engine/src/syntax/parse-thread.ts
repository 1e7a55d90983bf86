// One thread: `P0(int *x, struct srcu_struct *s) { ... }`.
import type { Param, ThreadDecl } from './ast.ts';
import { rethrowUnlessAbort } from './diagnostic-sink.ts';
import { parseBlock } from './parse-statement.ts';
import { finishTypeRef, isNameToken, isStar, parseRequiredBase } from './parse-type.ts';
import { isPunct, THREAD_NAME, type Token } from './token.ts';
import type { TokenStream } from './token-stream.ts';

/** A parameter's type words go on while the next token is a word or a `*`. */
const beforeParamName = (next: Token): boolean => next.kind === 'ident' || isStar(next);

/**
 * Parses a thread with the cursor on its `P<n>` name. A broken parameter
 * list is skipped up to its `)` so the body is still parsed; a missing body
 * aborts.
 */
export function parseThread(ts: TokenStream): ThreadDecl {
  const nameToken = ts.advance();
  const name = { name: nameToken.text, span: ts.span(nameToken.start, nameToken.end) };
  const index = Number(THREAD_NAME.exec(nameToken.text)?.[1] ?? Number.NaN);
  ts.expectPunct('(', `'(' after '${name.name}'`, 'syntax/unexpected-token',
    `a thread reads ${name.name}(int *x) { ... }`);
  const params = parseParams(ts, name.name);
  const body = parseBlock(ts, `the body of ${name.name}`);
  return { index, name, params, body, span: ts.spanFrom(nameToken.start) };
}

function parseParams(ts: TokenStream, thread: string): Param[] {
  const params: Param[] = [];
  if (ts.eatPunct(')')) return params;
  if (ts.atWord('void') && isPunct(ts.peek(), ')')) {
    ts.advance();
    ts.advance();
    return params;
  }
  try {
    do {
      const param = parseParam(ts);
      if (param !== undefined) params.push(param);
    } while (ts.eatPunct(','));
    ts.expectPunct(')', `',' or ')' after the parameter of ${thread}`);
  } catch (error) {
    rethrowUnlessAbort(error);
    ts.skipBalanced((token) => isPunct(token, '{'));
    ts.eatPunct(')');
  }
  return params;
}

function parseParam(ts: TokenStream): Param | undefined {
  const start = ts.current.start;
  const base = parseRequiredBase(ts, beforeParamName);
  if (base === undefined) {
    const token = ts.current;
    if (isNameToken(token)) {
      // `P0(x)`: a name without a type. Report it and go on with the others.
      ts.sink.error('syntax/missing-param-type', `the parameter '${token.text}' needs a type`, token.start, token.end,
        `write e.g. 'int *${token.text}'`);
      ts.advance();
      return undefined;
    }
    ts.failExpected("a parameter such as 'int *x'");
  }
  const type = finishTypeRef(ts, base);
  const nameToken = ts.current;
  if (!isNameToken(nameToken)) {
    const written = type.pointer > 0 ? `${base.base} ${'*'.repeat(type.pointer)}` : base.base;
    ts.failExpected(`a parameter name after '${written}'`);
  }
  ts.advance();
  return { type, name: { name: nameToken.text, span: ts.span(nameToken.start, nameToken.end) }, span: ts.spanFrom(start) };
}
