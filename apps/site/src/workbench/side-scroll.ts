// A picture wider than its column (an execution graph of a kernel scenario is
// ~1,000 px) scrolls sideways in its own box, never the page: this tells the
// learner so. While the picture is wider than its box, a bar above it shows:
// a hint in words (the box's accessible description while it scrolls) and a
// "Fit to width" toggle that shrinks the whole picture into the column (the
// shape at a glance; pressed again, back to its own size with labels that
// read). The bar sticks under the page's header while the picture is on
// screen, so a learner deep in a tall graph still sees both. While the box
// scrolls it takes the keyboard focus (the arrow keys scroll it) and its
// frame fades the edge the picture goes on past (side-scroll.css). Used by
// the workbench's graph and the chapters' graphs.
import './side-scroll.css';

/** The elements: the frame (`.side-scroll`), the box that scrolls inside it, the picture, the bar (`.side-scroll-bar`) with its hint, its note and its toggle. */
export interface SideScrollParts {
  readonly frame: HTMLElement;
  readonly scroller: HTMLElement;
  /** The drawing: its view box's width is its own size in px. */
  readonly picture: SVGSVGElement;
  readonly bar: HTMLElement;
  readonly hint: HTMLElement;
  /** Shown instead of the hint while the picture is shrunk: how to read its labels again. */
  readonly note: HTMLElement;
  readonly fit: HTMLButtonElement;
}

/** The hint's words (the arrow points the way there is more to see; a no-break space keeps it on the words' line). */
export const sideScrollHint = 'Scroll sideways to see the whole graph\u00a0→';
/** The toggle's name (it stays the same; aria-pressed says whether the picture is shrunk). */
export const fitToWidthLabel = 'Fit to width';
/** The note beside the pressed toggle. */
export const fittedNote = 'Shrunk to fit: press again to read the labels';

// A learner who shrank a graph wants the next one (after another check) shrunk too.
let fitChosen = false;

/** Keeps the cues of `parts` in step with the scroller: now, on every scroll, whenever its size changes, and when the toggle is pressed. */
export function showSideScroll({ frame, scroller, picture, bar, hint, note, fit }: SideScrollParts): void {
  let fitted = fitChosen;
  const update = (): void => {
    // Wider than the box at its own size (the box's border is not room for it).
    const wide = picture.viewBox.baseVal.width > scroller.clientWidth + 1;
    const shrunk = wide && fitted;
    frame.toggleAttribute('data-fit', shrunk);
    fit.setAttribute('aria-pressed', String(shrunk));
    bar.hidden = !wide;
    note.hidden = !shrunk;
    const overflows = !shrunk && scroller.scrollWidth > scroller.clientWidth + 1;
    hint.hidden = !overflows;
    // Focusable only when there is something to scroll to: a picture that fits is no tab stop.
    if (overflows) {
      scroller.setAttribute('tabindex', '0');
      scroller.setAttribute('aria-describedby', hint.id);
    } else {
      scroller.removeAttribute('tabindex');
      scroller.removeAttribute('aria-describedby');
    }
    frame.toggleAttribute('data-more-left', overflows && scroller.scrollLeft > 1);
    frame.toggleAttribute('data-more-right', overflows && scroller.scrollLeft + scroller.clientWidth < scroller.scrollWidth - 1);
  };
  fit.addEventListener('click', () => {
    fitted = !fitted;
    fitChosen = fitted;
    update();
  });
  scroller.addEventListener('scroll', update, { passive: true });
  // The column's width changes with the window (a phone turned, the sidebar opened).
  new ResizeObserver(update).observe(scroller);
  update();
}
