// Exhaustive exploration: every combination of thread traces, and for each,
// every coherent reads-from and coherence order, judged by the model. Only
// coherent pieces are ever assembled (see location-choices.ts), so the
// candidates visited are close to the consistent ones.
import type { ThreadTrace } from '../program/event.ts';
import type { Program } from '../program/program.ts';
import { propTargets } from '../program/lower.ts';
import { isOffsetLocation, noInitialValue, valueKey, type Value } from '../program/value.ts';
import type { TraceSet } from '../program/value-domain.ts';
import type { Model, ModelVerdict } from '../models/model.ts';
import { Relation } from '../execution/relation.ts';
import { defaultBudget, type Budget, type BudgetName } from '../budget/budget.ts';
import { BudgetExceeded, Meter, memoryCost, type Clock } from '../budget/meter.ts';
import { buildSkeleton, reshapeSkeleton, sameTraceShape, withRfCo, type Execution, type Skeleton } from '../execution/execution.ts';
import { locationChoices, locationPlan, product, type LocationChoice, type LocationPlan } from './location-choices.ts';
import { solveValues } from './value-cycles.ts';

// The budget types live in budget/; explore/ is where most callers meet them.
export { defaultBudget, type Budget, type BudgetName };

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
  /** Milliseconds since some origin; injected so the engine stays platform-neutral. Ignored when `meter` is given. */
  readonly clock?: Clock;
  /** The run's meter (time, memory, cancellation); by default a fresh one for `budget` and `clock`. */
  readonly meter?: Meter;
  /** Called for every consistent execution. */
  readonly visit: (execution: Execution, verdict: ModelVerdict) => void;
}

export interface ExploreResult {
  readonly stats: ExploreStats;
  readonly cutoff?: BudgetName;
  /** The limit behind `cutoff`, in its unit (see BudgetReport.limit). */
  readonly limit?: number;
}

/** Most coherent choices kept for one location of one skeleton. */
const maxChoicesPerLocation = 100_000;

/**
 * Explores every execution of `program` (whose traces are `traces`) allowed by
 * the model. A budget stops it with `cutoff` set: the executions visited so far
 * are then a lower bound. Time, memory and cancellation are read from the
 * meter; the events budget is checked before an execution is built, so no
 * test is too large to be turned down quickly.
 */
