// From a checked program to a verdict: explore under a model, keep the
// executions that pass the filter, group them by final state, count them as
// herd7 does (lib: top_herd.ml, check_cond / check_wit), keep one witness per
// state (the one with fewest events).
import type { ConditionTarget } from '../syntax/ast.ts';
import type { Span } from '../syntax/diagnostic.ts';
import type { Execution } from '../explore/execution.ts';
import { explore } from '../explore/explore.ts';
import { defaultBudget, type Budget, type BudgetName, type BudgetReport } from '../budget/budget.ts';
import { BudgetExceeded, Meter, memoryCost, type CancelSignal, type Clock } from '../budget/meter.ts';
import type { Model } from '../models/model.ts';
import type { Program } from '../program/program.ts';
import { computeTraces, defaultTraceBudget, type TraceBudget, type TraceSet, type ValueDomain } from '../program/value-domain.ts';
import { formatValue, type Value } from '../program/value.ts';
import { formatCondition, formatTarget, holds } from './condition.ts';
import { finalState } from './final-state.ts';
import { StateTable } from './state-table.ts';
import type { FinalStateSummary, Verdict, Witness } from './verdict.ts';

export interface JudgeOptions {
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
  /**
   * Keep every consistent execution (after the filter) as a `Witness`, up to
   * this many, in the explorer's deterministic order: `Verdict.executions`.
   * Off by default (a verdict keeps one witness per final state).
   */
  readonly keepExecutions?: number;
  /**
   * Most witness executions to keep (default: one per state). The states
   * where the test's question goes the bad way come first (the condition
   * holds, for `exists` and `~exists`; fails, for `forall`), fewest events
   * first: a bound of 1 keeps the smallest counterexample.
   */
  readonly maxWitnesses?: number;
}

/**
 * Explores `program` under `options.model` and summarises what it found. A
 * budget hit in any phase (the value domain, the traces, the exploration)
 * gives an inconclusive verdict with what was found so far and a `budget`
 * report; it never throws on a budget.
 */
