// A deliberately naive explorer, kept only to cross-check explore.ts (the
// house law "two independent explorers agree"). It prunes nothing: every
// combination of thread traces (a plain cartesian product), every total order
// of each location's writes after its initial write, and every reads-from
// that matches values, each handed to the model, which alone decides. Lock
// locations follow lock.cat (../shared/reference/lkmm/lock.cat) read
// literally, not location-choices.ts. It shares only buildSkeleton and the
// types with the real explorer; it is slow on purpose and has no other users.
import type { Event } from '../src/program/event.ts';
import type { Program } from '../src/program/program.ts';
import { propTargets } from '../src/program/lower.ts';
import type { TraceSet } from '../src/program/value-domain.ts';
import { Relation } from '../src/execution/relation.ts';
import { buildSkeleton, type Execution, type Skeleton } from '../src/execution/execution.ts';
import { defaultBudget, type BudgetName, type ExploreOptions, type ExploreResult, type ExploreStats } from '../src/explore/explore.ts';
import { solveValues } from '../src/explore/value-cycles.ts';

/** One naive candidate for one location: a coherence order and a reads-from. */
export interface ReferenceLocationCandidate {
  /** The location's writes in coherence order, the initial write first. */
  readonly co: readonly number[];
  /** Reads-from edges `[write, read]`; a lock.cat read may have more than one. */
  readonly rf: readonly (readonly [number, number])[];
}

/**
 * Explores every execution of `program` the model accepts, with the same
 * contract as `explore()`: the same consistent executions are visited (in a
 * different order), `stats.candidates` counts the naive candidates judged,
 * and hitting a budget sets `cutoff`.
 */
export function referenceExplore(program: Program, traces: TraceSet, options: ExploreOptions): ExploreResult {
  const budget = options.budget ?? defaultBudget;
  const clock = options.clock ?? (() => Date.now());
  const started = clock();
  const stats: ExploreStats = { traceCombinations: 0, candidates: 0, consistent: 0, maxEvents: 0 };
  let cutoff: BudgetName | undefined = traces.budgetHit;
  const observedTargets = program.filter ? [...program.observed, ...propTargets(program.filter)] : program.observed;
  const observedLocations = new Set(observedTargets.flatMap((t) => (t.kind === 'location' ? [t.name] : [])));

  search: for (const combination of cartesian(traces.threads)) {
    stats.traceCombinations++;
    const skeleton = buildSkeleton(program.locations, program.initialValues, combination, observedLocations);
    stats.maxEvents = Math.max(stats.maxEvents, skeleton.n);
    if (skeleton.n > budget.maxEvents) {
      cutoff = 'events';
      break;
    }
    const perLocation = program.locations.map((loc) => referenceLocationCandidates(skeleton, loc, budget.maxCandidates));
    if (perLocation.some((list) => list.length > budget.maxCandidates)) {
      cutoff = 'candidates';
      break;
    }
    for (const pick of cartesian(perLocation)) {
      stats.candidates++;
      if (stats.candidates > budget.maxCandidates) {
        cutoff = 'candidates';
        break search;
      }
      if ((stats.candidates & 1023) === 0 && clock() - started > budget.maxMillis) {
        cutoff = 'time';
        break search;
      }
      let execution = assemble(skeleton, pick);
      // herd7 drops executions whose values cannot be solved, and keeps the
      // others once with unsolved values; so does every explorer.
      const unsolved = solveValues(execution, traces.domain);
      if (unsolved === 'drop' || unsolved === 'duplicate') continue;
      if (unsolved) execution = { ...execution, unsolved };
      const verdict = options.model.check(execution);
      if (verdict.consistent) {
        stats.consistent++;
        options.visit(execution, verdict);
      }
    }
  }
  return { stats, ...(cutoff ? { cutoff } : {}) };
}

/**
 * Every naive candidate for `loc` in `skeleton`: each total order of its
 * writes (lock.cat's constraints applied), times each choice of sources for
 * its reads. No coherence or atomicity filtering: that is the model's job.
 * Stops once more than `limit` candidates are listed (the caller sees the overflow).
 */
