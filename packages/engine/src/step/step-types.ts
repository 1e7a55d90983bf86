// The plain data of step mode ("play the machine"): what the site shows and
// what crosses the Worker boundary. Nothing here holds a function, a class
// instance or a cycle, so structuredClone and JSON carry it unchanged.
import type { WitnessEvent } from '../verdict/verdict.ts';
import type { Diagnostic } from '../syntax/diagnostic.ts';
import type { Budget, BudgetName } from '../explore/explore.ts';
import type { LowerOptions } from '../program/lower.ts';
import type { ModelName } from '../models/model.ts';
import type { StateEntry } from '../verdict/verdict.ts';

/**
 * A store a read can read from: the initial value of the read's location, or
 * the write that is event `index` (0-based, in program order) of CPU `cpu`.
 */
export type StoreRef = 'initial' | { readonly cpu: number; readonly index: number };

/**
 * One step the learner asks for: CPU `cpu` executes its next event.
 *
 * - A read names the store it reads from (`readFrom`, required).
 * - A write may name the store it goes right after in its location's
 *   coherence order (`coAfter`): the order in which the stores to one
 *   location reach memory. Omitted, it goes after every store executed so
 *   far, as on a sequential machine; under `tso` and `lkmm` some tests
 *   (2+2W) have outcomes only reachable when a store lands earlier.
 * - A fence takes neither.
 */
export interface StepChoice {
  readonly cpu: number;
  readonly readFrom?: StoreRef;
  readonly coAfter?: StoreRef;
}

/**
 * One event of one CPU, as shown in a lane: what ran (or runs next) and where
 * in the source. Like a witness event, but named by CPU, and with no value on
 * a read not yet executed (it depends on the store chosen).
 */
export interface EventView extends Omit<WitnessEvent, 'id' | 'thread'> {
  readonly cpu: number;
}

/** A step already taken, with what it read or where its store landed. */
export interface TakenStep {
  /** Its position in the history (0-based). */
  readonly step: number;
  readonly event: EventView;
  /** A read: the store it read from. */
  readonly readFrom?: StoreRef;
  /** A read of a store executed earlier: that step's number (absent for the initial value). */
  readonly readFromStep?: number;
  /**
   * A read that did not read the newest store to its location in `memory` at
   * that moment: it saw an older value (possible under `tso` and `lkmm`).
   */
  readonly stale?: boolean;
  /** A write: the store it went right after in coherence order. */
  readonly coAfter?: StoreRef;
  /** A write placed before a store executed earlier (it reached memory first). */
  readonly reordered?: boolean;
}

/** One CPU's lane: how far it got and what it runs next. */
export interface CpuView {
  readonly cpu: number;
  /**
   * `ready`: it may step now. `blocked`: it has events left but no step of it
   * keeps the execution consistent yet (it waits for a store, or a lock).
   * `done`: it has run to its end.
   */
  readonly status: 'ready' | 'blocked' | 'done';
  /** Events executed so far. */
  readonly executed: number;
  /** The next event (its value is absent when it is a read). */
  readonly next?: EventView;
}

/** One shared location in memory as the history leaves it. */
export interface MemoryCell {
  readonly loc: string;
  readonly value: string;
  /** The step whose store it holds (absent: the initial value). */
  readonly step?: number;
}

/** Options of a step session; plain data, kept in the state so a restored state is the same session. */
export interface StepOptions {
  /** How TLB flushes behave (kernel objects), as for runLitmus. */
  readonly flush?: LowerOptions['flush'];
  /** Exploration limits (defaults: the explorer's). */
  readonly budget?: Budget;
}

/** How many executions the session plays among. */
export interface StepExploration {
  /** Consistent executions that pass the test's `filter` (the verdict's count). */
  readonly executions: number;
  /**
   * Of those, the ones step mode can play: each read after the store it reads
   * (`po | rf` acyclic). The others (load buffering) need a read to see a
   * store from its own CPU's future, which no order of steps shows.
   */
  readonly playable: number;
  /** Set when a budget stopped the exploration: some steps may be missing. */
  readonly cutoff?: BudgetName;
}

/**
 * A snapshot of a step session: immutable plain data (JSON-safe). The
 * functions of step mode derive everything else from it; their caches are
 * held weakly and rebuilt from `source`, `model`, `options` and `history`
 * when a snapshot arrives from elsewhere (a Worker, a link).
 */
export interface StepState {
  readonly kind: 'step-state';
  readonly source: string;
  readonly model: ModelName;
  readonly options: StepOptions;
  /** The test's name. */
  readonly test: string;
  readonly history: readonly TakenStep[];
  readonly cpus: readonly CpuView[];
  /**
   * Each location's newest store in coherence order among those executed
   * (under `sc`, the last one executed). It is a presentation: under `tso`
   * and `lkmm` a CPU may still read an older store.
   */
  readonly memory: readonly MemoryCell[];
  /** Every CPU has run to its end. */
  readonly finished: boolean;
  readonly exploration: StepExploration;
  /** Warnings about the source (errors make `start` fail instead). */
  readonly warnings: readonly Diagnostic[];
}

/** One step a CPU may take now, ready to pass to `step`. */
export interface StepOption {
  /** With `readFrom` (reads) or `coAfter` (writes) filled in. */
  readonly choice: StepChoice;
  /** The event it executes, with the value read or written. */
  readonly event: EventView;
  /** A read of a store executed earlier: that step's number. */
  readonly readFromStep?: number;
  /** A read of a store older than the newest in `memory`. */
  readonly stale?: boolean;
  /** A write that goes after every store executed so far (the sequential choice). */
  readonly latest?: boolean;
}

/** The steps one CPU may take now. */
export interface CpuChoices {
  readonly cpu: number;
  /** Its next event (as in `CpuView.next`). */
  readonly next: EventView;
  /** Non-empty; sorted: reads by store (initial value first, then by step), writes by place in coherence order. */
  readonly options: readonly StepOption[];
}

/** The final state of a finished session. */
export interface StepOutcome {
  /** As the verdict prints the state (`Verdict.states[i].entries`). */
  readonly entries: readonly StateEntry[];
  /** Whether the condition's proposition holds. */
  readonly satisfies: boolean;
  /** Every register of every CPU. */
  readonly registers: readonly { readonly cpu: number; readonly name: string; readonly value: string }[];
  /** Every shared location's final value (co-last store). */
  readonly memory: readonly { readonly loc: string; readonly value: string }[];
}

/** A session could not start: the source has errors. */
export interface StepStartFailure {
  readonly kind: 'diagnostics';
  readonly diagnostics: readonly Diagnostic[];
}

/** A token that does not restore a state of this test. */
export interface StepTokenError {
  readonly kind: 'token-error';
  readonly code: 'step/token-format' | 'step/token-version' | 'step/token-step';
  readonly message: string;
  /** For `step/token-step`: the first step that is not possible. */
  readonly step?: number;
}

/** The steps that play one execution, or why it cannot be played. */
export type ReplayResult =
  | { readonly ok: true; readonly steps: readonly StepChoice[] }
  | { readonly ok: false; readonly reason: string };
