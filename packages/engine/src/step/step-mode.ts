// Step mode: the learner plays the machine. Pure functions on immutable,
// plain-data snapshots (`StepState`); the consistent executions are computed
// once per test and model (playable-executions.ts), and each snapshot's
// session is held in a WeakMap, rebuilt from the snapshot's own data when it
// comes from elsewhere (a Worker message, `deserialize`).
import { formatValue } from '../program/value.ts';
import type { ModelName } from '../models/model.ts';
import { cachedPlayableExecutions, codeIndex, codeThread, named } from './playable-executions.ts';
import {
  applyMove, cpuChoices, newestStore, nextEvent, rootSession, sessionOptions, storeCode, storeRef,
  type Session, type SessionOption,
} from './step-session.ts';
import type {
  CpuChoices, CpuView, MemoryCell, StepChoice, StepOptions, StepOutcome, StepStartFailure, StepState, TakenStep,
} from './step-types.ts';

const sessions = new WeakMap<StepState, Session>();

/**
 * Starts a step session on the litmus test `source` under `model`: parses
 * and checks it, and explores its consistent executions once. Returns the
 * state before any step, or the source's diagnostics when it has errors
 * (never throws on bad input).
 *
 * Steps are a presentation order: one event of one CPU at a time, and a
 * read names the store it reads. Which reads are possible is the model's
 * decision, not the order's: under `tso` and `lkmm` a step is offered when
 * some consistent execution agrees with every step so far and this one, so
 * a read may see an older store than the newest in `memory`. Under `sc` the
 * order of steps is the execution's total order, so a read sees the newest
 * store to its location. Under `sc` and `tso` each CPU runs in program order
 * (tso's store buffer shows as reads of older stores); under `lkmm` a CPU
 * may also run ahead to a later event the model does not order after the
 * earlier ones (load buffering needs it), so every consistent execution can
 * be played.
 */
export function start(source: string, model: ModelName, options: StepOptions = {}): StepState | StepStartFailure {
  const machine = cachedPlayableExecutions(source, model, options);
  if (!('descriptors' in machine)) return { kind: 'diagnostics', diagnostics: machine.diagnostics };
  if (machine.descriptors.length === 0 && machine.cutoff === undefined) {
    // No consistent execution (every one of them runs a C11 read-modify-write,
    // or the filter keeps none): there is no way to play to an end.
    return {
      kind: 'diagnostics',
      diagnostics: [{
        code: 'step/no-execution', severity: 'error', span: { line: 1, column: 1, endLine: 1, endColumn: 2 },
        message: `no execution of this test is consistent under ${model}: there is nothing to step through`,
      }],
    };
  }
  return snapshot(rootSession(machine));
}

/** Whether a value returned by `start` or `deserialize` is a state. */
export function isStepState(value: unknown): value is StepState {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'step-state';
}

/**
 * The steps possible now, per CPU that may step (CPUs that are done or
 * blocked are left out): every one keeps at least one consistent execution
 * reachable. For a read, one option per store it may read; for a write under
 * `tso` or `lkmm`, one per place in coherence order it may take (the
 * `latest` one is what a sequential machine does). Under `lkmm` a CPU also
 * lists the later events it may run ahead to, each marked `ahead` with its
 * `reason`.
 */
export function choices(state: StepState): CpuChoices[] {
  return cpuChoices(sessionOf(state));
}

/**
 * The state after `choice`. Throws a RangeError when the choice is not among
 * `choices(state)`: that is a caller's mistake, not the learner's (offer only
 * what `choices` returns).
 */
export function step(state: StepState, choice: StepChoice): StepState {
  const s = sessionOf(state);
  const option = matchChoice(s, choice);
  if (!option) {
    throw new RangeError(`step: ${JSON.stringify(choice)} is not a possible step now (see choices(state))`);
  }
  return snapshot(applyMove(s, option.move)!);
}

/** The state one step back (the same state when no step was taken). */
export function undo(state: StepState): StepState {
  const s = sessionOf(state);
  return s.parent ? snapshot(s.parent) : state;
}

/** The state before any step. */
export function reset(state: StepState): StepState {
  let s = sessionOf(state);
  while (s.parent) s = s.parent;
  return s === sessionOf(state) ? state : snapshot(s);
}

/** Whether every CPU has run to its end. */
export function isFinished(state: StepState): boolean {
  const s = sessionOf(state);
  return s.compatible.length > 0 && s.next.every((_, cpu) => nextEvent(s, cpu) === undefined);
}

/**
 * The final state of a finished session (undefined before): registers and
 * memory, with `entries` as the verdict prints its states, one of which it
 * always is (runLitmus on the same test and model).
 */
export function finalState(state: StepState): StepOutcome | undefined {
  if (!isFinished(state)) return undefined;
  const s = sessionOf(state);
  return s.machine.descriptors[s.compatible[0]!]!.outcome;
}

