// The seed patch's scenarios (corpus/lkmm/kernel): each one's verdict, and
// what an explanation tells a learner about it: for a bad outcome that
// happens, the step of the counterexample that shows it; for one that cannot,
// the LKMM axiom that forbids it. The golden corpus test checks the full
// outputs against herd7's; this table says what each scenario is for.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runLitmus } from './run/run-litmus.ts';
import { explain } from './explain/explain.ts';

const folder = fileURLToPath(new URL('../corpus/lkmm/kernel/', import.meta.url));

/** Never: the axiom that forbids the bad outcome. Sometimes: a line of the counterexample's timeline. */
const scenarios: Readonly<Record<string, { readonly never: string } | { readonly sometimes: RegExp }>> = {
  // KSM's write_protect_page() against GUP-fast (mm/ksm.c)
  'KSM+GUP-fast+pte-change+ipi': { never: 'rcu' },
  'KSM+GUP-fast+pte-change+broadcast': { sometimes: /page_maybe_dma_pinned\(refcount\) read 0/ },
  'KSM+GUP-fast+pte-change+broadcast+fixed': { never: 'propagation' },
  'KSM+GUP-fast+no-pte-change+ipi': { sometimes: /PageAnonExclusive\(flags\) read 1/ },
  'KSM+GUP-fast+no-pte-change+ipi+fixed': { never: 'propagation' },
  'KSM+GUP-fast+no-pte-change+broadcast': { sometimes: /page_maybe_dma_pinned\(refcount\) read 0/ },
  'KSM+GUP-fast+no-pte-change+broadcast+fixed': { never: 'propagation' },
  // ... with GUP-fast's fully ordered first reference and KSM's page_count check
  'KSM+GUP-fast+pte-change+first-ref+broadcast': { never: 'propagation' },
  'KSM+GUP-fast+no-pte-change+first-ref+broadcast': { sometimes: /PageAnonExclusive\(flags\) read 1/ },
  // ... restoring a writable PTE: even sequential consistency allows it
  'KSM+GUP-fast+writable-restore': { sometimes: /now = ptep_get_lockless\(pte\) read PTE_WRITE/ },
  // try_to_unmap_one() (mm/rmap.c)
  'Unmap+GUP-fast+clear-flush+broadcast': { sometimes: /page_maybe_dma_pinned\(refcount\) read 0/ },
  'Unmap+GUP-fast+clear-flush+first-ref+broadcast': { sometimes: /page_maybe_dma_pinned\(refcount\) read [12]/ },
  'Unmap+GUP-fast+deferred-flush': { sometimes: /page_maybe_dma_pinned\(refcount\) read 0/ },
  'Unmap+GUP-fast+deferred-flush+fixed': { never: 'propagation' },
  // try_to_migrate_one() (mm/rmap.c)
  'Migrate+GUP-fast+clear-flush+ipi': { never: 'rcu' },
  'Migrate+GUP-fast+clear-flush+broadcast': { sometimes: /page_maybe_dma_pinned\(refcount\) read 0/ },
  'Migrate+GUP-fast+clear-flush+broadcast+fixed': { never: 'propagation' },
  // migrate_vma_collect_pmd() (mm/migrate_device.c)
  'MigrateVMA+GUP-fast+clear-flush+ipi': { never: 'rcu' },
  'MigrateVMA+GUP-fast+clear-flush+broadcast': { sometimes: /page_maybe_dma_pinned\(refcount\) read 0/ },
  'MigrateVMA+GUP-fast+deferred-flush': { sometimes: /page_maybe_dma_pinned\(refcount\) read 0/ },
  'MigrateVMA+GUP-fast+deferred-flush+fixed': { never: 'propagation' },
  // __split_huge_pmd_locked() (mm/huge_memory.c)
  'Split+GUP-fast+pmd-invalidate+ipi': { never: 'rcu' },
  'Split+GUP-fast+pmd-invalidate+broadcast': { sometimes: /page_maybe_dma_pinned\(refcount\) read 0/ },
  'Split+GUP-fast+pmd-invalidate+broadcast+fixed': { never: 'propagation' },
  // set_pmd_migration_entry() (mm/huge_memory.c)
  'MigrateTHP+GUP-fast+pmd-invalidate+broadcast': { sometimes: /page_maybe_dma_pinned\(refcount\) read 0/ },
  'MigrateTHP+GUP-fast+pmd-invalidate+broadcast+fixed': { never: 'propagation' },
  // the TLB: a user store through a stale translation (mm/ksm.c write_protect_page())
  'KSM+user-write+flush+ipi': { never: 'rcu' },
  'KSM+user-write+flush+broadcast': { never: 'rcu' },
  'KSM+user-write+no-flush': { sometimes: /contents = READ_ONCE\(\*page\) read 0[\s\S]*user_write\(ptep, page, 1\) stored page=1/ },
  // page tables freed at once or after a grace period (mm/mmu_gather.c)
  'FreePT+GUP-fast+rcu-free+broadcast': { never: 'rcu' },
  'FreePT+GUP-fast+immediate-free+broadcast': { sometimes: /pte = ptep_get_lockless\(ptep\) read PT_FREED, written by CPU 0/ },
  'FreePT+GUP-fast+immediate-free+ipi': { never: 'rcu' },
};

describe('the seed scenarios', () => {
  it('lists every scenario of the corpus folder', () => {
    const files = readdirSync(folder).filter((f) => f.endsWith('.litmus')).map((f) => f.replace(/\.litmus$/, ''));
    expect(files.sort()).toEqual(Object.keys(scenarios).sort());
  });

  it.each(Object.entries(scenarios))('%s', (name, expected) => {
    const source = readFileSync(`${folder}${name}.litmus`, 'utf8');
    const verdict = runLitmus(source).verdict!;
    const e = explain(source, verdict, { repair: false });
    if ('never' in expected) {
      expect(verdict.observation).toBe('Never');
      expect(e.whyForbidden).toMatchObject({ status: 'forbidden', axiom: expected.never });
    } else {
      expect(verdict.observation).toBe('Sometimes');
      expect(e.timelineText).toMatch(expected.sometimes);
    }
  }, 60_000);
});

/** What a learner reads about a scenario: the counterexample's timeline and the repair, or why it cannot happen. */
function explanationText(name: string): string {
  const source = readFileSync(`${folder}${name}.litmus`, 'utf8');
  const verdict = runLitmus(source).verdict!;
  const e = explain(source, verdict);
  const lines = [`${name}: ${verdict.observation} under lkmm`, ''];
  if (e.timelineText) lines.push(e.timelineText.trimEnd(), '');
  if (e.repair) {
    lines.push(`Repair: ${e.repair.status} (cost ${e.repair.cost}): ${e.repair.message}`);
    lines.push(...e.repair.edits.map((x) => `  ${x.description}`), ...e.repair.pairings.map((p) => `  ${p.message}`));
  }
  if (e.whyForbidden) lines.push(`Why forbidden (${e.whyForbidden.axiom ?? e.whyForbidden.status}): ${e.whyForbidden.message}`);
  return `${lines.join('\n')}\n`;
}

describe('explanation snapshots of the seed scenarios', () => {
  // corpus/lkmm/kernel/explanations/*.txt: review a change there as you would a change of prose.
  it.each(Object.keys(scenarios))('%s', async (name) => {
    await expect(explanationText(name)).toMatchFileSnapshot(`../corpus/lkmm/kernel/explanations/${name}.txt`);
  }, 60_000);
});
