// The guards of code exercises (mustStillReach): an answer that deletes what
// the exercise is about is invalid, in the author's words, on the line where
// the change is; one that keeps it is judged as before.
import { describe, expect, it } from 'vitest';
import { parseLitmus } from '@barrier-lab/engine';
import { check, checkExercise } from './check.ts';
import { checkGuards, guardProgram, guardVerdict } from './must-still-reach.ts';
import { exercise } from '../catalog/catalog.ts';
import type { CodeExercise } from '../schema/exercise.ts';

const ksm = exercise('writable-pte-must-change') as CodeExercise;
const counter = exercise('lost-update-atomic') as CodeExercise;
const parsed = (source: string) => ({ ast: parseLitmus(source).ast!, source });

describe('mustStillReach', () => {
  it('refuses an answer in which KSM never shares the page, on P0\'s changed line, naming what was lost', () => {
    const solution = ksm.solutions[0]!.source;
    const neverShares = solution.replace('ret = page_try_share_anon_rmap(refcount, flags);', 'ret = 1;');
    expect(neverShares).not.toBe(solution);
    const result = check(ksm.id, neverShares);
    expect(result.status).toBe('invalid');
    const [error] = result.diagnostics.filter((d) => d.severity === 'error');
    expect(error).toMatchObject({
      code: 'edit/must-still-reach',
      span: { line: neverShares.split('\n').findIndex((l) => l.includes('ret = 1;')) + 1, column: 2 },
      hint: 'The starter code has here: ret = page_try_share_anon_rmap(refcount, flags);\t/* (A2), (A3) */',
    });
    expect(error!.message).toMatch(/^Your change means KSM can never mark the page possibly shared .*\(No execution under sc ends with 0:ret=0, and some must\.\)$/);
    expect(result.summary).toBe(`Line ${error!.span.line}, column 2: ${error!.message}`);
  });

  it('takes an answer that keeps every outcome as before: another correct fix of P0 is still correct', () => {
    // Not restoring the PTE at all is also what the patch allows ("(A4) Restore PTE (optional, ...)").
    const noRestore = ksm.starter.source.replace('set_pte_at(pte, entry);\t\t\t/* (A4) put the PTE back */', '; /* (A4) leave the PTE cleared */');
    expect(noRestore).not.toBe(ksm.starter.source);
    expect(check(ksm.id, noRestore).status).toBe('correct');
  });

  it('points at the closing brace when the thread lost its end, with the starter\'s missing line as the hint', () => {
    const result = check(ksm.id, ksm.wrong.find((w) => w.file === 'wrong-no-gup-fast.litmus')!.source);
    const error = result.diagnostics.find((d) => d.severity === 'error')!;
    expect(error.code).toBe('edit/must-still-reach');
    expect(error.hint).toBe('The starter code has here: local_irq_save(irq);');
    expect(error.message).toContain('GUP-fast can never keep its pin');
  });

  it('points at the thread that changed when the guard\'s own thread did not', () => {
    const program = (writer: string) => `C t\n\n{}\n\nP0(int *x)\n{\n\tint r0;\n\n\tr0 = READ_ONCE(*x);\n}\n\nP1(int *x)\n{\n${writer}}\n\nexists (0:r0=0)\n`;
    const starter = parsed(program('\tWRITE_ONCE(*x, 1);\n'));
    const exercise = {
      mustStillReach: [{ thread: 0, outcome: '0:r0=1', message: 'Your change means P0 can never read the message.' }],
      models: ['sc', 'lkmm'] as const, costs: {},
    };
    expect(checkGuards(exercise, starter, starter).status).toBe('kept');
    const result = checkGuards(exercise, starter, parsed(program('\tWRITE_ONCE(*x, 2);\n')));
    expect(result).toMatchObject({
      status: 'removed',
      diagnostic: { code: 'edit/must-still-reach', span: { line: 14, column: 2 }, hint: 'The starter code has here: WRITE_ONCE(*x, 1);' },
    });
  });

  it('starts from its own initial values where it says so: a constant written is not an increment', () => {
    const guard = counter.mustStillReach[0]!;
    expect(guard.from).toEqual([{ location: 'counter', value: 1, text: '1' }]);
    const solution = counter.solutions[0]!.source;
    const program = guardProgram(parsed(solution), guard);
    expect('ast' in program && program.ast.init).toEqual([expect.objectContaining({ target: expect.objectContaining({ name: 'counter' }), value: expect.objectContaining({ value: 1 }) })]);
    expect('source' in program && program.source).toContain('exists (counter=3)');
    const reached = (source: string) => {
      const v = guardVerdict(parsed(source), guard, 'sc');
      return 'observation' in v ? v.observation : v.diagnostics;
    };
    expect(reached(solution)).toBe('Always');
    expect(reached(counter.starter.source)).toBe('Sometimes');
    expect(reached(counter.wrong.find((w) => w.file === 'wrong-write-the-result.litmus')!.source)).toBe('Never');
    // From the exercise's own initial state, the constant would pass for the count.
    const unguarded = guardVerdict(parsed(counter.wrong.find((w) => w.file === 'wrong-write-the-result.litmus')!.source), { ...guard, outcome: 'counter=2', from: [] }, 'sc');
    expect('observation' in unguarded && unguarded.observation).toBe('Always');
  });

  it('says inconclusive, never removed, when a budget stops the guard before it finds the outcome', () => {
    const deleting = ksm.wrong.find((w) => w.file === 'wrong-no-gup-fast.litmus')!.source;
    const starter = parsed(ksm.starter.source);
    expect(checkGuards(ksm, starter, parsed(deleting)).status).toBe('removed');
    const stopped = checkGuards(ksm, starter, parsed(deleting), { maxEvents: 4, maxCandidates: 5_000_000, maxMillis: 60_000 });
    expect(stopped).toMatchObject({ status: 'inconclusive', model: 'sc' });
    // Found before the budget ran out: kept, whatever the cut-off.
    expect(checkGuards(ksm, starter, parsed(ksm.solutions[0]!.source), { maxEvents: 200, maxCandidates: 1, maxMillis: 60_000 }).status).not.toBe('removed');
  });

  it('runs only once the property holds: a deletion that also breaks the property is incorrect, with its counterexample', () => {
    const deleting = ksm.wrong.find((w) => w.file === 'wrong-no-gup-fast.litmus')!.source;
    // Without the guard the deletion checks as correct; and an exercise without guards judges as before.
    expect(checkExercise({ ...ksm, mustStillReach: [] }, deleting).status).toBe('correct');
    expect(check(ksm.id, ksm.starter.source).status).toBe('incorrect');
  });
});
