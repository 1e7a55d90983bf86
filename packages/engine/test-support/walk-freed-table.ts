// A litmus test whose values the program names, shared by the tests of the
// names in execution graphs and in step mode: GUP-fast reads the PMD, then a
// PTE of the table P0 unhooks and frees (PMD_TABLE, PTE_RDONLY, PT_FREED).
export const walkFreedTable = `C walk-freed-table
{
  pmdp=PMD_TABLE;
  ptep=PTE_RDONLY;
}

P0(int *pmdp, int *ptep)
{
  pmd_clear(pmdp);
  WRITE_ONCE(*ptep, PT_FREED);
}

P1(int *pmdp, int *ptep)
{
  int pmd;
  int pte;

  pmd = READ_ONCE(*pmdp);
  pte = READ_ONCE(*ptep);
}

exists (1:pmd=PMD_TABLE /\\ 1:pte=PT_FREED)
`;
