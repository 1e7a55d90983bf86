import { describe, expect, it } from 'vitest';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { hasLoop } from './has-loop.ts';
import { lower } from './lower.ts';

function threadsOf(body: string): boolean[] {
  const text = `C T\n\n{\n}\n\nP0(int *x)\n{\n\tint r0;\n${body}\n}\n\nexists (0:r0=1)\n`;
  const { program } = lower(parseLitmus(text).ast!, text);
  return program!.threads.map(hasLoop);
}

describe('hasLoop', () => {
  it('finds a while, a do-while and a for, however deeply nested in blocks and branches', () => {
    expect(threadsOf('\twhile (READ_ONCE(*x) == 0) ;')).toEqual([true]);
    expect(threadsOf('\tdo { r0 = READ_ONCE(*x); } while (r0 == 0);')).toEqual([true]);
    expect(threadsOf('\tif (READ_ONCE(*x)) { { for (r0 = 0; r0 < 2; r0++) WRITE_ONCE(*x, r0); } }')).toEqual([true]);
    expect(threadsOf('\tif (READ_ONCE(*x)) ; else { while (1) break; }')).toEqual([true]);
  });

  it('finds none in straight-line code and branches', () => {
    expect(threadsOf('\tr0 = READ_ONCE(*x);\n\tif (r0) WRITE_ONCE(*x, 2); else { WRITE_ONCE(*x, 3); }')).toEqual([false]);
  });
});
