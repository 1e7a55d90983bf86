// Runs one thread's code on every possible sequence of read values, giving its
// traces: the events in program order with their dependencies. herd7 does the
// same symbolically; we do it concretely, with read values drawn from a finite
// domain per location (see value-domain.ts), and let rf matching discard the
// combinations no write can justify.
import type { Expr, Stmt } from '../syntax/ast.ts';
import type { Span } from '../syntax/diagnostic.ts';
import type { LocalEdge, LockKind, ThreadEvent, ThreadTrace } from './event.ts';
import { applyAtomicOp, primitive, type AccessTag, type FenceTag, type Primitive } from './primitives.ts';
import type { ThreadCode } from './program.ts';
import { memoryCost, type Meter } from '../budget/meter.ts';
import { constantValue, herdVarKey, numberHerdVars, type Decision, type HerdVarNumbering } from './herd-vars.ts';
import { addressOf, formatValue, isAddress, truthy, type Value } from './value.ts';

/** A value with the reads it depends on (positions in the thread's events). */
interface Tainted {
  readonly v: Value;
  readonly deps: readonly number[];
  /**
   * The reads the value really depends on, when fewer than `deps`: `r & 0`
   * depends on r syntactically (herd7's data dependency) but not in value.
   * herd7 computes it to 0 once r is known, so the value domain uses this, and
   * a branch on it is not a branch on a read; on a value cycle, where r stays
   * unknown, herd7 does not (explore.ts goes by `deps` there).
   */
  readonly sem?: readonly number[];
  /**
   * Reads the value depends on through a branch, beyond `deps`: it is (or is
   * computed from) a register assigned under a branch condition that read a
   * register computed from them. herd7's registers are events, so its ctrl
   * follows them: read → register → branch → register write in the branch →
   * ... → a later branch, whose events are then control-dependent on the read.
   * Only a branch condition uses these: a store or an address computed from
   * the value gets neither a data nor an address dependency from them.
   */
  readonly ctl?: readonly number[];
}

const semanticDeps = (t: Tainted): readonly number[] => t.sem ?? t.deps;
const controlDeps = (t: Tainted): readonly number[] => t.ctl ?? [];

/** `t`'s dependencies on a new value. */
const carry = (t: Tainted, v: Value): Tainted => ({ ...t, v });

/** What a branch condition collects while it is evaluated. */
interface ConditionScope {
  /** The reads it makes (herd7's condition events: each one's branch is control-dependent on it). */
  readonly reads: number[];
  /** The reads behind the registers it reads (`deps` and `ctl`), wherever they appear, addresses included. */
  readonly registers: number[];
}

const zero: Tainted = { v: 0, deps: [] };

/** Why a path was abandoned. */
export type PathEnd = 'unroll' | 'fault';

export interface ThreadRun {
  readonly traces: ThreadTrace[];
  /** Paths abandoned: a loop ran past the unroll bound, or a fault (null dereference, ...). */
  readonly abandoned: AbandonedPath[];
  /** True when `maxTraces` stopped the enumeration. */
  readonly truncated: boolean;
}

export interface AbandonedPath {
  readonly reason: PathEnd;
  readonly message: string;
  readonly span: Span;
  /** The events of the path before it was abandoned. */
  readonly events: readonly ThreadEvent[];
  /** Which reads (positions) each of those events' values was computed from (as `ThreadTrace.valueFrom`). */
  readonly valueFrom?: readonly LocalEdge[];
}

export interface ThreadRunOptions {
  /** Values a read of `loc` may return. */
  readonly domain: (loc: string) => readonly Value[];
  readonly unroll: number;
  readonly maxTraces: number;
  /**
   * Take both ways of every branch whose condition depends on a read, whatever
   * the value read. For the value domain (value-domain.ts): herd7 builds every
   * path and solves the values afterwards, so a value written on a path that
   * only a value not yet known can take (a value justified through the branch
   * itself, as in a load buffering through control dependencies) is a value.
   */
  readonly forkBranches?: boolean;
  readonly textOf: (span: Span) => string;
  /**
   * The run's meter: ticked for every event, charged for every path kept (see
   * `pathBytes`), so a budget can stop a thread with too many paths or events.
   */
  readonly meter?: Meter;
}

/** What one path of a thread holds, by the meter's estimate. */
export function pathBytes(path: ThreadPath): number {
  const t = path.trace;
  if (t) return 128 + memoryCost.traceEvent * t.events.length + memoryCost.traceEdge * (t.addr.length + t.data.length + t.ctrl.length + t.rmw.length + (t.valueFrom?.length ?? 0));
  return 128 + memoryCost.traceEvent * (path.abandoned?.events.length ?? 0);
}

