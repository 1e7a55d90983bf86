// Misused kernel builtins are reported once, where they were written, with
// the way to write them.
import { describe, expect, it } from 'vitest';
import { runLitmus } from '../run-litmus.ts';

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
    expect(d).toMatchObject({ code: 'lower/unknown-primitive', hint: "did you mean 'page_try_share_anon_rmap'?" });
  });
});
