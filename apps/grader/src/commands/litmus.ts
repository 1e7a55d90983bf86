import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { defaultBudget, modelNames, type FlushFlavour, type ModelName, type Phase } from '@barrier-lab/engine';
import { parseArgs } from '../cli/arguments.ts';
import type { Command } from '../cli/commands.ts';
import { fileError } from '../cli/file-error.ts';
import { expandPaths } from '../cli/files.ts';
import { ExitCode, type CliIo } from '../cli/io.ts';
import { ProgressBar } from '../cli/progress.ts';
import { wantsAnotherWorker } from '../cli/worker-count.ts';
import { backstopHeapMb, runPool, type PoolProgress } from '../cli/worker-pool.ts';
import { duplicateOf, reportFailure, type LitmusOutcome, type LitmusSettings } from './litmus-report.ts';
import type { LitmusTask } from './litmus-worker.ts';
import { formatSummary, summarize, type WorkerFigures } from './litmus-summary.ts';

const usage = `Usage: barrier-lab litmus [options] FILE|DIR...

Runs herd7 C litmus tests through the engine and prints herd7's output blocks
(Test, States, Ok/No, Witnesses, Positive/Negative, Flag, Condition,
Observation, Time), so herd7 workflows and diffs keep working. Folders are
searched for *.litmus files. Tests run in parallel on worker processes, each
in isolation; the output comes in input order whatever the number of jobs.

Options:
  --model sc|tso|lkmm   the memory model (default: lkmm)
  --flush ipi|broadcast how kernel TLB flushes behave (default: the test's // @flush, else ipi)
  --jobs N              tests to run at once, each in its own worker process (default: one,
                        and more, up to the cores, while enough work is left and a core is idle)
  --json                one JSON object per test and line (JSON Lines), then a summary line
  --witnesses N         most witness executions per test in JSON (default: 1; those reaching the condition first)
  --explain             after each test whose bad outcome happens: the smallest
                        counterexample as a per-CPU timeline, and the cheapest repair;
                        for a forbidden outcome, which pairing forbids it
  --no-time             leave measured times out (herd7's Time lines, JSON millis), so that
                        the output is byte-identical from run to run and whatever --jobs
  --timeout SECONDS     time budget per test, every phase included (default: ${defaultBudget.maxMillis / 1000})
  --max-memory MB       memory budget per test, on the engine's own structures (default: ${defaultBudget.maxMemoryMb})
  --max-candidates N    most candidate executions per test (default: ${defaultBudget.maxCandidates})

A test that hits a budget is inconclusive: where herd7 prints its verdict the
output says 'Inconclusive NAME BUDGET: ...' (no States or Observation lines),
and with --json its status is "inconclusive" with the budget and the figures
reached. A test whose worker crashes or overruns its budget is reported as an
error with the reason; the other tests still run. As in herd7, a test name
runs once per command: a later test with a name already run is not reported
(stderr says so). A progress bar (on a
terminal) and a summary (when there is more than one test) go to stderr.

Exit status: 0 every test answered; 1 some test had errors (or a file was
missing); 2 bad usage; 3 no errors, but some test was inconclusive; 130
interrupted (Ctrl-C: the tests running stop as inconclusive, the rest are skipped).`;

/** `barrier-lab litmus`: herd7-compatible litmus testing, one test or thousands. */
export const litmusCommand: Command = {
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, {
      flags: ['--json', '--explain', '--no-time', '-h', '--help'],
      values: ['--model', '--flush', '--timeout', '--max-candidates', '--max-memory', '--jobs', '--witnesses'],
    });
    if (parsed.flags.has('-h') || parsed.flags.has('--help')) {
      io.out(`${usage}\n`);
      return ExitCode.ok;
    }
    const problems = [...parsed.errors];
    const model = (parsed.values.get('--model') ?? 'lkmm') as ModelName;
    if (!modelNames.includes(model)) problems.push(`unknown model '${model}' (choose sc, tso or lkmm)`);
    const flush = parsed.values.get('--flush');
    if (flush !== undefined && flush !== 'ipi' && flush !== 'broadcast') problems.push(`unknown flush flavour '${flush}' (choose ipi or broadcast)`);
    const number = (name: string, fallback: number, check: (n: number) => boolean, need: string): number => {
      const text = parsed.values.get(name);
      const value = text === undefined ? fallback : Number(text);
      if (!check(value)) problems.push(`${name} needs ${need}`);
      return value;
    };
    const timeout = number('--timeout', defaultBudget.maxMillis / 1000, (n) => n > 0, 'a positive number of seconds');
    const maxCandidates = number('--max-candidates', defaultBudget.maxCandidates, (n) => Number.isInteger(n) && n > 0, 'a positive whole number');
    const maxMemoryMb = number('--max-memory', defaultBudget.maxMemoryMb, (n) => n > 0, 'a positive number of megabytes');
    const cores = availableParallelism();
    const explicitJobs = parsed.values.has('--jobs');
    const jobs = number('--jobs', cores, (n) => Number.isInteger(n) && n >= 1 && n <= 256, 'a whole number from 1 to 256');
    const witnesses = number('--witnesses', 1, (n) => Number.isInteger(n) && n >= 0, 'a whole number (0 or more)');
    if (parsed.positional.length === 0) problems.push('no litmus file or folder given');
    if (problems.length > 0) {
      io.err(`barrier-lab litmus: ${problems.join('; ')}\n\n${usage}\n`);
      return ExitCode.usage;
    }

    const settings: LitmusSettings = {
      model,
      ...(flush ? { flush: flush as FlushFlavour } : {}),
      maxMillis: timeout * 1000,
      maxCandidates,
      maxMemoryMb,
      json: parsed.flags.has('--json'),
      explain: parsed.flags.has('--explain'),
      witnesses,
      time: !parsed.flags.has('--no-time'),
      phases: io.isTty,
    };
    const { files, problems: unreadable } = await expandPaths(parsed.positional, ['.litmus']);
    for (const p of unreadable) io.err(fileError(p.path, p.error));
    const started = performance.now();
    // Without --jobs, the pool starts one worker and more while they pay.
    const grow = explicitJobs ? undefined : (progress: PoolProgress) => wantsAnotherWorker(progress, { cores, loadAverage: loadavg()[0]! });
    const { outcomes, interrupted, workers } = await runTests(files, settings, { jobs, grow }, io);
    const summary = summarize(outcomes, files.length, performance.now() - started, workers);
    if (settings.json && files.length > 1) {
      // How the run went (jobs, times, memory) is left out with --no-time, so the output is the same whatever N.
      const measured = settings.time ? { jobs: workers, millis: summary.millis, testMillis: summary.testMillis, slowest: summary.slowest, workers: summary.workers } : {};
      io.out(`${JSON.stringify({ type: 'summary', ...summary.counts, ...measured })}\n`);
    }
    if (files.length > 1 || interrupted) io.err(formatSummary(summary));
    if (interrupted) return ExitCode.interrupted;
    if (unreadable.length > 0 || summary.counts.errors > 0) return ExitCode.failed;
    return summary.counts.inconclusive > 0 ? ExitCode.inconclusive : ExitCode.ok;
  },
};

