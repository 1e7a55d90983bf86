import { describe, expect, it } from 'vitest';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { runLitmus } from '../run/run-litmus.ts';
import { explain } from './explain.ts';
import { nameStateEntries, nameValue, valueNames } from './value-names.ts';
import { kernelBuiltins, kernelConstants } from '../program/kernel-objects.ts';

const namesOf = (source: string) => valueNames(parseLitmus(source).ast!);

const program = (init: string, body: string, condition = 'exists (0:r0=0)') => `C names

{
${init}
}

P0(atomic_t *refcount, int *pte, int *x)
{
\tint r0;
\tint r1;

${body}
}

${condition}
`;

describe('valueNames', () => {
  it('names a location counted by a builtin in a kernel constant: try_grab_folio() adds GUP_PIN_COUNTING_BIAS', () => {
    const names = namesOf(program('', '\ttry_grab_folio(refcount);\n\tr0 = 1;'));
    expect(names).toEqual({ refcount: [{ constant: 'GUP_PIN_COUNTING_BIAS', value: 1024, counts: true }] });
    expect(nameValue(names, 'refcount', '1024')).toBe('GUP_PIN_COUNTING_BIAS');
    expect(nameValue(names, '[refcount]', '2048')).toBe('2*GUP_PIN_COUNTING_BIAS');
    expect(nameValue(names, 'refcount', '1025')).toBe('GUP_PIN_COUNTING_BIAS+1');
    // Below the constant, and for any other location, the number stays.
    expect(nameValue(names, 'refcount', '0')).toBeUndefined();
    expect(nameValue(names, 'refcount', '3')).toBeUndefined();
    expect(nameValue(names, 'x', '1024')).toBeUndefined();
  });

  it('names a location after the constants written next to it, in the init block, the code and the condition', () => {
    const names = namesOf(program('\tpte=PTE_WRITE;', '\tWRITE_ONCE(*pte, PTE_RDONLY);\n\tatomic_add(GUP_PIN_COUNTING_BIAS, refcount);\n\tr0 = 1;', 'exists (pte=PTE_NONE)'));
    expect(nameValue(names, 'pte', '1')).toBe('PTE_WRITE');
    expect(nameValue(names, 'pte', '2')).toBe('PTE_RDONLY');
    expect(nameValue(names, 'pte', '0')).toBe('PTE_NONE');
    // PTE values are not counted: 6 is not 2*PTE_RDONLY+... (and 3 is PTE_SWAP, below).
    expect(nameValue(names, 'pte', '6')).toBeUndefined();
    expect(nameValue(names, 'refcount', '2048')).toBe('2*GUP_PIN_COUNTING_BIAS');
  });

  it('names every value of a family once one of it is used: a PTE holds PTE values, a PMD PMD values', () => {
    // Only PTE_NONE is written (by the builtin); the init block says 1 and pte_wrprotect() makes 2.
    const names = namesOf(`C families

{
\tpte=1;
\tpmd=1;
}

P0(int *pte, int *pmd, int *x)
{
\tint r0;
\tint r1;

\tptep_get_and_clear(pte);
\tr0 = ptep_get_lockless(pte);
\tpmd_clear(pmd);
\tr1 = READ_ONCE(*x);
}

exists (pte=2)`);
    expect(['0', '1', '2', '3'].map((v) => nameValue(names, 'pte', v))).toEqual(['PTE_NONE', 'PTE_WRITE', 'PTE_RDONLY', 'PTE_SWAP']);
    expect(nameValue(names, '0:r0', '1')).toBe('PTE_WRITE');
    expect(['0', '4', '5'].map((v) => nameValue(names, 'pmd', v))).toEqual(['PMD_NONE', 'PMD_TABLE', 'PMD_INVALID']);
    // No PMD constant is 1, and no PTE name crosses to the PMD: the number stays.
    expect(nameValue(names, 'pmd', '1')).toBeUndefined();
    // A location used with no constant keeps its numbers.
    expect(nameValue(names, 'x', '1')).toBeUndefined();
  });

  it('gives a register read straight from a named location the same names', () => {
    const names = namesOf(program('', '\ttry_grab_folio(refcount);\n\tr0 = atomic_read(refcount);\n\tr1 = folio_ref_count(refcount);'));
    expect(nameValue(names, '0:r0', '1024')).toBe('GUP_PIN_COUNTING_BIAS');
    expect(nameValue(names, '0:r1', '1024')).toBe('GUP_PIN_COUNTING_BIAS');
  });

  it('names nothing where the program used no constant, or a local hides it', () => {
    expect(namesOf(program('', '\tatomic_add(1024, refcount);\n\tr0 = 1;'))).toEqual({});
    const hidden = program('', '\tint GUP_PIN_COUNTING_BIAS = 1024;\n\tatomic_add(GUP_PIN_COUNTING_BIAS, refcount);\n\tr0 = 1;');
    expect(namesOf(hidden)).toEqual({});
  });

  it('names what a builtin stores in the entry it points to: pmd_clear() PMD_NONE, pte_free() PT_FREED, ptep_clear_flush() PTE_NONE (through ptep_get_and_clear())', () => {
    const source = `C stores

{
\tpmdp=PMD_TABLE;
}

P0(int *pmdp, int *ptep, int *hugep, int *table)
{
\tint old;

\tpmd_clear(pmdp);
\tpte_free(table);
\told = ptep_clear_flush(ptep);
\tpmdp_invalidate(hugep);
}

P1(int *pmdp)
{
\tint pmd;

\tpmd = pmdp_get_lockless(pmdp);
}

exists (1:pmd=0)
`;
    const names = namesOf(source);
    expect(nameValue(names, 'pmdp', '0')).toBe('PMD_NONE');
    expect(nameValue(names, 'pmdp', '4')).toBe('PMD_TABLE');
    expect(nameValue(names, 'table', '107')).toBe('PT_FREED');
    expect(nameValue(names, 'ptep', '0')).toBe('PTE_NONE');
    expect(nameValue(names, 'hugep', '5')).toBe('PMD_INVALID');
    // A register read from the PMD shares its names; a location no builtin stored to has none.
    expect(nameValue(names, '1:pmd', '0')).toBe('PMD_NONE');
    expect(names['old']).toBeUndefined();
    // Only the names change: the verdict prints numbers, as herd7 does.
    const verdict = runLitmus(source).verdict!;
    expect(verdict.states.flatMap((st) => st.entries.map((e) => `${e.target}=${e.value}`))).toContain('1:pmd=0');
  });

  it('looks into every builtin at every argument count it takes without throwing, and names only what one stores', () => {
    for (const b of kernelBuiltins()) {
      for (const n of b.arities) {
        const args = Array.from({ length: n }, (_, i) => (i === n - 1 ? 'pte' : 'x')).join(', ');
        const call = b.form === 'statement' && b.result !== 'none' ? `r0 = ${b.name}(${args});` : `${b.name}(${args});`;
        const names = namesOf(program('', `\t${call}\n\tr1 = 1;`));
        const stored = Object.values(names).flat().map((v) => v.constant);
        if (!b.stores && !b.unit && !b.name.endsWith('_flush')) expect(stored.filter((c) => c !== 'GUP_PIN_COUNTING_BIAS'), `${b.name}/${n}`).toEqual([]);
        if (b.stores) expect(names['pte'] ?? names['x'], `${b.name}/${n}`).toContainEqual({ constant: b.stores, value: kernelConstants.get(b.stores), counts: false });
      }
    }
  });

  it('names nothing for a builtin called with an argument count it does not take', () => {
    const source = program('', '\tpmd_clear();\n\tpte_free(pte, x, refcount);\n\tr0 = 1;');
    expect(namesOf(source)).toEqual({});
  });

  it('names the entries of a state', () => {
    const names = namesOf(program('', '\ttry_grab_folio(refcount);\n\tr0 = atomic_read(refcount);'));
    expect(nameStateEntries([{ target: '0:r0', value: '1024' }, { target: '[x]', value: '1024' }], names)).toEqual([
      { target: '0:r0', value: '1024', named: 'GUP_PIN_COUNTING_BIAS' },
      { target: '[x]', value: '1024' },
    ]);
  });
});

