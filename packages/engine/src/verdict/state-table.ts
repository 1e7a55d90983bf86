// The final states an exploration reaches, as herd7 counts them: one entry
// per distinct state, with how many executions end there, and a witness
// execution (the one with fewest events, the first of those).
//
// A witness is an execution kept alive, and a test with 2^16 states would
// keep 2^16 of them. When the caller wants only a few witnesses (the CLI's
// text output wants none, its JSON one), only the executions that can still
// be among the chosen are kept: the choice (the bad outcome first, then fewest
// events, then the state's place in herd7's order) depends only on each
// state's own values and best execution, so it can be made as executions come.
import type { Execution } from '../execution/execution.ts';
import { memoryCost, type Meter } from '../budget/meter.ts';
import { compareValues, type Value } from '../program/value.ts';

/** One final state. */
export interface StateRecord {
  /** The state's key, as given to `add`. */
  readonly key: string;
  readonly values: readonly Value[];
  readonly satisfies: boolean;
  /** Executions ending in this state. */
  executions: number;
  /** Events of its smallest execution. */
  witnessEvents: number;
  /** The flags of that execution. */
  flags: readonly string[];
  /** That execution, when it may be shown as a witness (see StateTable). */
  witness?: Execution;
}

/** Above this many witnesses wanted, every state keeps its witness (the choice is then not worth doing as we go). */
const keepAllAbove = 64;

/** The final states of one exploration. */
export class StateTable {
  private readonly states = new Map<string, StateRecord>();
  /** The states whose executions are kept, when only some are (`maxWitnesses` small). */
  private readonly kept: StateRecord[] = [];
  private readonly keepAll: boolean;
  private bytes = 0;

  /**
   * @param bad whether a state is a bad outcome when it satisfies the condition (`exists`, `~exists`) or when it does not (`forall`)
   * @param maxWitnesses witnesses the caller will want at most (all when undefined)
   */
  constructor(private readonly meter: Meter, private readonly bad: boolean, private readonly maxWitnesses: number | undefined) {
    this.keepAll = maxWitnesses === undefined || maxWitnesses > keepAllAbove;
  }

  get size(): number {
    return this.states.size;
  }

  /** Counts `execution`, which ends in the state `values` (`key` identifies it). */
  add(key: string, values: readonly Value[], satisfies: boolean, execution: Execution, flags: readonly string[]): void {
    let state = this.states.get(key);
    if (!state) {
      const bytes = 64 * values.length + key.length * 2 + 200;
      this.bytes += bytes;
      this.meter.charge(bytes);
      state = { key, values, satisfies, executions: 1, witnessEvents: execution.n, flags };
      this.states.set(key, state);
      this.offer(state, execution);
      return;
    }
    state.executions++;
    if (execution.n < state.witnessEvents) {
      state.witnessEvents = execution.n;
      state.flags = flags;
      this.offer(state, execution);
    }
  }

  /** The states in herd7's order (by their values). */
  sorted(): StateRecord[] {
    return [...this.states.values()].sort((a, b) => compareStates(a.values, b.values));
  }

  /** Gives back to the meter what the table held. */
  release(): void {
    this.meter.release(this.bytes);
    this.bytes = 0;
  }

  /** `state` has a new best execution: keep it if the state may be shown. */
  private offer(state: StateRecord, execution: Execution): void {
    if (this.keepAll) {
      this.keep(state, execution);
      return;
    }
    const max = this.maxWitnesses ?? 0;
    if (max === 0) return;
    if (state.witness) {
      this.keep(state, execution);
      return;
    }
    if (this.kept.length < max) {
      this.kept.push(state);
      this.keep(state, execution);
      return;
    }
    // Full: it takes the place of the least interesting kept state, if it is more interesting.
    let worst = 0;
    for (let i = 1; i < this.kept.length; i++) if (this.interest(this.kept[i]!, this.kept[worst]!) > 0) worst = i;
    const evicted = this.kept[worst]!;
    if (this.interest(state, evicted) >= 0) return;
    this.drop(evicted);
    this.kept[worst] = state;
    this.keep(state, execution);
  }

  /** Negative when `a` comes before `b` in the order witnesses are chosen in. */
  private interest(a: StateRecord, b: StateRecord): number {
    return Number(b.satisfies === this.bad) - Number(a.satisfies === this.bad)
      || a.witnessEvents - b.witnessEvents
      || compareStates(a.values, b.values);
  }

  private keep(state: StateRecord, execution: Execution): void {
    this.drop(state);
    const bytes = 2 * memoryCost.relation(execution.n);
    this.bytes += bytes;
    this.meter.charge(bytes);
    // Its own copies of rf and co: views into the shared slabs would keep whole slabs alive.
    state.witness = { ...execution, rf: execution.rf.compact(), co: execution.co.compact() };
  }

  private drop(state: StateRecord): void {
    if (!state.witness) return;
    const bytes = 2 * memoryCost.relation(state.witness.n);
    this.bytes -= bytes;
    this.meter.release(bytes);
    delete state.witness;
  }
}

/** herd7 orders states by their values, component by component. */
export function compareStates(a: readonly Value[], b: readonly Value[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = compareValues(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return 0;
}
