// herd7's numbering of symbolic values, checked on small threads whose
// numbers herd7 showed (the unsolved value it prints is the highest-numbered
// variable equal to it; corpus/lkmm/plain-deps has the end-to-end cases).
import { describe, expect, it } from 'vitest';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import type { Expr } from '../syntax/ast.ts';
import { numberHerdVars, type Decision, type HerdVarNumbering } from './herd-vars.ts';
import { lower } from './lower.ts';
import type { ThreadCode } from './program.ts';

function threadOf(body: string): ThreadCode {
  const text = `C T\n\n{}\n\nP0(int *x, int *y, int *z, spinlock_t *l)\n{\n\tint r0;\n\tint r5;\n\tint r6;\n${body}\n}\n\nexists (0:r0=0)\n`;
  const parsed = parseLitmus(text);
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return lower(parsed.ast!, text).program!.threads[0]!;
}

/** Every `*y` read (a unary `*` on y) in the thread, in source order. */
function readsOfY(thread: ThreadCode): Expr[] {
  const found: Expr[] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const e = node as Expr;
    if (e.kind === 'unary' && e.op === '*' && e.operand.kind === 'name' && e.operand.name === 'y') found.push(e);
    for (const [key, value] of Object.entries(node)) if (key !== 'span') walk(value);
  };
  walk(thread.body);
  return found;
}

/** Every call of `name` in the thread, in source order. */
function callsOf(thread: ThreadCode, name: string): Extract<Expr, { kind: 'call' }>[] {
  const found: Extract<Expr, { kind: 'call' }>[] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const e = node as Expr;
    if (e.kind === 'call' && e.callee.name === name) found.push(e);
    for (const [key, value] of Object.entries(node)) if (key !== 'span') walk(value);
  };
  walk(thread.body);
  return found;
}

/** The variable of `node` on the way the decisions `letters` lead to. */
function varOn(numbering: HerdVarNumbering, letters: readonly Decision[], node: object): number | undefined {
  let path = 0;
  for (const letter of letters) path = numbering.next(path, letter);
  return numbering.varOf(path, node);
}

describe("herd7's variable numbering", () => {
  it('gives each register read, memory read and operation a variable, in evaluation order', () => {
    // y (register), *y (memory), r0 (register); the copy `*x = r0` adds x and r0.
    const thread = threadOf('\tr0 = *y;\n\t*x = r0;');
    const numbering = numberHerdVars(thread.body, 2);
    expect(numbering.total).toBe(4);
    expect(varOn(numbering, [], readsOfY(thread)[0]!)).toBe(2);
    expect(numbering.complete).toBe(true);
  });

  it('allocates nothing for adding or or-ing 0, as herd7 simplifies them away', () => {
    expect(numberHerdVars(threadOf('\tr5 = READ_ONCE(*z) + 0;').body, 2).total).toBe(2);
    expect(numberHerdVars(threadOf('\tr5 = READ_ONCE(*z) | 0;').body, 2).total).toBe(2);
    expect(numberHerdVars(threadOf('\tr5 = READ_ONCE(*z) & 1;').body, 2).total).toBe(3);
  });

  it('builds what follows an if once per branch, the else branch first', () => {
    // Condition: r5 read and ==; then-branch: z. Then `r0 = *y` for E (y, *y), then for T.
    const thread = threadOf('\tr5 = READ_ONCE(*z);\n\tif (r5 == 1) {\n\t\tWRITE_ONCE(*z, 2);\n\t}\n\tr0 = *y;');
    const numbering = numberHerdVars(thread.body, 2);
    const read = readsOfY(thread)[0]!;
    expect(varOn(numbering, ['E'], read)).toBe(7);
    expect(varOn(numbering, ['T'], read)).toBe(9);
    expect(numbering.total).toBe(9);
  });

  it('numbers both ways of a cmpxchg, each evaluating the location again', () => {
    // Success: z, read; failure: z, read, comparison. The statement's bind puts failure first.
    const thread = threadOf('\tr5 = cmpxchg(z, 0, 1);\n\tr0 = *y;');
    const numbering = numberHerdVars(thread.body, 2);
    const read = readsOfY(thread)[0]!;
    expect(varOn(numbering, ['F'], read)).toBe(7);
    expect(varOn(numbering, ['S'], read)).toBe(9);
  });

  it("keeps a cmpxchg's new value under its success way, where the thread semantics evaluates it", () => {
    // y, *y; success: z, r0, read; failure: z, read, comparison. herd7 names a
    // cycle of copies through the new value after the register read (4).
    const thread = threadOf('\tr0 = *y;\n\tr5 = cmpxchg(z, 0, r0);');
    const numbering = numberHerdVars(thread.body, 2);
    const newValue = callsOf(thread, 'cmpxchg')[0]!.args[2]!;
    expect(varOn(numbering, ['S'], newValue)).toBe(4);
    expect(numbering.total).toBe(8);
  });

  it('ends the thread at a loop cut off at the unroll bound, but builds on inside a block', () => {
    const loop = 'r5 = READ_ONCE(*z);\n\twhile (r5 == 0) {\n\t\tr5 = READ_ONCE(*z);\n\t}';
    const top = numberHerdVars(threadOf(`\t${loop}\n\tr0 = *y;`).body, 1).total;
    const inBlock = numberHerdVars(threadOf(`\t{\n\t${loop}\n\t}\n\tr0 = *y;`).body, 1).total;
    // The cut-off way builds `r0 = *y` (two variables) only inside the block.
    expect(inBlock - top).toBe(2);
  });

  it('stops in bounded work on code with too many ways, saying so', () => {
    const nested = `\tr5 = 0;\n\t${'while (r5 == 0) { '.repeat(6)}r5 = READ_ONCE(*z);${' }'.repeat(6)}`;
    // Bounded work, counted in the walk's steps (each numbered variable is one), not in time.
    let steps = 0;
    const numbering = numberHerdVars(threadOf(nested).body, 64, () => steps++);
    expect(numbering.complete).toBe(false);
    expect(steps).toBeGreaterThan(0);
    expect(steps).toBeLessThanOrEqual(2_000_000);
    expect(numbering.next(-1, 'T')).toBe(-1);
  });
});
