import { describe, expect, it } from 'vitest';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { sourceSlicer } from '../syntax/source-slicer.ts';
import { lower } from './lower.ts';
import type { Program } from './program.ts';
import { runThread } from './thread-run.ts';
import { computeTraces } from './value-domain.ts';
import { valueKey, type Value } from './value.ts';

function programOf(threads: string): Program {
  const text = `C T\n\n{\n}\n\n${threads}\n\nexists (0:r0=1)\n`;
  const parsed = parseLitmus(text);
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const { program } = lower(parsed.ast!, text);
  return program!;
}

/** The values each trace's reads of `loc` took, as lists. */
function readsOf(traces: readonly { events: readonly { kind: string; loc?: string; value?: Value }[] }[], loc: string): number[][] {
  return traces.map((t) => t.events.filter((e) => e.kind === 'R' && e.loc === loc).map((e) => e.value as number));
}

const incTwice = 'P0(atomic_t *x)\n{\n\tint r0;\n\tint r1;\n\tr0 = atomic_inc_return(x);\n\tr1 = atomic_inc_return(x);\n}';

describe('reads restricted to the values coherence lets them read', () => {
  it('takes, after its own write, that write or a value written elsewhere, never the initial value', () => {
    const program = programOf(incTwice);
    const options = { domain: () => [0, 1, 2, 5], unroll: 2, maxTraces: 100, textOf: sourceSlicer(program.source) };
    const elsewhere = new Set([valueKey(5)]);
    const run = runThread(program.threads[0]!, { ...options, readable: { initial: () => 0, writtenElsewhere: (_loc, v) => elsewhere.has(valueKey(v)) } });
    // First read: the initial 0 or the 5 written elsewhere; second: its own write (first + 1) or 5.
    expect(readsOf(run.traces, 'x')).toEqual([
      [0, 1],
      [0, 5],
      [5, 5],
    ]);
    // Left out of the run: those paths are no runs of the thread.
    expect(run.abandoned).toEqual([]);
    // Unrestricted, every read ranges over the domain.
    expect(runThread(program.threads[0]!, options).traces).toHaveLength(16);
  });

  it('lets a read take a value of a write of its own statement, which herd7 may leave unordered with it', () => {
    const program = programOf('P0(int *x)\n{\n\tint r0;\n\tr0 = xchg(x, 1) + xchg(x, 2);\n}');
    const options = { domain: () => [0, 1, 2], unroll: 2, maxTraces: 100, textOf: sourceSlicer(program.source) };
    const run = runThread(program.threads[0]!, { ...options, readable: { initial: () => 0, writtenElsewhere: () => false } });
    expect(readsOf(run.traces, 'x')).toContainEqual([0, 1]);
  });

  it('computes the domain and the traces of a thread alone with its own increments only', () => {
    const traces = computeTraces(programOf(incTwice), () => '');
    expect(traces.domain.get('x')).toEqual([0, 1, 2]);
    expect(readsOf(traces.threads[0]!, 'x')).toEqual([[0, 1]]);
  });

  it('keeps every trace a second thread makes possible, and only those', () => {
    const program = programOf(`${incTwice}\n\nP1(atomic_t *x)\n{\n\tatomic_add(5, x);\n}`);
    const traces = computeTraces(program, sourceSlicer(program.source));
    const p0 = readsOf(traces.threads[0]!, 'x').map((r) => r.join(','));
    // Read from P1's add (of 0, 1 or 2) or the thread's own increment: 5, 6, 7 written elsewhere.
    expect(p0).toContain('0,1');
    expect(p0).toContain('0,6');
    expect(p0).toContain('5,6');
    expect(p0).toContain('6,7');
    // Never the initial value after its own write, nor a value nobody else writes.
    expect(p0.filter((r) => r.endsWith(',0') || r === '0,2' || r === '1,2')).toEqual([]);
  });

  it('leaves the reads of a test with a loop unrestricted, as herd7 flags Loop before its model judges a candidate', () => {
    // After its own write of 3, coherence hides x's initial 0 from P1; herd7 still builds the candidates
    // that read it, one of which spins past the unroll bound (corpus: values/Loop+spins-on-hidden-initial-value).
    const program = programOf('P0(int *x)\n{\n\tint r0;\n\tr0 = xchg(x, 2);\n}\n\nP1(int *x)\n{\n\tint r0;\n\tWRITE_ONCE(*x, 3);\n\tr0 = READ_ONCE(*x);\n\twhile (r0 <= 1)\n\t\tr0 = READ_ONCE(*x);\n}');
    const traces = computeTraces(program, sourceSlicer(program.source));
    expect(traces.abandoned[1]!.some((path) => path.reason === 'unroll')).toBe(true);
    expect(readsOf(traces.threads[1]!, 'x').some((reads) => reads[0] === 0)).toBe(true);
  });
});
