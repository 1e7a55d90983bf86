// Share links: the exact state of a workbench or of the playground, in a
// URL's fragment. The state is JSON, compressed (deflate-raw, the browser's
// own CompressionStream), checksummed and written in base64url:
//
//   #share=<version><base64url( fnv1a32(json) as 4 bytes ++ deflateRaw(json) )>
//
// A link for an exercise puts the exercise's id in clear before the payload
// (`#share=mp-wmb-rmb~1...`), so a damaged payload still says which exercise
// to open (at its starter, with a message). The link holds the whole code,
// never a change against the starter: a link made today opens the same code
// after the exercise's starter changes (it then says so, from the starter's
// fingerprint). Decoding never throws: anything wrong is a `ShareProblem`
// with words for the learner, and whatever decodes is checked field by field
// before it is used. The code is data: the page puts it in an editor or a
// text node, never into markup.
import { isMemoryLimit } from '../playground/playground-budget.ts';
import type { FlushFlavour, ModelName } from '../workbench/exercise-view.ts';

/** The fragment parameter that holds a share link's payload. */
export const shareParam = 'share';

/** The payload format's version: its first character. */
export const shareFormatVersion = '1';

/** The longest code a link carries (a submission is far shorter). */
export const maxSharedCode = 64_000;

/** Where Play it was: the engine's step token and how many first steps followed the counterexample. */
export interface SharedStep {
  readonly token: string;
  readonly matched: number;
  /** For a wrong prediction: the model whose block's Play it was open (absent: the first block's). */
  readonly model?: ModelName;
}

/** A workbench's state. */
export interface SharedExercise {
  readonly kind: 'exercise';
  readonly exercise: string;
  /** The editor's text, or a prediction's answer text. */
  readonly code: string;
  /** The model selector, when narrowed to one. */
  readonly models?: readonly ModelName[];
  /** The flush toggle, when changed from the exercise's own. */
  readonly flush?: FlushFlavour;
  /** Play it's position, when open on the checked code. */
  readonly step?: SharedStep;
  /** Fingerprint of the starter the link was made with (to say when it changed since). */
  readonly starter?: string;
}

/** The playground's state. */
export interface SharedPlayground {
  readonly kind: 'playground';
  readonly code: string;
  readonly model: ModelName;
  /** Absent: as the test says. */
  readonly flush?: FlushFlavour;
  /** Limits changed from the defaults. */
  readonly budget?: { readonly maxEvents?: number; readonly maxCandidates?: number; readonly maxMillis?: number; readonly maxMemoryMb?: number };
  /** The execution shown, by its number among all executions, and whether the list was filtered to the bad outcome. */
  readonly execution?: { readonly index: number; readonly badOnly: boolean };
  readonly step?: SharedStep;
}

/** Anything a link holds. */
export type SharedState = SharedExercise | SharedPlayground;

/** Why a link could not be read, in words for the page. */
export interface ShareProblem {
  readonly code: 'share/format' | 'share/version' | 'share/truncated' | 'share/checksum' | 'share/content' | 'share/too-large';
  readonly message: string;
}

/** A decoded link: the state, or the problem. */
export type DecodedShare = { readonly ok: true; readonly state: SharedState } | { readonly ok: false; readonly problem: ShareProblem };

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const models: readonly ModelName[] = ['sc', 'tso', 'lkmm'];
const flushes: readonly FlushFlavour[] = ['ipi', 'broadcast'];
// The most a payload may inflate to: well above any real state, far below a decompression bomb.
const maxInflated = 512 * 1024;

/** The payload of `state` (what follows `#share=`, after an exercise's `id~`). */
export async function encodeShare(state: SharedState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  const deflated = await transform(json, new CompressionStream('deflate-raw'));
  const sum = fnv1a(json);
  const bytes = new Uint8Array(4 + deflated.length);
  bytes.set([sum >>> 24, (sum >>> 16) & 0xff, (sum >>> 8) & 0xff, sum & 0xff]);
  bytes.set(deflated, 4);
  return shareFormatVersion + toBase64Url(bytes);
}

/** The state in `payload`, or why there is none. Never throws. */
export async function decodeShare(payload: string): Promise<DecodedShare> {
  const fail = (code: ShareProblem['code'], message: string): DecodedShare => ({ ok: false, problem: { code, message } });
  if (typeof payload !== 'string' || payload.length < 2) return fail('share/format', 'the share link is empty or cut short');
  if (payload[0] !== shareFormatVersion) return fail('share/version', `the share link is of a format this site does not know (version '${payload[0]}')`);
  const bytes = fromBase64Url(payload.slice(1));
  if (!bytes) return fail('share/format', 'the share link has characters a link never has (was it changed by hand?)');
  if (bytes.length < 6) return fail('share/truncated', 'the share link is cut short');
  let json: Uint8Array;
  try {
    json = await transform(bytes.subarray(4), new DecompressionStream('deflate-raw'), maxInflated);
  } catch (error) {
    return (error as Error).message === 'too large'
      ? fail('share/too-large', 'the share link holds more than any state of this site')
      : fail('share/truncated', 'the share link is cut short or damaged (its data does not unpack)');
  }
  const sum = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  if (fnv1a(json) !== sum) return fail('share/checksum', 'the share link was changed or damaged (its checksum does not match)');
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch {
    return fail('share/content', 'the share link does not hold a state this site can read');
  }
  const state = sharedState(value);
  return state ? { ok: true, state } : fail('share/content', 'the share link does not hold a state this site can read');
}

