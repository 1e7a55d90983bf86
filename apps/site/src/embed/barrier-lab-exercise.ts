// <barrier-lab-exercise exercise="mp-wmb-rmb"></barrier-lab-exercise>: an
// exercise of the course in any HTML page, from one script:
//
//   <script type="module" src="https://barrier-lab.example/embed/barrier-lab-exercise.js"></script>
//
// This entry is tiny: it defines the element, and when one is connected it
// loads the rest (the workbench, then Monaco and the check worker) from the
// script's own origin, with the exercise's data (/embed/<id>/view.json).
// The element renders in its own (open) shadow root, with its stylesheet
// linked there: the host page's CSS does not reach in and ours does not
// reach out. Only what must be in the page is linked in the page's <head>
// (the editor's icon font and the hidden box Monaco announces changes in,
// scripts/component-styles.ts). Attributes and events: docs/embedding.md.

import type * as ComponentMountModule from './component-mount.ts';

/** Where this script was loaded from: the other files are beside it. */
const base = new URL(import.meta.url.replace(/[^/]*$/, ''));

/** The part loaded once an element connects (built as its own entry, scripts/build-web-component.ts). */
type ComponentMount = typeof ComponentMountModule;

let loading: Promise<ComponentMount> | undefined;

/** Loads the page's few rules and the mounting code once per page. */
function loadMount(): Promise<ComponentMount> {
  if (!loading) {
    const styles = document.createElement('link');
    styles.rel = 'stylesheet';
    styles.href = new URL('barrier-lab-exercise-document.css', base).href;
    styles.dataset.barrierLab = '';
    document.head.append(styles);
    // A fixed file beside this one; the bundler leaves the import as written.
    loading = import(/* @vite-ignore */ new URL('component-mount.js', base).href) as Promise<ComponentMount>;
    loading.catch(() => {
      loading = undefined;
    });
  }
  return loading;
}

/** The element's stylesheet, linked in `root`; the promise settles once it has loaded or failed (unstyled, the exercise still works). */
function linkStyles(root: ShadowRoot): { readonly link: HTMLLinkElement; readonly loaded: Promise<void> } {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('barrier-lab-exercise.css', base).href;
  const loaded = new Promise<void>((settle) => {
    link.addEventListener('load', () => settle(), { once: true });
    link.addEventListener('error', () => settle(), { once: true });
  });
  root.append(link);
  return { link, loaded };
}

/**
 * The reader's default text size (CSS `medium`): the element's `rem`, which
 * the host page's root font size must not change (its stylesheet measures in
 * `--bl-rem`, scripts/component-styles.ts).
 */
function readerTextSize(root: ShadowRoot): string {
  const probe = document.createElement('span');
  probe.style.fontSize = 'medium';
  root.append(probe);
  const size = getComputedStyle(probe).fontSize;
  probe.remove();
  return size || '16px';
}

/** The element. */
export class BarrierLabExerciseElement extends HTMLElement {
  static readonly observedAttributes = ['exercise', 'theme'];
  private mounted: string | undefined;
  private box: HTMLElement | undefined;
  private styles: { readonly link: HTMLLinkElement; readonly loaded: Promise<void> } | undefined;

  constructor() {
    super();
    // Open, so the page (and its tests) can look inside; the element's content lives only there.
    if (!this.shadowRoot) this.attachShadow({ mode: 'open' });
  }

  connectedCallback(): void {
    void this.mount();
  }

  attributeChangedCallback(name: string, before: string | null, after: string | null): void {
    if (!this.isConnected || before === after) return;
    if (name === 'theme') this.applyTheme();
    // Another exercise: start afresh.
    if (name === 'exercise' && this.mounted !== undefined && after !== this.mounted) {
      void loadMount().then((m) => m.unmountComponent(this));
      this.mounted = undefined;
      void this.mount();
    }
  }

  disconnectedCallback(): void {
    if (this.mounted === undefined) return;
    void loadMount().then((m) => m.unmountComponent(this));
    this.mounted = undefined;
  }

  /** The theme asked for: light, dark, or auto (the reader's system setting, the default). */
  get theme(): 'light' | 'dark' {
    const asked = this.getAttribute('theme');
    if (asked === 'light' || asked === 'dark') return asked;
    return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }

  private applyTheme(): void {
    this.box?.setAttribute('data-bl-theme', this.theme);
    void loadMount().then((m) => m.followTheme());
  }

  private async mount(): Promise<void> {
    const id = this.getAttribute('exercise') ?? '';
    if (this.mounted === id) return;
    this.mounted = id;
    const root = this.shadowRoot!;
    this.styles ??= linkStyles(root);
    this.box = document.createElement('div');
    this.box.className = 'barrier-lab-standalone barrier-lab-exercise-box';
    this.box.setAttribute('data-bl-theme', this.theme);
    this.box.style.setProperty('--bl-rem', readerTextSize(root));
    const loading = document.createElement('p');
    loading.className = 'barrier-lab-loading';
    loading.setAttribute('role', 'status');
    loading.textContent = 'Loading the exercise…';
    this.box.append(loading);
    root.replaceChildren(this.styles.link, this.box);
    try {
      // The styles first, so the editor measures its box as it will be drawn.
      const [{ mountComponent }] = await Promise.all([loadMount(), this.styles.loaded]);
      if (this.mounted !== id) return;
      await mountComponent(this, this.box, id, base);
    } catch (error) {
      if (this.mounted !== id) return;
      this.setAttribute('data-state', 'failed');
      loading.setAttribute('role', 'alert');
      loading.textContent = `The exercise “${id}” could not load: ${(error as Error)?.message ?? String(error)}.`;
    }
  }
}

if (!customElements.get('barrier-lab-exercise')) customElements.define('barrier-lab-exercise', BarrierLabExerciseElement);
