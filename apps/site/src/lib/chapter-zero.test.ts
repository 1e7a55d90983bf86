// Chapter 0 states the course's one rule for what a learner may change, as
// the exercises apply it (@barrier-lab/exercises, schema/may-change.ts):
// barriers and TLB flushes always, an access's ordering only where the
// exercise prices it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exercise } from '@barrier-lab/exercises';

const chapterZero = readFileSync(new URL('../content/docs/course/how-to-use.mdx', import.meta.url), 'utf8');
const sentences = chapterZero.replace(/\s+/g, ' ').split(/(?<=[.!?])\s+/);

describe('chapter 0', () => {
  it('lets barriers and TLB flushes change', () => {
    expect(chapterZero).toMatch(/add, move or remove \*barriers\*/);
    expect(chapterZero).toContain('*TLB flushes*');
  });

  it('names release and acquire only as changes an exercise has to price', () => {
    const naming = sentences.filter((s) => /smp_load_acquire|smp_store_release/.test(s));
    expect(naming.length).toBeGreaterThan(0);
    for (const s of naming) expect(s).toMatch(/prices/);
  });

  it('matches an exercise that does not price them: mp-wmb-rmb lets barriers change, not orderings', () => {
    const mp = exercise('mp-wmb-rmb')!;
    expect(mp.mayChange.barriers).toContain('smp_wmb');
    expect(mp.mayChange.orderings).toEqual([]);
    expect(exercise('mp-release-acquire')!.mayChange.orderings.map((o) => o.ordered)).toEqual(['smp_load_acquire', 'smp_store_release']);
  });
});
