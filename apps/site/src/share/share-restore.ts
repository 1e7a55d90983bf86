// Opening a page from an exercise's share link: decode the fragment, mount
// that exercise's workbench at once, put the shared state in (or, for a
// link that cannot be read, the starter) and say which, then drop the
// fragment from the address bar so a reload shows the learner's own work.
import type { Workbench } from '../workbench/workbench.ts';
import { decodeFragment, shareFragment } from './share-url.ts';
import { fingerprint, type SharedExercise } from './share-link.ts';

/** Restores the exercise a `#share=` fragment names, on this page; `mount` mounts a host's workbench. */
export async function restoreSharedExercise(hash: string, mount: (host: HTMLElement) => Promise<Workbench>): Promise<void> {
  const fragment = shareFragment(hash);
  if (!fragment) return;
  const decoded = await decodeFragment(fragment);
  const id = decoded.ok && decoded.state.kind === 'exercise' ? decoded.state.exercise : fragment.exercise;
  const host = id ? document.querySelector<HTMLElement>(`[data-exercise-id="${CSS.escape(id)}"]`) : null;
  forgetFragment();
  if (!host) {
    pageNote(id
      ? `This share link is for the exercise “${id}”, which is not on this page.`
      : `This share link could not be opened: ${decoded.ok ? 'it is not for an exercise' : decoded.problem.message}.`);
    return;
  }
  host.scrollIntoView({ block: 'start' });
  const bench = await mount(host);
  if (!decoded.ok || decoded.state.kind !== 'exercise') {
    const why = decoded.ok ? 'it is not for an exercise' : decoded.problem.message;
    await bench.restore('starter', `This share link could not be opened: ${why}. The exercise shows its starter code.`);
    return;
  }
  const state: SharedExercise = decoded.state;
  const starterChanged = state.starter !== undefined && state.starter !== starterFingerprint(host);
  await bench.restore(
    { code: state.code, ...(state.models ? { models: state.models } : {}), ...(state.flush ? { flush: state.flush } : {}), ...(state.step ? { step: state.step } : {}) },
    `Opened from a share link: the code${state.models || state.flush ? ', the settings' : ''}${state.step ? ' and the step position' : ''} as they were shared.${starterChanged ? ' The exercise\u2019s starter has changed since the link was made; the code is the link\u2019s, as it was.' : ''}`,
  );
  host.scrollIntoView({ block: 'start' });
}

function starterFingerprint(host: HTMLElement): string | undefined {
  const data = host.querySelector<HTMLScriptElement>('script.exercise-data')?.textContent;
  try {
    const starter = data ? (JSON.parse(data) as { starter?: unknown }).starter : undefined;
    return typeof starter === 'string' ? fingerprint(starter) : undefined;
  } catch {
    return undefined;
  }
}

function forgetFragment(): void {
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

/** A note at the top of the page's content, for a link whose exercise is not here. */
function pageNote(text: string): void {
  const note = document.createElement('p');
  note.className = 'share-page-note';
  note.setAttribute('role', 'alert');
  note.textContent = text;
  const content = document.querySelector('main .sl-markdown-content') ?? document.querySelector('main') ?? document.body;
  content.prepend(note);
}