export function explore(program: Program, traces: TraceSet, options: ExploreOptions): ExploreResult {
  const budget = options.budget ?? defaultBudget;
  const meter = options.meter ?? new Meter({ maxMillis: budget.maxMillis, maxMemoryMb: budget.maxMemoryMb ?? defaultBudget.maxMemoryMb, ...(options.clock ? { clock: options.clock } : {}) });
  const stats: ExploreStats = { traceCombinations: 0, candidates: 0, consistent: 0, maxEvents: 0, prefixChecks: 0 };
  // Set through stop() from inside closures too, so kept in an object.
  const hit: { cutoff?: BudgetName; limit?: number } = traces.budgetHit ? { cutoff: traces.budgetHit } : {};
  const stop = (name: BudgetName, at: number | undefined): void => {
    hit.cutoff = name;
    hit.limit = at;
  };

  const { locations, initialValues } = locationsOf(program, traces);
  // Every execution has the initial writes and, per thread, at least its
  // shortest trace: past the events budget, nothing needs building.
  const fewestEvents = locations.length + traces.threads.reduce((sum, list) => sum + Math.min(...list.map((t) => t.events.length)), 0);
  if (traces.threads.every((list) => list.length > 0) && fewestEvents > budget.maxEvents) {
    stats.maxEvents = fewestEvents;
    meter.counts.events = Math.max(meter.counts.events, fewestEvents);
    return { stats, cutoff: 'events', limit: budget.maxEvents };
  }

  // The locations herd7 observes (its FW set, which lock.cat's lock-final flag
  // reads): the shown ones and the filter's too.
  const observedTargets = program.filter ? [...program.observed, ...propTargets(program.filter)] : program.observed;
  const observedLocations = new Set(observedTargets.flatMap((t) => (t.kind === 'location' ? [t.name] : [])));
  // Caches: a skeleton per trace shape, choices per location of a shape. They
  // only save time, so when memory runs short they are dropped, not charged
  // against the run.
  const skeletons = new Map<number, Skeleton>();
  const shapeIds = new Map<string, number>();
  const choiceMemo = new Map<string, { choices: LocationChoice[]; truncated: boolean }>();
  // Per shape, each location's plan (what its choices need beyond the values).
  const plans = new Map<number, LocationPlan[]>();
  let cacheBytes = 0;
  let nextShape = 0;
  const cache = (bytes: number): boolean => {
    if (!meter.fits(bytes)) {
      skeletons.clear();
      shapeIds.clear();
      choiceMemo.clear();
      plans.clear();
      meter.release(cacheBytes);
      cacheBytes = 0;
      if (!meter.fits(bytes)) return false;
    }
    meter.charge(bytes);
    cacheBytes += bytes;
    return true;
  };
  // Each trace's shape as a number (traces of the same shape, see
  // sameTraceShape, share one), found by comparing with the traces of its bucket.
  const traceShapes = new Map<ThreadTrace, number>();
  const shapeBuckets = new Map<number, ThreadTrace[]>();
  const shapeOfTrace = (trace: ThreadTrace): number => {
    let id = traceShapes.get(trace);
    if (id !== undefined) return id;
    const bucket = trace.thread * 65536 + trace.events.length * 64 + (trace.ctrl.length + trace.data.length + trace.addr.length) % 64;
    let list = shapeBuckets.get(bucket);
    if (list === undefined) shapeBuckets.set(bucket, (list = []));
    const same = list.find((t) => sameTraceShape(t, trace));
    id = same === undefined ? traceShapes.size : traceShapes.get(same)!;
    if (same === undefined) list.push(trace);
    traceShapes.set(trace, id);
    return id;
  };
  const skeletonFor = (combination: readonly ThreadTrace[]): { skeleton: Skeleton; shape: number } => {
    let shapeText = '';
    for (let i = 0; i < combination.length; i++) shapeText += (i === 0 ? '' : ',') + shapeOfTrace(combination[i]!);
    let shape = shapeIds.get(shapeText);
    if (shape === undefined) {
      shape = nextShape++;
      if (cache(shapeText.length * 2 + 64)) shapeIds.set(shapeText, shape);
    }
    const cached = skeletons.get(shape);
    if (cached) return { skeleton: reshapeSkeleton(cached, combination), shape };
    const skeleton = buildSkeleton(locations, initialValues, combination, observedLocations);
    if (cache(skeletonBytes(skeleton))) skeletons.set(shape, skeleton);
    return { skeleton, shape };
  };
  const tickMeter = (): void => meter.tick();
  const eventsOf = (combination: readonly ThreadTrace[]) => locations.length + combination.reduce((sum, t) => sum + t.events.length, 0);

  // A closed prefix of threads with no consistent execution has no consistent
  // extension: every LKMM relation of the prefix is contained in the whole
  // execution's. Not with locks, whose reads-from depends on all lock writes.
  const hasLocks = traces.threads.some((list) => list.some((t) => t.events.some((e) => e.lock !== undefined)));
  // Checks that never prune are wasted (in a cycle of threads, every prefix
  // has a consistent execution): after each run of unsuccessful checks, check
  // half as often, down to one prefix in 256; a prefix pruned resets that.
  let interval = 1;
  let skipped = 0;
  let failures = 0;
  const prune = hasLocks ? undefined : (prefix: readonly ThreadTrace[]) => {
    meter.tick();
    if (eventsOf(prefix) > budget.maxEvents) return false;
    if (++skipped < interval) return false;
    skipped = 0;
    stats.prefixChecks = (stats.prefixChecks ?? 0) + 1;
    const pruned = !hasConsistentExecution(locations, skeletonFor(prefix).skeleton, options.model);
    if (pruned) {
      interval = 1;
      failures = 0;
    } else if (++failures % 16 === 0) {
      interval = Math.min(256, interval * 2);
    }
    return pruned;
  };
  try {
    for (const combination of traceCombinations(program, traces.threads, prune, () => meter.tick())) {
      stats.traceCombinations++;
      meter.tick();
      const n = eventsOf(combination);
      stats.maxEvents = Math.max(stats.maxEvents, n);
      meter.counts.events = Math.max(meter.counts.events, n);
      if (n > budget.maxEvents) {
        stop('events', budget.maxEvents);
        break;
      }
      const { skeleton, shape } = skeletonFor(combination);
      const hasPlain = skeleton.events.some((e) => (e.kind === 'R' || e.kind === 'W') && !e.init && e.lock === undefined && e.tags.length === 0 && !e.rmw);
      const perLocation: LocationChoice[][] = [];
      let dead = false;
      // A location's choices depend only on its own events (ids fixed by the
      // shape) and their values: reuse them across combinations.
      const valuesAt = new Map<string, string>();
      for (const e of skeleton.events) {
        if (e.init || e.loc === undefined) continue;
        valuesAt.set(e.loc, `${valuesAt.get(e.loc) ?? ''}${e.value === undefined ? '' : valueKey(e.value)},`);
      }
      let shapePlans = plans.get(shape);
      if (shapePlans === undefined) {
        shapePlans = [];
        if (cache(planBytes(skeleton.n, locations.length))) plans.set(shape, shapePlans);
      }
      for (let l = 0; l < locations.length; l++) {
        const loc = locations[l]!;
        const key = `${shape}\u0001${loc}\u0001${valuesAt.get(loc) ?? ''}`;
        let memo = choiceMemo.get(key);
        if (!memo) {
          const plan = shapePlans[l] ?? (shapePlans[l] = locationPlan(skeleton, loc));
          memo = locationChoices(skeleton, loc, { maxChoices: maxChoicesPerLocation, tick: tickMeter }, plan);
          if (cache(choicesBytes(memo.choices) + key.length * 2)) choiceMemo.set(key, memo);
        }
        const { choices, truncated } = memo;
        if (truncated) stop('choices', maxChoicesPerLocation);
        if (choices.length === 0) {
          dead = true;
          break;
        }
        perLocation.push(choices);
      }
      if (dead) continue;
      // The model's relations for one candidate, held while it is judged.
      const working = 60 * memoryCost.relation(skeleton.n);
      meter.charge(working);
      try {
        for (const pick of product(perLocation)) {
          stats.candidates++;
          meter.counts.candidates++;
          if (stats.candidates > budget.maxCandidates) {
            stop('candidates', budget.maxCandidates);
            break;
          }
          meter.tick();
          let execution = assemble(skeleton, pick);
          if (hasPlain) {
            // Value cycles through plain accesses: dropped, or kept once with unsolved values, as herd7 does.
            const unsolved = solveValues(execution, traces.domain);
            if (unsolved === 'drop' || unsolved === 'duplicate') continue;
            if (unsolved) execution = { ...execution, unsolved };
          }
          const verdict = options.model.check(execution);
          if (verdict.consistent) {
            stats.consistent++;
            options.visit(execution, verdict);
          }
        }
      } finally {
        meter.release(working);
      }
      if (hit.cutoff === 'candidates') break;
    }
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    stop(error.budget, error.limit);
  } finally {
    meter.release(cacheBytes);
  }
  return { stats, ...(hit.cutoff ? { cutoff: hit.cutoff } : {}), ...(hit.limit === undefined ? {} : { limit: hit.limit }) };
}

