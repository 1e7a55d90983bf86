import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { runLitmus } from '../run/run-litmus.ts';
import { findRepair, editSets } from './repair.ts';
import { applyEdits, candidateEdits } from './repair-edits.ts';

const corpus = (name: string) => readFileSync(new URL(`../../corpus/lkmm/${name}.litmus`, import.meta.url), 'utf8');

describe('findRepair', () => {
  it('repairs MP with release/acquire (cost 6, cheaper than smp_wmb + smp_rmb at 8) and pairs them', () => {
    const r = findRepair(corpus('mp/MP+poonceonces'));
    expect(r.status).toBe('found');
    expect(r.cost).toBe(6);
    expect(r.edits.map((e) => [e.thread, e.line, e.kind])).toEqual([[0, 13, 'smp_store_release'], [1, 21, 'smp_load_acquire']]);
    expect(r.source).toContain('smp_store_release(y, 1);');
    expect(r.source).toContain('r0 = smp_load_acquire(y);');
    expect(runLitmus(r.source!).verdict!.observation).toBe('Never');
    expect(r.cycle?.shape).toBe('MP');
    expect(r.pairings[0]!.message).toBe('smp_store_release() in P0 (line 13) pairs with smp_load_acquire() in P1 (line 21): message passing (MP)');
  });

  it('uses smp_wmb + smp_rmb when the cost table makes them cheapest', () => {
    const r = findRepair(corpus('mp/MP+poonceonces'), { costs: { smp_load_acquire: 5, smp_store_release: 5 } });
    expect(r.cost).toBe(8);
    expect(r.edits.map((e) => e.kind).sort()).toEqual(['smp_rmb', 'smp_wmb']);
    expect(r.source).toContain('\tWRITE_ONCE(*x, 1);\n\tsmp_wmb();\n\tWRITE_ONCE(*y, 1);\n');
    expect(r.source).toContain('\tr0 = READ_ONCE(*y);\n\tsmp_rmb();\n\tr1 = READ_ONCE(*x);\n');
    expect(r.pairings.map((p) => p.message)).toContain('smp_wmb() in P0 (line 13) pairs with smp_rmb() in P1 (line 22): message passing (MP)');
  });

  it('repairs SB with smp_mb() on both sides', () => {
    const r = findRepair(corpus('sb/SB+poonceonces'));
    expect(r.status).toBe('found');
    expect(r.edits.map((e) => `P${e.thread}:${e.kind}`)).toEqual(['P0:smp_mb', 'P1:smp_mb']);
    expect(r.cost).toBe(20);
    expect(r.pairings[0]!.message).toMatch(/smp_mb\(\) in P0 \(line 15\) pairs with smp_mb\(\) in P1 \(line 23\): store buffering \(SB\)/);
  });

  it('repairs LB with acquire loads', () => {
    const r = findRepair(corpus('lb/LB+poonceonces'));
    expect(r.cost).toBe(6);
    expect(r.cycle?.shape).toBe('LB');
  });

  it('pairs a single new barrier with the one the program already has', () => {
    const r = findRepair(corpus('mp/MP+fencewmbonceonce+poonceonce'));
    expect(r.edits).toHaveLength(1);
    expect(r.pairings[0]!.message).toContain('pairs with the existing smp_wmb() in P0 (line 13)');
  });

  it('repairs an RCU reader/updater test', () => {
    const r = findRepair(corpus('rcu/RCU-GP+rlonceonceru+onceonce'));
    expect(r.status).toBe('found');
    expect(runLitmus(r.source!).verdict!.observation).toBe('Never');
  });

  it('says when nothing is needed, when no barrier can help, and when the budget runs out', () => {
    expect(findRepair(corpus('mp/MP+fencewmbonceonce+fencermbonceonce')).status).toBe('not-needed');
    const sc = corpus('mp/MP+poonceonces').replace('exists (1:r0=1 /\\ 1:r1=0)', 'exists (1:r0=0 /\\ 1:r1=0)');
    expect(findRepair(sc).status).toBe('impossible');
    for (const bound of [{ maxPrograms: 0 }, { maxSets: 5 }]) {
      const tight = findRepair(corpus('sb/SB+poonceonces'), bound);
      expect(tight.status).toBe('none-found');
      expect(tight.message).toMatch(/^none found within budget/);
    }
    expect(findRepair('C broken\n{}\nP0(int *x) { WRITE_ONCE(*x, 1) }\nexists (x=1)').status).toBe('none-found');
  });
});

