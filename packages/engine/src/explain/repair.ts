// The cheapest repair: the set of barrier edits of least total cost (by the
// exercise's cost table) whose application makes the bad outcome impossible.
// Edit sets are taken in order of increasing cost (ties: fewer edits, then
// source order); the first whose edited program the engine finds free of the
// outcome is the answer.
//
// Running the engine on every set is too slow (a kernel scenario needs two
// full barriers among some forty places: thousands of sets), so each set is
// first judged against the counterexamples, the executions of the test that
// show the outcome. A barrier changes no value, branch or dependency, so a
// counterexample is also a candidate execution of the edited program, with
// the same outcome (candidates.ts, `transplant`); if the model still allows
// it there, the set certainly fails and the engine need not run. Only sets
// that rule out every counterexample go to the engine, and the first it
// confirms is the answer: the plain search's answer, with far fewer runs.
//
// The rest rests on the law that adding barriers never adds outcomes, in the
// form the LKMM gives it (its relations only grow with fences and
// acquire/release, linux-kernel.cat): an execution an edited program allows
// is allowed without the edits, so it is a counterexample carried over. Then
//  - a counterexample that survives a set of edits survives every subset, and
//    one a set rules out is ruled out by every superset: the judge grows each
//    set a counterexample survives into a maximal one (a full barrier where
//    it survives one, the weaker barriers too) and answers for every set
//    inside without a check;
//  - an edit no counterexample's traces meet (a barrier on a path none takes)
//    changes none of them, so a set with it forbids the outcome only if the
//    set without it does, which costs no more, has fewer edits and so comes
//    first: such edits are left out of the search;
//  - if a counterexample survives every edit at once, no set forbids the
//    outcome (the plain search ran the engine on that program to know).
// Making a plain access marked breaks the law (the access leaves the
// plain-access rules), so what is learnt of a set carries over only to sets
// with the same such upgrades, and with any, no edit is left out.
// The property tests compare the answer with the plain search and with brute
// force. When the counterexamples cannot be carried over (the edited programs'
// traces do not line up, a budget cut the exploration), every set goes to the
// engine, as before.
import type { FlushFlavour } from '../program/kernel-objects.ts';
import type { Budget } from '../explore/explore.ts';
import { modelFor } from '../models/catalog.ts';
import type { ModelName } from '../models/model.ts';
import type { Program } from '../program/program.ts';
import { runLitmus } from '../run/run-litmus.ts';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import type { Verdict } from '../verdict/verdict.ts';
import { editFamily, exploreMember, transplant, type MemberExecution } from './candidates.ts';
import { communicationCycle, describeOrdering, type CommunicationCycle, type CycleSegment } from './communication-cycle.ts';
import { defaultCosts, type CostTable, type RepairKind } from './barrier-vocabulary.ts';
import { applyEdits, candidateEdits, type RepairEdit } from './repair-edits.ts';
import { smallestCounterexample } from './counterexamples.ts';
import { threadName } from './witness-relations.ts';

/** Options for `findRepair`. */
export interface RepairOptions {
  readonly model?: ModelName;
  /** How kernel TLB flushes behave; overrides the test's `// @flush`. */
  readonly flush?: FlushFlavour;
  /** Costs override the defaults kind by kind. */
  readonly costs?: Partial<CostTable>;
  /** Most edits in one repair (default 3). */
  readonly maxEdits?: number;
  /**
   * The kinds of edit allowed (default: all). An exercise whose learners may
   * only change barrier statements leaves out `smp_load_acquire` and
   * `smp_store_release`, so the repair never proposes what it would refuse.
   */
  readonly kinds?: readonly RepairKind[];
  /** Most edited programs run through the engine (default 400). */
  readonly maxPrograms?: number;
  /** Most edit sets judged, by the counterexamples or by the engine (default 100,000). */
  readonly maxSets?: number;
  /** Budget for each run of the engine. */
  readonly budget?: Budget;
  readonly clock?: () => number;
}

/** One edit of a repair, as shown to the learner. */
export interface RepairStep {
  readonly thread: number;
  readonly line: number;
  readonly kind: RepairKind;
  readonly action: 'insert' | 'upgrade';
  readonly description: string;
  readonly cost: number;
}

/** Which ordering an edit of the repair pairs with, on the counterexample's cycle. */
export interface RepairPairing {
  /** Index into `Repair.edits`. */
  readonly edit: number;
  readonly thread: number;
  /** The partner: another edit of the repair, or an ordering already in the program. */
  readonly partner?: { readonly thread: number; readonly line: number; readonly text: string; readonly edit?: number };
  readonly message: string;
}

