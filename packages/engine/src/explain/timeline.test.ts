import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomLitmusText } from '../../test-support/random-program.ts';
import { runLitmus } from '../run-litmus.ts';
import { smallestCounterexample } from './counterexamples.ts';
import { buildTimeline, formatTimeline } from './timeline.ts';

const corpus = (name: string) => readFileSync(new URL(`../../corpus/lkmm/${name}.litmus`, import.meta.url), 'utf8');

function timelineOf(name: string) {
  const source = corpus(name);
  const witness = smallestCounterexample(runLitmus(source).verdict!)!.witness;
  return buildTimeline(witness, source);
}

describe('buildTimeline', () => {
  it('tells MP as a stale read of the initial value', () => {
    const t = timelineOf('mp/MP+poonceonces');
    expect(t.steps.map((s) => s.description)).toEqual([
      'CPU 0, line 12: WRITE_ONCE(*x, 1) stored x=1',
      'CPU 0, line 13: WRITE_ONCE(*y, 1) stored y=1',
      'CPU 1, line 21: r0 = READ_ONCE(*y) read 1, written by CPU 0 at line 13',
      'CPU 1, line 22: r1 = READ_ONCE(*x) read 0, the initial value',
    ]);
    const last = t.steps[3]!;
    expect(last.readsFrom).toMatchObject({ initial: true, thread: -1 });
    expect(last.notes).toHaveLength(1);
    expect(last.notes[0]!.kind).toBe('stale-read');
    expect(last.notes[0]!.message).toContain("CPU 0's store x=1 (line 12) had already executed");
    expect(t.lanes).toEqual([{ thread: 0, steps: [1, 2] }, { thread: 1, steps: [3, 4] }]);
  });

  it('tells LB as a CPU running ahead of program order', () => {
    const t = timelineOf('lb/LB+poonceonces');
    const ahead = t.steps.flatMap((s) => s.notes).filter((n) => n.kind === 'ran-ahead');
    expect(ahead).toHaveLength(1);
    expect(ahead[0]!.message).toMatch(/^CPU 0 ran ahead of program order: this store became visible before line 14 \(r0 = READ_ONCE\(\*x\)\)/);
    expect(t.steps.filter((s) => s.kind === 'R').every((s) => s.readsFrom && !s.readsFrom.initial)).toBe(true);
  });

  it('keeps program order for SB and points at the store not yet visible', () => {
    const t = timelineOf('sb/SB+poonceonces');
    for (const lane of t.lanes) {
      const indices = lane.steps.map((n) => t.steps[n - 1]!.index);
      expect(indices).toEqual([...indices].sort((a, b) => a - b));
    }
    expect(t.steps.flatMap((s) => s.notes).map((n) => n.kind)).toEqual(['stale-read']);
  });

  it('includes barriers and RCU markers as steps', () => {
    const t = timelineOf('rcu/RCU-GP+rlonceonceru+onceonce');
    expect(t.steps.map((s) => s.statement)).toContain('rcu_read_lock()');
    expect(t.steps.some((s) => s.notes.some((n) => n.kind === 'stale-read'))).toBe(true);
  });

  it('formats as numbered text with notes beneath', () => {
    const text = formatTimeline(timelineOf('mp/MP+poonceonces'));
    expect(text).toContain('Timeline (CPU 0, CPU 1):');
    expect(text).toContain('  4. CPU 1, line 22: r1 = READ_ONCE(*x) read 0, the initial value\n      ! CPU 1 read a stale value');
  });

  it('quotes calls without the source', () => {
    const source = corpus('mp/MP+poonceonces');
    const t = buildTimeline(smallestCounterexample(runLitmus(source).verdict!)!.witness);
    expect(t.steps[2]!.statement).toBe('READ_ONCE(*y)');
  });

  it('orders every witness of random tests consistently with rf, co and po-loc, each event once', () => {
    fc.assert(fc.property(randomLitmusText({ maxAccesses: 6 }), (source) => {
      const verdict = runLitmus(source).verdict;
      if (!verdict) return;
      for (const w of verdict.witnesses) {
        const t = buildTimeline(w, source);
        const at = new Map(t.steps.map((s) => [s.event, s.step]));
        const real = w.events.filter((e) => e.thread >= 0);
        expect(t.steps).toHaveLength(real.length);
        expect(new Set(at.keys()).size).toBe(real.length);
        const isReal = (id: number) => at.has(id);
        for (const [a, b] of [...w.rf, ...w.co]) if (isReal(a) && isReal(b)) expect(at.get(a)!).toBeLessThan(at.get(b)!);
        for (const a of real) {
          for (const b of real) {
            if (a.thread === b.thread && a.index < b.index && a.loc !== undefined && a.loc === b.loc && a.kind !== 'F' && b.kind !== 'F') {
              expect(at.get(a.id)!).toBeLessThan(at.get(b.id)!);
            }
          }
        }
      }
    }), { numRuns: 40, seed: 7 });
  });
});
