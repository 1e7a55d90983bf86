import { describe, expect, it } from 'vitest';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { lower } from './lower.ts';

const withCall = (call: string) => `C t

{}

P0(int *x, int *y)
{
\tWRITE_ONCE(*x, 1);
\t${call};
\tWRITE_ONCE(*y, 1);
}

exists (x=1)
`;

const diagnose = (source: string) => lower(parseLitmus(source).ast!, source).diagnostics;

describe('an unknown primitive', () => {
  it('is named at its callee, with the nearest primitive as a call to write instead', () => {
    const [d] = diagnose(withCall('smp_wmbb()'));
    expect(d).toMatchObject({
      code: 'lower/unknown-primitive',
      severity: 'error',
      message: "unknown primitive 'smp_wmbb'",
      hint: 'did you mean `smp_wmb()`?',
      span: { line: 8, column: 2, endLine: 8, endColumn: 10 },
    });
  });

  it('suggests kernel builtins too, and ignores case', () => {
    expect(diagnose(withCall('flush_tlb_pgae(x)'))[0]?.hint).toBe('did you mean `flush_tlb_page()`?');
    expect(diagnose(withCall('SMP_MB()'))[0]?.hint).toBe('did you mean `smp_mb()`?');
  });

  it('takes two swapped letters for one typo, and prefers a name of the same length', () => {
    expect(diagnose(withCall('smp_rbm()'))[0]?.hint).toBe('did you mean `smp_rmb()`?');
    expect(diagnose(withCall('smp_wbm()'))[0]?.hint).toBe('did you mean `smp_wmb()`?');
    expect(diagnose(withCall('smp_mbb()'))[0]?.hint).toBe('did you mean `smp_mb()`?');
  });

  it('suggests nothing when no name is close', () => {
    const [d] = diagnose(withCall('frobnicate()'));
    expect(d?.code).toBe('lower/unknown-primitive');
    expect(d?.hint).toBeUndefined();
  });
});
