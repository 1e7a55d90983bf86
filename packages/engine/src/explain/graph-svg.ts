// An execution graph as a self-contained SVG picture, laid out by hand (no
// Graphviz in a browser worker): one column per CPU, events top to bottom in
// program order, initial writes in a row above, po as straight arrows down,
// communication edges as curves between columns, a legend underneath.
// Nodes are as wide as their longest label; edge labels are placed along
// their edges where they cover no node and no other label
// (label-placement.ts), with a halo so a line crossing one leaves it legible.
import type { ExecutionGraph, GraphEdge, GraphEdgeKind, GraphNode } from './execution-graph.ts';
import { graphEdgeKinds } from './execution-graph.ts';
import { edgeStyles } from './graph-dot.ts';
import { placeLabels, type Box, type LabelRequest, type Point } from './label-placement.ts';

const margin = 24;
/** The least node width; the room between two columns' nodes grows with the edges that cross it, within these bounds. */
const minNodeWidth = 150;
const minColumnGap = 70;
const maxColumnGap = 110;
/** Width of one character of a node's label (12 px monospace) and of an edge's (10 px), with the padding around each. */
const nodeCharWidth = 7.3;
const labelCharWidth = 6.1;
const nodeHeight = 38;
const rowHeight = 78;
const headerHeight = 28;
const legendRow = 18;
const labelHeight = 12;
/** Where along an edge its label may sit, best first (0 is the start, 1 the end). */
const labelStops = [0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78];

/** The measures of one picture: its nodes' width, its columns' width, and the x of the first column's left edge. */
interface Frame {
  readonly nodeWidth: number;
  readonly columnWidth: number;
  readonly left: number;
}

/** An edge drawn: its SVG path (or line) and where its label may go. */
interface EdgeShape {
  readonly edge: GraphEdge;
  readonly path: string;
  readonly candidates: readonly Point[];
  /** The smallest and largest x the edge reaches (control points included). */
  readonly minX: number;
  readonly maxX: number;
}

/** Options for `graphToSvg`. */
export interface SvgOptions {
  /** Text of the `<title>` of the picture (default `Execution graph`). */
  readonly title?: string;
  /** Prefix of the marker ids, so several pictures can share one HTML page (default `bl-`). */
  readonly idPrefix?: string;
}

/**
 * A standalone SVG document (`<svg xmlns=...>`) drawing `graph`. Text is
 * XML-escaped; coordinates are integers, so the same graph always gives the
 * same bytes. Each node is a `<g data-event="ID" data-line="LINE">` with a
 * `<title>` quoting its source call, for hover and for linking to the editor.
 */
