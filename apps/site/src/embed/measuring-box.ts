// Where Monaco measures text when it runs inside <barrier-lab-exercise>.
// Monaco measures its font's character widths (and, wrapping the browser's
// way, where rows break) in elements it adds to the page's <body> for a
// moment. In a host page whose CSS reaches every element (`* { font-size:
// 40px; letter-spacing: 3px }`), those elements would be measured in the
// host's type, and the editor would draw with the wrong widths: wrapping too
// early, the cursor off its character. The component's build
// (scripts/build-web-component.ts) makes Monaco add them here instead: a box
// in a shadow root of its own, where no rule of the page matches and nothing
// is inherited (all: initial), in a hidden element at the end of <body>.

const boxes = new WeakMap<Document, HTMLElement>();

/** The box of `target`'s document where Monaco's measuring elements go (made on first use, and again if the page removed it). */
export function measuringBox(target: Window): HTMLElement {
  const page = target.document;
  const known = boxes.get(page);
  if (known?.isConnected) return known;
  const host = page.createElement('barrier-lab-measuring');
  host.setAttribute('aria-hidden', 'true');
  // Out of sight and out of the page's layout; the measuring elements are absolute and far off anyway.
  host.style.cssText = 'position: absolute; top: 0; left: 0; width: 0; height: 0; overflow: hidden; pointer-events: none';
  const box = page.createElement('div');
  box.style.cssText = 'all: initial; display: block; position: absolute; top: 0; left: 0';
  host.attachShadow({ mode: 'open' }).append(box);
  page.body.append(host);
  boxes.set(page, box);
  return box;
}
