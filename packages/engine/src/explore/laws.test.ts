// The laws the explorer and models must obey on every program (HOUSE-STYLE.md
// §10), checked on small random litmus tests: SC ⊆ TSO ⊆ LKMM, a full barrier
// never adds outcomes, the naive reference explorer agrees with the real one,
// verdicts are deterministic, and every witness shows the state it stands for.
// fast-check prints the seed and the shrunk test when a law fails; assertion
// messages carry the litmus text, ready to paste into herd7 or the site.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLitmus } from '../run/run-litmus.ts';
import { modelFor } from '../models/catalog.ts';
import { modelNames, type ModelName } from '../models/model.ts';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { lower } from '../program/lower.ts';
import type { Program } from '../program/program.ts';
import { computeTraces } from '../program/value-domain.ts';
import { sourceSlicer } from '../syntax/source-slicer.ts';
import type { Verdict } from '../verdict/verdict.ts';
import { explore, type Budget } from './explore.ts';
import { referenceExplore } from '../../test-support/reference-explorer.ts';
import { barrierSlots, insertFullBarrier, litmusTests, renderLitmus } from '../../test-support/random-program.ts';
import { summariseExploration } from '../../test-support/exploration-summary.ts';
import { witnessState } from '../../test-support/witness-state.ts';

// Generous enough that the generated tests all finish; a cut-off run is
// discarded (fc.pre) rather than compared, since its counts are lower bounds.
const budget: Budget = { maxEvents: 200, maxCandidates: 200_000, maxMillis: 60_000 };
// The reference explorer judges every naive candidate; a few tests have too many.
const referenceBudget: Budget = { maxEvents: 200, maxCandidates: 20_000, maxMillis: 60_000 };
const timeout = 60_000;

/** The verdict of `text` under `model`, or undefined (and the case discarded) when it is inconclusive. */
function verdictOf(text: string, model: ModelName): Verdict {
  const result = runLitmus(text, { model, budget });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  expect(errors, `the generator made an invalid test:\n${text}`).toEqual([]);
  fc.pre(result.verdict!.status === 'complete');
  return result.verdict!;
}

/** The final states a verdict reports, each as `1:r0=1; [x]=2;`. */
function outcomes(v: Verdict): Set<string> {
  return new Set(v.states.map((s) => s.entries.map((e) => `${e.target}=${e.value};`).join(' ')));
}

/** The program of a generated test (which is always valid: see the first test below). */
function programOf(text: string): Program {
  return lower(parseLitmus(text).ast!, text).program!;
}

function missing(from: Set<string>, inside: Set<string>): string[] {
  return [...from].filter((s) => !inside.has(s)).sort();
}

describe('random litmus tests', () => {
  it('are valid herd7 C litmus tests', () => {
    fc.assert(
      fc.property(litmusTests(), (test) => {
        const text = renderLitmus(test);
        const parsed = parseLitmus(text);
        const lowered = parsed.ast ? lower(parsed.ast, text) : undefined;
        expect([...parsed.diagnostics, ...(lowered?.diagnostics ?? [])], text).toEqual([]);
        expect(lowered?.program).toBeDefined();
      }),
      { numRuns: 200 },
    );
  });

  it('insert smp_mb() without renaming registers or touching other threads', () => {
    fc.assert(
      fc.property(litmusTests(), fc.nat(), fc.nat(), (test, thread, slot) => {
        const t = thread % test.threads.length;
        const fenced = insertFullBarrier(test, thread, slot);
        const before = renderLitmus(test).split('\n');
        const after = renderLitmus(fenced).split('\n');
        expect(after.length).toBe(before.length + 1);
        const added = after.findIndex((line, i) => line !== before[i]);
        expect(after[added]!.trim()).toBe('smp_mb();');
        expect([...after.slice(0, added), ...after.slice(added + 1)]).toEqual(before);
        expect(barrierSlots(fenced, t)).toBe(barrierSlots(test, t) + 1);
      }),
      { numRuns: 200 },
    );
  });
});

// Final states showing every location and register give the laws on outcomes the most to compare.
const observed = litmusTests({ observe: 'everything' });

