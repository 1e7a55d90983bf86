// The Linux Kernel Memory Model, as herd7 evaluates linux-kernel.bell,
// lock.cat and linux-kernel.cat (../shared/reference/lkmm, variant lkmmv2).
// Each `const` below is the `let` of the same name in those files, in the
// same order; comments give the file and the line's opening words.
import type { Execution } from '../../explore/execution.ts';
import type { ModelVerdict } from '../model.ts';
import { EventSet, Relation, seq } from '../relation.ts';
import { classify, type Classes } from './classes.ts';
import { rcuRscs, srcuRscs } from './rcu-sections.ts';

/** The relations of one execution under the LKMM (the parts explanations show). */
export interface LkmmRelations {
  readonly classes: Classes;
  readonly rf: Relation;
  readonly co: Relation;
  readonly fr: Relation;
  readonly ppo: Relation;
  readonly hb: Relation;
  readonly pb: Relation;
  readonly rb: Relation;
  readonly strongFence: Relation;
  readonly cumulFence: Relation;
  readonly prop: Relation;
  readonly rcuFence: Relation;
}

export interface LkmmResult extends ModelVerdict {
  readonly relations?: LkmmRelations;
}

/** Evaluates the LKMM on `x`: its axioms in file order, then its flags. */
export function evaluateLkmm(x: Execution): LkmmResult {
  const { n, po, int, ext, loc } = x;
  const c = classify(x);
  const id = (s: EventSet) => Relation.id(s);
  const all = EventSet.all(n);
  const identity = id(all);
  const fencerel = (s: EventSet) => po.restrict(undefined, s).seq(po);
  const notIn = (s: EventSet) => all.minus(s);
  const flags: string[] = [];
  const flag = (nonEmpty: boolean, name: string) => {
    if (nonEmpty) flags.push(name);
  };
  const poLoc = po.inter(loc);

  // ── linux-kernel.bell ──
  const rmwPrim = x.rmw;
  const FailedRMW = c.RMW.minus(rmwPrim.domain().union(rmwPrim.range())); // let FailedRMW = RMW \ (domain(rmw) | range(rmw))
  let Acquire = c.ACQUIRE.minus(c.Wprim).minus(FailedRMW); // let Acquire = ACQUIRE \ W \ FailedRMW
  let Release = c.RELEASE.minus(c.Rprim).minus(FailedRMW); // let Release = RELEASE \ R \ FailedRMW
  const Mb = c.MB.minus(FailedRMW); // let Mb = MB \ FailedRMW
  const Noreturn = c.NORETURN.minus(c.Wprim); // let Noreturn = NORETURN \ W

  const rfPrim = x.rf.restrict(c.Wprim, c.Rprim);
  const rcuPairs = rcuRscs(x, c); // let rcu-rscs = let rec ...
  flag(!c.RcuLock.minus(rcuPairs.domain()).isEmpty(), 'unmatched-rcu-lock');
  flag(!c.RcuUnlock.minus(rcuPairs.range()).isEmpty(), 'unmatched-rcu-unlock');
  const srcuPairs = srcuRscs(x, c, rfPrim); // let srcu-rscs = ([Srcu-lock] ; carry-srcu-data ; data ; [Srcu-unlock]) & loc
  flag(!c.SrcuLock.minus(srcuPairs.domain()).isEmpty(), 'unmatched-srcu-lock');
  flag(!c.SrcuUnlock.minus(srcuPairs.range()).isEmpty(), 'unmatched-srcu-unlock');
  flag(!srcuPairs.inverse().seq(srcuPairs).minus(identity).isEmpty(), 'multiple-srcu-matches');
  flag(!rcuPairs.inter(seq(po, id(c.SyncSrcu), po)).isEmpty(), 'invalid-sleep');
  flag([...srcuPairs.pairs()].some(([a, b]) => x.events[a]!.value !== x.events[b]!.value), 'srcu-bad-value-match');

  // let carry-dep = (data ; [~ Srcu-unlock] ; rfi)* ; addr/ctrl/data redefined through it.
  const rfi = x.rf.inter(int);
  const carryDep = seq(x.data, id(notIn(c.SrcuUnlock)), rfi.restrict(c.Wprim, c.Rprim)).star();
  const addr = carryDep.seq(x.addr);
  const ctrl = carryDep.seq(x.ctrl);
  const data = carryDep.seq(x.data);

  // ── lock.cat ──
  const { R, W, M } = c;
  const ALL_LOCKS = c.LKR.union(c.LKW, c.UL, c.LF, c.RU, c.SrcuLock, c.SrcuUnlock, c.SyncSrcu);
  flag(!seq(id(c.Mprim.minus(c.IW).minus(ALL_LOCKS)), loc, id(ALL_LOCKS)).isEmpty(), 'mixed-lock-accesses');
  const lkRmw = seq(id(c.LKR), poLoc, id(c.LKW)).minus(po.seq(po)); // let lk-rmw = ([LKR] ; po-loc ; [LKW]) \ (po ; po)
  const rmw = rmwPrim.union(lkRmw);
  flag(!c.LKW.minus(lkRmw.range()).isEmpty(), 'unpaired-LKW');
  flag(!c.LKR.minus(lkRmw.domain()).isEmpty(), 'unpaired-LKR');
  const poLocUlPoLoc = seq(poLoc, id(c.UL), poLoc);
  // empty ([LKW] ; po-loc ; [LKR]) \ (po-loc ; [UL] ; po-loc) as lock-nest
  if (!seq(id(c.LKW), poLoc, id(c.LKR)).minus(poLocUlPoLoc).isEmpty()) return fail('lock-nest');
  // empty ([LKW] ; po-loc ; [RU]) \ (po-loc ; [UL] ; po-loc) as nested-is-locked
  if (!seq(id(c.LKW), poLoc, id(c.RU)).minus(poLocUlPoLoc).isEmpty()) return fail('nested-is-locked');
  flag(!seq(id(finalWrites(x)), loc, id(ALL_LOCKS)).isEmpty(), 'lock-final');
  Release = Release.union(c.UL); // let Release = Release | UL
  Acquire = Acquire.union(c.LKR); // let Acquire = Acquire | LKR
  const critical = seq(id(c.LKW), poLoc, id(c.UL)).minus(seq(poLoc, id(c.LKW.union(c.UL)), poLoc));
  flag(!c.UL.minus(critical.range()).isEmpty(), 'unmatched-unlock');

  // rf and co arrive complete from the explorer (lock.cat's generation of them included).
  const { rf, co } = x;
  const rfe = rf.inter(ext);
  const coe = co.inter(ext);
  const fr = rf.inverse().seq(co); // let fr = rf^-1 ; co
  const fre = fr.inter(ext);

  // ── linux-kernel.cat ──
  const acqPo = seq(id(Acquire), po, id(M)); // let acq-po
  const poRel = seq(id(M), po, id(Release)); // let po-rel
  const poUnlockLockPo = seq(po, id(c.UL), po.union(rf), id(c.LKR), po); // let po-unlock-lock-po

  const R4rmb = R.minus(Noreturn); // let R4rmb = R \ Noreturn
  const rmb = seq(id(R4rmb), fencerel(c.Rmb), id(R4rmb));
  const wmb = seq(id(W), fencerel(c.Wmb), id(W));
  const poOpt = po.opt();
  const mb = seq(id(M), fencerel(Mb), id(M)).union(
    seq(id(M), po, id(Mb.inter(R))),
    seq(id(Mb.inter(W)), po, id(M)),
    seq(id(M), fencerel(c.BeforeAtomic), id(c.RMW), poOpt, id(M)),
    seq(id(M), poOpt, id(c.RMW), fencerel(c.AfterAtomic), id(M)),
    seq(id(M), poOpt, id(c.LKW), fencerel(c.AfterSpinlock), id(M)),
    seq(id(M), poUnlockLockPo, id(c.AfterUnlockLock), po, id(M)),
    seq(id(M), poOpt, id(c.SrcuUnlock), fencerel(c.AfterSrcuReadUnlock), id(M)),
  );
  const gp = seq(po, id(c.SyncRcu.union(c.SyncSrcu)), poOpt); // let gp = po ; [Sync-rcu | Sync-srcu] ; po?
  const strongFence0 = mb.union(gp);
  const nonrwFence = strongFence0.union(poRel, acqPo);
  const fence0 = nonrwFence.union(wmb, rmb);
  const barrierRel = fencerel(c.Barrier.union(c.Rmb, c.Wmb, Mb, c.SyncRcu, c.SyncSrcu, c.BeforeAtomic, c.AfterAtomic,
    Acquire, Release, c.RcuLock, c.RcuUnlock, c.SrcuLock, c.SrcuUnlock))
    .union(seq(po, id(Release)), seq(id(Acquire), po));

  // acyclic po-loc | com as coherence ; empty rmw & (fre ; coe) as atomic
  const com = rf.union(co, fr);
  if (!poLoc.union(com).isAcyclic()) return fail('coherence');
  if (!rmw.inter(fre.seq(coe)).isEmpty()) return fail('atomic');

  const Marked = id(c.Marked);
  const dep = addr.union(data);
  const rwdep = dep.union(ctrl).restrict(undefined, W);
  const overwrite = co.union(fr);
  const toW = rwdep.union(overwrite.inter(int), seq(addr, id(c.Plain), wmb));
  const toR = addr.restrict(undefined, R).union(seq(dep, Marked, rfi));
  const ppo = toR.union(toW, fence0.inter(int), poUnlockLockPo.inter(int));

  const aCumul = (r: Relation) => seq(rfe, Marked).opt().seq(r); // let A-cumul(r) = (rfe ; [Marked])? ; r
  const rmwSequence = rf.seq(rmw).star(); // let rmw-sequence = (rf ; rmw)*
  const cumulFence = seq(Marked, aCumul(strongFence0.union(poRel)).union(wmb, poUnlockLockPo), Marked, rmwSequence);
  const prop = seq(Marked, overwrite.inter(ext).opt(), cumulFence.star(), Marked, rfe.opt(), Marked);
  const hb = seq(Marked, ppo.union(rfe, prop.minus(identity).inter(int)), Marked);
  if (!hb.isAcyclic()) return fail('happens-before');
  const hbStar = hb.star();
  const pb = seq(prop, strongFence0, hbStar, Marked);
  if (!pb.isAcyclic()) return fail('propagation');

  // ── RCU ──
  const rcuGp = id(c.SyncRcu);
  const srcuGp = id(c.SyncSrcu);
  const rcuRscsi = rcuPairs.inverse();
  const srcuRscsi = srcuPairs.inverse();
  const pbStar = pb.star();
  const rcuLink = seq(poOpt, hbStar, pbStar, prop, po); // let rcu-link = po? ; hb* ; pb* ; prop ; po
  const rcuOrder = computeRcuOrder(rcuGp, srcuGp, rcuRscsi, srcuRscsi, rcuLink, loc);
  const rcuFence = seq(po, rcuOrder, poOpt); // let rcu-fence = po ; rcu-order ; po?
  const fence = fence0.union(rcuFence);
  const strongFence = strongFence0.union(rcuFence);
  const rb = seq(prop, rcuFence, hbStar, pbStar, Marked);
  if (!rb.isIrreflexive()) return fail('rcu');

  // ── plain accesses and data races ──
  const poLocNotBarrier = poLoc.minus(barrierRel);
  const plainW = id(c.Plain.inter(W));
  flag(!seq(plainW, poLocNotBarrier, Marked).union(seq(Marked, poLocNotBarrier, plainW)).isEmpty(), 'mixed-accesses');
  const xbstar = hb.union(pb, rb).star();
  const vis = seq(cumulFence.star(), rfe.opt(), Marked, seq(strongFence, Marked, xbstar).union(xbstar.inter(int)));
  const notNoreturn = notIn(Noreturn);
  const wPreBounded = Marked.seq(addr.union(fence).opt());
  const rPreBounded = Marked.seq(addr.union(nonrwFence, seq(id(R4rmb), fencerel(c.Rmb), id(notNoreturn))).opt());
  const wPostBounded = seq(fence.opt(), Marked, rmwSequence);
  const rPostBounded = nonrwFence.union(seq(id(notNoreturn), fencerel(c.Rmb), id(R4rmb))).opt().seq(Marked);
  const wwVis = fence.union(seq(strongFence, xbstar, wPreBounded), seq(wPostBounded, vis, wPreBounded));
  const wrVis = fence.union(seq(strongFence, xbstar, rPreBounded), seq(wPostBounded, vis, rPreBounded));
  const rwXbstar = fence.union(seq(rPostBounded, xbstar, wPreBounded));
  const preRace = ext.inter(Relation.product(c.Plain, M).union(Relation.product(M.minus(c.IW), c.Plain)));
  const wrIncoh = preRace.inter(rf, rwXbstar.inverse());
  const rwIncoh = preRace.inter(fr, wrVis.inverse());
  const wwIncoh = preRace.inter(co, wwVis.inverse());
  if (!wrIncoh.union(rwIncoh, wwIncoh).isEmpty()) return fail('plain-coherence');
  const WM = Relation.product(c.Marked, W).union(rwXbstar);
  const MW = Relation.product(W, c.Marked).union(wrVis);
  const wwNonrace = wwVis.inter(WM, MW);
  const wwRace = preRace.inter(co).minus(wwNonrace);
  const wrRace = preRace.inter(co.opt().seq(rf)).minus(wrVis, rwXbstar.inverse());
  const rwRace = preRace.inter(fr).minus(rwXbstar);
  flag(!wwRace.union(wrRace, rwRace).isEmpty(), 'data-race');

  return {
    consistent: true,
    flags,
    relations: { classes: c, rf, co, fr, ppo, hb, pb, rb, strongFence, cumulFence, prop, rcuFence },
  };

  function fail(violated: string): LkmmResult {
    return { consistent: false, violated, flags: [] };
  }
}

