import { describe, expect, it } from 'vitest';
import { assertClaims, checkClaims, ClaimMismatch, litmusName } from './litmus-claims.ts';

const sb = `C sb

{}

P0(int *x, int *y)
{
	int r0;

	WRITE_ONCE(*x, 1);
	r0 = READ_ONCE(*y);
}

P1(int *x, int *y)
{
	int r0;

	WRITE_ONCE(*y, 1);
	r0 = READ_ONCE(*x);
}

exists (0:r0=0 /\\ 1:r0=0)
`;

const sbMbs = sb.replace('C sb', 'C sb+mbs').replaceAll('WRITE_ONCE(*x, 1);', 'WRITE_ONCE(*x, 1);\n\tsmp_mb();').replaceAll('WRITE_ONCE(*y, 1);', 'WRITE_ONCE(*y, 1);\n\tsmp_mb();');

describe('checkClaims', () => {
  it('agrees when the page says what the engine finds: SB is seen on x86 and under lkmm, not under sc', () => {
    const checks = checkClaims(sb, { sc: 'Never', tso: 'Sometimes', lkmm: 'Sometimes' });
    expect(checks.map((c) => [c.model, c.observed, c.agrees])).toEqual([
      ['sc', 'Never', true],
      ['tso', 'Sometimes', true],
      ['lkmm', 'Sometimes', true],
    ]);
    expect(checks[0]?.condition).toBe('exists (0:r0=0 /\\ 1:r0=0)');
  });

  it('checks only the models the page names, in sc, tso, lkmm order', () => {
    expect(checkClaims(sbMbs, { lkmm: 'Never', tso: 'Never' }).map((c) => c.model)).toEqual(['tso', 'lkmm']);
  });

  it('disagrees when the page claims a barrier-free SB cannot happen on x86', () => {
    const [tso] = checkClaims(sb, { tso: 'Never' });
    expect(tso).toMatchObject({ model: 'tso', claimed: 'Never', observed: 'Sometimes', agrees: false });
  });

  it('never agrees with a test that does not parse, and says where it is wrong', () => {
    const [lkmm] = checkClaims(sb.replace('READ_ONCE(*y);', 'READ_ONCE(*y'), { lkmm: 'Sometimes' });
    expect(lkmm?.agrees).toBe(false);
    expect(lkmm?.observed).toBeUndefined();
    expect(lkmm?.problem).toMatch(/^line \d+:\d+: /);
  });

  it('refuses a claim about no model at all', () => {
    expect(() => checkClaims(sb, {})).toThrow(/at least one model/);
  });
});

describe('assertClaims', () => {
  it('returns the checks when every claim agrees', () => {
    expect(assertClaims('sb+mbs', sbMbs, { sc: 'Never', tso: 'Never', lkmm: 'Never' })).toHaveLength(3);
  });

  it('throws a ClaimMismatch naming each disagreeing model, what the page said and what the engine said', () => {
    let thrown: unknown;
    try {
      assertClaims('sb', sb, { sc: 'Never', lkmm: 'Never' });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ClaimMismatch);
    const message = (thrown as Error).message;
    expect(message).toContain('under lkmm: the page says Never, the engine says Sometimes');
    expect(message).not.toContain('under sc');
  });
});

describe('litmusName', () => {
  it('reads the name from the first line', () => {
    expect(litmusName(sbMbs)).toBe('sb+mbs');
    expect(litmusName('no header')).toBe('litmus test');
  });
});

describe('litmusSource', async () => {
  const { litmusSource } = await import('./litmus-source.ts');
  it('takes the text, an exercise\'s starter, or a named file of its folder', () => {
    expect(litmusSource({ source: sb })).toBe(sb);
    expect(litmusSource({ exercise: 'mp-wmb-rmb' })).toContain('C mp-wmb-rmb');
    expect(litmusSource({ exercise: 'sb-which-models' })).toContain('exists (0:r0=0 /\\ 1:r0=0)');
    expect(litmusSource({ exercise: 'mp-wmb-rmb', file: 'solution.litmus' })).toContain('smp_rmb()');
  });
  it('fails loudly on a missing exercise or file, or on both kinds of source', () => {
    expect(() => litmusSource({ exercise: 'no-such' })).toThrow(/no exercise/);
    expect(() => litmusSource({ exercise: 'mp-wmb-rmb', file: 'nope.litmus' })).toThrow(/has no file "nope.litmus"/);
    expect(() => litmusSource({ source: sb, exercise: 'mp-wmb-rmb' })).toThrow(/either/);
    expect(() => litmusSource({})).toThrow(/needs source/);
  });
});

describe('verdictMeaning', async () => {
  const { verdictMeaning } = await import('./litmus-claims.ts');
  it('reads exists verdicts as "can it happen" and forall verdicts as "does it hold"', () => {
    expect(verdictMeaning('Never', 'exists')).toBe('cannot happen');
    expect(verdictMeaning('Sometimes', 'not exists')).toBe('can happen');
    expect(verdictMeaning('Sometimes', 'forall')).toBe('fails in some executions');
    expect(verdictMeaning('Always', 'forall')).toBe('holds in every execution');
  });
  it('carries the quantifier on each check', () => {
    expect(checkClaims(sb, { sc: 'Never' })[0]?.quantifier).toBe('exists');
  });
});

describe('displaySource', async () => {
  const { displaySource } = await import('./litmus-source.ts');
  it('shows herd comments as C comments and drops trailing blank lines', () => {
    expect(displaySource("C t\n(*\n * the other's flag\n *)\n{}\n\n")).toBe("C t\n/*\n * the other's flag\n */\n{}");
  });
});