class Abandon {
  constructor(readonly reason: PathEnd, readonly message: string, readonly span: Span) {}
}

class LoopExit {
  constructor(readonly kind: 'break' | 'continue') {}
}

/** Replays a depth-first walk over choice points: each run takes the next path. */
class Choices {
  private readonly taken: number[];
  private readonly counts: number[];
  /** The location of each choice point that is a read (its count is the size of the location's domain). */
  private readonly reads: (string | undefined)[];
  private cursor = 0;

  /** `prefix`: choices every path takes first (the walk covers the paths that extend it). */
  constructor(private readonly prefix: readonly number[] = []) {
    this.taken = prefix.slice();
    this.counts = prefix.map(() => 0);
    this.reads = prefix.map(() => undefined);
  }

  choose(count: number, read?: string): number {
    if (this.cursor < this.taken.length) {
      if (read !== undefined && this.cursor < this.prefix.length) this.reads[this.cursor] = read;
      return this.taken[this.cursor++]!;
    }
    this.taken.push(0);
    this.counts.push(count);
    this.reads.push(read);
    this.cursor++;
    return 0;
  }

  /** The path just taken. */
  path(): { choices: readonly number[]; reads: readonly (string | undefined)[] } {
    return { choices: this.taken.slice(0, this.cursor), reads: this.reads.slice(0, this.cursor) };
  }

  /** Moves to the next path; false when every path has been taken. */
  advance(): boolean {
    this.cursor = 0;
    while (this.taken.length > this.prefix.length) {
      const last = this.taken.length - 1;
      if (this.taken[last]! + 1 < this.counts[last]!) {
        this.taken[last]!++;
        return true;
      }
      this.taken.pop();
      this.counts.pop();
      this.reads.pop();
    }
    return false;
  }
}

/** One path of a thread: its choices, the location of each choice that is a read, and how it ended. */
export interface ThreadPath {
  readonly choices: readonly number[];
  readonly reads: readonly (string | undefined)[];
  readonly trace?: ThreadTrace;
  readonly abandoned?: AbandonedPath;
}

/** A thread run with the paths behind it, in the order taken (lexicographic by choices). */
export interface RecordedThreadRun extends ThreadRun {
  readonly paths: readonly ThreadPath[];
}

/**
 * Walks the paths extending `prefix`, in runThread's order, into `paths`;
 * false when it stopped at `limit` traces with paths left (as runThread stops).
 */
function walk(thread: ThreadCode, options: ThreadRunOptions, prefix: readonly number[], limit: number, paths: ThreadPath[]): boolean {
  const choices = new Choices(prefix);
  const meter = options.meter;
  let traces = 0;
  do {
    if (traces >= limit) return false;
    const machine = new ThreadMachine(thread, options, choices);
    let path: ThreadPath;
    try {
      const trace = machine.run();
      path = { ...choices.path(), trace };
      traces++;
    } catch (e) {
      if (!(e instanceof Abandon)) throw e;
      path = { ...choices.path(), abandoned: { reason: e.reason, message: e.message, span: e.span, events: machine.eventsSoFar, valueFrom: machine.valueFromSoFar } };
    }
    paths.push(path);
    if (meter) {
      meter.charge(pathBytes(path));
      meter.counts.traces++;
      meter.tick();
    }
  } while (choices.advance());
  return true;
}

/** The run made of `paths` (in order), cut at `maxTraces` traces: runThread stops at the first path after them. */
function runOf(paths: readonly ThreadPath[], maxTraces: number): RecordedThreadRun {
  const traces: ThreadTrace[] = [];
  const abandoned: AbandonedPath[] = [];
  let truncated = false;
  let i = 0;
  for (; i < paths.length; i++) {
    if (traces.length >= maxTraces) {
      truncated = true;
      break;
    }
    const p = paths[i]!;
    if (p.trace) traces.push(p.trace);
    else abandoned.push(p.abandoned!);
  }
  return { traces, abandoned, truncated, paths: paths.slice(0, i) };
}

function compareChoices(a: ThreadPath, b: ThreadPath): number {
  const n = Math.min(a.choices.length, b.choices.length);
  for (let i = 0; i < n; i++) if (a.choices[i] !== b.choices[i]) return a.choices[i]! - b.choices[i]!;
  return a.choices.length - b.choices.length;
}

/** Enumerates every trace of `thread`. */
export function runThread(thread: ThreadCode, options: ThreadRunOptions): ThreadRun {
  const { traces, abandoned, truncated } = recordedRun(thread, options);
  return { traces, abandoned, truncated };
}

