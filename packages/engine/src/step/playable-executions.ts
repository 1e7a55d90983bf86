// The executions a step session plays among, computed once per test and
// model: every consistent execution (after the test's filter), kept as a
// compact descriptor (which trace each thread runs, rf by event position,
// each write's place in coherence order, and under lkmm what each event
// waits for) instead of its bit matrices.
import type { Diagnostic } from '../syntax/diagnostic.ts';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { lower } from '../program/lower.ts';
import type { ThreadTrace } from '../program/event.ts';
import type { Program } from '../program/program.ts';
import { computeTraces } from '../program/value-domain.ts';
import { formatValue, type Value } from '../program/value.ts';
import type { ConditionTarget } from '../syntax/ast.ts';
import { nameStateEntries, nameValue, valueNames, type ValueNames } from '../explain/value-names.ts';
import { explore, type BudgetName } from '../explore/explore.ts';
import { kernelArchFor, modelFor } from '../models/catalog.ts';
import type { ModelName } from '../models/model.ts';
import { formatTarget, holds } from '../verdict/condition.ts';
import { finalState, lastWrite } from '../verdict/final-state.ts';
import { sourceSlicer } from '../syntax/source-slicer.ts';
import { lkmmWaitsFor, type WaitsFor } from './running-ahead.ts';
import type { StepOptions, StepOutcome } from './step-types.ts';

// An event of a thread is the number `thread * stride + index`; the initial
// write of location number `l` (in `Program.locations`) is `-1 - l`.
const stride = 1 << 16;

/** The number of event `index` of thread `thread`. */
export function eventCode(thread: number, index: number): number {
  return thread * stride + index;
}

/** The thread of an event number (not of an initial write's). */
export function codeThread(code: number): number {
  return Math.floor(code / stride);
}

/** The position in program order of an event number (not of an initial write's). */
export function codeIndex(code: number): number {
  return code % stride;
}

/** One consistent execution, compactly. */
export interface ExecutionDescriptor {
  /** Per thread, the trace it runs. */
  readonly traces: readonly ThreadTrace[];
  /** Read → the write it reads from (event numbers, see `eventCode`). */
  readonly rf: ReadonlyMap<number, number>;
  /** Write → its place in its location's coherence order (the initial write is 0). */
  readonly coRank: ReadonlyMap<number, number>;
  /**
   * Writes the execution leaves unordered with their location's initial
   * write (lock.cat does so for an unmatched spin_unlock()): a read of the
   * initial value after them is not stale.
   */
  readonly initUnordered: ReadonlySet<number>;
  /**
   * Under lkmm, what each event waits for (running-ahead.ts); absent under
   * sc and tso, where each CPU runs in program order.
   */
  readonly waitsFor?: WaitsFor;
  /** Under lkmm, set when the execution's plain accesses keep only what hb gives them (running-ahead.ts). */
  readonly plainUnordered?: true;
  readonly outcome: StepOutcome;
}

/** Everything a session of one test under one model needs, computed once. */
export interface PlayableExecutions {
  readonly source: string;
  readonly program: Program;
  readonly model: ModelName;
  readonly options: StepOptions;
  readonly warnings: readonly Diagnostic[];
  /**
   * The playable executions, in the explorer's (deterministic) order: all
   * of them (see `StepExploration.playable`).
   */
  readonly descriptors: readonly ExecutionDescriptor[];
  /** All consistent executions that pass the filter. */
  readonly executions: number;
  readonly cutoff?: BudgetName;
  /** The initial write's number for each location. */
  readonly initialCode: ReadonlyMap<string, number>;
  readonly initialValue: (loc: string) => Value;
  /** The kernel constants the program used with each location and register: values are shown by them (`PT_FREED`, not 107). */
  readonly names: ValueNames;
}

