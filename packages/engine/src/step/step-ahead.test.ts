// Running ahead in step mode: under lkmm a CPU may execute a later event
// before earlier ones the model does not order it after (load buffering
// needs it), with a reason; never under sc or tso; what orders events keeps
// them in order; store forwarding; undo, reset, copies and tokens.
import { describe, expect, it } from 'vitest';
import { runLitmus } from '../run/run-litmus.ts';
import type { ModelName } from '../models/model.ts';
import { replay } from './replay.ts';
import { choices, finalState, isStepState, reset, start, step, undo } from './step-mode.ts';
import { deserialize, serialize } from './step-token.ts';
import type { StepOption, StepState } from './step-types.ts';

/** Load buffering with `between` between each CPU's read and write (and `value` written). */
function lb(between = '', value = '1'): string {
  return `C LB
{}

P0(int *x, int *y)
{
  int r0;

  r0 = READ_ONCE(*x);${between}
  WRITE_ONCE(*y, ${value});
}

P1(int *x, int *y)
{
  int r0;

  r0 = READ_ONCE(*y);${between}
  WRITE_ONCE(*x, ${value});
}

exists (0:r0=1 /\\ 1:r0=1)
`;
}

// P0 reads x=1 from its own release store before that store reaches memory:
// the store must wait for the read of y, which reads P1's store, which
// depends on P0's read of x.
const forwarding = `C release-forwarded
{}

P0(int *x, int *y, int *z)
{
  int r0;
  int r1;

  r0 = READ_ONCE(*y);
  smp_store_release(x, 1);
  r1 = READ_ONCE(*x);
  WRITE_ONCE(*z, r1);
}

P1(int *y, int *z)
{
  int r2;

  r2 = READ_ONCE(*z);
  WRITE_ONCE(*y, r2);
}

exists (0:r0=1 /\\ 0:r1=1 /\\ 1:r2=1)
`;

// Double-checked locking: P0 may run ahead to line 18 (spin_lock, if flag
// was 0) or to line 26 (the read of data, if flag was 1), both at position 1.
const dcl = `C DCL
{}

P0(int *flag, int *data, spinlock_t *l)
{
  int r0;
  int r1;
  int r2;

  r0 = READ_ONCE(*flag);
  if (r0 == 0) {
    spin_lock(l);
    r1 = READ_ONCE(*flag);
    if (r1 == 0) {
      WRITE_ONCE(*data, 1);
      WRITE_ONCE(*flag, 1);
    }
    spin_unlock(l);
  }
  r2 = READ_ONCE(*data);
}

P1(int *flag)
{
  WRITE_ONCE(*flag, 1);
}

exists (0:r2=0)
`;

function started(source: string, model: ModelName): StepState {
  const state = start(source, model);
  if (!isStepState(state)) throw new Error(JSON.stringify(state));
  return state;
}

/** The options of `cpu` that run ahead, as [choice, reason]. */
function ahead(state: StepState, cpu: number): [StepOption['choice'], string | undefined][] {
  return (choices(state).find((c) => c.cpu === cpu)?.options ?? []).filter((o) => o.ahead).map((o) => [o.choice, o.reason]);
}

/** Every state reachable from `state`, depth first (small tests only). */
function* everyState(state: StepState): Generator<StepState> {
  yield state;
  for (const c of choices(state)) for (const o of c.options) yield* everyState(step(state, o.choice));
}

