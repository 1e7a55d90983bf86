// What a run may spend, and how a run that spends it all is reported. Every
// stage (syntax/ → program/ → explore/ → verdict/) checks the same budget, so
// this folder comes before all of them and imports nothing.

/** Explicit limits: hitting one makes the verdict inconclusive, never silently partial. */
export interface Budget {
  /** Most events in one execution. */
  readonly maxEvents: number;
  /** Most candidate executions judged by the model. */
  readonly maxCandidates: number;
  /** Most wall-clock milliseconds for the whole run (measured with the injected clock), every phase included. */
  readonly maxMillis: number;
  /**
   * Most megabytes the engine's own structures may hold at once (tokens,
   * traces, execution skeletons and caches, witnesses), as the engine
   * estimates them. Defaults to `defaultBudget.maxMemoryMb`.
   */
  readonly maxMemoryMb?: number;
}

/** The budget a run gets when none is given. */
export const defaultBudget = { maxEvents: 200, maxCandidates: 5_000_000, maxMillis: 120_000, maxMemoryMb: 1024 } as const satisfies Required<Budget>;

/**
 * Why a run stopped short. The first five are budgets the caller sets
 * (`Budget`, and the trace budget of the value domain); `choices` is the
 * per-location bound of the explorer; `cancelled` means the host asked the
 * run to stop (`CancelSignal`).
 */
export type BudgetName = 'events' | 'candidates' | 'time' | 'memory' | 'traces' | 'values' | 'choices' | 'cancelled';

/** The phases of a run, in order; a budget report names the one it stopped in. */
export type Phase = 'parse' | 'lower' | 'values' | 'traces' | 'explore';

/** How a report names each phase. */
export const phaseDescriptions: Readonly<Record<Phase, string>> = {
  parse: 'parsing',
  lower: 'checking and lowering',
  values: 'the value domain',
  traces: 'trace computation',
  explore: 'exploration',
};

/** What a run had reached when a budget stopped it: the figures an inconclusive report shows. */
export interface ReachedFigures {
  /** Milliseconds the run had taken. */
  readonly millis: number;
  /** Peak of the engine's estimate of its own memory, in megabytes. */
  readonly memoryMb: number;
  /** Traces computed (all threads). */
  readonly traces: number;
  /** Most events in one execution (or a lower bound on it, when the events budget stopped the run). */
  readonly events: number;
  /** Candidate executions judged by the model. */
  readonly candidates: number;
  /** Of those, consistent with the model (and past the filter). */
  readonly executions: number;
  /** Distinct final states found. */
  readonly states: number;
}

/** A budget that stopped a run: which, where, its limit and what the run had reached. */
export interface BudgetReport {
  readonly budget: BudgetName;
  readonly phase: Phase;
  /**
   * The limit that was hit, in the budget's unit: milliseconds, megabytes,
   * events, candidates, traces per thread, value-domain rounds or choices per
   * location. Absent for `cancelled`.
   */
  readonly limit?: number;
  readonly reached: ReachedFigures;
}

/**
 * One line saying which budget stopped a run, where and after what (for CLI
 * output and logs). With `time: false` the figures leave out the time taken,
 * with `figures: false` all of them (for output that must not depend on the
 * machine: how far a run got before its time ran out does).
 */
export function describeBudgetReport(report: BudgetReport, options: { readonly time?: boolean; readonly figures?: boolean } = {}): string {
  const r = report.reached;
  const limit = report.limit;
  const what: Record<BudgetName, string> = {
    time: `the time budget (${limit === undefined ? '?' : formatSeconds(limit)})`,
    memory: `the memory budget (${limit ?? '?'} MB)`,
    events: `the events budget (${limit ?? '?'} events per execution)`,
    candidates: `the candidates budget (${limit ?? '?'} candidate executions)`,
    traces: `the traces budget (${limit ?? '?'} traces per thread)`,
    values: `the value-domain budget (${limit ?? '?'} rounds)`,
    choices: `the per-location choices bound (${limit ?? '?'})`,
    cancelled: 'a cancellation',
  };
  const figures = [
    ...(options.time === false ? [] : [formatSeconds(r.millis)]),
    `${r.memoryMb < 10 ? r.memoryMb.toFixed(2) : r.memoryMb.toFixed(0)} MB`,
    ...(r.traces > 0 ? [`${r.traces} traces`] : []),
    ...(r.events > 0 ? [`${r.events} events`] : []),
    ...(r.candidates > 0 ? [`${r.candidates} candidates`] : []),
    ...(r.candidates > 0 || r.states > 0 ? [`${r.executions} executions`, `${r.states} states`] : []),
  ];
  const stopped = `${report.budget === 'cancelled' ? 'stopped by' : 'hit'} ${what[report.budget]} during ${phaseDescriptions[report.phase]}`;
  return options.figures === false ? stopped : `${stopped}, after ${figures.join(', ')}`;
}

function formatSeconds(millis: number): string {
  return `${(millis / 1000).toFixed(millis < 10_000 ? 2 : 1)} s`;
}
