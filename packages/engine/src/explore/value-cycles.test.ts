// Values herd7 cannot solve: executions whose values justify themselves
// through plain copies are kept once with a symbolic value, dropped when an
// operation needs the unknown value, and solved when an instruction pins the
// cycle to a constant. Expected figures are herd7's (7.58, reference LKMM) on
// the same tests.
import { describe, expect, it } from 'vitest';
import { runLitmus } from '../run/run-litmus.ts';
import { formatHerdOutput } from '../verdict/herd-output.ts';

const copyCycle = (p0Store: string, p2 = '') => `C T

{}

P0(int *x, int *y)
{
	int r0;

	r0 = *x;
	${p0Store}
}

P1(int *x, int *y)
{
	int r1;

	r1 = *y;
	*x = r1;
}
${p2}
exists (0:r0=0 /\\ 1:r1=0)
`;

const pinningCmpxchg = '\nP2(int *y)\n{\n\tint r2;\n\n\tr2 = cmpxchg_relaxed(y, 0, 7);\n}\n';

/** The final states as herd7 prints them, and the witness counts. */
function outcome(text: string) {
  const { verdict, diagnostics } = runLitmus(text);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const lines = formatHerdOutput(verdict!).split('\n');
  const count = Number(lines[1]!.replace('States ', ''));
  const states = lines.slice(2, 2 + count).map((l) => l.replace(/;$/, ''));
  const [, positive, negative] = /Positive: (\d+) Negative: (\d+)/.exec(lines.find((l) => l.startsWith('Positive'))!)!;
  return { states, positive: Number(positive), negative: Number(negative) };
}

describe('value cycles through plain accesses', () => {
  it('keeps a self-justifying cycle of copies once, its value a symbol named as herd7 names it', () => {
    const { states, positive, negative } = outcome(copyCycle('*y = r0;'));
    expect(states).toEqual(['0:r0=S8; 1:r1=S8', '0:r0=0; 1:r1=0']);
    expect([positive, negative]).toEqual([3, 1]);
  });

  it('drops the execution when an operator computes with the unknown value', () => {
    const { states, positive, negative } = outcome(copyCycle('*y = r0 & 1;'));
    expect(states).toEqual(['0:r0=0; 1:r1=0']);
    expect([positive, negative]).toEqual([3, 0]);
  });

  it('solves a cycle that a succeeding cmpxchg equates with a constant, even through an operator', () => {
    // herd7: 0:r0=0; 1:r1=0 / 0:r0=0; 1:r1=7 / 0:r0=7; 1:r1=7, Positive 7 Negative 3.
    const withOperator = outcome(copyCycle('*y = r0 & 1;', pinningCmpxchg));
    expect(withOperator.states).toEqual(['0:r0=0; 1:r1=0', '0:r0=0; 1:r1=7', '0:r0=7; 1:r1=7']);
    expect([withOperator.positive, withOperator.negative]).toEqual([7, 3]);
    // With a plain copy the pinned execution is concrete, and the unpinned one still a symbol.
    const copy = outcome(copyCycle('*y = r0;', pinningCmpxchg));
    expect(copy.states).toEqual(['0:r0=S8; 1:r1=S8', '0:r0=0; 1:r1=0', '0:r0=0; 1:r1=7', '0:r0=7; 1:r1=7']);
    expect([copy.positive, copy.negative]).toEqual([7, 4]);
  });

  it("solves a cycle through a cmpxchg whose expected value is read from memory, when it succeeds", () => {
    // herd7 equates the cmpxchg's read of z with r1: where r1 reads y's
    // initial 0, the copies through z and x are 0, not a symbol.
    // herd7: 0:r0=S19 / 0:r0=0, Positive 7 Negative 1.
    const text = `C T

{}

P0(int *x, int *y, int *z)
{
	int r0;

	r0 = *x;
	*y = r0;
	*z = r0;
}

P1(int *x, int *y, int *z)
{
	int r1;
	int r2;

	r1 = *y;
	r2 = cmpxchg(z, r1, 1);
	*x = r2;
}

exists (0:r0=0)
`;
    const { states, positive, negative } = outcome(text);
    expect(states).toEqual(['0:r0=S19', '0:r0=0']);
    expect([positive, negative]).toEqual([7, 1]);
  });
  it("names an unknown value after herd7's union-find representative, not always the highest variable", () => {
    // Copies of one pointer through xchg()s and a cmpxchg(): herd7 unifies the
    // reads with the writes they read from, the last read first, by rank, and
    // prints S23 (P3's read of p, renamed by its register read) where the
    // highest variable of the class is S24. (herd7 also drops one more
    // execution here, its union-find quirk: corpus/known-differences.)
    const text = `C T

{
	int *s = &x;
	int *q = &x;
}

P0(int *x, int *y, int **p, int **q, int **s)
{
	int *r0;
	int *r1;

	r0 = *q;
	r1 = xchg_relaxed(s, r0);
}

P1(int *x, int *y, int **p, int **q, int **s)
{
	int *r0;
	int *r1;
	int *r2;

	r0 = rcu_dereference(*s);
	WRITE_ONCE(*p, r0);
	r1 = rcu_dereference(*s);
	r2 = cmpxchg_release(q, x, r1);
}

P2(int *x, int *y, int **p, int **q, int **s)
{
	int *r0;
	int *r1;

}

P3(int *x, int *y, int **p, int **q, int **s)
{
	int *r0;
	int *r1;

	r0 = smp_load_acquire(p);
	r1 = xchg_release(q, r0);
}

exists (0:r1=x /\\ 1:r0=y /\\ 2:r0=y /\\ 2:r1=x /\\ 3:r0=x /\\ 3:r1=x)
`;
    const { states } = outcome(text);
    expect(states).toEqual([
      '0:r1=x; 1:r0=S23; 2:r0=0; 2:r1=0; 3:r0=S23; 3:r1=S23',
      '0:r1=x; 1:r0=S24; 2:r0=0; 2:r1=0; 3:r0=0; 3:r1=S24',
      '0:r1=x; 1:r0=0; 2:r0=0; 2:r1=0; 3:r0=0; 3:r1=0',
      '0:r1=x; 1:r0=0; 2:r0=0; 2:r1=0; 3:r0=0; 3:r1=x',
      '0:r1=x; 1:r0=x; 2:r0=0; 2:r1=0; 3:r0=0; 3:r1=S24',
      '0:r1=x; 1:r0=x; 2:r0=0; 2:r1=0; 3:r0=0; 3:r1=0',
      '0:r1=x; 1:r0=x; 2:r0=0; 2:r1=0; 3:r0=0; 3:r1=x',
      '0:r1=x; 1:r0=x; 2:r0=0; 2:r1=0; 3:r0=x; 3:r1=S24',
      '0:r1=x; 1:r0=x; 2:r0=0; 2:r1=0; 3:r0=x; 3:r1=x',
    ]);
  });
});
