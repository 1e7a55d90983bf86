// Values herd7 cannot solve. herd7 builds each thread symbolically and solves
// an execution's values as equations: a read equals the write it reads from,
// a write's value is its expression over the reads it depends on, and a few
// instructions equate a read with a constant (a cmpxchg that succeeds). Its
// solver unifies copies either way and computes an operation once its
// operands are known. Values on a cycle of copies that nothing pins down (a
// value that justifies itself, out of thin air) stay unknown: a mere copy of
// one is harmless (herd7 prints it as a symbol, `0:r0=S8`), but an operation,
// a branch condition or an atomic operation on one leaves an equation
// unsolved, and herd7 drops the execution. Only plain accesses can form such
// a cycle (with marked accesses, rfe and dependencies to writes are in hb,
// which is acyclic in every consistent execution).
//
// We enumerate concrete values, so the same execution comes once per value
// the cycle could carry: we keep one of them, and mark its values unsolved,
// so that states, counts and conditions are herd7's.
import type { Execution } from '../execution/execution.ts';
import type { Relation } from '../execution/relation.ts';
import { compareValues, unsolvedValue, valueKey, type Value } from '../program/value.ts';

/**
 * The flow of values: rf, and dependencies into writes (data, computed
 * values), but for the data dependencies that carry no value (`*x = (r0 ^
 * r0) + 1` writes 1 whatever r0 is, and herd7 solves it so). Address
 * dependencies are not in it: an access's location is an equation of its own
 * in herd7's solver, so the value a write stores is known without its
 * address (`*(y + (r0 & 128)) = 1` writes 1, and a read of it reads 1); an
 * address computed from a value that stays unknown is an operation on it
 * (see `addressedWith`), and the execution is dropped.
 */
function valueFlow(x: Execution) {
  let data = x.data;
  for (const trace of x.traces) {
    if (!trace.solvedData) continue;
    const first = x.events.findIndex((e) => !e.init && e.thread === trace.thread);
    const base = first - x.events[first]!.index;
    if (data === x.data) data = data.clone();
    for (const [a, b] of trace.solvedData) if (!x.valueFrom.has(base + a, base + b)) data.delete(base + a, base + b);
  }
  return x.rf.union(data, x.valueFrom);
}

/**
 * The events whose values herd7's solver leaves unknown, or undefined when
 * it knows them all. Known to start with: every value computed from
 * constants alone, and the reads equated with a constant; then a read is
 * known once its write and its address are, a write once everything it is
 * computed from is, and a copy's source once the copy is (and a write once a
 * read of it is): copies unify both ways, operations only compute forwards.
 * A read equated with a value built from reads is known once they are, and
 * unifies with the one it copies.
 */
function unknownValues(x: Execution, flow: Relation): boolean[] | undefined {
  const n = x.n;
  const computed = x.computedWith ?? x.ctrl.domain();
  const inverse = flow.inverse();
  const preds = Array.from({ length: n }, (_, b) => [...inverse.successors(b)]);
  // Who becomes known when an event is: its successors in the flow, and
  // (unification) a read's write, a copy's source.
  const unifies: number[][] = Array.from({ length: n }, () => []);
  const rfInverse = x.rf.inverse();
  for (let r = 0; r < n; r++) if (x.events[r]!.kind === 'R') unifies[r]!.push(...rfInverse.successors(r));
  for (let w = 0; w < n; w++) {
    const sources = preds[w]!;
    // A write that copies one read (its value is that read's, no operation).
    if (x.events[w]!.kind === 'W' && sources.length === 1 && x.data.has(sources[0]!, w) && !computed.has(sources[0]!)) unifies[w]!.push(sources[0]!);
  }
  // A read herd7 equates with a value built from other reads (a cmpxchg()'s
  // expected value read from memory): known once they all are; a copy of one
  // read unifies with it both ways.
  const equatedWith = x.equatedWith;
  const equatedMissing = new Array<number>(n).fill(0);
  if (equatedWith) {
    const equatedInverse = equatedWith.inverse();
    for (let r = 0; r < n; r++) {
      const sources = [...equatedInverse.successors(r)];
      equatedMissing[r] = sources.length;
      if (sources.length === 1 && !computed.has(sources[0]!)) unifies[r]!.push(sources[0]!);
    }
  }
  const known = new Array<boolean>(n).fill(false);
  const pending: number[] = [];
  const learn = (e: number) => {
    if (known[e]) return;
    known[e] = true;
    pending.push(e);
  };
  for (let e = 0; e < n; e++) if (preds[e]!.length === 0 || x.equated?.has(e)) learn(e);
  const missing = preds.map((p) => p.length);
  while (pending.length > 0) {
    const e = pending.pop()!;
    for (const b of flow.successors(e)) if (--missing[b]! === 0) learn(b);
    for (const b of unifies[e]!) learn(b);
    if (equatedWith) for (const b of equatedWith.successors(e)) if (--equatedMissing[b]! === 0) learn(b);
  }
  if (known.every(Boolean)) return undefined;
  return known.map((k) => !k);
}

/**
 * What herd7 makes of an execution's values: 'drop' when an unknown value is
 * computed with (an operand of an operator other than adding or or-ing 0 or
 * one herd7 solves without it, such as `r0 ^ r0`, a
 * branch condition, an atomic operation: herd7 cannot solve it and drops the
 * execution; a value merely written under a branch is a constant, so a cycle
 * through control dependencies alone is solved); 'duplicate' when the
 * execution is one we enumerate several times over but herd7 has once (we
 * keep the instance whose cycles carry the smallest value every location on
 * them could hold, `domain`); otherwise the unsolved value of every event on
 * a cycle of unknown copies or downstream of one, by event id, or undefined
 * when every value is solved.
 */