/**
 * `found`: `edits` forbid the outcome at least cost. `not-needed`: the
 * outcome is already impossible. `impossible`: it happens under sequential
 * consistency, so no barrier can forbid it. `none-found`: nothing within the
 * bounds (edits, programs, sets, the candidate places) works; `message` says which.
 */
export interface Repair {
  readonly status: 'found' | 'not-needed' | 'impossible' | 'none-found';
  readonly message: string;
  readonly edits: readonly RepairStep[];
  readonly cost: number;
  /** The edited test, when found. */
  readonly source?: string;
  readonly pairings: readonly RepairPairing[];
  /** The cycle of the smallest counterexample, which the repair breaks. */
  readonly cycle?: CommunicationCycle;
  /** Edited programs run through the engine. */
  readonly programsTried: number;
  /** Edit sets judged, cheapest first: ruled out by a counterexample, or run through the engine. */
  readonly setsJudged: number;
}

/** Whether `verdict` shows the bad outcome: the condition's proposition can hold (`exists`, `~exists`) or fail (`forall`). */
export function showsBadOutcome(verdict: Verdict): boolean {
  return verdict.quantifier === 'forall' ? verdict.observed.negative > 0 : verdict.observed.positive > 0;
}

/**
 * The cheapest set of barrier edits to `source` that forbids the outcome the
 * test asks about, under `options.model` (default lkmm). Never throws on a
 * bad test: a test that does not check comes back as `none-found`.
 */
export function findRepair(source: string, options: RepairOptions = {}): Repair {
  const model = options.model ?? 'lkmm';
  const costs: CostTable = { ...defaultCosts, ...options.costs };
  const flushOption = options.flush ? { flush: options.flush } : {};
  const runOptions = { model, herdHash: false, ...flushOption, ...(options.budget ? { budget: options.budget } : {}), ...(options.clock ? { clock: options.clock } : {}) };
  const run = (text: string) => runLitmus(text, runOptions).verdict;
  const none = (status: Repair['status'], message: string, programsTried = 0, cycle?: CommunicationCycle, setsJudged = 0): Repair =>
    ({ status, message, edits: [], cost: 0, pairings: [], programsTried, setsJudged, ...(cycle ? { cycle } : {}) });

  const checked = runLitmus(source, runOptions);
  const original = checked.verdict;
  const ast = parseLitmus(source).ast;
  if (!original || !ast || !checked.program) return none('none-found', 'the test does not check: fix its errors first');
  if (!showsBadOutcome(original)) return none('not-needed', 'the outcome is already impossible: nothing to repair');
  const witness = smallestCounterexample(original)?.witness;
  const cycle = witness ? communicationCycle(witness) : undefined;
  if (model !== 'sc') {
    const sc = runLitmus(source, { model: 'sc', herdHash: false, ...flushOption, ...(options.budget ? { budget: options.budget } : {}) }).verdict;
    if (sc && sc.status === 'complete' && showsBadOutcome(sc)) {
      return none('impossible', 'the outcome happens even under sequential consistency (some plain interleaving of the CPUs gives it), so no barrier can forbid it', 1, cycle);
    }
  }

  const edits = candidateEdits(ast, source, costs).filter((e) => !options.kinds || options.kinds.includes(e.kind));
  if (edits.length === 0) return none('none-found', 'none found: the test has no place to put a barrier', 0, cycle);
  const forbids = (text: string) => {
    const v = run(text);
    return v !== undefined && v.status === 'complete' && !showsBadOutcome(v);
  };
  const maxEdits = options.maxEdits ?? 3;
  const maxPrograms = options.maxPrograms ?? 400;
  const maxSets = options.maxSets ?? 100_000;
  const everywhere = 'none found: even a barrier in every candidate place does not forbid the outcome (it may need RCU, locks or a change to the code itself)';
  let tried = 0;
  let judged = 0;

  const judge = counterexampleJudge(source, checked.program, original, edits, { ...options, model });
  let pool: readonly RepairEdit[] = edits;
  if (judge) {
    if (judge.lawful) pool = edits.filter((e, i) => e.cost < 0 || judge.met.has(i));
    // By the law, if a counterexample survives all of them at once, it survives every subset.
    if (pool.length === 0 || judge.refutes(pool)) return none('none-found', everywhere, 0, cycle);
  } else {
    // If even every candidate at once allows the outcome, no subset forbids it.
    tried++;
    if (!forbids(applyEdits(source, edits))) return none('none-found', everywhere, tried, cycle);
  }
  const outOfBudget = () => none('none-found', `none found within budget: ${judged} edit sets judged, ${tried} programs tried, up to ${maxEdits} edits each`, tried, cycle, judged);
  for (const set of editSets(pool, maxEdits)) {
    if (judged >= maxSets) return outOfBudget();
    judged++;
    if (judge?.refutes(set)) continue;
    if (tried >= maxPrograms) return outOfBudget();
    tried++;
    const text = applyEdits(source, set);
    if (forbids(text)) {
      const steps: RepairStep[] = set.map((e) => ({ thread: e.thread, line: e.line, kind: e.kind, action: e.action, description: e.description, cost: e.cost }));
      const total = set.reduce((n, e) => n + e.cost, 0);
      const pairings = cycle ? pairEdits(steps, cycle) : [];
      return {
        status: 'found',
        message: `${steps.map((s) => s.description).join('; ')} (cost ${total})`,
        edits: steps,
        cost: total,
        source: text,
        pairings,
        ...(cycle ? { cycle } : {}),
        programsTried: tried,
        setsJudged: judged,
      };
    }
  }
  return none('none-found', `none found with at most ${maxEdits} edits (${judged} edit sets judged, ${tried} programs tried)`, tried, cycle, judged);
}