describe('findRepair on the kernel scenarios', () => {
  const kernel = (name: string) => corpus(`kernel/${name}`);

  it('repairs KSM vs GUP-fast with a PTE change and a broadcast flush: the barrier after the pin, one run of the engine', () => {
    const source = kernel('KSM+GUP-fast+pte-change+broadcast');
    const r = findRepair(source);
    expect(r.status).toBe('found');
    // Store buffering: the broadcast flush is already a full barrier between
    // KSM's PTE clear and its pin check; the commit's "missing memory barrier
    // after pinning" is the one edit, paired with the flush.
    expect(r.cycle?.shape).toBe('SB');
    expect(r.edits.map((e) => [e.thread, e.kind])).toEqual([[1, 'smp_mb__after_atomic']]);
    expect(r.pairings.map((p) => p.message)).toEqual([expect.stringContaining('pairs with the existing ptep_clear_flush(pte) in P0')]);
    expect(runLitmus(r.source!).verdict!.observation).toBe('Never');
    // The patch's pair works too: smp_mb() before page_maybe_dma_pinned(), smp_mb__after_atomic() after the pin.
    const patch = candidateEdits(parseLitmus(source).ast!, source).filter((e) => e.key === 'P0:smp_mb@22:2' || e.key === 'P1:smp_mb__after_atomic@43:3');
    expect(patch).toHaveLength(2);
    expect(runLitmus(applyEdits(source, patch)).verdict!.observation).toBe('Never');
    expect(r.cost).toBe(8);
    // The search judged the single edits by the counterexample and ran the engine on the one it kept.
    expect(r.programsTried).toBeLessThanOrEqual(2);
    expect(r.setsJudged).toBeGreaterThan(10);
  });

  it('keeps the repair of the patch without a PTE change (IPI flush), with far fewer programs', () => {
    const r = findRepair(kernel('KSM+GUP-fast+no-pte-change+ipi'));
    expect(r.edits.map((e) => e.description)).toEqual(['insert smp_wmb() before line 25 in P0', 'insert smp_rmb() before line 39 in P1']);
    expect(r.programsTried).toBeLessThanOrEqual(2);
  });

  it('needs three edits without a PTE change under a broadcast flush (the flush is the fourth barrier): none with two', () => {
    const source = kernel('KSM+GUP-fast+no-pte-change+broadcast');
    const two = findRepair(source, { maxEdits: 2 });
    expect(two.status).toBe('none-found');
    expect(two.message).toMatch(/^none found with at most 2 edits/);
    const three = findRepair(source);
    expect(three.status).toBe('found');
    expect(three.edits).toHaveLength(3);
    expect(three.edits.map((e) => e.thread).sort()).toEqual([0, 1, 1]);
    expect(runLitmus(three.source!).verdict!.observation).toBe('Never');
  }, 30_000);
});

