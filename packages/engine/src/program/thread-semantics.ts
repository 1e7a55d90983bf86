// Runs one thread's code on one path (thread-paths.ts): every read takes the
// value its choice point gives, every forked branch the way chosen, and the
// run gives the path's trace, its events in program order with their
// dependencies. herd7 does the same symbolically; we do it concretely, with
// read values drawn from a finite domain per location (value-domain.ts), and
// let rf matching discard the combinations no write can justify. Statements
// and expressions are here; the values' dependencies are taint.ts's, the
// events thread-events.ts's, the primitives primitive-semantics.ts's.
import type { BinaryOp, Expr, Stmt } from '../syntax/ast.ts';
import type { Span } from '../syntax/diagnostic.ts';
import type { LocalEdge, ThreadTrace } from './event.ts';
import { primitive } from './primitives.ts';
import type { ThreadCode } from './program.ts';
import { constantValue, numberHerdVars, type Decision, type HerdVarNumbering, type ReadPart } from './herd-vars.ts';
import { addressOf, compareAddresses, formatValue, isAddress, offsetAddress, truthy, type Address, type Value } from './value.ts';
import { cancelledDeps, carry, controlDeps, semanticDeps, sortedSet, union, withCtl, zero, type ConditionScope, type Tainted } from './taint.ts';
import { Abandon, type Choices, type ThreadRunOptions } from './thread-paths.ts';
import { ThreadEvents } from './thread-events.ts';
import { runPrimitive, type PrimitiveContext } from './primitive-semantics.ts';

class LoopExit {
  constructor(readonly kind: 'break' | 'continue') {}
}

/** An expression of constants alone: herd7 computes it while building the thread. */
function constantExpr(e: Expr): boolean {
  switch (e.kind) {
    case 'number':
      return true;
    case 'cast':
      return constantExpr(e.operand);
    case 'unary':
      return e.op !== '*' && e.op !== '&' && constantExpr(e.operand);
    case 'binary':
      return constantExpr(e.left) && constantExpr(e.right);
    default:
      return false;
  }
}

/** The reads the operands' values were solved without (`cancelled`) and that no operand needs otherwise. */
function withoutNeeded(operands: readonly Tainted[]): readonly number[] {
  let cancelled: readonly number[] = [];
  for (const t of operands) cancelled = union(cancelled, cancelledDeps(t));
  if (cancelled.length === 0) return cancelled;
  const needed = new Set(operands.flatMap((t) => t.deps.filter((d) => !cancelledDeps(t).includes(d))));
  return cancelled.filter((d) => !needed.has(d));
}

/** herd7's variable numbering of a thread's code: once per run of the traces when they give a place to keep it (ThreadRunOptions.herdVars). */
function herdVarsOf(thread: ThreadCode, options: ThreadRunOptions): HerdVarNumbering {
  const known = options.herdVars?.get(thread);
  if (known) return known;
  const vars = numberHerdVars(thread.body, options.unroll, options.meter ? () => options.meter!.tick() : undefined);
  options.herdVars?.set(thread, vars);
  return vars;
}

/** One run of a thread: its code, on the path `choices` takes. */
export class ThreadMachine extends ThreadEvents implements PrimitiveContext {
  private readonly locals = new Map<string, Tainted>();
  /** The reads behind the registers the enclosing branch conditions read: a register assigned here depends on them through the branch. */
  private registerCtl: readonly number[] = [];
  /** Reads whose values an operator or a branch condition computes with. */
  private readonly computedWith = new Set<number>();
  /** Reads herd7 equates with a constant (see ThreadTrace.equated). */
  private readonly equated: number[] = [];
  /** Source → read: reads herd7 equates with a value built from registers (see ThreadTrace.equatedWith). */
  private readonly equatedWith: LocalEdge[] = [];
  /** Values a read-modify-write would have taken its other way with (see ThreadTrace.expected). */
  private readonly expected: { loc: string; value: Value; deps: readonly number[] }[] = [];
  /** herd7's variable numbers (see herd-vars.ts), and the decisions taken so far, as they name this path there. */
  private readonly vars: HerdVarNumbering;
  private path = 0;
  private illegal: ThreadTrace['illegal'];

  constructor(
    private readonly thread: ThreadCode,
    options: ThreadRunOptions,
    choices: Choices,
  ) {
    super(options, choices);
    for (const p of thread.params) this.locals.set(p, { v: addressOf(p), deps: [] });
    for (const [r, v] of thread.initialRegisters) this.locals.set(r, { v, deps: [] });
    this.vars = herdVarsOf(thread, options);
  }

