import { describe, expect, it } from 'vitest';
import type { LitmusAst } from './ast.ts';
import { parseLitmus } from './parse-litmus.ts';

/** Parses a test that must be clean and returns its AST. */
function clean(text: string): LitmusAst {
  const { ast, diagnostics } = parseLitmus(text);
  expect(diagnostics).toEqual([]);
  if (ast === undefined) throw new Error('no AST');
  return ast;
}

/** Drops spans, to compare shapes only. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'span').map(([k, v]) => [k, shape(v)]));
}

const FULL = `C MP+pooncerelease+poacquireonce
"optional doc string"

(*
 * Comments: (* ... *) (may nest), /* ... */, and // to end of line.
 *)

{
	x=1;            (* untyped *)
	int y=2;
	int *p=&x;      (* p holds the address of x *)
	q=y;
	0:r1=2;
	spinlock_t l;
}

P0(int *x, int *y, spinlock_t *l, atomic_t *v, struct srcu_struct *s, int **p)
{
	int r0;
	WRITE_ONCE(*x, 1); // a comment
	smp_store_release(y, 1); /* another */
}

P1(int *x, int *y)
{
	int r0;
	int r1;

	r0 = smp_load_acquire(y);
	r1 = READ_ONCE(*x);
}

locations [x; 1:r0; y;]
filter (0:r0=1 /\\ ~(1:r1=0))
exists (1:r0=1 /\\ 1:r1=0)
`;

describe('parseLitmus', () => {
  it('parses a whole test: header, doc, init, threads and clauses', () => {
    const ast = clean(FULL);
    expect(ast.arch).toEqual({ name: 'C', span: { line: 1, column: 1, endLine: 1, endColumn: 2 } });
    expect(ast.name).toEqual({
      name: 'MP+pooncerelease+poacquireonce',
      span: { line: 1, column: 3, endLine: 1, endColumn: 33 },
    });
    expect(ast.doc).toBe('optional doc string');
    expect(shape(ast.init)).toEqual([
      { target: { kind: 'location', name: 'x' }, value: { kind: 'number', value: 1 } },
      { type: { base: 'int', pointer: 0 }, target: { kind: 'location', name: 'y' }, value: { kind: 'number', value: 2 } },
      { type: { base: 'int', pointer: 1 }, target: { kind: 'location', name: 'p' }, value: { kind: 'address', name: 'x' } },
      { target: { kind: 'location', name: 'q' }, value: { kind: 'address', name: 'y' } },
      { target: { kind: 'register', thread: 0, name: 'r1' }, value: { kind: 'number', value: 2 } },
      { type: { base: 'spinlock_t', pointer: 0 }, target: { kind: 'location', name: 'l' } },
    ]);
    expect(ast.init[2]?.span).toEqual({ line: 11, column: 2, endLine: 11, endColumn: 11 });
    expect(ast.threads.map((t) => [t.index, t.name.name, t.body.body.length])).toEqual([
      [0, 'P0', 3],
      [1, 'P1', 4],
    ]);
    expect(shape(ast.threads[0]?.params)).toEqual([
      { type: { base: 'int', pointer: 1 }, name: { name: 'x' } },
      { type: { base: 'int', pointer: 1 }, name: { name: 'y' } },
      { type: { base: 'spinlock_t', pointer: 1 }, name: { name: 'l' } },
      { type: { base: 'atomic_t', pointer: 1 }, name: { name: 'v' } },
      { type: { base: 'struct srcu_struct', pointer: 1 }, name: { name: 's' } },
      { type: { base: 'int', pointer: 2 }, name: { name: 'p' } },
    ]);
    expect(ast.threads[1]?.span).toEqual({ line: 24, column: 1, endLine: 31, endColumn: 2 });
    expect(ast.threads[1]?.body.span).toEqual({ line: 25, column: 1, endLine: 31, endColumn: 2 });
    expect(ast.threads[0]?.params[4]).toEqual({
      type: { base: 'struct srcu_struct', pointer: 1, span: { line: 17, column: 48, endLine: 17, endColumn: 68 } },
      name: { name: 's', span: { line: 17, column: 68, endLine: 17, endColumn: 69 } },
      span: { line: 17, column: 48, endLine: 17, endColumn: 69 },
    });
    expect(shape(ast.locations)).toEqual([
      { kind: 'location', name: 'x' },
      { kind: 'register', thread: 1, name: 'r0' },
      { kind: 'location', name: 'y' },
    ]);
    expect(ast.filter?.kind).toBe('and');
    expect(ast.condition?.quantifier).toBe('exists');
    expect(ast.condition?.span).toEqual({ line: 35, column: 1, endLine: 35, endColumn: 26 });
    expect(ast.unroll).toBeUndefined();
    expect(ast.span).toEqual({ line: 1, column: 1, endLine: 35, endColumn: 26 });
  });

  it('takes any run of non-blank characters as the name', () => {
    expect(clean('C 2+2W+po[x],y=z-1.0\n{}\nP0() {}').name.name).toBe('2+2W+po[x],y=z-1.0');
  });

  it("drops a '.litmus' suffix from the name, as herd7 reports it", () => {
    expect(clean('C C-CO+o-o.litmus\n{}\nP0() {}').name.name).toBe('C-CO+o-o');
    expect(clean('C a.litmus.b\n{}\nP0() {}').name.name).toBe('a.litmus.b');
  });

  it('accepts threads written as functions returning void or void *, as herd7 does', () => {
    const ast = clean('C T\n{}\nvoid P0(int *x) { WRITE_ONCE(*x, 1); }\nvoid *P1(int *x) { int r0; r0 = READ_ONCE(*x); }\nexists (1:r0=1)');
    expect(ast.threads.map((t) => t.name.name)).toEqual(['P0', 'P1']);
  });

  it('reads a doc string over several lines, and comments before the header', () => {
    const ast = clean('(* leading comment *)\n// another\nC T\n"first line\nsecond line"\n{}\nP0() {}');
    expect(ast.doc).toBe('first line\nsecond line');
    expect(ast.arch.span.line).toBe(3);
    expect(clean('C T "same line"\n{}\nP0() {}').doc).toBe('same line');
  });

  it('reads every init item form', () => {
    const ast = clean(
      'C T\n{ x = -3; y = 0x10; int *p = x; int 0:r1 = 2; P1:r2 = 5; [z] = 1; unsigned long u; ' +
        'atomic_t v = ATOMIC_INIT(4); struct foo *f = &z }\nP0() {}',
    );
    expect(shape(ast.init)).toEqual([
      { target: { kind: 'location', name: 'x' }, value: { kind: 'number', value: -3 } },
      { target: { kind: 'location', name: 'y' }, value: { kind: 'number', value: 16 } },
      { type: { base: 'int', pointer: 1 }, target: { kind: 'location', name: 'p' }, value: { kind: 'address', name: 'x' } },
      { type: { base: 'int', pointer: 0 }, target: { kind: 'register', thread: 0, name: 'r1' }, value: { kind: 'number', value: 2 } },
      { target: { kind: 'register', thread: 1, name: 'r2' }, value: { kind: 'number', value: 5 } },
      { target: { kind: 'location', name: 'z' }, value: { kind: 'number', value: 1 } },
      { type: { base: 'unsigned long', pointer: 0 }, target: { kind: 'location', name: 'u' } },
      { type: { base: 'atomic_t', pointer: 0 }, target: { kind: 'location', name: 'v' }, value: { kind: 'number', value: 4 } },
      { type: { base: 'struct foo', pointer: 1 }, target: { kind: 'location', name: 'f' }, value: { kind: 'address', name: 'z' } },
    ]);
    expect(ast.init[0]?.value?.span).toEqual({ line: 2, column: 7, endLine: 2, endColumn: 9 });
  });

  it("reads herd7's untyped pointer `*p = x;` as a pointer, one star only", () => {
    const ast = clean('C T\n{ *p = x; *q; }\nP0() {}');
    expect(shape(ast.init)).toEqual([
      { type: { base: 'int', pointer: 1 }, target: { kind: 'location', name: 'p' }, value: { kind: 'address', name: 'x' } },
      { type: { base: 'int', pointer: 1 }, target: { kind: 'location', name: 'q' } },
    ]);
    expect(parseLitmus('C T\n{ **p = x; }\nP0() {}').diagnostics.map((d) => d.message)).toEqual([
      "expected a location name such as x, or a register such as 0:r1, but found '*'",
    ]);
  });

  it('accepts empty init blocks and stray semicolons in them', () => {
    expect(clean('C T\n{}\nP0() {}').init).toEqual([]);
    expect(clean('C T\n{ ; x=1;; }\nP0() {}').init).toHaveLength(1);
  });

  it('accepts P0(void), P0() and any parameter types', () => {
    const ast = clean(
      'C T\n{}\nP0(void) {}\nP1() {}\nP2(unsigned long *x, u32 *y, const int *z, int x2, my_t *w, struct a_b **c) {}',
    );
    expect(ast.threads.map((t) => t.params.map((p) => `${p.type.base}${'*'.repeat(p.type.pointer)} ${p.name.name}`))).toEqual([
      [],
      [],
      ['unsigned long* x', 'u32* y', 'const int* z', 'int x2', 'my_t* w', 'struct a_b** c'],
    ]);
  });

  it('reads comments anywhere, but (* only outside thread code', () => {
    const ast = clean(
      'C T (* 1 *)\n{ x=1; (* 2 *) }\n(* 3 *) P0(int *x) { // 4\n r0 = (*x); /* 5 */ }\n(* 6 *)\nP1(int *x) {}\nexists (* 7 *) (0:r0=1)',
    );
    expect(ast.threads).toHaveLength(2);
    expect(ast.threads[0]?.body.body).toHaveLength(1);
  });

  it('reads the @unroll extension from a comment', () => {
    expect(clean('C T\n// @unroll 3\n{}\nP0() { while (1) {} }').unroll).toBe(3);
    expect(clean('C T\n{}\nP0() { /* @unroll 2 */ }').unroll).toBe(2);
    expect(clean('C T\n(* @unroll 5 *)\n{}\nP0() {}').unroll).toBe(5);
  });

  it('accepts a byte order mark before the header', () => {
    expect(clean('\ufeffC T\n{}\nP0() {}').name.name).toBe('T');
  });

  it('accepts Windows line endings', () => {
    const ast = clean(FULL.replace(/\n/g, '\r\n'));
    expect(ast.threads).toHaveLength(2);
    expect(ast.name.name).toBe('MP+pooncerelease+poacquireonce');
  });

  it('returns the AST together with errors when the structure was recovered', () => {
    const { ast, diagnostics } = parseLitmus('C T\n{}\nP0(int *x) { r0 = ; }\nexists (x=1)');
    expect(diagnostics).toHaveLength(1);
    expect(ast?.threads).toHaveLength(1);
    expect(ast?.condition?.quantifier).toBe('exists');
  });

  it('returns no AST for text that is not a litmus test at all', () => {
    expect(parseLitmus('').ast).toBeUndefined();
    expect(parseLitmus('{ hello }').ast).toBeUndefined();
  });
});