/** What a cached skeleton holds: its relations and events. */
function skeletonBytes(s: Skeleton): number {
  return 10 * memoryCost.relation(s.n) + s.n * memoryCost.traceEvent;
}

/** What the plans of a skeleton's locations hold (their lists of event ids). */
function planBytes(n: number, locations: number): number {
  return 64 + locations * (256 + 32 * n);
}

/** What a location's list of choices holds. */
function choicesBytes(choices: readonly LocationChoice[]): number {
  let bytes = 64;
  for (const c of choices) bytes += 64 + 8 * c.co.length + 40 * c.rf.length;
  return bytes;
}

/**
 * The locations executions have, with their initial values: the program's,
 * then any location at an offset from one of them that some trace accesses
 * (`y+128`, program/value.ts offsetAddress), whose initial value no read returns.
 */
function locationsOf(program: Program, traces: TraceSet): { locations: readonly string[]; initialValues: ReadonlyMap<string, Value> } {
  const declared = new Set(program.locations);
  const offsets = new Set<string>();
  for (const list of traces.threads) {
    for (const trace of list) {
      for (const e of trace.events) if (e.loc !== undefined && !declared.has(e.loc) && isOffsetLocation(e.loc)) offsets.add(e.loc);
    }
  }
  if (offsets.size === 0) return { locations: program.locations, initialValues: program.initialValues };
  const extra = [...offsets].sort();
  return { locations: [...program.locations, ...extra], initialValues: new Map([...program.initialValues, ...extra.map((loc) => [loc, noInitialValue] as const)]) };
}

