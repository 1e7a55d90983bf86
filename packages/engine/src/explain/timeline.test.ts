import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { randomLitmusText } from '../../test-support/random-program.ts';
import { runLitmus } from '../run/run-litmus.ts';
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

  it('tells MP with a barrier on the writer only as the reader running ahead, never as a stale read the barrier rules out', () => {
    const writerOnly = [
      'C MP+wmb-only', '{}',
      'P0(int *x, int *y, int *z) { WRITE_ONCE(*x, 1); WRITE_ONCE(*z, 1); smp_wmb(); WRITE_ONCE(*y, 1); }',
      'P1(int *x, int *y) { int r0; int r1; r0 = READ_ONCE(*y); r1 = READ_ONCE(*x); }',
      'exists (1:r0=1 /\\ 1:r1=0)',
    ].join('\n');
    for (const source of [writerOnly, writerOnly.replace('smp_wmb(); WRITE_ONCE(*y, 1)', 'smp_store_release(y, 1)')]) {
      const t = buildTimeline(smallestCounterexample(runLitmus(source).verdict!)!.witness, source);
      const notes = t.steps.flatMap((s) => s.notes.map((n) => [s.thread, n.kind]));
      // Only CPU 1's read of x runs ahead of its read of y; CPU 0's stores keep their order.
      expect(notes).toEqual([[1, 'ran-ahead']]);
      expect(t.steps[0]!.description).toBe('CPU 1, line 4: r1 = READ_ONCE(*x) read 0, the initial value');
    }
    // With no barrier on either side, the stale read is still the story.
    const plain = writerOnly.replace('smp_wmb(); ', '');
    const t = buildTimeline(smallestCounterexample(runLitmus(plain).verdict!)!.witness, plain);
    expect(t.steps.flatMap((s) => s.notes.map((n) => n.kind))).toEqual(['stale-read']);
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

describe('the hidden bookkeeping of user accesses through the TLB', () => {
  const kernel = (name: string) => corpus(`kernel/${name}`);
  const told = (source: string, witness = smallestCounterexample(runLitmus(source).verdict!)?.witness ?? runLitmus(source).verdict!.witnesses[0]!) =>
    buildTimeline(witness, source);

  it('tells user_write()\'s SRCU section as using the TLB entry, not as reads and stores of tlb', () => {
    const t = told(kernel('KSM+user-write+no-flush'));
    const text = t.steps.map((s) => s.description).join('\n');
    expect(text).not.toMatch(/tlb=|srcu_read_lock\(tlb\)\) read|read 0, the initial value\n.*srcu/);
    const cpu1 = t.steps.filter((s) => s.thread === 1);
    expect(cpu1.map((s) => s.tlb)).toEqual(['enter', 'translate', undefined, 'exit']);
    expect(cpu1[0]!.description).toBe('CPU 1, line 28: user_write(ptep, page, 1) starts using its TLB entry (srcu_read_lock(tlb)): a TLB flush that starts after this waits for the access to end');
    expect(cpu1[1]!.description).toBe('CPU 1, line 28: user_write(ptep, page, 1) translates through its TLB entry: ptep=PTE_WRITE, the initial value');
    expect(cpu1[2]!.description).toBe('CPU 1, line 28: user_write(ptep, page, 1) stored page=1');
    expect(cpu1[3]!.description).toBe('CPU 1, line 28: user_write(ptep, page, 1) is done with its TLB entry (srcu_read_unlock(tlb))');
    expect(cpu1[0]!.value).toBeUndefined();
    expect(cpu1[0]!.readsFrom).toBeUndefined();
    expect(cpu1[3]!.value).toBeUndefined();
  });

  it('tells a flush\'s waits: for IRQ-disabled CPUs under IPIs, and for accesses using the old translation', () => {
    const t = told(kernel('KSM+user-write+flush+ipi'));
    const flush = t.steps.filter((s) => s.kind === 'F');
    expect(flush.map((s) => s.tlb)).toEqual(['ipi', 'wait']);
    expect(flush[0]!.description).toBe('CPU 0, line 19: entry = ptep_clear_flush(ptep) waits for every CPU with IRQs off to take the IPI (synchronize_rcu())');
    expect(flush[1]!.description).toBe('CPU 0, line 19: entry = ptep_clear_flush(ptep) waits until no access uses the old translation (synchronize_srcu(tlb))');
  });

  it('tells a broadcast flush as a full barrier that waits for no CPU', () => {
    const t = told(kernel('KSM+user-write+flush+broadcast'));
    const flush = t.steps.filter((s) => s.kind === 'F');
    expect(flush.map((s) => s.tlb)).toEqual(['barrier', 'wait']);
    expect(flush[0]!.description).toMatch(/ptep_clear_flush\(ptep\) flushes by broadcast: a full barrier on this CPU \(smp_mb\(\)\) that waits for no other CPU$/);
  });

  it('calls a stale translation one', () => {
    // Store buffering between a PTE clear and a user store: one CPU must
    // read a stale value, and the timeline lets it be the translation.
    const source = `C stale-translation
{
	ptep=1;
}
P0(int *ptep, int *y)
{
	int r0;
	set_pte_at(ptep, PTE_NONE);
	smp_mb();
	r0 = READ_ONCE(*y);
}
P1(int *ptep, int *y, int *page)
{
	WRITE_ONCE(*y, 1);
	user_write(ptep, page, 1);
}
exists (0:r0=0 /\\ page=1)
`;
    const t = told(source);
    const notes = t.steps.filter((s) => s.tlb === 'translate').flatMap((s) => s.notes);
    expect(notes.map((n) => n.message)).toEqual([
      // The program cleared the PTE with PTE_NONE: the note says so by name.
      "CPU 1 used a stale translation: CPU 0's store ptep=PTE_NONE (line 8) had already executed, but CPU 1's TLB still held the old entry",
    ]);
  });

  it('knows the domain by the name the expansion gave it, and a user\'s own SRCU stays as it was', () => {
    const source = `C own-srcu
{
	ptep=1;
}
P0(int *ptep, int *page, struct srcu_struct *tlb)
{
	int idx;
	idx = srcu_read_lock(tlb);
	user_write(ptep, page, 1);
	srcu_read_unlock(tlb, idx);
}
P1(int *ptep, int *page, struct srcu_struct *tlb)
{
	WRITE_ONCE(*ptep, 0);
	flush_tlb_page();
	synchronize_srcu(tlb);
}
exists (page=1)
`;
    for (const w of runLitmus(source).verdict!.witnesses) {
      const t = buildTimeline(w, source);
      const byLine = (line: number) => t.steps.filter((s) => s.line === line);
      expect(byLine(8).map((s) => s.tlb)).toEqual([undefined]);
      expect(byLine(8)[0]!.description).toMatch(/idx = srcu_read_lock\(tlb\) read \d/);
      expect(byLine(9).filter((s) => s.tlb === 'enter')[0]!.description).toContain('srcu_read_lock(tlb1)');
      expect(byLine(15).map((s) => s.tlb)).toEqual(['ipi', 'wait']);
      expect(byLine(16).map((s) => s.tlb)).toEqual([undefined]);
    }
  });

  it('orders the steps by everything but the hidden domain: all events once, rf and co of the others respected', () => {
    const source = `C two-users
{
	ptep=1;
}
P0(int *ptep, int *a)
{
	user_write(ptep, a, 1);
	user_write(ptep, a, 2);
}
P1(int *ptep, int *a)
{
	int r0;
	r0 = user_read(ptep, a);
	set_pte_at(ptep, PTE_NONE);
	flush_tlb_page();
}
exists (1:r0=1)
`;
    const verdict = runLitmus(source).verdict!;
    expect(verdict.witnesses.length).toBeGreaterThan(1);
    for (const w of verdict.witnesses) {
      const t = buildTimeline(w, source);
      const at = new Map(t.steps.map((s) => [s.event, s.step]));
      expect(t.steps).toHaveLength(w.events.filter((e) => e.thread >= 0).length);
      const marker = new Set(t.steps.filter((s) => s.tlb === 'enter' || s.tlb === 'exit').map((s) => s.event));
      expect(marker.size).toBe(6);
      for (const [x, y] of [...w.rf, ...w.co]) {
        if (at.has(x) && at.has(y) && !marker.has(x) && !marker.has(y)) expect(at.get(x)!).toBeLessThan(at.get(y)!);
      }
      for (const lane of t.lanes) {
        const indices = lane.steps.map((n) => t.steps[n - 1]!).filter((s) => s.tlb !== undefined).map((s) => s.index);
        expect(indices).toEqual([...indices].sort((p, q) => p - q));
      }
    }
  });
});
