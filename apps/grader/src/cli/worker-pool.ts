// Runs tasks on worker threads, each task isolated from the others: a worker
// that crashes, runs out of memory or overruns its deadline is terminated and
// replaced, its task reported as failed with the reason and the kind of
// failure, and the run goes on. Results come back as they finish; `inOrder`
// hands them on in task order. `cancel()` asks the running tasks to stop and
// starts no more; `stop()` (Ctrl-C) ends the workers at once. Only plain data
// crosses the thread boundary. `barrier-lab litmus` and `barrier-lab grade`
// share this one pool.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { Worker, isMainThread, parentPort, workerData, type ResourceLimits } from 'node:worker_threads';

/**
 * Why a task has no result: the handler threw (`failed`, the worker lives
 * on), the worker died (`crashed`), ran out of its heap (`out-of-memory`),
 * or was still running at its deadline (`hung`).
 */
export type TaskFailureKind = 'failed' | 'crashed' | 'out-of-memory' | 'hung';

/** What a task ended with: the worker's result, or why there is none. */
export type TaskOutcome<R> =
  | {
    readonly ok: true;
    readonly result: R;
    /** The worker's V8 heap (committed, MB) right after the task: what the task cost it, at most. */
    readonly heapMb?: number;
  }
  | { readonly ok: false; readonly reason: string; readonly kind?: TaskFailureKind };

export interface PoolOptions<T> {
  /** The worker module: it calls `serveTasks` (a `.ts` module is run through tsx, for tests from source). */
  readonly entry: URL;
  /** Worker threads to run at once. */
  readonly jobs: number;
  /** Heap and stack limits of each worker (a heap overrun fails the task as `out-of-memory`). */
  readonly resourceLimits?: ResourceLimits;
  /** Milliseconds task `task` may run before its worker is terminated (a backstop: tasks keep their own budgets). */
  readonly deadline: (task: T) => number;
  /** A task's progress events (whatever the worker's `report` sends). */
  readonly onEvent?: (index: number, event: unknown) => void;
  /** A task started on a worker. */
  readonly onStart?: (index: number) => void;
}

/** A pool running one list of tasks. */
export interface PoolRun {
  /** Settles when every started task has its outcome and the workers are gone. */
  readonly done: Promise<void>;
  /** Asks the running tasks to stop (their `signal.aborted` turns true) and starts no more. */
  cancel(): void;
  /**
   * Ends every worker now: running tasks get no outcome, none starts. For
   * Ctrl-C, when what is finished must be saved before the process exits.
   */
  stop(): Promise<void>;
}

interface Slot {
  worker: Worker;
  /** Raised (set to 1) to ask the worker's current task to stop. */
  readonly flag: Int32Array;
  index: number | undefined;
  timer: NodeJS.Timeout | undefined;
  /** Set once this worker's failure has been reported, so exit and error do not both report it. */
  failed: boolean;
}

/**
 * Runs `tasks` on `options.jobs` workers; `onOutcome` gets each task's outcome
 * as it finishes, in any order (wrap it in `inOrder` for task order). Every
 * task gets exactly one outcome, unless the run is cancelled before the task
 * started or stopped while it ran.
 */
export function runPool<T, R>(tasks: readonly T[], options: PoolOptions<T>, onOutcome: (index: number, outcome: TaskOutcome<R>) => void): PoolRun {
  let next = 0;
  let cancelled = false;
  let stopped = false;
  const slots: Slot[] = [];
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  let finished = false;
  const finishOnce = (): void => {
    if (finished) return;
    finished = true;
    finish();
  };
  const idle = () => slots.every((s) => s.index === undefined);

  const settle = (slot: Slot, outcome: TaskOutcome<R>): void => {
    const index = slot.index;
    if (index === undefined) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.index = undefined;
    slot.timer = undefined;
    if (!stopped) onOutcome(index, outcome);
  };

  const dispatch = (slot: Slot): void => {
    if (cancelled || next >= tasks.length) {
      void slot.worker.terminate();
      if (idle()) finishOnce();
      return;
    }
    const index = next++;
    const task = tasks[index]!;
    slot.index = index;
    Atomics.store(slot.flag, 0, 0);
    const deadline = options.deadline(task);
    slot.timer = setTimeout(() => {
      fail(slot, `killed: still running after ${(deadline / 1000).toFixed(1)} s, past its time budget`, 'hung');
    }, deadline);
    options.onStart?.(index);
    slot.worker.postMessage({ type: 'task', index, task });
  };

  /** Reports the slot's task as failed and replaces its worker (if there is work left for it). */
  const fail = (slot: Slot, reason: string, kind: TaskFailureKind): void => {
    if (slot.failed) return;
    slot.failed = true;
    void slot.worker.terminate();
    settle(slot, { ok: false, reason, kind });
    if (!cancelled && next < tasks.length) {
      const fresh = spawn();
      slots[slots.indexOf(slot)] = fresh;
      dispatch(fresh);
    } else if (idle()) {
      finishOnce();
    }
  };

  const spawn = (): Slot => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const worker = startWorker(options.entry, { flag }, options.resourceLimits);
    const slot: Slot = { worker, flag, index: undefined, timer: undefined, failed: false };
    worker.on('message', (message: WorkerMessage<R>) => {
      if (message.type === 'event') {
        if (message.index === slot.index) options.onEvent?.(message.index, message.event);
      } else if (message.index === slot.index) {
        settle(slot, message.type === 'result'
          ? { ok: true, result: message.result, heapMb: message.heapMb }
          : { ok: false, reason: message.reason, kind: 'failed' });
        dispatch(slot);
      }
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const limit = options.resourceLimits?.maxOldGenerationSizeMb;
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        fail(slot, `the worker ran out of memory${limit ? ` (its heap limit is ${limit} MB)` : ''}`, 'out-of-memory');
      } else {
        fail(slot, `the worker crashed: ${error.message}`, 'crashed');
      }
    });
    worker.on('exit', (code) => {
      if (slot.index !== undefined) fail(slot, `the worker stopped (exit code ${code})`, 'crashed');
    });
    return slot;
  };

  const jobs = Math.max(1, Math.min(options.jobs, tasks.length));
  if (tasks.length === 0) finishOnce();
  else for (let i = 0; i < jobs; i++) slots.push(spawn());
  for (const slot of [...slots]) dispatch(slot);

  return {
    done,
    cancel() {
      cancelled = true;
      for (const slot of slots) Atomics.store(slot.flag, 0, 1);
    },
    async stop() {
      cancelled = true;
      stopped = true;
      await Promise.all(slots.map(async (slot) => {
        if (slot.timer) clearTimeout(slot.timer);
        slot.index = undefined;
        slot.timer = undefined;
        await slot.worker.terminate();
      }));
      finishOnce();
    },
  };
}

