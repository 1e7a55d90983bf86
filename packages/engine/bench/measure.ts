// Runs litmus tests and measures each: CPU time (median of several runs),
// candidates visited against consistent executions, and the verdict's shape.
import { cpuUsage } from 'node:process';
import { runLitmus } from '../src/run/run-litmus.ts';
import type { ModelName } from '../src/models/model.ts';

export interface TestMeasure {
  readonly name: string;
  readonly millis: number;
  readonly runs: number;
  readonly events: number;
  readonly traceCombinations: number;
  readonly candidates: number;
  readonly consistent: number;
  readonly observation: string;
  readonly status: string;
  readonly error?: string;
}

function cpuMillis(): number {
  const u = cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Measures one test: at least `minRuns` runs and until `minMillis` of CPU time, median reported. */
export function measure(name: string, source: string, model: ModelName, minRuns = 3, minMillis = 30): TestMeasure {
  const times: number[] = [];
  let result = runLitmus(source, { model });
  const started = cpuMillis();
  do {
    const t0 = cpuMillis();
    result = runLitmus(source, { model });
    times.push(cpuMillis() - t0);
  } while (times.length < minRuns || (cpuMillis() - started < minMillis && times.length < 200));
  times.sort((a, b) => a - b);
  const v = result.verdict;
  return {
    name,
    millis: times[Math.floor(times.length / 2)]!,
    runs: times.length,
    events: v?.stats.maxEvents ?? 0,
    traceCombinations: v?.stats.traceCombinations ?? 0,
    candidates: v?.stats.candidates ?? 0,
    consistent: v?.stats.consistent ?? 0,
    observation: v?.observation ?? '-',
    status: v?.status ?? 'error',
    ...(v ? {} : { error: result.diagnostics[0]?.message ?? 'no verdict' }),
  };
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
