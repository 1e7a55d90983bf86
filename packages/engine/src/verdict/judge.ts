// From a checked program to a verdict: explore under a model, keep the
// executions that pass the filter, group them by final state, count them as
// herd7 does (lib: top_herd.ml, check_cond / check_wit), keep one witness per
// state (the one with fewest events).
import type { ConditionTarget } from '../syntax/ast.ts';
import type { Span } from '../syntax/diagnostic.ts';
import type { Execution } from '../explore/execution.ts';
import { explore, type Budget } from '../explore/explore.ts';
import type { Model } from '../models/model.ts';
import type { Program } from '../program/program.ts';
import { computeTraces, type TraceBudget, type ValueDomain } from '../program/value-domain.ts';
import { compareValues, formatValue, type Value } from '../program/value.ts';
import { formatCondition, formatTarget, holds } from './condition.ts';
import { finalState } from './final-state.ts';
import type { FinalStateSummary, Verdict, Witness } from './verdict.ts';

export interface JudgeOptions {
  readonly model: Model;
  readonly budget?: Budget;
  readonly traceBudget?: TraceBudget;
  readonly clock?: () => number;
  /**
   * The value domain of a program that differs from this one only in fences
   * and access orderings (ValueDomain, value-domain.ts): the value fixpoint is
   * skipped. The caller vouches for it; a domain of any other program gives
   * wrong verdicts.
   */
  readonly domain?: ValueDomain;
  /**
   * Keep every consistent execution (after the filter) as a `Witness`, up to
   * this many, in the explorer's deterministic order: `Verdict.executions`.
   * Off by default (a verdict keeps one witness per final state).
   */
  readonly keepExecutions?: number;
}

interface StateRecord {
  readonly values: readonly Value[];
  readonly satisfies: boolean;
  executions: number;
  witness: Execution;
  flags: readonly string[];
}

/** Explores `program` under `options.model` and summarises what it found. */
export function judge(program: Program, options: JudgeOptions): Verdict {
  const clock = options.clock ?? (() => Date.now());
  const started = clock();
  const textOf = sourceSlicer(program.source);
  // herd7 shows atomic_t locations declared in the init block as unsigned 32-bit values.
  const normalize = (t: ConditionTarget, v: Value): Value =>
    t.kind === 'location' && typeof v === 'number' && program.unsignedLocations.has(t.name) ? v >>> 0 : v;
  const traces = computeTraces(program, textOf, options.traceBudget, options.domain);
  const states = new Map<string, StateRecord>();
  const flags = new Set<string>();
  let positive = 0;
  let negative = 0;
  const keep = Math.max(0, Math.floor(options.keepExecutions ?? 0));
  // Kept executions with their state's key: states are numbered only once sorted.
  const kept: { readonly witness: Witness; readonly key: string }[] = [];

  const { stats, cutoff } = explore(program, traces, {
    model: options.model,
    ...(options.budget ? { budget: options.budget } : {}),
    clock,
    visit(execution, verdict) {
      const raw = finalState(execution);
      const read = (t: ConditionTarget) => normalize(t, raw(t));
      if (program.filter && !holds(program.filter, read, normalize)) return;
      for (const f of verdict.flags) flags.add(f);
      const satisfies = holds(program.condition.prop, read, normalize);
      if (satisfies) positive++;
      else negative++;
      const values = program.observed.map(read);
      const key = values.map((v) => formatValue(v)).join('\u0000');
      if (kept.length < keep) kept.push({ witness: toWitness(execution, -1, verdict.flags), key });
      const known = states.get(key);
      if (!known) {
        states.set(key, { values, satisfies, executions: 1, witness: execution, flags: verdict.flags });
      } else {
        known.executions++;
        if (execution.n < known.witness.n) {
          known.witness = execution;
          known.flags = verdict.flags;
        }
      }
    },
  });

  const sorted = [...states.entries()].sort(([, a], [, b]) => compareStates(a.values, b.values)).map(([key, s]) => ({ key, ...s }));
  const witnesses: Witness[] = sorted.map((s, i) => toWitness(s.witness, i, s.flags));
  const summaries: FinalStateSummary[] = sorted.map((s, i) => ({
    entries: program.observed.map((t, k) => ({ target: formatTarget(t), value: formatValue(s.values[k]!) })),
    satisfies: s.satisfies,
    executions: s.executions,
    witness: i,
  }));

  const q = program.condition.quantifier;
  const ok = q === 'exists' ? positive > 0 : q === 'not exists' ? positive === 0 : negative === 0;
  const observation = positive === 0 ? 'Never' : negative === 0 ? 'Always' : 'Sometimes';
  const unrollHit = traces.abandoned.some((list) => list.some((a) => a.reason === 'unroll'));
  return {
    test: program.name,
    model: options.model.name,
    quantifier: q,
    kind: q === 'exists' ? 'Allowed' : q === 'not exists' ? 'Forbidden' : 'Required',
    condition: formatCondition(program.condition),
    ok,
    observation,
    observed: { positive, negative },
    witnessCounts: q === 'not exists' ? { positive: negative, negative: positive } : { positive, negative },
    states: summaries,
    flags: [...flags].sort(),
    witnesses,
    status: cutoff ? 'inconclusive' : 'complete',
    ...(cutoff ? { cutoff } : {}),
    unrollHit,
    stats: { ...stats, millis: clock() - started },
    ...(keep > 0 ? { executions: numberedExecutions(kept, sorted.map((s) => s.key)) } : {}),
  };
}

