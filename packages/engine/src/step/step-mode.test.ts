// Step mode on message passing: what the learner may do under each model,
// undo and reset, what a state shows, and misuse.
import { describe, expect, it } from 'vitest';
import { runLitmus } from '../run/run-litmus.ts';
import { replay } from './replay.ts';
import { choices, finalState, isFinished, isStepState, reset, start, step, undo } from './step-mode.ts';
import type { ModelName } from '../models/model.ts';
import type { StepState, StoreRef } from './step-types.ts';

const mp = `C MP
{}

P0(int *data, int *flag)
{
  WRITE_ONCE(*data, 1);
  WRITE_ONCE(*flag, 1);
}

P1(int *data, int *flag)
{
  int r0;
  int r1;

  r0 = READ_ONCE(*flag);
  r1 = READ_ONCE(*data);
}

exists (1:r0=1 /\\ 1:r1=0)
`;

function started(source: string, model: ModelName): StepState {
  const state = start(source, model);
  if (!isStepState(state)) throw new Error(`the test does not start: ${JSON.stringify(state)}`);
  return state;
}

/** The stores CPU `cpu` may read now with its next event in program order. */
function readable(state: StepState, cpu: number): StoreRef[] {
  return (choices(state).find((c) => c.cpu === cpu)?.options ?? []).filter((o) => !o.ahead).map((o) => o.choice.readFrom!);
}

/** P0 runs both its stores, then P1 reads flag=1. */
function flagSeen(model: ModelName): StepState {
  let s = started(mp, model);
  s = step(s, { cpu: 0 });
  s = step(s, { cpu: 0 });
  return step(s, { cpu: 1, readFrom: { cpu: 0, index: 1 } });
}

