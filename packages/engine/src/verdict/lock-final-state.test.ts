// What a test reads of a spinlock or an srcu_struct at the end, as herd7 has
// it: lock events are not stores (so a lock keeps its initial value), lock.cat's
// co places an unmatched lock after the other locks only, a lock read whose
// lock follows an ordinary write reads from nothing, and lock-final looks at
// every observed location (the filter's too, SRCU structs too).
import { describe, expect, it } from 'vitest';
import { runLitmus } from '../run/run-litmus.ts';

function test(threads: readonly string[], tail: string, params = 'int *x, spinlock_t *s'): string {
  const body = threads.map((code, i) => `P${i}(${params})\n{\n${code}\n}\n`).join('\n');
  return `C T\n\n{\n}\n\n${body}\n${tail}\n`;
}

function verdictOf(source: string) {
  const { verdict, diagnostics } = runLitmus(source);
  if (!verdict) throw new Error(diagnostics.map((d) => d.message).join('; '));
  return verdict;
}

describe('final values and flags on lock locations', () => {
  it('reads a lock taken and never released as its initial value', () => {
    const v = verdictOf(test(['\tspin_lock(s);'], 'exists (s=1)'));
    expect(v.observed).toEqual({ positive: 0, negative: 1 });
    expect(v.flags).toContain('lock-final');
  });

  it('reads a released lock as its initial value too, after a lock left taken on another thread', () => {
    const v = verdictOf(test(['\tspin_lock(s);\n\tspin_unlock(s);', '\tspin_lock(s);'], 'exists (s=0)'));
    expect(v.observed).toEqual({ positive: 1, negative: 0 });
  });

  it('lets an ordinary write to the lock follow the unmatched lock in co and give the final value', () => {
    const v = verdictOf(test(['\tspin_lock(s);\n\tWRITE_ONCE(*s, 2);', '\tspin_lock(s);\n\tspin_unlock(s);'], 'exists (s=2)'));
    expect(v.observed).toEqual({ positive: 1, negative: 0 });
    expect(v.flags).toEqual(expect.arrayContaining(['lock-final', 'mixed-lock-accesses']));
  });

  it('keeps an execution whose lock read has only an ordinary write just before its lock in co', () => {
    // co: IW, W s=2, LKW, UL (the lock read reads from nothing) or IW, LKW, UL, W s=2.
    const v = verdictOf(test(['\tspin_lock(s);\n\tspin_unlock(s);', '\tWRITE_ONCE(*s, 2);\n\tWRITE_ONCE(*x, 1);'], 'exists (x=1)'));
    expect(v.observed).toEqual({ positive: 2, negative: 0 });
  });

  it('flags lock-final for a lock the filter alone names', () => {
    const v = verdictOf(test(['\tint r0;\n\n\tspin_lock(s);\n\tr0 = READ_ONCE(*x);\n\tspin_unlock(s);', '\tWRITE_ONCE(*x, 1);'], 'filter (s=0)\nexists (0:r0=1)'));
    expect(v.flags).toContain('lock-final');
  });

  it('flags lock-final for an srcu_struct in the condition, in a test without spinlocks', () => {
    const v = verdictOf(test(['\tsynchronize_srcu(ss);\n\tWRITE_ONCE(*x, 1);'], 'exists (ss=0 /\\ x=1)', 'int *x, struct srcu_struct *ss'));
    expect(v.flags).toEqual(['lock-final']);
    expect(v.observed).toEqual({ positive: 1, negative: 0 });
  });
});
