import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { exercise, type CodeExercise } from '@barrier-lab/exercises';
import { CheckService } from '../workbench/check-service.ts';
import type { Unnumbered } from '../workbench/check-client.ts';
import type { PlayResponse, WorkerRequest, WorkerResponse } from '../workbench/worker-protocol.ts';
import type { ExecutionResponse, RepairResponse, RunResponse } from './playground-protocol.ts';
import { defaultBudget } from '@barrier-lab/engine';
import { budgetOf } from './playground-budget.ts';

const mp = readFileSync(new URL('../litmus/02-mp.litmus', import.meta.url), 'utf8');
const iriw = readFileSync(new URL('./examples/iriw.litmus', import.meta.url), 'utf8');

/** The worker's service, through JSON both ways as across a worker boundary. */
function worker() {
  const service = new CheckService(() => performance.now());
  let id = 0;
  return <T extends WorkerResponse>(request: Unnumbered<WorkerRequest>): T =>
    JSON.parse(JSON.stringify(service.handle(JSON.parse(JSON.stringify({ ...request, id: ++id })) as WorkerRequest))) as T;
}

describe('the playground in the check worker', () => {
  const expected = { sc: 'Never', tso: 'Never', lkmm: 'Sometimes' } as const;
  for (const model of ['sc', 'tso', 'lkmm'] as const) {
    it(`runs MP under ${model}: ${expected[model]}, every execution listed, each drawn with its state`, () => {
      const send = worker();
      const run = send<RunResponse>({ type: 'run', source: mp, model });
      expect(run.verdict?.observation).toBe(expected[model]);
      expect(run.verdict?.status).toBe('complete');
      const total = run.verdict!.observed.positive + run.verdict!.observed.negative;
      expect(run.executions).toHaveLength(total);
      expect(run.executions.filter((e) => e.bad)).toHaveLength(run.verdict!.observed.positive);
      for (let i = 0; i < total; i++) {
        const shown = send<ExecutionResponse>({ type: 'execution', index: i });
        expect(shown.state).toBe(run.executions[i]!.state);
        expect(shown.entries).toEqual(run.verdict!.states[shown.state]!.entries);
        expect(shown.graphSvg).toContain(`id="pg-e${i}-arrow-po"`);
        expect(shown.timeline.steps.length).toBe(4);
      }
      if (model === 'lkmm') {
        expect(run.explanation?.timeline).toBeDefined();
        expect(run.executions[run.counterexample!]!.bad).toBe(true);
      } else {
        expect(run.explanation?.whyForbidden?.status).toBe('forbidden');
        expect(run.counterexample).toBeUndefined();
      }
    });
  }

  it('draws every browsed execution by the kernel names the test used, as its state and steps say them', () => {
    const send = worker();
    const tables = exercise('rcu-freed-page-tables') as CodeExercise;
    const run = send<RunResponse>({ type: 'run', source: tables.starter.source, model: 'sc', flush: 'broadcast' });
    const shown = send<ExecutionResponse>({ type: 'execution', index: run.counterexample! });
    expect(shown.entries.map((e) => e.named)).toContain('PT_FREED');
    expect(shown.graph.nodes.map((n) => n.label)).toEqual(expect.arrayContaining(['pmdp=PMD_TABLE (init)', 'R[once] pmdp=PMD_TABLE', 'R[once] ptep=PT_FREED']));
    expect(shown.graphSvg).not.toMatch(/pmdp=4|ptep=107/);
    expect(run.explanation?.graph?.nodes.map((n) => n.label)).toContain('R[once] ptep=PT_FREED');
  });

  it('plays any browsed execution in step mode to its own final state', () => {
    const send = worker();
    const run = send<RunResponse>({ type: 'run', source: iriw, model: 'lkmm' });
    for (const index of [0, 7, run.executions.length - 1]) {
      const shown = send<ExecutionResponse>({ type: 'execution', index });
      let play = send<PlayResponse>({ type: 'play-start', source: iriw, model: 'lkmm', replay: shown.witness });
      expect(play.replayProblem).toBeUndefined();
      for (const choice of play.counterexample!) play = send<PlayResponse>({ type: 'play-step', choice });
      expect(play.outcome?.entries).toEqual(run.verdict!.states[shown.state]!.entries.map(({ target, value }) => ({ target, value })));
    }
  });

  it('restores a step position from its token, and says when a token does not fit', () => {
    const send = worker();
    let play = send<PlayResponse>({ type: 'play-start', source: mp, model: 'lkmm' });
    for (const choice of play.counterexample!.slice(0, 3)) play = send<PlayResponse>({ type: 'play-step', choice });
    const token = play.token!;
    const restored = send<PlayResponse>({ type: 'play-start', source: mp, model: 'lkmm', token });
    expect(restored.state.history).toEqual(play.state.history);
    expect(restored.token).toBe(token);
    expect(restored.tokenProblem).toBeUndefined();
    const elsewhere = send<PlayResponse>({ type: 'play-start', source: iriw, model: 'lkmm', token: '2GGGGGG' });
    expect(elsewhere.state.history).toEqual([]);
    expect(elsewhere.tokenProblem).toMatch(/not possible|damaged|cut short/);
    // Said once: the next move does not repeat it.
    expect(send<PlayResponse>({ type: 'play-reset' }).tokenProblem).toBeUndefined();
  });

  it('finds the cheapest repair of the last run', () => {
    const send = worker();
    send<RunResponse>({ type: 'run', source: mp, model: 'lkmm' });
    const repair = send<RepairResponse>({ type: 'repair' });
    expect(repair.repair.status).toBe('found');
    expect(repair.repair.edits.map((e) => e.thread)).toEqual([0, 1]);
    expect(repair.repair.pairings.length).toBeGreaterThan(0);
  });

  it('says inconclusive, never a verdict, when a limit stops the run', () => {
    const send = worker();
    const seed = (exercise('ksm-pte-change-barriers') as CodeExercise).starter.source;
    const run = send<RunResponse>({ type: 'run', source: seed, model: 'lkmm', budget: { maxEvents: 8 } });
    expect(run.verdict?.status).toBe('inconclusive');
    expect(run.verdict?.cutoff).toBe('events');
    expect(run.budget.maxEvents).toBe(8);
    expect(run.explanation).toBeUndefined();
  });

  it('answers bad input with diagnostics, and browsing before a run with an error', () => {
    const send = worker();
    const run = send<RunResponse>({ type: 'run', source: 'C broken\n{}\nP0(int *x) { WRITE_ONCE(*x, ; }\nexists (x=1)', model: 'sc' });
    expect(run.verdict).toBeUndefined();
    expect(run.diagnostics[0]?.span.line).toBe(3);
    expect(send<WorkerResponse>({ type: 'execution', index: 0 }).type).toBe('error');
    expect(send<WorkerResponse>({ type: 'repair' }).type).toBe('error');
  });

  it('diagnoses as one types, without exploring', () => {
    const send = worker();
    const broken = send<WorkerResponse>({ type: 'diagnose', source: mp.replace('READ_ONCE(*msg);', 'READ_ONCE(*msg;'), model: 'lkmm' });
    expect(broken.type === 'diagnose' && broken.diagnostics.map((d) => d.span.line)).toEqual([22]);
    const fine = send<WorkerResponse>({ type: 'diagnose', source: mp, model: 'lkmm' });
    expect(fine.type === 'diagnose' && fine.diagnostics).toEqual([]);
  });

  it('takes only positive whole limits, the rest from the engine', () => {
    expect(budgetOf({ maxEvents: 10, maxMillis: -5, maxCandidates: Number.NaN }, defaultBudget)).toEqual({ maxEvents: 10, maxCandidates: 5_000_000, maxMillis: 120_000, maxMemoryMb: 1024 });
  });
});