/** The kept executions, each with its final state's number in the sorted states. */
function numberedExecutions(kept: readonly { readonly witness: Witness; readonly key: string }[], stateKeys: readonly string[]): Witness[] {
  const stateOf = new Map(stateKeys.map((key, i) => [key, i]));
  return kept.map(({ witness, key }) => ({ ...witness, state: stateOf.get(key) ?? -1 }));
}

/** herd7 orders states by their values, component by component. */
function compareStates(a: readonly Value[], b: readonly Value[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = compareValues(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return 0;
}

/** An execution as a plain-data `Witness` of final state number `state`. */
export function toWitness(x: Execution, state: number, flags: readonly string[]): Witness {
  return {
    state,
    events: x.events.map((e) => ({
      id: e.id,
      thread: e.thread,
      index: e.index,
      kind: e.kind,
      ...(e.loc !== undefined ? { loc: e.loc } : {}),
      ...(e.value !== undefined ? { value: formatValue(e.value) } : {}),
      tags: [...e.tags],
      ...(e.lock ? { lock: e.lock } : {}),
      line: e.span.line,
      span: { line: e.span.line, column: e.span.column, endLine: e.span.endLine, endColumn: e.span.endColumn },
      text: e.text,
    })),
    rf: [...x.rf.pairs()],
    co: [...x.co.pairs()],
    rmw: [...x.rmw.pairs()],
    addr: [...x.addr.pairs()],
    data: [...x.data.pairs()],
    ctrl: [...x.ctrl.pairs()],
    flags: [...flags],
  };
}

/** Returns the source text covered by a span (joined lines for multi-line spans). */
export function sourceSlicer(source: string): (span: Span) => string {
  const lines = source.split('\n');
  return (span) => {
    if (span.line < 1) return '';
    if (span.line === span.endLine) return (lines[span.line - 1] ?? '').slice(span.column - 1, span.endColumn - 1);
    const parts = [(lines[span.line - 1] ?? '').slice(span.column - 1)];
    for (let l = span.line + 1; l < span.endLine; l++) parts.push(lines[l - 1] ?? '');
    parts.push((lines[span.endLine - 1] ?? '').slice(0, span.endColumn - 1));
    return parts.map((p) => p.trim()).join(' ');
  };
}
