// The cheapest repair: the set of barrier edits of least total cost (by the
// exercise's cost table) whose application makes the bad outcome impossible,
// found by running the engine on each edited program in order of increasing
// cost. Adding barriers never adds outcomes (a law the property tests
// check), so the first set that works is a cheapest one, and if applying
// every candidate edit at once does not work, no subset will.
import type { FlushFlavour } from '../program/kernel-objects.ts';
import type { Budget } from '../explore/explore.ts';
import type { ModelName } from '../models/model.ts';
import { runLitmus } from '../run-litmus.ts';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import type { Verdict } from '../verdict/verdict.ts';
import { communicationCycle, describeOrdering, type CommunicationCycle, type CycleSegment } from './communication-cycle.ts';
import { applyEdits, candidateEdits, defaultCosts, type CostTable, type RepairEdit, type RepairKind } from './repair-edits.ts';
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
  /** Most edited programs run through the engine (default 400). */
  readonly maxPrograms?: number;
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
 * bounds (edits, programs, the candidate places) works; `message` says which.
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
  const run = (text: string) => runLitmus(text, { model, ...(options.flush ? { flush: options.flush } : {}), ...(options.budget ? { budget: options.budget } : {}), ...(options.clock ? { clock: options.clock } : {}) }).verdict;
  const none = (status: Repair['status'], message: string, programsTried = 0, cycle?: CommunicationCycle): Repair =>
    ({ status, message, edits: [], cost: 0, pairings: [], programsTried, ...(cycle ? { cycle } : {}) });

  const original = run(source);
  const ast = parseLitmus(source).ast;
  if (!original || !ast) return none('none-found', 'the test does not check: fix its errors first');
  if (!showsBadOutcome(original)) return none('not-needed', 'the outcome is already impossible: nothing to repair');
  const witness = smallestCounterexample(original)?.witness;
  const cycle = witness ? communicationCycle(witness) : undefined;
  if (model !== 'sc') {
    const sc = runLitmus(source, { model: 'sc', ...(options.flush ? { flush: options.flush } : {}), ...(options.budget ? { budget: options.budget } : {}) }).verdict;
    if (sc && sc.status === 'complete' && showsBadOutcome(sc)) {
      return none('impossible', 'the outcome happens even under sequential consistency (some plain interleaving of the CPUs gives it), so no barrier can forbid it', 1, cycle);
    }
  }

  const edits = candidateEdits(ast, source, costs);
  const forbids = (text: string) => {
    const v = run(text);
    return v !== undefined && v.status === 'complete' && !showsBadOutcome(v);
  };
  const maxPrograms = options.maxPrograms ?? 400;
  let tried = 0;
  // If even every candidate at once allows the outcome, no subset forbids it.
  tried++;
  if (edits.length === 0 || !forbids(applyEdits(source, edits))) {
    return none('none-found', edits.length === 0
      ? 'none found: the test has no place to put a barrier'
      : 'none found: even a barrier in every candidate place does not forbid the outcome (it may need RCU, locks or a change to the code itself)', tried, cycle);
  }
  for (const set of editSets(edits, options.maxEdits ?? 3)) {
    if (tried >= maxPrograms) {
      return none('none-found', `none found within budget: ${tried} programs tried, up to ${options.maxEdits ?? 3} edits each`, tried, cycle);
    }
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
      };
    }
  }
  return none('none-found', `none found with at most ${options.maxEdits ?? 3} edits (${tried} programs tried)`, tried, cycle);
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
