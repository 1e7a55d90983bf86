import { describe, expect, it } from 'vitest';
import type { Stmt } from './ast.ts';
import { parseLitmus } from './parse-litmus.ts';

/** Parses `source` as the body of P0 (starting on line 4). */
function parseBody(source: string) {
  const { ast, diagnostics } = parseLitmus(`C T\n{}\nP0(int *x) {\n${source}\n}\n`);
  return { body: ast?.threads[0]?.body.body ?? [], diagnostics };
}

/** The statements of a body that must parse cleanly. */
function statements(source: string): readonly Stmt[] {
  const { body, diagnostics } = parseBody(source);
  expect(diagnostics).toEqual([]);
  return body;
}

/** Drops spans, to compare shapes only. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'span').map(([k, v]) => [k, shape(v)]));
}

const name = (n: string) => ({ kind: 'name', name: n });
const num = (value: number) => ({ kind: 'number', value });
const declarator = (n: string, pointer = 0, init?: unknown) => ({
  name: { name: n },
  pointer,
  ...(init === undefined ? {} : { init }),
});

describe('declarations', () => {
  it('parses declarators with initialisers and their own pointer stars', () => {
    expect(shape(statements('int r1 = 0, *r2, **r3 = p;'))).toEqual([
      {
        kind: 'decl',
        type: { base: 'int', pointer: 0 },
        declarators: [declarator('r1', 0, num(0)), declarator('r2', 1), declarator('r3', 2, name('p'))],
      },
    ]);
  });

  it.each([
    ['unsigned long r;', 'unsigned long', 0],
    ['u32 r;', 'u32', 0],
    ['atomic_t *r;', 'atomic_t', 1],
    ['bool r;', 'bool', 0],
    ['struct srcu_struct *r;', 'struct srcu_struct', 1],
    ['const int r;', 'const int', 0],
    ['my_type r;', 'my_type', 0],
    ['my_t *r;', 'my_t', 1],
    ['int* r;', 'int', 1],
  ])('reads %s as a declaration of type %s', (source, base, pointer) => {
    expect(shape(statements(source))).toEqual([
      { kind: 'decl', type: { base, pointer: 0 }, declarators: [declarator('r', pointer)] },
    ]);
  });

  it('reads an unknown word times a name as an expression', () => {
    expect(shape(statements('r0 * r1;'))).toEqual([
      { kind: 'expr', expr: { kind: 'binary', op: '*', left: name('r0'), right: name('r1') } },
    ]);
  });

  it('gives a declaration the span up to its semicolon and its type the span of its words', () => {
    const [decl] = statements('\tunsigned long r0 = 1;');
    expect(decl).toMatchObject({
      span: { line: 4, column: 2, endLine: 4, endColumn: 23 },
      type: { span: { line: 4, column: 2, endLine: 4, endColumn: 15 } },
      declarators: [{ span: { line: 4, column: 16, endLine: 4, endColumn: 22 } }],
    });
  });

  it('reports a missing name and arrays', () => {
    expect(parseBody('int ;').diagnostics[0]?.message).toBe("expected a variable name after 'int', but found ';'");
    expect(parseBody('int r[2];').diagnostics[0]?.code).toBe('syntax/unsupported-syntax');
  });
});

describe('control flow', () => {
  it('parses if / else if / else', () => {
    expect(shape(statements('if (r0 == 1) { r1 = 1; } else if (r1) r1 = 2; else ;'))).toEqual([
      {
        kind: 'if',
        test: { kind: 'binary', op: '==', left: name('r0'), right: num(1) },
        then: { kind: 'block', body: [{ kind: 'expr', expr: { kind: 'assign', op: '=', target: name('r1'), value: num(1) } }] },
        otherwise: {
          kind: 'if',
          test: name('r1'),
          then: { kind: 'expr', expr: { kind: 'assign', op: '=', target: name('r1'), value: num(2) } },
          otherwise: { kind: 'empty' },
        },
      },
    ]);
  });

  it('binds a dangling else to the nearest if', () => {
    const [outer] = statements('if (a) if (b) x = 1; else x = 2;');
    expect(outer).toMatchObject({ kind: 'if', then: { kind: 'if', otherwise: { kind: 'expr' } } });
    expect(outer && 'otherwise' in outer ? outer.otherwise : undefined).toBeUndefined();
  });

  it('parses while, do-while, break and continue', () => {
    expect(shape(statements('while (r0) { break; } do continue; while (r1 < 2);'))).toEqual([
      { kind: 'while', test: name('r0'), body: { kind: 'block', body: [{ kind: 'break' }] }, doWhile: false },
      {
        kind: 'while',
        test: { kind: 'binary', op: '<', left: name('r1'), right: num(2) },
        body: { kind: 'continue' },
        doWhile: true,
      },
    ]);
  });

  it('parses for loops with a declaration, an expression or nothing in each part', () => {
    expect(shape(statements('for (int i = 0; i < 3; i++) r0 += i;'))).toEqual([
      {
        kind: 'for',
        init: { kind: 'decl', type: { base: 'int', pointer: 0 }, declarators: [declarator('i', 0, num(0))] },
        test: { kind: 'binary', op: '<', left: name('i'), right: num(3) },
        update: { kind: 'assign', op: '+=', target: name('i'), value: num(1) },
        body: { kind: 'expr', expr: { kind: 'assign', op: '+=', target: name('r0'), value: name('i') } },
      },
    ]);
    expect(shape(statements('for (;;) break;'))).toEqual([{ kind: 'for', body: { kind: 'break' } }]);
    expect(shape(statements('for (i = 0; ; ) {}'))).toEqual([
      {
        kind: 'for',
        init: { kind: 'expr', expr: { kind: 'assign', op: '=', target: name('i'), value: num(0) } },
        body: { kind: 'block', body: [] },
      },
    ]);
  });

  it('gives an if statement the span from if to the end of its else branch', () => {
    const [stmt] = statements('  if (r0)\n    r1 = 1;\n  else\n    r1 = 2;');
    expect(stmt?.span).toEqual({ line: 4, column: 3, endLine: 7, endColumn: 12 });
  });

  it('parses nested blocks and empty statements', () => {
    expect(shape(statements('{ ; { } }'))).toEqual([
      { kind: 'block', body: [{ kind: 'empty' }, { kind: 'block', body: [] }] },
    ]);
  });

  it('explains statements litmus tests do not have', () => {
    for (const keyword of ['return 1;', 'switch (x) {}', 'goto out;']) {
      expect(parseBody(keyword).diagnostics[0]).toMatchObject({
        code: 'syntax/unsupported-statement',
        message: `'${keyword.split(/[ ;]/)[0]}' is not supported in litmus tests`,
      });
    }
  });

  it('asks for parentheses around conditions', () => {
    expect(parseBody('if r0 == 1 r1 = 2;').diagnostics[0]).toMatchObject({
      message: "expected '(' after 'if', but found 'r0'",
      hint: 'write the condition in parentheses: if (r0 == 1)',
    });
    expect(parseBody('do r0++; (r0);').diagnostics[0]?.message).toBe(
      "expected 'while (...)' after the body of 'do', but found '('",
    );
  });

  it("reports an 'else' without an 'if' and still parses what follows it", () => {
    const { body, diagnostics } = parseBody('r0 = 1; } else { r1 = 2; }');
    expect(diagnostics.map((d) => d.code)).toContain('syntax/unexpected-token');
    expect(body).toHaveLength(1);
    const direct = parseBody('else r1 = 2;');
    expect(direct.diagnostics).toEqual([
      expect.objectContaining({ code: 'syntax/else-without-if', span: { line: 4, column: 1, endLine: 4, endColumn: 5 } }),
    ]);
    expect(shape(direct.body)).toEqual([{ kind: 'expr', expr: { kind: 'assign', op: '=', target: name('r1'), value: num(2) } }]);
  });
});
