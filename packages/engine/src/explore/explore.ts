// Exhaustive exploration: every combination of thread traces, and for each,
// every coherent reads-from and coherence order, judged by the model. Only
// coherent pieces are ever assembled (see location-choices.ts), so the
// candidates visited are close to the consistent ones.
import type { ThreadTrace } from '../program/event.ts';
import type { Program } from '../program/program.ts';
import { valueKey } from '../program/value.ts';
import type { TraceSet } from '../program/value-domain.ts';
import type { Model, ModelVerdict } from '../models/model.ts';
import { Relation } from '../models/relation.ts';
import { buildSkeleton, reshapeSkeleton, traceShape, type Execution, type Skeleton } from './execution.ts';
import { locationChoices, product, type LocationChoice } from './location-choices.ts';

/** Explicit limits: hitting one makes the verdict inconclusive, never silently partial. */
export interface Budget {
  /** Most events in one execution. */
  readonly maxEvents: number;
  /** Most candidate executions judged by the model. */
  readonly maxCandidates: number;
  /** Most wall-clock milliseconds (measured with the injected clock). */
  readonly maxMillis: number;
}

export const defaultBudget: Budget = { maxEvents: 200, maxCandidates: 5_000_000, maxMillis: 120_000 };

export type BudgetName = 'events' | 'candidates' | 'time' | 'traces' | 'values' | 'choices';

export interface ExploreStats {
  /** Combinations of thread traces tried. */
  traceCombinations: number;
  /** Candidate executions judged by the model. */
  candidates: number;
  /** Of those, consistent with the model. */
  consistent: number;
  /** Most events in one execution. */
  maxEvents: number;
}

export interface ExploreOptions {
  readonly model: Model;
  readonly budget?: Budget;
  /** Milliseconds since some origin; injected so the engine stays platform-neutral. */
  readonly clock?: () => number;
  /** Called for every consistent execution. */
  readonly visit: (execution: Execution, verdict: ModelVerdict) => void;
}

export interface ExploreResult {
  readonly stats: ExploreStats;
  readonly cutoff?: BudgetName;
}

/** Explores every execution of `program` (whose traces are `traces`) allowed by the model. */
export function explore(program: Program, traces: TraceSet, options: ExploreOptions): ExploreResult {
  const budget = options.budget ?? defaultBudget;
  const clock = options.clock ?? (() => Date.now());
  const started = clock();
  const stats: ExploreStats = { traceCombinations: 0, candidates: 0, consistent: 0, maxEvents: 0 };
  let cutoff: BudgetName | undefined = traces.budgetHit;

  const observedLocations = new Set(program.observed.flatMap((t) => (t.kind === 'location' ? [t.name] : [])));
  const skeletons = new Map<number, Skeleton>();
  const shapeIds = new Map<string, number>();
  const choiceMemo = new Map<string, { choices: LocationChoice[]; truncated: boolean }>();
  const overTime = () => clock() - started > budget.maxMillis;

  for (const combination of traceCombinations(program, traces.threads)) {
    stats.traceCombinations++;
    if ((stats.traceCombinations & 255) === 0 && overTime()) {
      cutoff = 'time';
      break;
    }
    const shapeText = combination.map(traceShape).join('\n');
    let shape = shapeIds.get(shapeText);
    if (shape === undefined) shapeIds.set(shapeText, (shape = shapeIds.size));
    const cached = skeletons.get(shape);
    const skeleton = cached
      ? reshapeSkeleton(cached, combination)
      : buildSkeleton(program.locations, program.initialValues, combination, observedLocations);
    if (!cached) skeletons.set(shape, skeleton);
    stats.maxEvents = Math.max(stats.maxEvents, skeleton.n);
    if (skeleton.n > budget.maxEvents) {
      cutoff = 'events';
      break;
    }
    const perLocation: LocationChoice[][] = [];
    let dead = false;
    // A location's choices depend only on its own events (ids fixed by the
    // shape) and their values: reuse them across combinations.
    const valuesAt = new Map<string, string>();
    for (const e of skeleton.events) {
      if (e.init || e.loc === undefined) continue;
      valuesAt.set(e.loc, `${valuesAt.get(e.loc) ?? ''}${e.value === undefined ? '' : valueKey(e.value)},`);
    }
    for (const loc of program.locations) {
      const key = `${shape}\u0001${loc}\u0001${valuesAt.get(loc) ?? ''}`;
      let memo = choiceMemo.get(key);
      if (!memo) {
        memo = locationChoices(skeleton, loc, { maxChoices: 100_000 });
        choiceMemo.set(key, memo);
      }
      const { choices, truncated } = memo;
      if (truncated) cutoff = 'choices';
      if (choices.length === 0) {
        dead = true;
        break;
      }
      perLocation.push(choices);
    }
    if (dead) continue;
    for (const pick of product(perLocation)) {
      stats.candidates++;
      if (stats.candidates > budget.maxCandidates) {
        cutoff = 'candidates';
        break;
      }
      if ((stats.candidates & 1023) === 0 && overTime()) {
        cutoff = 'time';
        break;
      }
      const execution = assemble(skeleton, pick);
      const verdict = options.model.check(execution);
      if (verdict.consistent) {
        stats.consistent++;
        options.visit(execution, verdict);
      }
    }
    if (cutoff === 'candidates' || cutoff === 'time') break;
  }
  return { stats, ...(cutoff ? { cutoff } : {}) };
}

