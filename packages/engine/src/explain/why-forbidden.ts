// Why a fixed program can no longer give the outcome: of the candidate
// executions that would give it, which axiom of the model rules each out,
// and which pairing of barriers does it, read off the smallest one's cycle
// of program order and communication.
import type { FlushFlavour } from '../program/kernel-objects.ts';
import type { Budget } from '../explore/explore.ts';
import { kernelArchFor, modelFor } from '../models/catalog.ts';
import type { ModelName } from '../models/model.ts';
import { lower } from '../program/lower.ts';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { formatCondition } from '../verdict/condition.ts';
import { toWitness } from '../verdict/judge.ts';
import type { Witness } from '../verdict/verdict.ts';
import { scanCandidates, type Candidate } from './candidates.ts';
import { communicationCycle, describeOrdering, type CommunicationCycle } from './communication-cycle.ts';

/** Options for `whyForbidden`. */
export interface WhyForbiddenOptions {
  readonly model?: ModelName;
  /** How kernel TLB flushes behave; overrides the test's `// @flush`. */
  readonly flush?: FlushFlavour;
  readonly budget?: Budget;
  readonly clock?: () => number;
}

/**
 * `forbidden`: candidates give the outcome, and the model rules out every one.
 * `not-forbidden`: some consistent execution gives it (nothing to explain).
 * `unreachable`: no candidate gives it at all (the values cannot arise,
 * whatever the model). `inconclusive`: a budget stopped the scan.
 */
export interface WhyForbidden {
  readonly status: 'forbidden' | 'not-forbidden' | 'unreachable' | 'inconclusive' | 'invalid';
  /** One paragraph for the learner. */
  readonly message: string;
  /** The condition as herd7 prints it. */
  readonly condition: string;
  /** The axiom that rules out the smallest candidate (`happens-before`, `propagation`, `rcu`, `coherence`, ...). */
  readonly axiom?: string;
  /** How many outcome-giving candidates each axiom rules out, by axiom name. */
  readonly axioms: readonly { readonly axiom: string; readonly candidates: number }[];
  /** The smallest candidate giving the outcome, as a witness (its `state` is 0). */
  readonly candidate?: Witness;
  readonly cycle?: CommunicationCycle;
  /** `smp_wmb() in P0 (line 12) pairs with smp_rmb() in P1 (line 21): message passing (MP)`. */
  readonly pairing?: string;
  readonly candidatesExamined: number;
}

/** What each axiom means, for people (linux-kernel.cat's check names). */
const axiomMeaning: Readonly<Record<string, string>> = {
  coherence: 'all CPUs must agree on one order of the stores to each location, consistent with program order (coherence)',
  atomic: 'nothing may write to a location between the read and the write of an atomic read-modify-write (atomic)',
  'happens-before': 'an event cannot happen before itself: ordered program order (barriers, acquire/release, dependencies) and reads-from would form a cycle (happens-before)',
  propagation: 'a strong barrier makes the stores its CPU has seen visible to every CPU before anything after the barrier (propagation)',
  rcu: 'a grace period cannot end before every RCU read-side critical section that started before it has ended (rcu)',
  'plain-coherence': 'plain accesses must respect coherence too (plain-coherence)',
  sc: 'the outcome needs two CPUs to disagree on the order of events, which sequential consistency never allows',
  tso: 'x86-TSO only lets a store wait in its CPU\'s store buffer; this outcome needs more reordering than that',
  'lock-nest': 'a spinlock cannot be taken twice by the same CPU without unlocking',
};

/**
 * Explains why `source`'s outcome is forbidden under `options.model`
 * (default lkmm): scans the candidate executions giving the outcome (the
 * proposition holding, for `exists`/`~exists`; failing, for `forall`),
 * reports the axiom each fails, and for the smallest the cycle and the
 * pairing that forbids it. Never throws on a bad test (`invalid`).
 */