function recordedRun(thread: ThreadCode, options: ThreadRunOptions): RecordedThreadRun {
  const paths: ThreadPath[] = [];
  const complete = walk(thread, options, [], options.maxTraces, paths);
  return { ...runOf(paths, options.maxTraces), truncated: !complete };
}

/**
 * runThread, reusing `previous`: a run of the same thread with the same
 * options except a smaller domain, each location's values a prefix of its
 * values now (`previousSize`). A path that reads only values known before is
 * a path of `previous`, the same to the event; only the paths that read a new
 * value somewhere are run, each from the first new value it reads (after a
 * prefix of a previous path). The result is runThread's, in its order.
 */
export function extendThreadRun(thread: ThreadCode, options: ThreadRunOptions, previous: RecordedThreadRun | undefined, previousSize: (loc: string) => number): RecordedThreadRun {
  const limit = options.maxTraces;
  if (!previous || previous.truncated) return recordedRun(thread, options);
  const fresh: ThreadPath[] = [];
  const started = new Set<string>();
  let freshTraces = 0;
  for (const path of previous.paths) {
    for (let j = 0; j < path.choices.length; j++) {
      const loc = path.reads[j];
      if (loc === undefined) continue;
      const size = options.domain(loc).length;
      for (let c = previousSize(loc); c < size; c++) {
        const prefix = [...path.choices.slice(0, j), c];
        const key = prefix.join(',');
        if (started.has(key)) continue;
        started.add(key);
        const from = fresh.length;
        // Past the limit, runThread stops somewhere in the paths before: take them all again.
        if (!walk(thread, options, prefix, limit - freshTraces, fresh)) return recordedRun(thread, options);
        for (let k = from; k < fresh.length; k++) if (fresh[k]!.trace) freshTraces++;
      }
    }
  }
  if (fresh.length === 0) return previous;
  return runOf([...previous.paths, ...fresh].sort(compareChoices), limit);
}

/** herd7's variable numbering of each thread's code, computed once per thread and unroll bound. */
const numberings = new WeakMap<ThreadCode, { unroll: number; vars: HerdVarNumbering }>();

function herdVarsOf(thread: ThreadCode, unroll: number, meter: Meter | undefined): HerdVarNumbering {
  const known = numberings.get(thread);
  if (known && known.unroll === unroll) return known.vars;
  const vars = numberHerdVars(thread.body, unroll, meter ? () => meter.tick() : undefined);
  numberings.set(thread, { unroll, vars });
  return vars;
}

class ThreadMachine {
  private readonly events: ThreadEvent[] = [];
  private readonly rmw: LocalEdge[] = [];
  private readonly addr: LocalEdge[] = [];
  private readonly data: LocalEdge[] = [];
  private readonly ctrl: LocalEdge[] = [];
  private readonly valueFrom: LocalEdge[] = [];
  private readonly locals = new Map<string, Tainted>();
  /** The reads the events here are control-dependent on. */
  private ctrlDeps: readonly number[] = [];
  /** The reads behind the registers the enclosing branch conditions read: a register assigned here depends on them through the branch. */
  private registerCtl: readonly number[] = [];
  /** Set while a branch condition is evaluated. */
  private scope: ConditionScope | undefined;
  /** Reads whose values an operator or a branch condition computes with. */
  private readonly computedWith = new Set<number>();
  /** Reads herd7 equates with a constant (see ThreadTrace.equated). */
  private readonly equated: number[] = [];
  /** herd7's variable numbers (see herd-vars.ts), and the decisions taken so far, as they name this path there. */
  private readonly vars: HerdVarNumbering;
  private path = 0;
  /** Per event position, for a read: the highest herd7 variable equal to its value (itself, or a register read copying it). */
  private readonly readVars: number[] = [];

  constructor(
    private readonly thread: ThreadCode,
    private readonly options: ThreadRunOptions,
    private readonly choices: Choices,
  ) {
    for (const p of thread.params) this.locals.set(p, { v: addressOf(p), deps: [] });
    for (const [r, v] of thread.initialRegisters) this.locals.set(r, { v, deps: [] });
    this.vars = herdVarsOf(thread, options.unroll, options.meter);
  }

  get eventsSoFar(): readonly ThreadEvent[] {
    return this.events;
  }

  get valueFromSoFar(): readonly LocalEdge[] {
    return this.valueFrom;
  }

