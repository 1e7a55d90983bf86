// C11 atomics in a litmus test, checked as herd7 7.58 reads them under the
// LKMM (lib/CLexer.mll, lib/CParser.mly, herd/CSem.ml, herd/CAction.ml).
//
// herd7's C lexer makes the six memory orders tokens of their own, and its
// grammar takes them only as the last arguments of the `_explicit` calls;
// atomic_store_explicit() and atomic_thread_fence() only as statements. The
// events keep the memory order and carry no annotation, and the LKMM's sets
// come from annotations alone: a C11 load or store is a plain access, a C11
// fence an F event no set names, and a C11 read-modify-write one event that
// both reads and writes, which coherence refuses in every execution
// (primitive-semantics.ts). These notes say so where a test relies on them.
import type { CallExpr, LitmusAst, TypeRef } from '../syntax/ast.ts';
import type { Diagnostic } from '../syntax/diagnostic.ts';
import { visitThread } from '../syntax/visit.ts';
import { memoryOrders, primitive, primitiveShape, type MemoryOrder } from './primitives.ts';

/** Whether `name` is one of C11's six memory orders. */
export function isMemoryOrder(name: string): name is MemoryOrder {
  return (memoryOrders as readonly string[]).includes(name);
}

// C11 calls herd7 does not know: its C has only their `_explicit` forms, and
// linux-kernel.def defines no macro of these names ("Unknown macro").
const explicitOnly: Readonly<Record<string, string>> = {
  atomic_load: 'atomic_load_explicit(x, memory_order_seq_cst)',
  atomic_store: 'atomic_store_explicit(x, v, memory_order_seq_cst);',
  atomic_exchange: 'atomic_exchange_explicit(x, v, memory_order_seq_cst)',
};

/** What lowering must know of one call beyond its arity. */
export interface C11CallCheck {
  /** The arguments that are memory orders: not expressions, lowering evaluates none of them. */
  readonly orders: ReadonlySet<number>;
  /** For an unknown C11 name herd7 refuses too: what to write instead. */
  readonly hint?: string;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Checks a call's memory-order arguments (each must be one of the six, as
 * herd7's grammar requires) and, for a call herd7 takes only as a statement,
 * that it is one (`asStatement`: the call is its statement's whole expression).
 */
export function c11CallProblems(call: CallExpr, asStatement: boolean): C11CallCheck {
  const name = call.callee.name;
  const instead = explicitOnly[name];
  if (instead) return { orders: new Set(), hint: `herd7 knows only the _explicit form: ${instead}`, diagnostics: [] };
  const shape = primitiveShape(name);
  const diagnostics: Diagnostic[] = [];
  const orders = new Set<number>();
  for (const i of shape.orders ?? []) {
    const arg = call.args[i];
    if (!arg) continue;
    orders.add(i);
    if (arg.kind !== 'name' || !isMemoryOrder(arg.name)) {
      diagnostics.push({
        code: 'lower/memory-order', severity: 'error', span: arg.span,
        message: `argument ${i + 1} of '${name}' must be a memory order`,
        hint: memoryOrders.join(', '),
      });
    }
  }
  if (shape.statement && !asStatement) {
    diagnostics.push({
      code: 'lower/statement-only', severity: 'error', span: call.span,
      message: `herd7 takes '${name}()' only as a statement of its own, not inside an expression`,
      hint: `write it on its own line: ${name}(...);`,
    });
  }
  return { orders, diagnostics };
}

/**
 * What the LKMM makes of the C11 atomics `ast` calls, one warning per kind at
 * its first call: their accesses are plain, their fences order nothing, and
 * their read-modify-writes leave no execution.
 */
export function c11Notes(ast: LitmusAst): Diagnostic[] {
  const first = new Map<'access' | 'fence' | 'rmw', CallExpr>();
  for (const thread of ast.threads) {
    visitThread(thread, {
      call: (c) => {
        const shape = primitiveShape(c.callee.name);
        const p = primitive(c.callee.name);
        if (!p || (shape.orders === undefined && p.kind !== 'c11-cas')) return;
        const kind = p.kind === 'fence' ? 'fence' : p.kind === 'load' || p.kind === 'store' ? 'access' : 'rmw';
        if (!first.has(kind)) first.set(kind, c);
      },
    });
  }
  const notes: Diagnostic[] = [];
  const access = first.get('access');
  if (access) {
    notes.push({
      code: 'lower/c11-plain', severity: 'warning', span: access.span,
      message: `the LKMM gives C11 memory orders no meaning: '${access.callee.name}' is a plain access (as herd7 reads it), so conflicting accesses race`,
      hint: 'for ordering under the LKMM use READ_ONCE(), WRITE_ONCE(), smp_load_acquire(), smp_store_release()',
    });
  }
  const fence = first.get('fence');
  if (fence) {
    notes.push({
      code: 'lower/c11-fence', severity: 'warning', span: fence.span,
      message: 'atomic_thread_fence() orders nothing under the LKMM: herd7 makes a fence that no LKMM barrier set names',
      hint: 'use smp_mb(), smp_rmb() or smp_wmb()',
    });
  }
  const rmw = first.get('rmw');
  if (rmw) {
    notes.push({
      code: 'lower/c11-rmw', severity: 'warning', span: rmw.span,
      message: `herd7 makes '${rmw.callee.name}' one event that both reads and writes, and the LKMM's coherence refuses every execution with one: only its failures (of a compare-exchange) remain`,
      hint: 'use xchg(), cmpxchg() or atomic_fetch_add() and friends',
    });
  }
  return notes;
}

/**
 * What herd7's init block (lib/stateParser.mly) refuses of a C11 type: it
 * cannot size an `atomic_int` location ("Cannot find the size of type
 * atomic_int"), and takes `_Atomic` only before a non-pointer type and no
 * `volatile` or `const` at all (syntax errors).
 */
export function c11InitTypeProblem(type: TypeRef): Diagnostic | undefined {
  const words = type.base.split(' ');
  const refuse = (message: string, hint: string): Diagnostic => ({ code: 'lower/init-type', severity: 'error', span: type.span, message, hint });
  if (words.includes('volatile') || words.includes('const')) {
    return refuse(`herd7's init block takes no '${words.includes('volatile') ? 'volatile' : 'const'}'`, 'leave it out here: the parameters may say volatile');
  }
  if (words.includes('_Atomic') && type.pointer > 0) return refuse("herd7's init block takes '_Atomic' only on a location, not on a pointer", 'write the pointer without _Atomic');
  if (type.base === 'atomic_int' && type.pointer === 0) {
    return refuse('herd7 cannot size an atomic_int location in the init block ("Cannot find the size of type atomic_int")', 'write int x = 1; or [x] = 1;');
  }
  return undefined;
}
