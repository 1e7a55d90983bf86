// PTEs, PMDs, the page-table lock and freeing page tables mean what their
// kernel counterparts do.
import { describe, expect, it } from 'vitest';
import { runLitmus } from '../run/run-litmus.ts';
import { exportLitmus } from '../run/export-litmus.ts';

function run(source: string, flush?: 'ipi' | 'broadcast', model?: 'sc' | 'tso' | 'lkmm') {
  const { verdict, diagnostics } = runLitmus(source, { ...(flush ? { flush } : {}), ...(model ? { model } : {}) });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return verdict!;
}
const states = (source: string) => run(source).states.map((s) => s.entries.map((e) => `${e.target}=${e.value}`).join(' '));

const oneThread = (body: string, observe: string) =>
  `C t\n{\n\tpmdp=1;\n}\nP0(int *pmdp, int *ptep)\n{\n\tint r0;\n\tint r1;\n\tint r2;\n\tint r3;\n${body}\n}\nlocations [${observe}]\n`;

describe('entries', () => {
  it('pte_present(): PTE_WRITE and PTE_RDONLY are present, PTE_NONE and a PTE_SWAP entry are not', () => {
    const body = '\tr0 = pte_present(PTE_WRITE);\n\tr1 = pte_present(PTE_RDONLY);\n\tr2 = pte_present(PTE_NONE);\n\tr3 = pte_present(PTE_SWAP);';
    expect(states(oneThread(body, '0:r0; 0:r1; 0:r2; 0:r3;'))).toEqual(['0:r0=1 0:r1=1 0:r2=0 0:r3=0']);
  });

  it('pmd_present(): a huge PMD (even invalidated) and a page table are present; none and a swap entry are not', () => {
    const body = '\tr0 = pmd_present(PTE_WRITE) + pmd_present(PMD_TABLE);\n\tr1 = pmd_present(PMD_INVALID);\n\tr2 = pmd_present(PMD_NONE);\n\tr3 = pmd_present(PTE_SWAP);';
    expect(states(oneThread(body, '0:r0; 0:r1; 0:r2; 0:r3;'))).toEqual(['0:r0=2 0:r1=1 0:r2=0 0:r3=0']);
  });

  it('pmdp_invalidate() returns the old PMD and leaves it invalid: neither writable nor the same', () => {
    const body = '\tr0 = pmdp_invalidate(pmdp);\n\tr1 = pmdp_get_lockless(pmdp);\n\tr2 = pmd_write(r1);\n\tr3 = pmd_same(r0, r1);';
    expect(states(oneThread(body, '0:r0; 0:r1; 0:r2; 0:r3;'))).toEqual(['0:r0=1 0:r1=5 0:r2=0 0:r3=0']);
  });

  it('pmd_populate(), set_pmd_at() and pmd_clear() write the PMD', () => {
    expect(states(oneThread('\tpmd_populate(pmdp);\n\tr0 = pmdp_get_lockless(pmdp);\n\tset_pmd_at(NULL, 0, pmdp, PTE_RDONLY);\n\tr1 = pmdp_get_lockless(pmdp);\n\tpmd_clear(pmdp);', '0:r0; 0:r1; pmdp;')))
      .toEqual(['0:r0=4 0:r1=2 [pmdp]=0']);
  });

  it('pmdp_invalidate() is a clear and a flush: a grace period under IPIs, a full barrier under broadcast', () => {
    const source = oneThread('\tpmdp_invalidate(pmdp);', 'pmdp;');
    expect(exportLitmus(source).text).toMatch(/ignored = READ_ONCE\(\*pmdp\);\n\tWRITE_ONCE\(\*pmdp, 5\);\n\tsynchronize_rcu\(\);/);
    const broadcast = exportLitmus(source, { flush: 'broadcast' }).text!;
    expect(broadcast).toMatch(/WRITE_ONCE\(\*pmdp, 5\);\n\tsmp_mb\(\);/);
    expect(broadcast).not.toContain('synchronize_rcu');
  });

  it('as x86 implements them, ptep_get_and_clear() and pmdp_invalidate() are one xchg()', () => {
    expect(exportLitmus(oneThread('\tr0 = ptep_get_and_clear(NULL, 0, ptep);', 'ptep;'), { arch: 'x86' }).text)
      .toMatch(/\tr0 = xchg\(ptep, 0\);\n/);
    expect(exportLitmus(oneThread('\tpmdp_invalidate(pmdp);', 'pmdp;'), { arch: 'x86', flush: 'broadcast' }).text)
      .toMatch(/\tignored = xchg\(pmdp, 5\);\n\tsmp_mb\(\);/);
  });

  it('expands ptep_get_and_clear() as the generic version: read the PTE, then clear it (no RMW)', () => {
    const text = exportLitmus(oneThread('\tr0 = ptep_get_and_clear(NULL, 0, ptep);', 'ptep;')).text!;
    expect(text).toMatch(/\tr0 = READ_ONCE\(\*ptep\);\n\tWRITE_ONCE\(\*ptep, 0\);\n/);
    expect(text).not.toContain('xchg');
  });

  it('keeps the read of a bare ptep_get_and_clear() in a hidden register, then clears', () => {
    expect(exportLitmus(oneThread('\tptep_get_and_clear(NULL, 0, ptep);', 'ptep;')).text)
      .toMatch(/\tint ignored;\n[\s\S]*\tignored = READ_ONCE\(\*ptep\);\n\tWRITE_ONCE\(\*ptep, 0\);/);
  });

  it('refuses ptep_get_and_clear() inside an expression: it is two statements', () => {
    const { diagnostics } = runLitmus(oneThread('\tr0 = pte_write(ptep_get_and_clear(ptep));', 'ptep;'));
    expect(diagnostics[0]).toMatchObject({ code: 'lower/statement-builtin', message: expect.stringContaining('pteval = ptep_get_and_clear(pte);') });
  });
});

