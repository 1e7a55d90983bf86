import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLitmus } from '../run/run-litmus.ts';
import { explain } from './explain.ts';

const corpus = (name: string) => readFileSync(new URL(`../../corpus/lkmm/${name}.litmus`, import.meta.url), 'utf8');

function explained(name: string, options: Parameters<typeof explain>[2] = {}) {
  const source = corpus(name);
  return explain(source, runLitmus(source).verdict!, options);
}

describe('explain', () => {
  it('shows MP\'s smallest counterexample, its timeline and the cheapest repair, as plain JSON', () => {
    const e = explained('mp/MP+poonceonces');
    expect(e.observation).toBe('Sometimes');
    expect(e.counterexample?.entries.map((x) => `${x.target}=${x.value}`)).toEqual(['1:r0=1', '1:r1=0']);
    expect(e.graph?.nodes).toHaveLength(5);
    expect(e.dot?.startsWith('digraph')).toBe(true);
    expect(e.svg?.startsWith('<svg')).toBe(true);
    expect(e.timelineText).toContain('r1 = READ_ONCE(*x) read 0, the initial value');
    expect(e.repair?.status).toBe('found');
    expect(e.repair?.cost).toBe(6);
    expect(e.whyForbidden).toBeUndefined();
    expect(JSON.parse(JSON.stringify(e))).toEqual(e);
  });

  it('explains SB and LB', () => {
    const sb = explained('sb/SB+poonceonces');
    expect(sb.repair?.edits.map((x) => x.kind)).toEqual(['smp_mb', 'smp_mb']);
    expect(sb.timeline?.steps.some((s) => s.notes.some((n) => n.kind === 'stale-read'))).toBe(true);
    const lb = explained('lb/LB+poonceonces', { repair: false });
    expect(lb.repair).toBeUndefined();
    expect(lb.timeline?.steps.some((s) => s.notes.some((n) => n.kind === 'ran-ahead'))).toBe(true);
  });

  it('explains an RCU test both ways: the broken one is repaired, the fixed one is forbidden by the rcu axiom', () => {
    const broken = explained('rcu/RCU-GP+rlonceonceru+onceonce');
    expect(broken.repair?.status).toBe('found');
    expect(broken.timeline?.steps.map((s) => s.statement)).toContain('rcu_read_unlock()');
    const fixed = explained('rcu/RCU-GP+rlonceonceru+oncesynconce');
    expect(fixed.observation).toBe('Never');
    expect(fixed.whyForbidden?.axiom).toBe('rcu');
    expect(fixed.graph?.nodes.some((n) => n.label === 'F[sync-rcu]')).toBe(true);
    expect(fixed.timeline).toBeUndefined();
    expect(JSON.parse(JSON.stringify(fixed))).toEqual(fixed);
  });

  it('treats a violated forall like a reachable exists', () => {
    const source = corpus('mp/MP+poonceonces').replace('exists (1:r0=1 /\\ 1:r1=0)', 'forall (1:r0=0 \\/ 1:r1=1)');
    const e = explain(source, runLitmus(source).verdict!);
    expect(e.counterexampleCount).toBe(1);
    expect(e.repair?.status).toBe('found');
    expect(runLitmus(e.repair!.source!).verdict!.observation).toBe('Always');
  });

  it('is deterministic', () => {
    expect(explained('mp/MP+poonceonces')).toEqual(explained('mp/MP+poonceonces'));
  });
});
