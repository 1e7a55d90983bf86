// herd7 prints `Loop` for a path cut at the unroll bound only when a
// candidate execution holding it passes the filter (herd/mem.ml checks the
// filter before herd/top_herd.ml looks for the cut-off). Each expectation
// below is what herd7 7.58 printed for the test with that filter
// (corpus/lkmm/conditions/Loop-cut-off-path-filtered-out has one of them).
import { describe, expect, it } from 'vitest';
import { runLitmus } from '../run/run-litmus.ts';

const test = (filter: string) => `C T
{}
P0(int *x) {
	int r0;
	r0 = READ_ONCE(*x);
	while (r0) {
		r0 = READ_ONCE(*x);
	}
}
P1(int *x) {
	WRITE_ONCE(*x, 1);
}
filter (${filter})
exists (x=1)
`;

/** The line herd7 prints before Witnesses: `Loop Ok`, `No`, ... */
function verdictLine(filter: string): string {
  const v = runLitmus(test(filter)).verdict!;
  return `${v.unrollHit ? 'Loop ' : ''}${v.ok ? 'Ok' : 'No'}`;
}

describe('Loop with a filter', () => {
  it.each([
    // The cut path has r0=1: a filter it fails drops it.
    ['0:r0=2', 'No'],
    ['0:r0=0', 'Ok'],
    ['~(0:r0=1)', 'Ok'],
    // One it passes keeps it.
    ['0:r0=1', 'Loop No'],
    ['x=1', 'Loop Ok'],
    // The cut path read P1's write of 1, so x ends 1 with it: x=0 drops it.
    ['x=0', 'No'],
    // A register of another thread, nothing writes: 0 in every state.
    ['1:r9=0', 'Loop Ok'],
  ])('filter (%s) gives %s', (filter, line) => {
    expect(verdictLine(filter)).toBe(line);
  });
});
