// The laws of step mode, on hand-written tests, random tests and the golden
// corpus: every walk ends in one of the verdict's states; walking every
// path reaches every state of the verdict; every execution is playable and
// every witness replays to its state, under every model; only lkmm runs
// ahead, and every step that does says why.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLitmus } from '../run/run-litmus.ts';
import { modelNames, type ModelName } from '../models/model.ts';
import type { StateEntry, Verdict } from '../verdict/verdict.ts';
import { litmusTests, renderLitmus } from '../../test-support/random-program.ts';
import { choices, finalState, isStepState, reset, start, step } from './step-mode.ts';
import { replay } from './replay.ts';
import { cachedPlayableExecutions } from './playable-executions.ts';
import type { StepState } from './step-types.ts';

const lb = `C LB
{}

P0(int *x, int *y)
{
  int r0;

  r0 = READ_ONCE(*x);
  WRITE_ONCE(*y, 1);
}

P1(int *x, int *y)
{
  int r0;

  r0 = READ_ONCE(*y);
  WRITE_ONCE(*x, 1);
}

exists (0:r0=1 /\\ 1:r0=1)
`;

const locked = `C lock-counter
{}

P0(int *x, spinlock_t *l)
{
  int r0;

  spin_lock(l);
  r0 = READ_ONCE(*x);
  WRITE_ONCE(*x, r0 + 1);
  spin_unlock(l);
}

P1(int *x, spinlock_t *l)
{
  int r0;
  int r1;

  r0 = spin_trylock(l);
  if (r0) {
    r1 = READ_ONCE(*x);
    WRITE_ONCE(*x, r1 + 2);
    spin_unlock(l);
  }
}

exists ([x]=1)
`;

const wrc = `C WRC+pooncerelease+rmbonceonce
{}

P0(int *x)
{
  WRITE_ONCE(*x, 1);
}

P1(int *x, int *y)
{
  int r0;

  r0 = READ_ONCE(*x);
  smp_store_release(y, r0);
}

P2(int *x, int *y)
{
  int r1;
  int r2;

  r1 = READ_ONCE(*y);
  smp_rmb();
  r2 = xchg(x, 5);
}

exists (1:r0=1 /\\ 2:r1=1 /\\ 2:r2=0)
`;

const handWritten = { lb, locked, wrc };

const stateKey = (entries: readonly { target: string; value: string }[]) => entries.map((e) => `${e.target}=${e.value}`).join(' ');

function startOrThrow(source: string, model: ModelName): StepState {
  const state = start(source, model);
  if (!isStepState(state)) throw new Error(JSON.stringify(state.diagnostics ?? state));
  return state;
}

/** Walks from `state` taking option `pick % count` each step (a fresh pick each time from `picks`, cycled) to the end. */
function walkToEnd(state: StepState, picks: readonly number[]): StepState {
  let s = state;
  for (let k = 0; !s.finished; k++) {
    checkOptions(s);
    const options = choices(s).flatMap((c) => c.options);
    expect(options.length, 'an unfinished state always has a step').toBeGreaterThan(0);
    s = step(s, options[(picks[k % Math.max(1, picks.length)] ?? 0) % options.length]!.choice);
  }
  return s;
}

/** A final state's values only: step mode also names them (`pmdp=PMD_NONE`), the verdict does not. */
function values(entries: readonly StateEntry[]): StateEntry[] {
  return entries.map(({ target, value }) => ({ target, value }));
}

/** Every final state reachable by some path of steps. */
function everyEnd(state: StepState, limit = 20_000): Set<string> {
  const ends = new Set<string>();
  let visited = 0;
  const visit = (s: StepState) => {
    if (++visited > limit) throw new Error('too many paths for an exhaustive walk');
    if (s.finished) {
      ends.add(stateKey(finalState(s)!.entries));
      return;
    }
    for (const c of choices(s)) for (const o of c.options) visit(step(s, o.choice));
  };
  visit(state);
  return ends;
}

/** Checks that every witness of `verdict` (the first `most`) replays to its state; returns how many replayed. */
function checkReplays(verdict: Verdict, state: StepState, most = Infinity): number {
  let replayed = 0;
  for (const witness of verdict.witnesses.slice(0, most)) {
    const result = replay(state, witness);
    if (!result.ok) throw new Error(`${verdict.test} (${verdict.model}): ${result.reason}`);
    let s = reset(state);
    for (const choice of result.steps) s = step(s, choice);
    expect(s.finished).toBe(true);
    expect(values(finalState(s)!.entries), `${verdict.test} under ${verdict.model}`).toEqual(verdict.states[witness.state]!.entries);
    expect(finalState(s)!.satisfies).toBe(verdict.states[witness.state]!.satisfies);
    replayed++;
  }
  return replayed;
}

/** Checks the options of `state`: running ahead only under lkmm, each with its reason. */
function checkOptions(state: StepState): void {
  for (const c of choices(state)) {
    for (const o of c.options) {
      if (!o.ahead) {
        expect(o.choice.index ?? c.next.index).toBe(c.next.index);
        continue;
      }
      expect(state.model).toBe('lkmm');
      expect(o.choice.index).toBeGreaterThan(c.next.index);
      expect(o.reason).toMatch(new RegExp(`^CPU ${c.cpu} may execute line ${o.event.line} before line ${c.next.line}: `));
    }
  }
}

