// Building DOM without a framework: the workbench is a few panels of plain
// elements, and text always goes in as text (never parsed as HTML), so what
// a learner types or a diagnostic quotes cannot inject markup.

/** Attributes and properties of a new element: strings become attributes, `on*` functions listeners. */
export type ElementProps = Readonly<Record<string, string | number | boolean | undefined | ((event: Event) => void)>>;

/** A child: an element, text, or nothing. */
export type Child = Node | string | number | false | null | undefined;

/** `<tag ...props>children</tag>`; `class` and `for` are attributes, `hidden`/`disabled` booleans. */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElementProps = {}, ...children: readonly Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') node.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, String(value));
  }
  append(node, children);
  return node;
}

/** A heading of `level` (kept within h2-h6), so the workbench's headings follow its host's. */
export function heading(level: number, props: ElementProps, ...children: readonly Child[]): HTMLHeadingElement {
  const tag = `h${Math.min(6, Math.max(2, Math.round(level)))}` as 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
  return element(tag, props, ...children);
}

/** Appends `children` to `parent`, skipping empty ones. */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces everything inside `parent` with `children`. */
export function replaceChildren(parent: Element, ...children: readonly Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}