export function judge(program: Program, options: JudgeOptions): Verdict {
  const budget = options.budget ?? defaultBudget;
  const meter = options.meter ?? new Meter({
    maxMillis: budget.maxMillis,
    maxMemoryMb: budget.maxMemoryMb ?? defaultBudget.maxMemoryMb,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const started = meter.millis;
  const textOf = sourceSlicer(program.source);
  // herd7 shows atomic_t locations declared in the init block as unsigned 32-bit values.
  const normalize = (t: ConditionTarget, v: Value): Value =>
    t.kind === 'location' && typeof v === 'number' && program.unsignedLocations.has(t.name) ? v >>> 0 : v;
  const bad = program.condition.quantifier !== 'forall';
  const states = new StateTable(meter, bad, options.maxWitnesses);
  const flags = new Set<string>();
  let positive = 0;
  let negative = 0;
  const keep = Math.max(0, Math.floor(options.keepExecutions ?? 0));
  // Kept executions with their state's key: states are numbered only once sorted.
  const kept: { readonly witness: Witness; readonly key: string }[] = [];
  let traces: TraceSet | undefined;
  let stats: Verdict['stats'] | undefined;
  let cutoff: BudgetName | undefined;
  let report: BudgetReport | undefined;
  // A kept execution holds its rf and co (the skeleton's relations are shared).
  let keptBytes = 0;

  try {
    traces = computeTraces(program, textOf, options.traceBudget, meter, options.domain);
    meter.phase = 'explore';
    const explored = explore(program, traces, {
      model: options.model,
      budget,
      meter,
      visit(execution, verdict) {
        const raw = finalState(execution);
        const read = (t: ConditionTarget) => normalize(t, raw(t));
        if (program.filter && !holds(program.filter, read, normalize)) return;
        meter.counts.executions++;
        for (const f of verdict.flags) flags.add(f);
        const satisfies = holds(program.condition.prop, read, normalize);
        if (satisfies) positive++;
        else negative++;
        const values = program.observed.map(read);
        const key = values.map((v) => formatValue(v)).join('\u0000');
        if (kept.length < keep) {
          const bytes = 2 * memoryCost.relation(execution.n) + 200;
          keptBytes += bytes;
          meter.charge(bytes);
          kept.push({ witness: toWitness(execution, -1, verdict.flags), key });
        }
        states.add(key, values, satisfies, execution, verdict.flags);
        meter.counts.states = states.size;
      },
    });
    stats = { ...explored.stats, millis: 0 };
    if (explored.cutoff) {
      cutoff = explored.cutoff;
      report = meter.report(cutoff, traces.budgetHit === cutoff ? (cutoff === 'values' ? 'values' : 'traces') : 'explore', explored.limit ?? traceLimit(cutoff, options.traceBudget));
    }
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    cutoff = error.budget;
    report = meter.reportOf(error);
  } finally {
    meter.release(keptBytes);
    states.release();
  }

  const sorted = states.sorted();
  // Witnesses in order of interest, while the budget lasts (thousands of
  // states make thousands of witnesses: they are metered like the rest).
  const wanted = sorted.map((_, i) => i)
    .sort((a, b) => Number(sorted[b]!.satisfies === bad) - Number(sorted[a]!.satisfies === bad) || sorted[a]!.witnessEvents - sorted[b]!.witnessEvents || a - b)
    .slice(0, options.maxWitnesses ?? sorted.length);
  const witnessOf = new Map<number, number>();
  const witnesses: Witness[] = [];
  try {
    for (const i of wanted.sort((a, b) => a - b)) {
      meter.tick();
      witnessOf.set(i, witnesses.length);
      const witness = sorted[i]!.witness;
      // The table keeps the executions of every state that can be chosen (StateTable).
      if (!witness) throw new Error(`judge: no witness kept for final state ${i}`);
      witnesses.push(toWitness(witness, i, sorted[i]!.flags));
    }
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    cutoff ??= error.budget;
    report ??= meter.reportOf(error);
  }
  const summaries: FinalStateSummary[] = sorted.map((s, i) => {
    const witness = witnessOf.get(i);
    return {
      entries: program.observed.map((t, k) => ({ target: formatTarget(t), value: formatValue(s.values[k]!) })),
      satisfies: s.satisfies,
      executions: s.executions,
      ...(witness === undefined ? {} : { witness }),
    };
  });

  const q = program.condition.quantifier;
  const ok = q === 'exists' ? positive > 0 : q === 'not exists' ? positive === 0 : negative === 0;
  const observation = positive === 0 ? 'Never' : negative === 0 ? 'Always' : 'Sometimes';
  const unrollHit = traces?.abandoned.some((list) => list.some((a) => a.reason === 'unroll')) ?? false;
  const exploreStats = stats ?? { traceCombinations: 0, candidates: meter.counts.candidates, consistent: 0, maxEvents: meter.counts.events };
  return {
    test: program.name,
    model: options.model.name,
    quantifier: q,
    kind: q === 'exists' ? 'Allowed' : q === 'not exists' ? 'Forbidden' : 'Required',
    condition: formatCondition(program.condition),
    ok,
    observation,
    observed: { positive, negative },
    witnessCounts: q === 'not exists' ? { positive: negative, negative: positive } : { positive, negative },
    states: summaries,
    flags: [...flags].sort(),
    witnesses,
    status: cutoff ? 'inconclusive' : 'complete',
    ...(cutoff ? { cutoff } : {}),
    ...(report ? { budget: report } : {}),
    unrollHit,
    stats: { ...exploreStats, millis: meter.millis - started },
    ...(keep > 0 ? { executions: numberedExecutions(kept, sorted.map((s) => s.key)) } : {}),
  };
}

/** The kept executions, each with its final state's number in the sorted states. */
function numberedExecutions(kept: readonly { readonly witness: Witness; readonly key: string }[], stateKeys: readonly string[]): Witness[] {
  const stateOf = new Map(stateKeys.map((key, i) => [key, i]));
  return kept.map(({ witness, key }) => ({ ...witness, state: stateOf.get(key) ?? -1 }));
}

/** The limit behind a cutoff the value domain reported (traces per thread, or rounds). */
function traceLimit(cutoff: BudgetName, budget: TraceBudget = defaultTraceBudget): number | undefined {
  return cutoff === 'traces' ? budget.maxTracesPerThread : cutoff === 'values' ? budget.maxRounds : undefined;
}

/** An execution as a plain-data `Witness` of final state number `state`. */
export function toWitness(x: Execution, state: number, flags: readonly string[]): Witness {
  return {
    state,
    events: x.events.map((e) => ({
      id: e.id,
      thread: e.thread,
      index: e.index,
      kind: e.kind,
      ...(e.loc !== undefined ? { loc: e.loc } : {}),
      ...(e.value !== undefined ? { value: formatValue(e.value) } : {}),
      tags: [...e.tags],
      ...(e.lock ? { lock: e.lock } : {}),
      line: e.span.line,
      span: { line: e.span.line, column: e.span.column, endLine: e.span.endLine, endColumn: e.span.endColumn },
      text: e.text,
    })),
    rf: [...x.rf.pairs()],
    co: [...x.co.pairs()],
    rmw: [...x.rmw.pairs()],
    addr: [...x.addr.pairs()],
    data: [...x.data.pairs()],
    ctrl: [...x.ctrl.pairs()],
    flags: [...flags],
  };
}

/** Returns the source text covered by a span (joined lines for multi-line spans). */
export function sourceSlicer(source: string): (span: Span) => string {
  const lines = source.split('\n');
  return (span) => {
    if (span.line < 1) return '';
    if (span.line === span.endLine) return (lines[span.line - 1] ?? '').slice(span.column - 1, span.endColumn - 1);
    const parts = [(lines[span.line - 1] ?? '').slice(span.column - 1)];
    for (let l = span.line + 1; l < span.endLine; l++) parts.push(lines[l - 1] ?? '');
    parts.push((lines[span.endLine - 1] ?? '').slice(0, span.endColumn - 1));
    return parts.map((p) => p.trim()).join(' ');
  };
}