/** The executions of `source` under `model`, or the diagnostics that stop it. */
export function playableExecutions(
  source: string,
  model: ModelName,
  options: StepOptions,
): PlayableExecutions | { readonly diagnostics: readonly Diagnostic[] } {
  const parsed = parseLitmus(source);
  if (!parsed.ast || parsed.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: parsed.diagnostics };
  const lowered = lower(parsed.ast, source, { arch: kernelArchFor(model), ...(options.flush ? { flush: options.flush } : {}) });
  const diagnostics = [...parsed.diagnostics, ...lowered.diagnostics];
  const program = lowered.program;
  if (!program || diagnostics.some((d) => d.severity === 'error')) return { diagnostics };

  // A final state is the bad outcome when it satisfies an exists (or ~exists) condition, or fails a forall (as the verdict counts it).
  const badWhenSatisfied = program.condition.quantifier !== 'forall';
  // Values by the kernel's names (pte=PT_FREED, not 107), as the check's words give them.
  const names = valueNames(parsed.ast);
  const initialCode = new Map(program.locations.map((loc, l) => [loc, -1 - l]));
  const initialValue = (loc: string): Value => program.initialValues.get(loc) ?? 0;
  // As judge does: atomic_t locations read as unsigned 32-bit values.
  const normalize = (t: ConditionTarget, v: Value): Value =>
    t.kind === 'location' && typeof v === 'number' && program.unsignedLocations.has(t.name) ? v >>> 0 : v;
  const traces = computeTraces(program, sourceSlicer(source));
  const outcomes = new Map<string, StepOutcome>();
  // Many executions wait alike: share one copy.
  const waits = new Map<string, WaitsFor>();
  const descriptors: ExecutionDescriptor[] = [];
  let executions = 0;

  const { cutoff } = explore(program, traces, {
    model: modelFor(model),
    ...(options.budget ? { budget: options.budget } : {}),
    visit(x) {
      const raw = finalState(x);
      const read = (t: ConditionTarget) => normalize(t, raw(t));
      if (program.filter && !holds(program.filter, read, normalize)) return;
      executions++;
      let waitsFor: WaitsFor | undefined;
      let plainUnordered = false;
      if (model === 'lkmm') {
        const computed = lkmmWaitsFor(x);
        if (!computed) return;
        const key = JSON.stringify(computed.waitsFor);
        waitsFor = waits.get(key) ?? computed.waitsFor;
        waits.set(key, waitsFor);
        plainUnordered = computed.plainUnordered;
      } else if (!x.po.union(x.rf).isAcyclic()) {
        // Each CPU in program order and each read after the store it reads:
        // every sc and tso execution has such an order (the sc axiom
        // contains po | rf; a tso cycle of po | rf would be one of its ppo
        // and rfe), so this guard never drops one.
        return;
      }
      const codeOf = (id: number) => {
        const e = x.events[id]!;
        return e.init ? initialCode.get(e.loc!)! : eventCode(e.thread, e.index);
      };
      const rf = new Map<number, number>();
      for (const [w, r] of x.rf.pairs()) rf.set(codeOf(r), codeOf(w));
      // The initial write is first in coherence order (herd7's IW), even
      // where lock.cat leaves it unordered with an unmatched spin_unlock().
      const coRank = new Map<number, number>();
      const initUnordered = new Set<number>();
      for (const e of x.events) {
        if (e.kind !== 'W' || e.init) continue;
        coRank.set(codeOf(e.id), 1);
        const initial = x.initialWrite.get(e.loc!);
        if (initial !== undefined && !x.co.has(initial, e.id)) initUnordered.add(codeOf(e.id));
      }
      for (const [a, w] of x.co.pairs()) {
        if (x.events[a]!.init) continue;
        const code = codeOf(w);
        coRank.set(code, coRank.get(code)! + 1);
      }
      const byThread: ThreadTrace[] = [];
      for (const trace of x.traces) byThread[trace.thread] = trace;
      const entries = program.observed.map((t) => ({ target: formatTarget(t), value: formatValue(read(t)) }));
      const memory = program.locations.map((loc) => ({ loc, value: formatValue(x.events[lastWrite(x, loc)]!.value ?? 0) }));
      const key = JSON.stringify([entries, memory, byThread.map((t) => [...t.registers].map(([r, v]) => [r, formatValue(v)]))]);
      let outcome = outcomes.get(key);
      if (!outcome) {
        const satisfies = holds(program.condition.prop, read, normalize);
        outcome = {
          entries: nameStateEntries(entries, names),
          satisfies,
          bad: satisfies === badWhenSatisfied,
          registers: byThread.flatMap((t) => [...t.registers].map(([name, v]) => named({ cpu: t.thread, name, value: formatValue(v) }, `${t.thread}:${name}`, names))),
          // Named once per distinct outcome, not per execution.
          memory: memory.map((m) => named(m, m.loc, names)),
        };
        outcomes.set(key, outcome);
      }
      descriptors.push({
        traces: byThread, rf, coRank, initUnordered,
        ...(waitsFor ? { waitsFor } : {}),
        ...(plainUnordered ? { plainUnordered } : {}),
        outcome,
      });
    },
  });
  return {
    source,
    program,
    model,
    options,
    warnings: diagnostics,
    descriptors,
    executions,
    ...(cutoff ? { cutoff } : {}),
    initialCode,
    initialValue,
    names,
  };
}

/** `item` with its value's kernel name (`named`) when the program gave `key`'s value one. */
export function named<T extends { readonly value: string }>(item: T, key: string, names: ValueNames): T & { readonly named?: string } {
  const name = nameValue(names, key, item.value);
  return name ? { ...item, named: name } : item;
}

// A few recent sessions' executions by test, model and options, for states
// that arrive without their cache (a Worker message, a restored link).
const recent = new Map<string, PlayableExecutions>();
const recentLimit = 8;

/** `playableExecutions`, remembered for the few most recent tests. */
export function cachedPlayableExecutions(
  source: string,
  model: ModelName,
  options: StepOptions,
): PlayableExecutions | { readonly diagnostics: readonly Diagnostic[] } {
  const key = JSON.stringify([model, options.flush ?? null, options.budget ?? null, source]);
  const known = recent.get(key);
  if (known) {
    recent.delete(key);
    recent.set(key, known);
    return known;
  }
  const result = playableExecutions(source, model, options);
  if ('descriptors' in result) {
    recent.set(key, result);
    if (recent.size > recentLimit) recent.delete(recent.keys().next().value!);
  }
  return result;
}