export function graphToSvg(graph: ExecutionGraph, options: SvgOptions = {}): string {
  const inits = graph.nodes.filter((n) => n.init);
  const columns = Math.max(1, graph.threads.length, inits.length);
  const top = margin + (inits.length > 0 ? nodeHeight + rowHeight / 2 : 0);
  const firstRow = top + headerHeight + nodeHeight / 2;
  const rows = Math.max(1, ...graph.threads.map((t) => graph.nodes.filter((n) => n.thread === t).length));
  const nodeWidth = Math.max(minNodeWidth, ...graph.nodes.map((n) => Math.ceil(n.label.length * nodeCharWidth + 16)));
  const place = (frame: Frame) => {
    const centre = new Map<number, Point>();
    inits.forEach((n, i) => centre.set(n.id, { x: columnX(frame, i), y: margin + nodeHeight / 2 }));
    graph.threads.forEach((t, c) => {
      graph.nodes.filter((n) => n.thread === t).forEach((n, row) => centre.set(n.id, { x: columnX(frame, c), y: firstRow + row * rowHeight }));
    });
    return { centre, shapes: edgeShapes(graph.edges, centre, frame.nodeWidth) };
  };
  // Drawn once to see how far the edges bow out sideways, then moved right just enough that none leaves the picture.
  const crossing = graph.edges.filter((e) => e.kind !== 'po' && graph.nodes.find((n) => n.id === e.from)?.thread !== graph.nodes.find((n) => n.id === e.to)?.thread).length;
  const columnGap = Math.min(maxColumnGap, Math.max(minColumnGap, 50 + 5 * crossing));
  const first: Frame = { nodeWidth, columnWidth: nodeWidth + columnGap, left: margin };
  const reach = place(first).shapes;
  const leftmost = Math.min(first.left, ...reach.map((s) => s.minX));
  const frame: Frame = { ...first, left: first.left + (leftmost < margin ? margin - leftmost : 0) };
  const { centre, shapes } = place(frame);
  const kinds = graphEdgeKinds.filter((k) => graph.edges.some((e) => e.kind === k));
  const legendTop = firstRow + (rows - 1) * rowHeight + nodeHeight / 2 + rowHeight / 2;
  const rightmost = Math.max(frame.left + columns * frame.columnWidth, ...shapes.map((s) => s.maxX + margin));
  const width = Math.round(rightmost + margin);
  const height = legendTop + Math.max(1, kinds.length) * legendRow + margin;

  const prefix = (options.idPrefix ?? 'bl-').replace(/[^A-Za-z0-9_-]/g, '_');
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="monospace" font-size="12">`);
  out.push(`<title>${escapeXml(options.title ?? 'Execution graph')}</title>`);
  out.push('<defs>');
  for (const k of graphEdgeKinds) {
    out.push(`<marker id="${prefix}arrow-${k}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="${edgeStyles[k].color}"/></marker>`);
  }
  out.push('</defs>');
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  const obstacles: Box[] = [];
  graph.threads.forEach((t, c) => {
    const header = `CPU ${t} (P${t})`;
    const x = columnX(frame, c);
    obstacles.push({ x: x - (header.length * nodeCharWidth) / 2, y: top + headerHeight / 2 - 11, width: header.length * nodeCharWidth, height: 14 });
    out.push(`<text x="${r(x)}" y="${top + headerHeight / 2}" text-anchor="middle" font-weight="bold">${escapeXml(header)}</text>`);
  });
  for (const p of centre.values()) obstacles.push({ x: p.x - nodeWidth / 2 - 2, y: p.y - nodeHeight / 2 - 2, width: nodeWidth + 4, height: nodeHeight + 4 });
  // Communication labels first: they say most, so they get the best places.
  const labelled = shapes.filter((s) => s.candidates.length > 0)
    .sort((a, b) => Number(!isCommunication(a.edge.kind)) - Number(!isCommunication(b.edge.kind)));
  const requests: LabelRequest[] = labelled.map((s) => ({ width: labelWidth(s.edge.kind), height: labelHeight, candidates: s.candidates }));
  const placed = placeLabels(requests, obstacles, { x: 0, y: 0, width, height: legendTop - rowHeight / 4 });
  const labelAt = new Map(labelled.map((s, i) => [s, placed[i]!]));
  // Edges first, so nodes sit on top of them; labels last, over everything they cross.
  for (const s of shapes) out.push(edgeElement(s, prefix));
  for (const n of graph.nodes) {
    const p = centre.get(n.id);
    if (p) out.push(nodeGroup(n, p, nodeWidth));
  }
  for (const s of labelled) out.push(edgeLabel(s.edge.kind, labelAt.get(s)!));
  kinds.forEach((k, i) => {
    const y = legendTop + i * legendRow;
    const style = edgeStyles[k];
    out.push(`<line x1="${margin}" y1="${y}" x2="${margin + 36}" y2="${y}" stroke="${style.color}" stroke-width="2"${style.dashed ? ' stroke-dasharray="5 3"' : ''} marker-end="url(#${prefix}arrow-${k})"/>`);
    out.push(`<text x="${margin + 46}" y="${y + 4}">${escapeXml(`${k}: ${style.meaning}`)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function columnX(frame: Frame, column: number): number {
  return frame.left + column * frame.columnWidth + frame.columnWidth / 2;
}

function labelWidth(kind: GraphEdgeKind): number {
  return Math.ceil(kind.length * labelCharWidth + 6);
}

function nodeGroup(n: GraphNode, p: Point, nodeWidth: number): string {
  const x = Math.round(p.x - nodeWidth / 2);
  const y = Math.round(p.y - nodeHeight / 2);
  const fill = n.init ? '#f2f2f2' : n.kind === 'F' ? '#fff7d6' : n.kind === 'W' ? '#e8f0fe' : '#e9f7ef';
  const tooltip = n.init ? n.label : `line ${n.line}: ${n.text}`;
  return [
    `<g class="event" data-event="${n.id}" data-line="${n.line}">`,
    `<title>${escapeXml(tooltip)}</title>`,
    `<rect x="${x}" y="${y}" width="${nodeWidth}" height="${nodeHeight}" rx="6" fill="${fill}" stroke="#333333"/>`,
    `<text x="${Math.round(p.x)}" y="${Math.round(p.y - 3)}" text-anchor="middle">${escapeXml(n.label)}</text>`,
    n.init ? '' : `<text x="${Math.round(p.x)}" y="${Math.round(p.y + 12)}" text-anchor="middle" font-size="10" fill="#555555">${escapeXml(`line ${n.line}`)}</text>`,
    '</g>',
  ].filter((s) => s !== '').join('');
}

/** The shapes of `edges`, in their order; an edge with an end not drawn is left out. */
function edgeShapes(edges: readonly GraphEdge[], centre: ReadonlyMap<number, Point>, nodeWidth: number): EdgeShape[] {
  const sideCounts = new Map<string, number>();
  const shapes: EdgeShape[] = [];
  for (const e of edges) {
    const a = centre.get(e.from);
    const b = centre.get(e.to);
    if (!a || !b) continue;
    const key = `${e.from}:${e.kind === 'po' ? 'po' : 'x'}`;
    const nth = sideCounts.get(key) ?? 0;
    sideCounts.set(key, nth + 1);
    shapes.push(edgeShape(e, a, b, nth, nodeWidth));
  }
  return shapes;
}

/**
 * One edge. po goes straight down (no label: the arrow says it); an edge
 * within one column bends out to the side (communication to the right,
 * fences and dependencies to the left), further for each earlier edge from
 * the same event; an edge between columns is a curve bowed by its kind and
 * by how many edges leave its event before it, so rf, co and fr between the
 * same events do not overlap. Its label may sit at points along it, just
 * off the line, on either side.
 */
function edgeShape(e: GraphEdge, a: Point, b: Point, nth: number, nodeWidth: number): EdgeShape {
  if (e.kind === 'po' && a.x === b.x) {
    const path = `<line x1="${r(a.x)}" y1="${r(a.y + nodeHeight / 2)}" x2="${r(b.x)}" y2="${r(b.y - nodeHeight / 2)}"`;
    return { edge: e, path, candidates: [], minX: a.x, maxX: a.x };
  }
  const spread = Math.min(nth, 4);
  if (a.x === b.x) {
    const side = isCommunication(e.kind) ? 1 : -1;
    const sx = a.x + side * (nodeWidth / 2);
    const bulge = sx + side * (28 + 12 * spread + 8 * Math.min(4, Math.abs(b.y - a.y) / rowHeight));
    const path = `<path d="M ${r(sx)} ${r(a.y)} C ${r(bulge)} ${r(a.y)} ${r(bulge)} ${r(b.y)} ${r(sx)} ${r(b.y)}"`;
    const cubic = (t: number) => (1 - t) ** 3 * sx + 3 * (1 - t) * t * bulge + t ** 3 * sx;
    const half = labelWidth(e.kind) / 2 + 3;
    const candidates = labelStops.flatMap((t) => {
      const y = (1 - t) * a.y + t * b.y;
      return [{ x: cubic(t) + side * half, y }, { x: cubic(t) - side * half, y }];
    });
    const outer = bulge + side * (2 * half);
    return { edge: e, path, candidates, minX: Math.min(sx, bulge, outer), maxX: Math.max(sx, bulge, outer) };
  }
  const dir = b.x > a.x ? 1 : -1;
  const sx = a.x + dir * (nodeWidth / 2);
  const ex = b.x - dir * (nodeWidth / 2);
  const bow = bowOf(e.kind) + 10 * spread;
  const mx = (sx + ex) / 2;
  const my = (a.y + b.y) / 2 - bow;
  const path = `<path d="M ${r(sx)} ${r(a.y)} Q ${r(mx)} ${r(my)} ${r(ex)} ${r(b.y)}"`;
  const quadratic = (t: number, p0: number, p1: number, p2: number) => (1 - t) ** 2 * p0 + 2 * (1 - t) * t * p1 + t ** 2 * p2;
  const candidates = labelStops.flatMap((t) => {
    const x = quadratic(t, sx, mx, ex);
    const y = quadratic(t, a.y, my, b.y);
    return [{ x, y: y - labelHeight / 2 - 1 }, { x, y: y + labelHeight / 2 + 1 }];
  });
  return { edge: e, path, candidates, minX: Math.min(sx, mx, ex), maxX: Math.max(sx, mx, ex) };
}

function edgeElement(s: EdgeShape, prefix: string): string {
  const style = edgeStyles[s.edge.kind];
  const dash = style.dashed ? ' stroke-dasharray="5 3"' : '';
  const width = s.path.startsWith('<line') ? '' : ' fill="none"';
  return `<g class="edge edge-${s.edge.kind}">${s.path}${width} stroke="${style.color}" stroke-width="1.6"${dash} marker-end="url(#${prefix}arrow-${s.edge.kind})"/></g>`;
}

/** An edge's label, centred on `at`, with a halo of the background so lines under it do not cross its letters. */
function edgeLabel(kind: GraphEdgeKind, at: Point): string {
  return `<text class="edge-label" x="${r(at.x)}" y="${r(at.y + 3.5)}" font-size="10" fill="${edgeStyles[kind].color}" stroke="#ffffff" stroke-width="3" paint-order="stroke" text-anchor="middle">${kind}</text>`;
}

function isCommunication(kind: GraphEdgeKind): boolean {
  return kind === 'rf' || kind === 'co' || kind === 'fr';
}

function bowOf(kind: GraphEdgeKind): number {
  switch (kind) {
    case 'rf': return 18;
    case 'co': return -18;
    case 'fr': return 36;
    default: return 0;
  }
}

function r(v: number): number {
  return Math.round(v);
}

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
