// Laws of the repair search, on small random tests (classic shapes with
// random flavours, fences and dependencies) and on tests with branches whose
// barrier places lie on paths no counterexample takes: a proposed repair
// forbids the outcome, no cheaper set of candidate edits does (brute force
// over every subset of at most three edits, computed independently of the
// search's order), and it is the very set the plain search finds, which runs
// the engine on every set in order of cost (so judging sets by
// counterexamples and leaving out edits no counterexample meets change
// nothing).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classicLitmus, renderLitmus } from '../../test-support/random-program.ts';
import { runLitmus } from '../run/run-litmus.ts';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { editSets, findRepair, showsBadOutcome } from './repair.ts';
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

/** Message passing with places to put barriers on a path the outcome never takes (r0 = 1 skips the branch). */
const deadBranch = `C MP+dead-branch
{}
P0(int *x, int *y)
{
	WRITE_ONCE(*x, 1);
	WRITE_ONCE(*y, 1);
}
P1(int *x, int *y, int *z)
{
	int r0;
	int r1;
	r0 = READ_ONCE(*y);
	if (r0 == 0) {
		WRITE_ONCE(*z, 1);
		WRITE_ONCE(*z, 2);
	}
	r1 = READ_ONCE(*x);
}
exists (1:r0=1 /\\ 1:r1=0)
`;

/** The same with the write barrier in place and the dead places in an else branch. */
const deadElse = `C MP+dead-else
{}
P0(int *x, int *y)
{
	WRITE_ONCE(*x, 1);
	smp_wmb();
	WRITE_ONCE(*y, 1);
}
P1(int *x, int *y, int *z)
{
	int r0;
	int r1;
	r0 = READ_ONCE(*y);
	if (r0 == 1) {
		r1 = READ_ONCE(*x);
	} else {
		WRITE_ONCE(*z, 1);
		r1 = READ_ONCE(*z);
	}
}
exists (1:r0=1 /\\ 1:r1=0)
`;

describe('findRepair against the plain search and brute force', () => {
  // Tests with a weak outcome and few candidate edits, so brute force stays cheap.
  const classic = fc.sample(classicLitmus({ locks: false, rcu: false }).map((t) => ({ ...t, observeEverything: true })), { numRuns: 150, seed: 2024 })
    .map(renderLitmus)
    .flatMap((source) => {
      const weak = askingForWeakOutcome(source);
      return weak && candidateEdits(parseLitmus(weak).ast!, weak).length <= 9 ? [weak] : [];
    })
    .slice(0, 6);
  const tests = [...classic, deadBranch, deadElse];

  it('finds tests to check', () => {
    expect(classic.length).toBeGreaterThanOrEqual(3);
    for (const source of [deadBranch, deadElse]) expect(runLitmus(source).verdict!.observation).toBe('Sometimes');
  });

  it.each(tests.map((source, i) => [i, source] as const))('test %i: the repair forbids the outcome, nothing cheaper does, and it is the plain search\'s', (_i, source) => {
    const repair = findRepair(source, { maxPrograms: 1000 });
    const edits = candidateEdits(parseLitmus(source).ast!, source);
    if (repair.status === 'impossible') {
      expect(showsBadOutcome(runLitmus(source, { model: 'sc' }).verdict!)).toBe(true);
      return;
    }
    const judged = new Map<string, boolean>();
    const works = (set: readonly RepairEdit[]) => {
      const key = set.map((e) => e.key).sort().join();
      let known = judged.get(key);
      if (known === undefined) judged.set(key, (known = forbids(applyEdits(source, set))));
      return known;
    };
    const order = editSets(edits, 3);
    const at = order.findIndex(works);
    const plain = at < 0 ? undefined : order[at];
    // Brute force over 2^n subsets: only for the small tests.
    const cheapestByBruteForce = edits.length > 9 ? (plain ?? []).reduce((n, e) => n + e.cost, plain ? 0 : Infinity)
      : Math.min(...subsets(edits, 3).filter(works).map((set) => set.reduce((n, e) => n + e.cost, 0)));
    if (repair.status === 'none-found') {
      expect(cheapestByBruteForce).toBe(Infinity);
      return;
    }
    expect(repair.status).toBe('found');
    expect(forbids(repair.source!)).toBe(true);
    expect(repair.cost).toBe(cheapestByBruteForce);
    expect(repair.edits.map((e) => e.description)).toEqual(plain!.map((e) => e.description));
    // The plain search ran the engine on every set up to the answer.
    expect(repair.programsTried).toBeLessThanOrEqual(at + 1);
  }, 60_000);
});
