// The meter every phase of a run reports to: it reads the host's clock and
// cancellation flag now and then, keeps the engine's estimate of its own
// memory, and counts what the run has reached. When a budget runs out it
// throws `BudgetExceeded`, which the run's entry point (runLitmus, judge)
// turns into an inconclusive result. The engine stays platform-neutral: the
// clock and the cancellation flag are lent by the host.
import { defaultBudget, type BudgetName, type BudgetReport, type Phase } from './budget.ts';

/** Milliseconds since some fixed origin (`performance.now` in Node and browsers, or `Date.now`). */
export type Clock = () => number;

/**
 * A flag the host raises to stop a run early. An `AbortSignal` fits; so does
 * any object whose `aborted` getter reads shared memory, which is how a
 * thread can stop an engine busy in another thread.
 */
export interface CancelSignal {
  readonly aborted: boolean;
}

/**
 * Thrown by a `Meter` when a budget runs out (or the run is cancelled). It is
 * a signal, not a fault: the entry points catch it and report the run as
 * inconclusive. Not an `Error`: throwing it captures no stack.
 */
export class BudgetExceeded {
  constructor(readonly budget: BudgetName, readonly phase: Phase, readonly limit?: number) {}
}

/** How often (in ticks, a power of two) the meter reads the clock and the cancellation flag. */
const TICKS_PER_CHECK = 64;

/** Megabytes to bytes. */
const MB = 1024 * 1024;

/** What a meter is given. */
export interface MeterOptions {
  /** Milliseconds the run may take; default `defaultBudget.maxMillis`. */
  readonly maxMillis?: number;
  /** Megabytes the engine's structures may hold at once; default `defaultBudget.maxMemoryMb`. */
  readonly maxMemoryMb?: number;
  readonly clock?: Clock;
  readonly signal?: CancelSignal;
  /** Told when the run enters each phase (for progress displays). */
  readonly onPhase?: (phase: Phase) => void;
}

/** Counts of what a run has reached, kept up to date by the phases. */
export interface MeterCounts {
  traces: number;
  events: number;
  candidates: number;
  executions: number;
  states: number;
}

/** Time, memory and cancellation for one run, across all its phases. */
export class Meter {
  private current: Phase = 'parse';
  /** What the run has reached (for reports). */
  readonly counts: MeterCounts = { traces: 0, events: 0, candidates: 0, executions: 0, states: 0 };
  readonly maxMillis: number;
  readonly maxMemoryMb: number;
  private readonly clock: Clock;
  private readonly signal: CancelSignal | undefined;
  private readonly onPhase: ((phase: Phase) => void) | undefined;
  private readonly started: number;
  private readonly limitBytes: number;
  private ticks = 0;
  private bytes = 0;
  private peak = 0;

  constructor(options: MeterOptions = {}) {
    this.maxMillis = options.maxMillis ?? defaultBudget.maxMillis;
    this.maxMemoryMb = options.maxMemoryMb ?? defaultBudget.maxMemoryMb;
    this.clock = options.clock ?? (() => Date.now());
    this.signal = options.signal;
    this.onPhase = options.onPhase;
    this.started = this.clock();
    this.limitBytes = this.maxMemoryMb * MB;
  }

  /** The phase now running; set by the stages as the run moves on. */
  get phase(): Phase {
    return this.current;
  }

  set phase(phase: Phase) {
    if (phase === this.current) return;
    this.current = phase;
    this.onPhase?.(phase);
  }

  /** Milliseconds since the meter was made. */
  get millis(): number {
    return this.clock() - this.started;
  }

  /** The engine's structures now held, by the estimate charged, in bytes. */
  get bytesHeld(): number {
    return this.bytes;
  }

  /** The most ever held at once, in megabytes. */
  get peakMb(): number {
    return this.peak / MB;
  }

  /**
   * Notes a unit of work. Cheap: only every few dozen ticks does it read the
   * clock and the cancellation flag (see `check`). Call it in every loop whose
   * length the input decides.
   */
  tick(): void {
    if ((++this.ticks & (TICKS_PER_CHECK - 1)) === 0) this.check();
  }

  /** Throws `BudgetExceeded` if the run was cancelled or its time is up. */
  check(): void {
    if (this.signal?.aborted) throw new BudgetExceeded('cancelled', this.phase);
    if (this.clock() - this.started > this.maxMillis) throw new BudgetExceeded('time', this.phase, this.maxMillis);
  }

  /** Whether `bytes` more would still fit in the memory budget. */
  fits(bytes: number): boolean {
    return this.bytes + bytes <= this.limitBytes;
  }

  /** Records `bytes` more held; throws `BudgetExceeded('memory')` past the budget. */
  charge(bytes: number): void {
    this.bytes += bytes;
    if (this.bytes > this.peak) this.peak = this.bytes;
    if (this.bytes > this.limitBytes) throw new BudgetExceeded('memory', this.phase, this.maxMemoryMb);
  }

  /** Records `bytes` no longer held (a cache dropped, a phase's scratch released). */
  release(bytes: number): void {
    this.bytes = Math.max(0, this.bytes - bytes);
  }

  /** The report for a budget hit: which, where, and the figures reached. */
  report(budget: BudgetName, phase: Phase = this.phase, limit?: number): BudgetReport {
    return {
      budget,
      phase,
      ...(limit === undefined ? {} : { limit }),
      reached: {
        millis: Math.round(this.millis),
        memoryMb: Math.round(this.peakMb * 1000) / 1000,
        ...this.counts,
      },
    };
  }

  /** The report for a `BudgetExceeded` this meter threw. */
  reportOf(exceeded: BudgetExceeded): BudgetReport {
    return this.report(exceeded.budget, exceeded.phase, exceeded.limit);
  }
}

/**
 * The engine's estimates of what its structures take, in bytes. They are
 * deliberately round: the budget bounds the engine's growth well before the
 * host's heap runs out, and a bench compares them with the real heap.
 */
export const memoryCost = {
  /** One token of the lexer, with its text. */
  token: 96,
  /** One statement or expression node of a checked, expanded program. */
  astNode: 160,
  /** One event of a thread trace (the object, its span, its source text). */
  traceEvent: 240,
  /** One dependency or rmw edge of a trace. */
  traceEdge: 48,
  /** A relation (bit matrix) over `n` events. */
  relation: (n: number): number => 64 + n * Math.ceil(n / 32) * 4,
  /** An event set over `n` events. */
  eventSet: (n: number): number => 48 + Math.ceil(n / 32) * 4,
} as const;