describe('message passing in step mode', () => {
  it('lets the learner play the lkmm counterexample: flag=1 then data=0', () => {
    const s = flagSeen('lkmm');
    expect(readable(s, 1)).toEqual(['initial', { cpu: 0, index: 0 }]);
    const stale = choices(s)[0]!.options[0]!;
    expect(stale.stale).toBe(true);
    expect(stale.event).toMatchObject({ kind: 'R', loc: 'data', value: '0', line: 16, text: 'READ_ONCE(*data)' });
    const end = step(s, { cpu: 1, readFrom: 'initial' });
    expect(isFinished(end)).toBe(true);
    const outcome = finalState(end)!;
    expect(outcome.satisfies).toBe(true);
    expect(outcome.entries).toEqual([{ target: '1:r0', value: '1' }, { target: '1:r1', value: '0' }]);
    const verdict = runLitmus(mp, { model: 'lkmm' }).verdict!;
    expect(verdict.states.map((st) => st.entries)).toContainEqual(outcome.entries);
    expect(end.history.map((h) => [h.event.cpu, h.event.text, h.event.value, h.stale ?? null])).toEqual([
      [0, 'WRITE_ONCE(*data, 1)', '1', null],
      [0, 'WRITE_ONCE(*flag, 1)', '1', null],
      [1, 'READ_ONCE(*flag)', '1', false],
      [1, 'READ_ONCE(*data)', '0', true],
    ]);
    expect(end.history[2]!.readFromStep).toBe(1);
  });

  it('replays the verdict\'s counterexample step by step', () => {
    const verdict = runLitmus(mp, { model: 'lkmm' }).verdict!;
    const bad = verdict.states.find((st) => st.satisfies)!;
    const result = replay(started(mp, 'lkmm'), verdict.witnesses[bad.witness!]!);
    expect(result).toEqual({
      ok: true,
      steps: [
        { cpu: 0, coAfter: 'initial' },
        { cpu: 0, coAfter: 'initial' },
        { cpu: 1, readFrom: { cpu: 0, index: 1 } },
        { cpu: 1, readFrom: 'initial' },
      ],
    });
  });

  it('does not offer the stale read under sc: the order of steps is the total order', () => {
    const s = flagSeen('sc');
    expect(readable(s, 1)).toEqual([{ cpu: 0, index: 0 }]);
    expect(() => step(s, { cpu: 1, readFrom: 'initial' })).toThrow(RangeError);
    // Before P0 runs, a read can only see the initial value.
    expect(readable(started(mp, 'sc'), 1)).toEqual(['initial']);
  });

  it('lets a read see an older store under lkmm, never a store not executed', () => {
    let s = started(mp, 'lkmm');
    expect(readable(s, 1)).toEqual(['initial']);
    s = step(s, { cpu: 0 });
    // data=1 is executed but flag=1 is not: P1 reads flag's initial value.
    expect(readable(s, 1)).toEqual(['initial']);
  });

  it('lets P1 read data before flag under lkmm (running ahead), not under sc or tso', () => {
    const ahead = (model: ModelName) => choices(step(started(mp, model), { cpu: 0 }))
      .find((c) => c.cpu === 1)!.options.filter((o) => o.ahead).map((o) => [o.choice, o.reason]);
    expect(ahead('lkmm')).toEqual([
      [{ cpu: 1, index: 1, readFrom: 'initial' }, expect.stringMatching(/^CPU 1 may execute line 16 before line 15: nothing orders two reads under lkmm/)],
      [{ cpu: 1, index: 1, readFrom: { cpu: 0, index: 0 } }, expect.stringMatching(/^CPU 1 may execute line 16 before line 15: /)],
    ]);
    expect(ahead('tso')).toEqual([]);
    expect(ahead('sc')).toEqual([]);
  });

  it('shows each CPU\'s next line, the steps taken and memory', () => {
    const s0 = started(mp, 'lkmm');
    expect(s0.test).toBe('MP');
    expect(s0.cpus.map((c) => [c.cpu, c.status, c.next?.line, c.next?.text])).toEqual([
      [0, 'ready', 6, 'WRITE_ONCE(*data, 1)'],
      [1, 'ready', 15, 'READ_ONCE(*flag)'],
    ]);
    expect(s0.cpus[1]!.next!.value).toBeUndefined();
    expect(s0.memory).toEqual([{ loc: 'data', value: '0' }, { loc: 'flag', value: '0' }]);
    const s1 = step(s0, { cpu: 0 });
    expect(s1.memory).toEqual([{ loc: 'data', value: '1', step: 0 }, { loc: 'flag', value: '0' }]);
    expect(s1.cpus[0]!.next!.line).toBe(7);
    expect(s1.exploration).toEqual({ executions: 4, playable: 4 });
    const end = step(step(step(s1, { cpu: 0 }), { cpu: 1, readFrom: { cpu: 0, index: 1 } }), { cpu: 1, readFrom: { cpu: 0, index: 0 } });
    expect(end.finished).toBe(true);
    expect(end.cpus.map((c) => c.status)).toEqual(['done', 'done']);
    expect(choices(end)).toEqual([]);
    expect(finalState(end)!.entries).toEqual([{ target: '1:r0', value: '1' }, { target: '1:r1', value: '1' }]);
    expect(finalState(s1)).toBeUndefined();
  });

  it('undoes one step and resets to the start', () => {
    const s0 = started(mp, 'lkmm');
    const s1 = step(s0, { cpu: 0 });
    const s2 = step(s1, { cpu: 0 });
    const s3 = step(s2, { cpu: 1, readFrom: { cpu: 0, index: 1 } });
    expect(undo(s3)).toEqual(s2);
    expect(undo(undo(s3))).toEqual(s1);
    expect(reset(s3)).toEqual(s0);
    expect(undo(s0)).toBe(s0);
    // A state that lost its cache (a Worker message) works the same.
    const copy = JSON.parse(JSON.stringify(s3)) as StepState;
    expect(undo(copy)).toEqual(s2);
    expect(choices(copy)).toEqual(choices(s3));
    expect(step(copy, { cpu: 1, readFrom: 'initial' })).toEqual(step(s3, { cpu: 1, readFrom: 'initial' }));
  });

  it('throws a RangeError on a step that is not offered', () => {
    const s = started(mp, 'lkmm');
    expect(() => step(s, { cpu: 2 })).toThrow(RangeError);
    expect(() => step(s, { cpu: 1 })).toThrow(RangeError);
    expect(() => step(s, { cpu: 1, readFrom: { cpu: 0, index: 0 } })).toThrow(RangeError);
    expect(() => step(s, { cpu: 0, readFrom: 'initial' })).toThrow(RangeError);
    expect(() => step(s, { cpu: 0, coAfter: { cpu: 1, index: 0 } })).toThrow(RangeError);
  });

  it('gives diagnostics, not a state, for a test with errors', () => {
    const result = start('C broken\n{}\nP0(int *x) { WRITE_ONCE(*x, ; }\n', 'sc');
    expect(isStepState(result)).toBe(false);
    expect('diagnostics' in result && result.diagnostics.length).toBeGreaterThan(0);
  });
});