describe('explanations use the names', () => {
  it('in the counterexample state and the timeline', () => {
    const source = program('', '\ttry_grab_folio(refcount);\n\tr0 = atomic_read(refcount);', 'exists (0:r0=GUP_PIN_COUNTING_BIAS)');
    const e = explain(source, runLitmus(source).verdict!, { repair: false });
    expect(e.counterexample?.entries).toEqual([{ target: '0:r0', value: '1024', named: 'GUP_PIN_COUNTING_BIAS' }]);
    expect(e.timelineText).toContain('stored refcount=GUP_PIN_COUNTING_BIAS');
    expect(e.timelineText).toContain('r0 = atomic_read(refcount) read GUP_PIN_COUNTING_BIAS, its own store');
  });
});

describe('a call whose read and write are steps apart', () => {
  it('is explained as one atomic read-modify-write when it is one', () => {
    // P1 reads the old x after P0's xchg() read it and before its write is visible.
    const source = `C split-rmw

{}

P0(int *x)
{
\tint r0;

\tr0 = xchg_relaxed(x, 2);
}

P1(int *x)
{
\tint r0;

\tr0 = READ_ONCE(*x);
}

exists (0:r0=0 /\\ 1:r0=0)
`;
    const e = explain(source, runLitmus(source).verdict!, { repair: false });
    const notes = e.timeline!.steps.flatMap((s) => s.notes).filter((n) => n.kind === 'split-access');
    expect(notes.map((n) => n.message)).toEqual([
      'xchg_relaxed() read x at step 1 and writes it only now: the two are one atomic read-modify-write, so no other store to x comes between them, but its write reached the other CPUs only now: CPU 1 still read the old x at step 2',
    ]);
  });
});
