import { describe, expect, it } from 'vitest';
import { labelBox, overlapArea, placeLabels, type Box } from './label-placement.ts';

describe('overlapArea', () => {
  it('is the shared area, and 0 for boxes apart or only touching', () => {
    const a: Box = { x: 0, y: 0, width: 10, height: 10 };
    expect(overlapArea(a, { x: 5, y: 5, width: 10, height: 10 })).toBe(25);
    expect(overlapArea(a, { x: 10, y: 0, width: 5, height: 5 })).toBe(0);
    expect(overlapArea(a, { x: 20, y: 20, width: 5, height: 5 })).toBe(0);
    expect(overlapArea(a, { x: 2, y: 2, width: 2, height: 2 })).toBe(4);
  });
});

describe('placeLabels', () => {
  const node: Box = { x: 0, y: 0, width: 100, height: 40 };

  it('takes the first candidate that covers nothing', () => {
    const [at] = placeLabels([{ width: 20, height: 10, candidates: [{ x: 50, y: 20 }, { x: 50, y: 60 }, { x: 50, y: 80 }] }], [node]);
    expect(at).toEqual({ x: 50, y: 60 });
  });

  it('keeps labels off each other, spacing apart: the second of two that prefer one place moves on', () => {
    const want = { width: 20, height: 10, candidates: [{ x: 200, y: 20 }, { x: 200, y: 31 }, { x: 200, y: 50 }] };
    const [one, two] = placeLabels([want, want], [node]);
    expect(one).toEqual({ x: 200, y: 20 });
    // y 31 would leave 1 px between them, less than the spacing of 3.
    expect(two).toEqual({ x: 200, y: 50 });
    expect(overlapArea(labelBox(one!, 20, 10), labelBox(two!, 20, 10))).toBe(0);
  });

  it('with no free candidate, takes the one that overlaps least, and prefers what stays within the picture', () => {
    const [least] = placeLabels([{ width: 20, height: 10, candidates: [{ x: 50, y: 20 }, { x: 95, y: 20 }] }], [node]);
    expect(least).toEqual({ x: 95, y: 20 });
    const [inside] = placeLabels([{ width: 20, height: 10, candidates: [{ x: -5, y: 60 }, { x: 30, y: 60 }] }], [node], { x: 0, y: 0, width: 300, height: 300 });
    expect(inside).toEqual({ x: 30, y: 60 });
  });

  it('refuses a label with nowhere to go', () => {
    expect(() => placeLabels([{ width: 1, height: 1, candidates: [] }], [])).toThrow(RangeError);
  });
});
