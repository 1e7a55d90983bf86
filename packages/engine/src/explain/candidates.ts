// Candidate executions irrespective of the model: every coherent-piece
// assembly the explorer builds, with what the model says of it. The
// explorer visits only consistent executions, so the model is wrapped: the
// wrapper records the real verdict and lets everything through (which also
// turns off prefix pruning, harmless on the small tests explained).
//
// Also the candidate executions of edited programs (a program family): a
// test with some of a list of barrier edits applied. Inserting a barrier or
// upgrading an access to acquire/release changes no value, branch or
// dependency, only the events' fences and tags, so the edited programs'
// traces are those of the program with every edit applied, minus the
// fences of the edits left out and with their accesses as they were. An
// execution of the test then carries over to any edited program, with the
// same reads-from and coherence.
import type { ConditionTarget } from '../syntax/ast.ts';
import { buildSkeleton, type Execution } from '../execution/execution.ts';
import { explore, type Budget, type BudgetName } from '../explore/explore.ts';
import type { Model, ModelVerdict } from '../models/model.ts';
import { Relation } from '../execution/relation.ts';
import type { LocalEdge, ThreadEvent, ThreadTrace } from '../program/event.ts';
import type { FlushFlavour } from '../program/kernel-objects.ts';
import { lower } from '../program/lower.ts';
import type { Program } from '../program/program.ts';
import { computeTraces, type TraceSet } from '../program/value-domain.ts';
import { valueKey, type Value } from '../program/value.ts';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { holds } from '../verdict/condition.ts';
import { finalState } from '../verdict/final-state.ts';
import { sourceSlicer } from '../syntax/source-slicer.ts';
import { placeEdits, type RepairEdit } from './repair-edits.ts';

/** One candidate execution and the model's word on it. */
export interface Candidate {
  readonly execution: Execution;
  readonly verdict: ModelVerdict;
  /** Whether the condition's proposition holds in its final state. */
  readonly satisfies: boolean;
}

export interface CandidateScan {
  /** Candidates visited (after the filter). */
  readonly examined: number;
  readonly cutoff?: BudgetName;
}

/** Default limits for a scan: small, since every candidate is judged. */
export const candidateBudget: Budget = { maxEvents: 64, maxCandidates: 200_000, maxMillis: 20_000 };

/**
 * Calls `visit` for every candidate execution of `program` that passes its
 * `filter`, consistent or not under `model`, in the explorer's
 * deterministic order. Stops at `budget` and says so.
 */
export function scanCandidates(
  program: Program,
  model: Model,
  visit: (candidate: Candidate) => void,
  budget: Budget = candidateBudget,
  clock?: () => number,
): CandidateScan {
  const verdicts = new WeakMap<Execution, ModelVerdict>();
  const permissive: Model = {
    name: model.name,
    description: model.description,
    check(x) {
      const v = model.check(x);
      verdicts.set(x, v);
      return { consistent: true, flags: [] };
    },
  };
  const normalize = (t: ConditionTarget, v: Value): Value =>
    t.kind === 'location' && typeof v === 'number' && program.unsignedLocations.has(t.name) ? v >>> 0 : v;
  const traces = computeTraces(program, sourceSlicer(program.source));
  let examined = 0;
  const { cutoff } = explore(program, traces, {
    model: permissive,
    budget,
    ...(clock ? { clock } : {}),
    visit(execution) {
      const raw = finalState(execution);
      const read = (t: ConditionTarget) => normalize(t, raw(t));
      if (program.filter && !holds(program.filter, read, normalize)) return;
      examined++;
      const verdict = verdicts.get(execution) ?? model.check(execution);
      visit({ execution, verdict, satisfies: holds(program.condition.prop, read, normalize) });
    },
  });
  return { examined, ...(cutoff ? { cutoff } : {}) };
}

