// From the executions an exploration finds to a verdict: keep those that pass
// the filter, group them by final state, count them as herd7 does (lib:
// top_herd.ml, check_cond / check_wit), keep witnesses (verdict/state-table.ts).
// The judge only judges: running the stages that find the executions (the
// value domain, the explorer) is run/run-program.ts's business.
import type { ConditionTarget } from '../syntax/ast.ts';
import type { Execution } from '../execution/execution.ts';
import type { BudgetName, BudgetReport } from '../budget/budget.ts';
import { BudgetExceeded, memoryCost, type Meter } from '../budget/meter.ts';
import type { ModelName, ModelVerdict } from '../models/model.ts';
import type { Program } from '../program/program.ts';
import type { TraceSet } from '../program/value-domain.ts';
import { formatValue, type Value } from '../program/value.ts';
import type { ExploreStats } from '../explore/explore.ts';
import { formatCondition, formatTarget, holds } from './condition.ts';
import { finalState } from './final-state.ts';
import { StateTable } from './state-table.ts';
import type { FinalStateSummary, Verdict, Witness } from './verdict.ts';

export interface JudgeOptions {
  /** The model the executions were found under (named in the verdict). */
  readonly model: ModelName;
  /** The run's meter: what the judge keeps is charged to it, and it gives the verdict's time. */
  readonly meter: Meter;
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

/** How the stages before the judge ended. */
export interface RunEnd {
  /** The meter's reading when the run started (the verdict's time counts from it). */
  readonly started: number;
  /** The explorer's figures, when it ran. */
  readonly stats?: ExploreStats;
  /** The budget that stopped the run, and its report. */
  readonly cutoff?: BudgetName;
  readonly report?: BudgetReport;
  /** Paths the threads abandoned, per thread (herd7 prints `Loop` when one was cut at the unroll bound). */
  readonly abandoned?: TraceSet['abandoned'];
}

/** A judgement in progress: the explorer hands it executions, then the run asks for the verdict. */
export interface Judgement {
  /** Counts one execution the model found consistent. */
  visit(execution: Execution, verdict: ModelVerdict): void;
  /** The verdict on what was visited; a run stopped by a budget gives an inconclusive one. */
  verdict(end: RunEnd): Verdict;
}

/** Starts judging `program`'s executions. */
export function judge(program: Program, options: JudgeOptions): Judgement {
  const { meter } = options;
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
  // A kept execution holds its rf and co (the skeleton's relations are shared).
  let keptBytes = 0;
  let illegal: Verdict['illegal'];

  const visit = (execution: Execution, verdict: ModelVerdict): void => {
    const raw = finalState(execution);
    const read = (t: ConditionTarget) => normalize(t, raw(t));
    if (program.filter && !holds(program.filter, read, normalize)) return;
    // herd7 stops on an operation it refuses once such an execution holds it (Verdict.illegal).
    if (illegal === undefined) illegal = execution.traces.find((t) => t.illegal !== undefined)?.illegal;
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
  };

  const verdict = (end: RunEnd): Verdict => {
    meter.release(keptBytes);
    states.release();
    let { cutoff, report } = end;
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
        const witness = sorted[i]!.witness;
        // The table keeps the executions of every state that can be chosen (StateTable),
        // unless the memory budget stopped the run as it was keeping one: then the verdict is inconclusive anyway.
        if (!witness) {
          if (cutoff !== undefined) continue;
          throw new Error(`judge: no witness kept for final state ${i}`);
        }
        witnessOf.set(i, witnesses.length);
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
    const unrollHit = end.abandoned?.some((list) => list.some((a) => a.reason === 'unroll')) ?? false;
    const exploreStats = end.stats ?? { traceCombinations: 0, candidates: meter.counts.candidates, consistent: 0, maxEvents: meter.counts.events };
    return {
      test: program.name,
      model: options.model,
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
      ...(illegal ? { illegal } : {}),
      stats: { ...exploreStats, millis: meter.millis - end.started },
      ...(keep > 0 ? { executions: numberedExecutions(kept, sorted.map((s) => s.key)) } : {}),
    };
  };

  return { visit, verdict };
}

/** The kept executions, each with its final state's number in the sorted states. */
function numberedExecutions(kept: readonly { readonly witness: Witness; readonly key: string }[], stateKeys: readonly string[]): Witness[] {
  const stateOf = new Map(stateKeys.map((key, i) => [key, i]));
  return kept.map(({ witness, key }) => ({ ...witness, state: stateOf.get(key) ?? -1 }));
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
