// The event classes of the LKMM: herd7's primitive sets, the tags of
// linux-kernel.bell (lines "enum Accesses", "enum Barriers", "enum SRCU"), the
// filtered sets it derives (Acquire, Release, Mb, Noreturn, Marked, Plain) and
// the lock classes of lock.cat.
import type { Skeleton } from '../../execution/execution.ts';
import { EventSet } from '../../execution/relation.ts';

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

/** The tags of linux-kernel.bell each class is made of, by the class's name here. */
const taggedClasses = {
  ONCE: 'ONCE', RELEASE: 'RELEASE', ACQUIRE: 'ACQUIRE', MB: 'MB', NORETURN: 'NORETURN',
  Rmb: 'rmb', Wmb: 'wmb', Barrier: 'barrier', RcuLock: 'rcu-lock', RcuUnlock: 'rcu-unlock',
  SyncRcu: 'sync-rcu', BeforeAtomic: 'before-atomic', AfterAtomic: 'after-atomic',
  AfterSpinlock: 'after-spinlock', AfterUnlockLock: 'after-unlock-lock',
  AfterSrcuReadUnlock: 'after-srcu-read-unlock', SrcuLock: 'srcu-lock', SrcuUnlock: 'srcu-unlock',
  SyncSrcu: 'sync-srcu',
} as const;

type TaggedClass = keyof typeof taggedClasses;
const classOfTag = new Map<string, TaggedClass>(Object.entries(taggedClasses).map(([k, v]) => [v, k as TaggedClass]));

/** Computes the classes of the events of `x`. */
export function classify(x: Skeleton): Classes {
  const { n, events } = x;
  // One pass over the events: this runs for every skeleton, most of them a dozen events.
  const set = () => new EventSet(n);
  const Rprim = set();
  const Wprim = set();
  const F = set();
  const IW = set();
  const RMW = set();
  const locks = { LKR: set(), LKW: set(), UL: set(), LF: set(), RL: set(), RU: set() };
  const tagged = {} as Record<TaggedClass, EventSet>;
  for (const name of Object.keys(taggedClasses) as TaggedClass[]) tagged[name] = set();
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const id = e.id;
    if (e.lock !== undefined) locks[e.lock].add(id);
    else if (e.kind === 'R') Rprim.add(id);
    else if (e.kind === 'W') Wprim.add(id);
    if (e.kind === 'F') F.add(id);
    if (e.init) IW.add(id);
    if (e.rmw) RMW.add(id);
    const tags = e.tags;
    for (let t = 0; t < tags.length; t++) {
      const name = classOfTag.get(tags[t]!);
      if (name !== undefined) tagged[name].add(id);
    }
  }
  const Mprim = Rprim.union(Wprim);
  const { LKR, LKW, UL, RL, RU } = locks;
  const LF = locks.LF.union(RL);
  const { ONCE, RELEASE, ACQUIRE, MB, SrcuLock, SrcuUnlock } = tagged;
  const Marked = Mprim.complement()
    .union(IW, ONCE, RELEASE, ACQUIRE, MB, RMW, LKR, LKW, UL, LF, RL, RU, SrcuLock, SrcuUnlock);
  const R = Rprim.union(LKR, LF, RU);
  const W = Wprim.union(LKW, UL);
  return {
    Rprim, Wprim, Mprim, R, W, M: R.union(W), F, IW, RMW,
    ...tagged,
    LKR, LKW, UL, LF, RL, RU,
    Marked,
    Plain: Mprim.minus(Marked),
  };
}
