// What the kernel exercises' texts claim beyond what grading checks: how a
// program fares under another flush flavour, under tso when the exercise
// does not grade tso, or with one line changed. Each claim quotes the words
// of the text it backs (the test fails if they are gone) and says which
// program the engine must judge, and how. The wrong variants' stated
// outcomes and the predict answers are checked by catalog.test.ts.
import { describe, expect, it } from 'vitest';
import { runLitmus, type FlushFlavour, type ModelName, type Observation } from '@barrier-lab/engine';
import type { Exercise } from '../schema/exercise.ts';
import { exercise as byId } from './catalog.ts';

interface Claim {
  readonly exercise: string;
  /** Words of the exercise's task, hints, why or a wrong variant's note that make the claim. */
  readonly says: string;
  /** The file the program starts from (a predict exercise's is its program). */
  readonly file: string;
  /** Exact replacements that make the program the claim is about (each must match once). */
  readonly edits?: readonly (readonly [string, string])[];
  readonly flush?: FlushFlavour;
  readonly observations: Partial<Record<ModelName, Observation>>;
}

const claims: readonly Claim[] = [
  {
    exercise: 'gup-fast-broadcast-flush', says: 'With an IPI flush this code is correct',
    file: 'starter.litmus', flush: 'ipi', observations: { lkmm: 'Never' },
  },
  {
    exercise: 'gup-fast-broadcast-flush', says: 'On x86 (tso) even the starter is correct',
    file: 'starter.litmus', observations: { tso: 'Never', lkmm: 'Sometimes' },
  },
  {
    exercise: 'tlb-flush-broadcast-predict', says: 'The missing half is on the walker\'s side: smp_rmb() between reading the page and re-checking the PTE',
    file: 'program.litmus', edits: [['\t\tval = READ_ONCE(*page);\n', '\t\tval = READ_ONCE(*page);\n\t\tsmp_rmb();\n']], observations: { lkmm: 'Never' },
  },
  {
    exercise: 'rcu-freed-page-tables', says: 'With an IPI flush this was safe',
    file: 'starter.litmus', flush: 'ipi', observations: { sc: 'Always', lkmm: 'Always' },
  },
  {
    exercise: 'rcu-freed-page-tables', says: 'synchronize_rcu() before pte_free() gives the same guarantee here',
    file: 'starter.litmus', edits: [['\tpte_free(ptep);', '\tsynchronize_rcu();\n\tpte_free(ptep);']], observations: { sc: 'Always', lkmm: 'Always' },
  },
  {
    exercise: 'ksm-pte-change-barriers', says: 'On x86 (tso) neither barrier is needed',
    file: 'starter.litmus', observations: { tso: 'Never', lkmm: 'Sometimes' },
  },
  {
    exercise: 'ksm-ipi-flush-predict', says: 'x86 could not show the race for a second reason too',
    file: 'program.litmus', flush: 'broadcast', observations: { tso: 'Never', lkmm: 'Sometimes' },
  },
  {
    exercise: 'ksm-first-reference-predict', says: 'Were the first reference a plain atomic_add(), the answer would be Sometimes',
    file: 'program.litmus', edits: [['\t\tgot = try_get_folio(refcount);', '\t\tfolio_ref_add(refcount, 1);']], observations: { lkmm: 'Sometimes' },
  },
  {
    exercise: 'unmap-drop-the-flush', says: 'Where flushes are IPIs, the flush did hold GUP-fast off',
    file: 'starter.litmus', flush: 'ipi', edits: [['\tsmp_mb();\n', ''], ['\t\tsmp_mb__after_atomic();\n', '']], observations: { lkmm: 'Never' },
  },
  {
    exercise: 'unmap-drop-the-flush', says: 'On this machine the immediate flush never synchronised with GUP-fast',
    file: 'starter.litmus', edits: [['\tsmp_mb();\n', ''], ['\t\tsmp_mb__after_atomic();\n', '']], observations: { lkmm: 'Sometimes' },
  },
  {
    exercise: 'migrate-vma-clear-then-check', says: 'an IPI flush held GUP-fast off, and a broadcast one at least ordered P0\'s own accesses',
    file: 'starter.litmus', flush: 'ipi', edits: [['\tptep_get_and_clear(ptep);', '\tptep_clear_flush(ptep);']], observations: { lkmm: 'Never' },
  },
  {
    exercise: 'migrate-vma-clear-then-check', says: 'an IPI flush held GUP-fast off, and a broadcast one at least ordered P0\'s own accesses',
    file: 'starter.litmus', flush: 'broadcast', edits: [['\tptep_get_and_clear(ptep);', '\tptep_clear_flush(ptep);']], observations: { lkmm: 'Never' },
  },
  {
    exercise: 'capstone-patch', says: 'so there the smp_mb() is a second one',
    file: 'solution.litmus', flush: 'broadcast',
    edits: [['\tentry = ptep_get_and_clear(pte);', '\tentry = ptep_clear_flush(pte);'], ['\tsmp_mb();\n', '']], observations: { lkmm: 'Never' },
  },
  {
    exercise: 'ksm-pte-change-barriers', says: 'For KSM alone it is a second barrier',
    file: 'solution.litmus', observations: { lkmm: 'Never' },
  },
];

/** Every text of an exercise a learner or an author reads. */
function texts(e: Exercise): string {
  return [e.title, e.task, e.why, e.hints.nudge, e.hints.concept, e.hints.line, ...e.wrong.map((w) => w.note)].join('\n');
}

/** The source of `file` in the exercise's folder. */
function source(e: Exercise, file: string): string {
  const all = [...(e.kind === 'predict' ? [e.program] : [e.starter, ...(e.overFenced ? [e.overFenced] : [])]), ...e.solutions, ...e.wrong];
  const found = all.find((f) => f.file === file);
  if (!found) throw new Error(`${e.id} has no ${file}`);
  return found.source;
}

describe.each(claims.map((c) => [`${c.exercise}: "${c.says}"`, c] as const))('%s', (_name, claim) => {
  const e = byId(claim.exercise);

  it('is still what the text says', () => {
    expect(e).toBeDefined();
    expect(texts(e!)).toContain(claim.says);
  });

  it.each(Object.entries(claim.observations))('under %s: %s', (model, observation) => {
    let program = source(e!, claim.file);
    for (const [from, to] of claim.edits ?? []) {
      expect(program.split(from).length - 1, `"${from}" in ${claim.file}`).toBe(1);
      program = program.replace(from, to);
    }
    const flush = claim.flush ?? e!.flush;
    const run = runLitmus(program, { model: model as ModelName, ...(flush ? { flush } : {}) });
    expect(run.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(run.verdict?.observation).toBe(observation);
  });
});
