// Runs tasks on worker processes, each task isolated from the others: a
// worker that crashes, runs out of memory or overruns its deadline is killed
// and replaced, its task reported as failed with the reason and the kind of
// failure, and the run goes on. Results come back as they finish; `inOrder`
// hands them on in task order. `cancel()` (Ctrl-C) kills the workers at
// once. Only plain data crosses the process boundary. `barrier-lab litmus`
// and `barrier-lab grade` share this one pool (the design is issue 12's; the
// failure kinds, the workers' usage figures and `inOrder` are the grader's).
//
// Why processes and not worker threads: V8 gives a thread a heap limit, but a
// large allocation that fails in a thread can abort the whole process ("Fatal
// process out of memory"), taking every other task down with it. A process is
// the unit the operating system cleans up after, whatever happened inside.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';

/**
 * Why a task has no result: the handler threw (`failed`, the worker lives
 * on), the worker died (`crashed`), ran out of its heap (`out-of-memory`),
 * or was still running at its deadline (`hung`).
 */
export type TaskFailureKind = 'failed' | 'crashed' | 'out-of-memory' | 'hung';

/** What a worker process has used since it started, measured right after a task. */
export interface WorkerUsage {
  /** Which worker (its process id). */
  readonly pid: number;
  /** Its V8 heap, committed (MB). */
  readonly heapMb: number;
  /** Its peak resident memory (MB). */
  readonly peakRssMb: number;
  /** Its CPU time, user and system (s). */
  readonly cpuSeconds: number;
}

/** What a task ended with: the worker's result, or why there is none. */
export type TaskOutcome<R> =
  | { readonly ok: true; readonly result: R; readonly usage?: WorkerUsage }
  | { readonly ok: false; readonly reason: string; readonly kind?: TaskFailureKind };

export interface PoolOptions<T> {
  /** The worker module: it calls `serveTasks` (a `.ts` module is run through tsx, for tests from source). */
  readonly entry: URL;
  /** Worker processes to run at once. */
  readonly jobs: number;
  /** Heap limit of each worker, in megabytes (V8's old generation); over it the task fails as `out-of-memory`. */
  readonly heapMb?: number;
  /** Milliseconds task `task` may run before its worker is killed (a backstop: tasks keep their own budgets). */
  readonly deadline: (task: T) => number;
  /** A task's progress events (whatever the worker's `report` sends). */
  readonly onEvent?: (index: number, event: unknown) => void;
  /** A task started on a worker. */
  readonly onStart?: (index: number) => void;
}

/** A pool running one list of tasks; `cancel()` stops the running tasks and starts no more. */
export interface PoolRun {
  readonly done: Promise<void>;
  cancel(): void;
}

interface Slot {
  readonly child: ChildProcess;
  /** What the worker last wrote to stderr (V8's fatal errors go there), as `: ...`, or ''. */
  lastWords(): string;
  index: number | undefined;
  timer: NodeJS.Timeout | undefined;
  /** Set once the worker is done for (failed or dismissed): later events from it are ignored. */
  gone: boolean;
}

/** Messages from a worker to the pool. */
type WorkerMessage<R> =
  | { readonly type: 'started'; readonly index: number }
  | { readonly type: 'result'; readonly index: number; readonly result: R; readonly usage: WorkerUsage }
  | { readonly type: 'failure'; readonly index: number; readonly reason: string }
  | { readonly type: 'event'; readonly index: number; readonly event: unknown };

/**
 * Runs `tasks` on `options.jobs` worker processes; `onOutcome` gets each
 * task's outcome as it finishes, in any order (wrap it in `inOrder` for task
 * order). Every task gets exactly one outcome, unless the run is cancelled
 * first (then the tasks not finished get none).
 */
