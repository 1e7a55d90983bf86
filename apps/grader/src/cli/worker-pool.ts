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
//
// Why queues and batches: most litmus tests take well under a millisecond,
// less than it takes a message to reach the other process and the operating
// system to switch to it. A worker that waited for its next task after every
// result would be idle half the time, and one message per result costs a
// context switch each. So the pool keeps tasks queued at each worker (fewer as
// the run nears its end, so no worker sits on work another could take) and
// sends them in one message; a worker runs its queue in order and sends its
// results in batches (every few results, every 20 ms, and whenever its queue
// runs dry). The pool times the task it believes runs (the queue's head) from
// the moment the results before it arrived. When a worker dies or overruns a
// deadline, results it had not sent yet are lost with it, so the tasks it
// held are run again, each alone on a worker: the one that fails again is the
// one reported, the others are answered.
//
// Why grow: a worker's first few hundred tests run slowly while V8 compiles
// the engine, and that compiling (like its garbage collection) takes much of
// a second core on threads of its own. A second worker pays only when the
// run has enough work left to amortise its own warm-up and a core is idle;
// given `grow`, the pool starts one worker and asks, as results come in,
// whether to start another (cli/worker-count.ts decides for the litmus command).
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
  /** Most tasks queued at one worker, the running one included (default 64). */
  readonly queue?: number;
  /**
   * Given, the pool starts one worker and asks this, as results come in and
   * at least every 250 ms, whether to start one more (up to `jobs`); never
   * while a worker it started is still loading, nor once every task is handed out.
   */
  readonly grow?: (progress: PoolProgress) => boolean;
}

/** How a run is going, for `PoolOptions.grow`. */
export interface PoolProgress {
  /** Worker processes running. */
  readonly workers: number;
  /** Tasks with an outcome. */
  readonly finished: number;
  /** Tasks without one yet (running, queued at a worker, or waiting). */
  readonly remaining: number;
  /** Milliseconds since the first worker was ready. */
  readonly millis: number;
  /** Milliseconds since the newest worker was ready. */
  readonly newestMillis: number;
  /** CPU the workers use, in cores: each one's CPU time over its lifetime, summed (one for a worker that has not said yet). */
  readonly workerCores: number;
}

/** A pool running one list of tasks; `cancel()` stops the running tasks and starts no more. */
export interface PoolRun {
  readonly done: Promise<void>;
  cancel(): void;
  /** The most worker processes that ran at once so far (a replacement takes the place of the one it replaces). */
  mostWorkers(): number;
}

interface Slot {
  readonly child: ChildProcess;
  /** What the worker last wrote to stderr (V8's fatal errors go there), as `: ...`, or ''. */
  lastWords(): string;
  /** The tasks sent to the worker and not finished, in the order it runs them: the first is running once `ready`. */
  readonly queue: number[];
  /** The worker has loaded and runs its queue. */
  ready: boolean;
  timer: NodeJS.Timeout | undefined;
  /** Set once the worker is done for (failed or dismissed): later events from it are ignored. */
  gone: boolean;
  /** When it was started (performance.now()). */
  readonly born: number;
  /** Its CPU time as it last reported it (s). */
  cpuSeconds: number | undefined;
}

/** One task's answer inside a batch of results. */
type TaskAnswer<R> =
  | { readonly index: number; readonly ok: true; readonly result: R; readonly usage?: WorkerUsage }
  | { readonly index: number; readonly ok: false; readonly reason: string };

/** Messages from a worker to the pool. */
type WorkerMessage<R> =
  | { readonly type: 'ready' }
  | { readonly type: 'results'; readonly answers: readonly TaskAnswer<R>[] }
  | { readonly type: 'event'; readonly index: number; readonly event: unknown };

/** A message from the pool to a worker: tasks to add to its queue. */
interface TasksMessage<T> {
  readonly type: 'tasks';
  readonly tasks: readonly { readonly index: number; readonly task: T }[];
}

/**
 * Runs `tasks` on `options.jobs` worker processes; `onOutcome` gets each
 * task's outcome as it finishes, in any order (wrap it in `inOrder` for task
 * order). Every task gets exactly one outcome, unless the run is cancelled
 * first (then the tasks not finished get none).
 */
