import type { Span } from '../syntax/diagnostic.ts';
import type { AccessTag, FenceTag } from './primitives.ts';
import type { Value } from './value.ts';

/** herd7's three kinds of event: reads, writes and fences. */
export type EventKind = 'R' | 'W' | 'F';

/**
 * The lock events of lock.cat: LKR/LKW (the read and write of spin_lock() or a
 * successful spin_trylock()), UL (spin_unlock()), LF (a failed spin_trylock()),
 * RL/RU (spin_is_locked() returning true/false).
 */
export type LockKind = 'LKR' | 'LKW' | 'UL' | 'LF' | 'RL' | 'RU';

/** One event of one thread, before it is numbered in an execution. */
export interface ThreadEvent {
  readonly kind: EventKind;
  /** The location accessed (also set for synchronize_srcu(), which names its srcu_struct). */
  readonly loc?: string;
  /** The value read or written. */
  readonly value?: Value;
  readonly tags: readonly (AccessTag | FenceTag | 'sync-srcu')[];
  readonly lock?: LockKind;
  /** Produced by an atomic read-modify-write instruction (herd7's RMW set). */
  readonly rmw: boolean;
  /** The call or statement that produced it. */
  readonly span: Span;
  /** The source text of that call, for explanations (`READ_ONCE(*x)`). */
  readonly text: string;
  /** For a read: which entry of the value domain it took (value-domain.ts uses it). */
  readonly choice?: number;
}

/** One event of an execution: a thread event (or an initial write) with its number. */
export interface Event extends ThreadEvent {
  readonly id: number;
  /** The thread, or -1 for an initial write. */
  readonly thread: number;
  /** Position in its thread's program order (0-based); -1 for an initial write. */
  readonly index: number;
  readonly init: boolean;
}

/** A pair of event positions within one thread, `[from, to]`. */
export type LocalEdge = readonly [number, number];

/**
 * One way a thread can run: its events in program order, given a value for
 * every read, with the dependencies between them and its final registers.
 */
export interface ThreadTrace {
  readonly thread: number;
  readonly events: readonly ThreadEvent[];
  /** Read → write of the same atomic read-modify-write. */
  readonly rmw: readonly LocalEdge[];
  readonly addr: readonly LocalEdge[];
  readonly data: readonly LocalEdge[];
  readonly ctrl: readonly LocalEdge[];
  /**
   * Read → write whose value is computed from the value read: the data
   * dependencies, plus an RMW's write when it computes from its read
   * (atomic_add(), not xchg()). Used by the value domain, not by models.
   */
  readonly valueFrom?: readonly LocalEdge[];
  /**
   * Data dependencies that carry no value: the written value is computed
   * from the read, but herd7 solves it without the read's value, even on a
   * value cycle (`*x = (r0 ^ r0) + 1` writes 1). Only value-cycles.ts uses them.
   */
  readonly solvedData?: readonly LocalEdge[];
  /**
   * Reads whose values the thread computes with: an operand of an operator
   * (other than adding 0, or `r0 ^ r0` and the like, see thread-semantics.ts), a branch condition, an atomic operation, a failed
   * comparison. herd7's solver leaves such a computation unsolved when the
   * value lies on a value cycle, and drops the execution. Left out, the
   * sources of `ctrl` stand in for them.
   */
  readonly computedWith?: readonly number[];
  /**
   * Reads whose value herd7 equates with a constant while building: the read
   * of a cmpxchg() that succeeds with a constant expected value, of an
   * atomic_add_unless() that fails on a constant limit. Its solver knows
   * them, and through them any value copied to or from them.
   */
  readonly equated?: readonly number[];
  /**
   * Source → read: the read herd7 equates with a value it builds from
   * registers (a cmpxchg() that succeeds with an expected value read from
   * memory, an atomic_add_unless() that fails on such a limit). The read is
   * known once every source is; a plain copy of one source unifies with it
   * both ways. Only value-cycles.ts uses them.
   */
  readonly equatedWith?: readonly LocalEdge[];
  /**
   * Values a read-modify-write on this path would have had to read to take
   * its other way, where herd7 equates the read with them (a failing
   * cmpxchg()'s expected value, a succeeding atomic_add_unless()'s limit),
   * with the reads (positions) each is computed from. A value that justifies
   * itself through plain copies can equal one (herd7's solver pins the cycle
   * there), so the value domain adds them to their locations. Only the value
   * domain uses them.
   */
  readonly expected?: readonly { readonly loc: string; readonly value: Value; readonly deps: readonly number[] }[];
  /**
   * Pairs of events of one statement, made by different accesses, that no
   * dependency orders: the operands of an operator (`READ_ONCE(*x) &
   * READ_ONCE(*y)`), an xchg()'s value and its read. herd7 builds a
   * statement as one instruction and evaluates such parts in parallel; its
   * po (po_iico: the order of instructions, and within one the order its
   * values flow in) leaves these pairs out. Absent when there are none.
   */
  readonly unorderedInStatement?: readonly LocalEdge[];
  /** Final value of every register (local variable) of the thread. */
  readonly registers: ReadonlyMap<string, Value>;
  /**
   * The first operation herd7 refuses on this path (`x * 2` on an address, a
   * division by zero), which went on with 0 in its place: herd7 delays the
   * failure, and stops on it only in a candidate execution the model accepts
   * and the filter keeps (herd/top_herd.ml check_failed_model_kont).
   */
  readonly illegal?: { readonly message: string; readonly span: Span };
  /** For each final register computed from reads: those reads (positions), as the value domain counts them. */
  readonly registerDeps?: ReadonlyMap<string, readonly number[]>;
  /**
   * For each read (by position): the highest-numbered herd7 variable equal to
   * its value, the read's own or a register read copying it (see
   * program/herd-vars.ts); how herd7 names a value it cannot solve.
   */
  readonly readVars?: readonly number[];
  /** How many herd7 variables the thread's code allocates (every branch and iteration). */
  readonly herdVars?: number;
}