/** A short fingerprint of a text (to tell whether an exercise's starter changed since a link was made). */
export function fingerprint(text: string): string {
  return fnv1a(new TextEncoder().encode(text)).toString(36);
}

/** `value` as a SharedState when every field is what it should be; undefined otherwise. */
export function sharedState(value: unknown): SharedState | undefined {
  if (!isRecord(value)) return undefined;
  const code = value.code;
  if (typeof code !== 'string' || code.length > maxSharedCode) return undefined;
  const step = value.step === undefined ? undefined : sharedStep(value.step);
  if (value.step !== undefined && !step) return undefined;
  const flush = value.flush;
  if (flush !== undefined && !flushes.includes(flush as FlushFlavour)) return undefined;
  if (value.kind === 'exercise') {
    const exercise = value.exercise;
    if (typeof exercise !== 'string' || !isExerciseId(exercise)) return undefined;
    const chosen = value.models;
    if (chosen !== undefined && !(Array.isArray(chosen) && chosen.length > 0 && chosen.every((m) => models.includes(m as ModelName)))) return undefined;
    if (value.starter !== undefined && (typeof value.starter !== 'string' || !/^[0-9a-z]{1,8}$/.test(value.starter))) return undefined;
    if (!onlyKeys(value, ['kind', 'exercise', 'code', 'models', 'flush', 'step', 'starter'])) return undefined;
    return {
      kind: 'exercise', exercise, code,
      ...(chosen ? { models: chosen as ModelName[] } : {}),
      ...(flush ? { flush: flush as FlushFlavour } : {}),
      ...(step ? { step } : {}),
      ...(typeof value.starter === 'string' ? { starter: value.starter } : {}),
    };
  }
  if (value.kind === 'playground') {
    const model = value.model;
    if (!models.includes(model as ModelName)) return undefined;
    const budget = value.budget === undefined ? undefined : sharedBudget(value.budget);
    if (value.budget !== undefined && !budget) return undefined;
    const execution = value.execution;
    if (execution !== undefined && !(isRecord(execution) && isCount(execution.index) && typeof execution.badOnly === 'boolean' && onlyKeys(execution, ['index', 'badOnly']))) return undefined;
    if (!onlyKeys(value, ['kind', 'code', 'model', 'flush', 'budget', 'execution', 'step'])) return undefined;
    return {
      kind: 'playground', code, model: model as ModelName,
      ...(flush ? { flush: flush as FlushFlavour } : {}),
      ...(budget ? { budget } : {}),
      ...(isRecord(execution) ? { execution: { index: execution.index as number, badOnly: execution.badOnly as boolean } } : {}),
      ...(step ? { step } : {}),
    };
  }
  return undefined;
}

/** Whether `id` reads as an exercise id (lower-case words and digits joined by hyphens). */
export function isExerciseId(id: string): boolean {
  return /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) && id.length <= 80;
}

function sharedStep(value: unknown): SharedStep | undefined {
  if (!isRecord(value) || !onlyKeys(value, ['token', 'matched', 'model'])) return undefined;
  const { token, matched, model } = value;
  if (typeof token !== 'string' || !/^[0-9A-Za-z_-]{1,4000}$/.test(token) || !isCount(matched)) return undefined;
  if (model !== undefined && !models.includes(model as ModelName)) return undefined;
  return { token, matched: matched as number, ...(model !== undefined ? { model: model as ModelName } : {}) };
}

function sharedBudget(value: unknown): SharedPlayground['budget'] | undefined {
  if (!isRecord(value) || !onlyKeys(value, ['maxEvents', 'maxCandidates', 'maxMillis', 'maxMemoryMb'])) return undefined;
  const out: Record<string, number> = {};
  for (const key of ['maxEvents', 'maxCandidates', 'maxMillis', 'maxMemoryMb'] as const) {
    const v = value[key];
    if (v === undefined) continue;
    if (!isCount(v) || (v as number) < 1 || (key === 'maxMemoryMb' && !isMemoryLimit(v))) return undefined;
    out[key] = v as number;
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function onlyKeys(value: Record<string, unknown>, keys: readonly string[]): boolean {
  return Object.keys(value).every((k) => keys.includes(k));
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Pipes `input` through a compression stream; with `limit`, rejects with 'too large' past it. */
async function transform(input: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // Errors surface on the reading side; the writer's own promises would reject unhandled.
  writer.write(input as Uint8Array<ArrayBuffer>).catch(() => {});
  writer.close().catch(() => {});
  const reader = stream.readable.getReader();
  const parts: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel().catch(() => {});
      throw new Error('too large');
    }
    parts.push(value);
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** 32-bit FNV-1a of `bytes`. */
function fnv1a(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += alphabet[(chunk >> (18 - 6 * c)) & 63];
  }
  return out;
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const out: number[] = [];
  for (let i = 0; i < text.length; i += 4) {
    const group = text.slice(i, i + 4);
    let chunk = 0;
    for (let c = 0; c < 4; c++) {
      const digit = c < group.length ? alphabet.indexOf(group[c]!) : 0;
      if (digit < 0) return undefined;
      chunk = (chunk << 6) | digit;
    }
    const count = Math.floor((group.length * 6) / 8);
    for (let b = 0; b < count; b++) out.push((chunk >> (16 - 8 * b)) & 0xff);
  }
  return Uint8Array.from(out);
}
