// Where a share link's payload sits in a URL: the fragment, so the static
// server never sees it and the page reads it before anything else. An
// exercise's link names the exercise in clear (`#share=<id>~<payload>`);
// the playground's has the payload alone (`#share=<payload>`).
import { decodeShare, encodeShare, isExerciseId, shareParam, type DecodedShare, type SharedState } from './share-link.ts';

/** The link to `state` on `page` (an absolute URL; its own fragment is dropped). */
export async function shareUrl(page: string, state: SharedState): Promise<string> {
  const url = new URL(page);
  const payload = await encodeShare(state);
  url.hash = `${shareParam}=${state.kind === 'exercise' ? `${state.exercise}~` : ''}${payload}`;
  return url.href;
}

/** What a fragment says: the exercise named in clear (exercise links) and the payload; undefined when it is no share link. */
export interface ShareFragment {
  readonly exercise?: string;
  readonly payload: string;
}

/** Reads `#share=...` from a fragment (`location.hash`). */
export function shareFragment(hash: string): ShareFragment | undefined {
  const prefix = `#${shareParam}=`;
  if (!hash.startsWith(prefix)) return undefined;
  const rest = hash.slice(prefix.length);
  const cut = rest.indexOf('~');
  if (cut < 0) return { payload: rest };
  const exercise = rest.slice(0, cut);
  return isExerciseId(exercise) ? { exercise, payload: rest.slice(cut + 1) } : { payload: rest };
}

/** Decodes a fragment's payload; an exercise's state must name the exercise the fragment names. */
export async function decodeFragment(fragment: ShareFragment): Promise<DecodedShare> {
  const decoded = await decodeShare(fragment.payload);
  if (!decoded.ok) return decoded;
  const named = decoded.state.kind === 'exercise' ? decoded.state.exercise : undefined;
  if (named !== fragment.exercise) {
    return { ok: false, problem: { code: 'share/content', message: 'the share link was changed: it names one exercise and holds another' } };
  }
  return decoded;
}
