import { describe, expect, it } from 'vitest';
import { Meter } from '../budget/meter.ts';
import { MAX_ERRORS, MAX_TREE_DEPTH } from './diagnostic-sink.ts';
import { parseLitmus } from './parse-litmus.ts';

/** Diagnostics as `line:column-endLine:endColumn code: message`. */
function report(text: string): string[] {
  return parseLitmus(text).diagnostics.map(
    (d) => `${d.span.line}:${d.span.column}-${d.span.endLine}:${d.span.endColumn} ${d.code}: ${d.message}`,
  );
}

describe('diagnostics', () => {
  it('reports several errors in one file, each at its place, and still parses the rest', () => {
    const text = [
      'C T', //                                  1
      '{ x=1; }', //                             2
      'P0(int *x) {', //                         3
      '  r0 = 1', //                             4: missing ';'
      '  r1 = ;', //                             5: missing operand
      '  WRITE_ONCE(*x, 1);', //                 6
      '}', //                                    7
      'P2(int *x) { smp_mb(); }', //             8: out of order
      'P2(int *y) { }', //                       9: duplicate
      'exists (0:r0=1 /\\ )', //                 10: missing atom
    ].join('\n');
    expect(report(text)).toEqual([
      "4:9-4:9 syntax/missing-semicolon: expected ';' after the statement, but found 'r1'",
      "5:8-5:9 syntax/unexpected-token: expected an expression, but found ';'",
      '8:1-8:3 syntax/thread-order: threads must be numbered P0, P1, ... in order: expected P1, found P2',
      '9:1-9:3 syntax/duplicate-thread: thread P2 is declared twice',
      "10:19-10:20 syntax/unexpected-token: expected a condition such as 1:r0=1, but found ')'",
    ]);
    const { ast } = parseLitmus(text);
    expect(ast?.threads.map((t) => `${t.name.name}:${t.body.body.length}`)).toEqual(['P0:2', 'P2:1']);
  });

  it('recovers from an error in P0 and parses P1 and the condition', () => {
    const { ast, diagnostics } = parseLitmus(
      'C T\n{}\nP0(int *x) {\n  if (r0 == 1 {\n    x = 2;\n  }\n  r1 = 1;\n\nP1(int *y) { WRITE_ONCE(*y, 1); }\nexists (1:r0=0)',
    );
    expect(diagnostics.map((d) => [d.code, d.span.line, d.span.column, d.message])).toEqual([
      ['syntax/unexpected-token', 4, 15, "expected ')' to close the condition of 'if', but found '{'"],
      ['syntax/unclosed-brace', 7, 10, "expected '}' to close the body of P0 (opened on line 3), but found 'P1'"],
    ]);
    expect(ast?.threads.map((t) => t.name.name)).toEqual(['P0', 'P1']);
    expect(ast?.threads[1]?.body.body).toHaveLength(1);
    expect(ast?.condition?.quantifier).toBe('exists');
  });

  it('reports each array or struct field once, where it is, with nothing after it', () => {
    const text = [
      'C T', //                                  1
      '{ int a[2] = {0, 0}; y=1; }', //         2
      'P0(int *a, int *y) {', //                 3
      '  int b[2];', //                          4
      '  int r0 = y->next;', //                  5
      '  WRITE_ONCE(a[1], b[0] + 1);', //        6
      '  r0 = READ_ONCE(*y);', //                7
      '}', //                                    8
      'exists (0:r0=1)', //                      9
    ].join('\n');
    expect(report(text)).toEqual([
      '2:8-2:9 syntax/unsupported-syntax: arrays are not supported in litmus tests',
      '4:8-4:9 syntax/unsupported-syntax: arrays are not supported in litmus tests',
      "5:13-5:15 syntax/unsupported-syntax: struct fields ('->') are not supported in litmus tests",
      '6:15-6:16 syntax/unsupported-syntax: arrays are not supported in litmus tests',
      '6:21-6:22 syntax/unsupported-syntax: arrays are not supported in litmus tests',
    ]);
    const { ast } = parseLitmus(text);
    expect(ast?.init.map((i) => i.target.name)).toEqual(['y']);
    expect(ast?.threads[0]?.body.body).toHaveLength(4);
  });

  it("says what '(* ... *)' is inside a thread, once, and reads on", () => {
    const text = 'C T\n{}\nP0(int *x) {\n  (* publish the flag *)\n  WRITE_ONCE(*x, 1);\n  r0 = (*x);\n}\nexists (x=1)';
    const { ast, diagnostics } = parseLitmus(text);
    expect(diagnostics.map((d) => [d.span.line, d.span.column, d.span.endColumn, d.message, d.hint])).toEqual([
      [4, 3, 25, "'(* ... *)' is not a comment inside a thread",
        "inside a thread write comments as /* ... */ or // ...; '(* *)' is read only outside the threads"],
    ]);
    expect(ast?.threads[0]?.body.body).toHaveLength(2);
  });

  it('reports a statement broken off at a stray closer once, not again at the closer', () => {
    expect(report('C T\n{}\nP0(int *x) {\n  r0 = 2 * );\n  r1 = x[1 * ];\n}')).toEqual([
      "4:12-4:13 syntax/unexpected-token: expected an expression, but found ')'",
      '5:9-5:10 syntax/unsupported-syntax: arrays are not supported in litmus tests',
    ]);
  });

  it('recovers at ; inside the init block', () => {
    expect(report('C T\n{ x=1 y=2; int = 3; z=4 }\nP0() {}')).toEqual([
      "2:7-2:8 syntax/missing-semicolon: expected ';' after the initial value, but found 'y'",
      "2:12-2:15 syntax/unexpected-token: expected a location name such as x, or a register such as 0:r1, but found 'int'",
    ]);
    expect(parseLitmus('C T\n{ x=1 y=2; int = 3; z=4 }\nP0() {}').ast?.init.map((i) => i.target.name)).toEqual(['x', 'z']);
  });

  it('recovers inside a parameter list and still parses the body', () => {
    const { ast, diagnostics } = parseLitmus('C T\n{}\nP0(int *x, int y z, x) { smp_mb(); }');
    expect(diagnostics.map((d) => d.message)).toEqual(["expected ',' or ')' after the parameter of P0, but found 'z'"]);
    expect(ast?.threads[0]?.body.body).toHaveLength(1);
    expect(report('C T\n{}\nP0(x) { }')).toEqual(["3:4-3:5 syntax/missing-param-type: the parameter 'x' needs a type"]);
  });

  it('points a missing semicolon at the end of the line it belongs to', () => {
    expect(report('C T\n{}\nP0(int *x) {\n  r0 = READ_ONCE(*x)\n  smp_mb();\n}')).toEqual([
      "4:21-4:21 syntax/missing-semicolon: expected ';' after the statement, but found 'smp_mb'",
    ]);
    expect(report('C T\n{}\nP0(int *x) { smp_mb() }')).toEqual([
      "3:22-3:22 syntax/missing-semicolon: expected ';' after the statement, but found '}'",
    ]);
    expect(report('C T\n{}\nP0(int *x) { r0 = 1 r1 = 2; }')).toEqual([
      "3:21-3:23 syntax/missing-semicolon: expected ';' after the statement, but found 'r1'",
    ]);
  });

  it('reports an unclosed block once, where the file ends', () => {
    expect(report('C T\n{}\nP0(int *x) {\n  if (r0) {\n    r1 = 1;\n')).toEqual([
      "5:12-5:12 syntax/unclosed-brace: expected '}' to close the block (opened on line 4), but found the end of the file",
    ]);
    expect(report('C T\n{ x=1;\nP0() {}')).toEqual([
      "2:7-2:7 syntax/unclosed-brace: expected '}' to close the initial state (opened on line 2), but found 'P0'",
    ]);
  });

  it('explains problems with the header', () => {
    expect(report('')).toEqual([
      "1:1-1:1 syntax/missing-header: a litmus test must start with a line like 'C MP+poonceonces'",
    ]);
    expect(report('C\n{}\nP0() {}')).toEqual(["1:1-1:2 syntax/missing-test-name: expected the test's name after 'C'"]);
    expect(report('AArch64 T\n{}\nP0() {}')).toEqual([
      "1:1-1:8 syntax/unsupported-arch: Barrier Lab runs only C litmus tests, but this one is for 'AArch64'",
    ]);
    expect(report('P0(int *x) {}')[0]).toMatch(/^1:1-1:3 syntax\/missing-header/);
  });

  it('says once that a file is not a C litmus test, instead of once a line', () => {
    expect(report('hello world\nthis is not\na litmus test\n')).toEqual([
      "1:1-1:6 syntax/missing-header: a litmus test must start with a line like 'C MP+poonceonces', not 'hello ...'",
    ]);
    expect(report('c MP\n{}\nP0(int *x) {}\n')).toEqual([
      "1:1-1:2 syntax/unsupported-arch: Barrier Lab runs only C litmus tests, but this one is for 'c'",
    ]);
    expect(report('AArch64 MP\n{\n0:X1=x;\n}\n P0          | P1          ;\n MOV W0,#1   | LDR W0,[X1] ;\n')).toEqual([
      "1:1-1:8 syntax/unsupported-arch: Barrier Lab runs only C litmus tests, but this one is for 'AArch64'",
    ]);
    expect(report('#include <stdio.h>\nint main(void) { return 0; }\n')).toEqual([
      "1:1-1:2 syntax/missing-header: a litmus test must start with a line like 'C MP+poonceonces'",
    ]);
    // A test that only forgot its header line is still read to the end.
    expect(report('{ x=0; }\nP0(int *x) { WRITE_ONCE(*x, 1) }\n')).toEqual([
      "1:1-1:2 syntax/missing-header: a litmus test must start with a line like 'C MP+poonceonces'",
      "2:31-2:31 syntax/missing-semicolon: expected ';' after the statement, but found '}'",
    ]);
  });

  it('asks for the init block and at least one thread', () => {
    expect(report('C T\nP0() {}')).toEqual([
      "2:1-2:3 syntax/missing-init: expected the initial state block '{ ... }' before P0",
    ]);
    expect(report('C T\n{}\n')).toEqual(['1:1-1:4 syntax/no-threads: the test has no threads']);
    expect(report('C T\n')).toEqual([
      "1:1-1:4 syntax/missing-init: expected the initial state block '{ ... }'",
      '1:1-1:4 syntax/no-threads: the test has no threads',
    ]);
  });

  it('reports sections out of place or repeated', () => {
    expect(report('C T\nP0() {}\n{ x=1; }\nexists (x=1)\n~exists (x=2)\nfilter (x=1)\nfilter (x=2)\nP1() {}')).toEqual([
      "2:1-2:3 syntax/missing-init: expected the initial state block '{ ... }' before P0",
      '3:1-3:2 syntax/misplaced-init: the initial state block must come before the threads',
      "5:1-5:2 syntax/duplicate-clause: the test has more than one final condition ('exists', '~exists' or 'forall')",
      "7:1-7:7 syntax/duplicate-clause: the test has more than one 'filter'",
      '8:1-8:3 syntax/misplaced-thread: thread P1 comes after the conditions',
    ]);
    expect(report('C T\n{}\n{}\nP0() {}')).toEqual(['3:1-3:2 syntax/misplaced-init: the test has a second initial state block']);
    expect(report('C T\n{}\nP0() {}\n"late doc"')).toEqual([
      "4:1-4:11 syntax/unexpected-string: a doc string must come right after the test's name line",
    ]);
    expect(report('C T\n{}\nP0() {}}')).toEqual(["3:8-3:9 syntax/unexpected-token: this '}' closes nothing"]);
    expect(report('C T\n{}\nP0() {}\nbanana')).toEqual([
      "4:1-4:7 syntax/unexpected-token: expected another thread or a condition such as 'exists (0:r0=1)', but found 'banana'",
    ]);
  });

  it('reports an unterminated comment at its start and nothing it swallowed', () => {
    expect(report('C T\n(* never closed\n{}\nP0() {}')).toEqual([
      "2:1-2:3 syntax/unterminated-comment: unterminated comment: '(*' is never closed by '*)'",
    ]);
  });

  it('gives every diagnostic a hint where one helps', () => {
    const [diagnostic] = parseLitmus('C T\n{}\nP0() { return 1; }').diagnostics;
    expect(diagnostic).toEqual({
      code: 'syntax/unsupported-statement',
      message: "'return' is not supported in litmus tests",
      span: { line: 3, column: 8, endLine: 3, endColumn: 14 },
      severity: 'error',
      hint: "threads do not return values: remove the 'return'",
    });
  });

  it('limits nesting with one diagnostic, without overflowing the stack', () => {
    const deep = 20_000; // far past what the stack could take without the limit
    const cases = [
      `C T\n{}\nP0() { r0 = ${'('.repeat(deep)}1${')'.repeat(deep)}; }`,
      `C T\n{}\nP0() { r0 = ${'- '.repeat(deep)}1; }`,
      `C T\n{}\nP0() { ${'{'.repeat(deep)}${'}'.repeat(deep)} }`,
      `C T\n{}\nP0() { ${'if (r0) '.repeat(deep)}r0 = 1; }`,
      `C T\n{}\nP0() { ${'if (r0) r0 = 1; else '.repeat(deep)}r0 = 1; }`,
      `C T\n{}\nP0() { r0 = ${'f('.repeat(deep)}${')'.repeat(deep)}; }`,
      `C T\n{}\nP0() {}\nexists ${'('.repeat(deep)}x=1${')'.repeat(deep)}`,
      `C T\n{}\nP0() {}\nexists (${'~'.repeat(deep)}x=1)`,
    ];
    for (const text of cases) {
      const { ast, diagnostics } = parseLitmus(text);
      expect(diagnostics.map((d) => d.code)).toEqual(['syntax/too-deep']);
      expect(ast?.threads).toHaveLength(1);
    }
    expect(report(`C T\n{}\nP0() { r0 = ${'('.repeat(300)}1${')'.repeat(300)}; }`)[0]).toMatch(
      /^3:\d+-3:\d+ syntax\/too-deep: the code is nested too deeply \(more than 200 levels\)$/,
    );
    // Long chains are read in loops (no parser recursion), but each operator
    // is one level of the tree the later passes walk: up to MAX_TREE_DEPTH
    // levels they are fine, past it one diagnostic says so and no tree comes back.
    const chains = (length: number) => [
      `C T\n{}\nP0() { r0 = ${'a + '.repeat(length)}1; }`,
      `C T\n{}\nP0() { r0 = ${'a ? b : '.repeat(length)}c; }`,
      `C T\n{}\nP0() { ${'r0 = '.repeat(length)}c; }`,
      `C T\n{}\nP0() {}\nexists ${'x=1 => '.repeat(length)}x=1`,
      `C T\n{}\nP0() {}\nexists ${'x=1 /\\ '.repeat(length)}x=1`,
    ];
    for (const text of chains(MAX_TREE_DEPTH - 10)) expect(parseLitmus(text).diagnostics).toEqual([]);
    for (const text of chains(deep)) {
      const { ast, diagnostics } = parseLitmus(text);
      expect(diagnostics.map((d) => d.code)).toEqual(['syntax/too-deep']);
      expect(diagnostics[0]?.message).toContain(`more than ${MAX_TREE_DEPTH} levels`);
      expect(ast).toBeUndefined();
    }
  });

  it(`stops after ${MAX_ERRORS} errors`, () => {
    const { ast, diagnostics } = parseLitmus(`C T\n{}\nP0() {\n${'r0 = = 1;\n'.repeat(500)}}`);
    expect(diagnostics).toHaveLength(MAX_ERRORS + 1);
    expect(diagnostics.at(-1)?.code).toBe('syntax/too-many-errors');
    expect(ast).toBeUndefined();
  });

  it('parses a megabyte, its work growing linearly with its size', () => {
    // Work is counted, not timed (the time is bench/parse-scale.ts's): the
    // parser ticks its meter for every unit of work, and the meter reads its
    // clock once every so many ticks, so a clock that counts its reads counts
    // the work.
    const body = 'WRITE_ONCE(*x, READ_ONCE(*y) + 1);\n\tif (r0 == 1) { r1 = r0 * 2; } else { smp_mb(); }\n';
    const text = (bytes: number) => `C T\n{}\nP0(int *x, int *y) {\n${body.repeat(Math.ceil(bytes / body.length))}}\nexists (x=1)`;
    const parse = (bytes: number) => {
      let reads = 0;
      const meter = new Meter({ clock: () => reads++, maxMillis: Number.MAX_SAFE_INTEGER });
      return { ...parseLitmus(text(bytes), { meter }), work: reads };
    };
    const megabyte = parse(1_000_000);
    expect(megabyte.diagnostics).toEqual([]);
    expect(megabyte.ast?.threads[0]?.body.body.length).toBe(2 * Math.ceil(1_000_000 / body.length));
    const quarter = parse(250_000).work;
    const half = parse(500_000).work;
    expect(quarter).toBeGreaterThan(100);
    // Twice the text, twice the work (give or take the fixed part).
    expect(half / quarter).toBeGreaterThan(1.9);
    expect(half / quarter).toBeLessThan(2.1);
    expect(megabyte.work / half).toBeGreaterThan(1.9);
    expect(megabyte.work / half).toBeLessThan(2.1);
    // A guard against a hang under a loaded machine, not a measure: a few seconds at most alone.
  }, 60_000);
});
