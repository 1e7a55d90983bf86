// The Linux Kernel Memory Model, as herd7 evaluates linux-kernel.bell,
// lock.cat and linux-kernel.cat (../shared/reference/lkmm, variant lkmmv2).
// Each `const` below is the `let` of the same name in those files, in the
// same order; comments give the file and the line's opening words.
import type { Execution } from '../../execution/execution.ts';
import type { ModelVerdict } from '../model.ts';
import { EventSet, Relation, seq } from '../../execution/relation.ts';
import { classify, type Classes } from './classes.ts';
import { rcuRscs, srcuRscs } from './rcu-sections.ts';
import { RcuOrderPlan } from './rcu-order.ts';

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

/**
 * What the LKMM derives from an execution's events alone: classes, fences,
 * read-side sections, lock structure. Computed once per skeleton shape (the
 * explorer shares relations between executions of the same shape).
 */
interface StaticPart {
  readonly c: Classes;
  readonly identity: Relation;
  readonly poLoc: Relation;
  readonly poOpt: Relation;
  readonly Marked: Relation;
  readonly Acquire: EventSet;
  readonly Release: EventSet;
  readonly Mb: EventSet;
  readonly Noreturn: EventSet;
  readonly R4rmb: EventSet;
  readonly rcuPairs: Relation;
  readonly rmw: Relation;
  readonly acqPo: Relation;
  readonly poRel: Relation;
  readonly rmb: Relation;
  readonly wmb: Relation;
  /** mb without its po-unlock-lock-po term (which depends on rf). */
  readonly mbStatic: Relation;
  readonly gp: Relation;
  readonly barrierRel: Relation;
  readonly flags: readonly string[];
  readonly violation?: string;
  /** rcu-order's plan for this skeleton (RCU without SRCU, whose sections depend on rf). */
  readonly rcuPlan?: RcuOrderPlan;
  /** The empty relation (shared: relations are never changed once built). */
  readonly none: Relation;
  /** Every event but srcu_read_unlock(): `~Srcu-unlock`. */
  readonly notSrcuUnlock: EventSet;
  readonly hasLocks: boolean;
  readonly hasSrcu: boolean;
  readonly hasRcu: boolean;
  readonly hasPlain: boolean;
}

const staticParts = new WeakMap<Relation, StaticPart>();

function staticPart(x: Execution): StaticPart {
  // The skeleton's slot when it has one (the explorer's do): see Skeleton.derived.
  const slot = x.derived;
  let part = slot ? (slot.get('lkmm') as StaticPart | undefined) : staticParts.get(x.po);
  if (!part) {
    part = prepare(x);
    if (slot) slot.set('lkmm', part);
    else staticParts.set(x.po, part);
  }
  return part;
}