/** One optional edit of a program family: where its call starts in the text of the fully edited program. */
export interface FamilyEdit {
  /** `insert`: its events are new fences; `upgrade`: it changes the tags of the access(es) it rewrites. */
  readonly action: 'insert' | 'upgrade';
  readonly line: number;
  readonly column: number;
}

/** A trace of the fully edited program, each event with the edit it comes from. */
export interface FamilyTrace {
  readonly full: ThreadTrace;
  /** Per event: none for the program's own events; else the edit, and for an upgraded access the event without the upgrade. */
  readonly origin: readonly ({ readonly edit: number; readonly plain?: ThreadEvent } | undefined)[];
  /** The edits this trace meets, ascending. */
  readonly edits: readonly number[];
}

/**
 * A test and a list of optional edits to it. A member is the test with some
 * of the edits applied; each member's traces are derived from `threads`.
 * Members share the test's locations, condition and observed state.
 */
export interface ProgramFamily {
  /** The fully edited program (every member has its locations, condition and filter). */
  readonly program: Program;
  /** Per thread, its traces, in the order the unedited test's traces come in. */
  readonly threads: readonly (readonly FamilyTrace[])[];
  readonly domain: TraceSet['domain'];
  readonly abandoned: TraceSet['abandoned'];
  readonly budgetHit?: TraceSet['budgetHit'];
  /**
   * The upgrades of plain accesses. Unlike the other edits they can allow an
   * execution: a marked access leaves the LKMM's plain-access rules
   * (`pre-race` and plain-coherence, linux-kernel.cat), so the models' relations
   * do not only grow with them.
   */
  readonly plainUpgrades: ReadonlySet<number>;
}

/**
 * The family of `base` (the unedited test) and `edits`, from the program
 * with every edit applied (`full`). Undefined when the traces do not line up
 * as the derivation needs (it then cannot be trusted): the same number of
 * traces, and in each, once the inserted fences are taken out, the same
 * events (upgraded accesses aside from their tags), dependencies and registers.
 */
export function programFamily(base: Program, full: Program, edits: readonly FamilyEdit[]): ProgramFamily | undefined {
  const tracesOf = (p: Program) => computeTraces(p, sourceSlicer(p.source));
  const [b, f] = [tracesOf(base), tracesOf(full)];
  if (b.budgetHit || f.budgetHit || b.threads.length !== f.threads.length) return undefined;
  const at = new Map(edits.map((e, k) => [`${e.line}:${e.column}`, k]));
  const threads: FamilyTrace[][] = [];
  for (let t = 0; t < f.threads.length; t++) {
    const [bs, fs] = [b.threads[t]!, f.threads[t]!];
    if (bs.length !== fs.length) return undefined;
    const list: FamilyTrace[] = [];
    for (let k = 0; k < fs.length; k++) {
      const edited = fs[k]!;
      const own = bs[k]!;
      // The test's own events come in the same order, with an edit's fences among them.
      let next = 0;
      const origin: FamilyTrace['origin'][number][] = [];
      for (const e of edited.events) {
        const edit = at.get(`${e.span.line}:${e.span.column}`);
        if (edit !== undefined && edits[edit]!.action === 'insert') {
          if (e.kind !== 'F') return undefined;
          origin.push({ edit });
          continue;
        }
        const was = own.events[next++];
        if (!was) return undefined;
        if (edit === undefined) {
          if (!sameEvent(e, was)) return undefined;
          origin.push(undefined);
        } else {
          if (!sameEvent({ ...e, tags: was.tags }, was)) return undefined;
          origin.push({ edit, plain: was });
        }
      }
      if (next !== own.events.length) return undefined;
      const trace: FamilyTrace = { full: edited, origin, edits: [...new Set(origin.flatMap((o) => (o ? [o.edit] : [])))].sort((x, y) => x - y) };
      // The member without edits must be the test itself.
      if (!sameTraceParts(own, memberTrace(trace, () => false).trace)) return undefined;
      list.push(trace);
    }
    threads.push(list);
  }
  const plainUpgrades = new Set<number>();
  for (const list of threads) {
    for (const trace of list) {
      for (const o of trace.origin) if (o?.plain && o.plain.kind !== 'F' && o.plain.tags.length === 0 && !o.plain.rmw && o.plain.lock === undefined) plainUpgrades.add(o.edit);
    }
  }
  return { program: full, threads, domain: f.domain, abandoned: f.abandoned, ...(f.budgetHit ? { budgetHit: f.budgetHit } : {}), plainUpgrades };
}

