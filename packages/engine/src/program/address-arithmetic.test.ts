// Arithmetic with addresses, as herd7 does it (herdtools7 lib/symbValue.ml):
// a few operations are defined on a location's address, and any other makes
// herd7 refuse the whole test ("Illegal operation * on constants x and 2").
// Each case here was run through herd7 7.58 with the reference LKMM;
// corpus/lkmm/offsets/Offset-address-arithmetic has the answered ones.
import { describe, expect, it } from 'vitest';
import { runLitmus } from '../run/run-litmus.ts';

/** The value herd7 gives 0:r1 for `r1 = EXPR;`, or the refusal's position and code. */
function valueOf(expr: string): string {
  const result = runLitmus(`C T\n{ }\nP0(int *x, int *y, int *ab) {\n\tint r1;\n\tr1 = ${expr};\n}\nexists (0:r1=0)\n`);
  const error = result.diagnostics.find((d) => d.severity === 'error');
  if (error) return `${error.span.line}:${error.span.column} ${error.code}`;
  const states = result.verdict?.states ?? [];
  return states.map((s) => s.entries.map((e) => e.value).join(' ')).join(', ');
}

describe('operations herd7 defines on an address', () => {
  it.each([
    ['x + 0', 'x'], ['0 + x', 'x'], ['x + 1', 'x+1'], ['2 + x', 'x+2'],
    // herd7 prints a negative offset after a plus: x+-1.
    ['x - 1', 'x+-1'], ['(x + 1) - 1', 'x'],
    // The difference of two addresses compares them: by name, then by offset.
    ['x - x', '0'], ['x - y', '-1'], ['y - x', '1'], ['y - ab', '1'], ['(x + 1) - x', '1'], ['x - (x + 3)', '-1'],
    ['x | 0', 'x'], ['x ^ x', '0'],
    ['x == y', '0'], ['x != 0', '1'],
    ['x < 0', '0'], ['0 < x', '1'], ['x > 0', '1'], ['0 > x', '0'],
  ])('%s is %s', (expr, value) => {
    expect(valueOf(expr)).toBe(value);
  });
});

describe('operations herd7 refuses on an address', () => {
  it.each([
    'x * 2', 'x * 0', '2 * x', 'x / 1', 'x + x', '1 - x', 'x & 0', '0 & x', 'x | y', 'x | 1',
    'x ^ y', 'x ^ 0', 'x < 1', 'x <= x', 'x >= 0', '(x + 1) * 0',
  ])('refuses %s with a diagnostic on the operation', (expr) => {
    expect(valueOf(expr)).toBe('5:7 run/illegal-operation');
  });

  it('says what was computed, and where', () => {
    const result = runLitmus('C T\n{ }\nP0(int *x) {\n\tint r1;\n\tr1 = x * 2;\n}\nexists (0:r1=0)\n');
    expect(result.verdict).toBeUndefined();
    expect(result.diagnostics).toEqual([expect.objectContaining({
      code: 'run/illegal-operation',
      message: "'*' on x and 2 ('x * 2'), an operation on an address herd7 refuses",
      span: { line: 5, column: 7, endLine: 5, endColumn: 12 },
      severity: 'error',
    })]);
  });

  it('refuses an address read from memory once some execution reads it, as herd7 solves it', () => {
    const test = (branch: string) => runLitmus(`C T\n{ }\nP0(int **p, int *x) {\n\tint *r0;\n\tint r1;\n\tr0 = READ_ONCE(*p);\n\t${branch}\n}\nP1(int **p, int *x) {\n\tWRITE_ONCE(*p, x);\n}\nexists (0:r1=0)\n`);
    expect(test('r1 = r0 * 2;').diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.code}`)).toEqual(['7:7 run/illegal-operation']);
    // Where the address never reaches the multiplication, herd7 answers.
    const guarded = test('if (r0 == x) { r1 = 1; } else { r1 = r0 * 2; }');
    expect(guarded.diagnostics).toEqual([]);
    expect(guarded.verdict?.observation).toBe('Sometimes');
  });

  it('answers when only executions the model forbids or the filter drops compute it, as herd7 checks those first', () => {
    const mp = (p0: string, filter: string) => runLitmus(`C T\n{}\nP0(int *x, int *y) {\n\t${p0}\n}\nP1(int *x, int *y) {\n\tint r0;\n\tint r1;\n\tint r2;\n\tr0 = smp_load_acquire(y);\n\tr1 = READ_ONCE(*x);\n\tif (r0 == 1) { if (r1 == 0) { r2 = x * 2; } }\n}\n${filter}exists (1:r0=1 /\\ 1:r1=0)\n`);
    const ordered = 'WRITE_ONCE(*x, 1);\n\tsmp_store_release(y, 1);';
    const relaxed = 'WRITE_ONCE(*x, 1);\n\tWRITE_ONCE(*y, 1);';
    // herd7 7.58: MP with release and acquire answers (3 states); relaxed with a filter excluding the outcome answers (2 states).
    expect(mp(ordered, '').verdict?.states).toHaveLength(3);
    expect(mp(relaxed, 'filter (1:r0=0)\n').verdict?.states).toHaveLength(2);
    expect(mp(relaxed, '').diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.code}`)).toEqual(['13:37 run/illegal-operation']);
  });

  it('answers when the operation is on a path no execution takes (a branch on a value never read)', () => {
    const result = runLitmus('C T\n{ }\nP0(int *x) {\n\tint r1;\n\tint r2 = READ_ONCE(*x);\n\tif (r2 == 1) r1 = x * 2;\n}\nexists (0:r1=0)\n');
    expect(result.diagnostics).toEqual([]);
    expect(result.verdict?.observation).toBe('Always');
  });
});

describe('a division by zero', () => {
  // herd7 7.58 stops on it ("Fatal error: exception Division_by_zero") once
  // a candidate execution computes it, and answers when a test guards it.
  const test = (body: string) => runLitmus(`C T\n{}\nP0(int *x) {\n\tint r0;\n\tint r1;\n\tr0 = READ_ONCE(*x);\n\t${body}\n}\nP1(int *x) {\n\tWRITE_ONCE(*x, 2);\n}\nexists (0:r1=3)\n`);

  it('refuses the test when some execution divides by a zero it read', () => {
    const result = test('r1 = 6 / r0;');
    expect(result.verdict).toBeUndefined();
    expect(result.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.code}`)).toEqual(['7:7 run/illegal-operation']);
    expect(result.diagnostics[0]?.message).toBe("division by zero ('6 / r0'), which herd7 stops on");
  });

  it('answers when the division is guarded', () => {
    const result = test('if (r0 != 0) { r1 = 6 / r0; }');
    expect(result.diagnostics).toEqual([]);
    expect(result.verdict?.observation).toBe('Sometimes');
  });
});
