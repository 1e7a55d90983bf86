import { describe, expect, it } from 'vitest';
import { check, exercise } from '@barrier-lab/exercises';
import { graphLegend } from './graph-legend.ts';

describe('graphLegend: what the graph\'s labels mean', () => {
  it('says what the letters and each bracketed word of the graph mean', () => {
    const legend = graphLegend(['W[once] msg=1', 'F[wmb]', 'W[once] flag=1', 'R[once] flag=1', 'F[rmb]', 'R[once] msg=0', 'msg=0 (init)']);
    expect(legend).toContain('R a read');
    expect(legend).toContain('W a write');
    expect(legend).toContain('F a barrier (a fence)');
    expect(legend).toMatch(/\[once\] is READ_ONCE\(\), WRITE_ONCE\(\)/);
    expect(legend).toContain('[wmb] is smp_wmb()');
    expect(legend).toContain('[rmb] is smp_rmb()');
    expect(legend).toContain('(init) is a variable\'s starting value');
  });

  it('names only what the graph shows', () => {
    const legend = graphLegend(['R[acquire] flag=1', 'R msg=0']);
    expect(legend).toContain('[acquire] is smp_load_acquire()');
    expect(legend).toContain('no brackets is a plain C access');
    expect(legend).not.toContain('W a write');
    expect(legend).not.toContain('[once]');
    expect(legend).not.toContain('[mb]');
    expect(legend).not.toContain('(init)');
  });

  it('a fence, an access and a lock with annotations of more than one word', () => {
    const legend = graphLegend(['F[after-atomic]', 'R[mb] refcount=1', 'W[mb] refcount=1025', 'LKW l', 'UL l']);
    expect(legend).toContain('[after-atomic] is smp_mb__after_atomic()');
    expect(legend).toMatch(/\[mb\] is smp_mb\(\), or an atomic that returns a value/);
    expect(legend).toContain('LKR and LKW the read and write of taking a lock');
    expect(legend).toContain('UL spin_unlock()');
    expect(legend).not.toContain('no brackets');
  });

  it('an annotation it has no words for is still named, never dropped', () => {
    expect(graphLegend(['F[something-new]'])).toContain('[something-new] is the model\'s own name for it');
  });

  it('no labels, no legend', () => {
    expect(graphLegend([])).toBe('');
  });

  it('has words for every annotation in the graph of a wrong answer to the course\'s exercises', () => {
    // The starters are wrong answers: their counterexamples' graphs are the ones learners see first.
    const ids = ['mp-wmb-rmb', 'pin-then-recheck-after-atomic', 'gup-fast-broadcast-flush'];
    for (const id of ids) {
      const result = check(id, exercise(id)!.starter.source);
      const labels = result.explanation?.graph?.nodes.map((n) => n.label) ?? [];
      expect(labels.length, id).toBeGreaterThan(0);
      const legend = graphLegend(labels);
      expect(legend, id).not.toContain('own name for it');
      for (const label of labels) {
        const tags = /^[A-Z]+\[([^\]]+)\]/.exec(label)?.[1]?.split(',') ?? [];
        for (const tag of tags) expect(legend, `${id}: ${label}`).toContain(`[${tag}] is `);
      }
    }
  });
});
