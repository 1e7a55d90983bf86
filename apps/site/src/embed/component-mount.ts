// The part of <barrier-lab-exercise> loaded once an element is on the page:
// fetch the exercise's view from the script's origin, render its title and
// task, and mount the workbench with a check worker that works from another
// origin (a page may not start a worker from another origin's URL, so the
// worker is started from a blob that imports the real one: the import is a
// CORS request the site answers).
import { CheckClient, type WorkerFactory } from '../workbench/check-client.ts';
import { element } from '../workbench/create-element.ts';
import type { ExerciseView } from '../workbench/exercise-view.ts';
import { parseExerciseView } from '../workbench/exercise-view.ts';
import { kernelCThemes } from '../workbench/kernel-c-language.ts';
import { loadMonaco } from '../workbench/monaco-loader.ts';
import { mountWorkbench, type Workbench } from '../workbench/workbench.ts';
import workerUrl from '../workbench/check-worker.ts?worker&url';
import './standalone-theme.css';
import './component-box.css';

/** What /embed/<id>/view.json holds. */
interface ViewFile {
  readonly view: ExerciseView;
  /** The chapter page, relative to the site. */
  readonly page: string;
  readonly chapter: { readonly number: number; readonly title: string };
}

const mounted = new WeakMap<HTMLElement, Workbench>();

/** Mounts exercise `id` in `box`, the element's child; `base` is the folder of the component's script. */
export async function mountComponent(element_: HTMLElement, box: HTMLElement, id: string, base: URL): Promise<void> {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) throw new Error('the exercise attribute must be an exercise id such as "mp-wmb-rmb"');
  const response = await fetch(new URL(`${id}/view.json`, base), { credentials: 'omit' });
  if (!response.ok) throw new Error(response.status === 404 ? 'there is no exercise with that id' : `the site answered ${response.status}`);
  const file = (await response.json()) as ViewFile;
  const view = parseExerciseView(JSON.stringify(file.view));
  const site = new URL('../', base);
  const chapterUrl = new URL(file.page, site).href;
  const host = element('section', { class: 'exercise', 'data-exercise-id': view.id, 'aria-labelledby': `bl-exercise-${view.id}` },
    element('h2', { id: `bl-exercise-${view.id}`, class: 'exercise-title' }, `Exercise: ${view.title}`),
    element('p', { class: 'exercise-task' }, view.task),
    element('p', { class: 'exercise-may-change' }, view.mayChange));
  box.replaceChildren(host,
    element('p', { class: 'barrier-lab-credit' }, 'An exercise of ',
      element('a', { href: chapterUrl, target: '_blank', rel: 'noopener' }, `Barrier Lab, chapter ${file.chapter.number}: ${file.chapter.title}`), '.'));
  const bench = mountWorkbench(host, view, { client: new CheckClient(crossOriginWorker(new URL(workerUrl, import.meta.url))), sharePage: chapterUrl });
  mounted.set(element_, bench);
  await bench.ready;
  followTheme();
  host.dataset.workbench = 'ready';
  element_.setAttribute('data-state', 'ready');
  (element_ as HTMLElement & { workbench?: Workbench }).workbench = bench;
}

/** Stops the element's workbench (its worker and editor). */
export function unmountComponent(element_: HTMLElement): void {
  mounted.get(element_)?.dispose();
  mounted.delete(element_);
}

/**
 * Sets the editors' theme. Monaco has one theme for the whole page: the one
 * every <barrier-lab-exercise> of the page asks for, or, when they differ,
 * the reader's system setting.
 */
export function followTheme(): void {
  const asked = new Set([...document.querySelectorAll<HTMLElement & { theme?: 'light' | 'dark' }>('barrier-lab-exercise')].map((e) => e.theme));
  const system = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  const theme = asked.size === 1 ? [...asked][0] ?? system : system;
  void loadMonaco().then((monaco) => monaco.editor.setTheme(theme === 'dark' ? kernelCThemes.dark : kernelCThemes.light));
}

/** Starts the check worker at `url`: directly when it is of this page's origin, else through a blob that imports it. */
export function crossOriginWorker(url: URL): WorkerFactory {
  return () => {
    if (url.origin === location.origin) return new Worker(url, { type: 'module', name: 'barrier-lab-check' });
    const shim = URL.createObjectURL(new Blob([`import ${JSON.stringify(url.href)};\n`], { type: 'text/javascript' }));
    const worker = new Worker(shim, { type: 'module', name: 'barrier-lab-check' });
    // The blob is read when the worker starts; it is not needed after.
    setTimeout(() => URL.revokeObjectURL(shim), 60_000);
    return worker;
  };
}
