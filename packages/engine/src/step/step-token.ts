// Shareable links to an exact step state: a short URL-safe token holding the
// history as numbers (unsigned varints). In version 2 a step in program
// order is two numbers, `2 × CPU` and the store it names (a read's source, a
// write's place in coherence order): 0 for the initial value, 1 + the step
// that executed that store, or, for a read forwarded from its own CPU's
// store not yet executed, 1 + the number of steps before it + that store's
// position in its CPU; 0 for a fence. A step that runs ahead (lkmm) is
// `2 × CPU + 1`, then `2 × (how many events past its CPU's next one it runs,
// minus one)`, plus 1 when it is not the first of the options that read
// alike (see `distinguish` in step-session.ts), then the store, then, with
// that 1, which of those options it is. Version 1 tokens (every CPU in
// program order, each step the CPU then the store) still restore. Stores
// are named by step, not by event number, so tokens stay short and do not
// depend on how the engine numbers events.
import type { ModelName } from '../models/model.ts';
import { codeIndex } from './playable-executions.ts';
import { applyMove, sessionOptions, type Move, type Session } from './step-session.ts';
import { isStepState, sessionOf, snapshot, start } from './step-mode.ts';
import type { StepOptions, StepStartFailure, StepState, StepTokenError } from './step-types.ts';

// The token format's version, its first character: bump it when the format changes.
const version = '2';
const legacyVersion = '1';
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** A short URL-safe token (base64url characters) that `deserialize` turns back into this exact state. */
export function serialize(state: StepState): string {
  const sessions: Session[] = [];
  for (let s: Session | undefined = sessionOf(state); s?.parent; s = s.parent) sessions.unshift(s.parent);
  const numbers: number[] = [];
  const s = sessionOf(state);
  s.moves.forEach((move, k) => {
    const before = sessions[k]!;
    const past = move.index - before.next[move.cpu]!;
    const store = storeNumber(before, move);
    if (past === 0) {
      numbers.push(2 * move.cpu, store);
      return;
    }
    const alike = (sessionOptions(before)[move.cpu] ?? []).filter((o) => o.move.index === move.index && storeNumber(before, o.move) === store);
    const which = Math.max(0, alike.findIndex((o) => o.move === move));
    numbers.push(2 * move.cpu + 1, 2 * (past - 1) + (which > 0 ? 1 : 0), store, ...(which > 0 ? [which] : []));
  });
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
  const steps = decodeToken(token);
  if (!Array.isArray(steps)) return steps;
  const first = start(source, model, options);
  if (!isStepState(first)) return first;
  let s = sessionOf(first);
  for (const [k, { cpu, past, store, which }] of steps.entries()) {
    const index = (s.next[cpu] ?? 0) + past;
    const option = (sessionOptions(s)[cpu] ?? []).filter((o) => o.move.index === index && storeNumber(s, o.move) === store)[which];
    if (!option) {
      return {
        kind: 'token-error',
        code: 'step/token-step',
        step: k,
        message: `step ${k + 1} of the link (P${cpu}) is not possible in this test under ${model}: the link was made for another test or model`,
      };
    }
    s = applyMove(s, option.move)!;
  }
  return snapshot(s);
}

/** One step of a token: the CPU, how far past its next event it runs, the store it names, which of the options alike. */
interface TokenStep {
  readonly cpu: number;
  readonly past: number;
  readonly store: number;
  readonly which: number;
}

/** The number a token gives a move's store, in the session before it (see the file comment). */
function storeNumber(s: Session, move: Move): number {
  const store = move.readFrom ?? move.coAfter;
  if (store === undefined || store < 0) return 0;
  const step = s.stepOf.get(store);
  return step !== undefined ? step + 1 : 1 + s.moves.length + codeIndex(store);
}

function tokenError(code: StepTokenError['code'], message: string): StepTokenError {
  return { kind: 'token-error', code, message };
}

/** The token's steps, or why it is not a token. */
function decodeToken(token: string): TokenStep[] | StepTokenError {
  if (typeof token !== 'string' || token.length === 0) return tokenError('step/token-format', 'the link has no step token');
  if (token[0] !== version && token[0] !== legacyVersion) {
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
  const cut = tokenError('step/token-format', 'the step token is damaged (it was cut short)');
  if (shift !== 0) return cut;
  const steps: TokenStep[] = [];
  for (let k = 0; k < numbers.length;) {
    const left = numbers.length - k;
    if (token[0] === legacyVersion || numbers[k]! % 2 === 0) {
      if (left < 2) return cut;
      const cpu = token[0] === legacyVersion ? numbers[k]! : numbers[k]! / 2;
      steps.push({ cpu, past: 0, store: numbers[k + 1]!, which: 0 });
      k += 2;
      continue;
    }
    if (left < 3) return cut;
    const tagged = numbers[k + 1]! % 2 === 1;
    if (tagged && left < 4) return cut;
    steps.push({ cpu: (numbers[k]! - 1) / 2, past: Math.floor(numbers[k + 1]! / 2) + 1, store: numbers[k + 2]!, which: tagged ? numbers[k + 3]! : 0 });
    k += tagged ? 4 : 3;
  }
  return steps;
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