/** rf and co from one coherent choice per location. */
function assemble(skeleton: Skeleton, pick: readonly LocationChoice[]): Execution {
  const rf = new Relation(skeleton.n);
  const co = new Relation(skeleton.n);
  for (const choice of pick) {
    for (const [w, r] of choice.rf) rf.add(w, r);
    const order = choice.co;
    for (let i = 0; i < order.length; i++) for (let j = i + 1; j < order.length; j++) co.add(order[i]!, order[j]!);
  }
  return { ...skeleton, rf, co };
}

/**
 * Every combination of one trace per thread in which each ordinary read's
 * value can be written by someone: the initial value, a write of a trace
 * already chosen, or a write some trace of a thread not yet chosen may make.
 * A depth-first walk over threads, pruned as soon as a read is unjustifiable.
 */
export function* traceCombinations(program: Program, threads: readonly (readonly ThreadTrace[])[]): Generator<ThreadTrace[]> {
  const key = (loc: string, v: unknown) => `${loc}\u0000${typeof v === 'object' ? `&${(v as { address: string }).address}` : String(v)}`;
  const writesOf = (t: ThreadTrace) => t.events.filter((e) => e.kind === 'W' && e.loc !== undefined && e.lock === undefined).map((e) => key(e.loc!, e.value));
  const readsOf = (t: ThreadTrace) => t.events.filter((e) => e.kind === 'R' && e.loc !== undefined && e.lock === undefined).map((e) => key(e.loc!, e.value));
  const initial = new Set([...program.initialValues].map(([loc, v]) => key(loc, v)));
  const traceWrites = threads.map((list) => list.map(writesOf));
  const traceReads = threads.map((list) => list.map(readsOf));
  // What each thread might write, over all its traces.
  const possible = traceWrites.map((lists) => new Set(lists.flat()));
  const chosen: ThreadTrace[] = [];
  const chosenIndex: number[] = [];
  const chosenWrites = new Map<string, number>();
  const justified = (k: string, from: number) => {
    if (initial.has(k) || (chosenWrites.get(k) ?? 0) > 0) return true;
    for (let t = from; t < threads.length; t++) if (possible[t]!.has(k)) return true;
    return false;
  };
  function* step(t: number): Generator<ThreadTrace[]> {
    if (t === threads.length) {
      yield chosen.slice();
      return;
    }
    const list = threads[t]!;
    for (let i = 0; i < list.length; i++) {
      const writes = traceWrites[t]![i]!;
      for (const w of writes) chosenWrites.set(w, (chosenWrites.get(w) ?? 0) + 1);
      chosen.push(list[i]!);
      chosenIndex.push(i);
      // Reads of every chosen thread must stay justifiable by what remains possible.
      let ok = true;
      for (let u = 0; u <= t && ok; u++) {
        const reads = traceReads[u]![chosenIndex[u]!]!;
        for (const r of reads) {
          if (!justified(r, t + 1)) {
            ok = false;
            break;
          }
        }
      }
      if (ok) yield* step(t + 1);
      chosen.pop();
      chosenIndex.pop();
      for (const w of writes) chosenWrites.set(w, chosenWrites.get(w)! - 1);
    }
  }
  yield* step(0);
}
