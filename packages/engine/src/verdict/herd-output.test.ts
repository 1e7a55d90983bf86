import { describe, expect, it } from 'vitest';
import { runLitmus } from '../run/run-litmus.ts';
import { formatHerdOutput } from './herd-output.ts';

// herd7 7.58 printed this block (Time line aside) for the test below, Hash line included.
const source = `C MP+hash
{}
P0(int *x, int *y) { WRITE_ONCE(*x, 1); smp_store_release(y, 1); }
P1(int *x, int *y) { int r0; int r1; r0 = smp_load_acquire(y); r1 = READ_ONCE(*x); }
exists (1:r0=1 /\\ 1:r1=0)
`;

describe('formatHerdOutput', () => {
  const verdict = runLitmus(source, { model: 'lkmm' }).verdict!;

  it('ends the block with herd7\'s Hash line, after the Time line', () => {
    const lines = formatHerdOutput(verdict, { time: true }).trimEnd().split('\n');
    expect(lines.at(-2)).toMatch(/^Time MP\+hash \d+\.\d\d$/);
    expect(lines.at(-1)).toBe('Hash=10d1787a269d9c20b052c01057b91c0d');
  });

  it('is herd7\'s whole block, Time line aside', () => {
    expect(formatHerdOutput(verdict)).toBe([
      'Test MP+hash Allowed', 'States 3', '1:r0=0; 1:r1=0;', '1:r0=0; 1:r1=1;', '1:r0=1; 1:r1=1;', 'No', 'Witnesses',
      'Positive: 0 Negative: 3', 'Condition exists (1:r0=1 /\\ 1:r1=0)', 'Observation MP+hash Never 0 3',
      'Hash=10d1787a269d9c20b052c01057b91c0d', '', '',
    ].join('\n'));
  });

  it('keeps the Hash line when the Time line goes, and drops it when asked', () => {
    expect(formatHerdOutput(verdict)).toMatch(/\nObservation MP\+hash Never 0 3\nHash=10d1787a269d9c20b052c01057b91c0d\n\n$/);
    expect(formatHerdOutput(verdict, { hash: false })).toMatch(/\nObservation MP\+hash Never 0 3\n\n$/);
  });

  it('prints no Hash line for a verdict without a hash', () => {
    const { hash: _hash, ...unhashed } = verdict;
    expect(formatHerdOutput(unhashed)).not.toContain('Hash=');
  });

  it('has no hash when the run was asked not to compute it, and the same verdict otherwise', () => {
    const unhashed = runLitmus(source, { model: 'lkmm', herdHash: false });
    expect(unhashed.hash).toBeUndefined();
    expect(unhashed.verdict?.hash).toBeUndefined();
    expect(formatHerdOutput(unhashed.verdict!)).toBe(formatHerdOutput(verdict, { hash: false }));
  });
});
