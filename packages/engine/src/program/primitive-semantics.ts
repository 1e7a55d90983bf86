// What each primitive does when a thread runs it (the kernel's primitives,
// programs/primitives.ts): the events it emits, with their tags, values and
// dependencies, and the value it returns. herd7's linux-kernel.def gives the
// events; where herd7 decides while building (a cmpxchg that may fail, a
// trylock), the run decides too, and herd7's variable numbering follows.
import type { Expr } from '../syntax/ast.ts';
import type { Span } from '../syntax/diagnostic.ts';
import type { Decision, ReadPart } from './herd-vars.ts';
import { applyAtomicOp, type Primitive } from './primitives.ts';
import { semanticDeps, zero, type Tainted } from './taint.ts';
import { Abandon } from './thread-paths.ts';
import type { ThreadEvents } from './thread-events.ts';

/** What a primitive needs of the thread running it. */
export interface PrimitiveContext extends Pick<ThreadEvents, 'read' | 'write' | 'rmwWrite' | 'fence' | 'lockEvent' | 'noteVar' | 'overApproximating' | 'beginStatement'> {
  /** Evaluates an argument. */
  expr(e: Expr): Tainted;
  /** The location an argument names: `*e` for an lvalue form, `e` for a pointer form. */
  address(arg: Expr, form: 'lvalue' | 'pointer', span: Span): { loc: string; deps: readonly number[] };
  /** The integer `t` holds (a fault if it is an address). */
  integer(t: Tainted, span: Span): number;
  /** herd7 computes with these values (see ThreadTrace.computedWith). */
  computeWith(...ts: Tainted[]): void;
  /** `node`'s herd7 variable on the path taken (herd-vars.ts). */
  varOf(node: object, part?: ReadPart): number;
  /** A decision herd7 also takes while building (herd-vars.ts). */
  decide(test: Expr | undefined, letter: Decision): void;
  /** Forks the run `count` ways: the way this path takes. */
  fork(count: number): number;
  /** herd7 equates the read at `read` with a constant (see ThreadTrace.equated). */
  equate(read: number): void;
  /** herd7 equates the read at `read` with a value built from the reads `sources` (see ThreadTrace.equatedWith). */
  equateWith(read: number, sources: readonly number[]): void;
  /** The read of `loc` would have taken the other way with this value, which herd7 would equate it with (see ThreadTrace.expected). */
  expect(loc: string, value: Tainted): void;
}