/** Judges edit sets against the test's counterexamples, without running the engine. */
interface CounterexampleJudge {
  /** Indices (into the candidate edits) of the edits some counterexample's traces meet. */
  readonly met: ReadonlySet<number>;
  /** Whether the law holds for every edit (none upgrades a plain access), so edits `met` leaves out may be left out of the search. */
  readonly lawful: boolean;
  /** Whether some counterexample is still allowed with `set` applied: then `set` certainly does not forbid the outcome. */
  refutes(set: readonly RepairEdit[]): boolean;
}

/**
 * The judge for `edits` of `source` (checked as `program`, with verdict
 * `verdict`), or undefined when the counterexamples cannot be carried over
 * to the edited programs (see `editFamily`), a budget cuts the exploration,
 * or it finds other counterexamples than the engine did.
 */
function counterexampleJudge(source: string, program: Program, verdict: Verdict, edits: readonly RepairEdit[], options: RepairOptions & { readonly model: ModelName }): CounterexampleJudge | undefined {
  const family = editFamily(source, program, edits, options.flush);
  if (!family) return undefined;
  const model = modelFor(options.model);
  const bad = verdict.quantifier !== 'forall';
  const found: MemberExecution[] = [];
  const { cutoff } = exploreMember(family, () => false, model, (x, satisfies) => {
    if (satisfies === bad) found.push(x);
  }, options.budget, options.clock);
  if (cutoff || found.length !== (bad ? verdict.observed.positive : verdict.observed.negative)) return undefined;
  const f = family;
  const survives = (k: Known, chosen: ReadonlySet<number>) => model.check(transplant(f, k.x, (c) => chosen.has(c))).consistent;
  // Smallest first, the judge's order for witnesses; the last to refute a set is tried first on the next.
  const known: Known[] = found.map((x, order) => ({ x, order, meets: [...new Set(x.traces.flatMap((k, t) => f.threads[t]![k]!.edits))].sort((a, b) => a - b), survivors: [], killers: [] }))
    .sort((a, b) => a.x.execution.n - b.x.execution.n || a.order - b.order);
  const met = new Set(known.flatMap((k) => k.meets));
  const indexOf = new Map(edits.map((e, i) => [e.key, i]));
  // The law holds for barriers, not for plain accesses made marked (see
  // `ProgramFamily.plainUpgrades`): what the judge learns of a set of edits
  // carries over only to sets with the same such upgrades.
  const unlawful = f.plainUpgrades;
  const fixedPart = (own: readonly number[]) => own.filter((e) => unlawful.has(e)).join();
  return {
    met,
    lawful: unlawful.size === 0,
    refutes(set) {
      const chosen = set.map((e) => indexOf.get(e.key)!);
      for (let i = 0; i < known.length; i++) {
        const k = known[i]!;
        // Only the edits on this counterexample's paths change it.
        const own = chosen.filter((c) => k.meets.includes(c));
        const fixed = fixedPart(own);
        if (!k.survivors.some((m) => m.fixed === fixed && own.every((e) => m.edits.has(e)))) {
          if (k.killers.some((r) => r.fixed === fixed && r.edits.every((e) => own.includes(e)))) continue;
          const grown = new Set(own);
          if (!survives(k, grown)) {
            k.killers.push({ fixed, edits: own });
            continue;
          }
          // As many barriers as it survives: by the law, it survives every subset, so the few
          // checks here answer for the many sets inside. Halving finds the edits that would
          // rule it out with few checks; one left out when alone still rules it out with the
          // larger set grown later (by the law again), so the result is maximal.
          const grow = (more: readonly number[]): void => {
            if (more.length === 0) return;
            more.forEach((e) => grown.add(e));
            if (survives(k, grown)) return;
            more.forEach((e) => grown.delete(e));
            if (more.length === 1) return;
            const half = more.length >> 1;
            grow(more.slice(0, half));
            grow(more.slice(half));
          };
          grow(k.meets.filter((e) => !grown.has(e) && !unlawful.has(e)));
          k.survivors.push({ fixed, edits: grown });
        }
        known.splice(i, 1);
        known.unshift(k);
        return true;
      }
      return false;
    },
  };
}