  /** The registers' values as they stand (at the end, or where the path is abandoned). */
  get registersSoFar(): Map<string, Value> {
    const registers = new Map<string, Value>();
    for (const [name, value] of this.locals) {
      if (!this.thread.params.includes(name) || this.thread.initialRegisters.has(name)) registers.set(name, value.v);
    }
    return registers;
  }

  run(): ThreadTrace {
    this.block(this.thread.body.body);
    this.settleReads();
    const registers = this.registersSoFar;
    const registerDeps = new Map<string, readonly number[]>();
    for (const [name, value] of this.locals) {
      if (registers.has(name) && semanticDeps(value).length > 0) registerDeps.set(name, semanticDeps(value));
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
      ...(this.solvedData.length > 0 ? { solvedData: this.solvedData } : {}),
      computedWith: [...this.computedWith].sort((a, b) => a - b),
      ...(this.equated.length > 0 ? { equated: this.equated } : {}),
      ...(this.equatedWith.length > 0 ? { equatedWith: this.equatedWith } : {}),
      ...(this.expected.length > 0 ? { expected: this.expected } : {}),
      ...this.statementEdges(),
      registers,
      ...(this.illegal ? { illegal: this.illegal } : {}),
    };
  }

  private statementEdges(): Pick<ThreadTrace, 'unorderedInStatement'> {
    const unorderedInStatement = this.unorderedInStatement();
    return unorderedInStatement.length > 0 ? { unorderedInStatement } : {};
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
        this.beginStatement();
        // A declaration without a value keeps a value the init block gave the register (herd7 does).
        for (const d of s.declarators) {
          if (d.init) this.assignRegister(d.name.name, this.expr(d.init));
          else if (!this.thread.initialRegisters.has(d.name.name) || !this.locals.has(d.name.name)) this.locals.set(d.name.name, zero);
        }
        return;
      case 'expr':
        this.beginStatement();
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
  private condition(e: Expr, ownStatement = true): { value: Tainted; ctrl: readonly number[]; registers: readonly number[] } {
    // The test of an if or of a loop's iteration is an instruction of its own in herd7 (a ?: is part of its statement).
    if (ownStatement) this.beginStatement();
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
  computeWith(...ts: Tainted[]): void {
    // Only what the value really depends on: what `sem` leaves out is either
    // solved without it (`r0 ^ r0`) or was computed with already (`r0 & 0`).
    for (const t of ts) for (const d of semanticDeps(t)) this.computedWith.add(d);
  }

  // ───────────── expressions ─────────────

  expr(e: Expr): Tainted {
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
        const test = this.condition(e.test, false);
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
      return this.asAccess(() => this.read(loc, address.deps, [], span, false, this.varOf(node)));
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
    // herd7 adds (or ors) a constant 0 of the source at build time and keeps
    // the variable itself, so `r0 + 0` is r0 to what follows (`r0 ^ (r0 + 0)`
    // is 0). A register holding 0 is another variable there (herd7 checked).
    const literalZero = (x: Expr, t: Tainted) => t.v === 0 && constantExpr(x);
    if ((e.op === '+' || e.op === '|') && (literalZero(e.left, left) || literalZero(e.right, right))) return literalZero(e.right, right) ? left : right;
    const absorbs = (e.op === '&' || e.op === '*') && (constantZero(left) || constantZero(right));
    // Both operands the value of one register (one object here): herd7 reads
    // the register twice, two variables its solver unifies before computing,
    // and then its xor and eq of a variable with itself give 0 and 1 without
    // knowing the variable's value (symbValue.ml). Nothing else simplifies:
    // `r0 - r0`, `r0 & r0`, `r0 < r0`, two reads of one location stay unknown.
    const selfCancels = (e.op === '^' || e.op === '==' || e.op === '!=') && left === right && semanticDeps(left).length > 0;
    const sem = absorbs || selfCancels ? [] : union(semanticDeps(left), semanticDeps(right));
    const cancelled = selfCancels ? deps : withoutNeeded([left, right]);
    // herd7 adds 0 (and ors 0) without computing; any other operation on an unsolved value stays unsolved.
    if (!selfCancels && !((e.op === '+' || e.op === '|') && (constantZero(left) || constantZero(right)))) this.computeWith(left, right);
    const tainted = (v: Value): Tainted => withCtl(sem.length === deps.length ? { v, deps } : cancelled.length === 0 ? { v, deps, sem } : { v, deps, sem, cancelled }, ctl);
    if (e.op === '==' || e.op === '!=') {
      const same = left.v === right.v;
      return tainted((e.op === '==') === same ? 1 : 0);
    }
    if (isAddress(left.v) || isAddress(right.v)) {
      const value = addressArithmetic(e.op, left.v, right.v);
      return tainted(value ?? this.illegalOperation(`'${e.op}' on ${formatValue(left.v)} and ${formatValue(right.v)} ('${this.options.textOf(e.span)}'), an operation on an address herd7 refuses`, e.span));
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
        // herd7 stops on it (OCaml's Division_by_zero), once a candidate execution computes it.
        if (b === 0) {
          v = this.illegalOperation(`division by zero ('${this.options.textOf(e.span)}'), which herd7 stops on`, e.span);
          break;
        }
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
      this.asAccess(() => this.write(this.location(address, target.span), value, address.deps, [], e.span));
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
    return this.asAccess(() => runPrimitive(this, p, e.args, e.span, e));
  }

  /** The location a primitive accesses: `*e` for an lvalue form, `e` for a pointer form. */
  address(arg: Expr, form: 'lvalue' | 'pointer', span: Span): { loc: string; deps: readonly number[] } {
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

  /**
   * Notes an operation herd7 refuses (ThreadTrace.illegal) and gives 0 in its
   * place: herd7 goes on building the path and fails only if a candidate
   * execution holding it is consistent and passes the filter.
   */
  private illegalOperation(message: string, span: Span): number {
    this.illegal ??= { message, span };
    return 0;
  }

  integer(t: Tainted, span: Span): number {
    if (isAddress(t.v)) {
      return this.illegalOperation(`an operation on the address of ${formatValue(t.v)}, which herd7 refuses (it computes only with numbers there)`, span);
    }
    if (typeof t.v !== 'number') throw new Abandon('fault', `arithmetic on ${formatValue(t.v)}`, span);
    return t.v;
  }

  // ───────────── herd7's variables ─────────────

  /** `node`'s herd7 variable on the path taken (0 when it has none). */
  varOf(node: object, part: ReadPart = ''): number {
    return this.vars.varOf(this.path, node, part) ?? 0;
  }

  /** A decision herd7 also makes while building (a branch on a non-constant test, a read-modify-write that may fail). */
  decide(test: Expr | undefined, letter: Decision): void {
    if (test === undefined || constantValue(test) === undefined) this.path = this.vars.next(this.path, letter);
  }

  fork(count: number): number {
    return this.choices.choose(count);
  }

  equate(read: number): void {
    this.equated.push(read);
  }

  equateWith(read: number, sources: readonly number[]): void {
    for (const s of sources) this.equatedWith.push([s, read]);
  }

  expect(loc: string, value: Tainted): void {
    this.expected.push({ loc, value: value.v, deps: semanticDeps(value) });
  }
}

/**
 * A binary operation with an address among its operands, as herd7 computes
 * it (herdtools7 lib/symbValue.ml): an address plus or minus a number is an
 * address at that offset (`y+128`, offsetValue; plus 0 is the address
 * itself), the difference of two addresses compares them (-1, 0 or 1),
 * `| 0` leaves an address as it is, `x ^ x` is 0, and an address is greater
 * than 0 (`x > 0`, `0 < x`; `x < 0` is false). `==` and `!=` never get
 * here. Anything else (`x * 2`, `x & 0`, `1 - x`, `x + y`, `x <= y`, ...)
 * herd7 refuses with "Illegal operation" (or crashes on, as `x | 1`):
 * undefined, and the caller notes it (ThreadTrace.illegal).
 */
export function addressArithmetic(op: BinaryOp, a: Value, b: Value): Value | undefined {
  const address = (v: Value): v is Address => isAddress(v);
  switch (op) {
    case '+':
      if (address(a) && typeof b === 'number') return offsetAddress(a, b);
      if (typeof a === 'number' && address(b)) return offsetAddress(b, a);
      break;
    case '-':
      if (address(a) && typeof b === 'number') return offsetAddress(a, -b);
      if (address(a) && address(b)) return compareAddresses(a, b);
      break;
    case '|':
      if (a === 0) return b;
      if (b === 0) return a;
      break;
    case '^':
      if (a === b) return 0;
      break;
    case '<':
      if (address(a) && b === 0) return 0;
      if (a === 0 && address(b)) return 1;
      break;
    case '>':
      if (address(a) && b === 0) return 1;
      if (a === 0 && address(b)) return 0;
      break;
    default:
      break;
  }
  return undefined;
}
