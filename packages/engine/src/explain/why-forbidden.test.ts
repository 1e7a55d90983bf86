import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLitmus } from '../run/run-litmus.ts';
import { communicationCycle } from './communication-cycle.ts';
import { counterexamples, smallestCounterexample } from './counterexamples.ts';
import { whyForbidden } from './why-forbidden.ts';

const corpus = (name: string) => readFileSync(new URL(`../../corpus/lkmm/${name}.litmus`, import.meta.url), 'utf8');

describe('whyForbidden', () => {
  it('names happens-before and the smp_wmb/smp_rmb pairing for fixed MP', () => {
    const w = whyForbidden(corpus('mp/MP+fencewmbonceonce+fencermbonceonce'));
    expect(w.status).toBe('forbidden');
    expect(w.axiom).toBe('happens-before');
    expect(w.axioms).toEqual([{ axiom: 'happens-before', candidates: 1 }]);
    expect(w.cycle?.shape).toBe('MP');
    expect(w.pairing).toBe('smp_rmb() in P1 (line 23) pairs with smp_wmb() in P0 (line 13): message passing (MP)');
    expect(w.message).toContain('-rf->');
    expect(w.candidate?.events.some((e) => e.kind === 'F')).toBe(true);
  });

  it('names propagation for SB with smp_mb() on both sides', () => {
    const w = whyForbidden(corpus('sb/SB+fencembonceonces'));
    expect(w.axiom).toBe('propagation');
    expect(w.cycle?.shape).toBe('SB');
    expect(w.pairing).toMatch(/smp_mb\(\) in P\d \(line \d+\) pairs with smp_mb\(\) in P\d/);
  });

  it('names the rcu axiom and pairs the grace period with the read-side critical section', () => {
    const w = whyForbidden(corpus('rcu/RCU-GP+rlonceonceru+oncesynconce'));
    expect(w.axiom).toBe('rcu');
    expect(w.pairing).toBe('synchronize_rcu() in P1 (line 24) pairs with the RCU read-side critical section in P0 (line 15): message passing (MP)');
  });

  it('pairs rcu_assign_pointer with the address dependency of rcu_dereference', () => {
    const w = whyForbidden(corpus('rcu/RCU-MP+onceassign+derefonce'));
    expect(w.axiom).toBe('happens-before');
    expect(w.pairing).toContain('the address dependency in P1 (line 25)');
  });

  it('says when the outcome is allowed, unreachable, or the test is broken', () => {
    expect(whyForbidden(corpus('mp/MP+poonceonces')).status).toBe('not-forbidden');
    expect(whyForbidden(corpus('coherence/CoRR+poonceonce+Once')).status).toBe('unreachable');
    expect(whyForbidden('C bad\n{\n').status).toBe('invalid');
  });

  it('explains under the model asked for', () => {
    const w = whyForbidden(corpus('sb/SB+poonceonces'), { model: 'sc' });
    expect(w.axiom).toBe('sc');
  });
});

describe('communicationCycle', () => {
  const shapeOf = (name: string) => {
    const witness = smallestCounterexample(runLitmus(corpus(name)).verdict!)!.witness;
    return communicationCycle(witness)?.shape;
  };

  it('recognises the classic shapes', () => {
    expect(shapeOf('mp/MP+poonceonces')).toBe('MP');
    expect(shapeOf('sb/SB+poonceonces')).toBe('SB');
    expect(shapeOf('lb/LB+poonceonces')).toBe('LB');
    expect(shapeOf('s/S+poonceonces')).toBe('S');
    expect(shapeOf('r/R+poonceonces')).toBe('R');
    expect(shapeOf('2+2w/2+2W+poonceonces')).toBe('2+2W');
    expect(shapeOf('wrc/WRC+Once+poonceonces')).toBe('WRC');
    expect(shapeOf('iriw/IRIW+poonceonces+OnceOnce')).toBe('IRIW');
  });

  it('finds no cycle in a sequentially consistent execution', () => {
    const verdict = runLitmus(corpus('mp/MP+poonceonces'), { model: 'sc' }).verdict!;
    for (const w of verdict.witnesses) expect(communicationCycle(w)).toBeUndefined();
  });
});

describe('counterexamples', () => {
  it('lists the states showing the outcome, smallest first', () => {
    const verdict = runLitmus(corpus('mp/MP+poonceonces')).verdict!;
    const list = counterexamples(verdict);
    expect(list).toHaveLength(1);
    expect(list[0]!.summary.entries.map((e) => `${e.target}=${e.value}`)).toEqual(['1:r0=1', '1:r1=0']);
    expect(list[0]!.events).toBe(4);
    const forall = corpus('mp/MP+poonceonces').replace('exists (1:r0=1 /\\ 1:r1=0)', 'forall (1:r0=0 \\/ 1:r1=1)');
    const violated = counterexamples(runLitmus(forall).verdict!);
    expect(violated.map((c) => c.summary.satisfies)).toEqual([false]);
  });
});
