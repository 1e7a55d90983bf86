// User accesses through a CPU's TLB, and what a TLB flush waits for: the
// TLB is an SRCU domain, a user access one of its readers, a flush a grace
// period of it (and, with IPIs, an RCU grace period too).
import { describe, expect, it } from 'vitest';
import { runLitmus } from '../run/run-litmus.ts';
import { exportLitmus } from '../run/export-litmus.ts';

function run(source: string, flush?: 'ipi' | 'broadcast') {
  const { verdict, diagnostics } = runLitmus(source, flush ? { flush } : {});
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return verdict!;
}
const states = (source: string) => run(source).states.map((s) => s.entries.map((e) => `${e.target}=${e.value}`).join(' '));

describe('user accesses on one CPU', () => {
  const access = (pte: number, body: string) =>
    `C user\n{\n\tptep=${pte};\n\tpage=5;\n}\nP0(int *ptep, int *page)\n{\n\tint r0;\n\tint r1;\n${body}\n}\nlocations [0:r0; 0:r1; page;]\n`;

  it('a writable translation lets a store through', () => {
    expect(states(access(1, '\tr0 = user_write(ptep, page, 7);\n\tr1 = user_read(ptep, page);'))).toEqual(['0:r0=0 0:r1=7 [page]=7']);
  });

  it('a read-only translation faults a store (-EFAULT) but not a load', () => {
    expect(states(access(2, '\tr0 = user_write(ptep, page, 7);\n\tr1 = user_read(ptep, page);'))).toEqual(['0:r0=-14 0:r1=5 [page]=5']);
  });

  it('no translation faults both', () => {
    expect(states(access(0, '\tuser_write(ptep, page, 7);\n\tr1 = user_read(ptep, page);\n\tr0 = (r1 == -EFAULT);'))).toEqual(['0:r0=1 0:r1=-14 [page]=5']);
  });
});

describe('the TLB as an SRCU domain', () => {
  // KSM's write_protect_page(): the PTE goes from writable to read-only, then
  // the page's contents are read. A store through the old translation must
  // not land after that read.
  const wrprotect = (between: string) => `C wrprotect
{
	ptep=1;
}
P0(int *ptep, int *page)
{
	int entry;
	int contents;
	entry = ptep_get_and_clear(ptep);
	${between}
	set_pte_at(ptep, pte_wrprotect(entry));
	contents = READ_ONCE(*page);
}
P1(int *ptep, int *page)
{
	user_write(ptep, page, 1);
}
exists (0:contents=0 /\\ page=1)
`;

  it('a flush waits for stores through the old translation, IPI or broadcast', () => {
    expect(run(wrprotect('flush_tlb_page();'), 'ipi').observation).toBe('Never');
    expect(run(wrprotect('flush_tlb_page();'), 'broadcast').observation).toBe('Never');
  });

  it('without a flush the store can land late, and smp_mb() does not replace the flush', () => {
    expect(run(wrprotect('')).observation).toBe('Sometimes');
    expect(run(wrprotect('smp_mb();')).observation).toBe('Sometimes');
  });

  it('gives every thread the hidden domain and declares the hidden registers', () => {
    const text = exportLitmus(wrprotect('flush_tlb_page();')).text!;
    expect(text).toContain('P0(int *ptep, int *page, struct srcu_struct *tlb)');
    expect(text).toContain('P1(int *ptep, int *page, struct srcu_struct *tlb)');
    expect(text).toMatch(/P1\([^)]*\)\n\{\n\tint tlb_idx;\n\tint tlb_pte;\n\ttlb_idx = srcu_read_lock\(tlb\);\n\ttlb_pte = READ_ONCE\(\*ptep\);\n\tif \(tlb_pte == 1\) \{\n\t\tWRITE_ONCE\(\*page, 1\);\n\t\}\n\tsrcu_read_unlock\(tlb, tlb_idx\);/);
  });

  it('an IPI flush is then both grace periods, a broadcast flush a full barrier and the TLB\'s grace period', () => {
    expect(exportLitmus(wrprotect('flush_tlb_page();'), { flush: 'ipi' }).text).toContain('synchronize_rcu();\n\tsynchronize_srcu(tlb);');
    const broadcast = exportLitmus(wrprotect('flush_tlb_page();'), { flush: 'broadcast' }).text!;
    expect(broadcast).toContain('smp_mb();\n\tsynchronize_srcu(tlb);');
    expect(broadcast).not.toContain('synchronize_rcu');
  });

  it('leaves flushes as they were when the program makes no user access', () => {
    const source = wrprotect('flush_tlb_page();').replace('user_write(ptep, page, 1);', 'WRITE_ONCE(*page, 1);');
    const text = exportLitmus(source).text!;
    expect(text).not.toContain('srcu');
    expect(text).toContain('synchronize_rcu();');
  });

  it('picks hidden names the program does not use', () => {
    const source = wrprotect('flush_tlb_page();')
      .replace('P1(int *ptep, int *page)\n{', 'P1(int *ptep, int *page, int *tlb)\n{\n\tint tlb_idx = 3;')
      .replace('exists (', 'locations [1:tlb_idx; tlb;]\nexists (');
    const text = exportLitmus(source).text!;
    expect(text).toContain('P1(int *ptep, int *page, int *tlb, struct srcu_struct *tlb1)');
    expect(text).toContain('tlb_idx1 = srcu_read_lock(tlb1);');
    expect(run(text).observation).toBe('Never');
    expect(states(source).every((s) => s.includes('1:tlb_idx=3'))).toBe(true);
  });
});

describe('a broadcast flush and IRQ-disabled sections, in a program with user accesses', () => {
  // The flusher writes x, flushes, writes y; a GUP-fast-like reader with IRQs
  // off reads y then x; a third CPU makes a user access, so the program has a TLB.
  const source = `C irq
{
	ptep=1;
}
P0(int *x, int *y)
{
	WRITE_ONCE(*x, 1);
	flush_tlb_page();
	WRITE_ONCE(*y, 1);
}
P1(int *x, int *y)
{
	int r0;
	int r1;
	local_irq_disable();
	r0 = READ_ONCE(*y);
	r1 = READ_ONCE(*x);
	local_irq_enable();
}
P2(int *ptep, int *page)
{
	user_write(ptep, page, 1);
}
exists (1:r0=1 /\\ 1:r1=0)
`;

  it('still waits for nobody with IRQs off under broadcast, and for everybody under IPIs', () => {
    expect(run(source, 'broadcast').observation).toBe('Sometimes');
    expect(run(source, 'ipi').observation).toBe('Never');
  });
});
