// Program order inside one statement, as herd7 builds it: a statement is one
// instruction, whose accesses are ordered only where a value flows from one
// into another (its po_iico); the operands of an operator are unordered.
import { describe, expect, it } from 'vitest';
import { buildSkeleton } from '../execution/execution.ts';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { sourceSlicer } from '../syntax/source-slicer.ts';
import type { ThreadTrace } from './event.ts';
import { lower } from './lower.ts';
import { runThread } from './thread-run.ts';

/** P0's trace for `body` when every read returns 1. */
function traceOf(body: string): ThreadTrace {
  const text = `C T\n\n{\n}\n\nP0(int *x, int *y)\n{\n\tint r0;\n${body}\n}\n\nexists (0:r0=1)\n`;
  const { program } = lower(parseLitmus(text).ast!, text);
  const [trace] = runThread(program!.threads[0]!, { domain: () => [1], unroll: 2, maxTraces: 10, textOf: sourceSlicer(program!.source) }).traces;
  return trace!;
}

/** The unordered pairs as `loc kind` texts. */
function unordered(trace: ThreadTrace): string[] {
  const name = (i: number) => `${trace.events[i]!.kind}${trace.events[i]!.loc}`;
  return (trace.unorderedInStatement ?? []).map(([a, b]) => `${name(a)} ${name(b)}`);
}

describe('accesses of one statement', () => {
  it('leave the two operands of an operator unordered', () => {
    expect(unordered(traceOf('\tr0 = READ_ONCE(*x) & smp_load_acquire(y);'))).toEqual(['Rx Ry']);
  });

  it('order a read before the store its value feeds, and an RMW\'s read before its write', () => {
    expect(unordered(traceOf('\tsmp_store_release(y, READ_ONCE(*x));'))).toEqual([]);
    expect(unordered(traceOf('\tr0 = atomic_fetch_add(1, x);'))).toEqual([]);
  });

  it('leave the read giving xchg() its value unordered with xchg()\'s read, not with its write', () => {
    expect(unordered(traceOf('\tr0 = xchg(y, READ_ONCE(*x));'))).toEqual(['Rx Ry']);
  });

  it('order cmpxchg()\'s expected value and atomic_add_unless()\'s limit before the write, not the read', () => {
    expect(unordered(traceOf('\tr0 = cmpxchg(y, READ_ONCE(*x), 2);'))).toEqual(['Rx Ry']);
    expect(unordered(traceOf('\tr0 = atomic_add_unless(y, 1, READ_ONCE(*x));'))).toEqual(['Rx Ry']);
  });

  it('put smp_store_mb()\'s fence after a read in its value (two statements in herd7\'s .def)', () => {
    expect(unordered(traceOf('\tsmp_store_mb(*y, READ_ONCE(*x));'))).toEqual([]);
  });

  it('are ordered with the statements before and after', () => {
    expect(unordered(traceOf('\tr0 = READ_ONCE(*x);\n\tWRITE_ONCE(*y, 1);\n\tif (READ_ONCE(*y)) {\n\t\tr0 = READ_ONCE(*x);\n\t}'))).toEqual([]);
  });

  it('leave po whole but for those pairs, in every thread of a skeleton', () => {
    const trace = traceOf('\tr0 = READ_ONCE(*x) + READ_ONCE(*x);\n\tWRITE_ONCE(*y, r0);');
    const other: ThreadTrace = { ...traceOf('\tr0 = READ_ONCE(*y);\n\tWRITE_ONCE(*x, 2);'), thread: 1 };
    const s = buildSkeleton(['x', 'y'], new Map(), [trace, other]);
    // Events: 0, 1 initial writes; P0's 2, 3, 4; P1's 5, 6.
    expect(s.po.has(2, 3)).toBe(true);
    expect(s.modelPo!.has(2, 3)).toBe(false);
    expect(s.modelPo!.has(3, 2)).toBe(false);
    expect(s.modelPo!.has(2, 4) && s.modelPo!.has(3, 4) && s.modelPo!.has(5, 6)).toBe(true);
  });

  it('give no separate model po when every statement is ordered', () => {
    const s = buildSkeleton(['x', 'y'], new Map(), [traceOf('\tr0 = READ_ONCE(*x);\n\tWRITE_ONCE(*y, r0);')]);
    expect(s.modelPo).toBeUndefined();
  });
});
