// The exercises' files write their comments the one way that is a comment
// everywhere in a litmus test: C's `/* */` (or `//`). herd7's `(* *)` is a
// comment only outside the threads; inside them `(*` is C (`WRITE_ONCE(*x, 1)`),
// so a learner who copies a `(* *)` header comment into a thread gets a syntax
// error. The chapters write `/* */` too. (The engine and herd7 read `/* */`
// in the header as well.)
import { describe, expect, it } from 'vitest';
import { catalogFolders } from './catalog-files.generated.ts';

/** The lines of `text` that open or close a `(* *)` comment. */
function herdComments(text: string): string[] {
  return text.split('\n').filter((line) => /^\s*\(\*(?!\w)|(?<!\w)\*\)\s*$/.test(line));
}

describe('comments in the exercises\' files', () => {
  it('are /* */, never (* *), in every file of every exercise', () => {
    const found = catalogFolders.flatMap((f) => Object.entries(f.files)
      .filter(([name]) => name.endsWith('.litmus') || name.endsWith('.txt'))
      .flatMap(([name, text]) => herdComments(text).map((line) => `${f.folder}/${name}: ${line.trim()}`)));
    expect(found).toEqual([]);
  });

  it('the check finds a (* *) comment where there is one', () => {
    expect(herdComments('C T\n\n(*\n * a note\n *)\n{}')).toEqual(['(*', ' *)']);
    expect(herdComments('P0(int *x)\n{\n\tWRITE_ONCE(*x, 1);\n}')).toEqual([]);
  });
});
