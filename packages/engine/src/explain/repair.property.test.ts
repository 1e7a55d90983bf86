// Laws of the repair search, on small random tests (classic shapes with
// random flavours, fences and dependencies): a proposed repair forbids the
// outcome, and no cheaper set of candidate edits does (brute force over every
// subset of at most three edits, computed independently of the search's order).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classicLitmus, renderLitmus } from '../../test-support/random-program.ts';
import { runLitmus } from '../run-litmus.ts';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { findRepair, showsBadOutcome } from './repair.ts';
import { applyEdits, candidateEdits, type RepairEdit } from './repair-edits.ts';

const forbids = (text: string) => {
  const v = runLitmus(text).verdict;
  return v !== undefined && v.status === 'complete' && !showsBadOutcome(v);
};

/** Every subset of at most `max` edits, one per slot. */
function subsets(edits: readonly RepairEdit[], max: number): RepairEdit[][] {
  const out: RepairEdit[][] = [];
  for (let mask = 1; mask < 1 << edits.length; mask++) {
    const set = edits.filter((_, i) => (mask >> i) & 1);
    if (set.length <= max && new Set(set.map((e) => e.slot)).size === set.length) out.push(set);
  }
  return out;
}

/**
 * The test asking for its first weak outcome: a final state the LKMM allows
 * and sequential consistency does not (random conditions are nearly always
 * reachable by some interleaving, where no barrier can help).
 */
function askingForWeakOutcome(source: string): string | undefined {
  const lkmm = runLitmus(source).verdict;
  const sc = runLitmus(source, { model: 'sc' }).verdict;
  if (!lkmm || !sc) return undefined;
  const key = (entries: readonly { target: string; value: string }[]) => entries.map((e) => `${e.target}=${e.value}`).join(' /\\ ');
  const scStates = new Set(sc.states.map((s) => key(s.entries)));
  const weak = lkmm.states.find((s) => !scStates.has(key(s.entries)));
  return weak ? source.replace(/^exists .*$/m, `exists (${key(weak.entries)})`) : undefined;
}

describe('findRepair on random tests', () => {
  // Tests with a weak outcome and few candidate edits, so brute force stays cheap.
  const tests = fc.sample(classicLitmus({ locks: false, rcu: false }).map((t) => ({ ...t, observeEverything: true })), { numRuns: 150, seed: 2024 })
    .map(renderLitmus)
    .flatMap((source) => {
      const weak = askingForWeakOutcome(source);
      return weak && candidateEdits(parseLitmus(weak).ast!, weak).length <= 9 ? [weak] : [];
    })
    .slice(0, 6);

  it('finds tests to check', () => {
    expect(tests.length).toBeGreaterThanOrEqual(3);
  });

  it.each(tests.map((source, i) => [i, source] as const))('test %i: the repair forbids the outcome, and nothing cheaper does', (_i, source) => {
    const repair = findRepair(source, { maxPrograms: 1000 });
    const edits = candidateEdits(parseLitmus(source).ast!, source);
    if (repair.status === 'impossible') {
      expect(showsBadOutcome(runLitmus(source, { model: 'sc' }).verdict!)).toBe(true);
      return;
    }
    const cheapestByBruteForce = Math.min(...subsets(edits, 3).filter((set) => forbids(applyEdits(source, set))).map((set) => set.reduce((n, e) => n + e.cost, 0)));
    if (repair.status === 'none-found') {
      expect(cheapestByBruteForce).toBe(Infinity);
      return;
    }
    expect(repair.status).toBe('found');
    expect(forbids(repair.source!)).toBe(true);
    expect(repair.cost).toBe(cheapestByBruteForce);
  }, 60_000);
});
