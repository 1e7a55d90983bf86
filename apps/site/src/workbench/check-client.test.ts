import { describe, expect, it } from 'vitest';
import { exercise, type CodeExercise } from '@barrier-lab/exercises';
import { CheckCancelled, CheckClient } from './check-client.ts';
import { CheckService } from './check-service.ts';
import type { WorkerRequest, WorkerResponse } from './worker-protocol.ts';

const mp = exercise('mp-wmb-rmb') as CodeExercise;

/**
 * A stand-in for a Web Worker: the real CheckService behind a message queue
 * that answers after `delay` ms, one request at a time, as a worker would.
 */
class FakeWorker extends EventTarget {
  static started: FakeWorker[] = [];
  readonly received: WorkerRequest[] = [];
  terminated = false;
  private readonly service = new CheckService(() => 0);
  private queue = Promise.resolve();

  constructor(private readonly delay: number) {
    super();
    FakeWorker.started.push(this);
  }

  postMessage(request: WorkerRequest): void {
    const copy = structuredClone(request);
    this.received.push(copy);
    this.queue = this.queue.then(() => new Promise<void>((done) => setTimeout(() => {
      if (!this.terminated) {
        const response: WorkerResponse = structuredClone(this.service.handle(copy));
        this.dispatchEvent(new MessageEvent('message', { data: response }));
      }
      done();
    }, this.delay)));
  }

  terminate(): void {
    this.terminated = true;
  }
}

const client = (delay = 5) => {
  FakeWorker.started = [];
  return new CheckClient(() => new FakeWorker(delay) as unknown as Worker);
};

describe('CheckClient', () => {
  it('starts its worker on first use and reuses it for every later request', async () => {
    const c = client();
    expect(FakeWorker.started).toHaveLength(0);
    const lint = await c.lint(mp.id, mp.starter.source);
    expect(lint.diagnostics).toEqual([]);
    const first = await c.check({ exercise: mp.id, source: mp.starter.source });
    const second = await c.check({ exercise: mp.id, source: mp.solutions[0]!.source });
    expect([first.result.status, second.result.status]).toEqual(['incorrect', 'correct']);
    expect(FakeWorker.started).toHaveLength(1);
    expect(FakeWorker.started[0]!.received.map((r) => r.id)).toEqual([1, 2, 3]);
  });

  it('cancels a running check when a second one starts: the first rejects, a fresh worker answers the second', async () => {
    const c = client(50);
    const first = c.check({ exercise: mp.id, source: mp.starter.source });
    const pendingLint = c.lint(mp.id, mp.starter.source);
    const second = c.check({ exercise: mp.id, source: mp.solutions[0]!.source });
    await expect(first).rejects.toBeInstanceOf(CheckCancelled);
    await expect(pendingLint).rejects.toBeInstanceOf(CheckCancelled);
    expect((await second).result.status).toBe('correct');
    expect(FakeWorker.started).toHaveLength(2);
    expect(FakeWorker.started[0]!.terminated).toBe(true);
    expect(c.workersStarted).toBe(2);
    expect(c.checking).toBe(false);
  });

  it('does not restart the worker for lint or step requests while a check runs', async () => {
    const c = client(20);
    const check = c.check({ exercise: mp.id, source: mp.starter.source });
    const lint = c.lint(mp.id, mp.starter.source);
    expect(c.checking).toBe(true);
    await Promise.all([check, lint]);
    const play = await c.play({ type: 'play-start', source: mp.starter.source, model: 'lkmm' });
    expect(play.counterexample?.length).toBeGreaterThan(0);
    expect(FakeWorker.started).toHaveLength(1);
  });

  it('turns an error response into a rejected promise with its message', async () => {
    const c = client();
    await expect(c.play({ type: 'play-undo' })).rejects.toThrow(/no step session/);
    await expect(c.check({ exercise: 'no-such', source: '' })).rejects.toThrow(/no exercise/);
  });
});
