// The execution graph as the engine draws it (SVG: one column per CPU, po
// down each column, rf/co/fr between them, barrier and dependency edges),
// made live: pointing at an event highlights its source line in the editor
// (and the lanes), and pointing at a line highlights its events here. A
// graph wider than its column scrolls sideways in its own box, says so, and
// offers to shrink to the column (side-scroll.ts).
import { element } from './create-element.ts';
import { graphLegend } from './graph-legend.ts';
import './graph-colours.css';
import { fitToWidthLabel, fittedNote, showSideScroll, sideScrollHint } from './side-scroll.ts';

/** Called with the event and line pointed at (undefined when the pointer leaves). */
export type EventHover = (target: { readonly event: number; readonly line: number } | undefined) => void;

/** The live graph: its element, and how to light events up. */
export interface GraphView {
  readonly root: HTMLElement;
  /** Highlights the events of `lines`, or the events `events` (an empty list clears). */
  highlight(which: { readonly lines?: readonly number[]; readonly events?: readonly number[] }): void;
  /** Widens the picture to everything drawn (edge labels may bulge past the margin) and shows whether it scrolls; call once it is in the page. */
  fitToDrawing(): void;
}

/**
 * `svg` is the engine's own drawing (graphToSvg: text escaped, no scripts);
 * `description` is read instead of the picture by assistive technology.
 */
export function graphView(svg: string, description: string, onHover: EventHover): GraphView {
  const hint = element('p', { class: 'side-scroll-hint', id: `wb-graph-hint-${++graphs}`, hidden: true }, sideScrollHint);
  const fit = element('button', { type: 'button', class: 'side-scroll-fit', 'aria-pressed': 'false' }, fitToWidthLabel);
  const note = element('p', { class: 'side-scroll-note', hidden: true }, fittedNote);
  const bar = element('div', { class: 'side-scroll-bar', hidden: true }, hint, note, fit);
  const picture = element('div', { class: 'wb-graph-picture engine-graph', role: 'group', 'aria-label': 'Execution graph' });
  picture.innerHTML = svg;
  const drawing = picture.querySelector('svg');
  drawing?.setAttribute('role', 'img');
  drawing?.setAttribute('aria-label', description);
  // Drawn at its own size (the CSS never shrinks it): its 10-unit labels stay 10 px.
  const width = Number(drawing?.getAttribute('width') ?? 0);
  drawing?.style.setProperty('--natural-width', `${width}px`);
  drawing?.removeAttribute('width');
  drawing?.removeAttribute('height');
  const nodes = [...picture.querySelectorAll<SVGGElement>('g.event')];
  for (const node of nodes) {
    const event = Number(node.dataset.event);
    const line = Number(node.dataset.line);
    // A mouse (or pen) resting on a box marks it while it stays. A finger has nothing to rest:
    // a tap marks the box and it stays marked (Chrome ends a tap with a leave, which is ignored).
    node.addEventListener('pointerenter', (e) => { if (e.pointerType !== 'touch') onHover({ event, line }); });
    node.addEventListener('pointerleave', (e) => { if (e.pointerType !== 'touch') onHover(undefined); });
    node.addEventListener('click', () => onHover({ event, line }));
  }
  const frame = element('div', { class: 'side-scroll' }, picture);
  // Each box's first text is its label (`W[once] x=1`); the legend says what the graph's labels mean.
  const legend = graphLegend(nodes.map((node) => node.querySelector('text')?.textContent ?? ''));
  const root = element('figure', { class: 'wb-graph' },
    element('figcaption', {},
      element('span', {}, 'The execution graph: each box is one access or barrier; arrows show program order (po), which store a read reads from (rf), the order of stores to one variable (co) and which stores a read missed (fr). Point at a box, or tap it, to mark its line in the editor and its steps in the lanes.'),
      ...(legend ? [element('span', { class: 'wb-graph-legend' }, legend)] : [])),
    bar,
    frame);
  let watching = false;
  return {
    root,
    fitToDrawing() {
      if (drawing) widenToDrawing(drawing);
      // Only in the page has the box a size to compare the picture with.
      if (!watching && drawing) showSideScroll({ frame, scroller: picture, picture: drawing, bar, hint, note, fit });
      watching = true;
    },
    highlight({ lines = [], events = [] }) {
      for (const node of nodes) {
        const on = lines.includes(Number(node.dataset.line)) || events.includes(Number(node.dataset.event));
        node.classList.toggle('wb-linked', on);
      }
    },
  };
}

/** Widens `drawing`'s view box to everything drawn (edge labels may bulge past the engine's margin). */
function widenToDrawing(drawing: SVGSVGElement): void {
  const box = drawing.getBBox();
  const [x, y, w, h] = (drawing.getAttribute('viewBox') ?? '').split(/\s+/).map(Number);
  if (![x, y, w, h].every(Number.isFinite) || box.width === 0) return;
  const left = Math.min(x!, Math.floor(box.x) - 4);
  const right = Math.max(x! + w!, Math.ceil(box.x + box.width) + 4);
  drawing.setAttribute('viewBox', `${left} ${y} ${right - left} ${h}`);
  drawing.style.setProperty('--natural-width', `${right - left}px`);
}

/** Graphs made so far in this page: each hint's id is unique. */
let graphs = 0;
