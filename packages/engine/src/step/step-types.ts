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
 * One step the learner asks for: CPU `cpu` executes its next event in
 * program order, or under `lkmm` the event at position `index` when it may
 * run ahead to it (see `StepOption.ahead`).
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
  /**
   * The event's position (0-based) in the CPU's program order. Omitted: its
   * next event not yet executed. Options that run ahead always carry it.
   */
  readonly index?: number;
  /**
   * Set by `choices` only to tell apart two events a CPU may run ahead to at
   * the same position (on different branches, or a store whose address or
   * value depends on a read not executed yet): the event's source line, and
   * its location and value when the line is not enough (as in `EventView`).
   */
  readonly line?: number;
  readonly loc?: string;
  readonly value?: string;
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
  /**
   * `value` by the kernel constant the program used for its location
   * (`PMD_TABLE` for 4, `2*GUP_PIN_COUNTING_BIAS` for 2048), as the check's
   * verdict and timeline give it (explain/value-names.ts); absent when the
   * program gave the value no name, or there is no value yet.
   */
  readonly named?: string;
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
  /** Executed before an earlier event of its CPU (`lkmm` only; see `StepOption.ahead`). */
  readonly ahead?: true;
  /** With `ahead`: why it could (as `StepOption.reason` said). */
  readonly reason?: string;
  /** A read that took its own CPU's earlier store before that store executed (store forwarding). */
  readonly forwarded?: true;
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
  /** Events executed so far (under `lkmm`, some may be after `next`: see `ranAhead`). */
  readonly executed: number;
  /** The next event in program order not executed yet (its value is absent when it is a read). */
  readonly next?: EventView;
  /** Positions of the events executed ahead of `next` (absent when the CPU ran in program order). */
  readonly ranAhead?: readonly number[];
}

/** One shared location in memory as the history leaves it. */
export interface MemoryCell {
  readonly loc: string;
  readonly value: string;
  /** `value` by its kernel constant, where the program gave it one (as `EventView.named`). */
  readonly named?: string;
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
   * Of those, the ones step mode can play: all of them. Under `sc` and `tso`
   * every execution has an order of steps that runs each CPU in program
   * order and each read after the store it reads; under `lkmm` load
   * buffering needs a CPU to run ahead, which step mode allows wherever the
   * model's happens-before order does not forbid it, and the happens-before
   * axiom guarantees such an order exists (running-ahead.ts). Kept so a
   * difference would show.
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
  /**
   * Under `lkmm`: the event is not the CPU's next in program order; the CPU
   * runs ahead to it because the model does not order it after the earlier
   * events not executed yet (`choice.index` names it).
   */
  readonly ahead?: true;
  /** With `ahead`: one line saying why, e.g. "CPU 0 may execute line 8 before line 7: nothing orders a read before a later independent write under lkmm". */
  readonly reason?: string;
  /**
   * A read of its own CPU's earlier store that has not executed yet: the
   * CPU forwards the value from its store buffer before other CPUs can see
   * it (always `ahead`).
   */
  readonly forwarded?: true;
}

/** The steps one CPU may take now. */
export interface CpuChoices {
  readonly cpu: number;
  /** Its next event in program order (as in `CpuView.next`). */
  readonly next: EventView;
  /**
   * Non-empty; sorted by the event's position (the next event first, then
   * those it may run ahead to), then reads by store (initial value first,
   * then by step, a forwarded store last), writes by place in coherence order.
   */
  readonly options: readonly StepOption[];
}

/** The final state of a finished session. */
export interface StepOutcome {
  /** As the verdict prints the state (`Verdict.states[i].entries`), each value with its kernel name where the program gave one (`named`). */
  readonly entries: readonly StateEntry[];
  /** Whether the condition's proposition holds. */
  readonly satisfies: boolean;
  /** Whether this is the bad outcome (the one the condition asks about): it satisfies an `exists` or `~exists` condition, or fails a `forall`. */
  readonly bad: boolean;
  /** Every register of every CPU (`named` as in `EventView`). */
  readonly registers: readonly { readonly cpu: number; readonly name: string; readonly value: string; readonly named?: string }[];
  /** Every shared location's final value (co-last store; `named` as in `EventView`). */
  readonly memory: readonly { readonly loc: string; readonly value: string; readonly named?: string }[];
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
