// Program families (candidates.ts): the traces and executions of an edited
// test, derived from the fully edited one, are those the engine computes from
// the edited text itself.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classicLitmus, litmusTests, randomLitmus, renderLitmus } from '../../test-support/random-program.ts';
import { modelFor } from '../models/catalog.ts';
import type { ThreadTrace } from '../program/event.ts';
import { lower } from '../program/lower.ts';
import { computeTraces } from '../program/value-domain.ts';
import { valueKey } from '../program/value.ts';
import { runLitmus } from '../run/run-litmus.ts';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { sourceSlicer } from '../syntax/source-slicer.ts';
import { editFamily, exploreMember, memberTrace, transplant, type MemberExecution, type ProgramFamily } from './candidates.ts';
import { applyEdits, candidateEdits, type RepairEdit } from './repair-edits.ts';

const kernel = (name: string) => readFileSync(new URL(`../../corpus/lkmm/kernel/${name}.litmus`, import.meta.url), 'utf8');

function familyOf(source: string): { family: ProgramFamily; edits: RepairEdit[] } {
  const edits = candidateEdits(parseLitmus(source).ast!, source);
  const family = editFamily(source, runLitmus(source).program!, edits);
  if (!family) throw new Error('no family');
  return { family, edits };
}

/** A trace as text, without spans and source text (which move when lines are inserted). */
const traceText = (t: ThreadTrace) => JSON.stringify({
  events: t.events.map((e) => [e.kind, e.loc, e.value === undefined ? undefined : valueKey(e.value), e.tags.join(), e.lock, e.rmw]),
  deps: [t.rmw, t.addr, t.data, t.ctrl, t.valueFrom ?? t.data],
  registers: [...t.registers].map(([r, v]) => [r, valueKey(v)]).sort(),
});

/** An execution as text: its traces and its reads-from and coherence. */
const executionText = (x: MemberExecution | { execution: MemberExecution['execution'] }) =>
  JSON.stringify([x.execution.traces.map(traceText), [...x.execution.rf.pairs()], [...x.execution.co.pairs()]]);

/** Every few subsets of `n` edits, deterministically: none, all, each alone, and a spread of others. */
function someSubsets(n: number): number[][] {
  const out: number[][] = [[], [...Array(n).keys()]];
  for (let i = 0; i < n; i++) out.push([i]);
  for (let i = 0; i + 2 < n; i += 3) out.push([i, i + 2], [i, i + 1, n - 1]);
  return out;
}

describe('program families', () => {
  // Classic shapes, and free-form tests with branches (whose barriers lie on some paths only).
  // Classic shapes, free-form tests with branches (whose barriers lie on some paths only),
  // tests with locks and RCU, and a kernel scenario.
  const tests = [
    ...fc.sample(classicLitmus({ locks: false, rcu: false }), { numRuns: 12, seed: 7 }),
    ...fc.sample(randomLitmus({ locks: false, rcu: false, maxAccesses: 6 }), { numRuns: 12, seed: 11 }),
    ...fc.sample(litmusTests({ maxAccesses: 5 }), { numRuns: 6, seed: 5 }),
  ].map(renderLitmus).concat(kernel('KSM+GUP-fast+pte-change+broadcast')).filter((source) => runLitmus(source).verdict !== undefined);

  it('builds for the tests it is checked on', () => {
    expect(tests.length).toBeGreaterThanOrEqual(25);
    for (const source of tests) expect(() => familyOf(source)).not.toThrow();
    expect(familyOf(tests[tests.length - 1]!).edits.length).toBeGreaterThan(30);
  });

  it.each(tests.map((source, i) => [i, source] as const))('test %i: each member has the traces and outcomes of the edited text', (_i, source) => {
    const { family, edits } = familyOf(source);
    for (const subset of someSubsets(edits.length)) {
      const chosen = new Set(subset);
      const text = applyEdits(source, subset.map((i) => edits[i]!));
      const program = lower(parseLitmus(text).ast!, text).program!;
      const real = computeTraces(program, sourceSlicer(text)).threads;
      const derived = family.threads.map((list) => list.map((t) => memberTrace(t, (e) => chosen.has(e)).trace));
      expect(derived.map((list) => list.map(traceText))).toEqual(real.map((list) => list.map(traceText)));
      const verdict = runLitmus(text).verdict!;
      let positive = 0;
      let negative = 0;
      exploreMember(family, (e) => chosen.has(e), modelFor('lkmm'), (_x, satisfies) => (satisfies ? positive++ : negative++));
      expect({ positive, negative }).toEqual(verdict.observed);
    }
  }, 60_000);

  it.each(tests.slice(0, 8).map((source, i) => [i, source] as const))('test %i: a transplanted execution is consistent exactly when the edited program has it', (_i, source) => {
    const { family, edits } = familyOf(source);
    const model = modelFor('lkmm');
    const unedited: MemberExecution[] = [];
    exploreMember(family, () => false, model, (x) => unedited.push(x));
    for (const subset of someSubsets(edits.length)) {
      const chosen = new Set(subset);
      const pick = (e: number) => chosen.has(e);
      const allowed = new Set<string>();
      exploreMember(family, pick, model, (x) => allowed.add(executionText(x)));
      for (const x of unedited) {
        const carried = transplant(family, x, pick);
        expect(allowed.has(executionText({ execution: carried }))).toBe(model.check(carried).consistent);
      }
    }
  }, 60_000);
});