/**
 * Runs every file on a pool of up to `jobs` workers (`grow` says when to add
 * one) and writes each outcome as soon as all the files before it are
 * written: the output is in input order, whatever finished first. Says how
 * many workers ran at once at most.
 */
async function runTests(
  files: readonly string[],
  settings: LitmusSettings,
  { jobs, grow }: { jobs: number; grow: ((progress: PoolProgress) => boolean) | undefined },
  io: CliIo,
): Promise<{ outcomes: ((LitmusOutcome & WorkerFigures) | undefined)[]; interrupted: boolean; workers: number }> {
  const outcomes: ((LitmusOutcome & WorkerFigures) | undefined)[] = new Array(files.length);
  const progress = new ProgressBar(io, files.length, 'litmus');
  const running = new Map<number, Phase | undefined>();
  let written = 0;
  let finished = 0;
  // Test names already reported, with the file each came from; a later test
  // with one of them is not reported (duplicateOf). Outcomes are seen in input order.
  const names = new Map<string, { readonly file: string; readonly hash?: string | undefined }>();
  const unique = (outcome: LitmusOutcome & WorkerFigures): LitmusOutcome & WorkerFigures => {
    if (outcome.test === undefined || outcome.status === 'error') return outcome;
    const first = names.get(outcome.test);
    if (first === undefined) {
      names.set(outcome.test, { file: outcome.file, hash: outcome.hash });
      return outcome;
    }
    return { ...duplicateOf(outcome, first, settings), ...(outcome.worker ? { worker: outcome.worker } : {}) };
  };
  const redraw = () => {
    const first = Math.min(...running.keys());
    const phase = running.get(first);
    progress.update(finished, Number.isFinite(first) ? `${files[first]}${phase ? ` (${phase})` : ''}` : '');
  };
  const write = () => {
    while (written < files.length && outcomes[written] !== undefined) {
      const outcome = outcomes[written] = unique(outcomes[written]!);
      if (outcome.stdout || outcome.stderr) progress.done();
      io.out(outcome.stdout);
      io.err(outcome.stderr);
      written++;
    }
    redraw();
  };
  // The worker's own deadline is the test's budget; past it (and a grace) the worker is stopped.
  const deadline = settings.maxMillis + Math.max(2_000, settings.maxMillis / 4);
  const tasks: LitmusTask[] = files.map((file) => ({ file, settings }));
  const pool = runPool<LitmusTask, LitmusOutcome>(tasks, {
    entry: new URL(`./litmus-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url),
    jobs,
    ...(grow ? { grow } : {}),
    heapMb: backstopHeapMb(settings.maxMemoryMb),
    deadline: () => deadline,
    onStart: (index) => {
      running.set(index, undefined);
      redraw();
    },
    onEvent: (index, event) => {
      running.set(index, (event as { phase: Phase }).phase);
      redraw();
    },
  }, (index, outcome) => {
    running.delete(index);
    finished++;
    outcomes[index] = outcome.ok
      ? { ...outcome.result, ...(outcome.usage ? { worker: outcome.usage } : {}) }
      : reportFailure(files[index]!, outcome.reason, 0, settings);
    write();
  });
  let interrupted = false;
  const onInterrupt = () => {
    interrupted = true;
    pool.cancel();
  };
  process.once('SIGINT', onInterrupt);
  try {
    await pool.done;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
    progress.done();
  }
  // Interrupted: tests never started leave gaps; write what did finish.
  for (; written < files.length; written++) {
    if (!outcomes[written]) continue;
    const outcome = outcomes[written] = unique(outcomes[written]!);
    io.out(outcome.stdout);
    io.err(outcome.stderr);
  }
  return { outcomes, interrupted, workers: Math.max(1, pool.mostWorkers()) };
}