export function whyForbidden(source: string, options: WhyForbiddenOptions = {}): WhyForbidden {
  const parsed = parseLitmus(source);
  const lowered = parsed.ast && !parsed.diagnostics.some((d) => d.severity === 'error') ? lower(parsed.ast, source, { arch: kernelArchFor(options.model ?? 'lkmm'), ...(options.flush ? { flush: options.flush } : {}) }) : undefined;
  const program = lowered?.program;
  if (!program) {
    return { status: 'invalid', message: 'the test does not check: fix its errors first', condition: '', axioms: [], candidatesExamined: 0 };
  }
  const condition = formatCondition(program.condition);
  const bad = program.condition.quantifier !== 'forall';
  const model = modelFor(options.model ?? 'lkmm');
  const counts = new Map<string, number>();
  let smallest: Candidate | undefined;
  let allowed = false;
  const scan = scanCandidates(program, model, (c) => {
    if (c.satisfies !== bad) return;
    if (c.verdict.consistent) {
      allowed = true;
      return;
    }
    const axiom = c.verdict.violated ?? 'unknown';
    counts.set(axiom, (counts.get(axiom) ?? 0) + 1);
    if (!smallest || c.execution.n < smallest.execution.n) smallest = c;
  }, options.budget, options.clock);
  const axioms = [...counts].map(([axiom, candidates]) => ({ axiom, candidates })).sort((a, b) => b.candidates - a.candidates || a.axiom.localeCompare(b.axiom));
  const base = { condition, axioms, candidatesExamined: scan.examined };
  if (allowed) return { ...base, status: 'not-forbidden', message: `the outcome ${condition} is allowed under ${model.name}: see the counterexample` };
  if (scan.cutoff) return { ...base, status: 'inconclusive', message: `the scan of candidate executions stopped at its ${scan.cutoff} budget after ${scan.examined} candidates` };
  const chosen = smallest as Candidate | undefined;
  if (!chosen) {
    return { ...base, status: 'unreachable', message: `no candidate execution gives ${condition}, whatever the memory model: either CPUs would have to disagree on the order of the stores to one location (coherence, which every model keeps), or the values it needs would have to appear out of thin air (no store writes them unless it first reads them)` };
  }
  const axiom = chosen.verdict.violated ?? 'unknown';
  const candidate = toWitness(chosen.execution, 0, []);
  const cycle = communicationCycle(candidate);
  const pairing = cycle ? pairingOf(cycle) : undefined;
  const meaning = axiomMeaning[axiom] ?? `the model's ${axiom} check fails`;
  const parts = [
    `Every execution that would give ${condition} is forbidden under ${model.name}.`,
    `The smallest one breaks this rule: ${meaning}.`,
    ...(cycle ? [`Its cycle is ${cycleText(cycle, candidate)} — ${cycle.shapeDescription}.`] : []),
    ...(pairing ? [`What forbids it: ${pairing}.`] : []),
  ];
  return {
    ...base,
    status: 'forbidden',
    message: parts.join(' '),
    axiom,
    candidate,
    ...(cycle ? { cycle } : {}),
    ...(pairing ? { pairing } : {}),
  };
}

/** The orderings on the cycle's segments, joined as a pairing sentence. */
function pairingOf(cycle: CommunicationCycle): string | undefined {
  const named = cycle.segments.flatMap((g) => (g.orderings.length > 0 ? [describeOrdering(g.thread, g.orderings[0]!)] : []));
  if (named.length === 0) return undefined;
  if (named.length === 1) return `${named[0]}, on the only ordered side of ${cycle.shapeDescription}`;
  return `${named[0]} pairs with ${named.slice(1).join(' and ')}: ${cycle.shapeDescription}`;
}

/** `W x=1 (P0, line 12) -po-> W y=1 (P0, line 13) -rf-> ...`. */
export function cycleText(cycle: CommunicationCycle, witness: Witness): string {
  const byId = new Map(witness.events.map((e) => [e.id, e]));
  const name = (id: number) => {
    const e = byId.get(id)!;
    return `${e.kind} ${e.loc ?? ''}=${e.value ?? '?'} (P${e.thread}, line ${e.line})`;
  };
  return `${cycle.edges.map((e) => `${name(e.from)} -${e.kind}->`).join(' ')} ${name(cycle.edges[0]!.from)}`;
}
