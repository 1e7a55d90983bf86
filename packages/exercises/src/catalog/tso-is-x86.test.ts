// Under tso an exercise is judged as x86 runs it: the kernel builtins as
// arch/x86 implements them (ptep_get_and_clear() and pmdp_invalidate()'s
// exchange are xchg(), atomic read-modify-writes LOCK-prefixed). For every
// exercise file checked under tso, check()'s tso verdict must be the verdict
// of the program exported with the x86 lowering, a plain C litmus test run
// under tso; and that lowering must matter somewhere, or this test would
// prove nothing.
import { describe, expect, it } from 'vitest';
import { exportLitmus, runLitmus, type KernelArch } from '@barrier-lab/engine';
import { checkExercise } from '../check/check.ts';
import type { Exercise, ExerciseFile } from '../schema/exercise.ts';
import { exercises } from './catalog.ts';

/** The litmus files of an exercise: the program of a predict exercise, else starter, references, wrong variants, over-fenced. */
function programs(exercise: Exercise): readonly ExerciseFile[] {
  if (exercise.kind === 'predict') return [exercise.program];
  return [
    exercise.starter,
    ...exercise.solutions,
    ...exercise.wrong.filter((w) => w.result === 'incorrect'),
    ...(exercise.overFenced ? [exercise.overFenced] : []),
  ];
}

/** The observation under tso of `source` expanded as `arch` implements the builtins, exported as plain C. */
function tsoOfExport(exercise: Exercise, source: string, arch: KernelArch): string | undefined {
  const exported = exportLitmus(source, { arch, ...(exercise.flush ? { flush: exercise.flush } : {}) });
  expect(exported.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return runLitmus(exported.text!, { model: 'tso' }).verdict?.observation;
}

const withTso = exercises().filter((e) => e.models.includes('tso'));

describe.each(withTso.map((e) => [e.id, e] as const))('%s under tso', (_id, exercise) => {
  it.each(programs(exercise).map((f) => [f.file, f] as const))('%s: check()\'s verdict is the x86 program\'s', (_file, file) => {
    // A predict exercise's check runs its program whatever the answer.
    const submission = exercise.kind === 'predict' ? exercise.solutions[0]!.source : file.source;
    const checked = checkExercise(exercise, submission, { explain: 'none' }).verdicts.find((v) => v.model === 'tso')?.observation;
    expect(checked).toBeDefined();
    expect(checked).toBe(tsoOfExport(exercise, file.source, 'x86'));
  }, 30_000);
});

describe('the x86 lowering', () => {
  it('is what some exercise\'s tso verdict depends on: the generic read-then-write clear would let x86\'s store buffer show a race', () => {
    const differing = withTso.flatMap((e) => programs(e)
      .filter((f) => tsoOfExport(e, f.source, 'generic') !== tsoOfExport(e, f.source, 'x86'))
      .map((f) => `${e.id}/${f.file}`));
    // migrate-vma-clear-then-check's starter clears the PTE with
    // ptep_get_and_clear() and then reads the refcount: generically a plain
    // store that can wait in the store buffer, on x86 an xchg.
    expect(differing).toContain('migrate-vma-clear-then-check/starter.litmus');
  }, 120_000);

  it('is used by every exercise whose tso verdicts the course states', () => {
    expect(withTso.map((e) => e.id)).toEqual(expect.arrayContaining(['gup-fast-broadcast-flush', 'migrate-vma-clear-then-check', 'tlb-flush-broadcast-predict']));
  });
});
