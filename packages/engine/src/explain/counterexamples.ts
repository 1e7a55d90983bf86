// Counterexamples, smallest first: the witnesses of the final states that
// show the bad outcome. The judge already keeps, for each state, the
// execution with the fewest events, so sorting states by their witness's
// size puts the easiest story first.
import type { FinalStateSummary, Verdict, Witness } from '../verdict/verdict.ts';

/** A final state showing the outcome, with its witness. */
export interface Counterexample {
  /** Index into `Verdict.states`. */
  readonly state: number;
  readonly summary: FinalStateSummary;
  readonly witness: Witness;
  /** Events of the witness, initial writes excluded. */
  readonly events: number;
}

/**
 * The states where the test's question goes the "bad" way (the proposition
 * holds, for `exists` and `~exists`; fails, for `forall`), each with its
 * witness, sorted by number of events, then by state order. Empty when the
 * outcome is impossible.
 */
export function counterexamples(verdict: Verdict): Counterexample[] {
  const bad = verdict.quantifier !== 'forall';
  const out: Counterexample[] = [];
  verdict.states.forEach((summary, state) => {
    if (summary.satisfies !== bad) return;
    const witness = summary.witness === undefined ? undefined : verdict.witnesses[summary.witness];
    if (!witness) return;
    out.push({ state, summary, witness, events: witness.events.filter((e) => e.thread >= 0).length });
  });
  return out.sort((a, b) => a.events - b.events || a.state - b.state);
}

/** The first of `counterexamples(verdict)`, if any. */
export function smallestCounterexample(verdict: Verdict): Counterexample | undefined {
  return counterexamples(verdict)[0];
}
