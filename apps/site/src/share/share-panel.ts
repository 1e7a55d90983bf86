// What the Share button shows: the link in a read-only field (selected, and
// copied to the clipboard when the browser allows), with its length; and what
// a page opened from a link says above the work: where the state came from,
// or why the link could not be read, with the learner's own code offered back.
import { element, replaceChildren } from '../workbench/create-element.ts';
import './share.css';

/** Shows `url` in `host` (replacing what was there), selects it and tries to copy it. */
export function showShareLink(host: HTMLElement, url: string, words: string): void {
  const field = element('input', { type: 'text', class: 'wb-share-url', readonly: true, 'aria-label': 'Share link', spellcheck: 'false' });
  field.value = url;
  const status = element('span', { class: 'wb-share-status', role: 'status' });
  const copy = async () => {
    field.select();
    try {
      await navigator.clipboard.writeText(url);
      status.textContent = 'Copied to the clipboard.';
    } catch {
      status.textContent = 'Selected: copy it with Ctrl+C (⌘+C).';
    }
  };
  const copyButton = element('button', { type: 'button', class: 'wb-button', onclick: () => void copy() }, 'Copy link');
  const close = element('button', { type: 'button', class: 'wb-button', onclick: () => replaceChildren(host) }, 'Close');
  replaceChildren(host, element('div', { class: 'wb-share' },
    element('p', { class: 'wb-share-words' }, `${words} ${url.length.toLocaleString('en')} characters.`),
    element('div', { class: 'wb-share-row' }, field, copyButton, close),
    status));
  field.focus();
  void copy();
}

/**
 * Says `note` in `host` (a link's origin, or why it could not be read). With
 * `bringBack`, offers to put the learner's own code back in the editor.
 */
export function showShareNote(host: HTMLElement, note: string, bringBack?: () => void): void {
  if (!note && !bringBack) {
    replaceChildren(host);
    return;
  }
  const back = bringBack
    ? element('button', {
      type: 'button', class: 'wb-button',
      onclick: () => {
        bringBack();
        replaceChildren(host, element('p', { class: 'wb-share-note', role: 'status' }, 'Your own code is back in the editor.'));
      },
    }, 'Bring back my code')
    : null;
  replaceChildren(host, element('div', { class: 'wb-share-note', role: 'status' }, element('p', {}, note), back));
}