/** The option of `s` that `choice` asks for, if any. */
export function matchChoice(s: Session, choice: StepChoice): SessionOption | undefined {
  if (typeof choice !== 'object' || choice === null || !Number.isInteger(choice.cpu)) return undefined;
  const index = choice.index ?? s.next[choice.cpu];
  for (const o of sessionOptions(s)[choice.cpu] ?? []) {
    const m = o.move;
    if (m.index !== index) continue;
    if (choice.line !== undefined && m.event.line !== choice.line) continue;
    if (choice.loc !== undefined && m.loc !== choice.loc) continue;
    if (choice.value !== undefined && m.event.value !== choice.value) continue;
    if (m.readFrom !== undefined) {
      if (choice.coAfter === undefined && choice.readFrom !== undefined && storeCode(s, choice.readFrom, m.loc!) === m.readFrom) return o;
    } else if (m.coAfter !== undefined) {
      if (choice.readFrom !== undefined) continue;
      if (choice.coAfter === undefined ? o.option.latest : storeCode(s, choice.coAfter, m.loc!) === m.coAfter) return o;
    } else if (choice.readFrom === undefined && choice.coAfter === undefined) {
      return o;
    }
  }
  return undefined;
}

/** The session of a state: cached, or rebuilt by replaying its history. */
export function sessionOf(state: StepState): Session {
  const known = sessions.get(state);
  if (known) return known;
  if (!isStepState(state)) throw new RangeError('not a step state (use start() or deserialize())');
  const machine = cachedPlayableExecutions(state.source, state.model, state.options);
  if (!('descriptors' in machine)) throw new RangeError('not a step state: its source has errors');
  let s = rootSession(machine);
  for (const taken of state.history) {
    const choice: StepChoice = {
      cpu: taken.event.cpu,
      index: taken.event.index,
      line: taken.event.line,
      ...(taken.event.loc !== undefined ? { loc: taken.event.loc } : {}),
      ...(taken.event.value !== undefined ? { value: taken.event.value } : {}),
      ...(taken.readFrom !== undefined ? { readFrom: taken.readFrom } : {}),
      ...(taken.coAfter !== undefined ? { coAfter: taken.coAfter } : {}),
    };
    const option = matchChoice(s, choice);
    if (!option) throw new RangeError(`not a step state of this test: step ${taken.step} is not possible`);
    s = applyMove(s, option.move)!;
  }
  sessions.set(state, s);
  return s;
}

/** The plain-data snapshot of a session. */
export function snapshot(s: Session): StepState {
  const m = s.machine;
  const options = sessionOptions(s);
  // With no playable execution at all, every CPU is blocked (not done).
  const none = s.compatible.length === 0;
  const ran = s.next.map(() => [] as number[]);
  for (const code of s.ran) ran[codeThread(code)]!.push(codeIndex(code));
  const cpus: CpuView[] = s.next.map((first, cpu) => {
    const next = nextEvent(s, cpu);
    const status = none ? 'blocked' : !next ? 'done' : options[cpu]!.length > 0 ? 'ready' : 'blocked';
    const ranAhead = ran[cpu]!.filter((index) => index > first).sort((a, b) => a - b);
    return { cpu, status, executed: ran[cpu]!.length, ...(next ? { next } : {}), ...(ranAhead.length > 0 ? { ranAhead } : {}) };
  });
  const memory: MemoryCell[] = m.program.locations.map((loc) => {
    const newest = newestStore(s, loc);
    if (newest < 0) return named({ loc, value: formatValue(m.initialValue(loc)) }, loc, m.names);
    const step = s.stepOf.get(newest)!;
    return named({ loc, value: s.moves[step]!.event.value ?? '0', step }, loc, m.names);
  });
  const history: TakenStep[] = s.moves.map((move, step) => {
    const readFromStep = move.readFrom !== undefined && move.readFrom >= 0 ? s.stepOf.get(move.readFrom) : undefined;
    return {
      step,
      event: move.event,
      ...(move.readFrom !== undefined ? { readFrom: storeRef(move.readFrom), stale: move.stale } : {}),
      ...(readFromStep !== undefined ? { readFromStep } : {}),
      ...(move.coAfter !== undefined ? { coAfter: storeRef(move.coAfter), reordered: move.reordered } : {}),
      ...(move.ahead ? { ahead: true as const, ...(move.reason !== undefined ? { reason: move.reason } : {}) } : {}),
      ...(move.forwarded ? { forwarded: true as const } : {}),
    };
  });
  const state: StepState = {
    kind: 'step-state',
    source: m.source,
    model: m.model,
    options: m.options,
    test: m.program.name,
    history,
    cpus,
    memory,
    finished: cpus.every((c) => c.status === 'done'),
    exploration: {
      executions: m.executions,
      playable: m.descriptors.length,
      ...(m.cutoff ? { cutoff: m.cutoff } : {}),
    },
    warnings: m.warnings,
  };
  sessions.set(state, s);
  return state;
}
