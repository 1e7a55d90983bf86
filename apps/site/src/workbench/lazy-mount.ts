// The only workbench code in a chapter page's first JavaScript: it waits
// until an exercise comes near the viewport, then loads the workbench (and,
// through it, Monaco and the check worker) and mounts it on the exercise.
// An exercise never scrolled to costs nothing.
import { parseExerciseView } from './exercise-view.ts';
import type { Workbench } from './workbench.ts';

/** An exercise element once its workbench is mounted: `element.workbench` is its API. */
export type WorkbenchHost = HTMLElement & { workbench?: Workbench };

/** How far below the viewport an exercise starts loading. */
const margin = '300px 0px';

const mounted = new WeakMap<HTMLElement, Promise<Workbench>>();
let followingShareLinks = false;

/** Opens a share link in the URL now, and any pasted into the address bar later (a change of the fragment only). */
function followShareLinks(): void {
  if (followingShareLinks || typeof window === 'undefined') return;
  followingShareLinks = true;
  const follow = () => {
    if (!location.hash.startsWith('#share=')) return;
    void import('../share/share-restore.ts').then(({ restoreSharedExercise }) => restoreSharedExercise(location.hash, mountExercise));
  };
  follow();
  window.addEventListener('hashchange', follow);
}

/**
 * Mounts the workbench on `host` (a `[data-exercise-id]` element with its
 * JSON) now, once: later calls get the same promise. A failure to load says
 * so in the exercise.
 */
export function mountExercise(host: HTMLElement): Promise<Workbench> {
  const known = mounted.get(host);
  if (known) return known;
  host.dataset.workbench = 'loading';
  const data = host.querySelector<HTMLScriptElement>('script.exercise-data')?.textContent ?? '';
  const mounting = import('./workbench.ts')
    .then(async ({ mountWorkbench }) => {
      // A page may send share links elsewhere (the embed route: to the chapter).
      const sharePage = host.dataset.sharePage ? new URL(host.dataset.sharePage, location.href).href : undefined;
      const bench = mountWorkbench(host, parseExerciseView(data), sharePage ? { sharePage } : {});
      (host as WorkbenchHost).workbench = bench;
      await bench.ready;
      host.dataset.workbench = 'ready';
      return bench;
    });
  mounting.catch((error: unknown) => {
    host.dataset.workbench = 'failed';
    const note = document.createElement('p');
    note.className = 'wb-load-failed';
    note.textContent = `The exercise could not load (${(error as Error)?.message ?? String(error)}). Reload the page to try again.`;
    host.append(note);
  });
  mounted.set(host, mounting);
  return mounting;
}

/** Mounts a workbench on every `[data-exercise-id]` element of the page as it comes into view; a share link in the URL opens its exercise at once. */
export function mountExercisesWhenVisible(root: ParentNode = document): void {
  const hosts = [...root.querySelectorAll<HTMLElement>('[data-exercise-id]')].filter((host) => !host.dataset.workbench);
  if (hosts.length === 0) return;
  followShareLinks();
  const mount = (host: HTMLElement) => void mountExercise(host).catch(() => {
    // Said in the exercise by mountExercise.
  });
  if (typeof IntersectionObserver === 'undefined') {
    hosts.forEach(mount);
    return;
  }
  const observer = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      observer.unobserve(entry.target);
      mount(entry.target as HTMLElement);
    }
  }, { rootMargin: margin });
  hosts.forEach((host) => observer.observe(host));
}
