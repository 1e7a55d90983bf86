// A worker for worker-pool.test.ts: each task names what the worker does,
// so the pool's handling of results, throws, crashes, hangs and memory
// overruns can be tested with real threads.
import { serveTasks } from '../cli/worker-pool.ts';

/** What the test worker does with a task. */
export type PoolTestTask =
  | { readonly kind: 'echo'; readonly value: number; readonly delayMs?: number }
  | { readonly kind: 'throw' }
  | { readonly kind: 'exit' }
  | { readonly kind: 'hang' }
  | { readonly kind: 'oom' }
  /** Answers 1 if the worker's process was started with this command-line flag, else 0. */
  | { readonly kind: 'flag'; readonly flag: string };

serveTasks<PoolTestTask, number>(async (task, context) => {
  switch (task.kind) {
    case 'echo':
      if (task.delayMs) await new Promise((resolve) => setTimeout(resolve, task.delayMs));
      context.report({ echoed: task.value });
      return task.value * 2;
    case 'throw':
      throw new Error('a fault of the handler');
    case 'flag':
      return process.execArgv.includes(task.flag) ? 1 : 0;
    case 'exit':
      process.exit(7);
      break;
    case 'hang':
      for (;;) { /* never answers: the pool's deadline must end it */ }
    case 'oom': {
      const hoard: number[][] = [];
      for (;;) hoard.push(new Array(1_000_000).fill(hoard.length));
    }
  }
  return 0;
});
