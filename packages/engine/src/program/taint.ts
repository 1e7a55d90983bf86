// Values as a thread computes them: each with the reads it depends on, as
// herd7's dependencies see them (data and address through `deps`, the value
// itself through `sem`, registers assigned under a branch through `ctl`).
// The thread semantics (thread-semantics.ts) computes with these.
import type { Value } from './value.ts';

/** A value with the reads it depends on (positions in the thread's events). */
export interface Tainted {
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
  /**
   * Reads in `deps` whose values herd7 solves this value without, even on a
   * value cycle: `r0 ^ r0` is 0 once its two register reads are unified
   * (see thread-semantics.ts). Their data dependencies carry no value.
   */
  readonly cancelled?: readonly number[];
}

export const semanticDeps = (t: Tainted): readonly number[] => t.sem ?? t.deps;
export const controlDeps = (t: Tainted): readonly number[] => t.ctl ?? [];
export const cancelledDeps = (t: Tainted): readonly number[] => t.cancelled ?? [];

/** `t`'s dependencies on a new value. */
export const carry = (t: Tainted, v: Value): Tainted => ({ ...t, v });

/** What a branch condition collects while it is evaluated. */
export interface ConditionScope {
  /** The reads it makes (herd7's condition events: each one's branch is control-dependent on it). */
  readonly reads: number[];
  /** The reads behind the registers it reads (`deps` and `ctl`), wherever they appear, addresses included. */
  readonly registers: number[];
}

/** The constant 0, depending on nothing. */
export const zero: Tainted = { v: 0, deps: [] };

/** `t` with the control dependencies `ctl` (left out when there are none). */
export function withCtl(t: Tainted, ctl: readonly number[]): Tainted {
  return ctl.length === 0 ? t : { ...t, ctl };
}

/** The distinct numbers of `xs`, in increasing order. */
export function sortedSet(xs: readonly number[]): readonly number[] {
  return [...new Set(xs)].sort((x, y) => x - y);
}

/** The sorted union of two sorted sets. */
export function union(a: readonly number[], b: readonly number[]): readonly number[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}
