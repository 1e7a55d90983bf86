// The event classes of the LKMM: herd7's primitive sets, the tags of
// linux-kernel.bell (lines "enum Accesses", "enum Barriers", "enum SRCU"), the
// filtered sets it derives (Acquire, Release, Mb, Noreturn, Marked, Plain) and
// the lock classes of lock.cat.
import type { Event } from '../../program/event.ts';
import type { Skeleton } from '../../explore/execution.ts';
import { EventSet } from '../relation.ts';

export interface Classes {
  /** herd7's primitive reads and writes (lock events are not among them). */
  readonly Rprim: EventSet;
  readonly Wprim: EventSet;
  readonly Mprim: EventSet;
  /** lock.cat: R = R | LKR | LF | RU, W = W | LKW | UL, M = R | W. */
  readonly R: EventSet;
  readonly W: EventSet;
  readonly M: EventSet;
  readonly F: EventSet;
  readonly IW: EventSet;
  readonly RMW: EventSet;
  readonly ONCE: EventSet;
  readonly RELEASE: EventSet;
  readonly ACQUIRE: EventSet;
  readonly MB: EventSet;
  readonly NORETURN: EventSet;
  readonly Rmb: EventSet;
  readonly Wmb: EventSet;
  readonly Barrier: EventSet;
  readonly RcuLock: EventSet;
  readonly RcuUnlock: EventSet;
  readonly SyncRcu: EventSet;
  readonly BeforeAtomic: EventSet;
  readonly AfterAtomic: EventSet;
  readonly AfterSpinlock: EventSet;
  readonly AfterUnlockLock: EventSet;
  readonly AfterSrcuReadUnlock: EventSet;
  readonly SrcuLock: EventSet;
  readonly SrcuUnlock: EventSet;
  readonly SyncSrcu: EventSet;
  readonly LKR: EventSet;
  readonly LKW: EventSet;
  readonly UL: EventSet;
  /** lock.cat: `let LF = LF | RL`. */
  readonly LF: EventSet;
  readonly RL: EventSet;
  readonly RU: EventSet;
  /** linux-kernel.bell: Marked = (~M) | IW | ONCE | RELEASE | ACQUIRE | MB | RMW | LKR | LKW | UL | LF | RL | RU | Srcu-lock | Srcu-unlock. */
  readonly Marked: EventSet;
  /** linux-kernel.bell: Plain = M \ Marked. */
  readonly Plain: EventSet;
}

/** Computes the classes of the events of `x`. */
export function classify(x: Skeleton): Classes {
  const { n, events } = x;
  const where = (p: (e: Event) => boolean) => EventSet.of(n, events.filter(p).map((e) => e.id));
  const tagged = (tag: string) => where((e) => (e.tags as readonly string[]).includes(tag));
  const lock = (kind: Event['lock']) => where((e) => e.lock === kind);

  const Rprim = where((e) => e.kind === 'R' && e.lock === undefined);
  const Wprim = where((e) => e.kind === 'W' && e.lock === undefined);
  const Mprim = Rprim.union(Wprim);
  const LKR = lock('LKR');
  const LKW = lock('LKW');
  const UL = lock('UL');
  const RL = lock('RL');
  const LF = lock('LF').union(RL);
  const RU = lock('RU');
  const IW = where((e) => e.init);
  const ONCE = tagged('ONCE');
  const RELEASE = tagged('RELEASE');
  const ACQUIRE = tagged('ACQUIRE');
  const MB = tagged('MB');
  const RMW = where((e) => e.rmw);
  const SrcuLock = tagged('srcu-lock');
  const SrcuUnlock = tagged('srcu-unlock');
  const Marked = EventSet.all(n).minus(Mprim)
    .union(IW, ONCE, RELEASE, ACQUIRE, MB, RMW, LKR, LKW, UL, LF, RL, RU, SrcuLock, SrcuUnlock);
  const R = Rprim.union(LKR, LF, RU);
  const W = Wprim.union(LKW, UL);
  return {
    Rprim, Wprim, Mprim, R, W, M: R.union(W),
    F: where((e) => e.kind === 'F'),
    IW, RMW, ONCE, RELEASE, ACQUIRE, MB,
    NORETURN: tagged('NORETURN'),
    Rmb: tagged('rmb'),
    Wmb: tagged('wmb'),
    Barrier: tagged('barrier'),
    RcuLock: tagged('rcu-lock'),
    RcuUnlock: tagged('rcu-unlock'),
    SyncRcu: tagged('sync-rcu'),
    BeforeAtomic: tagged('before-atomic'),
    AfterAtomic: tagged('after-atomic'),
    AfterSpinlock: tagged('after-spinlock'),
    AfterUnlockLock: tagged('after-unlock-lock'),
    AfterSrcuReadUnlock: tagged('after-srcu-read-unlock'),
    SrcuLock, SrcuUnlock,
    SyncSrcu: tagged('sync-srcu'),
    LKR, LKW, UL, LF, RL, RU,
    Marked,
    Plain: Mprim.minus(Marked),
  };
}
