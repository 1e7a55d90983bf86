// What the check worker does for the playground, as a plain class (the
// workbench's CheckService hands it the playground's requests), so its tests
// run in Node with the real engine. It keeps the last run: the verdict with
// every execution, so browsing and the repair need no second exploration.
import { defaultBudget, kernelArchFor, lower, parseLitmus, runLitmus, type Diagnostic, type Budget, type FlushFlavour, type ModelName, type Verdict, type Witness } from '@barrier-lab/engine';
import { buildTimeline, executionGraph, explain, findRepair, graphToSvg, nameStateEntries, valueNames, type Explanation, type ValueNames } from '@barrier-lab/engine/explain';
import { budgetOf } from './playground-budget.ts';
import {
  executionLimit, type ExecutionListing, type ExecutionResponse, type PlaygroundRequest, type PlaygroundResponse, type RepairResponse, type RunRequest, type RunResponse,
} from './playground-protocol.ts';

/** A monotonic clock in milliseconds. */
export type Clock = () => number;

/** A failure of ours (not the learner's input), as the worker protocol's error response. */
export interface ServiceError {
  readonly type: 'error';
  readonly id: number;
  readonly message: string;
}

interface LastRun {
  readonly source: string;
  readonly model: ModelName;
  readonly flush?: FlushFlavour;
  readonly budget: Budget;
  readonly verdict: Verdict;
  readonly names: ValueNames;
}

/** Serves run, execution and repair requests; one per worker. */
export class PlaygroundService {
  private last: LastRun | undefined;

  constructor(private readonly clock: Clock) {}

  /** The one response to `request`; never throws. */
  handle(request: PlaygroundRequest): PlaygroundResponse | ServiceError {
    try {
      switch (request.type) {
        case 'run':
          return this.run(request);
        case 'diagnose':
          return { type: 'diagnose', id: request.id, diagnostics: diagnose(request.source, request.model) };
        case 'execution':
          return this.execution(request.id, request.index);
        case 'repair':
          return this.repair(request.id);
        default:
          return error((request as { id?: number }).id ?? -1, `unknown request type "${(request as { type?: string }).type}"`);
      }
    } catch (e) {
      return error(request.id, `the worker failed: ${(e as Error)?.message ?? String(e)}`);
    }
  }

  private run(request: RunRequest): RunResponse {
    const started = this.clock();
    const budget = budgetOf(request.budget, defaultBudget);
    const options = { model: request.model, budget, clock: this.clock, ...(request.flush ? { flush: request.flush } : {}) };
    const result = runLitmus(request.source, { ...options, herdHash: false, keepExecutions: executionLimit });
    const { verdict, program } = result;
    if (!verdict) {
      this.last = undefined;
      return {
        type: 'run', id: request.id, diagnostics: result.diagnostics, budget, executions: [], ms: this.clock() - started,
        ...(result.inconclusive ? { inconclusive: result.inconclusive } : {}),
      };
    }
    const ast = parseLitmus(request.source).ast;
    const names = ast ? valueNames(ast) : {};
    this.last = { source: request.source, model: request.model, ...(request.flush ? { flush: request.flush } : {}), budget, verdict, names };
    const bad = badStates(verdict);
    const executions: ExecutionListing[] = (verdict.executions ?? []).map((w) => ({ state: w.state, bad: bad.has(w.state) }));
    // An inconclusive run has no verdict to explain: its counts are lower bounds.
    const explanation = verdict.status === 'complete' ? explain(request.source, verdict, { ...options, repair: false }) : undefined;
    const witnessIndex = explanation?.counterexample ? verdict.states[explanation.counterexample.state]!.witness : undefined;
    const shown = witnessIndex === undefined ? undefined : verdict.witnesses[witnessIndex];
    const counterexample = shown ? (verdict.executions ?? []).findIndex((w) => sameExecution(w, shown)) : -1;
    const { witnesses: _w, executions: _e, ...summary } = verdict;
    return {
      type: 'run', id: request.id,
      diagnostics: result.diagnostics,
      verdict: { ...summary, states: summary.states.map((s) => ({ ...s, entries: nameStateEntries(s.entries, names) })) },
      budget,
      ...(program ? { flush: program.flush } : {}),
      ...(explanation ? { explanation: lighter(explanation) } : {}),
      ...(explanation?.graph ? { graphSvg: graphToSvg(explanation.graph, { title: `${verdict.test}: ${explanation.counterexample ? 'the smallest counterexample' : 'an execution the model forbids'} under ${request.model}`, idPrefix: 'pg-x-' }) } : {}),
      executions,
      ...(counterexample >= 0 ? { counterexample } : {}),
      ms: this.clock() - started,
    };
  }

  private execution(id: number, index: number): ExecutionResponse | ServiceError {
    const last = this.last;
    const witness = last?.verdict.executions?.[index];
    if (!last || !witness) return error(id, last ? `no execution number ${index + 1}` : 'no run yet: run the test first');
    const state = last.verdict.states[witness.state]!;
    const graph = executionGraph(witness, last.names);
    return {
      type: 'execution', id, index,
      state: witness.state,
      bad: badStates(last.verdict).has(witness.state),
      entries: nameStateEntries(state.entries, last.names),
      timeline: buildTimeline(witness, last.source, last.names),
      graph,
      graphSvg: graphToSvg(graph, { title: `${last.verdict.test}: execution ${index + 1} under ${last.model}`, idPrefix: `pg-e${index}-` }),
      witness,
    };
  }

  private repair(id: number): RepairResponse | ServiceError {
    const last = this.last;
    if (!last) return error(id, 'no run yet: run the test first');
    const started = this.clock();
    const repair = findRepair(last.source, { model: last.model, budget: last.budget, clock: this.clock, ...(last.flush ? { flush: last.flush } : {}) });
    return { type: 'repair', id, repair, ms: this.clock() - started };
  }
}

/** The diagnostics of parsing and lowering `source` (what runLitmus reports before it explores). */
function diagnose(source: string, model: ModelName): readonly Diagnostic[] {
  const parsed = parseLitmus(source);
  if (!parsed.ast || parsed.diagnostics.some((d) => d.severity === 'error')) return parsed.diagnostics;
  return [...parsed.diagnostics, ...lower(parsed.ast, source, { arch: kernelArchFor(model) }).diagnostics];
}


/** The states that show the bad outcome (as counterexamples() picks them). */
function badStates(verdict: Verdict): Set<number> {
  const bad = verdict.quantifier !== 'forall';
  return new Set(verdict.states.flatMap((s, i) => (s.satisfies === bad ? [i] : [])));
}

function sameExecution(a: Witness, b: Witness): boolean {
  return JSON.stringify([a.events, a.rf, a.co]) === JSON.stringify([b.events, b.rf, b.co]);
}

/** The explanation without its texts for other tools (DOT, the SVG drawn again with our ids, the timeline as text). */
function lighter(e: Explanation): Explanation {
  const { dot: _d, svg: _s, timelineText: _t, ...rest } = e;
  return rest;
}

function error(id: number, message: string): ServiceError {
  return { type: 'error', id, message };
}