describe('laws of the models', () => {
  it('outcomes(sc) ⊆ outcomes(tso) ⊆ outcomes(lkmm)', () => {
    fc.assert(
      fc.property(observed, (test) => {
        const text = renderLitmus(test);
        const [sc, tso, lkmm] = modelNames.map((m) => outcomes(verdictOf(text, m)));
        expect(missing(sc!, tso!), `SC outcomes TSO forbids, in:\n${text}`).toEqual([]);
        expect(missing(tso!, lkmm!), `TSO outcomes the LKMM forbids, in:\n${text}`).toEqual([]);
      }),
      { numRuns: 120 },
    );
  }, timeout);

  it('inserting smp_mb() anywhere never adds outcomes, under every model', () => {
    fc.assert(
      fc.property(observed, fc.nat(), fc.nat(), (test, thread, slot) => {
        const text = renderLitmus(test);
        const fenced = renderLitmus(insertFullBarrier(test, thread, slot));
        for (const m of modelNames) {
          const added = missing(outcomes(verdictOf(fenced, m)), outcomes(verdictOf(text, m)));
          expect(added, `${m}: smp_mb() added outcomes.\nWithout:\n${text}\nWith:\n${fenced}`).toEqual([]);
        }
      }),
      { numRuns: 100 },
    );
  }, timeout);
});

describe('laws of exploration', () => {
  it.each(modelNames)('the reference explorer and explore() find the same executions under %s', (m) => {
    const model = modelFor(m);
    fc.assert(
      fc.property(observed, (test) => {
        const text = renderLitmus(test);
        const program = programOf(text);
        const reference = summariseExploration(program, model, referenceExplore, referenceBudget);
        fc.pre(reference.status === 'complete');
        const real = summariseExploration(program, model, explore, budget);
        expect(real, `explore() and referenceExplore() disagree under ${m} on:\n${text}`).toEqual(reference);
      }),
      { numRuns: 60 },
    );
  }, timeout);

  // lock.cat's rules (trylock, spin_is_locked, unmatched locks) and SRCU's
  // data-carried matching, on the hand-written tests of the golden corpus.
  const corpus = fileURLToPath(new URL('../../corpus/lkmm', import.meta.url));
  const lockTests = ['locks', 'srcu'].flatMap((dir) =>
    readdirSync(join(corpus, dir)).filter((f) => f.endsWith('.litmus')).sort().map((f) => join(dir, f)));
  it.each(modelNames)('the reference explorer and explore() agree on the corpus\'s locks/ and srcu/ tests under %s', (m) => {
    expect(lockTests.length).toBeGreaterThan(30);
    for (const file of lockTests) {
      const program = programOf(readFileSync(join(corpus, file), 'utf8'));
      const reference = summariseExploration(program, modelFor(m), referenceExplore, referenceBudget);
      expect(reference.status, file).toBe('complete');
      expect(summariseExploration(program, modelFor(m), explore, budget), `${file} under ${m}`).toEqual(reference);
    }
  }, timeout);

  it('the summary used to compare explorers is what judge() reports', () => {
    fc.assert(
      fc.property(litmusTests(), fc.constantFrom(...modelNames), (test, m) => {
        const text = renderLitmus(test);
        const v = verdictOf(text, m);
        const program = programOf(text);
        const summary = summariseExploration(program, modelFor(m), explore, budget);
        expect(summary.positive).toBe(v.observed.positive);
        expect(summary.negative).toBe(v.observed.negative);
        expect(summary.flags).toEqual(v.flags);
        expect(new Set(summary.states.map((s) => s.state))).toEqual(outcomes(v));
        expect(summary.states.map((s) => s.executions).sort()).toEqual(v.states.map((s) => s.executions).sort());
      }),
      { numRuns: 60 },
    );
  }, timeout);

  it('verdicts are deterministic', () => {
    fc.assert(
      fc.property(litmusTests(), fc.constantFrom(...modelNames), (test, m) => {
        const text = renderLitmus(test);
        const withoutTime = (v: Verdict) => ({ ...v, stats: { ...v.stats, millis: 0 } });
        const first = verdictOf(text, m);
        const second = verdictOf(text, m);
        expect(withoutTime(second), text).toEqual(withoutTime(first));
      }),
      { numRuns: 60 },
    );
  }, timeout);

  it('every witness ends in the state it stands for, which satisfies the condition as its summary says', () => {
    fc.assert(
      fc.property(litmusTests(), fc.constantFrom(...modelNames), (test, m) => {
        const text = renderLitmus(test);
        const v = verdictOf(text, m);
        const program = programOf(text);
        const traces = computeTraces(program, sourceSlicer(program.source));
        expect(v.witnesses.length).toBe(v.states.length);
        v.states.forEach((s, i) => {
          const witness = v.witnesses[s.witness!]!;
          expect(witness.state).toBe(i);
          expect(witnessState(program, traces, witness), `state ${i} under ${m} of:\n${text}`).toEqual({
            entries: s.entries,
            satisfies: s.satisfies,
          });
        });
        const executions = (states: readonly Verdict['states'][number][]) => states.reduce((n, s) => n + s.executions, 0);
        expect(executions(v.states)).toBe(v.observed.positive + v.observed.negative);
        expect(executions(v.states.filter((s) => s.satisfies))).toBe(v.observed.positive);
      }),
      { numRuns: 80 },
    );
  }, timeout);
});
