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
import { addressOf, isAddress, truthy, type Value } from './value.ts';

/** A value with the reads it depends on (positions in the thread's events). */
interface Tainted {
  readonly v: Value;
  readonly deps: readonly number[];
  /**
   * The reads the value really depends on, when fewer than `deps`: `r & 0`
   * depends on r syntactically (herd7's data dependency) but not in value.
   * herd7's value solver sees through it, so value cycles (explore.ts) use this.
   */
  readonly sem?: readonly number[];
}

const semanticDeps = (t: Tainted): readonly number[] => t.sem ?? t.deps;

const zero: Tainted = { v: 0, deps: [] };

/** Why a path was abandoned. */
export type PathEnd = 'unroll' | 'fault';

export interface ThreadRun {
  readonly traces: ThreadTrace[];
  /** Paths abandoned: a loop ran past the unroll bound, or a fault (null dereference, ...). */
  readonly abandoned: { readonly reason: PathEnd; readonly message: string; readonly span: Span }[];
  /** True when `maxTraces` stopped the enumeration. */
  readonly truncated: boolean;
}

export interface ThreadRunOptions {
  /** Values a read of `loc` may return. */
  readonly domain: (loc: string) => readonly Value[];
  readonly unroll: number;
  readonly maxTraces: number;
  readonly textOf: (span: Span) => string;
}

class Abandon {
  constructor(readonly reason: PathEnd, readonly message: string, readonly span: Span) {}
}

class LoopExit {
  constructor(readonly kind: 'break' | 'continue') {}
}

/** Replays a depth-first walk over choice points: each run takes the next path. */
class Choices {
  private readonly taken: number[] = [];
  private readonly counts: number[] = [];
  private cursor = 0;

  choose(count: number): number {
    if (this.cursor < this.taken.length) return this.taken[this.cursor++]!;
    this.taken.push(0);
    this.counts.push(count);
    this.cursor++;
    return 0;
  }

  /** Moves to the next path; false when every path has been taken. */
  advance(): boolean {
    this.cursor = 0;
    while (this.taken.length > 0) {
      const last = this.taken.length - 1;
      if (this.taken[last]! + 1 < this.counts[last]!) {
        this.taken[last]!++;
        return true;
      }
      this.taken.pop();
      this.counts.pop();
    }
    return false;
  }
}

/** Enumerates every trace of `thread`. */
export function runThread(thread: ThreadCode, options: ThreadRunOptions): ThreadRun {
  const choices = new Choices();
  const traces: ThreadTrace[] = [];
  const abandoned: ThreadRun['abandoned'][number][] = [];
  let truncated = false;
  do {
    if (traces.length >= options.maxTraces) {
      truncated = true;
      break;
    }
    const machine = new ThreadMachine(thread, options, choices);
    try {
      traces.push(machine.run());
    } catch (e) {
      if (!(e instanceof Abandon)) throw e;
      abandoned.push({ reason: e.reason, message: e.message, span: e.span });
    }
  } while (choices.advance());
  return { traces, abandoned, truncated };
}

class ThreadMachine {
  private readonly events: ThreadEvent[] = [];
  private readonly rmw: LocalEdge[] = [];
  private readonly addr: LocalEdge[] = [];
  private readonly data: LocalEdge[] = [];
  private readonly ctrl: LocalEdge[] = [];
  private readonly valueFrom: LocalEdge[] = [];
  private readonly locals = new Map<string, Tainted>();
  private ctrlDeps: readonly number[] = [];

  constructor(
    private readonly thread: ThreadCode,
    private readonly options: ThreadRunOptions,
    private readonly choices: Choices,
  ) {
    for (const p of thread.params) this.locals.set(p, { v: addressOf(p), deps: [] });
    for (const [r, v] of thread.initialRegisters) this.locals.set(r, { v, deps: [] });
  }

  run(): ThreadTrace {
    this.block(this.thread.body.body);
    const registers = new Map<string, Value>();
    for (const [name, value] of this.locals) {
      if (!this.thread.params.includes(name) || this.thread.initialRegisters.has(name)) registers.set(name, value.v);
    }
    return {
      thread: this.thread.index,
      events: this.events,
      rmw: this.rmw,
      addr: this.addr,
      data: this.data,
      ctrl: this.ctrl,
      valueFrom: this.valueFrom,
      registers,
    };
  }