  run(): ThreadTrace {
    this.block(this.thread.body.body);
    const registers = new Map<string, Value>();
    const registerDeps = new Map<string, readonly number[]>();
    for (const [name, value] of this.locals) {
      if (!this.thread.params.includes(name) || this.thread.initialRegisters.has(name)) {
        registers.set(name, value.v);
        if (semanticDeps(value).length > 0) registerDeps.set(name, semanticDeps(value));
      }
    }
    return {
      registerDeps,
      readVars: this.readVars,
      herdVars: this.vars.total,
      thread: this.thread.index,
      events: this.events,
      rmw: this.rmw,
      addr: this.addr,
      data: this.data,
      ctrl: this.ctrl,
      valueFrom: this.valueFrom,
      computedWith: [...this.computedWith].sort((a, b) => a - b),
      ...(this.equated.length > 0 ? { equated: this.equated } : {}),
      registers,
    };
  }

  // ───────────── statements ─────────────

  private block(stmts: readonly Stmt[]): void {
    for (const s of stmts) this.stmt(s);
  }

  private stmt(s: Stmt): void {
    // Nested loops may run long without an event: count statements too.
    this.options.meter?.tick();
    switch (s.kind) {
      case 'block':
        return this.block(s.body);
      case 'empty':
        return;
      case 'decl':
        // A declaration without a value keeps a value the init block gave the register (herd7 does).
        for (const d of s.declarators) {
          if (d.init) this.assignRegister(d.name.name, this.expr(d.init));
          else if (!this.thread.initialRegisters.has(d.name.name) || !this.locals.has(d.name.name)) this.locals.set(d.name.name, zero);
        }
        return;
      case 'expr':
        this.expr(s.expr);
        return;
      case 'if': {
        const test = this.condition(s.test);
        this.underControl(test, () => {
          const then = this.branch(test.value);
          this.decide(s.test, then ? 'T' : 'E');
          if (then) this.stmt(s.then);
          else if (s.otherwise) this.stmt(s.otherwise);
        });
        return;
      }
      case 'while':
        return this.loop(s, s.doWhile ? undefined : s.test, s.body, s.doWhile ? s.test : undefined, undefined);
      case 'for':
        if (s.init) this.stmt(s.init);
        return this.loop(s, s.test, s.body, undefined, s.update);
      case 'break':
        throw new LoopExit('break');
      case 'continue':
        throw new LoopExit('continue');
    }
  }

  /** A loop, unrolled: each iteration is under the control of every test before it. */
  private loop(s: Stmt, pre: Expr | undefined, body: Stmt, post: Expr | undefined, update: Expr | undefined): void {
    const span = s.span;
    const saved = [this.ctrlDeps, this.registerCtl] as const;

    // Each iteration (its test included) is inside the branch of the test before it.
    const test = (e: Expr): boolean => {
      const c = this.condition(e);
      this.ctrlDeps = union(this.ctrlDeps, c.ctrl);
      this.registerCtl = union(this.registerCtl, c.registers);
      const goesOn = this.branch(c.value);
      this.decide(e, goesOn ? 'T' : 'E');
      return goesOn;
    };
    try {
      for (let iteration = 0; ; iteration++) {
        if (pre && !test(pre)) return;
        if (iteration >= this.options.unroll) {
          throw new Abandon('unroll', `loop still running after ${this.options.unroll} iterations (the unroll bound)`, span);
        }
        try {
          this.stmt(body);
        } catch (e) {
          if (!(e instanceof LoopExit)) throw e;
          if (e.kind === 'break') return;
        }
        if (update) this.expr(update);
        if (post && !test(post)) return;
      }
    } finally {
      [this.ctrlDeps, this.registerCtl] = saved;
    }
  }

  /**
   * Evaluates a branch condition. herd7 makes every event of the branch
   * control-dependent on every event of the condition: on the reads it makes,
   * and through the registers it reads, on the reads behind them. A register
   * assigned in the branch depends on the latter only (herd7's ctrl starts
   * with a data step out of a read, which a read made by the condition itself
   * lacks).
   */
  private condition(e: Expr): { value: Tainted; ctrl: readonly number[]; registers: readonly number[] } {
    const outer = this.scope;
    const scope: ConditionScope = { reads: [], registers: [] };
    this.scope = scope;
    let value: Tainted;
    try {
      value = this.expr(e);
    } finally {
      this.scope = outer;
      if (outer) {
        outer.reads.push(...scope.reads);
        outer.registers.push(...scope.registers);
      }
    }
    // herd7 compares a condition that is not a comparison with 0.
    this.computeWith(value);
    const registers = sortedSet(scope.registers);
    return { value, registers, ctrl: union(union(value.deps, sortedSet(scope.reads)), registers) };
  }

  /** Which way a branch goes. */
  private branch(test: Tainted): boolean {
    const natural = truthy(test.v);
    if (!this.options.forkBranches || semanticDeps(test).length === 0) return natural;
    return this.choices.choose(2) === 0 ? natural : !natural;
  }

