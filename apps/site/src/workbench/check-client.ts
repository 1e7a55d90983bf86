// The main thread's side of the check worker: requests become promises of
// their responses. One worker per workbench, started on first use and reused.
// A Check while another is running cancels it: check() is one synchronous
// call, so the only way to stop it is to terminate the worker and start a
// fresh one (the step session, tied to the old result, goes with it).
import type {
  CheckRequest, CheckResponse, LintResponse, PlayResponse, PlayStartRequest, PlayStepRequest, PlayUndoRequest, WorkerRequest, WorkerResponse,
} from './worker-protocol.ts';
import type { DiagnoseResponse, ExecutionResponse, RepairResponse, RunRequest, RunResponse } from '../playground/playground-protocol.ts';

/** A request as the caller writes it: the client numbers it. */
export type Unnumbered<T extends WorkerRequest> = T extends WorkerRequest ? Omit<T, 'id'> : never;

/** The step-mode requests. */
export type PlayRequest = PlayStartRequest | PlayStepRequest | PlayUndoRequest;

/** The request was dropped because a newer Check replaced the worker. */
export class CheckCancelled extends Error {
  constructor() {
    super('cancelled by a newer check');
    this.name = 'CheckCancelled';
  }
}

interface Pending {
  readonly type: WorkerRequest['type'];
  resolve(response: WorkerResponse): void;
  reject(error: Error): void;
}

/** Starts the worker; tests and other hosts may pass their own. */
export type WorkerFactory = () => Worker;

/** The check worker bundled with the site. */
export const bundledCheckWorker: WorkerFactory = () =>
  new Worker(new URL('./check-worker.ts', import.meta.url), { type: 'module', name: 'barrier-lab-check' });

/** The main thread's handle on one check worker: typed requests, one pending promise each, cancellation by restart. */
export class CheckClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private runningCheck: number | undefined;
  /** How many workers were started (a restart after a cancelled check counts). */
  workersStarted = 0;

  constructor(private readonly spawn: WorkerFactory = bundledCheckWorker) {}

  /** The diagnostics of `source` (no exploration). */
  lint(exercise: string, source: string): Promise<LintResponse> {
    return this.send({ type: 'lint', exercise, source }) as Promise<LintResponse>;
  }

  /** A check; a check already running is cancelled (its promise rejects with CheckCancelled). */
  check(request: Omit<CheckRequest, 'type' | 'id'>): Promise<CheckResponse> {
    return this.send({ ...request, type: 'check' }) as Promise<CheckResponse>;
  }

  /** A step-mode move. */
  play(request: Unnumbered<PlayRequest>): Promise<PlayResponse> {
    return this.send(request) as Promise<PlayResponse>;
  }

  /** The playground's run of a whole test; like a check, it cancels a check or run already running. */
  run(request: Omit<RunRequest, 'type' | 'id'>): Promise<RunResponse> {
    return this.send({ ...request, type: 'run' }) as Promise<RunResponse>;
  }

  /** The diagnostics of a playground's text (no exploration). */
  diagnose(source: string, model: RunRequest['model']): Promise<DiagnoseResponse> {
    return this.send({ type: 'diagnose', source, model }) as Promise<DiagnoseResponse>;
  }

  /** Execution number `index` of the last run, drawn. */
  execution(index: number): Promise<ExecutionResponse> {
    return this.send({ type: 'execution', index }) as Promise<ExecutionResponse>;
  }

  /** The cheapest repair of the last run's bad outcome. */
  repair(): Promise<RepairResponse> {
    return this.send({ type: 'repair' }) as Promise<RepairResponse>;
  }

  /** Sends `request`; resolves with its response, rejects with its error (or CheckCancelled). */
  private send(request: Unnumbered<WorkerRequest>): Promise<WorkerResponse> {
    // A check or a run replaces one still running (see the file's header).
    const long = request.type === 'check' || request.type === 'run';
    if (long && this.runningCheck !== undefined) this.restart();
    const worker = this.ensureWorker();
    const id = this.nextId++;
    if (long) this.runningCheck = id;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { type: request.type, resolve, reject });
      worker.postMessage({ ...request, id });
    });
  }

  /** Whether a check is running now. */
  get checking(): boolean {
    return this.runningCheck !== undefined;
  }

  /** Stops the worker and drops every pending request (the next request starts a new one). */
  dispose(): void {
    this.restart();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.spawn();
    this.workersStarted++;
    worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => this.receive(event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.failAll(new Error(`the check worker failed to run: ${event.message || 'it did not load'}`));
      worker.terminate();
      if (this.worker === worker) this.worker = undefined;
    });
    this.worker = worker;
    return worker;
  }

  private receive(response: WorkerResponse): void {
    const waiting = this.pending.get(response.id);
    if (!waiting) return;
    this.pending.delete(response.id);
    if (response.id === this.runningCheck) this.runningCheck = undefined;
    if (response.type === 'error') waiting.reject(new Error(response.message));
    else waiting.resolve(response);
  }

  private restart(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.failAll(new CheckCancelled());
  }

  private failAll(error: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    this.runningCheck = undefined;
    for (const p of waiting) p.reject(error);
  }
}