/** Whether some candidate execution of these traces (a prefix of the threads) is consistent. */
function hasConsistentExecution(locations: readonly string[], skeleton: Skeleton, model: Model): boolean {
  const perLocation: LocationChoice[][] = [];
  let candidates = 1;
  for (const loc of locations) {
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

/** rf and co from one coherent choice per location. */
function assemble(skeleton: Skeleton, pick: readonly LocationChoice[]): Execution {
  const rf = new Relation(skeleton.n);
  const co = new Relation(skeleton.n);
  // Index loops: this runs for every candidate, and an iterator is an allocation.
  for (let k = 0; k < pick.length; k++) {
    const choice = pick[k]!;
    const edges = choice.rf;
    for (let i = 0; i < edges.length; i++) rf.add(edges[i]![0], edges[i]![1]);
    const order = choice.co;
    for (let i = 0; i < order.length; i++) for (let j = i + 1; j < order.length; j++) co.add(order[i]!, order[j]!);
  }
  return withRfCo(skeleton, rf, co);
}

/** Fewest combinations a prefix must stand for to be checked for a consistent execution. */
const minPrunedExtensions = 8;

/**
 * Every combination of one trace per thread in which each ordinary read's
 * value can be written by someone: the initial value, a write of a trace
 * already chosen, or a write some trace of a thread not yet chosen may make.
 * A depth-first walk over threads (fewest traces first), pruned as soon as a
 * read is unjustifiable, or when `prune` says a closed prefix (one whose reads
 * can only read from threads already chosen) has no consistent execution.
 * Combinations are yielded with their traces in thread order. The walk keeps
 * its own stack (a test may have thousands of threads) and calls `tick` for
 * every step, so a budget can stop it between two combinations.
 */
export function* traceCombinations(
  program: Program,
  threads: readonly (readonly ThreadTrace[])[],
  prune?: (prefix: readonly ThreadTrace[]) => boolean,
  tick?: () => void,
): Generator<ThreadTrace[]> {
  const key = (loc: string, v: Value | undefined) => `${loc}\u0000${v === undefined ? "" : valueKey(v)}`;
  const writesOf = (t: ThreadTrace) => t.events.filter((e) => e.kind === 'W' && e.loc !== undefined && e.lock === undefined).map((e) => key(e.loc!, e.value));
  const readsOf = (t: ThreadTrace) => t.events.filter((e) => e.kind === 'R' && e.loc !== undefined && e.lock === undefined).map((e) => key(e.loc!, e.value));
  const initial = new Set([...program.initialValues].map(([loc, v]) => key(loc, v)));
  // Visit threads with fewer traces first: prefixes close sooner.
  const order = threads.map((_, i) => i).sort((a, b) => threads[a]!.length - threads[b]!.length || a - b);
  const lists = order.map((t) => threads[t]!);
  if (lists.length === 0) {
    yield [];
    return;
  }
  if (lists.some((list) => list.length === 0)) return;
  const traceWrites = lists.map((list) => list.map(writesOf));
  const traceReads = lists.map((list) => list.map((t) => [...new Set(readsOf(t))]));
  // What each thread might write, over all its traces (loops: Array.prototype.flat is slow).
  const possible = traceWrites.map((all) => {
    const set = new Set<string>();
    for (const writes of all) for (const w of writes) set.add(w);
    return set;
  });
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
  // How many combinations extend a prefix ending before position p: checking
  // a prefix costs about as much as a few combinations, so it is checked
  // only when it stands for more than a few (small tests are not pruned).
  const extensions: number[] = [];
  for (let p = lists.length, product = 1; p >= 0; p--) {
    extensions[p] = product;
    if (p > 0) product = Math.min(Number.MAX_SAFE_INTEGER, product * lists[p - 1]!.length);
  }
  // Positions whose chosen trace reads something (only those need rechecking).
  const reading: number[] = [];
  /** Chooses trace `i` at position `p`; whether the walk may go deeper. */
  const choose = (p: number, i: number): boolean => {
    for (const w of traceWrites[p]![i]!) chosenWrites.set(w, (chosenWrites.get(w) ?? 0) + 1);
    chosenIndex.push(i);
    if (traceReads[p]![i]!.length > 0) reading.push(p);
    // Reads of every chosen thread must stay justifiable by what remains possible.
    let closed = true;
    for (const u of reading) {
      tick?.();
      for (const r of traceReads[u]![chosenIndex[u]!]!) {
        if (!justified(r, p + 1)) return false;
        if (closed && writableLater(r, p + 1)) closed = false;
      }
    }
    // A trace without events leaves the prefix as consistent as it was: no new check.
    const grows = lists[p]![i]!.events.length > 0;
    const worthChecking = p > 0 && p + 1 < lists.length && extensions[p + 1]! >= minPrunedExtensions;
    return !(closed && grows && prune && worthChecking && prune(inThreadOrder()));
  };
  const unchoose = (p: number): void => {
    const i = chosenIndex.pop()!;
    if (reading[reading.length - 1] === p) reading.pop();
    for (const w of traceWrites[p]![i]!) chosenWrites.set(w, chosenWrites.get(w)! - 1);
  };
  // next[p]: the next trace to try at position p (positions 0..depth-1 are chosen).
  const next: number[] = [0];
  while (next.length > 0) {
    const p = next.length - 1;
    tick?.();
    if (chosenIndex.length > p) unchoose(p); // back from the trace tried last at p
    const i = next[p]!;
    if (i >= lists[p]!.length) {
      next.pop();
      continue;
    }
    next[p] = i + 1;
    if (!choose(p, i)) continue;
    if (p + 1 === lists.length) yield inThreadOrder();
    else next.push(0);
  }
}
