// Sequential consistency and x86-TSO for kernel C. A kernel primitive means
// the same on every machine: a grace period still waits for readers, a lock
// still excludes. So each hardware model is the LKMM's own guarantees plus the
// stronger ordering that machine gives, which makes SC ⊆ TSO ⊆ LKMM hold by
// construction for every program, RCU and locks included.
import type { Execution } from '../execution/execution.ts';
import { classify } from './lkmm/classes.ts';
import { evaluateLkmm } from './lkmm/lkmm.ts';
import type { Model, ModelVerdict } from './model.ts';
import { Relation, seq } from '../execution/relation.ts';

/** po, rf, co and fr over memory events. */
function communication(x: Execution) {
  const c = classify(x);
  const M = c.M;
  const po = x.po.restrict(M, M);
  const fr = x.rf.inverse().seq(x.co);
  return { c, M, po, fr };
}

/** Sequential consistency: one interleaving, every access at once everywhere (Lamport 1979). */
function scAxiom(x: Execution): boolean {
  const { po, fr } = communication(x);
  // acyclic po | rf | co | fr as sc
  return po.union(x.rf, x.co, fr).isAcyclic();
}

/**
 * x86-TSO (Owens, Sarkar, Sewell 2009; herd7's x86tso.cat), with the kernel's
 * x86 mappings: smp_mb() is MFENCE, every atomic RMW (value-returning or not)
 * and spin_lock() is a LOCK-prefixed instruction, synchronize_rcu() implies a
 * full barrier; smp_rmb()/smp_wmb(), acquire and release are plain moves.
 */
function tsoAxiom(x: Execution): boolean {
  const { c, M, po, fr } = communication(x);
  const W = c.W;
  const R = c.R;
  // ppo: program order except a write before a later read (the store buffer).
  const ppo = po.minus(Relation.product(W, R));
  const full = c.MB.inter(c.F).union(c.SyncRcu, c.SyncSrcu);
  const locked = c.RMW.union(c.LKR, c.LKW);
  const mfence = seq(x.po.restrict(M, full), x.po.restrict(undefined, M));
  const implied = x.po.restrict(M, locked).union(x.po.restrict(locked, M));
  const rfe = x.rf.inter(x.ext);
  // acyclic mfence | implied | ppo | rfe | co | fr as tso
  return ppo.union(mfence, implied, rfe, x.co, fr).isAcyclic();
}

function withHardware(name: 'sc' | 'tso', description: string, axiom: (x: Execution) => boolean): Model {
  return {
    name,
    description,
    check(x: Execution): ModelVerdict {
      if (!axiom(x)) return { consistent: false, violated: name, flags: [] };
      const { consistent, violated, flags } = evaluateLkmm(x);
      return { consistent, flags, ...(violated ? { violated } : {}) };
    },
  };
}

/** Sequential consistency: plain interleavings (grace periods and locks as in the LKMM). */
export const sc: Model = withHardware('sc', 'sequential consistency: plain interleavings of the threads', scAxiom);

/** x86-TSO: store buffers, nothing else (grace periods and locks as in the LKMM). */
export const tso: Model = withHardware('tso', 'x86-TSO: each CPU may see its own stores early and others\' late', tsoAxiom);