  private underControl<T>(test: { ctrl: readonly number[]; registers: readonly number[] }, body: () => T): T {
    const saved = [this.ctrlDeps, this.registerCtl] as const;
    this.ctrlDeps = union(saved[0], test.ctrl);
    this.registerCtl = union(saved[1], test.registers);
    try {
      return body();
    } finally {
      [this.ctrlDeps, this.registerCtl] = saved;
    }
  }

  /** A register write: under a branch, it depends on the reads behind the branch's condition registers. */
  private assignRegister(name: string, value: Tainted): void {
    this.locals.set(name, this.registerCtl.length === 0 ? value : { ...value, ctl: union(controlDeps(value), this.registerCtl) });
  }

  /** herd7 computes with `t`'s value: if it cannot be solved, herd7 drops the execution. */
  private computeWith(...ts: Tainted[]): void {
    for (const t of ts) for (const d of t.deps) this.computedWith.add(d);
  }

  // ───────────── expressions ─────────────

  private expr(e: Expr): Tainted {
    switch (e.kind) {
      case 'number':
        return { v: e.value, deps: [] };
      case 'name': {
        const local = this.locals.get(e.name);
        if (local) {
          this.scope?.registers.push(...local.deps, ...controlDeps(local));
          // A register read is a herd7 variable equal to the value: a copy of a read joins its class.
          const copied = semanticDeps(local);
          if (copied.length === 1) this.noteVar(copied[0]!, this.varOf(e));
          return local;
        }
        // A register nothing wrote: it holds 0, as in herd7 (lower.ts warns
        // about it; used as an address, it is rejected there).
        return zero;
      }
      case 'cast':
        return this.expr(e.operand);
      case 'unary':
        return this.unary(e, e.op, e.operand, e.span);
      case 'binary':
        return this.binary(e);
      case 'conditional': {
        const test = this.condition(e.test);
        const chosen = this.underControl(test, () => this.expr(truthy(test.value.v) ? e.then : e.otherwise));
        return withCtl({ v: chosen.v, deps: union(test.value.deps, chosen.deps) }, union(controlDeps(test.value), controlDeps(chosen)));
      }
      case 'assign':
        return this.assign(e);
      case 'call':
        return this.call(e);
    }
  }

  private unary(node: Expr, op: string, operand: Expr, span: Span): Tainted {
    if (op === '*') {
      const address = this.expr(operand);
      const loc = this.location(address, span);
      return this.read(loc, address.deps, [], span, false, this.varOf(node));
    }
    if (op === '&') {
      if (operand.kind === 'unary' && operand.op === '*') return this.expr(operand.operand);
      if (operand.kind === 'name') return { v: addressOf(operand.name), deps: [] };
      throw new Abandon('fault', 'cannot take the address of this expression', span);
    }
    const value = this.expr(operand);
    const n = this.integer(value, span);
    if (op !== '+') this.computeWith(value);
    const result = op === '-' ? -n : op === '!' ? (n === 0 ? 1 : 0) : op === '~' ? ~n : n;
    return carry(value, result);
  }

  private binary(e: Extract<Expr, { kind: 'binary' }>): Tainted {
    if (e.op === '&&' || e.op === '||') {
      const left = this.expr(e.left);
      this.computeWith(left);
      const shortCircuit = e.op === '&&' ? !truthy(left.v) : truthy(left.v);
      if (shortCircuit) return withCtl({ v: e.op === '&&' ? 0 : 1, deps: left.deps }, controlDeps(left));
      const right = this.underControl({ ctrl: left.deps, registers: [] }, () => this.expr(e.right));
      this.computeWith(right);
      return withCtl({ v: truthy(right.v) ? 1 : 0, deps: union(left.deps, right.deps) }, union(controlDeps(left), controlDeps(right)));
    }
    const left = this.expr(e.left);
    const right = this.expr(e.right);
    const deps = union(left.deps, right.deps);
    const ctl = union(controlDeps(left), controlDeps(right));
    const constantZero = (t: Tainted) => t.v === 0 && semanticDeps(t).length === 0;
    const absorbs = (e.op === '&' || e.op === '*') && (constantZero(left) || constantZero(right));
    const sem = absorbs ? [] : union(semanticDeps(left), semanticDeps(right));
    // herd7 adds 0 (and ors 0) without computing; any other operation on an unsolved value stays unsolved.
    if (!((e.op === '+' || e.op === '|') && (constantZero(left) || constantZero(right)))) this.computeWith(left, right);
    const tainted = (v: Value): Tainted => withCtl(sem.length === deps.length ? { v, deps } : { v, deps, sem }, ctl);
    if (e.op === '==' || e.op === '!=') {
      const same = left.v === right.v;
      return tainted((e.op === '==') === same ? 1 : 0);
    }
    // Pointer plus or minus zero is the pointer: the idiom for an address
    // dependency, `*(x + (r0 & 0))`. Other offsets would index an array.
    if ((e.op === '+' || e.op === '-') && (isAddress(left.v) || isAddress(right.v))) {
      const [pointer, offset] = isAddress(left.v) ? [left.v, right.v] : e.op === '+' ? [right.v, left.v] : [undefined, undefined];
      if (pointer !== undefined && offset === 0) return tainted(pointer);
      throw new Abandon('fault', 'pointer arithmetic other than adding 0 (arrays are not supported)', e.span);
    }
    const a = this.integer(left, e.span);
    const b = this.integer(right, e.span);
    let v: number;
    switch (e.op) {
      case '+': v = a + b; break;
      case '-': v = a - b; break;
      case '*': v = a * b; break;
      case '/':
      case '%':
        if (b === 0) throw new Abandon('fault', 'division by zero', e.span);
        v = e.op === '/' ? Math.trunc(a / b) : a % b;
        break;
      case '&': v = a & b; break;
      case '|': v = a | b; break;
      case '^': v = a ^ b; break;
      case '<<': v = a << b; break;
      case '>>': v = a >> b; break;
      case '<': v = a < b ? 1 : 0; break;
      case '<=': v = a <= b ? 1 : 0; break;
      case '>': v = a > b ? 1 : 0; break;
      case '>=': v = a >= b ? 1 : 0; break;
    }
    return tainted(v);
  }