function prepare(x: Execution): StaticPart {
  const { n, loc } = x;
  const po = x.modelPo ?? x.po;
  const c = classify(x);
  const id = (s: EventSet) => Relation.id(s);
  const none = Relation.empty(n);
  // fencerel(S) = po ; [S] ; po (empty without an event of S: most tests have few kinds of fence)
  const fencerel = (s: EventSet) => (s.isEmpty() ? none : po.restrict(undefined, s).seq(po));
  const flags: string[] = [];
  const flag = (nonEmpty: boolean, name: string) => {
    if (nonEmpty) flags.push(name);
  };
  const poLoc = po.inter(loc);
  const poOpt = po.opt();

  // ── linux-kernel.bell ──
  const rmwPrim = x.rmw;
  const FailedRMW = c.RMW.minus(rmwPrim.domain().union(rmwPrim.range())); // let FailedRMW = RMW \ (domain(rmw) | range(rmw))
  let Acquire = c.ACQUIRE.minus(c.Wprim).minus(FailedRMW); // let Acquire = ACQUIRE \ W \ FailedRMW
  let Release = c.RELEASE.minus(c.Rprim).minus(FailedRMW); // let Release = RELEASE \ R \ FailedRMW
  const Mb = c.MB.minus(FailedRMW); // let Mb = MB \ FailedRMW
  const Noreturn = c.NORETURN.minus(c.Wprim); // let Noreturn = NORETURN \ W
  const rcuPairs = rcuRscs(x, c); // let rcu-rscs = let rec ...
  flag(!c.RcuLock.minus(rcuPairs.domain()).isEmpty(), 'unmatched-rcu-lock');
  flag(!c.RcuUnlock.minus(rcuPairs.range()).isEmpty(), 'unmatched-rcu-unlock');
  if (!c.SyncSrcu.isEmpty()) flag(!rcuPairs.inter(seq(po, id(c.SyncSrcu), po)).isEmpty(), 'invalid-sleep');

  // ── lock.cat (every relation below is empty without lock events) ──
  const { R, W, M } = c;
  const ALL_LOCKS = c.LKR.union(c.LKW, c.UL, c.LF, c.RU, c.SrcuLock, c.SrcuUnlock, c.SyncSrcu);
  let rmw = rmwPrim;
  let violation: string | undefined;
  if (!ALL_LOCKS.isEmpty()) {
    // [Mprim \ IW \ ALL-LOCKS] ; loc ; [ALL-LOCKS]
    flag(!loc.restrict(c.Mprim.minus(c.IW).minus(ALL_LOCKS), ALL_LOCKS).isEmpty(), 'mixed-lock-accesses');
    const lkRmw = poLoc.restrict(c.LKR, c.LKW).minus(po.seq(po)); // let lk-rmw = ([LKR] ; po-loc ; [LKW]) \ (po ; po)
    rmw = rmwPrim.union(lkRmw);
    flag(!c.LKW.minus(lkRmw.range()).isEmpty(), 'unpaired-LKW');
    flag(!c.LKR.minus(lkRmw.domain()).isEmpty(), 'unpaired-LKR');
    const poLocUlPoLoc = seq(poLoc, id(c.UL), poLoc);
    // empty ([LKW] ; po-loc ; [LKR]) \ (po-loc ; [UL] ; po-loc) as lock-nest
    if (!poLoc.restrict(c.LKW, c.LKR).minus(poLocUlPoLoc).isEmpty()) violation = 'lock-nest';
    // empty ([LKW] ; po-loc ; [RU]) \ (po-loc ; [UL] ; po-loc) as nested-is-locked
    else if (!poLoc.restrict(c.LKW, c.RU).minus(poLocUlPoLoc).isEmpty()) violation = 'nested-is-locked';
    Release = Release.union(c.UL); // let Release = Release | UL
    Acquire = Acquire.union(c.LKR); // let Acquire = Acquire | LKR
    // let critical = ([LKW] ; po-loc ; [UL]) \ (po-loc ; [LKW | UL] ; po-loc)
    const critical = poLoc.restrict(c.LKW, c.UL).minus(seq(poLoc, id(c.LKW.union(c.UL)), poLoc));
    flag(!c.UL.minus(critical.range()).isEmpty(), 'unmatched-unlock');
  }

  // ── linux-kernel.cat, the parts fixed by the events ──
  const acqPo = po.restrict(Acquire, M); // let acq-po = [Acquire] ; po ; [M]
  const poRel = po.restrict(M, Release); // let po-rel = [M] ; po ; [Release]
  const R4rmb = R.minus(Noreturn); // let R4rmb = R \ Noreturn
  const rmb = fencerel(c.Rmb).restrict(R4rmb, R4rmb); // let rmb = [R4rmb] ; fencerel(Rmb) ; [R4rmb]
  const wmb = fencerel(c.Wmb).restrict(W, W); // let wmb = [W] ; fencerel(Wmb) ; [W]
  // let mb = ([M] ; fencerel(Mb) ; [M]) | ... (all terms but the po-unlock-lock-po one; a term
  // whose fence or class has no event is empty and left out)
  const mbTerms = [fencerel(Mb).restrict(M, M)];
  const MbR = Mb.inter(R);
  const MbW = Mb.inter(W);
  if (!MbR.isEmpty()) mbTerms.push(po.restrict(M, MbR)); // [M] ; po ; [Mb & R]
  if (!MbW.isEmpty()) mbTerms.push(po.restrict(MbW, M)); // [Mb & W] ; po ; [M]
  // [M] ; fencerel(Before-atomic) ; [RMW] ; po? ; [M]
  if (!c.BeforeAtomic.isEmpty()) mbTerms.push(fencerel(c.BeforeAtomic).restrict(M, c.RMW).seq(poOpt.restrict(undefined, M)));
  // [M] ; po? ; [RMW] ; fencerel(After-atomic) ; [M]
  if (!c.AfterAtomic.isEmpty()) mbTerms.push(poOpt.restrict(M, c.RMW).seq(fencerel(c.AfterAtomic).restrict(undefined, M)));
  // [M] ; po? ; [LKW] ; fencerel(After-spinlock) ; [M]
  if (!c.AfterSpinlock.isEmpty()) mbTerms.push(poOpt.restrict(M, c.LKW).seq(fencerel(c.AfterSpinlock).restrict(undefined, M)));
  // [M] ; po? ; [Srcu-unlock] ; fencerel(After-srcu-read-unlock) ; [M]
  if (!c.AfterSrcuReadUnlock.isEmpty()) mbTerms.push(poOpt.restrict(M, c.SrcuUnlock).seq(fencerel(c.AfterSrcuReadUnlock).restrict(undefined, M)));
  const mbStatic = mbTerms[0]!.union(...mbTerms.slice(1));
  const SyncRcuOrSrcu = c.SyncRcu.union(c.SyncSrcu);
  const gp = SyncRcuOrSrcu.isEmpty() ? none : po.restrict(undefined, SyncRcuOrSrcu).seq(poOpt); // let gp = po ; [Sync-rcu | Sync-srcu] ; po?
  // let barrier = fencerel(Barrier | Rmb | ...) | (po ; [Release]) | ([Acquire] ; po)
  const barrierRel = fencerel(c.Barrier.union(c.Rmb, c.Wmb, Mb, c.SyncRcu, c.SyncSrcu, c.BeforeAtomic, c.AfterAtomic,
    Acquire, Release, c.RcuLock, c.RcuUnlock, c.SrcuLock, c.SrcuUnlock))
    .union(po.restrict(undefined, Release), po.restrict(Acquire, undefined));

  const hasSrcu = !c.SrcuLock.union(c.SrcuUnlock, c.SyncSrcu).isEmpty();
  const rcuPlan = !SyncRcuOrSrcu.isEmpty() && !hasSrcu
    ? new RcuOrderPlan({ n, rcuGp: c.SyncRcu, srcuGp: c.SyncSrcu, rcuRscsi: rcuPairs.inverse(), srcuRscsi: none, loc })
    : undefined;
  return {
    ...(rcuPlan ? { rcuPlan } : {}),
    c, identity: id(EventSet.all(n)), poLoc, poOpt, Marked: id(c.Marked), Acquire, Release, Mb, Noreturn, R4rmb, rcuPairs, rmw,
    acqPo, poRel, rmb, wmb, mbStatic, gp, barrierRel, flags, none, notSrcuUnlock: c.SrcuUnlock.complement(),
    ...(violation ? { violation } : {}),
    hasLocks: !c.LKR.union(c.LKW, c.UL, c.LF, c.RU).isEmpty(),
    hasSrcu,
    hasRcu: !SyncRcuOrSrcu.isEmpty(),
    hasPlain: !c.Plain.isEmpty(),
  };
}

