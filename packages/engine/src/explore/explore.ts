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
  /** Prefixes of threads checked for a consistent execution (pruning). */
  prefixChecks?: number;
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
  const stats: ExploreStats = { traceCombinations: 0, candidates: 0, consistent: 0, maxEvents: 0, prefixChecks: 0 };
  let cutoff: BudgetName | undefined = traces.budgetHit;

  const observedLocations = new Set(program.observed.flatMap((t) => (t.kind === 'location' ? [t.name] : [])));
  const skeletons = new Map<number, Skeleton>();
  const shapeIds = new Map<string, number>();
  const choiceMemo = new Map<string, { choices: LocationChoice[]; truncated: boolean }>();
  const overTime = () => clock() - started > budget.maxMillis;

  // A closed prefix of threads with no consistent execution has no consistent
  // extension: every LKMM relation of the prefix is contained in the whole
  // execution's. Not with locks, whose reads-from depends on all lock writes.
  const hasLocks = traces.threads.some((list) => list.some((t) => t.events.some((e) => e.lock !== undefined)));
  const prune = hasLocks ? undefined : (prefix: readonly ThreadTrace[]) => {
    stats.prefixChecks = (stats.prefixChecks ?? 0) + 1;
    const shapeText = prefix.map(traceShape).join('\n');
    let shape = shapeIds.get(shapeText);
    if (shape === undefined) shapeIds.set(shapeText, (shape = shapeIds.size));
    const cached = skeletons.get(shape);
    const skeleton = cached ? reshapeSkeleton(cached, prefix) : buildSkeleton(program.locations, program.initialValues, prefix, observedLocations);
    if (!cached) skeletons.set(shape, skeleton);
    return !hasConsistentExecution(program, skeleton, options.model);
  };
  for (const combination of traceCombinations(program, traces.threads, prune)) {
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
    const hasPlain = skeleton.events.some((e) => (e.kind === 'R' || e.kind === 'W') && !e.init && e.lock === undefined && e.tags.length === 0 && !e.rmw);
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
      if (hasPlain && unsolvableValueCycle(execution)) continue;
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

/** Whether some candidate execution of these traces (a prefix of the threads) is consistent. */
function hasConsistentExecution(program: Program, skeleton: Skeleton, model: Model): boolean {
  const perLocation: LocationChoice[][] = [];
  let candidates = 1;
  for (const loc of program.locations) {
    const { choices, truncated } = locationChoices(skeleton, loc, { maxChoices: 256 });
    if (truncated) return true;
    if (choices.length === 0) return false;
    perLocation.push(choices);
    candidates *= choices.length;
    // Too many to try cheaply: keep the prefix, the full exploration decides.
    if (candidates > 256) return true;
  }
  for (const pick of product(perLocation)) if (model.check(assemble(skeleton, pick)).consistent) return true;
  return false;
}

/**
 * An execution herd7 cannot solve. herd7 solves the values of an execution as
 * equations: a read equals the write it reads from, a write's value is
 * computed from the reads it depends on. Values on a cycle of these (a value
 * that justifies itself) stay unknown: a mere copy of one is harmless (herd7
 * prints it as a symbol; see corpus/known-differences), but an operator, a
 * branch condition or an atomic operation on one leaves an equation unsolved,
 * and herd7 drops the execution. Only plain accesses can form a value cycle
 * (with marked accesses, rfe and dependencies to writes are in hb, which is
 * acyclic in every consistent execution). A value merely written under a
 * branch is a constant: a cycle through control dependencies alone is solved.
 */
export function unsolvableValueCycle(x: Execution): boolean {
  const computed = x.computedWith ?? x.ctrl.domain();
  if (computed.isEmpty()) return false;
  // A write's value comes from its data dependencies (all of them: herd7 does
  // not simplify `r & 0` when r is unknown), a read's from its write and its address.
  const flow = x.rf.union(x.data, x.valueFrom, x.addr);
  if (flow.isAcyclic()) return false;
  const closure = flow.plus();
  for (let a = 0; a < x.n; a++) {
    if (!closure.has(a, a)) continue;
    if (computed.has(a) || !closure.successors(a).inter(computed).isEmpty()) return true;
  }
  return false;
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
 * A depth-first walk over threads (fewest traces first), pruned as soon as a
 * read is unjustifiable, or when `prune` says a closed prefix (one whose reads
 * can only read from threads already chosen) has no consistent execution.
 * Combinations are yielded with their traces in thread order.
 */
export function* traceCombinations(
  program: Program,
  threads: readonly (readonly ThreadTrace[])[],
  prune?: (prefix: readonly ThreadTrace[]) => boolean,
): Generator<ThreadTrace[]> {
  const key = (loc: string, v: unknown) => `${loc}\u0000${typeof v === 'object' ? `&${(v as { address: string }).address}` : String(v)}`;
  const writesOf = (t: ThreadTrace) => t.events.filter((e) => e.kind === 'W' && e.loc !== undefined && e.lock === undefined).map((e) => key(e.loc!, e.value));
  const readsOf = (t: ThreadTrace) => t.events.filter((e) => e.kind === 'R' && e.loc !== undefined && e.lock === undefined).map((e) => key(e.loc!, e.value));
  const initial = new Set([...program.initialValues].map(([loc, v]) => key(loc, v)));
  // Visit threads with fewer traces first: prefixes close sooner.
  const order = threads.map((_, i) => i).sort((a, b) => threads[a]!.length - threads[b]!.length || a - b);
  const lists = order.map((t) => threads[t]!);
  const traceWrites = lists.map((list) => list.map(writesOf));
  const traceReads = lists.map((list) => list.map((t) => [...new Set(readsOf(t))]));
  // What each thread might write, over all its traces.
  const possible = traceWrites.map((all) => new Set(all.flat()));
  const chosenIndex: number[] = [];
  const chosenWrites = new Map<string, number>();
  // What the threads from position p on might write, for each p.
  const suffix: Set<string>[] = [];
  for (let p = lists.length; p >= 0; p--) suffix[p] = p === lists.length ? new Set() : new Set([...suffix[p + 1]!, ...possible[p]!]);
  const writableLater = (k: string, from: number) => suffix[from]!.has(k);
  const justified = (k: string, from: number) => initial.has(k) || (chosenWrites.get(k) ?? 0) > 0 || writableLater(k, from);
  const inThreadOrder = (): ThreadTrace[] => {
    const out: ThreadTrace[] = [];
    chosenIndex.forEach((i, p) => (out[order[p]!] = lists[p]![i]!));
    return out.filter((t) => t !== undefined);
  };
  function* step(p: number): Generator<ThreadTrace[]> {
    if (p === lists.length) {
      yield inThreadOrder();
      return;
    }
    const list = lists[p]!;
    for (let i = 0; i < list.length; i++) {
      const writes = traceWrites[p]![i]!;
      for (const w of writes) chosenWrites.set(w, (chosenWrites.get(w) ?? 0) + 1);
      chosenIndex.push(i);
      // Reads of every chosen thread must stay justifiable by what remains possible.
      let ok = true;
      let closed = true;
      for (let u = 0; u <= p && ok; u++) {
        for (const r of traceReads[u]![chosenIndex[u]!]!) {
          if (!justified(r, p + 1)) {
            ok = false;
            break;
          }
          if (closed && writableLater(r, p + 1)) closed = false;
        }
      }
      if (ok && closed && prune && p > 0 && p + 1 < lists.length && prune(inThreadOrder())) ok = false;
      if (ok) yield* step(p + 1);
      chosenIndex.pop();
      for (const w of writes) chosenWrites.set(w, chosenWrites.get(w)! - 1);
    }
  }
  yield* step(0);
}