/** Runs primitive `p` on `args`: its events, and the value it returns. `node` is the call, whose herd7 variables (herd-vars.ts) its read takes. */
export function runPrimitive(m: PrimitiveContext, p: Primitive, args: readonly Expr[], span: Span, node: Expr): Tainted {
  const herdVar = p.kind === 'cmpxchg' || p.kind === 'add-unless'
    ? { success: m.varOf(node, 'S'), failure: m.varOf(node, 'F') }
    : { success: m.varOf(node), failure: m.varOf(node) };
  switch (p.kind) {
    case 'load': {
      const { loc, deps } = m.address(args[0]!, p.form, span);
      return m.read(loc, deps, p.tag ? [p.tag] : [], span, false, herdVar.success);
    }
    case 'store': {
      const { loc, deps } = m.address(args[0]!, p.form, span);
      const value = m.expr(args[1]!);
      m.write(loc, value, deps, p.tag ? [p.tag] : [], span);
      if (p.fenceAfter) {
        // smp_store_mb() is two statements in herd7's .def, the store and then
        // the fence: the fence comes after every access of the store's value.
        m.beginStatement();
        m.fence([p.fenceAfter], span);
      }
      return zero;
    }
    case 'fence':
      m.fence(p.tag ? [p.tag] : [], span);
      return zero;
    case 'sync-srcu': {
      const { loc } = m.address(args[0]!, 'pointer', span);
      m.fence(['sync-srcu'], span, loc);
      return zero;
    }
    case 'xchg': {
      const { loc, deps } = m.address(args[0]!, 'pointer', span);
      const value = m.expr(args[1]!);
      const old = m.read(loc, deps, [p.tag], span, true, herdVar.success);
      m.rmwWrite(old, loc, value, deps, [p.tag], span);
      return old;
    }
    case 'cmpxchg': {
      const { loc, deps } = m.address(args[0]!, 'pointer', span);
      const expected = m.expr(args[1]!);
      const old = m.read(loc, deps, [p.tag], span, true, herdVar.success);
      // On success herd7 equates the two (which solves either); on failure it compares them.
      const success = old.v === expected.v;
      if (!success) m.noteVar(old.deps[0]!, herdVar.failure);
      m.decide(undefined, success ? 'S' : 'F');
      if (success) {
        if (expected.deps.length === 0) m.equate(old.deps[0]!);
        else m.equateWith(old.deps[0]!, semanticDeps(expected));
        // herd7 evaluates the new value only when the comparison succeeds
        // (its failing cmpxchg() has no events of it: linux_cmpexch_no).
        const value = m.expr(args[2]!);
        m.rmwWrite(old, loc, value, deps, [p.tag], span);
      } else {
        m.computeWith(old, expected);
        m.expect(loc, expected);
      }
      return old;
    }
    case 'atomic-op': {
      const operand = p.operand === 'arg' ? m.expr(args[0]!) : { v: p.operand, deps: [] };
      const { loc, deps } = m.address(args[p.operand === 'arg' ? 1 : 0]!, 'pointer', span);
      const old = m.read(loc, deps, ['NORETURN'], span, true, herdVar.success);
      m.computeWith(old, operand);
      const next = applyAtomicOp(p.op, m.integer(old, span), m.integer(operand, span));
      m.rmwWrite(old, loc, { v: next, deps: operand.deps }, deps, ['NORETURN'], span, true);
      return zero;
    }
    case 'op-return':
    case 'fetch-op': {
      const operand = p.operand === 'arg' ? m.expr(args[0]!) : { v: p.operand, deps: [] };
      const { loc, deps } = m.address(args[p.operand === 'arg' ? 1 : 0]!, 'pointer', span);
      const old = m.read(loc, deps, [p.tag], span, true, herdVar.success);
      m.computeWith(old, operand);
      const next = applyAtomicOp(p.op, m.integer(old, span), m.integer(operand, span));
      m.rmwWrite(old, loc, { v: next, deps: operand.deps }, deps, [p.tag], span, true);
      if (p.kind === 'fetch-op') return old;
      const test = p.test;
      const result = test === '==0' ? (next === 0 ? 1 : 0) : test === '<0' ? (next < 0 ? 1 : 0) : next;
      return { v: result, deps: old.deps };
    }
    case 'add-unless': {
      const { loc, deps } = m.address(args[0]!, 'pointer', span);
      const unless = m.expr(args[2]!);
      const old = m.read(loc, deps, [p.tag], span, true, herdVar.success);
      if (old.v === unless.v) {
        // herd7 equates the value read with the limit.
        if (unless.deps.length === 0) m.equate(old.deps[0]!);
        else m.equateWith(old.deps[0]!, semanticDeps(unless));
        m.noteVar(old.deps[0]!, herdVar.failure);
        m.decide(undefined, 'F');
        return { v: 0, deps: old.deps };
      }
      m.decide(undefined, 'S');
      m.expect(loc, unless);
      // Only a success evaluates the value to add (herd7's linux_add_unless_no has no events of it).
      const add = m.expr(args[1]!);
      m.computeWith(old, unless, add);
      const next = m.integer(old, span) + m.integer(add, span);
      m.rmwWrite(old, loc, { v: next, deps: add.deps }, deps, [p.tag], span, true);
      return { v: 1, deps: old.deps };
    }
    case 'c11-rmw': {
      // herd7 evaluates the value and the location, then makes one event
      // that is both a read and a write (CSem.ml, Exchange and Fetch with a
      // memory order). The LKMM's lock.cat defines fr as rf^-1;co, identity
      // included: such an event is fr-before itself, or rf-before a write
      // co-before it, so coherence refuses every execution that has one.
      m.expr(args[1]!);
      m.address(args[0]!, 'pointer', span);
      throw incoherent(span);
    }
    case 'c11-cas': {
      // CSem.ml's ECas: the expected value is read from E (plainly), then
      // either the failure (X read, a strong one only when it differs, and
      // written back to E) or the success: one read-and-write event, as
      // c11-rmw's, which no execution keeps. A weak one may fail whatever
      // it reads: herd7 adds no constraint, so its failure is a plain copy
      // of X's value into E (corpus/known-differences has the one count of
      // herd7's that chains of such copies make us differ from).
      const expected = m.address(args[1]!, 'pointer', span);
      const object = m.address(args[0]!, 'pointer', span);
      const old = m.read(expected.loc, expected.deps, [], span, false, m.varOf(node, 'E'));
      const failed = m.fork(2) === 0;
      m.decide(undefined, failed ? 'F' : 'S');
      if (!failed) {
        m.expr(args[2]!);
        throw incoherent(span);
      }
      const found = m.read(object.loc, object.deps, [], span, false, m.varOf(node, 'F'));
      if (p.strong) {
        m.computeWith(found, old);
        // herd7's constraint found != old: where they are equal, no execution.
        // herd7 solves it after building, so the value domain's rounds
        // (which collect what the paths may write) go on whatever the values.
        if (found.v === old.v && !m.overApproximating) throw new Abandon('incoherent', 'a strong compare-exchange fails only on a different value', span);
      }
      m.write(expected.loc, found, expected.deps, [], span);
      return zero;
    }
    case 'lock': {
      const { loc, deps } = m.address(args[0]!, 'pointer', span);
      m.lockEvent('R', 'LKR', loc, 0, deps, span);
      m.lockEvent('W', 'LKW', loc, 1, deps, span);
      return zero;
    }
    case 'unlock': {
      const { loc, deps } = m.address(args[0]!, 'pointer', span);
      m.lockEvent('W', 'UL', loc, 0, deps, span);
      return zero;
    }
    case 'trylock': {
      const { loc, deps } = m.address(args[0]!, 'pointer', span);
      const acquired = m.fork(2) === 0;
      m.decide(undefined, acquired ? 'S' : 'F');
      if (acquired) {
        const r = m.lockEvent('R', 'LKR', loc, 0, deps, span);
        m.lockEvent('W', 'LKW', loc, 1, deps, span);
        return { v: 1, deps: [r] };
      }
      const r = m.lockEvent('R', 'LF', loc, 1, deps, span);
      return { v: 0, deps: [r] };
    }
    case 'is-locked': {
      const { loc, deps } = m.address(args[0]!, 'pointer', span);
      const locked = m.fork(2) === 0;
      m.decide(undefined, locked ? 'S' : 'F');
      const r = m.lockEvent('R', locked ? 'RL' : 'RU', loc, locked ? 1 : 0, deps, span);
      return { v: locked ? 1 : 0, deps: [r] };
    }
  }
}

/** The end of a path at a C11 read-modify-write's event (see 'c11-rmw'). */
function incoherent(span: Span): Abandon {
  return new Abandon('incoherent', 'a C11 read-modify-write is one event that reads and writes; coherence under the LKMM refuses every execution with one', span);
}