/** Evaluates the LKMM on `x`: its axioms in file order, then its flags. */
export function evaluateLkmm(x: Execution): LkmmResult {
  const s = staticPart(x);
  if (s.violation) return fail(s.violation);
  const { int, ext, loc } = x;
  const po = x.modelPo ?? x.po;
  const { c, identity, poLoc, poOpt, Marked, R4rmb, Noreturn } = s;
  const { R, W, M } = c;
  const id = (set: EventSet) => Relation.id(set);
  const fencerel = (set: EventSet) => po.restrict(undefined, set).seq(po);
  const flags: string[] = [...s.flags];
  const flag = (nonEmpty: boolean, name: string) => {
    if (nonEmpty) flags.push(name);
  };
  const { rf, co } = x;

  // ── linux-kernel.bell, the parts that depend on rf ──
  let srcuPairs = s.none;
  if (s.hasSrcu) {
    srcuPairs = srcuRscs(x, c, rf.restrict(c.Wprim, c.Rprim)); // let srcu-rscs = ...
    flag(!c.SrcuLock.minus(srcuPairs.domain()).isEmpty(), 'unmatched-srcu-lock');
    flag(!c.SrcuUnlock.minus(srcuPairs.range()).isEmpty(), 'unmatched-srcu-unlock');
    flag(!srcuPairs.inverse().seq(srcuPairs).minus(identity).isEmpty(), 'multiple-srcu-matches');
    flag([...srcuPairs.pairs()].some(([a, b]) => x.events[a]!.value !== x.events[b]!.value), 'srcu-bad-value-match');
  }
  const rfi = rf.inter(int);
  // let carry-dep = (data ; [~ Srcu-unlock] ; rfi)* ; then addr, ctrl, data through it.
  let addr = x.addr;
  let ctrl = x.ctrl;
  let data = x.data;
  // (data ; [~ Srcu-unlock] ; rfi): nothing to carry without data dependencies
  const carryStep = x.data.isEmpty() ? undefined : x.data.restrict(undefined, s.notSrcuUnlock).seq(rfi.restrict(c.Wprim, c.Rprim));
  if (carryStep !== undefined && !carryStep.isEmpty()) {
    const carryDep = carryStep.star();
    addr = carryDep.seq(x.addr);
    ctrl = carryDep.seq(x.ctrl);
    data = carryDep.seq(x.data);
  }
  // [FW] ; loc ; [ALL-LOCKS] (lock.cat's ALL-LOCKS holds the SRCU events too)
  if (s.hasLocks || s.hasSrcu) flag(!loc.restrict(finalWrites(x), c.LKR.union(c.LKW, c.UL, c.LF, c.RU, c.SrcuLock, c.SrcuUnlock, c.SyncSrcu)).isEmpty(), 'lock-final');

  const rfe = rf.inter(ext);
  const coe = co.inter(ext);
  const fr = rf.inverse().seq(co); // let fr = rf^-1 ; co
  const fre = fr.inter(ext);

  // acyclic po-loc | com as coherence ; empty rmw & (fre ; coe) as atomic
  const com = rf.union(co, fr);
  if (!poLoc.union(com).isAcyclic()) return fail('coherence');
  if (!s.rmw.isEmpty() && !s.rmw.inter(fre.seq(coe)).isEmpty()) return fail('atomic');

  // let po-unlock-lock-po = po ; [UL] ; (po|rf) ; [LKR] ; po
  const poUnlockLockPo = s.hasLocks ? seq(po.restrict(undefined, c.UL), po.union(rf).restrict(c.UL, c.LKR), po) : s.none;
  // mb's last term: [M] ; po-unlock-lock-po ; [After-unlock-lock] ; po ; [M]
  const mb = s.hasLocks ? s.mbStatic.union(poUnlockLockPo.restrict(M, c.AfterUnlockLock).seq(po.restrict(undefined, M))) : s.mbStatic;
  const strongFence0 = mb.union(s.gp); // let strong-fence = mb | gp
  const nonrwFence = strongFence0.union(s.poRel, s.acqPo); // let nonrw-fence = strong-fence | po-rel | acq-po
  const fence0 = nonrwFence.union(s.wmb, s.rmb); // let fence = nonrw-fence | wmb | rmb

  const dep = addr.union(data); // let dep = addr | data
  const rwdep = dep.union(ctrl).restrict(undefined, W); // let rwdep = (dep | ctrl) ; [W]
  const overwrite = co.union(fr); // let overwrite = co | fr
  // let to-w = rwdep | (overwrite & int) | (addr ; [Plain] ; wmb)
  const toW = s.hasPlain && !s.wmb.isEmpty()
    ? rwdep.union(overwrite.inter(int), addr.restrict(undefined, c.Plain).seq(s.wmb))
    : rwdep.union(overwrite.inter(int));
  const toR = addr.restrict(undefined, R).union(dep.restrict(undefined, c.Marked).seq(rfi)); // let to-r
  const ppo = toR.union(toW, fence0.inter(int), poUnlockLockPo.inter(int)); // let ppo

  const aCumul = (r: Relation) => rfe.restrict(undefined, c.Marked).seq(r).union(r); // let A-cumul(r) = (rfe ; [Marked])? ; r
  // let rmw-sequence = (rf ; rmw)*: the identity without RMWs, left out below
  const rmwSequence = s.rmw.isEmpty() ? undefined : rf.seq(s.rmw).star();
  // let cumul-fence = [Marked] ; (A-cumul(strong-fence | po-rel) | wmb | po-unlock-lock-po) ; [Marked] ; rmw-sequence
  const cumulMarked = aCumul(strongFence0.union(s.poRel)).union(s.wmb, poUnlockLockPo).restrict(c.Marked, c.Marked);
  const cumulFence = rmwSequence ? cumulMarked.seq(rmwSequence) : cumulMarked;
  // let prop = [Marked] ; (overwrite & ext)? ; cumul-fence* ; [Marked] ; rfe? ; [Marked]
  const prop = overwrite.inter(ext).opt().restrict(c.Marked, undefined).seq(cumulFence.star().restrict(undefined, c.Marked)).seq(rfe.opt().restrict(c.Marked, c.Marked));
  // let hb = [Marked] ; (ppo | rfe | ((prop \ id) & int)) ; [Marked]
  const hb = ppo.union(rfe, prop.minus(identity).inter(int)).restrict(c.Marked, c.Marked);
  if (!hb.isAcyclic()) return fail('happens-before');
  const hbStar = hb.star();
  const pb = seq(prop, strongFence0, hbStar.restrict(undefined, c.Marked)); // let pb = prop ; strong-fence ; hb* ; [Marked]
  if (!pb.isAcyclic()) return fail('propagation');

  // ── RCU (rcu-order.ts: the fixpoint on grace periods and critical-section ends) ──
  // rcu-fence and rb in full, built only when asked for (the plain-access checks, LkmmRelations).
  let rcuParts: { rcuFence: Relation; rb: Relation } = { rcuFence: s.none, rb: s.none };
  let fullRcu = (): { rcuFence: Relation; rb: Relation } => rcuParts;
  if (s.hasRcu) {
    // Without SRCU the plan is the skeleton's; srcu-rscs depends on rf.
    const plan = s.rcuPlan ?? new RcuOrderPlan({ n: x.n, rcuGp: c.SyncRcu, srcuGp: c.SyncSrcu, rcuRscsi: s.rcuPairs.inverse(), srcuRscsi: srcuPairs.inverse(), loc });
    const pbStar = pb.star();
    // let rcu-link = po? ; hb* ; pb* ; prop ; po (from where rcu-order ends to where it starts)
    const rcuLink = seq(poOpt.restrict(plan.ends, undefined), hbStar, pbStar, prop, po.restrict(undefined, plan.starts));
    const rcuOrder = plan.compute(rcuLink);
    if (!rcuOrder.holds) return fail('rcu');
    let built = false;
    fullRcu = () => {
      if (!built) {
        const rcuFence = seq(po, rcuOrder.full(), poOpt); // let rcu-fence = po ; rcu-order ; po?
        // let rb = prop ; rcu-fence ; hb* ; pb* ; [Marked]
        rcuParts = { rcuFence, rb: seq(prop, rcuFence, hbStar, pbStar.restrict(undefined, c.Marked)) };
        built = true;
      }
      return rcuParts;
    };
  }
  // let fence = fence | rcu-fence ; let strong-fence = strong-fence | rcu-fence
  const fullFences = (): { fence: Relation; strongFence: Relation } => (s.hasRcu
    ? { fence: fence0.union(fullRcu().rcuFence), strongFence: strongFence0.union(fullRcu().rcuFence) }
    : { fence: fence0, strongFence: strongFence0 });

  // ── plain accesses and data races (nothing to do without plain accesses) ──
  if (s.hasPlain) {
    const { fence, strongFence } = fullFences();
    const { rb } = fullRcu();
    const poLocNotBarrier = poLoc.minus(s.barrierRel);
    const plainW = id(c.Plain.inter(W));
    flag(!seq(plainW, poLocNotBarrier, Marked).union(seq(Marked, poLocNotBarrier, plainW)).isEmpty(), 'mixed-accesses');
    const xbstar = hb.union(pb, rb).star(); // let xbstar = (hb | pb | rb)*
    // let vis = cumul-fence* ; rfe? ; [Marked] ; ((strong-fence ; [Marked] ; xbstar) | (xbstar & int))
    const vis = seq(cumulFence.star(), rfe.opt(), Marked, seq(strongFence, Marked, xbstar).union(xbstar.inter(int)));
    const notNoreturn = EventSet.all(x.n).minus(Noreturn);
    const wPreBounded = Marked.seq(addr.union(fence).opt());
    const rPreBounded = Marked.seq(addr.union(nonrwFence, seq(id(R4rmb), fencerel(c.Rmb), id(notNoreturn))).opt());
    const wPostBounded = rmwSequence ? seq(fence.opt(), Marked, rmwSequence) : fence.opt().seq(Marked);
    const rPostBounded = nonrwFence.union(seq(id(notNoreturn), fencerel(c.Rmb), id(R4rmb))).opt().seq(Marked);
    const wwVis = fence.union(seq(strongFence, xbstar, wPreBounded), seq(wPostBounded, vis, wPreBounded));
    const wrVis = fence.union(seq(strongFence, xbstar, rPreBounded), seq(wPostBounded, vis, rPreBounded));
    const rwXbstar = fence.union(seq(rPostBounded, xbstar, wPreBounded));
    // let pre-race = ext & ((Plain * M) | ((M \ IW) * Plain))
    const preRace = ext.inter(Relation.product(c.Plain, M).union(Relation.product(M.minus(c.IW), c.Plain)));
    const wrIncoh = preRace.inter(rf, rwXbstar.inverse());
    const rwIncoh = preRace.inter(fr, wrVis.inverse());
    const wwIncoh = preRace.inter(co, wwVis.inverse());
    if (!wrIncoh.union(rwIncoh, wwIncoh).isEmpty()) return fail('plain-coherence');
    // let ww-nonrace = ww-vis & ((Marked * W) | rw-xbstar) & ((W * Marked) | wr-vis)
    const wwNonrace = wwVis.inter(Relation.product(c.Marked, W).union(rwXbstar), Relation.product(W, c.Marked).union(wrVis));
    const wwRace = preRace.inter(co).minus(wwNonrace);
    const wrRace = preRace.inter(co.opt().seq(rf)).minus(wrVis, rwXbstar.inverse());
    const rwRace = preRace.inter(fr).minus(rwXbstar);
    flag(!wwRace.union(wrRace, rwRace).isEmpty(), 'data-race');
  }

  return {
    consistent: true,
    flags,
    relations: new RelationsView({ classes: c, rf, co, fr, ppo, hb, pb, cumulFence, prop }, fullRcu, fullFences),
  };
}

