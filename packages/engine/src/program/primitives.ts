// The kernel primitives a litmus test may call, and the events each produces.
// This is the table of tools/memory-model/linux-kernel.def (the macros herd7
// expands), as data: each entry names the herd7 instruction it expands to
// (`__load{ONCE}`, `__xchg{MB}`, ...) and the annotation it carries.

/** The annotation on an access, as the .def writes it in braces. */
export type AccessTag = 'ONCE' | 'RELEASE' | 'ACQUIRE' | 'MB' | 'NORETURN' | 'srcu-lock' | 'srcu-unlock';

/** The annotation on a fence (`__fence{...}`). */
export type FenceTag =
  | 'MB' | 'rmb' | 'wmb' | 'barrier'
  | 'rcu-lock' | 'rcu-unlock' | 'sync-rcu'
  | 'before-atomic' | 'after-atomic' | 'after-spinlock' | 'after-unlock-lock' | 'after-srcu-read-unlock';

/** The arithmetic of an atomic operation. */
export type AtomicOp = '+' | '-' | '&' | '|' | '^' | '&~';

/**
 * How a primitive takes its location: `lvalue` is an expression such as `*x`
 * (READ_ONCE(X) expands to `__load{ONCE}(X)`), `pointer` is a pointer such as
 * `x` (smp_load_acquire(X) expands to `__load{ACQUIRE}(*X)`).
 */
export type AddressForm = 'lvalue' | 'pointer';

/**
 * A C11 memory order, as herd7's C lexer reads it (lib/CLexer.mll). herd7
 * keeps it on the event (MemOrderOrAnnot.MO), where only C11 models look: the
 * LKMM's sets (Once, Acquire, Release, Mb) come from annotations, which such
 * an event has none of (herd/CAction.ml, annot_in_list).
 */
export type MemoryOrder =
  | 'memory_order_relaxed' | 'memory_order_consume' | 'memory_order_acquire'
  | 'memory_order_release' | 'memory_order_acq_rel' | 'memory_order_seq_cst';

/** The six memory orders, in the C standard's order. */
export const memoryOrders: readonly MemoryOrder[] = [
  'memory_order_relaxed', 'memory_order_consume', 'memory_order_acquire',
  'memory_order_release', 'memory_order_acq_rel', 'memory_order_seq_cst',
];

/**
 * A primitive. A load, store or fence without a tag is a C11 one
 * (`atomic_load_explicit`, ...): herd7 gives its event no annotation, so to
 * the LKMM it is a plain access (or a fence no set names).
 */
export type Primitive =
  | { readonly kind: 'load'; readonly tag?: AccessTag; readonly form: AddressForm }
  | { readonly kind: 'store'; readonly tag?: AccessTag; readonly form: AddressForm; readonly fenceAfter?: FenceTag }
  | { readonly kind: 'fence'; readonly tag?: FenceTag }
  | { readonly kind: 'sync-srcu' }
  | { readonly kind: 'xchg'; readonly tag: AccessTag }
  | { readonly kind: 'cmpxchg'; readonly tag: AccessTag }
  /** `__atomic_op{NORETURN}(X,op,V)`: no value returned; `args` says where V and X are. */
  | { readonly kind: 'atomic-op'; readonly op: AtomicOp; readonly operand: number | 'arg' }
  /** `__atomic_op_return{tag}`: returns the new value, maybe compared (`== 0`, `< 0`). */
  | { readonly kind: 'op-return'; readonly tag: AccessTag; readonly op: AtomicOp; readonly operand: number | 'arg'; readonly test?: '==0' | '<0' }
  /** `__atomic_fetch_op{tag}`: returns the old value. */
  | { readonly kind: 'fetch-op'; readonly tag: AccessTag; readonly op: AtomicOp; readonly operand: number | 'arg' }
  | { readonly kind: 'add-unless'; readonly tag: AccessTag }
  | { readonly kind: 'lock' }
  | { readonly kind: 'unlock' }
  | { readonly kind: 'trylock' }
  | { readonly kind: 'is-locked' }
  /**
   * A C11 read-modify-write, `atomic_exchange_explicit(X,V,mo)` (`op`
   * undefined) or `atomic_fetch_OP_explicit(X,V,mo)`: herd7 makes it one
   * event that is both a read and a write (CAction.RMW), which no execution
   * under the LKMM keeps (primitive-semantics.ts says why).
   */
  | { readonly kind: 'c11-rmw'; readonly op?: AtomicOp }
  /**
   * `atomic_compare_exchange_{strong,weak}[_explicit](X,E,D[,succ,fail])`:
   * herd7's ECas. Its failure reads E and X and writes what X held to E
   * (a strong one only when the two differ, a weak one whatever they are);
   * its success is one read-and-write event, as c11-rmw's.
   */
  | { readonly kind: 'c11-cas'; readonly strong: boolean };

