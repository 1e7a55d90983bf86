// The playground's own test and settings, kept in the browser (localStorage)
// so a reload or a later visit finds them as they were left. The same
// conventions as the exercises' progress (workbench/storage.ts): one
// versioned key, a document read back field by field, and a storage that is
// missing, full or forbidden costs the comfort, never the page. The state is
// the one a share link holds (without the execution shown or Play it's
// step), checked by the same `sharedState`.
import { sharedState, type SharedPlayground } from '../share/share-link.ts';
import { browserStorage, safely, type KeyValueStorage } from '../workbench/storage.ts';

/** The localStorage key; the number is the format's version. */
export const playgroundKey = 'barrier-lab:playground:v1';

/** What is kept: the test, the model, the flush flavour, the limits changed from the defaults, and the example the test came from. */
export type KeptPlayground = Omit<SharedPlayground, 'execution' | 'step'> & {
  /** The id of the example last loaded (what Reset to example goes back to). */
  readonly example?: string;
};

/** Reads, writes and forgets the playground's test and settings. */
export class PlaygroundStore {
  constructor(private readonly storage: KeyValueStorage | undefined = browserStorage()) {}

  /** The kept state; undefined when there is none or it does not read as one (then it is as good as none). */
  read(): KeptPlayground | undefined {
    const text = safely(() => this.storage?.getItem(playgroundKey) ?? null, null);
    return text === null ? undefined : parseKeptPlayground(text);
  }

  /** Keeps `state` (a share link's execution and step are not kept). Returns whether it was stored. */
  write(state: SharedPlayground, example?: string): boolean {
    const { execution: _execution, step: _step, ...shared } = state;
    const kept: KeptPlayground = { ...shared, ...(example === undefined ? {} : { example }) };
    return safely(() => {
      this.storage?.setItem(playgroundKey, JSON.stringify({ version: 1, ...kept }));
      return this.storage !== undefined;
    }, false);
  }

  /** Forgets the kept state (Reset to example). */
  clear(): void {
    safely(() => this.storage?.removeItem(playgroundKey), undefined);
  }
}

/** Reads a kept playground document; undefined for anything else (another version, a field out of range). */
export function parseKeptPlayground(text: string): KeptPlayground | undefined {
  const value = safely<unknown>(() => JSON.parse(text), undefined);
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const { version, execution, step, example, ...rest } = value as Record<string, unknown>;
  if (version !== 1 || execution !== undefined || step !== undefined) return undefined;
  if (example !== undefined && !(typeof example === 'string' && /^[a-z0-9-]{1,80}$/.test(example))) return undefined;
  const state = sharedState(rest);
  return state?.kind === 'playground' ? { ...state, ...(typeof example === 'string' ? { example } : {}) } : undefined;
}