export function solveValues(x: Execution, domain: ReadonlyMap<string, readonly Value[]>): 'drop' | 'duplicate' | ReadonlyMap<number, Value> | undefined {
  const flow = valueFlow(x);
  if (flow.isAcyclic()) return undefined;
  const unknown = unknownValues(x, flow);
  if (!unknown) return undefined;
  const computed = x.computedWith ?? x.ctrl.domain();
  const addressedWith = x.addr.domain();
  if (unknown.some((u, e) => u && (computed.has(e) || addressedWith.has(e)))) return 'drop';
  const closure = flow.plus();
  const onCycle = (a: number) => unknown[a] === true && closure.has(a, a);
  const unsolved = new Map<number, Value>();
  // herd7 numbers its variables across the threads in order (see program/herd-vars.ts).
  const varOffset = new Map<number, number>();
  let offset = 0;
  for (const trace of x.traces) {
    varOffset.set(trace.thread, offset);
    offset += trace.herdVars ?? 0;
  }
  const root = herdClasses(x, unknown, flow, varOffset);
  const seen = new Set<number>();
  for (let a = 0; a < x.n; a++) {
    if (!onCycle(a) || seen.has(a)) continue;
    // One strongly connected class of copies: every event on it carries the same value.
    const members = [a, ...[...closure.successors(a)].filter((b) => b !== a && closure.has(b, a))];
    for (const m of members) seen.add(m);
    const value = x.events[a]!.value;
    if (value === undefined) continue;
    const common = commonValues(members.map((m) => x.events[m]!).filter((e) => e.kind === 'R' && e.loc !== undefined).map((e) => e.loc!), domain);
    const smallest = common.sort(compareValues)[0];
    if (smallest !== undefined && valueKey(smallest) !== valueKey(value)) return 'duplicate';
    // The class and everything its value flows into (copies: any computation was dropped).
    const reached = [...members, ...[...closure.successors(a)].filter((b) => !members.includes(b) && unknown[b])];
    let symbol = 0;
    const roots = new Set<number | undefined>();
    for (const id of reached) {
      const e = x.events[id]!;
      if (e.kind !== 'R' || e.init) continue;
      const v = readVar(x, id, varOffset);
      symbol = Math.max(symbol, v ?? 0);
      roots.add(v === undefined ? undefined : root(v));
    }
    // herd7 prints its union-find's representative: ours when every read of
    // the class has one, else the highest variable (most often the same).
    const [only] = roots;
    const name = unsolvedValue(roots.size === 1 && only !== undefined ? only : symbol);
    for (const id of reached) if (!unsolved.has(id)) unsolved.set(id, name);
  }
  return unsolved.size === 0 ? undefined : unsolved;
}

/** herd7's variable for the value read by event `id` (program/herd-vars.ts), or undefined. */
function readVar(x: Execution, id: number, varOffset: ReadonlyMap<number, number>): number | undefined {
  const e = x.events[id]!;
  const trace = x.traces.find((t) => t.thread === e.thread);
  const v = trace?.readVars?.[e.index];
  return v ? (varOffset.get(e.thread) ?? 0) + v : undefined;
}

/**
 * herd7's classes of unknown variables (herd/valconstraint.ml, herd/partition.ml):
 * a union-find by rank over the equations read = write of the unknown
 * values, taken from the last read back to the first (the order of herd7's
 * list of memory equations); a tie makes the read's side the parent. A write
 * that copies one read carries that read's variable. Returns each variable's
 * representative (its root; in the executions herd7 keeps, the parent it
 * prints is the root).
 */
function herdClasses(x: Execution, unknown: readonly boolean[], flow: Relation, varOffset: ReadonlyMap<number, number>): (v: number) => number {
  const parent = new Map<number, number>();
  const rank = new Map<number, number>();
  const find = (v: number): number => {
    const p = parent.get(v);
    if (p === undefined || p === v) return v;
    const r = find(p);
    parent.set(v, r);
    return r;
  };
  const union = (a: number, b: number): void => {
    const d1 = find(a);
    const d2 = find(b);
    const r1 = rank.get(d1) ?? 0;
    const r2 = rank.get(d2) ?? 0;
    if (r1 > r2) parent.set(d2, d1);
    else if (r2 > r1) parent.set(d1, d2);
    else if (d1 !== d2) {
      parent.set(d2, d1);
      rank.set(d1, r1 + 1);
    }
  };
  const inverse = flow.inverse();
  const rfInverse = x.rf.inverse();
  const writeVar = (w: number): number | undefined => {
    const sources = [...inverse.successors(w)];
    return sources.length === 1 && x.events[sources[0]!]!.kind === 'R' ? readVar(x, sources[0]!, varOffset) : undefined;
  };
  for (let r = x.n - 1; r >= 0; r--) {
    const e = x.events[r]!;
    if (e.kind !== 'R' || e.init || !unknown[r]) continue;
    const [w] = rfInverse.successors(r);
    if (w === undefined || x.events[w]!.init || !unknown[w]) continue;
    const a = readVar(x, r, varOffset);
    const b = writeVar(w);
    if (a !== undefined && b !== undefined && a !== b) union(a, b);
  }
  return find;
}

/** The values every one of `locations` may hold (their domains' intersection). */
function commonValues(locations: readonly string[], domain: ReadonlyMap<string, readonly Value[]>): Value[] {
  let common: Value[] | undefined;
  for (const loc of new Set(locations)) {
    const values = domain.get(loc) ?? [];
    if (common === undefined) common = [...values];
    else {
      const keys = new Set(values.map(valueKey));
      common = common.filter((v) => keys.has(valueKey(v)));
    }
  }
  return common ?? [];
}
