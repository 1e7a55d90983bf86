// Shareable links to an exact step state: a short URL-safe token holding the
// history as numbers. Each step is two unsigned varints: the CPU, and the
// store it names (a read's source, a write's place in coherence order) as
// 0 for the initial value or 1 + the step that executed that store; 0 for a
// fence. Stores are named by step, not by event position, so tokens stay
// short and do not depend on how the engine numbers events.
import type { ModelName } from '../models/model.ts';
import { applyMove, sessionOptions, type Move, type Session } from './step-session.ts';
import { isStepState, sessionOf, snapshot, start } from './step-mode.ts';
import type { StepOptions, StepStartFailure, StepState, StepTokenError } from './step-types.ts';

// The token format's version, its first character: bump it when the format changes.
const version = '1';
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A short URL-safe token (base64url characters) that `deserialize` turns back into this exact state. */
export function serialize(state: StepState): string {
  const s = sessionOf(state);
  const numbers: number[] = [];
  for (const move of s.moves) numbers.push(move.cpu, storeNumber(s, move));
  const bytes: number[] = [];
  for (const n of numbers) {
    let rest = n;
    while (rest >= 0x80) {
      bytes.push((rest & 0x7f) | 0x80);
      rest >>>= 7;
    }
    bytes.push(rest);
  }
  return version + encodeBase64Url(bytes);
}

/**
 * The state a token made by `serialize` stands for, on the test `source`
 * under `model` (and the same options). A token that is malformed, of
 * another version, or whose steps are not possible in this test (the link
 * was made for another test or model) gives a `StepTokenError`; a source with
 * errors gives its diagnostics. Never throws.
 */
export function deserialize(
  source: string,
  model: ModelName,
  token: string,
  options: StepOptions = {},
): StepState | StepStartFailure | StepTokenError {
  const numbers = decodeToken(token);
  if (!Array.isArray(numbers)) return numbers;
  const first = start(source, model, options);
  if (!isStepState(first)) return first;
  let s = sessionOf(first);
  for (let k = 0; k < numbers.length; k += 2) {
    const cpu = numbers[k]!;
    const store = numbers[k + 1]!;
    const option = (sessionOptions(s)[cpu] ?? []).find((o) => storeNumber(s, o.move) === store);
    if (!option) {
      return {
        kind: 'token-error',
        code: 'step/token-step',
        step: k / 2,
        message: `step ${k / 2 + 1} of the link (P${cpu}) is not possible in this test under ${model}: the link was made for another test or model`,
      };
    }
    s = applyMove(s, option.move)!;
  }
  return snapshot(s);
}

/** The number a token gives a move's store (see the file comment). */
function storeNumber(s: Session, move: Move): number {
  const store = move.readFrom ?? move.coAfter;
  if (store === undefined || store < 0) return 0;
  return s.stepOf.get(store)! + 1;
}

function tokenError(code: StepTokenError['code'], message: string): StepTokenError {
  return { kind: 'token-error', code, message };
}

/** The token's numbers (pairs), or why it is not a token. */
function decodeToken(token: string): number[] | StepTokenError {
  if (typeof token !== 'string' || token.length === 0) return tokenError('step/token-format', 'the link has no step token');
  if (token[0] !== version) {
    return tokenError('step/token-version', `the step token is of an unknown version ('${token[0]}'): it was made by another version of Barrier Lab`);
  }
  const bytes = decodeBase64Url(token.slice(1));
  if (!bytes) return tokenError('step/token-format', 'the step token has characters a token never has');
  const numbers: number[] = [];
  let value = 0;
  let shift = 0;
  for (const byte of bytes) {
    // Five 7-bit groups hold any step count or CPU; more is not a token.
    if (shift > 28) return tokenError('step/token-format', 'the step token is damaged (a number is too long)');
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) {
      numbers.push(value);
      value = 0;
      shift = 0;
    }
  }
  if (shift !== 0 || numbers.length % 2 !== 0) return tokenError('step/token-format', 'the step token is damaged (it was cut short)');
  return numbers;
}

function encodeBase64Url(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += alphabet[(chunk >> (18 - 6 * c)) & 63];
  }
  return out;
}

function decodeBase64Url(text: string): number[] | undefined {
  if (text.length % 4 === 1) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 4) {
    let chunk = 0;
    const group = text.slice(i, i + 4);
    for (let c = 0; c < 4; c++) {
      const digit = c < group.length ? alphabet.indexOf(group[c]!) : 0;
      if (digit < 0) return undefined;
      chunk = (chunk << 6) | digit;
    }
    const count = Math.floor((group.length * 6) / 8);
    for (let b = 0; b < count; b++) bytes.push((chunk >> (16 - 8 * b)) & 0xff);
  }
  return bytes;
}
