import { describe, expect, it } from 'vitest';
import type { Expr } from './ast.ts';
import { parseLitmus } from './parse-litmus.ts';

/** Parses `source;` as the only statement of P0 (on line 4) and returns the expression. */
function expr(source: string): Expr {
  const { ast, diagnostics } = parseLitmus(`C T\n{}\nP0(int *x) {\n${source};\n}\n`);
  expect(diagnostics).toEqual([]);
  const statement = ast?.threads[0]?.body.body[0];
  if (statement?.kind !== 'expr') throw new Error(`not an expression statement: ${JSON.stringify(statement)}`);
  return statement.expr;
}

/** Diagnostics for `source;` as the body of P0 (on line 4). */
function errors(source: string) {
  return parseLitmus(`C T\n{}\nP0(int *x) {\n${source};\n}\n`).diagnostics.map((d) => ({
    code: d.code,
    message: d.message,
    at: `${d.span.line}:${d.span.column}-${d.span.endColumn}`,
  }));
}

/** Fully parenthesised rendering, to check structure at a glance. */
function show(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return String(e.value);
    case 'name':
      return e.name;
    case 'unary':
      return `(${e.op}${show(e.operand)})`;
    case 'binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'conditional':
      return `(${show(e.test)} ? ${show(e.then)} : ${show(e.otherwise)})`;
    case 'call':
      return `${e.callee.name}(${e.args.map(show).join(', ')})`;
    case 'assign':
      return `(${show(e.target)} ${e.op} ${show(e.value)})`;
    case 'cast':
      return `((${e.type.base}${' *'.repeat(e.type.pointer)}) ${show(e.operand)})`;
  }
}

