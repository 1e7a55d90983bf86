// The laws of step mode, on hand-written tests, random tests and the golden
// corpus: every walk ends in one of the verdict's states; walking every
// path reaches every state of a playable execution (under sc: every state);
// replaying a witness reaches its state; only executions with a po | rf
// cycle cannot be replayed.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLitmus } from '../run-litmus.ts';
import { modelNames, type ModelName } from '../models/model.ts';
import type { Verdict, Witness } from '../verdict/verdict.ts';
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
    const options = choices(s).flatMap((c) => c.options);
    expect(options.length, 'an unfinished state always has a step').toBeGreaterThan(0);
    s = step(s, options[(picks[k % Math.max(1, picks.length)] ?? 0) % options.length]!.choice);
  }
  return s;
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

/** Whether the witness has a po | rf cycle (then no order of steps plays it). */
function hasPoRfCycle(w: Witness): boolean {
  const succ = new Map<number, number[]>();
  const add = (a: number, b: number) => succ.set(a, [...(succ.get(a) ?? []), b]);
  const byThread = new Map<number, number[]>();
  for (const e of w.events) if (e.thread >= 0) byThread.set(e.thread, [...(byThread.get(e.thread) ?? []), e.id]);
  for (const ids of byThread.values()) for (let i = 1; i < ids.length; i++) add(ids[i - 1]!, ids[i]!);
  for (const [a, b] of w.rf) add(a, b);
  const state = new Map<number, 1 | 2>();
  const cyclic = (v: number): boolean => {
    state.set(v, 1);
    for (const u of succ.get(v) ?? []) {
      if (state.get(u) === 1 || (!state.has(u) && cyclic(u))) return true;
    }
    state.set(v, 2);
    return false;
  };
  return w.events.some((e) => !state.has(e.id) && cyclic(e.id));
}

/** Checks that every witness of `verdict` replays to its state, or has a po | rf cycle; returns how many replayed. */
function checkReplays(verdict: Verdict, state: StepState, most = Infinity): number {
  let replayed = 0;
  for (const witness of verdict.witnesses.slice(0, most)) {
    const result = replay(state, witness);
    if (!result.ok) {
      // lock.cat leaves an unmatched spin_unlock() unordered with the initial
      // state; step mode puts the initial value first, so a few such
      // (flagged) executions are not steppable under sc.
      const excused = hasPoRfCycle(witness) || witness.flags.includes('unmatched-unlock');
      expect(excused, `${verdict.test} (${verdict.model}): ${result.reason}`).toBe(true);
      continue;
    }
    let s = reset(state);
    for (const choice of result.steps) s = step(s, choice);
    expect(s.finished).toBe(true);
    expect(finalState(s)!.entries, `${verdict.test} under ${verdict.model}`).toEqual(verdict.states[witness.state]!.entries);
    expect(finalState(s)!.satisfies).toBe(verdict.states[witness.state]!.satisfies);
    replayed++;
  }
  return replayed;
}

describe('step-mode laws on hand-written tests', () => {
  const cases = Object.entries(handWritten).flatMap(([name, source]) => modelNames.map((model) => [name, model, source] as const));

  it.each(cases)('%s under %s: paths end in the verdict\'s states, and reach every playable one', (_name, model, source) => {
    const verdict = runLitmus(source, { model }).verdict!;
    const allowed = new Set(verdict.states.map((st) => stateKey(st.entries)));
    const state = startOrThrow(source, model);
    const ends = everyEnd(state);
    for (const end of ends) expect(allowed).toContain(end);
    const machine = cachedPlayableExecutions(source, model, {});
    if (!('descriptors' in machine)) throw new Error('no executions');
    expect(ends).toEqual(new Set(machine.descriptors.map((d) => stateKey(d.outcome.entries))));
    // Under sc every execution is an interleaving, so every state is reachable.
    if (model === 'sc') expect(ends).toEqual(allowed);
    checkReplays(verdict, state);
  });

  it('cannot play load buffering\'s r0=1, r0=1 under lkmm, and says why', () => {
    const verdict = runLitmus(lb, { model: 'lkmm' }).verdict!;
    const state = startOrThrow(lb, 'lkmm');
    expect(state.exploration).toEqual({ executions: 4, playable: 3 });
    const both = verdict.states.findIndex((st) => st.satisfies);
    const result = replay(state, verdict.witnesses[verdict.states[both]!.witness]!);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain('load buffering');
    expect(checkReplays(verdict, state)).toBe(3);
  });

  it('refuses a witness of another test', () => {
    const other = runLitmus(wrc, { model: 'lkmm' }).verdict!;
    const result = replay(startOrThrow(locked, 'lkmm'), other.witnesses[0]!);
    expect(result.ok).toBe(false);
  });
});

describe('step-mode laws on random tests', () => {
  it('every random walk ends in a verdict state; every witness replays or has a po | rf cycle', () => {
    fc.assert(
      fc.property(litmusTests(), fc.constantFrom(...modelNames), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), (test, model, picks) => {
        const text = renderLitmus(test);
        const verdict = runLitmus(text, { model }).verdict!;
        fc.pre(verdict.status === 'complete');
        const state = startOrThrow(text, model);
        if (state.exploration.playable === 0) {
          // Nothing to play (no execution, or only load buffering): every CPU is blocked.
          expect(choices(state)).toEqual([]);
          expect(state.finished).toBe(false);
          expect(state.cpus.every((c) => c.status === 'blocked')).toBe(true);
        } else {
          const end = walkToEnd(state, picks);
          expect(verdict.states.map((st) => st.entries), text).toContainEqual(finalState(end)!.entries);
        }
        checkReplays(verdict, state);
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
  it.each(files.map((f) => [relative(corpusRoot, f), f]))('%s: walks end in verdict states, witnesses replay', (_name, file) => {
    const source = readFileSync(file, 'utf8');
    for (const model of ['sc', 'lkmm'] as const) {
      const verdict = runLitmus(source, { model }).verdict!;
      if (verdict.status !== 'complete') continue;
      const state = startOrThrow(source, model);
      const allowed = verdict.states.map((st) => st.entries);
      for (const picks of [[0], [1], [2, 7, 1], [5, 3]]) expect(allowed).toContainEqual(finalState(walkToEnd(state, picks))!.entries);
      // At most 64 witnesses a test, to keep the run short (8.SB has 256).
      const replayed = checkReplays(verdict, state, 64);
      // sc executions are interleavings: all of them replay.
      if (model === 'sc' && !verdict.flags.includes('unmatched-unlock')) expect(replayed).toBe(Math.min(64, verdict.witnesses.length));
    }
  }, 60_000);
});
