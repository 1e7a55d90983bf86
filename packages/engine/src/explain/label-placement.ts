// Where an execution graph's edge labels go: each label at the first of its
// candidate points (along its edge, in the order the edge prefers) where it
// covers no node and no label placed before it. Pure geometry, no SVG, so
// the rule is tested on its own.

/** A point of the picture. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** An axis-aligned box: its top-left corner and its size. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** One label to place: its size, and the centres it may take, best first (at least one). */
export interface LabelRequest {
  readonly width: number;
  readonly height: number;
  readonly candidates: readonly Point[];
}

/** The box of a `width` × `height` label centred on `centre`. */
export function labelBox(centre: Point, width: number, height: number): Box {
  return { x: centre.x - width / 2, y: centre.y - height / 2, width, height };
}

/** The area two boxes share (0 when they do not overlap, or only touch). */
export function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * The centre of each label, in the order of `requests`: the first candidate
 * whose box overlaps no obstacle and no label already placed, and where
 * every candidate overlaps something, the one that overlaps least (the
 * earliest of equals). Labels keep `spacing` apart, so two never touch.
 * Boxes inside `within`, when given, are preferred the same way: a
 * candidate sticking out of it counts its outside as overlap.
 */
export function placeLabels(requests: readonly LabelRequest[], obstacles: readonly Box[], within?: Box, spacing = 3): Point[] {
  const placed: Box[] = [];
  return requests.map((request) => {
    let best: { centre: Point; box: Box; cost: number } | undefined;
    for (const centre of request.candidates) {
      const box = labelBox(centre, request.width, request.height);
      let cost = within ? box.width * box.height - overlapArea(box, within) : 0;
      for (const o of obstacles) cost += overlapArea(box, o);
      for (const p of placed) cost += overlapArea(box, p);
      if (!best || cost < best.cost) best = { centre, box, cost };
      if (cost === 0) break;
    }
    if (!best) throw new RangeError('placeLabels: a label with no candidate point');
    placed.push({ x: best.box.x - spacing, y: best.box.y - spacing, width: best.box.width + 2 * spacing, height: best.box.height + 2 * spacing });
    return best.centre;
  });
}
