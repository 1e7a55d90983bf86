import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { exercise, type CodeExercise } from '@barrier-lab/exercises';
import { PlaygroundService } from './playground-service.ts';
import type { RunRequest, RunResponse } from './playground-protocol.ts';
import { runWords } from './run-words.ts';

const mp = readFileSync(new URL('../litmus/02-mp.litmus', import.meta.url), 'utf8');
const run = (request: Omit<RunRequest, 'type' | 'id'>) =>
  new PlaygroundService(() => 0).handle({ type: 'run', id: 1, ...request }) as RunResponse;

describe('a run in words', () => {
  it('says the outcome can happen, how often, and what was explored against the limits', () => {
    const words = runWords(run({ source: mp, model: 'lkmm' }));
    expect(words.verdict).toBe('Sometimes');
    expect(words.tone).toBe('bad');
    expect(words.summary).toBe('The outcome (1:r0=1 /\\ 1:r1=0) can happen under lkmm: 1 of 4 executions end in it.');
    expect(words.details[0]).toMatch(/^Explored \d+ candidate executions of up to \d+ events each; 4 consistent with lkmm, ending in 4 final states;/);
    expect(words.details[1]).toBe('Limits: 200 events per execution, 5,000,000 candidate executions, 120 s, 1,024 MB of memory.');
  });

  it('says it cannot happen under sc', () => {
    const words = runWords(run({ source: mp, model: 'sc' }));
    expect(words.verdict).toBe('Never');
    expect(words.tone).toBe('good');
    expect(words.summary).toBe('The outcome (1:r0=1 /\\ 1:r1=0) cannot happen under sc: none of the 3 executions ends in it.');
  });

  it('reads ~exists and forall the way the test asks', () => {
    const never = mp.replace('exists (1:r0=1 /\\ 1:r1=0)', '~exists (1:r0=1 /\\ 1:r1=0)');
    expect(runWords(run({ source: never, model: 'lkmm' })).summary).toMatch(/^The test says .* never happens, but under lkmm it can: 1 of 4/);
    expect(runWords(run({ source: never, model: 'sc' })).tone).toBe('good');
    const always = mp.replace('exists (1:r0=1 /\\ 1:r1=0)', 'forall (1:r0=0 \\/ 1:r1=1)');
    expect(runWords(run({ source: always, model: 'sc' })).summary).toBe('The test says every execution ends in (1:r0=0 \\/ 1:r1=1), and under sc all 3 do.');
  });

  it('is inconclusive, never a verdict, when a limit stops it, and says which limit', () => {
    const seed = (exercise('ksm-pte-change-barriers') as CodeExercise).starter.source;
    const words = runWords(run({ source: seed, model: 'lkmm', budget: { maxEvents: 8 } }));
    expect(words.verdict).toBe('Inconclusive');
    expect(words.summary).toContain('the exploration stopped because an execution has more than 8 events (the limit on events)');
    expect(words.details).toContain('Limits: 8 events per execution, 5,000,000 candidate executions, 120 s, 1,024 MB of memory.');
  });

  it('is inconclusive when a limit stops it while it reads the test, and says which', () => {
    const budget = { maxEvents: 200, maxCandidates: 5_000_000, maxMillis: 120_000, maxMemoryMb: 1024 };
    const reached = { millis: 3, memoryMb: 1024.5, traces: 0, events: 0, candidates: 0, executions: 0, states: 0 };
    const words = runWords({ type: 'run', id: 1, diagnostics: [], budget, executions: [], ms: 3, inconclusive: { budget: 'memory', phase: 'lower', limit: 1024, reached } });
    expect(words.verdict).toBe('Inconclusive');
    expect(words.summary).toBe('No verdict: the run stopped while reading the test, because what the checker keeps grew past 1,024 MB (the limit on memory). Nothing was explored.');
  });

  it('lists a broken test\'s errors with line and column', () => {
    const words = runWords(run({ source: mp.replace('READ_ONCE(*msg);', 'READ_ONCE(*msg;'), model: 'sc' }));
    expect(words.verdict).toBe('Invalid');
    expect(words.details[0]).toMatch(/^Line 22, column \d+: /);
  });
});
