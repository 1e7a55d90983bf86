// Misused kernel builtins are reported once, where they were written, with
// the way to write them.
import { describe, expect, it } from 'vitest';
import { exportLitmus } from '../run/export-litmus.ts';
import { runLitmus } from '../run/run-litmus.ts';

/** The diagnostics of a one-thread program whose body is `body` (line 9 on). */
function diagnose(body: string) {
  const source = `C misuse\n{\n\tflags=1;\n}\nP0(atomic_t *refcount, int *flags, int *pte)\n{\n\tint ret;\n\tint r0;\n${body}\n}\nexists (0:ret=0)\n`;
  return runLitmus(source).diagnostics.filter((d) => d.severity === 'error');
}

describe('statement builtins misused', () => {
  it('inside a larger expression', () => {
    const diagnostics = diagnose('\tif (page_try_share_anon_rmap(refcount, flags))\n\t\tr0 = 1;');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'lower/statement-builtin', span: { line: 9, column: 6 } });
    expect(diagnostics[0]!.message).toBe("'page_try_share_anon_rmap()' must be a statement of its own: `ret = page_try_share_anon_rmap(refcount, flags);`");
  });

  it('in a compound assignment or as an argument', () => {
    expect(diagnose('\tret += gup_must_unshare(flags);')).toMatchObject([{ code: 'lower/statement-builtin', span: { line: 9 } }]);
    expect(diagnose('\tWRITE_ONCE(*pte, ptep_clear_flush(pte));')).toMatchObject([{ code: 'lower/statement-builtin', span: { line: 9 } }]);
  });

  it('without the result the code must look at', () => {
    const [d, ...rest] = diagnose('\tpage_try_share_anon_rmap(refcount, flags);');
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'lower/statement-builtin', span: { line: 9 } });
    expect(d!.message).toContain('assign it: `ret = page_try_share_anon_rmap(refcount, flags);`');
  });

  it('with a result it does not have', () => {
    expect(diagnose('\tr0 = flush_tlb_page();')).toMatchObject([{ code: 'lower/no-value', span: { line: 9 } }]);
    expect(diagnose('\tint x = tlb_remove_table(pte);')).toMatchObject([{ code: 'lower/no-value', span: { line: 9 } }]);
  });

  it('assigned to memory rather than a register', () => {
    const [d] = diagnose('\t*pte = gup_must_unshare(flags);');
    expect(d).toMatchObject({ code: 'lower/statement-builtin', span: { line: 9, column: 2 } });
    expect(d!.message).toContain('to a register');
  });

  it('with the wrong number of arguments', () => {
    const [d, ...rest] = diagnose('\tret = page_try_share_anon_rmap(refcount);');
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'lower/arity', span: { line: 9 } });
    expect(d!.message).toBe("'page_try_share_anon_rmap' takes 2 argument(s), not 1");
    expect(diagnose('\tuser_write(pte, flags);')).toMatchObject([{ code: 'lower/arity' }]);
  });
});

describe('statement builtins used well', () => {
  it('as a statement, an assignment or a declaration, also inside branches', () => {
    expect(diagnose('\tret = page_try_share_anon_rmap(refcount, flags);\n\tif (ret == 0) {\n\t\tint u = gup_must_unshare(flags), v = 2;\n\t\tptep_clear_flush(pte);\n\t} else\n\t\tr0 = ptep_clear_flush(NULL, 0, pte);')).toEqual([]);
  });

  it('a misspelt one is suggested', () => {
    const [d] = diagnose('\tret = page_try_share_anon_rmp(refcount, flags);');
    expect(d).toMatchObject({ code: 'lower/unknown-primitive', hint: 'did you mean `page_try_share_anon_rmap()`?' });
  });
});

describe('kernel constants in the init block and the conditions', () => {
  const run = (source: string) => {
    const { verdict, diagnostics } = runLitmus(source);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return verdict!;
  };
  const states = (source: string) => run(source).states.map((s) => s.entries.map((e) => `${e.target}=${e.value}`).join(' '));
  const reader = (init: string, condition: string) =>
    `C consts\n{\n${init}\n}\nP0(int *pte)\n{\n\tint r0;\n\tr0 = READ_ONCE(*pte);\n}\n${condition}\n`;

  it('are values, not locations: pte=PTE_WRITE means pte=1', () => {
    const source = reader('\tpte=PTE_WRITE;\n\t0:r0=PTE_SWAP;', 'locations [pte;]\nexists (0:r0=1)');
    expect(states(source)).toEqual(['0:r0=1 [pte]=1']);
    expect(run(source).observation).toBe('Always');
    expect(exportLitmus(source).text).toMatch(/\{\n\tpte = 1;\n\t0:r0 = 3;\n\}/);
  });

  // herd7 gave the same output on these exports as we give on the originals.
  it('are values in the final condition and the filter, and the export prints the number', () => {
    const source = reader('\tpte=PTE_RDONLY;', 'filter (0:r0=PTE_RDONLY)\nexists (0:r0=PTE_RDONLY /\\ ~pte=PTE_WRITE)');
    const verdict = run(source);
    expect(verdict.observation).toBe('Always');
    expect(verdict.condition).toBe('exists (0:r0=2 /\\ not ([pte]=1))');
    const text = exportLitmus(source).text!;
    expect(text).toContain('filter (0:r0=2)');
    expect(text).toContain('exists (0:r0=2 /\\ (~pte=1))');
    expect(text).not.toMatch(/PTE_/);
  });

  it('make the program a kernel one for the export header', () => {
    expect(exportLitmus(reader('\tpte=PTE_WRITE;', 'exists (0:r0=1)')).text).toContain('Exported by Barrier Lab');
  });

  it('a location declared with a constant\'s name stays a location (herd7 reads the name as its address)', () => {
    const source = `C shadow\n{\n\tPTE_WRITE=7;\n\tq=PTE_WRITE;\n}\nP0(int **q)\n{\n\tint *r0;\n\tint r1;\n\tr0 = READ_ONCE(*q);\n\tr1 = READ_ONCE(*r0);\n}\nexists (0:r0=PTE_WRITE /\\ 0:r1=7)\n`;
    expect(run(source).observation).toBe('Always');
    expect(exportLitmus(source).text).toContain('q = PTE_WRITE;');
  });

  it('a name that is neither a location nor a constant stays an address, as in herd7', () => {
    const source = `C address\n{\n\tp=x;\n}\nP0(int **p)\n{\n\tint *r0;\n\tr0 = READ_ONCE(*p);\n}\nexists (0:r0=x)\n`;
    expect(states(source)).toEqual(['0:r0=x']);
    expect(run(source).observation).toBe('Always');
    expect(exportLitmus(source).text).toContain('exists (0:r0=x)');
  });
});
