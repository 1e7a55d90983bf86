// What a step did, in the words the lanes and Play it show: what ran, what it
// read or stored, where from. A value is said by the kernel constant the
// program gave it (`pmdp = PMD_TABLE`, not `pmdp = 4`), as the check's
// verdict says it; the engine finds the name (`named`), and a value with no
// name stays a number.
import type { TimelineStep } from '@barrier-lab/engine/explain';
import type { MemoryCell, StepOption, StepOutcome, TakenStep } from '@barrier-lab/engine/step';

/** A value as a learner reads it: its kernel name where it has one, else the value itself (`?` when there is none). */
export function valueWords(v: { readonly value?: string; readonly named?: string }): string {
  return v.named ?? v.value ?? '?';
}

/** A step Play it offers: `line 38: pmd = pmdp_get_lockless(pmdp), read pmdp = PMD_TABLE from the initial value`. */
export function optionWords(o: StepOption): string {
  const e = o.event;
  const at = `line ${e.line}: ${e.text}`;
  if (e.kind === 'F') return `${at}, ${fenceRole(e.tags)}`;
  if (e.kind === 'W') return `${at}, store ${e.loc} = ${valueWords(e)}${o.latest === false ? ', landing before a newer store to it' : ''}`;
  const from = o.forwarded ? 'its own store, not yet visible to others' : o.readFromStep !== undefined ? `the store of step ${o.readFromStep + 1}` : 'the initial value';
  return `${at}, read ${e.loc} = ${valueWords(e)} from ${from}${o.stale ? ' (stale: a newer store exists)' : ''}`;
}

/**
 * A step Play it took: `4. line 38: pmd = pmdp_get_lockless(pmdp) read pmdp = PMD_TABLE from the initial value`
 * in the list of steps taken, `step 4, line 38: ...` (`form: 'status'`) in a sentence.
 */
export function takenWords(t: TakenStep, form: 'list' | 'status' = 'list'): string {
  const e = t.event;
  const head = `${form === 'list' ? `${t.step + 1}.` : `step ${t.step + 1},`} line ${e.line}: ${e.text}`;
  const tail = t.ahead ? ' — ran ahead' : '';
  // Said as Play it offered it: a flush's barrier step is not left as its bare line, which a read and a store of the same line come before.
  if (e.kind === 'F') return `${head}, ${fenceRole(e.tags)}${tail}`;
  if (e.kind === 'W') return `${head} stored ${e.loc} = ${valueWords(e)}${t.reordered ? ' (landed before an earlier store)' : ''}${tail}`;
  const from = t.forwarded ? 'its own store buffer' : t.readFromStep !== undefined ? `step ${t.readFromStep + 1}` : 'the initial value';
  return `${head} read ${e.loc} = ${valueWords(e)} from ${from}${t.stale ? ' — stale' : ''}${tail}`;
}

/**
 * Where Play it is on the execution it follows (`plan`: "the counterexample",
 * "this execution"): `Following the counterexample: 0 of its 6 steps taken.`,
 * or that the learner left it. (Not "Step 0 of ...": before the first step
 * there is no step 0 to be at.)
 */
export function followWords(plan: string, taken: number | undefined, steps: number): string {
  if (taken === undefined) return `You left ${plan}: Reset to follow it again.`;
  return `Following ${plan}: ${taken} of its ${steps} ${steps === 1 ? 'step' : 'steps'} taken.`;
}

/** Play it's "Memory now" line, after its label: `pmdp = PMD_NONE (step 7), ptep = PT_FREED (step 2)`. */
export function memoryWords(memory: readonly MemoryCell[]): string {
  if (memory.length === 0) return 'nothing stored yet';
  return memory.map((m) => `${m.loc} = ${valueWords(m)} (${m.step === undefined ? 'initial' : `step ${m.step + 1}`})`).join(', ');
}

/**
 * Play it's last words: the final state as the check's verdict gives it, and
 * whether it is the outcome `askedBy` ("the exercise", "the test") asks about.
 */
export function outcomeWords(outcome: StepOutcome, askedBy: string): string {
  const state = outcome.entries.map((e) => `${e.target}=${valueWords(e)}`).join(', ');
  return `Finished: ${state}, ${outcome.bad ? `the outcome ${askedBy} asks about happened` : `not the outcome ${askedBy} asks about`}.`;
}

/** What a fence-like event does, in the words the lanes use (local_irq_save() in GUP-fast is a read-side critical section). */
export function fenceRole(tags: readonly string[]): string {
  if (tags.includes('rcu-lock') || tags.includes('srcu-lock')) return 'a read-side critical section begins';
  if (tags.includes('rcu-unlock') || tags.includes('srcu-unlock')) return 'the read-side critical section ends';
  if (tags.includes('sync-rcu') || tags.includes('sync-srcu')) return 'waits for the read-side critical sections already begun';
  return 'a barrier';
}

/**
 * What a fence step does beyond its code, as the engine tells it
 * (`ptep_clear_flush()`'s barrier step: `flushes by broadcast: a full
 * barrier ...`); often nothing (`smp_mb()` says itself).
 */
export function fenceStepWords(step: TimelineStep): string {
  const told = step.description.replace(/^CPU \d+, line \d+: /, '');
  return told.startsWith(step.statement) ? told.slice(step.statement.length).trim() : '';
}

/**
 * What a step of the check's counterexample did, under its statement in the
 * lanes: `read pmdp = PMD_TABLE, the initial value`, `stored ptep = PT_FREED`,
 * a fence's part as the engine tells it (often nothing).
 */
export function timelineStepWords(step: TimelineStep): string {
  if (step.kind === 'W') return `stored ${step.loc ?? '?'} = ${valueWords(step)}`;
  if (step.kind === 'F') return fenceStepWords(step);
  const read = `read ${step.loc ?? '?'} = ${valueWords(step)}`;
  const from = step.readsFrom;
  if (!from) return read;
  if (from.initial) return `${read}, the initial value`;
  return `${read}, written by CPU ${from.thread} at line ${from.line}`;
}
