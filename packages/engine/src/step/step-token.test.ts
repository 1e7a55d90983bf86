// Shareable links: a token restores the exact state, and anything that is
// not a token of this test is a clear error value.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { choices, isStepState, start, step } from './step-mode.ts';
import { deserialize, serialize } from './step-token.ts';
import type { ModelName } from '../models/model.ts';
import type { StepState } from './step-types.ts';

const sb = `C SB
{}

P0(int *x, int *y)
{
  int r0;

  WRITE_ONCE(*x, 1);
  r0 = READ_ONCE(*y);
}

P1(int *x, int *y)
{
  int r0;

  WRITE_ONCE(*y, 1);
  smp_mb();
  r0 = READ_ONCE(*x);
}

exists (0:r0=0 /\\ 1:r0=0)
`;

const counter = `C lost-update
{}

P0(int *x, atomic_t *n)
{
  int r0;

  r0 = READ_ONCE(*x);
  WRITE_ONCE(*x, r0 + 1);
  atomic_inc(n);
}

P1(int *x, atomic_t *n)
{
  int r0;

  r0 = READ_ONCE(*x);
  WRITE_ONCE(*x, r0 + 1);
  r0 = atomic_inc_return(n);
}

exists ([x]=1)
`;

// Load buffering through a branch: under lkmm a CPU may run ahead, and to
// stores whose location depends on a read it has not executed.
const branchy = `C LB-branch
{}

P0(int *x, int *y, int *z)
{
  int r0;
  int *p;

  r0 = READ_ONCE(*x);
  p = z;
  if (r0 != 0) {
    p = y;
  }
  WRITE_ONCE(*p, 1);
}

P1(int *x, int *y)
{
  int r0;

  r0 = READ_ONCE(*y);
  WRITE_ONCE(*x, r0);
}

exists (0:r0=1 /\\ 1:r0=1)
`;

const tests = { sb, counter, branchy };
const models: readonly ModelName[] = ['sc', 'tso', 'lkmm'];

function started(source: string, model: ModelName): StepState {
  const state = start(source, model);
  if (!isStepState(state)) throw new Error(JSON.stringify(state));
  return state;
}

/** The states of a walk that takes option `pick % count` at each step, while it can. */
function walk(state: StepState, picks: readonly number[]): StepState[] {
  const states = [state];
  for (const pick of picks) {
    const options = choices(states.at(-1)!).flatMap((c) => c.options);
    if (options.length === 0) break;
    states.push(step(states.at(-1)!, options[pick % options.length]!.choice));
  }
  return states;
}

describe('step tokens', () => {
  it('restore the exact state of any walk (serialize → deserialize)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(tests) as (keyof typeof tests)[]), fc.constantFrom(...models), fc.array(fc.nat(), { maxLength: 12 }), (name, model, picks) => {
        const source = tests[name];
        for (const state of walk(started(source, model), picks)) {
          const token = serialize(state);
          expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
          expect(deserialize(source, model, token)).toEqual(state);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('restore version 1 links, made before running ahead', () => {
    // P1 stores y, runs smp_mb() and reads x=0; P0 stores x and reads y=1.
    for (const model of models) {
      const state = deserialize(sb, model, '1AQABAAEAAAAAAQ');
      if (!isStepState(state)) throw new Error(JSON.stringify(state));
      expect(state.history.map((h) => [h.event.cpu, h.event.line])).toEqual([[1, 16], [1, 17], [1, 18], [0, 8], [0, 9]]);
      expect(serialize(state)).toMatch(/^2/);
      expect(deserialize(sb, model, serialize(state))).toEqual(state);
    }
  });

  it('are short', () => {
    const [end] = walk(started(sb, 'lkmm'), [0, 0, 0, 0, 0]).slice(-1);
    expect(end!.finished).toBe(true);
    expect(serialize(end!).length).toBeLessThanOrEqual(16);
  });

  it('give an error value, never a throw, for what is not a token of this test', () => {
    const end = walk(started(sb, 'lkmm'), [1, 1, 1, 1, 1]).at(-1)!;
    const token = serialize(end);
    const codeOf = (t: string, model: ModelName = 'lkmm', source = sb) => {
      const result = deserialize(source, model, t);
      return isStepState(result) ? 'state' : result.kind === 'token-error' ? result.code : result.kind;
    };
    expect(codeOf(token)).toBe('state');
    expect(codeOf('')).toBe('step/token-format');
    expect(codeOf('9AAAA')).toBe('step/token-version');
    expect(codeOf('1A*B')).toBe('step/token-format');
    expect(codeOf('1A')).toBe('step/token-format');
    expect(codeOf('1_____')).toBe('step/token-format');
    // One step of P7, which SB does not have.
    expect(codeOf('1BwA')).toBe('step/token-step');
    expect(deserialize(sb, 'lkmm', '1BwA')).toMatchObject({ step: 0, message: expect.stringContaining('P7') });
    expect(deserialize(sb, 'lkmm', '2DgA')).toMatchObject({ code: 'step/token-step', step: 0, message: expect.stringContaining('P7') });
    // A step running ahead (2 × CPU + 1) with nothing after it.
    expect(codeOf('2Aw')).toBe('step/token-format');
    expect(codeOf(token, 'lkmm', counter)).toBe('step/token-step');
    expect(codeOf(token, 'lkmm', 'C bad\n{')).toBe('diagnostics');
    expect(deserialize(sb, 'lkmm', 'zzz')).toMatchObject({ kind: 'token-error', message: expect.stringContaining('version') });
    fc.assert(fc.property(fc.string({ maxLength: 24 }), (t) => {
      expect(() => deserialize(sb, 'sc', t)).not.toThrow();
    }));
  });
});
