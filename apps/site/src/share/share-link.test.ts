import { describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { exercise, type CodeExercise } from '@barrier-lab/exercises';
import { decodeShare, encodeShare, fingerprint, maxSharedCode, sharedState, type SharedState } from './share-link.ts';
import { decodeFragment, shareFragment, shareUrl } from './share-url.ts';

const hostile = '/* </script><img src=x onerror=alert(1)> &lt;b&gt; &amp; &#x3C;script&#x3E; */\n';
const capstone = exercise('capstone-patch') as CodeExercise;

const examples: SharedState[] = [
  { kind: 'exercise', exercise: 'mp-wmb-rmb', code: hostile + (exercise('mp-wmb-rmb') as CodeExercise).starter.source, models: ['lkmm'], flush: 'ipi', step: { token: '2AAIC', matched: 2 }, starter: fingerprint('x') },
  { kind: 'exercise', exercise: 'sb-which-models', code: 'sc: Never\ntso: Sometimes\nlkmm: ?\n' },
  { kind: 'exercise', exercise: 'sb-which-models', code: 'sc: Never\ntso: Never\nlkmm: Never\n', step: { token: '2AAIC', matched: 1, model: 'lkmm' } },
  { kind: 'playground', code: capstone.starter.source, model: 'tso', flush: 'broadcast', budget: { maxMillis: 5000 }, execution: { index: 3, badOnly: true }, step: { token: '2', matched: 0 } },
];

/** Payload bytes as the encoder lays them out, for forging links by hand. */
function forge(json: string, checksum?: number): string {
  const body = deflateRawSync(Buffer.from(json));
  let sum = 0x811c9dc5;
  for (const byte of Buffer.from(json)) sum = Math.imul(sum ^ byte, 0x01000193) >>> 0;
  const bytes = Buffer.concat([Buffer.from([(checksum ?? sum) >>> 24, ((checksum ?? sum) >>> 16) & 0xff, ((checksum ?? sum) >>> 8) & 0xff, (checksum ?? sum) & 0xff]), body]);
  return `1${bytes.toString('base64url')}`;
}

describe('share links', () => {
  for (const state of examples) {
    it(`round-trips a ${state.kind} state exactly (${state.kind === 'exercise' ? state.exercise : state.model})`, async () => {
      const payload = await encodeShare(state);
      expect(payload).toMatch(/^1[A-Za-z0-9_-]+$/);
      expect(await decodeShare(payload)).toEqual({ ok: true, state });
    });
  }

  it('keeps markup and entities in the code as the very same characters', async () => {
    const decoded = await decodeShare(await encodeShare(examples[0]!));
    expect(decoded.ok && decoded.state.code.startsWith(hostile)).toBe(true);
  });

  it('is compressed: the longest starter of the course, the capstone\'s, makes a link shorter than its text and under 2,000 characters', async () => {
    const url = await shareUrl('https://barrier-lab.example/course/14-capstone/', { kind: 'exercise', exercise: 'capstone-patch', code: capstone.starter.source });
    expect(url.length).toBeLessThan(capstone.starter.source.length * 0.75);
    expect(url.length).toBeLessThan(2_000);
  });

  it('says a link cut short is cut short, at every length', async () => {
    const payload = await encodeShare(examples[3]!);
    for (let keep = 0; keep < payload.length; keep += 7) {
      const decoded = await decodeShare(payload.slice(0, keep));
      expect(decoded.ok, `kept ${keep} of ${payload.length}`).toBe(false);
    }
  });

  it('refuses a payload with one character changed, wherever it is', async () => {
    const payload = await encodeShare(examples[0]!);
    for (let at = 1; at < payload.length; at += 3) {
      const swapped = payload.slice(0, at) + (payload[at] === 'A' ? 'B' : 'A') + payload.slice(at + 1);
      const decoded = await decodeShare(swapped);
      expect(decoded.ok, `changed at ${at}`).toBe(false);
    }
  });

  it('names each problem: format, version, checksum, content, size', async () => {
    const problem = async (payload: string) => {
      const decoded = await decodeShare(payload);
      return decoded.ok ? 'ok' : decoded.problem.code;
    };
    expect(await problem('1$$$$')).toBe('share/format');
    expect(await problem('9AAAAAAAA')).toBe('share/version');
    expect(await problem(forge(JSON.stringify(examples[1]), 1234))).toBe('share/checksum');
    expect(await problem(forge('{"name":"some-package","version":"1.0.0"}'))).toBe('share/content');
    expect(await problem(forge(JSON.stringify({ ...examples[1], extra: 1 })))).toBe('share/content');
    expect(await problem(forge(JSON.stringify({ ...examples[1], exercise: '../../etc' })))).toBe('share/content');
    expect(await problem(forge(JSON.stringify({ ...examples[3], model: 'arm' })))).toBe('share/content');
    expect(await problem(forge(JSON.stringify({ ...examples[3], step: { token: '<script>', matched: 0 } })))).toBe('share/content');
    expect(await problem(forge(JSON.stringify({ ...examples[2], step: { token: '2AAIC', matched: 1, model: 'arm' } })))).toBe('share/content');
    expect(await problem(forge(JSON.stringify({ kind: 'playground', model: 'sc', code: 'x'.repeat(maxSharedCode + 1) })))).toBe('share/content');
    expect(await problem(forge(JSON.stringify({ kind: 'playground', model: 'sc', code: ' '.repeat(600_000) })))).toBe('share/too-large');
  });

  it('puts an exercise\'s id in clear and refuses a fragment whose id and payload disagree', async () => {
    const url = await shareUrl('https://barrier-lab.example/course/02-message-passing/#exercise', examples[0]!);
    const hash = new URL(url).hash;
    expect(hash.startsWith('#share=mp-wmb-rmb~1')).toBe(true);
    const fragment = shareFragment(hash)!;
    expect(await decodeFragment(fragment)).toEqual({ ok: true, state: examples[0] });
    const other = await decodeFragment({ ...fragment, exercise: 'sb-full-barriers' });
    expect(other.ok).toBe(false);
    expect(shareFragment('#share=1abc')).toEqual({ payload: '1abc' });
    expect(shareFragment('#exercise-mp')).toBeUndefined();
  });

  it('checks each field: sharedState takes only what it knows', () => {
    expect(sharedState(examples[3])).toEqual(examples[3]);
    expect(sharedState({ ...examples[3], budget: { maxMillis: -1 } })).toBeUndefined();
    expect(sharedState({ ...examples[3], execution: { index: 1.5, badOnly: true } })).toBeUndefined();
    expect(sharedState(null)).toBeUndefined();
    expect(sharedState([examples[0]])).toBeUndefined();
  });
});
