import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { runLitmus } from '../run-litmus.ts';
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
    const tight = findRepair(corpus('sb/SB+poonceonces'), { maxPrograms: 5 });
    expect(tight.status).toBe('none-found');
    expect(tight.message).toMatch(/^none found within budget/);
    expect(findRepair('C broken\n{}\nP0(int *x) { WRITE_ONCE(*x, 1) }\nexists (x=1)').status).toBe('none-found');
  });
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

  it('offers smp_mb__before/after_atomic around atomics without a full barrier', () => {
    const text = 'C A\n{}\nP0(atomic_t *x, int *y)\n{\n\tWRITE_ONCE(*y, 1);\n\tatomic_inc(x);\n\tWRITE_ONCE(*y, 2);\n}\nexists (y=1)\n';
    const kinds = candidateEdits(parseLitmus(text).ast!, text).map((e) => e.kind);
    expect(kinds).toContain('smp_mb__before_atomic');
    expect(kinds).toContain('smp_mb__after_atomic');
  });
});