export function referenceLocationCandidates(skeleton: Skeleton, loc: string, limit = Infinity): ReferenceLocationCandidate[] {
  const { po } = skeleton;
  const at = skeleton.events.filter((e) => e.loc === loc && e.kind !== 'F');
  const iw = skeleton.initialWrite.get(loc)!;
  const poLoc = (a: Event, b: Event) => po.has(a.id, b.id);
  const ofLock = (kind: Event['lock']) => at.filter((e) => e.lock === kind);
  const LKW = ofLock('LKW');
  const UL = ofLock('UL');

  // lock.cat: let critical = ([LKW] ; po-loc ; [UL]) \ (po-loc ; [LKW | UL] ; po-loc)
  const unlockOf = new Map<number, number>();
  for (const lkw of LKW) {
    for (const ul of UL) {
      if (!poLoc(lkw, ul)) continue;
      const between = at.some((m) => (m.lock === 'LKW' || m.lock === 'UL') && poLoc(lkw, m) && poLoc(m, ul));
      if (!between) unlockOf.set(lkw.id, ul.id);
    }
  }
  // lock.cat: let UNMATCHED-LKW = LKW \ domain(critical);
  // empty ([UNMATCHED-LKW] ; loc ; [UNMATCHED-LKW]) \ id as unmatched-locks
  const unmatched = LKW.filter((e) => !unlockOf.has(e.id));
  if (unmatched.length > 1) return [];

  // herd7 generates co over W, which lock.cat has made W | LKW (UL is merged later).
  const coWrites = at.filter((e) => e.kind === 'W' && !e.init && e.lock !== 'UL');
  const reads = at.filter((e) => e.kind === 'R');
  const out: ReferenceLocationCandidate[] = [];
  for (const order of permutations(coWrites)) {
    // lock.cat: co0 | ([LKW] ; loc ; [UNMATCHED-LKW]) \ [UNMATCHED-LKW]: every other LKW first.
    const last = unmatched[0];
    if (last && order.some((e, i) => e.lock === 'LKW' && e !== last && i > order.indexOf(last))) continue;
    // lock.cat: let co = (co | critical | (critical^-1 ; co))+ puts each UL right after its LKW.
    const co = [iw];
    for (const w of order) {
      co.push(w.id);
      const ul = unlockOf.get(w.id);
      if (ul !== undefined) co.push(ul);
    }
    const options = reads.map((r) => sourceOptions(skeleton, r, at, co));
    for (const choice of cartesian(options)) {
      out.push({ co, rf: choice.flatMap((sources, i) => sources.map((w) => [w, reads[i]!.id] as const)) });
      if (out.length > limit) return out;
    }
  }
  return out;
}

/** Each way a read may read: a list of alternatives, each a set of source writes. */
function sourceOptions(skeleton: Skeleton, r: Event, at: readonly Event[], co: readonly number[]): number[][] {
  const { po, ext, events } = skeleton;
  const poLoc = (a: Event, b: Event) => po.has(a.id, b.id);
  switch (r.lock) {
    case 'LKR': {
      // lock.cat: let lk-rmw = ([LKR] ; po-loc ; [LKW]) \ (po ; po)
      const lkw = at.find((w) => w.lock === 'LKW' && poLoc(r, w) && !events.some((m) => po.has(r.id, m.id) && po.has(m.id, w.id)));
      // lock.cat: let rf = rf | ([IW | UL] ; singlestep(co) ; lk-rmw^-1)
      const p = lkw ? co.indexOf(lkw.id) : -1;
      const before = p > 0 ? events[co[p - 1]!]! : undefined;
      if (before && (before.init || before.lock === 'UL')) return [[before.id]];
      // Just after an ordinary write (a mixed access), lock.cat leaves the LKR with no source.
      return before ? [[]] : [];
    }
    case 'LF':
    case 'RL': {
      // lock.cat: let rfi-lf = ([LKW] ; po-loc ; [LF]) \ ([LKW] ; po-loc ; [UL] ; po-loc)
      const internal = at.filter((w) => w.lock === 'LKW' && poLoc(w, r) && !at.some((u) => u.lock === 'UL' && poLoc(w, u) && poLoc(u, r)));
      if (internal.length > 0) return [internal.map((w) => w.id)];
      // lock.cat: possible-rfe-noncrit-lf e = (LKW * {e}) & loc & ext
      return at.filter((w) => w.lock === 'LKW' && ext.has(w.id, r.id)).map((w) => [w.id]);
    }
    case 'RU': {
      // lock.cat: possible-rf-ru e = ((UL * {e}) & po-loc) \ ([UL] ; po-loc ; [UL] ; po-loc)
      //                              | (((UL | IW) * {e}) & loc & ext)
      const internal = at.filter((u) => u.lock === 'UL' && poLoc(u, r) && !at.some((v) => v.lock === 'UL' && poLoc(u, v) && poLoc(v, r)));
      const external = at.filter((w) => (w.lock === 'UL' || w.init) && ext.has(w.id, r.id));
      return [...internal, ...external].map((w) => [w.id]);
    }
    default:
      // herd7: an ordinary read reads any write of its value to its location, po-later
      // ones and its own thread's included (coherence is the model's to check). Lock
      // events carry no value in herd7, so they are never the source of an ordinary read.
      return at.filter((w) => w.kind === 'W' && w.lock === undefined && w.value === r.value).map((w) => [w.id]);
  }
}

/** rf and co from one candidate per location. */
function assemble(skeleton: Skeleton, pick: readonly ReferenceLocationCandidate[]): Execution {
  const rf = new Relation(skeleton.n);
  const co = new Relation(skeleton.n);
  for (const candidate of pick) {
    for (const [w, r] of candidate.rf) rf.add(w, r);
    candidate.co.forEach((a, i) => candidate.co.slice(i + 1).forEach((b) => co.add(a, b)));
  }
  return { ...skeleton, rf, co };
}

/** Every permutation of `items` (Heap's algorithm would do; recursion is clearer). */
function* permutations<T>(items: readonly T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield [...items];
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const tail of permutations(rest)) yield [items[i]!, ...tail];
  }
}

/** The cartesian product of the lists; one empty list makes it empty, no lists make one empty tuple. */
function* cartesian<T>(lists: readonly (readonly T[])[]): Generator<T[]> {
  if (lists.length === 0) {
    yield [];
    return;
  }
  const [head, ...tail] = lists;
  for (const rest of cartesian(tail)) for (const item of head!) yield [item, ...rest];
}