  private assign(e: Extract<Expr, { kind: 'assign' }>): Tainted {
    let value = this.expr(e.value);
    if (e.op !== '=') {
      const current = this.expr(e.target);
      const op = e.op.slice(0, -1) as Extract<Expr, { kind: 'binary' }>['op'];
      value = this.combine(op, current, value, e.span);
    }
    const target = e.target;
    if (target.kind === 'name') {
      this.assignRegister(target.name, value);
      return value;
    }
    if (target.kind === 'unary' && target.op === '*') {
      const address = this.expr(target.operand);
      this.write(this.location(address, target.span), value, address.deps, [], e.span);
      return value;
    }
    throw new Abandon('fault', 'cannot assign to this expression', target.span);
  }

  private combine(op: Extract<Expr, { kind: 'binary' }>['op'], a: Tainted, b: Tainted, span: Span): Tainted {
    const literal = (t: Tainted): Expr => ({ kind: 'number', value: this.integer(t, span), span });
    const result = this.binary({ kind: 'binary', op, left: literal(a), right: literal(b), span });
    this.computeWith(a, b);
    return withCtl({ v: result.v, deps: union(a.deps, b.deps) }, union(controlDeps(a), controlDeps(b)));
  }

  // ───────────── primitives ─────────────

  private call(e: Extract<Expr, { kind: 'call' }>): Tainted {
    const p = primitive(e.callee.name);
    if (!p) throw new Abandon('fault', `unknown primitive ${e.callee.name}`, e.callee.span);
    return this.primitive(p, e.args, e.span, e);
  }