const twoPlusTwoW = `C 2+2W
{}

P0(int *x, int *y)
{
  WRITE_ONCE(*x, 1);
  WRITE_ONCE(*y, 2);
}

P1(int *x, int *y)
{
  WRITE_ONCE(*y, 1);
  WRITE_ONCE(*x, 2);
}

exists ([x]=1 /\\ [y]=1)
`;

describe('coherence order in step mode', () => {
  it('lets a store land before one executed earlier under lkmm (2+2W), not under sc', () => {
    let s = started(twoPlusTwoW, 'lkmm');
    s = step(s, { cpu: 0 });
    s = step(s, { cpu: 0 });
    s = step(s, { cpu: 1 });
    const placements = choices(s)[0]!.options;
    expect(placements.map((o) => [o.choice.coAfter, o.latest])).toEqual([['initial', false], [{ cpu: 0, index: 0 }, true]]);
    // y=1 went after y=2 (the default); x=2 now lands before x=1.
    expect(s.history[2]!.reordered).toBe(false);
    const last = step(s, { cpu: 1, coAfter: 'initial' });
    expect(last.history[3]!.reordered).toBe(true);
    expect(last.memory).toEqual([{ loc: 'x', value: '1', step: 0 }, { loc: 'y', value: '1', step: 2 }]);
    expect(finalState(last)!.entries).toEqual([{ target: '[x]', value: '1' }, { target: '[y]', value: '1' }]);
    expect(finalState(last)!.satisfies).toBe(true);

    let sc = started(twoPlusTwoW, 'sc');
    sc = step(step(step(sc, { cpu: 0 }), { cpu: 0 }), { cpu: 1 });
    expect(choices(sc)[0]!.options.map((o) => o.choice.coAfter)).toEqual([{ cpu: 0, index: 0 }]);
  });
});

describe('the final state of a forall test in step mode', () => {
  // The bad outcome of a forall test is the one that breaks it; its values by the kernel's names.
  const freed = `C forall-freed
{
  ptep=PTE_RDONLY;
}

P0(int *ptep)
{
  WRITE_ONCE(*ptep, PT_FREED);
}

P1(int *ptep)
{
  int r0;

  r0 = READ_ONCE(*ptep);
}

forall (1:r0=PT_FREED)
`;

  it('is bad when it breaks the forall (P1 read the old value), not when it holds, and names the values', () => {
    const old = finalState(step(step(started(freed, 'sc'), { cpu: 1, readFrom: 'initial' }), { cpu: 0 }))!;
    expect(old).toMatchObject({ satisfies: false, bad: true });
    expect(old.entries).toEqual([{ target: '1:r0', value: '2', named: 'PTE_RDONLY' }]);
    const seen = finalState(step(step(started(freed, 'sc'), { cpu: 0 }), { cpu: 1, readFrom: { cpu: 0, index: 0 } }))!;
    expect(seen).toMatchObject({ satisfies: true, bad: false });
    expect(seen.entries).toEqual([{ target: '1:r0', value: '107', named: 'PT_FREED' }]);
  });

  it('is bad when it satisfies an exists (message passing)', () => {
    const end = step(flagSeen('lkmm'), { cpu: 1, readFrom: 'initial' });
    expect(finalState(end)).toMatchObject({ satisfies: true, bad: true });
  });
});
