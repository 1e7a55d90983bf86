// Marks the sidebar's chapter links with the learner's progress: "1/2" while
// some of a chapter's exercises are open, "✓ 2/2" once all are solved. It
// reads the progress the workbench keeps (storage.ts) and follows changes on
// this page and in other tabs.
import { progressEvent, progressKey, ProgressStore } from './storage.ts';

/** Adds (and keeps up to date) the marks; the chapter → exercises map comes from the page's JSON. */
export function markSolvedInSidebar(store: ProgressStore = new ProgressStore()): void {
  const data = document.getElementById('barrier-lab-chapter-exercises')?.textContent;
  if (!data) return;
  const byPath = JSON.parse(data) as Record<string, string[]>;
  const update = () => {
    const solved = store.solvedIds();
    for (const link of document.querySelectorAll<HTMLAnchorElement>('#starlight__sidebar a[href]')) {
      const ids = byPath[new URL(link.href).pathname];
      if (!ids) continue;
      const done = ids.filter((id) => solved.has(id)).length;
      let mark = link.querySelector<HTMLElement>('.sidebar-progress');
      if (done === 0) {
        mark?.remove();
        continue;
      }
      if (!mark) {
        mark = document.createElement('span');
        mark.className = 'sidebar-progress';
        link.append(mark);
      }
      const all = done === ids.length;
      const words = document.createElement('span');
      words.className = 'sr-only';
      words.textContent = ` (${done} of ${ids.length} exercises solved)`;
      const shown = document.createElement('span');
      shown.setAttribute('aria-hidden', 'true');
      shown.textContent = `${all ? '✓ ' : ''}${done}/${ids.length}`;
      mark.replaceChildren(shown, words);
      mark.toggleAttribute('data-done', all);
    }
  };
  update();
  window.addEventListener(progressEvent, update);
  window.addEventListener('storage', (event) => {
    if (event.key === progressKey || event.key === null) update();
  });
}