/**
 * Wraps an outcome callback so it sees outcomes in task order (0, 1, 2, ...):
 * an outcome that finishes early waits for those before it. Output written
 * from it is the same whatever the number of workers.
 */
export function inOrder<R>(onOutcome: (index: number, outcome: TaskOutcome<R>) => void): (index: number, outcome: TaskOutcome<R>) => void {
  const waiting = new Map<number, TaskOutcome<R>>();
  let next = 0;
  return (index, outcome) => {
    waiting.set(index, outcome);
    for (let ready = waiting.get(next); ready !== undefined; ready = waiting.get(next)) {
      waiting.delete(next);
      onOutcome(next++, ready);
    }
  };
}

/** Messages from a worker to the pool. */
type WorkerMessage<R> =
  | { readonly type: 'result'; readonly index: number; readonly result: R; readonly heapMb: number }
  | { readonly type: 'failure'; readonly index: number; readonly reason: string }
  | { readonly type: 'event'; readonly index: number; readonly event: unknown };

/** Starts a worker on `entry`; a TypeScript entry (tests run from source) goes through tsx. */
function startWorker(entry: URL, data: unknown, resourceLimits: ResourceLimits | undefined): Worker {
  const limits = resourceLimits ? { resourceLimits } : {};
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, { workerData: data, execArgv: compiledExecArgv(process.execArgv), ...limits });
  // require.resolve finds tsx's CommonJS build of its API; the worker imports the ES module beside it.
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const code = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(entry.href)}))`;
  return new Worker(code, { eval: true, workerData: data, execArgv: ['--conditions=barrier-lab-source'], ...limits });
}

/**
 * The parent's Node options minus the `barrier-lab-source` condition: a
 * compiled worker loads the compiled packages (dist/), even when the parent
 * runs from source (a bench or a test), whose TypeScript loader a worker
 * does not inherit.
 */
export function compiledExecArgv(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    if (/^(--conditions|-C)=barrier-lab-source$/.test(arg)) continue;
    if ((arg === '--conditions' || arg === '-C') && execArgv[i + 1] === 'barrier-lab-source') {
      i++;
      continue;
    }
    out.push(arg);
  }
  return out;
}

/** What a task handler gets besides its task. */
export interface TaskContext {
  /** Raised when the pool asks the task to stop (an AbortSignal-like object: read `aborted`). */
  readonly signal: { readonly aborted: boolean };
  /** Sends a progress event to the pool's `onEvent`. */
  report(event: unknown): void;
}

/**
 * The worker side: answers the pool's tasks with `handle`, one at a time. A
 * handler that throws fails its task with the error's message (the worker
 * lives on); one that kills the thread is replaced by the pool.
 */
export function serveTasks<T, R>(handle: (task: T, context: TaskContext) => R | Promise<R>): void {
  if (isMainThread || !parentPort) throw new Error('serveTasks runs in a worker thread');
  const port = parentPort;
  const flag = (workerData as { flag: Int32Array }).flag;
  const signal = { get aborted() { return Atomics.load(flag, 0) === 1; } };
  port.on('message', async (message: { type: 'task'; index: number; task: T }) => {
    const { index, task } = message;
    const context: TaskContext = { signal, report: (event) => port.postMessage({ type: 'event', index, event }) };
    try {
      const result = await handle(task, context);
      const heapMb = Math.round(getHeapStatistics().total_heap_size / 2 ** 20 * 10) / 10;
      port.postMessage({ type: 'result', index, result, heapMb });
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      port.postMessage({ type: 'failure', index, reason: `the task crashed the checker (${reason})` });
    }
  });
}
