// Dependencies through registers assigned under branches, as herd7 computes
// them (its registers are events: ctrl goes read → register → branch →
// register write in the branch → ... → a later branch), and the value domain
// of values justified only through a branch.
import { describe, expect, it } from 'vitest';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { sourceSlicer } from '../syntax/source-slicer.ts';
import type { ThreadTrace } from './event.ts';
import { lower } from './lower.ts';
import type { Program } from './program.ts';
import { runThread } from './thread-run.ts';
import { computeTraces } from './value-domain.ts';
import { formatValue } from './value.ts';

function programOf(body: string, other = 'P1(int *x, int *y)\n{\n\tint r1;\n\tr1 = READ_ONCE(*y);\n\tWRITE_ONCE(*x, r1);\n}'): Program {
  const text = `C T\n\n{\n}\n\nP0(int *x, int *y, int *z)\n{\n${body}\n}\n\n${other}\n\nexists (0:r0=1)\n`;
  const parsed = parseLitmus(text);
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const { program, diagnostics } = lower(parsed.ast!, text);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return program!;
}

/** P0's traces when every read returns 1. */
function tracesOf(program: Program): ThreadTrace[] {
  return runThread(program.threads[0]!, { domain: () => [1], unroll: 2, maxTraces: 100, textOf: sourceSlicer(program.source) }).traces;
}

/** The edges of `kind` between P0's read of `from` and its write to `to`, by location. */
function edges(trace: ThreadTrace, kind: 'ctrl' | 'data' | 'addr', from: string, to: string): number {
  return trace[kind].filter(([a, b]) => trace.events[a]!.kind === 'R' && trace.events[a]!.loc === from && trace.events[b]!.kind === 'W' && trace.events[b]!.loc === to).length;
}

const lastWriteUnder = (test: string) => `\tif (${test}) {\n\t\tWRITE_ONCE(*y, 1);\n\t} else {\n\t\tWRITE_ONCE(*y, 1);\n\t}`;

describe('a register assigned under a branch', () => {
  it('carries the branch condition\'s reads into a later branch on it (ctrl)', () => {
    const [trace] = tracesOf(programOf(`\tint r0;\n\tint t = 0;\n\tr0 = READ_ONCE(*x);\n\tif (r0 != 0) {\n\t\tt = 1;\n\t}\n${lastWriteUnder('t == 1')}`));
    expect(edges(trace!, 'ctrl', 'x', 'y')).toBe(1);
  });

  it('carries them through copies, arithmetic, nested branches and loops', () => {
    const nested = `\tint r0;\n\tint t = 0;\n\tint u;\n\tr0 = READ_ONCE(*x);\n\tif (t == 0) {\n\t\tif (r0 == 0) {\n\t\t\tt = 2;\n\t\t} else {\n\t\t\tt = 1;\n\t\t}\n\t}\n\tu = t + 1;\n${lastWriteUnder('u == 2')}`;
    const loop = `\tint r0;\n\tint t = 0;\n\tr0 = READ_ONCE(*x);\n\twhile (r0 != t) {\n\t\tt = t + 1;\n\t}\n${lastWriteUnder('t == 1')}`;
    for (const body of [nested, loop]) for (const trace of tracesOf(programOf(body))) expect(edges(trace, 'ctrl', 'x', 'y'), body).toBe(1);
  });

  it('does not carry a read made by the condition itself (herd7\'s ctrl starts with a data step out of a read)', () => {
    const [trace] = tracesOf(programOf(`\tint r0 = 0;\n\tint t = 0;\n\tif (READ_ONCE(*x) != 0) {\n\t\tt = 1;\n\t}\n${lastWriteUnder('t == 1')}`));
    expect(edges(trace!, 'ctrl', 'x', 'y')).toBe(0);
  });

  it('is neither a data nor an address dependency where its value is stored or dereferenced', () => {
    const body = `\tint r0;\n\tint t = 0;\n\tr0 = READ_ONCE(*x);\n\tif (r0 != 0) {\n\t\tt = 1;\n\t}\n\tWRITE_ONCE(*y, t);\n\tWRITE_ONCE(*(y + (t & 0)), 2);`;
    const [trace] = tracesOf(programOf(body));
    for (const kind of ['ctrl', 'data', 'addr'] as const) expect(edges(trace!, kind, 'x', 'y'), kind).toBe(0);
  });

  it('is lost when the register is assigned again outside the branch', () => {
    const [trace] = tracesOf(programOf(`\tint r0;\n\tint t = 0;\n\tr0 = READ_ONCE(*x);\n\tif (r0 != 0) {\n\t\tt = 1;\n\t}\n\tt = 1;\n${lastWriteUnder('t == 1')}`));
    expect(edges(trace!, 'ctrl', 'x', 'y')).toBe(0);
  });
});