/**
 * `let rec rcu-order = ...`: the least fixpoint, computed by iteration.
 * Each round adds the sequences with one more grace period or critical section.
 */
function computeRcuOrder(rcuGp: Relation, srcuGp: Relation, rcuRscsi: Relation, srcuRscsi: Relation, rcuLink: Relation, loc: Relation): Relation {
  const base = rcuGp.union(
    srcuGp,
    seq(rcuGp, rcuLink, rcuRscsi),
    seq(srcuGp, rcuLink, srcuRscsi).inter(loc),
    seq(rcuRscsi, rcuLink, rcuGp),
    seq(srcuRscsi, rcuLink, srcuGp).inter(loc),
  );
  let order = base;
  for (;;) {
    const around = seq(rcuLink, order, rcuLink);
    const next = base.union(
      seq(rcuGp, around, rcuRscsi),
      seq(srcuGp, around, srcuRscsi).inter(loc),
      seq(rcuRscsi, around, rcuGp),
      seq(srcuRscsi, around, srcuGp).inter(loc),
      seq(order, rcuLink, order),
    );
    if (next.equals(order)) return order;
    order = next;
  }
}

/** herd7's FW: the last write in coherence order to each location the final state looks at. */
function finalWrites(x: Execution): EventSet {
  const out = new EventSet(x.n);
  for (const loc of x.observedLocations) {
    const iw = x.initialWrite.get(loc);
    if (iw === undefined) continue;
    const last = [...x.co.successors(iw)].find((w) => x.co.successors(w).isEmpty());
    out.add(last ?? iw);
  }
  return out;
}
