// The worker process behind `barrier-lab litmus`: reads one test, runs it
// through the engine within its budget, and sends back what to print. The
// engine gets the process's clock and reports its phases for the progress bar.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { runLitmus, type Phase } from '@barrier-lab/engine';
import { fileProblem } from '../cli/file-error.ts';
import { serveTasks } from '../cli/worker-pool.ts';
import { reportFailure, reportRun, witnessesWanted, type LitmusOutcome, type LitmusSettings } from './litmus-report.ts';

/** One task: a file and how to run it. */
export interface LitmusTask {
  readonly file: string;
  readonly settings: LitmusSettings;
}

// Fault injection for the isolation tests only: with BARRIER_LAB_FAULTS=1, a
// test containing a marker crashes its worker, throws, exhausts its heap or hangs.
const faults = process.env.BARRIER_LAB_FAULTS === '1';

serveTasks<LitmusTask, LitmusOutcome>(({ file, settings }, context) => {
  const started = performance.now();
  // Read at once: the worker runs one test at a time, and most take less than an asynchronous read's round trip.
  const source = readText(file);
  if (source instanceof Error) return reportFailure(file, `${fileProblem(source, 'read').message} [${fileProblem(source, 'read').code}]`, 0, settings);
  if (faults) injectFaults(source);
  const result = runLitmus(source, {
    model: settings.model,
    ...(settings.flush ? { flush: settings.flush } : {}),
    budget: { maxEvents: 200, maxCandidates: settings.maxCandidates, maxMillis: settings.maxMillis, maxMemoryMb: settings.maxMemoryMb },
    clock: () => performance.now(),
    // Phases matter to a progress bar someone watches; otherwise they are messages for nothing.
    ...(settings.phases ? { onPhase: (phase: Phase) => context.report({ phase }) } : {}),
    ...(witnessesWanted(settings) === undefined ? {} : { maxWitnesses: witnessesWanted(settings) }),
  });
  return reportRun(file, source, result, performance.now() - started, settings);
});

function readText(file: string): string | Error {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

function injectFaults(source: string): void {
  if (source.includes('@fault crash')) process.exit(70);
  if (source.includes('@fault throw')) throw new Error('injected fault');
  if (source.includes('@fault heap')) {
    // Large holey arrays: the allocation pattern that makes V8 abort the process.
    const hog: number[][] = [];
    // Filled natively (a loop in JavaScript runs interpreted in a fresh worker, seconds on a loaded machine).
    for (let i = 0; ; i++) hog.push(new Array<number>(4_000_000).fill(i));
  }
  if (source.includes('@fault hang')) for (;;);
}
