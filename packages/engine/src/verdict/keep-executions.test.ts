// Verdict.executions: every consistent execution, when asked for, each
// numbered with its final state, so a page can browse them one by one and
// play any of them in step mode.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runLitmus } from '../run/run-litmus.ts';
import * as stepMode from '../step/step-api.ts';
import type { ModelName } from '../models/model.ts';

const corpus = (path: string) => readFileSync(fileURLToPath(new URL(`../../corpus/lkmm/${path}.litmus`, import.meta.url)), 'utf8');

const tests = ['mp/MP+poonceonces', 'sb/SB+poonceonces', 'lb/LB+poonceonces', 'iriw/IRIW+poonceonces+OnceOnce', 'kernel/KSM+GUP-fast+pte-change+broadcast'];
const models: readonly ModelName[] = ['sc', 'tso', 'lkmm'];

describe('keeping every execution', () => {
  it('is off by default', () => {
    expect(runLitmus(corpus('mp/MP+poonceonces')).verdict?.executions).toBeUndefined();
  });

  for (const test of tests) {
    for (const model of models) {
      it(`${test} under ${model}: one witness per consistent execution, each state's count matching`, () => {
        const source = corpus(test);
        const verdict = runLitmus(source, { model, keepExecutions: 10_000 }).verdict!;
        const all = verdict.executions!;
        expect(all).toHaveLength(verdict.observed.positive + verdict.observed.negative);
        verdict.states.forEach((state, i) => {
          expect(all.filter((w) => w.state === i), `state ${i}`).toHaveLength(state.executions);
        });
        // No execution twice: reads-from and coherence differ between any two of one trace.
        const keys = all.map((w) => JSON.stringify([w.events.map((e) => [e.thread, e.index, e.kind, e.loc, e.value]), w.rf, w.co]));
        expect(new Set(keys).size).toBe(all.length);
        // And step mode plays every one of them.
        const start = stepMode.start(source, model);
        if (!stepMode.isStepState(start)) throw new Error('does not start');
        expect(start.exploration.executions).toBe(all.length);
        for (const w of all) expect(stepMode.replay(start, w).ok).toBe(true);
      });
    }
  }

  it('keeps at most the number asked for, in the same order as keeping them all', () => {
    const source = corpus('iriw/IRIW+poonceonces+OnceOnce');
    const all = runLitmus(source, { keepExecutions: 1_000 }).verdict!.executions!;
    const some = runLitmus(source, { keepExecutions: 5 }).verdict!;
    expect(some.executions).toEqual(all.slice(0, 5));
    expect(some.observed.positive + some.observed.negative).toBe(all.length);
  });
});
