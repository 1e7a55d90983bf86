// The summary at the end of a `barrier-lab litmus` run: how many tests came
// out Never, Sometimes, Always, inconclusive or in error, the time taken, and
// the slowest tests (the ones to look at when a corpus run is slow).
import type { WorkerUsage } from '../cli/worker-pool.ts';
import type { LitmusOutcome } from './litmus-report.ts';

/** Counts, times and the slowest tests of one run. */
export interface LitmusSummary {
  readonly counts: {
    readonly tests: number;
    readonly never: number;
    readonly sometimes: number;
    readonly always: number;
    readonly inconclusive: number;
    readonly errors: number;
    /** Tests never run (the run was interrupted). */
    readonly skipped: number;
    /** Tests not reported because an earlier test had the same name (as in herd7). */
    readonly duplicates: number;
  };
  /** Wall-clock milliseconds of the whole run. */
  readonly millis: number;
  /** Sum of the tests' own times (more than `millis` when jobs run in parallel). */
  readonly testMillis: number;
  readonly jobs: number;
  /** The five slowest tests, slowest first. */
  readonly slowest: readonly { readonly file: string; readonly millis: number }[];
  /** Per worker process: tests run, its memory high-water marks (peak RSS, V8 heap) and CPU time. */
  readonly workers: readonly WorkerSummary[];
}

/** One worker process of a run. */
export interface WorkerSummary {
  readonly tests: number;
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
  readonly cpuSeconds: number;
}

/** A test's outcome with what the pool measured of its worker after it (WorkerUsage). */
export interface WorkerFigures {
  readonly worker?: WorkerUsage;
}

/** Sums up the outcomes of a run of `total` tests (undefined: never run). */
export function summarize(outcomes: readonly ((LitmusOutcome & WorkerFigures) | undefined)[], total: number, millis: number, jobs: number): LitmusSummary {
  const done = outcomes.filter((o): o is LitmusOutcome & WorkerFigures => o !== undefined);
  const complete = done.filter((o) => o.status === 'complete');
  const workers = new Map<number, WorkerSummary>();
  for (const { worker } of done) {
    if (!worker) continue;
    const w = workers.get(worker.pid) ?? { tests: 0, peakRssMb: 0, peakHeapMb: 0, cpuSeconds: 0 };
    workers.set(worker.pid, {
      tests: w.tests + 1,
      peakRssMb: Math.max(w.peakRssMb, worker.peakRssMb),
      peakHeapMb: Math.max(w.peakHeapMb, worker.heapMb),
      // The worker's CPU time since it started: the last figure is its total.
      cpuSeconds: Math.round(Math.max(w.cpuSeconds, worker.cpuSeconds) * 10) / 10,
    });
  }
  return {
    counts: {
      tests: total,
      never: complete.filter((o) => o.observation === 'Never').length,
      sometimes: complete.filter((o) => o.observation === 'Sometimes').length,
      always: complete.filter((o) => o.observation === 'Always').length,
      inconclusive: done.filter((o) => o.status === 'inconclusive').length,
      errors: done.filter((o) => o.status === 'error').length,
      skipped: total - done.length,
      duplicates: done.filter((o) => o.status === 'duplicate').length,
    },
    millis: Math.round(millis),
    testMillis: Math.round(done.reduce((sum, o) => sum + o.millis, 0)),
    jobs,
    slowest: [...done].sort((a, b) => b.millis - a.millis || (a.file < b.file ? -1 : 1)).slice(0, 5)
      .map((o) => ({ file: o.file, millis: Math.round(o.millis) })),
    workers: [...workers.values()],
  };
}

/** The summary as two or three lines for stderr. */
export function formatSummary(s: LitmusSummary): string {
  const c = s.counts;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const parts = [`${c.never} Never`, `${c.sometimes} Sometimes`, `${c.always} Always`, `${c.inconclusive} inconclusive`, `${c.errors} errors`];
  if (c.duplicates > 0) parts.push(`${c.duplicates} not reported (a name already run)`);
  if (c.skipped > 0) parts.push(`${c.skipped} not run (interrupted)`);
  const lines = [
    `Summary: ${c.tests} test${c.tests === 1 ? '' : 's'} in ${seconds(s.millis)} with ${s.jobs} job${s.jobs === 1 ? '' : 's'} (${seconds(s.testMillis)} of test time): ${parts.join(', ')}`,
  ];
  if (s.workers.length > 0) {
    const peak = Math.max(...s.workers.map((w) => w.peakRssMb));
    lines.push(`Workers: ${s.workers.length} processes (replaced ones included), peak memory per worker up to ${peak} MB RSS`);
  }
  s.slowest.forEach((t, i) => lines.push(`${i === 0 ? 'Slowest:' : '        '} ${seconds(t.millis).padStart(8)}  ${t.file}`));
  return `${lines.join('\n')}\n`;
}
