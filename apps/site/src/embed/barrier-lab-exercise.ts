// <barrier-lab-exercise exercise="mp-wmb-rmb"></barrier-lab-exercise>: an
// exercise of the course in any HTML page, from one script:
//
//   <script type="module" src="https://barrier-lab.example/embed/barrier-lab-exercise.js"></script>
//
// This entry is tiny: it defines the element, and when one is connected it
// loads the rest (the workbench, then Monaco and the check worker) from the
// script's own origin, with the exercise's data (/embed/<id>/view.json).
// The element renders in the light DOM (Monaco measures and styles itself
// through the document), inside a `.barrier-lab-standalone` box whose
// styles and colours are its own. Attributes and events: docs/embedding.md.

import type * as ComponentMountModule from './component-mount.ts';

/** Where this script was loaded from: the other files are beside it. */
const base = new URL(import.meta.url.replace(/[^/]*$/, ''));

/** The part loaded once an element connects (built as its own entry, scripts/build-web-component.ts). */
type ComponentMount = typeof ComponentMountModule;

let loading: Promise<ComponentMount> | undefined;

/** Loads the stylesheet and the mounting code once per page. */
function loadMount(): Promise<ComponentMount> {
  if (!loading) {
    const styles = document.createElement('link');
    styles.rel = 'stylesheet';
    styles.href = new URL('barrier-lab-exercise.css', base).href;
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

/** The element. */
export class BarrierLabExerciseElement extends HTMLElement {
  static readonly observedAttributes = ['exercise', 'theme'];
  private mounted: string | undefined;
  private box: HTMLElement | undefined;

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
    this.box = document.createElement('div');
    this.box.className = 'barrier-lab-standalone barrier-lab-exercise-box';
    this.box.setAttribute('data-bl-theme', this.theme);
    const loading = document.createElement('p');
    loading.className = 'barrier-lab-loading';
    loading.setAttribute('role', 'status');
    loading.textContent = 'Loading the exercise…';
    this.box.append(loading);
    this.replaceChildren(this.box);
    try {
      const { mountComponent } = await loadMount();
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