/**
 * The family of the test `source` (checked as `program`) and the candidate
 * `edits` (see `candidateEdits`), edit `i` of the family being `edits[i]`.
 * Undefined when it cannot be built: the edits overlap, an edited text does
 * not check, or the traces do not line up (see `programFamily`).
 */
export function editFamily(source: string, program: Program, edits: readonly RepairEdit[], flush?: FlushFlavour): ProgramFamily | undefined {
  const lowered = (text: string) => {
    const parsed = parseLitmus(text);
    if (!parsed.ast || parsed.diagnostics.some((d) => d.severity === 'error')) return undefined;
    // The edited programs are expanded as the original was (x86's builtins under tso).
    return lower(parsed.ast, text, { arch: program.arch, ...(flush ? { flush } : {}) }).program;
  };
  let all: ReturnType<typeof placeEdits>;
  try {
    all = placeEdits(source, edits);
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
  const full = lowered(all.text);
  if (!full) return undefined;
  return programFamily(program, full, edits.map((e, i) => ({ action: e.action, ...all.places[i]! })));
}

/**
 * The trace of the member with the `chosen` edits, and where each event of
 * the full trace went in it (-1: left out).
 */
export function memberTrace(t: FamilyTrace, chosen: (edit: number) => boolean): { readonly trace: ThreadTrace; readonly index: readonly number[] } {
  const index: number[] = [];
  const events: ThreadEvent[] = [];
  t.full.events.forEach((e, j) => {
    const o = t.origin[j];
    if (o && !o.plain && !chosen(o.edit)) {
      index.push(-1);
      return;
    }
    index.push(events.length);
    events.push(o?.plain && !chosen(o.edit) ? o.plain : e);
  });
  const map = (edges: readonly LocalEdge[]): LocalEdge[] =>
    edges.flatMap(([a, b]) => (index[a]! >= 0 && index[b]! >= 0 ? [[index[a]!, index[b]!] as const] : []));
  const trace: ThreadTrace = {
    thread: t.full.thread,
    events,
    rmw: map(t.full.rmw),
    addr: map(t.full.addr),
    data: map(t.full.data),
    ctrl: map(t.full.ctrl),
    ...(t.full.valueFrom ? { valueFrom: map(t.full.valueFrom) } : {}),
    ...(t.full.unorderedInStatement ? { unorderedInStatement: map(t.full.unorderedInStatement) } : {}),
    registers: t.full.registers,
  };
  return { trace, index };
}

/** An execution of a family member, with the family trace each thread runs (by index into `ProgramFamily.threads`). */
export interface MemberExecution {
  readonly execution: Execution;
  readonly traces: readonly number[];
  /** The edits the member was built with. */
  readonly chosen: (edit: number) => boolean;
}

/**
 * Calls `visit` for every execution of the member with the `chosen` edits
 * that `model` allows and the test's filter keeps, with whether the
 * condition's proposition holds, in the explorer's deterministic order.
 */
export function exploreMember(
  family: ProgramFamily,
  chosen: (edit: number) => boolean,
  model: Model,
  visit: (x: MemberExecution, satisfies: boolean) => void,
  budget?: Budget,
  clock?: () => number,
): { readonly cutoff?: BudgetName } {
  const program = family.program;
  const traceIndex = new Map<ThreadTrace, number>();
  const threads = family.threads.map((list) => list.map((t, k) => {
    const { trace } = memberTrace(t, chosen);
    traceIndex.set(trace, k);
    return trace;
  }));
  const traces: TraceSet = { threads, domain: family.domain, abandoned: family.abandoned, ...(family.budgetHit ? { budgetHit: family.budgetHit } : {}) };
  const normalize = (t: ConditionTarget, v: Value): Value =>
    t.kind === 'location' && typeof v === 'number' && program.unsignedLocations.has(t.name) ? v >>> 0 : v;
  const { cutoff } = explore(program, traces, {
    model,
    ...(budget ? { budget } : {}),
    ...(clock ? { clock } : {}),
    visit(execution) {
      const raw = finalState(execution);
      const read = (t: ConditionTarget) => normalize(t, raw(t));
      if (program.filter && !holds(program.filter, read, normalize)) return;
      visit({ execution, traces: execution.traces.map((t) => traceIndex.get(t)!), chosen }, holds(program.condition.prop, read, normalize));
    },
  });
  return cutoff ? { cutoff } : {};
}

/**
 * Execution `x` carried over to the member with the `chosen` edits: the
 * same traces and the same reads-from and coherence, with the fences of the
 * chosen edits and their upgraded accesses. `x.chosen` must be contained in
 * `chosen` (the events of `x` are then all in the result).
 */
export function transplant(family: ProgramFamily, x: MemberExecution, chosen: (edit: number) => boolean): Execution {
  const program = family.program;
  const before = x.traces.map((k, t) => memberTrace(family.threads[t]![k]!, x.chosen).index);
  const after = x.traces.map((k, t) => memberTrace(family.threads[t]![k]!, chosen));
  const observed = new Set(program.observed.flatMap((t) => (t.kind === 'location' ? [t.name] : [])));
  const skeleton = buildSkeleton(program.locations, program.initialValues, after.map((a) => a.trace), observed);
  // Event ids: initial writes first, then each thread's events in program order.
  const ids = new Array<number>(x.execution.n);
  const inits = program.locations.length;
  for (let e = 0; e < inits; e++) ids[e] = e;
  let from = inits;
  let to = inits;
  before.forEach((index, t) => {
    index.forEach((i, j) => {
      if (i >= 0) ids[from + i] = to + after[t]!.index[j]!;
    });
    from += x.execution.traces[t]!.events.length;
    to += after[t]!.trace.events.length;
  });
  const carry = (r: Relation) => Relation.fromPairs(skeleton.n, [...r.pairs()].map(([a, b]) => [ids[a]!, ids[b]!] as const));
  return { ...skeleton, rf: carry(x.execution.rf), co: carry(x.execution.co) };
}

function sameEvent(a: ThreadEvent, b: ThreadEvent): boolean {
  return a.kind === b.kind && a.loc === b.loc && a.lock === b.lock && a.rmw === b.rmw && a.tags.join() === b.tags.join()
    && (a.value === undefined ? b.value === undefined : b.value !== undefined && valueKey(a.value) === valueKey(b.value));
}

/** Same dependencies (position by position) and same final registers. */
function sameTraceParts(a: ThreadTrace, b: ThreadTrace): boolean {
  const text = (edges: readonly LocalEdge[] | undefined) => (edges ?? []).map(([x, y]) => `${x}>${y}`).sort().join();
  const same = (x: readonly LocalEdge[] | undefined, y: readonly LocalEdge[] | undefined) => text(x) === text(y);
  if (!same(a.rmw, b.rmw) || !same(a.addr, b.addr) || !same(a.data, b.data) || !same(a.ctrl, b.ctrl) || !same(a.valueFrom, b.valueFrom)
    || !same(a.unorderedInStatement, b.unorderedInStatement)) return false;
  if (a.registers.size !== b.registers.size) return false;
  for (const [name, v] of a.registers) {
    const w = b.registers.get(name);
    if (w === undefined || valueKey(v) !== valueKey(w)) return false;
  }
  return true;
}
