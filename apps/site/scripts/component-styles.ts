// The <barrier-lab-exercise> element's stylesheet, as built for its shadow
// root (build-web-component.ts). Three things differ from the course's own
// pages, where the same CSS runs in the document:
// - Font faces and the editor's hidden box for screen-reader announcements
//   must be in the document: Chromium ignores @font-face in a shadow root,
//   and Monaco puts that box in the page's <body>. So does the rule that
//   keeps Monaco's hidden context view, also left in <body>, hidden whatever
//   the host's CSS says. They go to a small stylesheet of their own, linked
//   in the page (nothing else of ours is).
// - `rem` is the host page's root font size, which the host may set to
//   anything: in the shadow sheet each `Nrem` becomes N times `--bl-rem`,
//   which the element sets to the reader's own default size.
// - `:root` is the host page's root, which a shadow sheet cannot see: its
//   custom properties go on the element (`:host`), and `:root[data-theme=dark]`
//   becomes the element's own box, which carries its theme (data-bl-theme).

/** The element's stylesheets: `shadow` for its shadow root, `document` for the page. */
export interface ComponentStyles {
  readonly shadow: string;
  readonly document: string;
}

/** The top-level rules and at-rules of `css`, in order, each with its block (comments dropped). */
export function topLevelRules(css: string): string[] {
  const rules: string[] = [];
  let start = 0;
  let depth = 0;
  let quote = '';
  for (let i = 0; i < css.length; i++) {
    const c = css[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      if (depth === 0) {
        const before = css.slice(start, i).trim();
        if (before) throw new Error(`a comment inside a rule's selector at ${i}`);
        start = end < 0 ? css.length : end + 2;
      }
      i = end < 0 ? css.length : end + 1;
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      depth--;
      if (depth < 0) throw new Error(`an unbalanced } at ${i}`);
      if (depth === 0) {
        rules.push(css.slice(start, i + 1).trim());
        start = i + 1;
      }
    } else if (c === ';' && depth === 0) {
      // A statement at-rule (@charset, @import, @layer a, b;).
      rules.push(css.slice(start, i + 1).trim());
      start = i + 1;
    }
  }
  if (depth !== 0 || quote) throw new Error('the stylesheet ends inside a rule or a string');
  return rules.filter((r) => r !== '');
}

/** Whether `rule` must be in the document rather than the shadow root (see the file's header). */
function belongsToDocument(rule: string): boolean {
  if (/^@font-face\b/i.test(rule)) return true;
  const selectors = rule.slice(0, rule.indexOf('{')).split(',').map((s) => s.trim());
  return selectors.every((s) => s === '.monaco-aria-container' || hiddenContextView.test(s));
}

/** component-box.css's rule keeping Monaco's hidden context view (left in the page's <body>) out of the host's layout. */
const hiddenContextView = /^body\s*>\s*\.context-view\[aria-hidden=(['"]?)true\1\]$/;

/** `Nrem` as N times the element's `--bl-rem` (16px until the element sets it). */
export function remToElementUnits(css: string): string {
  return css.replace(/(?<![\w.#-])(-?\d*\.?\d+)rem(?![\w-])/g, (_, n: string) => `calc(${n} * var(--bl-rem, 16px))`);
}

/** Rules keyed on the host page's root: its dark theme keyed on the element's box instead, the root itself as the element. */
export function rootAsTheElement(css: string): string {
  return css.replace(/:root\[data-theme=(['"]?)dark\1\]/g, '.barrier-lab-standalone[data-bl-theme=dark]')
    .replace(/(^|[},]\s*):root\s*(?=[{,])/g, '$1:host');
}

/** Splits the built stylesheet `css` into the shadow root's and the document's (see the file's header). */
export function componentStyles(css: string): ComponentStyles {
  const rules = topLevelRules(css);
  return {
    shadow: rootAsTheElement(remToElementUnits(rules.filter((r) => !belongsToDocument(r)).join('\n'))),
    document: rules.filter(belongsToDocument).join('\n'),
  };
}