/** How a primitive is called beyond its arity (C11's, as herd7's grammar has them). */
export interface CallShape {
  /** The arguments that are memory orders (`memory_order_relaxed`, ...), not expressions. */
  readonly orders?: readonly number[];
  /** herd7's grammar takes the call only as a statement of its own (`f(...);`). */
  readonly statement?: boolean;
}

const table = new Map<string, Primitive>();
const arity = new Map<string, number>();
const shapes = new Map<string, CallShape>();

function def(name: string, args: number, p: Primitive, shape?: CallShape): void {
  table.set(name, p);
  arity.set(name, args);
  if (shape) shapes.set(name, shape);
}

// ONCE, release/acquire and friends.
def('READ_ONCE', 1, { kind: 'load', tag: 'ONCE', form: 'lvalue' });
def('WRITE_ONCE', 2, { kind: 'store', tag: 'ONCE', form: 'lvalue' });
def('smp_store_release', 2, { kind: 'store', tag: 'RELEASE', form: 'pointer' });
def('smp_load_acquire', 1, { kind: 'load', tag: 'ACQUIRE', form: 'pointer' });
def('rcu_assign_pointer', 2, { kind: 'store', tag: 'RELEASE', form: 'lvalue' });
def('rcu_dereference', 1, { kind: 'load', tag: 'ONCE', form: 'lvalue' });
def('smp_store_mb', 2, { kind: 'store', tag: 'ONCE', form: 'lvalue', fenceAfter: 'MB' });

// Fences.
def('smp_mb', 0, { kind: 'fence', tag: 'MB' });
def('smp_rmb', 0, { kind: 'fence', tag: 'rmb' });
def('smp_wmb', 0, { kind: 'fence', tag: 'wmb' });
def('smp_mb__before_atomic', 0, { kind: 'fence', tag: 'before-atomic' });
def('smp_mb__after_atomic', 0, { kind: 'fence', tag: 'after-atomic' });
def('smp_mb__after_spinlock', 0, { kind: 'fence', tag: 'after-spinlock' });
def('smp_mb__after_unlock_lock', 0, { kind: 'fence', tag: 'after-unlock-lock' });
def('smp_mb__after_srcu_read_unlock', 0, { kind: 'fence', tag: 'after-srcu-read-unlock' });
def('barrier', 0, { kind: 'fence', tag: 'barrier' });

// Exchange.
for (const [suffix, tag] of [['', 'MB'], ['_relaxed', 'ONCE'], ['_release', 'RELEASE'], ['_acquire', 'ACQUIRE']] as const) {
  def(`xchg${suffix}`, 2, { kind: 'xchg', tag });
  def(`cmpxchg${suffix}`, 3, { kind: 'cmpxchg', tag });
  def(`atomic_xchg${suffix}`, 2, { kind: 'xchg', tag });
  def(`atomic_cmpxchg${suffix}`, 3, { kind: 'cmpxchg', tag });
}

// Spinlocks.
def('spin_lock', 1, { kind: 'lock' });
def('spin_unlock', 1, { kind: 'unlock' });
def('spin_trylock', 1, { kind: 'trylock' });
def('spin_is_locked', 1, { kind: 'is-locked' });

// RCU.
def('rcu_read_lock', 0, { kind: 'fence', tag: 'rcu-lock' });
def('rcu_read_unlock', 0, { kind: 'fence', tag: 'rcu-unlock' });
def('synchronize_rcu', 0, { kind: 'fence', tag: 'sync-rcu' });
def('synchronize_rcu_expedited', 0, { kind: 'fence', tag: 'sync-rcu' });

// SRCU.
def('srcu_read_lock', 1, { kind: 'load', tag: 'srcu-lock', form: 'pointer' });
def('srcu_read_unlock', 2, { kind: 'store', tag: 'srcu-unlock', form: 'pointer' });
def('srcu_down_read', 1, { kind: 'load', tag: 'srcu-lock', form: 'pointer' });
def('srcu_up_read', 2, { kind: 'store', tag: 'srcu-unlock', form: 'pointer' });
def('synchronize_srcu', 1, { kind: 'sync-srcu' });
def('synchronize_srcu_expedited', 1, { kind: 'sync-srcu' });

// Atomics: plain reads and writes.
def('atomic_read', 1, { kind: 'load', tag: 'ONCE', form: 'pointer' });
def('atomic_set', 2, { kind: 'store', tag: 'ONCE', form: 'pointer' });
def('atomic_read_acquire', 1, { kind: 'load', tag: 'ACQUIRE', form: 'pointer' });
def('atomic_set_release', 2, { kind: 'store', tag: 'RELEASE', form: 'pointer' });

