// Chapter 7's hand-drawn page figure (components/figures/PagePin.astro): each
// line of text inside page A's or page B's box stays inside it. The small
// 11.5-unit notes are measured at 0.52 em a character, what DejaVu Sans (the
// widest font a learner may have) draws for lower-case text and digits:
// "1 mapping + 1024 (a pin)" crossed the box's right edge at every width.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const figure = readFileSync(new URL('../components/figures/PagePin.astro', import.meta.url), 'utf8');

describe('PagePin: the text in a page\'s box', () => {
  it('stays inside the box (4 units clear of its right edge)', () => {
    const boxes = [...figure.matchAll(/<rect class="page[^"]*" x="(\d+)" y="\d+" width="(\d+)"/g)].map((m) => Number(m[1]) + Number(m[2]));
    expect(new Set(boxes).size).toBe(1);
    const right = boxes[0]! - 4;
    const notes = [...figure.matchAll(/<text class="small" x="(\d+)" y="\d+">([^<]+)<\/text>/g)].filter((m) => Number(m[1]) > 200);
    expect(notes.length).toBeGreaterThan(2);
    for (const [, x, text] of notes) expect(Number(x) + text!.length * 11.5 * 0.52, text).toBeLessThanOrEqual(right);
  });
});
