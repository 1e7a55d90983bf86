import { describe, expect, it } from 'vitest';
import { exercise, type CodeExercise } from '@barrier-lab/exercises';
import { CheckService } from './check-service.ts';
import type { CheckResponse, PlayResponse, WorkerRequest, WorkerResponse } from './worker-protocol.ts';

const mp = exercise('mp-wmb-rmb') as CodeExercise;
const service = () => new CheckService(() => 0);

/** Sends `request` through JSON both ways, as a worker boundary would (structured clone is no looser). */
function send(s: CheckService, request: WorkerRequest): WorkerResponse {
  const response = s.handle(JSON.parse(JSON.stringify(request)) as WorkerRequest);
  return JSON.parse(JSON.stringify(response)) as WorkerResponse;
}

describe('CheckService', () => {
  it('lints without exploring: a syntax error comes back with its line', () => {
    const response = send(service(), { type: 'lint', id: 1, exercise: mp.id, source: mp.starter.source.replace('READ_ONCE(*flag);', 'READ_ONCE(*flag;') });
    expect(response.type).toBe('lint');
    expect(response.type === 'lint' && response.diagnostics[0]?.span.line).toBe(20);
  });

  it('checks the starter as incorrect, with a graph whose ids are the exercise\'s own', () => {
    const response = send(service(), { type: 'check', id: 2, exercise: mp.id, source: mp.starter.source }) as CheckResponse;
    expect(response.id).toBe(2);
    expect(response.result.status).toBe('incorrect');
    expect(response.result.explanation?.timeline?.steps.length).toBeGreaterThan(0);
    expect(response.graphSvg).toContain('id="bl-mp-wmb-rmb-arrow-rf"');
    expect(response.graphSvg).toContain('data-line="12"');
  });

  it('draws a graph for every wrong prediction, each with ids of its own model', () => {
    const response = send(service(), { type: 'check', id: 9, exercise: 'sb-which-models', source: 'sc: Sometimes\ntso: Never\nlkmm: Sometimes\n' }) as CheckResponse;
    expect(response.result.explanations?.map((x) => x.model)).toEqual(['sc', 'tso']);
    expect(Object.keys(response.graphSvgs ?? {})).toEqual(['sc', 'tso']);
    expect(response.graphSvgs?.sc).toContain('id="bl-sb-which-models-sc-arrow-fr"');
    expect(response.graphSvgs?.sc).toContain('a forbidden execution under sc');
    expect(response.graphSvgs?.tso).toContain('id="bl-sb-which-models-tso-arrow-fr"');
    expect(response.graphSvgs?.tso).toContain('the counterexample under tso');
    expect(response.graphSvgs?.tso).not.toContain('bl-sb-which-models-sc-');
  });

  it('checks under the models the request narrows to, and under another flush flavour', () => {
    const s = service();
    const tso = send(s, { type: 'check', id: 3, exercise: mp.id, source: mp.starter.source, models: ['tso'] }) as CheckResponse;
    expect(tso.result.status).toBe('correct');
    expect(tso.result.verdicts.map((v) => v.model)).toEqual(['tso']);
    const gup = exercise('gup-fast-broadcast-flush') as CodeExercise;
    expect(gup.flush).toBe('broadcast');
    const asGraded = send(s, { type: 'check', id: 4, exercise: gup.id, source: gup.starter.source }) as CheckResponse;
    const withIpi = send(s, { type: 'check', id: 5, exercise: gup.id, source: gup.starter.source, flush: 'ipi' }) as CheckResponse;
    expect(asGraded.result.status).toBe('incorrect');
    expect(withIpi.result.status).not.toBe('incorrect');
  });

  it('adds the cheapest repair on request', () => {
    const response = send(service(), { type: 'check', id: 6, exercise: mp.id, source: mp.starter.source, explain: 'full' }) as CheckResponse;
    expect(response.result.explanation?.repair?.status).toBe('found');
  });

  it('plays the counterexample step by step to its bad final state, with undo and reset', () => {
    const s = service();
    const start = send(s, { type: 'play-start', id: 7, source: mp.starter.source, model: 'lkmm' }) as PlayResponse;
    expect(start.type).toBe('play');
    expect(start.state.history).toEqual([]);
    const steps = start.counterexample!;
    expect(steps.length).toBeGreaterThan(3);
    let last = start;
    steps.forEach((choice, i) => {
      last = send(s, { type: 'play-step', id: 8 + i, choice }) as PlayResponse;
      expect(last.type, JSON.stringify(last)).toBe('play');
    });
    expect(last.state.finished).toBe(true);
    expect(last.choices).toEqual([]);
    expect(last.outcome?.satisfies).toBe(true);
    expect(last.outcome?.entries.map((e) => `${e.target}=${e.value}`)).toEqual(['1:r0=1', '1:r1=0']);
    const undone = send(s, { type: 'play-undo', id: 50 }) as PlayResponse;
    expect(undone.state.history.length).toBe(steps.length - 1);
    expect(undone.outcome).toBeUndefined();
    const reset = send(s, { type: 'play-reset', id: 51 }) as PlayResponse;
    expect(reset.state.history).toEqual([]);
    expect(reset.choices.length).toBe(2);
  });

  it('says there is nothing to replay when the outcome cannot happen', () => {
    const response = send(service(), { type: 'play-start', id: 9, source: mp.solutions[0]!.source, model: 'lkmm' }) as PlayResponse;
    expect(response.counterexample).toBeUndefined();
    expect(response.replayProblem).toMatch(/never happens/);
  });

  it('answers a bad request with an error response, never an exception', () => {
    const s = service();
    expect(send(s, { type: 'play-step', id: 10, choice: { cpu: 0 } }).type).toBe('error');
    expect(send(s, { type: 'check', id: 11, exercise: 'nope', source: '' }).type).toBe('error');
    expect(send(s, { type: 'bogus', id: 12 } as unknown as WorkerRequest)).toMatchObject({ type: 'error', id: 12 });
    const bad = send(s, { type: 'play-start', id: 13, source: 'C x\n{}\nP0(', model: 'sc' });
    expect(bad).toMatchObject({ type: 'error', id: 13 });
  });
});