// Atomics: read-modify-writes. `V,X` operands come first, `X` alone means V = 1.
const ops: readonly (readonly [string, AtomicOp])[] = [
  ['add', '+'], ['sub', '-'], ['and', '&'], ['or', '|'], ['xor', '^'], ['andnot', '&~'],
];
const orderings = [['', 'MB'], ['_relaxed', 'ONCE'], ['_acquire', 'ACQUIRE'], ['_release', 'RELEASE']] as const;
for (const [name, op] of ops) {
  def(`atomic_${name}`, 2, { kind: 'atomic-op', op, operand: 'arg' });
  for (const [suffix, tag] of orderings) {
    def(`atomic_fetch_${name}${suffix}`, 2, { kind: 'fetch-op', tag, op, operand: 'arg' });
    if (name === 'add' || name === 'sub') {
      def(`atomic_${name}_return${suffix}`, 2, { kind: 'op-return', tag, op, operand: 'arg' });
    }
  }
}
def('atomic_inc', 1, { kind: 'atomic-op', op: '+', operand: 1 });
def('atomic_dec', 1, { kind: 'atomic-op', op: '-', operand: 1 });
for (const [suffix, tag] of orderings) {
  def(`atomic_inc_return${suffix}`, 1, { kind: 'op-return', tag, op: '+', operand: 1 });
  def(`atomic_dec_return${suffix}`, 1, { kind: 'op-return', tag, op: '-', operand: 1 });
  def(`atomic_fetch_inc${suffix}`, 1, { kind: 'fetch-op', tag, op: '+', operand: 1 });
  def(`atomic_fetch_dec${suffix}`, 1, { kind: 'fetch-op', tag, op: '-', operand: 1 });
  def(`atomic_add_negative${suffix}`, 2, { kind: 'op-return', tag, op: '+', operand: 'arg', test: '<0' });
}
def('atomic_sub_and_test', 2, { kind: 'op-return', tag: 'MB', op: '-', operand: 'arg', test: '==0' });
def('atomic_dec_and_test', 1, { kind: 'op-return', tag: 'MB', op: '-', operand: 1, test: '==0' });
def('atomic_inc_and_test', 1, { kind: 'op-return', tag: 'MB', op: '+', operand: 1, test: '==0' });
def('atomic_add_unless', 3, { kind: 'add-unless', tag: 'MB' });

// C11 atomics, as herd7's C front end reads them (lib/CLexer.mll, lib/CParser.mly,
// herd/CSem.ml). Loads, stores and fences keep their memory order on the
// event and no annotation: plain accesses to the LKMM. There is no
// atomic_load(X) nor atomic_store(X,V): herd7 takes them for macros that
// linux-kernel.def does not define (lower.ts says so).
def('atomic_load_explicit', 2, { kind: 'load', form: 'pointer' }, { orders: [1] });
def('atomic_store_explicit', 3, { kind: 'store', form: 'pointer' }, { orders: [2], statement: true });
def('atomic_thread_fence', 1, { kind: 'fence' }, { orders: [0], statement: true });
def('atomic_exchange_explicit', 3, { kind: 'c11-rmw' }, { orders: [2] });
for (const [name, op] of [['add', '+'], ['sub', '-'], ['or', '|'], ['xor', '^'], ['and', '&']] as const) {
  def(`atomic_fetch_${name}_explicit`, 3, { kind: 'c11-rmw', op }, { orders: [2] });
}
def('atomic_compare_exchange_strong', 3, { kind: 'c11-cas', strong: true });
def('atomic_compare_exchange_weak', 3, { kind: 'c11-cas', strong: false });
def('atomic_compare_exchange_strong_explicit', 5, { kind: 'c11-cas', strong: true }, { orders: [3, 4] });
def('atomic_compare_exchange_weak_explicit', 5, { kind: 'c11-cas', strong: false }, { orders: [3, 4] });

/** The primitive called `name`, or undefined for an unknown name. */
export function primitive(name: string): Primitive | undefined {
  return table.get(name);
}

/** How many arguments `name` takes. */
export function primitiveArity(name: string): number | undefined {
  return arity.get(name);
}

/** How `name` is called beyond its arity (memory-order arguments, statement only); empty for most. */
export function primitiveShape(name: string): CallShape {
  return shapes.get(name) ?? {};
}

/** Every primitive name, sorted (for "did you mean" hints and docs). */
export function primitiveNames(): string[] {
  return [...table.keys()].sort();
}

/** Applies an atomic operation to integers (32-bit for the bitwise ones, as C's int). */
export function applyAtomicOp(op: AtomicOp, old: number, operand: number): number {
  switch (op) {
    case '+': return old + operand;
    case '-': return old - operand;
    case '&': return old & operand;
    case '|': return old | operand;
    case '^': return old ^ operand;
    case '&~': return old & ~operand;
  }
}
