// Chapter 0 states the course's one rule for what a learner may change, as
// the exercises apply it (@barrier-lab/exercises, schema/may-change.ts):
// barriers and TLB flushes always, an access's ordering only where the
// exercise prices it.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultCosts } from '@barrier-lab/engine/explain';
import { exercise, exercises } from '@barrier-lab/exercises';

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

  it('gives the prices of the cost table the checker uses, and says that an exercise may price otherwise', () => {
    const grading = chapterZero.slice(chapterZero.indexOf('## Grading')).replace(/\s+/g, ' ');
    const price = (name: string) => {
      const m = new RegExp(`\`${name}\\(\\)\`[^.]*?(\\d+)`).exec(grading);
      return m ? Number(m[1]) : undefined;
    };
    for (const kind of ['smp_mb', 'smp_mb__before_atomic', 'smp_mb__after_atomic', 'smp_wmb', 'smp_rmb', 'smp_store_release', 'smp_load_acquire'] as const) {
      expect(price(kind), kind).toBe(defaultCosts[kind]);
    }
    expect(/TLB flush[^|]*\| (\d+)/.exec(grading)?.[1]).toBe(String(defaultCosts.flush));
    expect(grading).toMatch(/An exercise may price things its own way/);
    // The patch's chapters do price smp_mb() and smp_wmb() alike, and a needed flush at nothing.
    expect(exercise('capstone-patch')!.costs).toMatchObject({ smp_mb: 8, smp_wmb: 8 });
    expect(exercises().some((e) => e.costs.flush === 0)).toBe(true);
  });

  it('links to the page that resets and exports progress, which exists', () => {
    const stuck = chapterZero.slice(chapterZero.indexOf('## If you get stuck'));
    expect(stuck).toMatch(/\[Your progress\]\(\/progress\/\)[^.]*resets, exports/);
    expect(existsSync(new URL('../pages/progress.astro', import.meta.url))).toBe(true);
  });
});
