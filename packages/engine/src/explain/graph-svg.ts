// An execution graph as a self-contained SVG picture, laid out by hand (no
// Graphviz in a browser worker): one column per CPU, events top to bottom in
// program order, initial writes in a row above, po as straight arrows down,
// communication edges as curves between columns, a legend underneath.
import type { ExecutionGraph, GraphEdge, GraphEdgeKind, GraphNode } from './execution-graph.ts';
import { graphEdgeKinds } from './execution-graph.ts';
import { edgeStyles } from './graph-dot.ts';

const margin = 24;
const columnWidth = 220;
const nodeWidth = 150;
const nodeHeight = 38;
const rowHeight = 78;
const headerHeight = 28;
const legendRow = 18;

interface Point {
  readonly x: number;
  readonly y: number;
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
  const centre = new Map<number, Point>();
  inits.forEach((n, i) => centre.set(n.id, { x: columnX(i), y: margin + nodeHeight / 2 }));
  graph.threads.forEach((t, c) => {
    graph.nodes.filter((n) => n.thread === t).forEach((n, row) => centre.set(n.id, { x: columnX(c), y: firstRow + row * rowHeight }));
  });
  const kinds = graphEdgeKinds.filter((k) => graph.edges.some((e) => e.kind === k));
  const legendTop = firstRow + (rows - 1) * rowHeight + nodeHeight / 2 + rowHeight / 2;
  const width = margin * 2 + columns * columnWidth;
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
  graph.threads.forEach((t, c) => {
    out.push(`<text x="${columnX(c)}" y="${top + headerHeight / 2}" text-anchor="middle" font-weight="bold">${escapeXml(`CPU ${t} (P${t})`)}</text>`);
  });
  // Edges first, so nodes sit on top of them.
  const sideCounts = new Map<string, number>();
  for (const e of graph.edges) {
    const a = centre.get(e.from);
    const b = centre.get(e.to);
    if (!a || !b) continue;
    const key = `${e.from}:${e.kind === 'po' ? 'po' : 'x'}`;
    const nth = sideCounts.get(key) ?? 0;
    sideCounts.set(key, nth + 1);
    out.push(edgePath(e, a, b, nth, prefix));
  }
  for (const n of graph.nodes) {
    const p = centre.get(n.id);
    if (p) out.push(nodeGroup(n, p));
  }
  kinds.forEach((k, i) => {
    const y = legendTop + i * legendRow;
    const style = edgeStyles[k];
    out.push(`<line x1="${margin}" y1="${y}" x2="${margin + 36}" y2="${y}" stroke="${style.color}" stroke-width="2"${style.dashed ? ' stroke-dasharray="5 3"' : ''} marker-end="url(#${prefix}arrow-${k})"/>`);
    out.push(`<text x="${margin + 46}" y="${y + 4}">${escapeXml(`${k}: ${style.meaning}`)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

function columnX(column: number): number {
  return margin + column * columnWidth + columnWidth / 2;
}

function nodeGroup(n: GraphNode, p: Point): string {
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

/**
 * One edge. po goes straight down; an edge within one column bends out to
 * the side (communication to the right, fences and dependencies to the
 * left); an edge between columns is a curve bowed by its kind, so rf, co and
 * fr between the same two events do not overlap.
 */
function edgePath(e: GraphEdge, a: Point, b: Point, nth: number, prefix: string): string {
  const style = edgeStyles[e.kind];
  const dash = style.dashed ? ' stroke-dasharray="5 3"' : '';
  const attrs = `fill="none" stroke="${style.color}" stroke-width="1.6"${dash} marker-end="url(#${prefix}arrow-${e.kind})"`;
  const label = (x: number, y: number) => `<text x="${Math.round(x)}" y="${Math.round(y)}" font-size="10" fill="${style.color}" text-anchor="middle">${e.kind}</text>`;
  if (e.kind === 'po' && a.x === b.x) {
    return `<g class="edge edge-po"><line x1="${r(a.x)}" y1="${r(a.y + nodeHeight / 2)}" x2="${r(b.x)}" y2="${r(b.y - nodeHeight / 2)}" ${attrs}/></g>`;
  }
  if (a.x === b.x) {
    const right = isCommunication(e.kind);
    const side = right ? 1 : -1;
    const sx = a.x + side * (nodeWidth / 2);
    const bulge = sx + side * (28 + 12 * nth + 8 * Math.min(4, Math.abs(b.y - a.y) / rowHeight));
    const d = `M ${r(sx)} ${r(a.y)} C ${r(bulge)} ${r(a.y)} ${r(bulge)} ${r(b.y)} ${r(sx)} ${r(b.y)}`;
    return `<g class="edge edge-${e.kind}"><path d="${d}" ${attrs}/>${label(bulge + side * 8, (a.y + b.y) / 2)}</g>`;
  }
  const dir = b.x > a.x ? 1 : -1;
  const sx = a.x + dir * (nodeWidth / 2);
  const ex = b.x - dir * (nodeWidth / 2);
  const bow = bowOf(e.kind) + 10 * nth;
  const mx = (sx + ex) / 2;
  const my = (a.y + b.y) / 2 - bow;
  const d = `M ${r(sx)} ${r(a.y)} Q ${r(mx)} ${r(my)} ${r(ex)} ${r(b.y)}`;
  // The curve's midpoint (t = 1/2 of a quadratic Bézier).
  const lx = (sx + 2 * mx + ex) / 4;
  const ly = (a.y + 2 * my + b.y) / 4;
  return `<g class="edge edge-${e.kind}"><path d="${d}" ${attrs}/>${label(lx, ly - 3)}</g>`;
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
