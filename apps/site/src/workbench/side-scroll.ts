// A picture wider than its column (an execution graph of a kernel scenario is
// ~1,000 px) scrolls sideways in its own box, never the page: this tells the
// learner so. While the box overflows, a hint says it in words (and is its
// accessible description), the box takes the keyboard focus (the arrow keys
// scroll it), and its frame fades the edge the picture goes on past
// (side-scroll.css). Used by the workbench's graph and the chapters' graphs.
import './side-scroll.css';

/** The three elements: the frame (`.side-scroll`), the box that scrolls inside it, the hint (`.side-scroll-hint`). */
export interface SideScrollParts {
  readonly frame: HTMLElement;
  readonly scroller: HTMLElement;
  readonly hint: HTMLElement;
}

/** Keeps the cues of `parts` in step with the scroller: now, on every scroll, and whenever its size changes. */
export function showSideScroll({ frame, scroller, hint }: SideScrollParts): void {
  const update = (): void => {
    const overflows = scroller.scrollWidth > scroller.clientWidth + 1;
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
  scroller.addEventListener('scroll', update, { passive: true });
  // The column's width changes with the window (a phone turned, the sidebar opened).
  new ResizeObserver(update).observe(scroller);
  update();
}

/** The hint's words (the arrow points the way there is more to see). */
export const sideScrollHint = 'Scroll sideways to see the whole graph →';