  /** `node`: the call, whose herd7 variables (herd-vars.ts) the primitive's read takes. */
  private primitive(p: Primitive, args: readonly Expr[], span: Span, node: Expr): Tainted {
    const herdVar = p.kind === 'cmpxchg' || p.kind === 'add-unless'
      ? { success: this.varOf(node, 'S'), failure: this.varOf(node, 'F') }
      : { success: this.varOf(node), failure: this.varOf(node) };
    switch (p.kind) {
      case 'load': {
        const { loc, deps } = this.address(args[0]!, p.form, span);
        return this.read(loc, deps, [p.tag], span, false, herdVar.success);
      }
      case 'store': {
        const { loc, deps } = this.address(args[0]!, p.form, span);
        const value = this.expr(args[1]!);
        this.write(loc, value, deps, [p.tag], span);
        if (p.fenceAfter) this.fence([p.fenceAfter], span);
        return zero;
      }
      case 'fence':
        this.fence([p.tag], span);
        return zero;
      case 'sync-srcu': {
        const { loc } = this.address(args[0]!, 'pointer', span);
        this.emit({ kind: 'F', loc, tags: ['sync-srcu'], rmw: false, span, text: this.options.textOf(span) });
        return zero;
      }
      case 'xchg': {
        const { loc, deps } = this.address(args[0]!, 'pointer', span);
        const value = this.expr(args[1]!);
        const old = this.read(loc, deps, [p.tag], span, true, herdVar.success);
        this.rmwWrite(old, loc, value, deps, [p.tag], span);
        return old;
      }
      case 'cmpxchg': {
        const { loc, deps } = this.address(args[0]!, 'pointer', span);
        const expected = this.expr(args[1]!);
        const value = this.expr(args[2]!);
        const old = this.read(loc, deps, [p.tag], span, true, herdVar.success);
        // On success herd7 equates the two (which solves either); on failure it compares them.
        const success = old.v === expected.v;
        if (!success) this.noteVar(old.deps[0]!, herdVar.failure);
        this.decide(undefined, success ? 'S' : 'F');
        if (success) {
          if (expected.deps.length === 0) this.equated.push(old.deps[0]!);
          this.rmwWrite(old, loc, value, deps, [p.tag], span);
        } else this.computeWith(old, expected);
        return old;
      }
      case 'atomic-op': {
        const operand = p.operand === 'arg' ? this.expr(args[0]!) : { v: p.operand, deps: [] };
        const { loc, deps } = this.address(args[p.operand === 'arg' ? 1 : 0]!, 'pointer', span);
        const old = this.read(loc, deps, ['NORETURN'], span, true, herdVar.success);
        this.computeWith(old, operand);
        const next = applyAtomicOp(p.op, this.integer(old, span), this.integer(operand, span));
        this.rmwWrite(old, loc, { v: next, deps: operand.deps }, deps, ['NORETURN'], span, true);
        return zero;
      }
      case 'op-return':
      case 'fetch-op': {
        const operand = p.operand === 'arg' ? this.expr(args[0]!) : { v: p.operand, deps: [] };
        const { loc, deps } = this.address(args[p.operand === 'arg' ? 1 : 0]!, 'pointer', span);
        const old = this.read(loc, deps, [p.tag], span, true, herdVar.success);
        this.computeWith(old, operand);
        const next = applyAtomicOp(p.op, this.integer(old, span), this.integer(operand, span));
        this.rmwWrite(old, loc, { v: next, deps: operand.deps }, deps, [p.tag], span, true);
        if (p.kind === 'fetch-op') return old;
        const test = p.test;
        const result = test === '==0' ? (next === 0 ? 1 : 0) : test === '<0' ? (next < 0 ? 1 : 0) : next;
        return { v: result, deps: old.deps };
      }
      case 'add-unless': {
        const { loc, deps } = this.address(args[0]!, 'pointer', span);
        const add = this.expr(args[1]!);
        const unless = this.expr(args[2]!);
        const old = this.read(loc, deps, [p.tag], span, true, herdVar.success);
        if (old.v === unless.v) {
          // herd7 equates the value read with the limit.
          if (unless.deps.length === 0) this.equated.push(old.deps[0]!);
          this.noteVar(old.deps[0]!, herdVar.failure);
          this.decide(undefined, 'F');
          return { v: 0, deps: old.deps };
        }
        this.decide(undefined, 'S');
        this.computeWith(old, unless, add);
        const next = this.integer(old, span) + this.integer(add, span);
        this.rmwWrite(old, loc, { v: next, deps: add.deps }, deps, [p.tag], span, true);
        return { v: 1, deps: old.deps };
      }
      case 'lock': {
        const { loc, deps } = this.address(args[0]!, 'pointer', span);
        this.lockEvent('R', 'LKR', loc, 0, deps, span);
        this.lockEvent('W', 'LKW', loc, 1, deps, span);
        return zero;
      }
      case 'unlock': {
        const { loc, deps } = this.address(args[0]!, 'pointer', span);
        this.lockEvent('W', 'UL', loc, 0, deps, span);
        return zero;
      }
      case 'trylock': {
        const { loc, deps } = this.address(args[0]!, 'pointer', span);
        const acquired = this.choices.choose(2) === 0;
        this.decide(undefined, acquired ? 'S' : 'F');
        if (acquired) {
          const r = this.lockEvent('R', 'LKR', loc, 0, deps, span);
          this.lockEvent('W', 'LKW', loc, 1, deps, span);
          return { v: 1, deps: [r] };
        }
        const r = this.lockEvent('R', 'LF', loc, 1, deps, span);
        return { v: 0, deps: [r] };
      }
      case 'is-locked': {
        const { loc, deps } = this.address(args[0]!, 'pointer', span);
        const locked = this.choices.choose(2) === 0;
        this.decide(undefined, locked ? 'S' : 'F');
        const r = this.lockEvent('R', locked ? 'RL' : 'RU', loc, locked ? 1 : 0, deps, span);
        return { v: locked ? 1 : 0, deps: [r] };
      }
    }
  }

