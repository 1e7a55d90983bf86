// The starter's value domain, reused. A learner may only add, move or remove
// barriers, change an access's ordering and add or drop TLB flushes (the
// edit rule, edit-rules.ts). Barriers and orderings never change which
// values a location can hold (ValueDomain in the engine), so an answer that
// kept the starter's flushes as they were has the starter's domain: it is
// computed once per exercise (per Web Worker, per grading worker) instead
// of once per answer, which is most of a check's time. A flush can change
// the domain (the TLB's bookkeeping), so an answer whose flushes differ is
// checked from scratch.
import { lower, sourceSlicer, valueDomain, type LitmusAst, type ValueDomain } from '@barrier-lab/engine';
import { costKindOf, flushingCalls } from '@barrier-lab/engine/explain';
import type { CodeExercise } from '../schema/exercise.ts';
import { callSites } from './barriers-used.ts';

const domains = new WeakMap<CodeExercise, ValueDomain | null>();
const unflushed = new Set(flushingCalls.values());

/** The starter's domain when `answer` (which passed the edit rule) may use it; undefined otherwise. */
export function reusableDomain(exercise: CodeExercise, starter: LitmusAst, answer: LitmusAst): ValueDomain | undefined {
  if (exercise.edits !== 'barriers' || flushSignature(starter) !== flushSignature(answer)) return undefined;
  let domain = domains.get(exercise);
  if (domain === undefined) {
    const lowered = lower(starter, exercise.starter.source, exercise.flush ? { flush: exercise.flush } : {});
    domain = (lowered.program && valueDomain(lowered.program, sourceSlicer(exercise.starter.source))) ?? null;
    domains.set(exercise, domain);
  }
  return domain ?? undefined;
}

/** Each thread's flushing calls, in order: what must match for the domain to carry over. */
function flushSignature(ast: LitmusAst): string {
  return callSites(ast)
    .filter((c) => costKindOf(c.name) === 'flush' || unflushed.has(c.name))
    .map((c) => `${c.thread}:${c.name}`)
    .join(' ');
}