describe('ordering a cleared PTE', () => {
  // Store buffering: P0 clears the PTE, then reads y; P1 writes y, then reads
  // the PTE. smp_mb__after_atomic() is for atomic_t ops and bitops, and the
  // generic ptep_get_and_clear() is no atomic: it orders nothing here.
  // smp_mb() (what the patch uses after clearing the PTE) does.
  const sb = (barrier: string, clear = 'ptep_get_and_clear(ptep);') => `C SB+clear
{
	ptep=1;
}
P0(int *ptep, int *y)
{
	int r0;
	${clear}
	${barrier}
	r0 = READ_ONCE(*y);
}
P1(int *ptep, int *y)
{
	int r1;
	WRITE_ONCE(*y, 1);
	smp_mb();
	r1 = READ_ONCE(*ptep);
}
exists (0:r0=0 /\\ 1:r1=1)
`;

  it('smp_mb__after_atomic() after ptep_get_and_clear() does not order the clear before a later read', () => {
    expect(run(sb('smp_mb__after_atomic();')).observation).toBe('Sometimes');
    expect(run(sb('smp_mb__after_atomic();', 'int old = ptep_get_and_clear(NULL, 0, ptep);')).observation).toBe('Sometimes');
  });

  it('smp_mb() does', () => {
    expect(run(sb('smp_mb();')).observation).toBe('Never');
    expect(run(sb('smp_mb();', 'int old = ptep_get_and_clear(NULL, 0, ptep);')).observation).toBe('Never');
  });

  it('pmdp_invalidate() is ordered by its own flush, IPI or broadcast: the flushing CPU gets a full barrier', () => {
    expect(run(sb('', 'pmdp_invalidate(ptep);'), 'broadcast').observation).toBe('Never');
    expect(run(sb('', 'pmdp_invalidate(ptep);'), 'ipi').observation).toBe('Never');
    expect(run(sb('', 'ptep_get_and_clear(ptep);\n\tflush_tlb_page();'), 'broadcast').observation).toBe('Never');
  });

  it('under tso the clear is x86\'s xchg(), a full barrier: no barrier needed; the generic read and write would need one', () => {
    const bare = sb('');
    expect(run(bare, undefined, 'lkmm').observation).toBe('Sometimes');
    expect(run(bare, undefined, 'tso').observation).toBe('Never');
    // The same program with the generic expansion, run under tso: the clear
    // is a plain store and x86's store buffer lets the read of y pass it.
    const generic = exportLitmus(bare, { arch: 'generic' }).text!;
    expect(run(generic, undefined, 'tso').observation).toBe('Sometimes');
    expect(run(exportLitmus(bare, { arch: 'x86' }).text!, undefined, 'tso').observation).toBe('Never');
  });
});

describe('the page-table lock', () => {
  const locked = `C ptl
{}
P0(int *ptep, spinlock_t *ptl)
{
	int r0;
	pte_offset_map_lock(ptl);
	r0 = ptep_get(ptep);
	set_pte_at(ptep, r0 + 1);
	pte_unmap_unlock(ptep, ptl);
}
P1(int *ptep, spinlock_t *ptl)
{
	int r0;
	pte_offset_map_lock(NULL, NULL, 0, ptl);
	r0 = ptep_get(ptep);
	set_pte_at(ptep, r0 + 1);
	pte_unmap_unlock(ptep, ptl);
}
exists (ptep=1)
`;

  it('pte_offset_map_lock() and pte_unmap_unlock() are spin_lock() and spin_unlock() on the PTL', () => {
    const text = exportLitmus(locked).text!;
    expect(text).toContain('spin_lock(ptl);');
    expect(text).toContain('spin_unlock(ptl);');
  });

  it('excludes: two read-modify-write updates under the lock never lose one', () => {
    expect(run(locked).observation).toBe('Never');
  });
});

describe('freeing a page table', () => {
  // GUP-fast walks PMD then PTE with IRQs off; the freeing side unhooks the
  // table, then frees it and its memory is reused (PT_FREED).
  const walk = (free: string) => `C free
{
	pmdp=4;
	ptep=1;
}
P0(int *pmdp, int *ptep)
{
	pmd_clear(pmdp);
	${free}
}
P1(int *pmdp, int *ptep)
{
	int pmd;
	int pte = 0;
	local_irq_disable();
	pmd = pmdp_get_lockless(pmdp);
	if (pmd_present(pmd))
		pte = ptep_get_lockless(ptep);
	local_irq_enable();
}
exists (1:pmd=4 /\\ 1:pte=107)
`;

  it('tlb_remove_table() frees after a grace period: a walker that saw the table never reads freed memory', () => {
    expect(run(walk('tlb_remove_table(NULL, ptep);'), 'broadcast').observation).toBe('Never');
    expect(exportLitmus(walk('tlb_remove_table(ptep);'), { flush: 'broadcast' }).text).toMatch(/synchronize_rcu\(\);\n\tWRITE_ONCE\(\*ptep, 107\);/);
  });

  it('pte_free() frees at once: the walker can read the reused memory unless an IPI flush came first', () => {
    expect(run(walk('pte_free(ptep);'), 'broadcast').observation).toBe('Sometimes');
    expect(run(walk('flush_tlb_range();\n\tpte_free(NULL, ptep);'), 'broadcast').observation).toBe('Sometimes');
    expect(run(walk('flush_tlb_range();\n\tpte_free(NULL, ptep);'), 'ipi').observation).toBe('Never');
  });
});
