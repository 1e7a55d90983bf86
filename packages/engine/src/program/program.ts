import type { BlockStmt, ConditionTarget, FinalCondition, Prop } from '../syntax/ast.ts';
import type { Span } from '../syntax/diagnostic.ts';
import type { Value } from './value.ts';
import type { FlushFlavour, KernelArch } from './kernel-objects.ts';

/** The code of one thread, ready to be run by the thread semantics. */
export interface ThreadCode {
  readonly index: number;
  /** Parameter names: each is a pointer to the shared location of the same name. */
  readonly params: readonly string[];
  /** Registers given a value in the init block (`0:r1=2;`). */
  readonly initialRegisters: ReadonlyMap<string, Value>;
  readonly body: BlockStmt;
  readonly span: Span;
}

/**
 * A litmus test after checking: shared locations with their initial values,
 * threads, and the questions asked about the final state.
 */
export interface Program {
  readonly name: string;
  readonly doc?: string;
  /** The test's `Key=value` information lines (diy's `Cycle=`, `Relax=`, ...), in order. */
  readonly info: readonly { readonly key: string; readonly value: string }[];
  /** The source text, for quoting lines in explanations. */
  readonly source: string;
  /** Every shared location, sorted by name. */
  readonly locations: readonly string[];
  readonly initialValues: ReadonlyMap<string, Value>;
  /**
   * Locations declared `atomic_t` in the init block: herd7 prints their final
   * values as unsigned 32-bit numbers (and compares conditions modulo 2^32).
   */
  readonly unsignedLocations: ReadonlySet<string>;
  /** Locations declared `spinlock_t` (shown by explanations; lock events are what matter to the model). */
  readonly lockLocations: ReadonlySet<string>;
  readonly threads: readonly ThreadCode[];
  /** The final condition; a test without one asks `forall (true)`, as herd7 does. */
  readonly condition: FinalCondition;
  readonly filter?: Prop;
  /** What each final state shows: the `locations` clause, then the condition's atoms, in herd7's order. */
  readonly observed: readonly ConditionTarget[];
  /** Loop unroll bound. */
  readonly unroll: number;
  /** How the kernel objects' TLB flushes behave. */
  readonly flush: FlushFlavour;
  /** Which implementation the kernel builtins were expanded as (tso programs: x86's). */
  readonly arch: KernelArch;
  /** Whether the test uses kernel builtins (so its herd7 export differs from its text). */
  readonly usesKernelObjects: boolean;
}

/** Default loop unroll bound (herd7's default `-unroll` is 2 as well). */
export const defaultUnroll = 2;

/** Largest unroll bound a test may ask for: every path is run to it, so it bounds the work. */
export const maxUnroll = 64;