describe('step-mode laws on hand-written tests', () => {
  const cases = Object.entries(handWritten).flatMap(([name, source]) => modelNames.map((model) => [name, model, source] as const));

  it.each(cases)('%s under %s: paths end in the verdict\'s states, and reach every one', (_name, model, source) => {
    const verdict = runLitmus(source, { model }).verdict!;
    const allowed = new Set(verdict.states.map((st) => stateKey(st.entries)));
    const state = startOrThrow(source, model);
    expect(state.exploration.playable).toBe(state.exploration.executions);
    const ends = everyEnd(state);
    expect(ends).toEqual(allowed);
    const machine = cachedPlayableExecutions(source, model, {});
    if (!('descriptors' in machine)) throw new Error('no executions');
    expect(ends).toEqual(new Set(machine.descriptors.map((d) => stateKey(d.outcome.entries))));
    expect(checkReplays(verdict, state)).toBe(verdict.witnesses.length);
  });

  it('plays load buffering\'s r0=1, r0=1 under lkmm by running ahead', () => {
    const verdict = runLitmus(lb, { model: 'lkmm' }).verdict!;
    const state = startOrThrow(lb, 'lkmm');
    expect(state.exploration).toEqual({ executions: 4, playable: 4 });
    const both = verdict.states.findIndex((st) => st.satisfies);
    const result = replay(state, verdict.witnesses[verdict.states[both]!.witness!]!);
    expect(result).toEqual({
      ok: true,
      steps: [
        { cpu: 0, index: 1, coAfter: 'initial' },
        { cpu: 1, readFrom: { cpu: 0, index: 1 } },
        { cpu: 1, coAfter: 'initial' },
        { cpu: 0, readFrom: { cpu: 1, index: 1 } },
      ],
    });
    expect(checkReplays(verdict, state)).toBe(4);
  });

  it('refuses a witness of another test', () => {
    const other = runLitmus(wrc, { model: 'lkmm' }).verdict!;
    const result = replay(startOrThrow(locked, 'lkmm'), other.witnesses[0]!);
    expect(result.ok).toBe(false);
  });
});

describe('step-mode laws on random tests', () => {
  it('every random walk ends in a verdict state; every execution plays; every witness replays', () => {
    fc.assert(
      fc.property(litmusTests(), fc.constantFrom(...modelNames), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (test, model, picks) => {
        const text = renderLitmus(test);
        const verdict = runLitmus(text, { model }).verdict!;
        fc.pre(verdict.status === 'complete');
        if (verdict.states.length === 0) {
          // No consistent execution (a grace period inside a critical section, say): step mode says so instead of starting.
          expect(start(text, model), text).toMatchObject({ kind: 'diagnostics', diagnostics: [{ code: 'step/no-execution' }] });
          return;
        }
        const state = startOrThrow(text, model);
        expect(state.exploration.playable).toBe(state.exploration.executions);
        expect(state.exploration.playable).toBeGreaterThan(0);
        const end = walkToEnd(state, picks);
        expect(verdict.states.map((st) => st.entries), text).toContainEqual(values(finalState(end)!.entries));
        expect(checkReplays(verdict, state)).toBe(verdict.witnesses.length);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});

const corpusRoot = fileURLToPath(new URL('../../corpus/lkmm', import.meta.url));

function litmusFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? litmusFiles(join(dir, d.name)) : d.name.endsWith('.litmus') ? [join(dir, d.name)] : [],
  ).sort();
}

describe('step-mode laws on the golden corpus', () => {
  const files = litmusFiles(corpusRoot);
  it.each(files.map((f) => [relative(corpusRoot, f), f]))('%s: every execution plays, walks end in verdict states, every lkmm witness replays', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    for (const model of modelNames) {
      const verdict = runLitmus(source, { model }).verdict!;
      if (verdict.status !== 'complete') continue;
      if (verdict.states.length === 0) {
        // No execution at all (c11/Xchg+c11-exchange): step mode says so instead of starting.
        expect(start(source, model), model).toMatchObject({ kind: 'diagnostics', diagnostics: [{ code: 'step/no-execution' }] });
        continue;
      }
      const state = startOrThrow(source, model);
      expect(state.exploration.playable, model).toBe(state.exploration.executions);
      const allowed = verdict.states.map((st) => st.entries);
      for (const picks of [[0], [1], [2, 7, 1], [5, 3]]) expect(allowed).toContainEqual(values(finalState(walkToEnd(state, picks))!.entries));
      // Every witness under lkmm, where load buffering needs running ahead;
      // at most 64 a test under sc and tso, to keep the run short (8.SB has 256).
      const most = model === 'lkmm' ? Infinity : 64;
      expect(checkReplays(verdict, state, most)).toBe(Math.min(most, verdict.witnesses.length));
    }
  }, 60_000);
});