  // ───────────── statements ─────────────

  private block(stmts: readonly Stmt[]): void {
    for (const s of stmts) this.stmt(s);
  }

  private stmt(s: Stmt): void {
    switch (s.kind) {
      case 'block':
        return this.block(s.body);
      case 'empty':
        return;
      case 'decl':
        // A declaration without a value keeps a value the init block gave the register (herd7 does).
        for (const d of s.declarators) {
          if (d.init) this.locals.set(d.name.name, this.expr(d.init));
          else if (!this.thread.initialRegisters.has(d.name.name) || !this.locals.has(d.name.name)) this.locals.set(d.name.name, zero);
        }
        return;
      case 'expr':
        this.expr(s.expr);
        return;
      case 'if': {
        const test = this.expr(s.test);
        this.underControl(test.deps, () => {
          if (truthy(test.v)) this.stmt(s.then);
          else if (s.otherwise) this.stmt(s.otherwise);
        });
        return;
      }
      case 'while':
        return this.loop(s.span, s.doWhile ? undefined : s.test, s.body, s.doWhile ? s.test : undefined, undefined);
      case 'for':
        if (s.init) this.stmt(s.init);
        return this.loop(s.span, s.test, s.body, undefined, s.update);
      case 'break':
        throw new LoopExit('break');
      case 'continue':
        throw new LoopExit('continue');
    }
  }

  /** A loop, unrolled: each iteration is under the control of every test before it. */
  private loop(span: Span, pre: Expr | undefined, body: Stmt, post: Expr | undefined, update: Expr | undefined): void {
    const saved = this.ctrlDeps;
    try {
      for (let iteration = 0; ; iteration++) {
        if (pre) {
          const test = this.expr(pre);
          this.ctrlDeps = union(this.ctrlDeps, test.deps);
          if (!truthy(test.v)) return;
        }
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
        if (post) {
          const test = this.expr(post);
          this.ctrlDeps = union(this.ctrlDeps, test.deps);
          if (!truthy(test.v)) return;
        }
      }
    } finally {
      this.ctrlDeps = saved;
    }
  }

  private underControl<T>(deps: readonly number[], body: () => T): T {
    const saved = this.ctrlDeps;
    this.ctrlDeps = union(saved, deps);
    try {
      return body();
    } finally {
      this.ctrlDeps = saved;
    }
  }

  // ───────────── expressions ─────────────

  private expr(e: Expr): Tainted {
    switch (e.kind) {
      case 'number':
        return { v: e.value, deps: [] };
      case 'name': {
        const local = this.locals.get(e.name);
        if (local) return local;
        // Undeclared names are rejected when the program is checked; a name
        // that slipped through is a shared location used as its own address.
        return { v: addressOf(e.name), deps: [] };
      }
      case 'cast':
        return this.expr(e.operand);
      case 'unary':
        return this.unary(e.op, e.operand, e.span);
      case 'binary':
        return this.binary(e);
      case 'conditional': {
        const test = this.expr(e.test);
        const chosen = this.underControl(test.deps, () => this.expr(truthy(test.v) ? e.then : e.otherwise));
        return { v: chosen.v, deps: union(test.deps, chosen.deps) };
      }
      case 'assign':
        return this.assign(e);
      case 'call':
        return this.call(e);
    }
  }

  private unary(op: string, operand: Expr, span: Span): Tainted {
    if (op === '*') {
      const address = this.expr(operand);
      const loc = this.location(address, span);
      return this.read(loc, address.deps, [], span);
    }
    if (op === '&') {
      if (operand.kind === 'unary' && operand.op === '*') return this.expr(operand.operand);
      if (operand.kind === 'name') return { v: addressOf(operand.name), deps: [] };
      throw new Abandon('fault', 'cannot take the address of this expression', span);
    }
    const value = this.expr(operand);
    const n = this.integer(value, span);
    const result = op === '-' ? -n : op === '!' ? (n === 0 ? 1 : 0) : op === '~' ? ~n : n;
    return value.sem ? { v: result, deps: value.deps, sem: value.sem } : { v: result, deps: value.deps };
  }

