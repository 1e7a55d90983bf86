// Which paths cut at the loop unroll bound make herd7 print `Loop` when the
// test has a `filter`. herd7 flags `Loop` for a candidate execution holding a
// cut-off event (herd/top_herd.ml, before the model), but its solver drops a
// candidate whose final state fails the filter before that (herd/mem.ml
// `check_filter`): a cut path whose own registers rule the filter out never
// gets there. The final state of such a candidate holds the cut path's
// registers as they stood at the cut, the other threads' final registers and
// the locations' final values: a cut path is dropped when no combination
// with the other threads' paths can make the filter hold.
import type { ConditionTarget, Prop } from '../syntax/ast.ts';
import type { ThreadEvent } from './event.ts';
import type { Program } from './program.ts';
import type { AbandonedPath, ThreadRun } from './thread-paths.ts';
import { addressOf, valueKey, type Value } from './value.ts';

/** What a proposition may be, over every state considered: true, false, or either. */
interface Maybe {
  readonly canHold: boolean;
  readonly canFail: boolean;
}

/** Most combinations of other threads' paths tried for one cut path before bounding each target's values instead. */
const MAX_COMBINATIONS = 4096;

/**
 * `abandoned` (per thread, as `runs`) without the paths cut at the unroll
 * bound that no final state passing the program's filter can hold. A cut
 * path is combined with each path (trace or cut path) of every other thread
 * whose reads the combination can give (each value read is initial or
 * written in it): registers are known, and each location may end with the
 * last write to it of any of the combination's paths (its initial value
 * when none writes it). With too many combinations, each target may take
 * any value it takes anywhere.
 */
export function cutOffsPassingFilter(program: Program, runs: readonly ThreadRun[], abandoned: AbandonedPath[][]): AbandonedPath[][] {
  const filter = program.filter;
  if (filter === undefined || abandoned.every((list) => list.every((path) => path.reason !== 'unroll'))) return abandoned;
  const ends = runs.map((run, i) => [...run.traces, ...(abandoned[i] ?? []).filter((path) => path.reason === 'unroll')] as readonly PathEnd[]);
  const threadOf = (i: number) => program.threads[i]!.index;
  const initial = (loc: string) => valueKey(program.initialValues.get(loc) ?? 0);
  const passes = (combination: readonly PathEnd[]): boolean => {
    const written = new Set<string>();
    const finals = new Map<string, Set<string>>();
    for (const end of combination) {
      const last = new Map<string, string>();
      for (const e of end.events) {
        if (e.kind !== 'W' || !ordinary(e)) continue;
        written.add(`${e.loc}\u0000${valueKey(e.value!)}`);
        last.set(e.loc!, valueKey(e.value!));
      }
      for (const [loc, value] of last) {
        if (!finals.has(loc)) finals.set(loc, new Set());
        finals.get(loc)!.add(value);
      }
    }
    const readable = combination.every((end) => end.events.every((e) =>
      e.kind !== 'R' || !ordinary(e) || initial(e.loc!) === valueKey(e.value!) || written.has(`${e.loc}\u0000${valueKey(e.value!)}`)));
    if (!readable) return false;
    const valuesOf = (t: ConditionTarget): ReadonlySet<string> => {
      if (t.kind === 'location') return finals.get(t.name) ?? new Set([initial(t.name)]);
      const k = program.threads.findIndex((thread) => thread.index === t.thread);
      return new Set([valueKey(combination[k]?.registers?.get(t.name) ?? 0)]);
    };
    return maybe(filter, valuesOf).canHold;
  };
  const combinations = ends.reduce((n, list) => n * Math.max(1, list.length), 1);
  const bounded = combinations > MAX_COMBINATIONS ? boundedValues(program, ends) : undefined;
  return abandoned.map((list, i) => list.filter((path) => {
    if (path.reason !== 'unroll') return true;
    if (bounded) return maybe(filter, bounded(threadOf(i), path)).canHold;
    const choice: PathEnd[] = ends.map((list) => list[0] ?? NO_PATH);
    choice[i] = path;
    const others = ends.map((list, j) => (j === i ? [path] : list));
    const walk = (j: number): boolean => {
      if (j === others.length) return passes(choice);
      if (others[j]!.length === 0) return walk(j + 1);
      return others[j]!.some((end) => {
        choice[j] = end;
        return walk(j + 1);
      });
    };
    return walk(0);
  }));
}

/** A trace or a cut path: its events and registers. */
type PathEnd = Pick<AbandonedPath, 'events' | 'registers'>;

/** A thread none of whose paths ends (each faults): nothing of it in the final state. */
const NO_PATH: PathEnd = { events: [] };

/** A write or read of a shared location with a value (no lock). */
const ordinary = (e: ThreadEvent) => e.loc !== undefined && e.value !== undefined && e.lock === undefined;

/** For a cut path of `thread`: its registers exactly, and any value any path gives to each other target. */
function boundedValues(program: Program, ends: readonly (readonly PathEnd[])[]) {
  const registers = new Map<string, Set<string>>();
  const locations = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, value: Value) => {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(valueKey(value));
  };
  for (const loc of program.locations) add(locations, loc, program.initialValues.get(loc) ?? 0);
  ends.forEach((list, i) => {
    const thread = program.threads[i]!.index;
    for (const end of list) {
      for (const [name, value] of end.registers ?? []) add(registers, `${thread}:${name}`, value);
      for (const e of end.events) if (e.kind === 'W' && ordinary(e)) add(locations, e.loc!, e.value!);
    }
  });
  return (thread: number, path: AbandonedPath) => (t: ConditionTarget): ReadonlySet<string> => {
    if (t.kind === 'location') return locations.get(t.name) ?? new Set([valueKey(0)]);
    if (t.thread === thread) return new Set([valueKey(path.registers?.get(t.name) ?? 0)]);
    return registers.get(`${t.thread}:${t.name}`) ?? new Set([valueKey(0)]);
  };
}

/** Whether `prop` may hold and may fail when each target may take any of its values. */
function maybe(prop: Prop, valuesOf: (t: ConditionTarget) => ReadonlySet<string>): Maybe {
  switch (prop.kind) {
    case 'atom': {
      const left = valuesOf(prop.target);
      const right = prop.value.kind === 'target'
        ? valuesOf(prop.value.target)
        : new Set([valueKey(prop.value.kind === 'number' ? prop.value.value : addressOf(prop.value.name))]);
      const canEqual = [...left].some((v) => right.has(v));
      const canDiffer = left.size > 1 || right.size > 1 || !canEqual;
      return prop.op === '=' ? { canHold: canEqual, canFail: canDiffer } : { canHold: canDiffer, canFail: canEqual };
    }
    case 'and': {
      const l = maybe(prop.left, valuesOf);
      const r = maybe(prop.right, valuesOf);
      return { canHold: l.canHold && r.canHold, canFail: l.canFail || r.canFail };
    }
    case 'or': {
      const l = maybe(prop.left, valuesOf);
      const r = maybe(prop.right, valuesOf);
      return { canHold: l.canHold || r.canHold, canFail: l.canFail && r.canFail };
    }
    case 'implies': {
      const l = maybe(prop.left, valuesOf);
      const r = maybe(prop.right, valuesOf);
      return { canHold: l.canFail || r.canHold, canFail: l.canHold && r.canFail };
    }
    case 'not': {
      const o = maybe(prop.operand, valuesOf);
      return { canHold: o.canFail, canFail: o.canHold };
    }
    case 'true':
      return { canHold: true, canFail: false };
    case 'false':
      return { canHold: false, canFail: true };
  }
}
