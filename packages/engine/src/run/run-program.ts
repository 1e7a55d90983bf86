// A checked program to a verdict: the value domain and the threads' traces
// (program/value-domain.ts), every execution the model allows (explore/),
// judged (verdict/judge.ts). One meter spans the stages, so the time and
// memory budgets hold in each, and a budget hit anywhere gives an
// inconclusive verdict, never a throw.
import { defaultBudget, type Budget, type BudgetName, type BudgetReport } from '../budget/budget.ts';
import { BudgetExceeded, Meter, type CancelSignal, type Clock } from '../budget/meter.ts';
import type { Model } from '../models/model.ts';
import type { Program } from '../program/program.ts';
import { computeTraces, defaultTraceBudget, type TraceBudget, type TraceSet, type ValueDomain } from '../program/value-domain.ts';
import { explore, type ExploreStats } from '../explore/explore.ts';
import { sourceSlicer } from '../syntax/source-slicer.ts';
import { judge } from '../verdict/judge.ts';
import type { Verdict } from '../verdict/verdict.ts';

export interface RunProgramOptions {
  readonly model: Model;
  readonly budget?: Budget;
  readonly traceBudget?: TraceBudget;
  /** Milliseconds since some origin (default `Date.now`); ignored when `meter` is given. */
  readonly clock?: Clock;
  /** Polled during the run: once aborted, the run stops as inconclusive. Ignored when `meter` is given. */
  readonly signal?: CancelSignal;
  /** The run's meter, when the caller already started one (runLitmus does, for parsing). */
  readonly meter?: Meter;
  /**
   * The value domain of a program that differs from this one only in fences
   * and access orderings (ValueDomain, value-domain.ts): the value fixpoint is
   * skipped. The caller vouches for it; a domain of any other program gives
   * wrong verdicts.
   */
  readonly domain?: ValueDomain;
  /** Keep up to this many executions in `Verdict.executions` (JudgeOptions.keepExecutions). */
  readonly keepExecutions?: number;
  /** Most witness executions to keep (JudgeOptions.maxWitnesses; default one per state). */
  readonly maxWitnesses?: number;
}

/**
 * Explores `program` under `options.model` and judges what it found. A
 * budget hit in any stage (the value domain, the traces, the exploration)
 * gives an inconclusive verdict with what was found so far and a `budget`
 * report; it never throws on a budget.
 */
export function runProgram(program: Program, options: RunProgramOptions): Verdict {
  const budget = options.budget ?? defaultBudget;
  const meter = options.meter ?? new Meter({
    maxMillis: budget.maxMillis,
    maxMemoryMb: budget.maxMemoryMb ?? defaultBudget.maxMemoryMb,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const started = meter.millis;
  const judgement = judge(program, {
    model: options.model.name,
    meter,
    ...(options.keepExecutions ? { keepExecutions: options.keepExecutions } : {}),
    ...(options.maxWitnesses === undefined ? {} : { maxWitnesses: options.maxWitnesses }),
  });
  let traces: TraceSet | undefined;
  let stats: ExploreStats | undefined;
  let cutoff: BudgetName | undefined;
  let report: BudgetReport | undefined;
  try {
    traces = computeTraces(program, sourceSlicer(program.source), options.traceBudget, meter, options.domain);
    meter.phase = 'explore';
    const explored = explore(program, traces, { model: options.model, budget, meter, visit: judgement.visit });
    stats = explored.stats;
    if (explored.cutoff) {
      cutoff = explored.cutoff;
      const phase = traces.budgetHit === cutoff ? (cutoff === 'values' ? 'values' : 'traces') : 'explore';
      report = meter.report(cutoff, phase, explored.limit ?? traceLimit(cutoff, options.traceBudget));
    }
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    cutoff = error.budget;
    report = meter.reportOf(error);
  }
  return judgement.verdict({
    started,
    ...(stats ? { stats } : {}),
    ...(cutoff ? { cutoff } : {}),
    ...(report ? { report } : {}),
    ...(traces ? { abandoned: traces.abandoned } : {}),
  });
}

/** The limit behind a cutoff the value domain reported (traces per thread, or rounds). */
function traceLimit(cutoff: BudgetName, budget: TraceBudget = defaultTraceBudget): number | undefined {
  return cutoff === 'traces' ? budget.maxTracesPerThread : cutoff === 'values' ? budget.maxRounds : undefined;
}