  /** The location a primitive accesses: `*e` for an lvalue form, `e` for a pointer form. */
  private address(arg: Expr, form: 'lvalue' | 'pointer', span: Span): { loc: string; deps: readonly number[] } {
    let pointer: Expr = arg;
    if (form === 'lvalue') {
      if (arg.kind === 'unary' && arg.op === '*') pointer = arg.operand;
      else if (arg.kind === 'name' && !this.locals.has(arg.name)) return { loc: arg.name, deps: [] };
      else throw new Abandon('fault', 'expected a location such as *x here', arg.span);
    }
    const address = this.expr(pointer);
    return { loc: this.location(address, span), deps: address.deps };
  }

  private location(address: Tainted, span: Span): string {
    if (!isAddress(address.v)) {
      throw new Abandon('fault', `dereferences ${address.v}, which is not the address of a shared location`, span);
    }
    return address.v.address;
  }

  private integer(t: Tainted, span: Span): number {
    if (typeof t.v !== 'number') throw new Abandon('fault', `arithmetic on the address of ${formatValue(t.v)}`, span);
    return t.v;
  }

  // ───────────── herd7's variables ─────────────

  /** `node`'s herd7 variable on the path taken (0 when it has none). */
  private varOf(node: object, part = ''): number {
    return this.vars.index.get(herdVarKey(this.path, node, part)) ?? 0;
  }

  /** A decision herd7 also makes while building (a branch on a non-constant test, a read-modify-write that may fail). */
  private decide(test: Expr | undefined, letter: Decision): void {
    if (test === undefined || constantValue(test) === undefined) this.path = this.vars.next(this.path, letter);
  }

  /** Variable `v` is equal to the value read at position `read`. */
  private noteVar(read: number, v: number): void {
    if (v > (this.readVars[read] ?? 0)) this.readVars[read] = v;
  }

  // ───────────── events ─────────────

  private emit(event: ThreadEvent): number {
    this.options.meter?.tick();
    const id = this.events.length;
    this.events.push(event);
    for (const r of this.ctrlDeps) this.ctrl.push([r, id]);
    return id;
  }

  private read(loc: string, addrDeps: readonly number[], tags: readonly AccessTag[], span: Span, rmw = false, herdVar = 0): Tainted {
    const domain = this.options.domain(loc);
    const choice = this.choices.choose(domain.length, loc);
    const value = domain[choice] ?? 0;
    const id = this.emit({ kind: 'R', loc, value, tags, rmw, span, text: this.options.textOf(span), choice });
    this.noteVar(id, herdVar);
    for (const a of addrDeps) this.addr.push([a, id]);
    this.scope?.reads.push(id);
    return { v: value, deps: [id] };
  }

  private write(loc: string, value: Tainted, addrDeps: readonly number[], tags: readonly AccessTag[], span: Span, rmw = false): number {
    const id = this.emit({ kind: 'W', loc, value: value.v, tags, rmw, span, text: this.options.textOf(span) });
    for (const a of addrDeps) this.addr.push([a, id]);
    for (const d of value.deps) this.data.push([d, id]);
    for (const d of semanticDeps(value)) this.valueFrom.push([d, id]);
    return id;
  }

  /** The write of an RMW; `computed` when its value is computed from the value read (atomic_add, ...), not given (xchg). */
  private rmwWrite(old: Tainted, loc: string, value: Tainted, addrDeps: readonly number[], tags: readonly AccessTag[], span: Span, computed = false): void {
    const w = this.write(loc, value, addrDeps, tags, span, true);
    this.rmw.push([old.deps[0]!, w]);
    if (computed) {
      // The new value is computed from the old: herd7 counts that as a data
      // dependency (its iico_data), which LKMM's carry-dep then carries on
      // through a reload of the written value (data ; rfi).
      this.data.push([old.deps[0]!, w]);
      this.valueFrom.push([old.deps[0]!, w]);
    }
  }

  private fence(tags: readonly FenceTag[], span: Span): void {
    this.emit({ kind: 'F', tags, rmw: false, span, text: this.options.textOf(span) });
  }

  private lockEvent(kind: 'R' | 'W', lock: LockKind, loc: string, value: number, addrDeps: readonly number[], span: Span): number {
    const id = this.emit({ kind, loc, value, tags: [], lock, rmw: false, span, text: this.options.textOf(span) });
    for (const a of addrDeps) this.addr.push([a, id]);
    return id;
  }
}

/** `t` with the control dependencies `ctl` (left out when there are none). */
function withCtl(t: Tainted, ctl: readonly number[]): Tainted {
  return ctl.length === 0 ? t : { ...t, ctl };
}

function sortedSet(xs: readonly number[]): readonly number[] {
  return [...new Set(xs)].sort((x, y) => x - y);
}

function union(a: readonly number[], b: readonly number[]): readonly number[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}
