// One call for everything an explanation panel shows: for a test whose bad
// outcome happens, the smallest counterexample as a graph (data, DOT, SVG)
// and a timeline (data and text), and the cheapest repair; for a test whose
// outcome is forbidden, why (the axiom, the cycle, the pairing), with the
// forbidden candidate's graph. Plain JSON-able data throughout.
import type { ModelName } from '../models/model.ts';
import type { StateEntry, Verdict, Witness } from '../verdict/verdict.ts';
import { counterexamples } from './counterexamples.ts';
import { executionGraph, type ExecutionGraph } from './execution-graph.ts';
import { graphToDot } from './graph-dot.ts';
import { graphToSvg } from './graph-svg.ts';
import { findRepair, showsBadOutcome, type Repair, type RepairOptions } from './repair.ts';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { buildTimeline, formatTimeline, type Timeline } from './timeline.ts';
import { nameStateEntries, valueNames, type ValueNames } from './value-names.ts';
import { whyForbidden, type WhyForbidden } from './why-forbidden.ts';

/**
 * Options for `explain`: those of the repair search (model, flush flavour,
 * costs, bounds, budget; the model defaults to the verdict's here), and which
 * parts to compute.
 */
export interface ExplainOptions extends RepairOptions {
  /** Which counterexample to show: an index into `counterexamples(verdict)` (default 0, the smallest). */
  readonly counterexample?: number;
  /** Search for the cheapest repair (default true). */
  readonly repair?: boolean;
  /** Explain a forbidden outcome (default true). */
  readonly whyForbidden?: boolean;
}

/** Everything the explanation panel and the CLI show. */
export interface Explanation {
  readonly test: string;
  readonly model: ModelName;
  readonly observation: Verdict['observation'];
  /**
   * The state shown, when the bad outcome happens: its index in
   * `Verdict.states` and entries (each `named` by its kernel constant where
   * the program used one).
   */
  readonly counterexample?: { readonly state: number; readonly entries: readonly StateEntry[]; readonly events: number };
  /** How many states show the bad outcome. */
  readonly counterexampleCount: number;
  /** The graph of the counterexample, or of the smallest forbidden candidate. */
  readonly graph?: ExecutionGraph;
  readonly dot?: string;
  readonly svg?: string;
  /** The counterexample's timeline (none for a forbidden candidate, which no machine runs). */
  readonly timeline?: Timeline;
  readonly timelineText?: string;
  readonly repair?: Repair;
  readonly whyForbidden?: WhyForbidden;
}

/**
 * Explains `verdict`, the result of running `source`. For any result where
 * the bad outcome happens (`Sometimes`/`Always` of an `exists` or `~exists`,
 * a violated `forall`) it shows the chosen counterexample and, unless turned
 * off, the cheapest repair; otherwise, why the outcome is forbidden.
 */
export function explain(source: string, verdict: Verdict, options: ExplainOptions = {}): Explanation {
  const model = options.model ?? verdict.model;
  const shared = {
    ...(options.flush ? { flush: options.flush } : {}),
    ...(options.budget ? { budget: options.budget } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  };
  const all = counterexamples(verdict);
  const base = { test: verdict.test, model, observation: verdict.observation, counterexampleCount: all.length };
  // Values by the kernel constants the program used (pmdp=PMD_TABLE), in the state, the timeline and the graph alike.
  const ast = parseLitmus(source).ast;
  const names = ast ? valueNames(ast) : {};
  if (showsBadOutcome(verdict) && all.length > 0) {
    const chosen = all[Math.min(Math.max(0, options.counterexample ?? 0), all.length - 1)]!;
    const timeline = buildTimeline(chosen.witness, source, names);
    const repair = options.repair === false ? undefined : findRepair(source, {
      model,
      ...shared,
      ...(options.costs ? { costs: options.costs } : {}),
      ...(options.maxEdits !== undefined ? { maxEdits: options.maxEdits } : {}),
      ...(options.maxPrograms !== undefined ? { maxPrograms: options.maxPrograms } : {}),
      ...(options.maxSets !== undefined ? { maxSets: options.maxSets } : {}),
      ...(options.kinds ? { kinds: options.kinds } : {}),
    });
    return {
      ...base,
      counterexample: { state: chosen.state, entries: nameStateEntries(chosen.summary.entries, names), events: chosen.events },
      ...pictures(chosen.witness, `${verdict.test}: counterexample`, names),
      timeline,
      timelineText: formatTimeline(timeline),
      ...(repair ? { repair } : {}),
    };
  }
  if (options.whyForbidden === false) return base;
  const why = whyForbidden(source, { model, ...shared });
  return {
    ...base,
    ...(why.candidate ? pictures(why.candidate, `${verdict.test}: a forbidden execution`, names) : {}),
    whyForbidden: why,
  };
}

function pictures(witness: Witness, title: string, names: ValueNames): { graph: ExecutionGraph; dot: string; svg: string } {
  const graph = executionGraph(witness, names);
  return { graph, dot: graphToDot(graph), svg: graphToSvg(graph, { title }) };
}
