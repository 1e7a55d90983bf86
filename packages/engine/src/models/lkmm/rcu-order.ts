// linux-kernel.cat's RCU axiom, computed on the few events it is about.
//
//   let rec rcu-order = rcu-gp | srcu-gp
//     | (rcu-gp ; rcu-link ; rcu-rscsi) | ((srcu-gp ; rcu-link ; srcu-rscsi) & loc)
//     | (rcu-rscsi ; rcu-link ; rcu-gp) | ((srcu-rscsi ; rcu-link ; srcu-gp) & loc)
//     | (rcu-gp ; rcu-link ; rcu-order ; rcu-link ; rcu-rscsi) | (... srcu ... & loc)
//     | (rcu-rscsi ; rcu-link ; rcu-order ; rcu-link ; rcu-gp) | (... srcu ... & loc)
//     | (rcu-order ; rcu-link ; rcu-order)
//   let rcu-fence = po ; rcu-order ; po?
//   let rb = prop ; rcu-fence ; hb* ; pb* ; [Marked]
//   irreflexive rb as rcu
//
// rcu-order relates grace periods (Sync-rcu, Sync-srcu) and read-side
// critical sections (an unlock to its lock, rcu-rscsi): every pair starts at
// a grace period or an unlock and ends at a grace period or a lock. So the
// fixpoint runs on those few events (a dozen in a 16-thread chain of 70
// events), with rcu-link needed only from the ends to the starts. And rb is
// irreflexive exactly when no pair x rcu-order y has y rcu-link x: unfolding
// rb's cycle from x gives y (po? ; hb* ; pb* ; [Marked] ; prop ; po) x, and
// prop starts with [Marked], so that is y rcu-link x. The full rcu-fence is
// built only for the checks that need it (plain accesses).
import { Relation, type EventSet } from '../../execution/relation.ts';

/** What rcu-order is made of, for one execution of `n` events. */
export interface RcuOrderParts {
  readonly n: number;
  /** Sync-rcu events. */
  readonly rcuGp: EventSet;
  /** Sync-srcu events. */
  readonly srcuGp: EventSet;
  /** rcu-rscs^-1: each rcu_read_unlock() to its rcu_read_lock(). */
  readonly rcuRscsi: Relation;
  /** srcu-rscs^-1: each srcu_read_unlock() to its srcu_read_lock() (it depends on rf). */
  readonly srcuRscsi: Relation;
  readonly loc: Relation;
}

/** rcu-order for one execution, on its grace periods and critical-section ends. */
export interface RcuOrder {
  /** Whether `irreflexive rb` holds. */
  readonly holds: boolean;
  /** rcu-order as a relation on all `n` events. */
  full(): Relation;
}

/**
 * What rcu-order's fixpoint runs on for one skeleton: the events it starts
 * at (grace periods and unlocks), those it ends at (grace periods and
 * locks), and its parts renumbered on them. Everything but srcu-rscs is fixed
 * by the events, so a plan serves every execution of a skeleton without SRCU.
 */
export class RcuOrderPlan {
  readonly starts: EventSet;
  readonly ends: EventSet;
  private readonly members: number[];
  private readonly gp: Relation;
  private readonly sgp: Relation;
  private readonly rscsi: Relation;
  private readonly srscsi: Relation;
  private readonly loc: Relation;

  constructor(private readonly parts: RcuOrderParts) {
    const gps = parts.rcuGp.union(parts.srcuGp);
    this.starts = gps.union(parts.rcuRscsi.domain(), parts.srcuRscsi.domain());
    this.ends = gps.union(parts.rcuRscsi.range(), parts.srcuRscsi.range());
    this.members = this.starts.union(this.ends).toArray();
    this.gp = this.identityOf(parts.rcuGp);
    this.sgp = this.identityOf(parts.srcuGp);
    this.rscsi = this.project(parts.rcuRscsi);
    this.srscsi = this.project(parts.srcuRscsi);
    this.loc = this.project(parts.loc);
  }

  /**
   * Computes rcu-order with `link`, which must hold rcu-link on the rows of
   * `ends` and the columns of `starts`, and decides the rcu axiom.
   */
  compute(link: Relation): RcuOrder {
    const { gp, sgp, rscsi, srscsi, loc, members } = this;
    const rcuLink = this.project(link);
    const hasSrcu = !this.parts.srcuGp.isEmpty();
    const step = (around: Relation): Relation[] => [
      gp.seq(around).seq(rscsi),
      rscsi.seq(around).seq(gp),
      ...(hasSrcu ? [sgp.seq(around).seq(srscsi).inter(loc), srscsi.seq(around).seq(sgp).inter(loc)] : []),
    ];
    const base = gp.union(sgp, ...step(rcuLink));
    let order = base;
    for (;;) {
      const around = rcuLink.seq(order).seq(rcuLink);
      const next = base.union(...step(around), order.seq(rcuLink).seq(order));
      if (next.equals(order)) break;
      order = next;
    }
    const holds = order.inter(rcuLink.inverse()).isEmpty();
    const finalOrder = order;
    const n = this.parts.n;
    return {
      holds,
      full() {
        const out = new Relation(n);
        finalOrder.forEachPair((a, b) => out.add(members[a]!, members[b]!));
        return out;
      },
    };
  }

  /** The pairs of `r` between members, renumbered. */
  private project(r: Relation): Relation {
    const { members } = this;
    const k = members.length;
    const out = new Relation(k);
    for (let i = 0; i < k; i++) {
      const a = members[i]!;
      for (let j = 0; j < k; j++) if (r.has(a, members[j]!)) out.add(i, j);
    }
    return out;
  }

  private identityOf(s: EventSet): Relation {
    const { members } = this;
    const out = new Relation(members.length);
    members.forEach((e, i) => {
      if (s.has(e)) out.add(i, i);
    });
    return out;
  }
}
