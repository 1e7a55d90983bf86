// page_try_share_anon_rmap() and gup_must_unshare() mean what the patched
// kernel's functions do: the values they give, and the barriers they carry.
import { describe, expect, it } from 'vitest';
import { runLitmus } from '../run/run-litmus.ts';
import { exportLitmus } from '../run/export-litmus.ts';

function run(source: string) {
  const { verdict, diagnostics } = runLitmus(source);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return verdict!;
}
const states = (source: string) => run(source).states.map((s) => s.entries.map((e) => `${e.target}=${e.value}`).join(' '));

const oneThread = (init: string, body: string, observe: string) =>
  `C t\n{\n${init}\n}\nP0(atomic_t *refcount, int *flags, int *pte)\n{\n\tint ret;\n\tint r0;\n${body}\n}\nlocations [${observe}]\n`;

describe('page_try_share_anon_rmap()', () => {
  it('clears PG_anon_exclusive and gives 0 when the page is not pinned', () => {
    expect(states(oneThread('\tflags=1;', '\tret = page_try_share_anon_rmap(refcount, flags);', '0:ret; flags;'))).toEqual(['0:ret=0 [flags]=0']);
  });

  it('gives -EBUSY and leaves the flag alone when the page is pinned', () => {
    expect(states(oneThread('\tflags=1;\n\trefcount=1024;', '\tret = page_try_share_anon_rmap(refcount, flags);\n\tr0 = (ret == -EBUSY);', '0:ret; 0:r0; flags;')))
      .toEqual(['0:r0=1 0:ret=-16 [flags]=1']);
  });

  it('may be written as a declaration', () => {
    const source = 'C t\n{\n\tflags=1;\n}\nP0(atomic_t *refcount, int *flags)\n{\n\tint ret = page_try_share_anon_rmap(refcount, flags);\n}\nlocations [0:ret; flags;]\n';
    expect(states(source)).toEqual(['0:ret=0 [flags]=0']);
  });

  it('expands to smp_mb(), the pin check, the clear and smp_mb__after_atomic(), as the patch has it', () => {
    const text = exportLitmus(oneThread('\tflags=1;', '\tret = page_try_share_anon_rmap(refcount, flags);', '0:ret;')).text!;
    expect(text).toMatch(/smp_mb\(\);\n\tret = \(atomic_read\(refcount\) >= 1024\) \* \(-16\);\n\tif \(ret == 0\) \{\n\t\tatomic_andnot\(1, flags\);\n\t\tsmp_mb__after_atomic\(\);\n\t\}/);
  });
});

describe('gup_must_unshare()', () => {
  it('asks a read-only pin to back off once PG_anon_exclusive is clear', () => {
    const body = '\tr0 = gup_must_unshare(flags);\n\tClearPageAnonExclusive(flags);\n\tret = gup_must_unshare(0, flags);';
    expect(states(oneThread('\tflags=1;', body, '0:r0; 0:ret;'))).toEqual(['0:r0=0 0:ret=1']);
  });

  it('starts with smp_rmb()', () => {
    expect(exportLitmus(oneThread('', '\tr0 = gup_must_unshare(flags);', '0:r0;')).text).toContain('smp_rmb();\n\tr0 = (READ_ONCE(*flags) & 1) == 0;');
  });
});

describe('the pairing between them (no PTE change: message passing)', () => {
  // The PTE is already cleared (A1); KSM restores it read-only (A4) after
  // page_try_share_anon_rmap(). GUP-fast, seeing the restored PTE, must see
  // the flag cleared.
  const pair = (gupCheck: string) => `C pair
{
	flags=1;
}
P0(atomic_t *refcount, int *flags, int *pte)
{
	int ret;
	ret = page_try_share_anon_rmap(refcount, flags);
	set_pte_at(pte, PTE_RDONLY);
}
P1(int *flags, int *pte)
{
	int now;
	int unshare;
	now = ptep_get_lockless(pte);
	${gupCheck}
}
exists (1:now=2 /\\ 1:unshare=0)
`;

  it('smp_mb__after_atomic() in page_try_share_anon_rmap() pairs with smp_rmb() in gup_must_unshare()', () => {
    expect(run(pair('unshare = gup_must_unshare(flags);')).observation).toBe('Never');
  });

  it('without the smp_rmb() the stale flag can be seen', () => {
    expect(run(pair('unshare = !PageAnonExclusive(flags);')).observation).toBe('Sometimes');
  });
});

describe('GUP-fast\'s first reference: try_get_folio()', () => {
  it('takes a reference unless the refcount is 0, and says whether it did', () => {
    expect(states(oneThread('\trefcount=2;', '\tr0 = try_get_folio(refcount);\n\tret = page_count(refcount);', '0:r0; 0:ret;'))).toEqual(['0:r0=1 0:ret=3']);
    expect(states(oneThread('\trefcount=0;', '\tr0 = try_get_folio(refcount);\n\tret = page_count(refcount);', '0:r0; 0:ret;'))).toEqual(['0:r0=0 0:ret=0']);
  });

  it('is atomic_add_unless(), fully ordered: unlike the pin bias\'s atomic_add(), it orders a later read', () => {
    // Store buffering: P0 clears the PTE, a full barrier, reads the refcount;
    // P1 takes a reference, then re-reads the PTE.
    const sb = (take: string) => `C first-ref
{
	pte=1;
	refcount=2;
}
P0(int *pte, atomic_t *refcount)
{
	int count;
	WRITE_ONCE(*pte, 0);
	smp_mb();
	count = page_count(refcount);
}
P1(int *pte, atomic_t *refcount)
{
	int now;
	${take}
	now = ptep_get_lockless(pte);
}
exists (0:count=2 /\\ 1:now=1)
`;
    expect(exportLitmus(sb('try_get_folio(refcount);')).text).toContain('ignored = atomic_add_unless(refcount, 1, 0);');
    expect(run(sb('try_get_folio(refcount);')).observation).toBe('Never');
    expect(run(sb('folio_ref_add(refcount, 1);')).observation).toBe('Sometimes');
  });
});