/**
 * An execution's LkmmRelations, the RCU ones built when first read. A class,
 * not an object literal with getters: each such literal gets a hidden class
 * of its own, which lives in the old generation and holds the getters'
 * closures, so every evaluation's relations survived young-generation
 * collections (most of the garbage collector's time on small tests).
 */
class RelationsView implements LkmmRelations {
  readonly classes: Classes;
  readonly rf: Relation;
  readonly co: Relation;
  readonly fr: Relation;
  readonly ppo: Relation;
  readonly hb: Relation;
  readonly pb: Relation;
  readonly cumulFence: Relation;
  readonly prop: Relation;

  constructor(
    eager: Omit<LkmmRelations, 'rb' | 'rcuFence' | 'strongFence'>,
    private readonly rcu: () => { rcuFence: Relation; rb: Relation },
    private readonly fences: () => { strongFence: Relation },
  ) {
    this.classes = eager.classes;
    this.rf = eager.rf;
    this.co = eager.co;
    this.fr = eager.fr;
    this.ppo = eager.ppo;
    this.hb = eager.hb;
    this.pb = eager.pb;
    this.cumulFence = eager.cumulFence;
    this.prop = eager.prop;
  }

  get rb(): Relation {
    return this.rcu().rb;
  }

  get rcuFence(): Relation {
    return this.rcu().rcuFence;
  }

  get strongFence(): Relation {
    return this.fences().strongFence;
  }
}

function fail(violated: string): LkmmResult {
  return { consistent: false, violated, flags: [] };
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
