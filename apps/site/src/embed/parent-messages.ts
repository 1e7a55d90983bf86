// What an embedded exercise (the /embed/<id>/ route in an iframe) tells the
// page around it, with window.postMessage. The parent's origin is never
// guessed and never '*': the page that embeds names itself in the iframe's
// URL (`?parent=https://docs.example.org`), and every message goes to that
// origin only, so the browser delivers nothing when the frame is elsewhere
// (or was framed by a page that lied about itself). Without `parent`, the
// embed sends nothing. It accepts no message from the parent.
import { checkedEvent, type WorkbenchCheckedDetail } from '../workbench/workbench-events.ts';

/** The version of the messages' format (the `version` field). */
export const embedMessageVersion = 1;

/** Every message's common fields. */
interface MessageBase {
  /** Always 'barrier-lab': tells these messages from others the parent receives. */
  readonly source: 'barrier-lab';
  readonly version: typeof embedMessageVersion;
  readonly exercise: string;
}

/** The messages an embed posts. */
export type EmbedMessage =
  /** The workbench is ready (Check works). */
  | MessageBase & { readonly type: 'ready' }
  /** A graded check, whatever its result. */
  | MessageBase & { readonly type: 'checked' } & Omit<WorkbenchCheckedDetail, 'exercise'>
  /** A graded check that solved the exercise. */
  | MessageBase & { readonly type: 'solved' } & Omit<WorkbenchCheckedDetail, 'exercise'>
  /** The embed's content height in CSS pixels changed (size the iframe to it). */
  | MessageBase & { readonly type: 'resize'; readonly height: number };

/**
 * The origin messages go to: the `parent` query parameter's origin when it
 * is an http(s) URL; undefined otherwise (then nothing is posted).
 */
export function parentOrigin(search: string): string | undefined {
  const value = new URLSearchParams(search).get('parent');
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin !== 'null' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Posts `host`'s workbench events and size to the parent window at `origin` (from `parentOrigin`). */
export function connectToParent(host: HTMLElement, exercise: string, origin: string | undefined, win: Window = window): void {
  if (!origin || win.parent === win) return;
  const post = (message: EmbedMessage) => win.parent.postMessage(message, origin);
  const base = { source: 'barrier-lab', version: embedMessageVersion, exercise } as const;
  host.addEventListener(checkedEvent, (event) => {
    const { exercise: _id, ...detail } = (event as CustomEvent<WorkbenchCheckedDetail>).detail;
    post({ ...base, type: 'checked', ...detail });
    if (detail.status === 'correct') post({ ...base, type: 'solved', ...detail });
  });
  let last = 0;
  const measure = () => {
    const height = Math.ceil(win.document.documentElement.scrollHeight);
    if (height === last) return;
    last = height;
    post({ ...base, type: 'resize', height });
  };
  new ResizeObserver(measure).observe(win.document.body);
  measure();
  const ready = () => post({ ...base, type: 'ready' });
  if (host.dataset.workbench === 'ready') ready();
  else new MutationObserver((_, observer) => {
    if (host.dataset.workbench !== 'ready') return;
    observer.disconnect();
    ready();
  }).observe(host, { attributes: true, attributeFilter: ['data-workbench'] });
}