describe('expressions', () => {
  it.each([
    ['a + b * c - d', '((a + (b * c)) - d)'],
    ['a / b % c * d', '(((a / b) % c) * d)'],
    ['a << 1 + 2', '(a << (1 + 2))'],
    ['a < b == c >= d', '((a < b) == (c >= d))'],
    ['a != b & c', '((a != b) & c)'],
    ['a & b ^ c | d && e || f', '(((((a & b) ^ c) | d) && e) || f)'],
    ['a || b && c', '(a || (b && c))'],
    ['a ? b : c ? d : e', '(a ? b : (c ? d : e))'],
    ['a || b ? c = 1 : d', '((a || b) ? (c = 1) : d)'],
    ['(a + b) * c', '((a + b) * c)'],
  ])('gives %s C precedence', (source, shape) => {
    expect(show(expr(source))).toBe(shape);
  });

  it('parses assignments right-associatively, with every compound operator', () => {
    expect(show(expr('r0 = r1 = 2'))).toBe('(r0 = (r1 = 2))');
    for (const op of ['+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=']) {
      expect(show(expr(`r0 ${op} 3`))).toBe(`(r0 ${op} 3)`);
    }
    expect(show(expr('*x = r0 + 1'))).toBe('((*x) = (r0 + 1))');
  });

  it('parses the unary operators', () => {
    expect(show(expr('r0 = -*x + !y - ~z'))).toBe('(r0 = (((-(*x)) + (!y)) - (~z)))');
    expect(show(expr('r0 = &x'))).toBe('(r0 = (&x))');
    expect(show(expr('r0 = +1'))).toBe('(r0 = (+1))');
    expect(show(expr('r0 = **p'))).toBe('(r0 = (*(*p)))');
  });

  it('desugars ++ and -- into += 1 and -= 1, with the 1 spanning the operator', () => {
    expect(show(expr('r0++'))).toBe('(r0 += 1)');
    expect(show(expr('++r0'))).toBe('(r0 += 1)');
    expect(show(expr('r0--'))).toBe('(r0 -= 1)');
    expect(show(expr('--*x'))).toBe('((*x) -= 1)');
    expect(expr('r0++')).toEqual({
      kind: 'assign',
      op: '+=',
      target: { kind: 'name', name: 'r0', span: { line: 4, column: 1, endLine: 4, endColumn: 3 } },
      value: { kind: 'number', value: 1, span: { line: 4, column: 3, endLine: 4, endColumn: 5 } },
      span: { line: 4, column: 1, endLine: 4, endColumn: 5 },
    });
  });

  it('parses calls, also nested and without arguments', () => {
    expect(show(expr('r0 = READ_ONCE(*x)'))).toBe('(r0 = READ_ONCE((*x)))');
    expect(show(expr('smp_mb()'))).toBe('smp_mb()');
    expect(show(expr('r1 = cmpxchg(x, 0, f(g(1), 2))'))).toBe('(r1 = cmpxchg(x, 0, f(g(1), 2)))');
    const call = expr('WRITE_ONCE(*x, 1)');
    expect(call.kind === 'call' && call.callee).toEqual({
      name: 'WRITE_ONCE',
      span: { line: 4, column: 1, endLine: 4, endColumn: 11 },
    });
  });

  it('parses casts to known types only', () => {
    expect(show(expr('r0 = (int *)p'))).toBe('(r0 = ((int *) p))');
    expect(show(expr('r0 = (unsigned long)x + 1'))).toBe('(r0 = (((unsigned long) x) + 1))');
    expect(show(expr('r0 = (struct foo **)p'))).toBe('(r0 = ((struct foo * *) p))');
    expect(show(expr('r0 = (u32)(r1)'))).toBe('(r0 = ((u32) r1))');
    expect(show(expr('r0 = (r1) * 2'))).toBe('(r0 = (r1 * 2))');
    const cast = expr('(uintptr_t)p');
    expect(cast).toMatchObject({
      kind: 'cast',
      type: { base: 'uintptr_t', pointer: 0, span: { line: 4, column: 2, endLine: 4, endColumn: 11 } },
      span: { line: 4, column: 1, endLine: 4, endColumn: 13 },
    });
  });

  it('reads true, false and NULL as names (herd7 has registers, not constants), and hexadecimal numbers', () => {
    expect(show(expr('r0 = true + false + NULL + 0x10'))).toBe('(r0 = (((true + false) + NULL) + 16))');
  });

  it('gives binary expressions the span of both operands', () => {
    expect(expr('  r0 + 12 ').span).toEqual({ line: 4, column: 3, endLine: 4, endColumn: 10 });
  });

  it('reports missing operands and unsupported syntax', () => {
    expect(errors('r0 = ')).toEqual([
      { code: 'syntax/unexpected-token', message: "expected an expression, but found ';'", at: '4:6-7' },
    ]);
    expect(errors('r0 = x[1]')[0]).toMatchObject({ code: 'syntax/unsupported-syntax', at: '4:7-8' });
    expect(errors('r0 = p->f')[0]).toMatchObject({ code: 'syntax/unsupported-syntax', at: '4:7-9' });
    expect(errors('r0 = f(1)(2)')[0]).toMatchObject({
      code: 'syntax/unsupported-syntax',
      message: 'only a function name can be called, as in READ_ONCE(*x)',
    });
    expect(errors('r0 = f(1, 2')[0]?.message).toBe("expected ')' to close the call to f, but found ';'");
    expect(errors('r0 = a ? b')[0]?.message).toBe("expected ':' of the '?' on line 4, but found ';'");
    expect(errors('r0 = if')[0]?.message).toBe("expected an expression, but found 'if'");
  });

  it('reports assignments to something that is not a variable or a dereference', () => {
    expect(errors('1 = r0')).toEqual([
      {
        code: 'syntax/invalid-assignment-target',
        message: "the target of '=' must be a variable or '*pointer'",
        at: '4:1-2',
      },
    ]);
    expect(errors('f(x)++')[0]?.code).toBe('syntax/invalid-assignment-target');
    expect(errors('----r0')).toHaveLength(1); // one message, not one per '--'
  });
});
