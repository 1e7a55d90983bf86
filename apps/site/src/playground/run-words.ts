// A playground run in plain words: the verdict (or why there is none), what
// the exploration did against its limits, and each final state. Pure, so
// its sentences are tested without a browser.
import type { Budget, BudgetName } from '@barrier-lab/engine';
import type { RunResponse, VerdictSummary } from './playground-protocol.ts';

/** How a run reads. */
export interface RunWords {
  /** `Sometimes`, `Never`, `Always`, `Inconclusive` or `Invalid`. */
  readonly verdict: string;
  readonly tone: 'good' | 'partial' | 'bad';
  /** One sentence: what it means. */
  readonly summary: string;
  /** The exploration against its limits, and notes (loops cut at their bound, data races). */
  readonly details: readonly string[];
}

/** The words for `run`. */
export function runWords(run: RunResponse): RunWords {
  const v = run.verdict;
  if (!v && run.inconclusive) {
    return {
      verdict: 'Inconclusive',
      tone: 'partial',
      summary: `No verdict: the run stopped while reading the test, because ${cutoffWords(run.inconclusive.budget, run.budget)}. Nothing was explored.`,
      details: [limitsWords(run.budget)],
    };
  }
  if (!v) {
    const errors = run.diagnostics.filter((d) => d.severity === 'error');
    return {
      verdict: 'Invalid',
      tone: 'bad',
      summary: errors.length === 1 ? 'The test has an error; nothing was explored.' : `The test has ${errors.length} errors; nothing was explored.`,
      details: errors.map((d) => `Line ${d.span.line}, column ${d.span.column}: ${d.message}${d.hint ? ` ${d.hint}` : ''}`),
    };
  }
  const details = [explored(v, run.budget), limitsWords(run.budget)];
  if (v.unrollHit) details.push('Some loop ran into its unroll bound: paths that go round it more often are not explored (herd7 prints “Loop”).');
  if (v.flags.length > 0) details.push(`Flags raised by some execution: ${v.flags.join(', ')}.`);
  if (v.status === 'inconclusive') {
    return {
      verdict: 'Inconclusive',
      tone: 'partial',
      summary: `No verdict under ${v.model}: the exploration stopped because ${cutoffWords(v.cutoff, run.budget)}. The executions and states below are only those found before it stopped.`,
      details,
    };
  }
  return { verdict: v.observation, tone: tone(v), summary: verdictSentence(v), details };
}

/** What the quantifier asks, and the answer, in one sentence. */
function verdictSentence(v: VerdictSummary): string {
  const total = v.observed.positive + v.observed.negative;
  const of = `${v.observed.positive} of ${total} execution${total === 1 ? '' : 's'}`;
  const under = `under ${v.model}`;
  // The condition as herd7 prints it starts with its quantifier, which the sentence says in words.
  const outcome = v.condition.replace(/^(?:~exists|not exists|exists|forall)\s*/, '');
  switch (v.quantifier) {
    case 'exists':
      return v.observed.positive > 0
        ? `The outcome ${outcome} can happen ${under}: ${of} end in it.`
        : `The outcome ${outcome} cannot happen ${under}: none of the ${total} executions ends in it.`;
    case 'not exists':
      return v.observed.positive > 0
        ? `The test says ${outcome} never happens, but ${under} it can: ${of} end in it.`
        : `The test says ${outcome} never happens, and ${under} it holds: none of the ${total} executions ends in it.`;
    case 'forall':
      return v.observed.negative > 0
        ? `The test says every execution ends in ${outcome}, but ${under} ${v.observed.negative} of ${total} do not.`
        : `The test says every execution ends in ${outcome}, and ${under} all ${total} do.`;
    default:
      return '';
  }
}

/** Good when the test's claim holds (herd7's Ok), bad when it does not. */
function tone(v: VerdictSummary): RunWords['tone'] {
  return v.ok === (v.quantifier !== 'exists') ? 'good' : 'bad';
}

function explored(v: VerdictSummary, budget: Budget): string {
  const total = v.observed.positive + v.observed.negative;
  return `Explored ${v.stats.candidates.toLocaleString('en')} candidate execution${v.stats.candidates === 1 ? '' : 's'} of up to ${v.stats.maxEvents} events each; ${total.toLocaleString('en')} consistent with ${v.model}, ending in ${v.states.length} final state${v.states.length === 1 ? '' : 's'}; ${formatMillis(v.stats.millis)} of the ${formatMillis(budget.maxMillis)} allowed.`;
}

/** The limits of a run, in one sentence. */
export function limitsWords(budget: Budget): string {
  const memory = budget.maxMemoryMb === undefined ? '' : `, ${budget.maxMemoryMb.toLocaleString('en')} MB of memory`;
  return `Limits: ${budget.maxEvents.toLocaleString('en')} events per execution, ${budget.maxCandidates.toLocaleString('en')} candidate executions, ${formatMillis(budget.maxMillis)}${memory}.`;
}

/** Why a run stopped, as the end of a sentence ("... stopped because ..."). */
export function cutoffWords(cutoff: BudgetName | undefined, budget: Budget): string {
  switch (cutoff) {
    case 'events':
      return `an execution has more than ${budget.maxEvents.toLocaleString('en')} events (the limit on events)`;
    case 'candidates':
      return `more than ${budget.maxCandidates.toLocaleString('en')} candidate executions needed judging (the limit on candidates)`;
    case 'time':
      return `the time limit of ${formatMillis(budget.maxMillis)} ran out`;
    case 'traces':
      return 'a CPU has too many paths through its code (the limit on paths)';
    case 'values':
      return 'the values the registers may take kept growing (the limit on values)';
    case 'choices':
      return 'one variable has too many orders of its stores to explore (the limit on choices)';
    case 'cancelled':
      return 'it was stopped';
    case 'memory':
      return `what the checker keeps grew past ${budget.maxMemoryMb === undefined ? 'its limit' : `${budget.maxMemoryMb.toLocaleString('en')} MB`} (the limit on memory)`;
    default:
      return 'a limit was reached';
  }
}

function formatMillis(ms: number): string {
  if (ms < 1) return 'under 1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} s`;
}