  private binary(e: Extract<Expr, { kind: 'binary' }>): Tainted {
    if (e.op === '&&' || e.op === '||') {
      const left = this.expr(e.left);
      const shortCircuit = e.op === '&&' ? !truthy(left.v) : truthy(left.v);
      if (shortCircuit) return { v: e.op === '&&' ? 0 : 1, deps: left.deps };
      const right = this.underControl(left.deps, () => this.expr(e.right));
      return { v: truthy(right.v) ? 1 : 0, deps: union(left.deps, right.deps) };
    }
    const left = this.expr(e.left);
    const right = this.expr(e.right);
    const deps = union(left.deps, right.deps);
    const constantZero = (t: Tainted) => t.v === 0 && semanticDeps(t).length === 0;
    const absorbs = (e.op === '&' || e.op === '*') && (constantZero(left) || constantZero(right));
    const sem = absorbs ? [] : union(semanticDeps(left), semanticDeps(right));
    const tainted = (v: Value): Tainted => (sem.length === deps.length ? { v, deps } : { v, deps, sem });
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
      this.locals.set(target.name, value);
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
    return { v: result.v, deps: union(a.deps, b.deps) };
  }

  // ───────────── primitives ─────────────

  private call(e: Extract<Expr, { kind: 'call' }>): Tainted {
    const p = primitive(e.callee.name);
    if (!p) throw new Abandon('fault', `unknown primitive ${e.callee.name}`, e.callee.span);
    return this.primitive(p, e.args, e.span);
  }

  private primitive(p: Primitive, args: readonly Expr[], span: Span): Tainted {
    switch (p.kind) {
      case 'load': {
        const { loc, deps } = this.address(args[0]!, p.form, span);
        return this.read(loc, deps, [p.tag], span);
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
        const old = this.read(loc, deps, [p.tag], span, true);
        this.rmwWrite(old, loc, value, deps, [p.tag], span);
        return old;
      }
      case 'cmpxchg': {
        const { loc, deps } = this.address(args[0]!, 'pointer', span);
        const expected = this.expr(args[1]!);
        const value = this.expr(args[2]!);
        const old = this.read(loc, deps, [p.tag], span, true);
        if (old.v === expected.v) this.rmwWrite(old, loc, value, deps, [p.tag], span);
        return old;
      }
      case 'atomic-op': {
        const operand = p.operand === 'arg' ? this.expr(args[0]!) : { v: p.operand, deps: [] };
        const { loc, deps } = this.address(args[p.operand === 'arg' ? 1 : 0]!, 'pointer', span);
        const old = this.read(loc, deps, ['NORETURN'], span, true);
        const next = applyAtomicOp(p.op, this.integer(old, span), this.integer(operand, span));
        this.rmwWrite(old, loc, { v: next, deps: operand.deps }, deps, ['NORETURN'], span, true);
        return zero;
      }
      case 'op-return':
      case 'fetch-op': {
        const operand = p.operand === 'arg' ? this.expr(args[0]!) : { v: p.operand, deps: [] };
        const { loc, deps } = this.address(args[p.operand === 'arg' ? 1 : 0]!, 'pointer', span);
        const old = this.read(loc, deps, [p.tag], span, true);
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
        const old = this.read(loc, deps, [p.tag], span, true);
        if (old.v === unless.v) return { v: 0, deps: old.deps };
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
        if (this.choices.choose(2) === 0) {
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
    if (typeof t.v !== 'number') throw new Abandon('fault', `arithmetic on the address of ${t.v.address}`, span);
    return t.v;
  }

  // ───────────── events ─────────────

  private emit(event: ThreadEvent): number {
    const id = this.events.length;
    this.events.push(event);
    for (const r of this.ctrlDeps) this.ctrl.push([r, id]);
    return id;
  }

  private read(loc: string, addrDeps: readonly number[], tags: readonly AccessTag[], span: Span, rmw = false): Tainted {
    const domain = this.options.domain(loc);
    const choice = this.choices.choose(domain.length);
    const value = domain[choice] ?? 0;
    const id = this.emit({ kind: 'R', loc, value, tags, rmw, span, text: this.options.textOf(span), choice });
    for (const a of addrDeps) this.addr.push([a, id]);
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
    if (computed) this.valueFrom.push([old.deps[0]!, w]);
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

function union(a: readonly number[], b: readonly number[]): readonly number[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}