/** A counterexample, with what the judge has learnt of it. */
interface Known {
  readonly x: MemberExecution;
  /** Order of discovery. */
  readonly order: number;
  /** The edits its traces meet, ascending: no other edit changes it. */
  readonly meets: readonly number[];
  /** Sets of edits (among `meets`) it survives: then it survives every subset with the same plain-access upgrades (`fixed`). */
  readonly survivors: { readonly fixed: string; readonly edits: ReadonlySet<number> }[];
  /** Sets of edits (among `meets`) that rule it out: then so does every superset with the same plain-access upgrades. */
  readonly killers: { readonly fixed: string; readonly edits: readonly number[] }[];
}

/**
 * Every set of at most `maxEdits` edits with at most one barrier per slot,
 * cheapest first; ties broken by fewer edits, then source order.
 */
export function editSets(edits: readonly RepairEdit[], maxEdits: number): RepairEdit[][] {
  const sets: { edits: RepairEdit[]; cost: number; order: number[] }[] = [];
  const pick = (from: number, chosen: number[], slots: Set<string>) => {
    if (chosen.length > 0) {
      const list = chosen.map((i) => edits[i]!);
      sets.push({ edits: list, cost: list.reduce((n, e) => n + e.cost, 0), order: [...chosen] });
    }
    if (chosen.length === maxEdits) return;
    for (let i = from; i < edits.length; i++) {
      const slot = edits[i]!.slot;
      if (slots.has(slot)) continue;
      chosen.push(i);
      slots.add(slot);
      pick(i + 1, chosen, slots);
      slots.delete(slot);
      chosen.pop();
    }
  };
  pick(0, [], new Set());
  sets.sort((a, b) => a.cost - b.cost || a.edits.length - b.edits.length || compareOrder(a.order, b.order));
  return sets.map((s) => s.edits);
}

function compareOrder(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/**
 * Pairs each edit with the ordering on another segment of the cycle: another
 * edit of the repair when there is one, else an ordering the program already
 * has (a barrier, acquire/release, a dependency).
 */
function pairEdits(steps: readonly RepairStep[], cycle: CommunicationCycle): RepairPairing[] {
  const segmentOf = (s: RepairStep) => cycle.segments.findIndex((g) => g.thread === s.thread && onSegment(s, g));
  const name = (s: RepairStep) => `${s.kind}() in ${threadName(s.thread)} (line ${s.line})`;
  const out: RepairPairing[] = [];
  steps.forEach((s, i) => {
    const mine = segmentOf(s);
    if (mine < 0) {
      out.push({ edit: i, thread: s.thread, message: `${name(s)} orders accesses outside the counterexample's cycle (it forbids another execution giving the same outcome)` });
      return;
    }
    const j = steps.findIndex((o, k) => k !== i && segmentOf(o) >= 0 && segmentOf(o) !== mine);
    if (j >= 0) {
      const o = steps[j]!;
      out.push({ edit: i, thread: s.thread, partner: { thread: o.thread, line: o.line, text: `${o.kind}()`, edit: j }, message: `${name(s)} pairs with ${name(o)}: ${cycle.shapeDescription}` });
      return;
    }
    const other = cycle.segments.find((g, k) => k !== mine && g.orderings.length > 0);
    const existing = other?.orderings[0];
    if (other && existing) {
      out.push({ edit: i, thread: s.thread, partner: { thread: other.thread, line: existing.line, text: existing.text }, message: `${name(s)} pairs with the existing ${describeOrdering(other.thread, existing)}: ${cycle.shapeDescription}` });
      return;
    }
    out.push({ edit: i, thread: s.thread, message: `${name(s)} alone breaks the cycle: ${cycle.shapeDescription}` });
  });
  return out;
}

/** Whether an edit orders the segment: a barrier between its ends, or an upgrade of one of its ends. */
function onSegment(s: RepairStep, g: CycleSegment): boolean {
  if (g.first === g.last) return false;
  if (s.action === 'insert') return s.line > g.firstLine && s.line <= g.lastLine;
  return s.kind === 'smp_load_acquire' ? s.line === g.firstLine : s.line === g.lastLine;
}
