// Registers herd7 reads without a value: a register nothing wrote holds 0
// (herd/CSem.ml reads registers like any location, and the initial state
// gives 0). That covers a register read in its own initializer, one read
// before its declaration, and `true`/`false`, which herd7's C does not know.
// We do the same, and say so; an address nothing gave is an error, as in herd7.
import { describe, expect, it } from 'vitest';
import { runLitmus } from '../run/run-litmus.ts';

const run = (body: string, condition: string) =>
  runLitmus(`C T\n{}\nP0(int *x, int *y) {\n${body}\n}\nexists (${condition})\n`);

const warnings = (result: ReturnType<typeof runLitmus>) =>
  result.diagnostics.map((d) => `${d.span.line}:${d.span.column} ${d.severity} ${d.code}`);

describe('registers without a value', () => {
  it('reads a register in its own initializer as 0, with a warning', () => {
    const result = run('\tint r1 = READ_ONCE(*x);\n\tint r4 = (r1 != r4) + 7;', '0:r4=7');
    expect(warnings(result)).toEqual(['5:18 warning lower/own-initializer']);
    expect(result.verdict?.observation).toBe('Always');
  });

  it('reads true and false as registers holding 0, with a warning each', () => {
    const result = run('\tint r0 = true;\n\tif (false) WRITE_ONCE(*x, 1);\n\tif (true) WRITE_ONCE(*y, 1);', '0:r0=0 /\\ x=0 /\\ y=0');
    expect(warnings(result)).toEqual(['4:11 warning lower/boolean-register', '5:6 warning lower/boolean-register']);
    expect(result.diagnostics[0]?.message).toBe("herd7 has no 'true': it reads it as a register holding 0, not 1");
    expect(result.verdict?.observation).toBe('Always');
  });

  it('reads a register before its declaration as 0, with one warning per name', () => {
    const result = run('\tint r1 = later + later;\n\tint later = 5;\n\tint r2 = later;', '0:r1=0 /\\ 0:r2=5');
    expect(warnings(result)).toEqual(['4:11 warning lower/undeclared-register']);
    expect(result.verdict?.observation).toBe('Always');
  });

  it('reads NULL as 0 without a warning', () => {
    const result = run('\tint r0 = NULL;', '0:r0=0');
    expect(result.diagnostics).toEqual([]);
    expect(result.verdict?.observation).toBe('Always');
  });

  it('refuses an undeclared name used as an address, as herd7 does', () => {
    for (const body of ['\tWRITE_ONCE(*z, 1);', '\tint r0 = smp_load_acquire(z);', '\tatomic_add(1, z);']) {
      const result = run(body, 'x=0');
      expect(result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.message}`)).toEqual(["error lower/undeclared 'z' is not declared in P0"]);
      expect(result.verdict).toBeUndefined();
    }
  });
});