describe('running ahead', () => {
  it('plays load buffering under lkmm: a store runs ahead of its CPU\'s earlier read', () => {
    const s0 = started(lb(), 'lkmm');
    expect(s0.exploration).toEqual({ executions: 4, playable: 4 });
    expect(ahead(s0, 0)).toEqual([[
      { cpu: 0, index: 1, coAfter: 'initial' },
      'CPU 0 may execute line 9 before line 8: nothing orders a read before a later independent write under lkmm',
    ]]);
    const s1 = step(s0, { cpu: 0, index: 1 });
    expect(s1.history[0]).toMatchObject({ ahead: true, reason: expect.stringMatching(/^CPU 0 may execute line 9 before line 8/), event: { cpu: 0, line: 9, text: 'WRITE_ONCE(*y, 1)', value: '1' } });
    expect(s1.cpus[0]).toMatchObject({ status: 'ready', executed: 1, next: { line: 8 }, ranAhead: [1] });
    expect(s1.memory).toEqual([{ loc: 'x', value: '0' }, { loc: 'y', value: '1', step: 0 }]);
    // The in-order step of a CPU that ran ahead is its first event not executed.
    const s2 = step(step(s1, { cpu: 1, readFrom: { cpu: 0, index: 1 } }), { cpu: 1 });
    const end = step(s2, { cpu: 0, readFrom: { cpu: 1, index: 1 } });
    expect(end.finished).toBe(true);
    expect(end.cpus.map((c) => [c.status, c.executed, c.ranAhead])).toEqual([['done', 2, undefined], ['done', 2, undefined]]);
    expect(finalState(end)).toMatchObject({ satisfies: true, entries: [{ target: '0:r0', value: '1' }, { target: '1:r0', value: '1' }] });
  });

  it('never runs ahead under sc or tso, where load buffering is forbidden', () => {
    for (const model of ['sc', 'tso'] as const) {
      let states = 0;
      for (const s of everyState(started(lb(), model))) {
        states++;
        for (const c of choices(s)) for (const o of c.options) expect(o.ahead).toBeUndefined();
        if (s.finished) expect(finalState(s)!.satisfies).toBe(false);
      }
      expect(states).toBeGreaterThan(10);
    }
  });

  it('says "full barrier", the course\'s word, in every reason that names one', () => {
    const test = (p0: string, p1: string) => `C two\n{}\n\nP0(int *x, int *y)\n{\n  int r0;\n  int r1;\n\n${p0}\n}\n\nP1(int *x, int *y)\n{\n  int r0;\n  int r1;\n\n${p1}\n}\n\nexists (0:r0=0)\n`;
    const reasons = (source: string) => [0, 1].flatMap((cpu) => ahead(started(source, 'lkmm'), cpu).map(([, reason]) => reason));
    const writes = '  WRITE_ONCE(*y, 1);\n  WRITE_ONCE(*x, 1);';
    // Two reads, and (on the other CPU) two writes: message passing read both ways.
    expect(reasons(test('  r0 = READ_ONCE(*x);\n  r1 = READ_ONCE(*y);', writes))).toEqual([
      'CPU 0 may execute line 10 before line 9: nothing orders two reads under lkmm without an address dependency, smp_rmb(), an acquire or a full barrier (a control dependency does not: the CPU may speculate)',
      'CPU 1 may execute line 19 before line 18: nothing orders two writes to different locations under lkmm without smp_wmb(), a release or a full barrier',
    ]);
    // A write, then a read: store buffering.
    const sb = '  WRITE_ONCE(*x, 1);\n  r0 = READ_ONCE(*y);';
    expect(reasons(test(sb, sb.replace('*x', '*y').replace('*y)', '*x)')))).toContain(
      'CPU 0 may execute line 10 before line 9: a read may pass an earlier write to another location under lkmm (the write waits in the store buffer) unless a full barrier orders them',
    );
  });

  it('keeps what the model orders in order: dependencies, full barriers, release, acquire', () => {
    for (const between of ['\n  smp_mb();', '']) expect(ahead(started(lb(between, between ? '1' : 'r0'), 'lkmm'), 0)).toEqual([]);
    expect(ahead(started(lb().replace('WRITE_ONCE(*y, 1)', 'smp_store_release(y, 1)'), 'lkmm'), 0)).toEqual([]);
    expect(ahead(started(lb().replace('READ_ONCE(*x)', 'smp_load_acquire(x)'), 'lkmm'), 0)).toEqual([]);
    // smp_rmb() orders reads and smp_wmb() writes: neither orders a read before a write.
    for (const fence of ['smp_rmb', 'smp_wmb']) {
      const s = started(lb(`\n  ${fence}();`), 'lkmm');
      expect(ahead(s, 0)).toEqual([[{ cpu: 0, index: 2, coAfter: 'initial' }, 'CPU 0 may execute line 10 before line 8: nothing orders a read before a later independent write under lkmm']]);
      // The fence itself runs in program order, after the read.
      const after = step(s, { cpu: 0, index: 2 });
      expect(after.cpus[0]).toMatchObject({ next: { line: 8 }, ranAhead: [2] });
      expect(ahead(after, 0)).toEqual([]);
      expect(finalState(replayed(after, lb(`\n  ${fence}();`)))!.satisfies).toBe(true);
    }
  });

  it('forwards a CPU\'s own store to its read before the store reaches memory', () => {
    const verdict = runLitmus(forwarding, { model: 'lkmm' }).verdict!;
    expect(verdict.observation).toBe('Sometimes');
    for (const model of ['sc', 'tso'] as const) expect(runLitmus(forwarding, { model }).verdict!.observation).toBe('Never');
    const s0 = started(forwarding, 'lkmm');
    const option = choices(s0)[0]!.options.find((o) => o.forwarded)!;
    expect(option).toMatchObject({ ahead: true, forwarded: true, choice: { cpu: 0, index: 2, readFrom: { cpu: 0, index: 1 } }, event: { line: 11, value: '1' } });
    expect(option.reason).toBe('CPU 0 may execute line 11 before line 9: it takes x=1 from its own store on line 10 before that store reaches memory (store forwarding: lkmm\'s hb leaves out reads of a CPU\'s own stores)');
    const witness = verdict.witnesses[verdict.states.find((st) => st.satisfies)!.witness!]!;
    const result = replay(s0, witness);
    expect(result.ok).toBe(true);
    let s = s0;
    for (const choice of result.ok ? result.steps : []) s = step(s, choice);
    expect(s.history.filter((h) => h.forwarded).map((h) => h.event.line)).toEqual([11]);
    expect(finalState(s)!.satisfies).toBe(true);
  });

  it('tells apart two events at the same position on different branches', () => {
    const s0 = started(dcl, 'lkmm');
    const options = ahead(s0, 0).map(([choice]) => choice).filter((c) => c.index === 1 && c.readFrom === 'initial');
    expect(options).toEqual([
      { cpu: 0, index: 1, readFrom: 'initial', line: 12 },
      { cpu: 0, index: 1, readFrom: 'initial', line: 20 },
    ]);
    const [lock, read] = options.map((c) => step(s0, c));
    expect(lock!.history[0]!.event.text).toBe('spin_lock(l)');
    expect(read!.history[0]!.event.text).toBe('READ_ONCE(*data)');
    for (const s of [lock!, read!]) expect(deserialize(dcl, 'lkmm', serialize(s))).toEqual(s);
  });

  it('undoes, resets, copies and links a state that ran ahead', () => {
    const s0 = started(lb(), 'lkmm');
    const s1 = step(s0, { cpu: 1, index: 1 });
    const s2 = step(s1, { cpu: 0, readFrom: { cpu: 1, index: 1 } });
    expect(undo(s2)).toEqual(s1);
    expect(undo(s1)).toEqual(s0);
    expect(reset(s2)).toEqual(s0);
    const copy = JSON.parse(JSON.stringify(s2)) as StepState;
    expect(choices(copy)).toEqual(choices(s2));
    expect(undo(copy)).toEqual(s1);
    const token = serialize(s2);
    expect(token).toMatch(/^2[A-Za-z0-9_-]+$/);
    expect(deserialize(lb(), 'lkmm', token)).toEqual(s2);
    // The same link does not restore under tso, which never runs ahead.
    expect(deserialize(lb(), 'tso', token)).toMatchObject({ kind: 'token-error', code: 'step/token-step', step: 0 });
  });
});

/** `state` played to the end of the load-buffering outcome by replaying the verdict's witness. */
function replayed(state: StepState, source: string): StepState {
  const verdict = runLitmus(source, { model: 'lkmm' }).verdict!;
  const result = replay(state, verdict.witnesses[verdict.states.find((st) => st.satisfies)!.witness!]!);
  if (!result.ok) throw new Error(result.reason);
  let s = reset(state);
  for (const choice of result.steps) s = step(s, choice);
  return s;
}