describe('candidate edits', () => {
  const source = corpus('mp/MP+poonceonces');
  const edits = candidateEdits(parseLitmus(source).ast!, source);

  it('offers barriers between accesses and acquire/release upgrades', () => {
    expect(edits.map((e) => e.description).sort()).toEqual([
      'insert smp_mb() before line 13 in P0',
      'insert smp_rmb() before line 13 in P0',
      'insert smp_wmb() before line 13 in P0',
      'READ_ONCE() -> smp_load_acquire() on line 21 in P1',
      'insert smp_mb() before line 22 in P1',
      'insert smp_rmb() before line 22 in P1',
      'insert smp_wmb() before line 22 in P1',
      'READ_ONCE() -> smp_load_acquire() on line 22 in P1',
      'WRITE_ONCE() -> smp_store_release() on line 12 in P0',
      'WRITE_ONCE() -> smp_store_release() on line 13 in P0',
    ].sort());
    const offsets = edits.map((e) => e.offset);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
  });

  it('applies edits at the text level, upgrades and inserts at one statement together', () => {
    const both = edits.filter((e) => e.line === 13);
    const text = applyEdits(source, both.filter((e) => e.kind === 'smp_mb' || e.kind === 'smp_store_release'));
    expect(text).toContain('\tWRITE_ONCE(*x, 1);\n\tsmp_mb();\n\tsmp_store_release(y, 1);\n');
    expect(runLitmus(text).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('orders edit sets by cost, one barrier per slot', () => {
    const sets = editSets(edits, 2);
    const costs = sets.map((s) => s.reduce((n, e) => n + e.cost, 0));
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    for (const s of sets) expect(new Set(s.map((e) => e.slot)).size).toBe(s.length);
  });

  it('upgrades only the head of a call, so nested and parenthesised accesses survive', () => {
    const text = 'C N\n{}\nP0(int *x, int *y)\n{\n\tint r0 = 0;\n\tWRITE_ONCE(*y, READ_ONCE(*x));\n\tWRITE_ONCE(*(r0 ? x : y), 1);\n}\nexists (x=1)\n';
    const upgrades = candidateEdits(parseLitmus(text).ast!, text).filter((e) => e.action === 'upgrade');
    expect(upgrades).toHaveLength(3);
    const edited = applyEdits(text, upgrades);
    expect(edited).toContain('\tsmp_store_release(y, smp_load_acquire(x));\n\tsmp_store_release((r0 ? x : y), 1);\n');
    expect(runLitmus(edited).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('offers smp_mb__before/after_atomic around kernel builtins that are relaxed atomics', () => {
    const source = corpus('kernel/KSM+GUP-fast+pte-change+broadcast');
    const descriptions = candidateEdits(parseLitmus(source).ast!, source).map((e) => e.description);
    // try_grab_folio() is an atomic_add().
    expect(descriptions).toContain('insert smp_mb__after_atomic() after the atomic operation on line 42 in P1');
    expect(descriptions).toContain('insert smp_mb__before_atomic() before the atomic operation on line 42 in P1');
    // page_maybe_dma_pinned() only reads the refcount.
    expect(descriptions.filter((d) => d.includes('atomic operation on line 22'))).toEqual([]);
  });

  it('offers smp_mb__before/after_atomic around atomics without a full barrier', () => {
    const text = 'C A\n{}\nP0(atomic_t *x, int *y)\n{\n\tWRITE_ONCE(*y, 1);\n\tatomic_inc(x);\n\tWRITE_ONCE(*y, 2);\n}\nexists (y=1)\n';
    const kinds = candidateEdits(parseLitmus(text).ast!, text).map((e) => e.kind);
    expect(kinds).toContain('smp_mb__before_atomic');
    expect(kinds).toContain('smp_mb__after_atomic');
  });
});

describe('findRepair with a restricted set of kinds', () => {
  it('never proposes an edit kind the caller leaves out', () => {
    const mp = `C MP
{}
P0(int *x, int *y)
{
	WRITE_ONCE(*x, 1);
	WRITE_ONCE(*y, 1);
}
P1(int *x, int *y)
{
	int r0;
	int r1;

	r0 = READ_ONCE(*y);
	r1 = READ_ONCE(*x);
}
exists (1:r0=1 /\\ 1:r1=0)
`;
    const open = findRepair(mp);
    expect(open.edits.map((e) => e.kind).sort()).toEqual(['smp_load_acquire', 'smp_store_release']);
    const barriersOnly = findRepair(mp, { kinds: ['smp_mb', 'smp_rmb', 'smp_wmb', 'smp_mb__before_atomic', 'smp_mb__after_atomic', 'flush'] });
    expect(barriersOnly.status).toBe('found');
    expect(barriersOnly.edits.map((e) => e.kind).sort()).toEqual(['smp_rmb', 'smp_wmb']);
    expect(barriersOnly.cost).toBe(8);
  });
});