export function runPool<T, R>(tasks: readonly T[], options: PoolOptions<T>, onOutcome: (index: number, outcome: TaskOutcome<R>) => void): PoolRun {
  let next = 0;
  /** Tasks taken back from a worker that died before saying how they went: sent again first, each alone. */
  const suspects: number[] = [];
  const isSuspect = new Set<number>();
  let cancelled = false;
  let finished = false;
  const slots = new Set<Slot>();
  const maxQueue = Math.max(1, options.queue ?? 64);
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  let answered = 0;
  let mostWorkers = 0;
  let firstReady: number | undefined;
  let newestReady = 0;
  const growTimer = options.grow ? setInterval(() => growIfWanted(), 250).unref() : undefined;
  const finishIfIdle = (): void => {
    if (!finished && slots.size === 0) {
      finished = true;
      clearInterval(growTimer);
      finish();
    }
  };
  const waiting = (): number => suspects.length + tasks.length - next;

  /** Times the running task (the queue's head) from now, and says it started. */
  const startHead = (slot: Slot): void => {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    const index = slot.queue[0];
    if (index === undefined || !slot.ready) return;
    const deadline = options.deadline(tasks[index]!);
    slot.timer = setTimeout(() => fail(slot, `killed: still running after ${(deadline / 1000).toFixed(1)} s, past its time budget`, 'hung'), deadline);
    options.onStart?.(index);
  };

  /** Lets the worker go: no more work for it. */
  const dismiss = (slot: Slot): void => {
    if (slot.gone) return;
    slot.gone = true;
    if (slot.timer) clearTimeout(slot.timer);
    slots.delete(slot);
    slot.child.kill('SIGKILL');
    finishIfIdle();
  };

  /** Tops up the worker's queue in one message; lets it go when it has nothing left to do. */
  const dispatch = (slot: Slot): void => {
    if (slot.gone) return;
    const chosen: number[] = [];
    const alone = slot.queue.length === 1 && isSuspect.has(slot.queue[0]!);
    if (!cancelled && !alone) {
      if (suspects.length > 0) {
        // A suspect runs alone, so that if it fails again, it is the one to blame.
        if (slot.queue.length === 0) chosen.push(suspects.shift()!);
      } else {
        // Near the end, queue less: a task waiting behind a slow one could run elsewhere.
        const depth = Math.min(maxQueue, Math.max(1, Math.floor((tasks.length - next) / (2 * slots.size))));
        while (slot.queue.length + chosen.length < depth && next < tasks.length) chosen.push(next++);
      }
    }
    if (chosen.length > 0) {
      const wasIdle = slot.queue.length === 0;
      slot.queue.push(...chosen);
      const message: TasksMessage<T> = { type: 'tasks', tasks: chosen.map((index) => ({ index, task: tasks[index]! })) };
      slot.child.send(message);
      if (wasIdle) startHead(slot);
    }
    if (slot.queue.length === 0) dismiss(slot);
  };

  /**
   * The worker died or overran a deadline. Alone with its task, that task
   * failed; otherwise its unsent results died with it, so every task it held
   * is run again alone. Then a new worker takes over if there is work left.
   */
  const fail = (slot: Slot, reason: string, kind: TaskFailureKind): void => {
    if (slot.gone) return;
    const held = [...slot.queue];
    slot.queue.length = 0;
    let blamed: number | undefined;
    if (!cancelled && held.length > 0) {
      if (held.length === 1 || isSuspect.has(held[0]!)) blamed = held.shift();
      for (const index of held) isSuspect.add(index);
      suspects.unshift(...held);
    }
    // The replacement first: with no worker left, the run would count as done.
    const replacement = !cancelled && waiting() > 0 ? spawn(slot) : undefined;
    dismiss(slot);
    if (blamed !== undefined) {
      isSuspect.delete(blamed);
      answered++;
      onOutcome(blamed, { ok: false, reason: reason + slot.lastWords(), kind });
    }
    if (replacement) dispatch(replacement);
  };

  /** Starts one more worker if `options.grow` wants it. */
  const growIfWanted = (): void => {
    if (!options.grow || cancelled || firstReady === undefined || slots.size >= options.jobs || next >= tasks.length) return;
    const now = performance.now();
    let workerCores = 0;
    for (const slot of slots) {
      if (!slot.ready) return;
      workerCores += slot.cpuSeconds === undefined ? 1 : slot.cpuSeconds / Math.max(0.001, (now - slot.born) / 1000);
    }
    const progress: PoolProgress = { workers: slots.size, finished: answered, remaining: tasks.length - answered, millis: now - firstReady, newestMillis: now - newestReady, workerCores };
    if (options.grow(progress)) dispatch(spawn());
  };

  /** Starts a worker: one more, or in the place of `replacing`. */
  const spawn = (replacing?: Slot): Slot => {
    const child = startWorker(options.entry, options.heapMb);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4096);
    });
    const lastWords = (): string => {
      const line = stderr.split('\n').map((l) => l.trim()).find((l) => /^(FATAL ERROR|[A-Za-z]*Error\b|Error:)/.test(l));
      return line ? `: ${line.slice(0, 300)}` : '';
    };
    const slot: Slot = { child, lastWords, queue: [], ready: false, timer: undefined, gone: false, born: performance.now(), cpuSeconds: undefined };
    slots.add(slot);
    mostWorkers = Math.max(mostWorkers, slots.size - (replacing ? 1 : 0));
    // A worker that never even starts (stuck while loading) is replaced too.
    slot.timer = setTimeout(() => fail(slot, `the worker did not start its task within ${startupMillis / 1000} s`, 'hung'), startupMillis);
    child.on('message', (message: WorkerMessage<R>) => {
      if (slot.gone) return;
      if (message.type === 'ready') {
        slot.ready = true;
        firstReady ??= performance.now();
        newestReady = performance.now();
        startHead(slot);
        return;
      }
      if (message.type === 'event') {
        if (message.index === slot.queue[0]) options.onEvent?.(message.index, message.event);
        return;
      }
      for (const answer of message.answers) {
        if (answer.index !== slot.queue[0]) continue;
        slot.queue.shift();
        isSuspect.delete(answer.index);
        answered++;
        if (answer.ok && answer.usage) slot.cpuSeconds = answer.usage.cpuSeconds;
        onOutcome(answer.index, answer.ok
          ? { ok: true, result: answer.result, ...(answer.usage ? { usage: answer.usage } : {}) }
          : { ok: false, reason: answer.reason, kind: 'failed' });
        if (slot.gone) return;
      }
      startHead(slot);
      dispatch(slot);
      growIfWanted();
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
  const jobs = options.grow ? 1 : Math.max(1, Math.min(options.jobs, tasks.length));
  const started: Slot[] = [];
  for (let i = 0; i < jobs && tasks.length > 0; i++) started.push(spawn());
  for (const slot of started) dispatch(slot);

  return {
    done,
    mostWorkers: () => mostWorkers,
    cancel() {
      cancelled = true;
      clearInterval(growTimer);
      for (const slot of [...slots]) {
        slot.queue.length = 0;
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

/**
 * V8 flags every worker starts with. `--single-threaded-gc`: the pool's
 * parallelism is its workers, one core each; V8's parallel scavenger and
 * concurrent marking add threads that, on a machine whose cores are all
 * taken, wait on each other at every collection (collection is ~15 % of a
 * worker's time). Over 1,930 small tests on the shared 2-core machine, in
 * three comparisons (medians of 7, 9 and 7 runs taking turns): 9, 7 and 4 %
 * less CPU, and the wall time no worse (the machine, at a load average of
 * 10-14, too busy for a closer figure). A larger young generation
 * (`--max-semi-space-size=32` or `64`: fewer scavenges) cost 5-7 % more CPU
 * and 30-75 MB more memory per worker; `--single-threaded` (no concurrent
 * compiling either) 9 % more CPU, and slower.
 *
 * `--max-inlined-bytecode-size=120` and `--max-inlined-bytecode-size-cumulative=400`
 * (V8's defaults: 460 and 920): a worker that runs many small tests spends
 * about half of its CPU in TurboFan compiling the engine on a thread of its
 * own, and inlining large callees is most of that compiling. Smaller inlining
 * limits keep small helpers inlined into the hot loops. Taking turns with the
 * defaults on the shared 2-core machine (load 4-6; CPU of the command and its
 * worker, means of 5, 3 and 3 runs): the 1,930 small tests 18 % less CPU
 * (2.69 s against 3.27 s), Paul McKenney's 1,880 `luc/` tests 3 % less, four
 * 9-thread RCU chains (6 s) 3 % less. No inlining at all
 * (`--no-turbo-inlining`) saved as much on the small tests but cost 3 % on
 * the chains.
 *
 * `--no-turbo-inline-array-builtins`: TurboFan no longer inlines `filter`,
 * `map`, `flatMap`, `some` and the like with their callbacks into the
 * function that calls them. The engine calls them everywhere, and each
 * inlined one made a large graph: `locationPlan`, a dozen such calls and no
 * loop of its own, was one of the costliest compilations. The builtins run
 * as calls instead, and the callbacks are compiled on their own when they
 * get hot. Over the small-shapes batch TurboFan spends about half as long
 * compiling (306 compilations instead of 347) and deoptimizes 7 times
 * instead of 58 (--trace-opt, one run each).
 * Taking turns with the flags above alone on the shared 2-core machine
 * (load 7-8; CPU of the command and its worker, medians of 7 runs): the
 * 1,970 small tests 17 % less CPU (2.95 s against 3.55 s) and 21 % less
 * wall time (3.85 s against 4.88 s); the 1,880 `luc/` tests 15 % less CPU
 * (3 runs); RCU chains of 9 to 14 threads no slower (2-3 runs). Node 20's
 * V8 has the flag, and later V8 sources still define it (an unknown flag
 * would stop the worker).
 */
export const workerV8Flags: readonly string[] = ['--single-threaded-gc', '--max-inlined-bytecode-size=120', '--max-inlined-bytecode-size-cumulative=400', '--no-turbo-inline-array-builtins'];

/** Starts a worker process on `entry`; a TypeScript entry (tests run from source) goes through tsx. */
function startWorker(entry: URL, heapMb: number | undefined): ChildProcess {
  // Explicit options, never the parent's: a compiled worker loads the compiled packages (dist/)
  // even when the parent runs from source (a bench, a test).
  const execArgv = [
    ...workerV8Flags,
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

/** How often at most a worker measures its usage (a system call or two) for its results. */
const usageEveryMillis = 50;
/** A worker sends its results when it holds this many, */
const batchSize = 16;
/** or when the oldest is this old (milliseconds), or when its queue runs dry. */
const batchMillis = 20;

/**
 * The worker side: answers the pool's tasks with `handle`, one at a time, in
 * the order they came, and sends the answers in batches. A handler that
 * throws fails its task with the error's message (the worker lives on); one
 * that kills the process is replaced by the pool. Results carry the worker's
 * usage, measured at most every 50 ms and always when the queue runs dry.
 */
export function serveTasks<T, R>(handle: (task: T, context: TaskContext) => R | Promise<R>): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('serveTasks runs in a worker process started by runPool');
  // Ctrl-C reaches the whole process group: the pool decides what stops.
  process.on('SIGINT', () => {});
  const queue: { index: number; task: T }[] = [];
  let running = false;
  let measured = -Infinity;
  let outbox: TaskAnswer<R>[] = [];
  let oldest = 0;
  const usage = (): WorkerUsage | undefined => {
    const now = performance.now();
    if (queue.length > 0 && now - measured < usageEveryMillis) return undefined;
    measured = now;
    const cpu = process.cpuUsage();
    return {
      pid: process.pid,
      heapMb: Math.round((getHeapStatistics().total_heap_size / 2 ** 20) * 10) / 10,
      peakRssMb: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
    };
  };
  const flush = (): void => {
    if (outbox.length === 0) return;
    send({ type: 'results', answers: outbox });
    outbox = [];
  };
  const answer = (a: TaskAnswer<R>): boolean => {
    if (outbox.length === 0) oldest = performance.now();
    outbox.push(a);
    if (queue.length > 0 && outbox.length < batchSize && performance.now() - oldest < batchMillis) return false;
    flush();
    return true;
  };
  const run = async (): Promise<void> => {
    running = true;
    while (queue.length > 0) {
      const { index, task } = queue.shift()!;
      // An event is about the task running now: the answers before it go first, so the pool knows which one that is.
      const context: TaskContext = {
        report: (event) => {
          flush();
          send({ type: 'event', index, event });
        },
      };
      let sent: boolean;
      try {
        const result = await handle(task, context);
        const measuredUsage = usage();
        sent = answer({ index, ok: true, result, ...(measuredUsage ? { usage: measuredUsage } : {}) });
      } catch (error) {
        const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        sent = answer({ index, ok: false, reason: `the task crashed the checker (${reason})` });
      }
      // After a batch, let the pool's next tasks in.
      if (sent) await new Promise((resolve) => setImmediate(resolve));
    }
    running = false;
  };
  process.on('message', (message: TasksMessage<T>) => {
    queue.push(...message.tasks);
    if (!running) void run();
  });
  send({ type: 'ready' });
}