export function runPool<T, R>(tasks: readonly T[], options: PoolOptions<T>, onOutcome: (index: number, outcome: TaskOutcome<R>) => void): PoolRun {
  let next = 0;
  let cancelled = false;
  let finished = false;
  const slots = new Set<Slot>();
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  const finishIfIdle = (): void => {
    if (!finished && slots.size === 0) {
      finished = true;
      finish();
    }
  };

  /** Takes the slot's task off it, with `outcome` (none when cancelled). */
  const settle = (slot: Slot, outcome: TaskOutcome<R> | undefined): void => {
    const index = slot.index;
    if (index === undefined) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.index = undefined;
    slot.timer = undefined;
    if (outcome) onOutcome(index, outcome);
  };

  /** Lets the worker go: no more work for it. */
  const dismiss = (slot: Slot): void => {
    if (slot.gone) return;
    slot.gone = true;
    slots.delete(slot);
    slot.child.kill('SIGKILL');
    finishIfIdle();
  };

  const dispatch = (slot: Slot): void => {
    if (cancelled || next >= tasks.length) {
      dismiss(slot);
      return;
    }
    const index = next++;
    slot.index = index;
    // A worker that never even starts its task (stuck while loading) is replaced too.
    slot.timer = setTimeout(() => fail(slot, `the worker did not start its task within ${startupMillis / 1000} s`, 'hung'), startupMillis);
    slot.child.send({ type: 'task', index, task: tasks[index]! });
  };

  /** Reports the slot's task as failed, and replaces its worker if there is work left. */
  const fail = (slot: Slot, reason: string, kind: TaskFailureKind): void => {
    if (slot.gone) return;
    settle(slot, cancelled ? undefined : { ok: false, reason: reason + slot.lastWords(), kind });
    const replacement = !cancelled && next < tasks.length ? spawn() : undefined;
    dismiss(slot);
    if (replacement) dispatch(replacement);
  };

  const spawn = (): Slot => {
    const child = startWorker(options.entry, options.heapMb);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4096);
    });
    const lastWords = (): string => {
      const line = stderr.split('\n').map((l) => l.trim()).find((l) => /^(FATAL ERROR|[A-Za-z]*Error\b|Error:)/.test(l));
      return line ? `: ${line.slice(0, 300)}` : '';
    };
    const slot: Slot = { child, lastWords, index: undefined, timer: undefined, gone: false };
    slots.add(slot);
    child.on('message', (message: WorkerMessage<R>) => {
      if (slot.gone || message.index !== slot.index) return;
      if (message.type === 'started') {
        // The deadline counts from here, not from a worker still loading.
        const deadline = options.deadline(tasks[message.index]!);
        if (slot.timer) clearTimeout(slot.timer);
        slot.timer = setTimeout(() => fail(slot, `killed: still running after ${(deadline / 1000).toFixed(1)} s, past its time budget`, 'hung'), deadline);
        options.onStart?.(message.index);
        return;
      }
      if (message.type === 'event') {
        options.onEvent?.(message.index, message.event);
        return;
      }
      settle(slot, message.type === 'result'
        ? { ok: true, result: message.result, usage: message.usage }
        : { ok: false, reason: message.reason, kind: 'failed' });
      dispatch(slot);
    });
    child.on('error', (error) => fail(slot, `the worker failed: ${error.message}`, 'crashed'));
    child.on('exit', (code, signal) => {
      if (slot.gone) return;
      // Let the last of its stderr arrive before reporting.
      setImmediate(() => {
        const ended = exitReason(code, signal, options.heapMb, stderr);
        fail(slot, ended.reason, ended.kind);
      });
    });
    return slot;
  };

  if (tasks.length === 0) finishIfIdle();
  const jobs = Math.max(1, Math.min(options.jobs, tasks.length));
  for (let i = 0; i < jobs && tasks.length > 0; i++) dispatch(spawn());

  return {
    done,
    cancel() {
      cancelled = true;
      for (const slot of [...slots]) {
        settle(slot, undefined);
        dismiss(slot);
      }
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

/**
 * The heap limit for a worker whose tasks run the engine under a memory
 * budget of `budgetMb`. The engine stops itself (inconclusive) when what it
 * keeps, as its meter estimates it, passes the budget; the heap also holds
 * the worker's own modules and the garbage not yet collected, so the limit
 * is a backstop well above the budget: twice it, plus 256 MB.
 */
export function backstopHeapMb(budgetMb: number): number {
  return Math.ceil(budgetMb * 2) + 256;
}

/** How long a new worker may take to load before it starts its first task. */
const startupMillis = 60_000;

/** Why a worker process ended in the middle of a task. */
function exitReason(code: number | null, signal: NodeJS.Signals | null, heapMb: number | undefined, stderr: string): { reason: string; kind: TaskFailureKind } {
  // V8 aborts a process out of heap with a FATAL ERROR on stderr (and SIGABRT).
  if (/heap out of memory|Reached heap limit|process out of memory/.test(stderr)) {
    return { reason: `the worker ran out of memory${heapMb ? ` (its heap limit is ${heapMb} MB)` : ''}`, kind: 'out-of-memory' };
  }
  if (signal) return { reason: `the worker was killed by ${signal}`, kind: 'crashed' };
  return { reason: `the worker stopped (exit code ${code})`, kind: 'crashed' };
}

/** Starts a worker process on `entry`; a TypeScript entry (tests run from source) goes through tsx. */
function startWorker(entry: URL, heapMb: number | undefined): ChildProcess {
  // Explicit options, never the parent's: a compiled worker loads the compiled packages (dist/)
  // even when the parent runs from source (a bench, a test).
  const execArgv = [
    ...(heapMb ? [`--max-old-space-size=${heapMb}`] : []),
    ...(entry.pathname.endsWith('.ts') ? ['--conditions=barrier-lab-source', '--import', 'tsx'] : []),
  ];
  // A worker says everything through messages; its stderr is kept for the reason it died.
  return fork(fileURLToPath(entry), [], { execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' });
}

/** What a task handler gets besides its task. */
export interface TaskContext {
  /** Sends a progress event to the pool's `onEvent`. */
  report(event: unknown): void;
}

/**
 * The worker side: answers the pool's tasks with `handle`, one at a time. A
 * handler that throws fails its task with the error's message (the worker
 * lives on); one that kills the process is replaced by the pool.
 */
export function serveTasks<T, R>(handle: (task: T, context: TaskContext) => R | Promise<R>): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('serveTasks runs in a worker process started by runPool');
  // Ctrl-C reaches the whole process group: the pool decides what stops.
  process.on('SIGINT', () => {});
  process.on('message', async (message: { type: 'task'; index: number; task: T }) => {
    const { index, task } = message;
    send({ type: 'started', index });
    const context: TaskContext = { report: (event) => send({ type: 'event', index, event }) };
    try {
      const result = await handle(task, context);
      const cpu = process.cpuUsage();
      const usage: WorkerUsage = {
        pid: process.pid,
        heapMb: Math.round((getHeapStatistics().total_heap_size / 2 ** 20) * 10) / 10,
        peakRssMb: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
      };
      send({ type: 'result', index, result, usage });
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      send({ type: 'failure', index, reason: `the task crashed the checker (${reason})` });
    }
  });
}