describe('the value domain', () => {
  it('holds values written only on a path that a value justified through the branch takes', () => {
    // y = 1 needs x = 1, which needs y = 1: herd7 finds the execution (plain load buffering through branches).
    const program = programOf(
      '\tint r0;\n\tr0 = *x;\n\tif (r0 == 1) {\n\t\t*y = 1;\n\t}',
      'P1(int *x, int *y)\n{\n\tint r1;\n\tr1 = *y;\n\tif (r1 == 1) {\n\t\t*x = 1;\n\t}\n}',
    );
    const traces = computeTraces(program, sourceSlicer(program.source));
    expect(traces.domain.get('x')).toEqual([0, 1]);
    expect(traces.domain.get('y')).toEqual([0, 1]);
  });

  it('records the reads an operator or a branch condition computes with, not mere copies', () => {
    const program = programOf('\tint r0;\n\tint r2;\n\tr0 = READ_ONCE(*x);\n\tr2 = READ_ONCE(*z);\n\t*y = r0;\n\tif (r2 == 1) {\n\t\tr0 = r0;\n\t}');
    const [trace] = tracesOf(program);
    expect(trace!.computedWith!.map((i) => trace!.events[i]!.loc)).toEqual(['z']);
  });
});

describe('read-modify-writes', () => {
  /** Whether P0's RMW on x has a data dependency from its read to its write. */
  const rmwData = (call: string) => {
    const [trace] = tracesOf(programOf(`\tint r0;\n\t${call};`));
    const [read, write] = trace!.rmw[0]!;
    return trace!.data.some(([a, b]) => a === read && b === write);
  };

  it('carry a data dependency from the read to the write when the new value is computed from the old', () => {
    // herd7's iico_data: LB through `atomic_add(1, x); r1 = READ_ONCE(*x); WRITE_ONCE(*y, r1)` is forbidden.
    expect(rmwData('atomic_add(1, x)')).toBe(true);
    expect(rmwData('r0 = atomic_fetch_add_relaxed(1, x)')).toBe(true);
    expect(rmwData('r0 = atomic_add_return_relaxed(1, x)')).toBe(true);
  });

  it('carry none when the value written is given (xchg, cmpxchg)', () => {
    expect(rmwData('r0 = xchg_relaxed(x, 5)')).toBe(false);
    expect(rmwData('r0 = cmpxchg_relaxed(x, 1, 5)')).toBe(false);
  });
});

describe('the value domain of a pointer kept in a shared location', () => {
  it('holds the pointer stored before a path faults, so the path reading it back exists', () => {
    // `*t = r0; r1 = *t; READ_ONCE(*r1)`: reading t's initial 0 faults; the path reading the stored address must not vanish with it.
    const program = programOf('\tint *r0;\n\tint *r1;\n\tint r2;\n\tr0 = READ_ONCE(*x);\n\t*z = r0;\n\tr1 = *z;\n\tr2 = READ_ONCE(*r1);', 'P1(int *x, int *y)\n{\n\tWRITE_ONCE(*x, y);\n}');
    const traces = computeTraces(program, sourceSlicer(program.source));
    expect(traces.domain.get('z')!.map(formatValue)).toContain('y');
    expect(traces.threads[0]!.some((t) => t.events.some((e) => e.kind === 'R' && e.loc === 'y'))).toBe(true);
  });
});
