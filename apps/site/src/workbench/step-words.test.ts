import { describe, expect, it } from 'vitest';
import { exercise, type CodeExercise } from '@barrier-lab/exercises';
import { CheckService } from './check-service.ts';
import { followWords, memoryWords, optionWords, outcomeWords, takenWords, timelineStepWords, valueWords } from './step-words.ts';
import type { CheckResponse, PlayResponse, WorkerRequest } from './worker-protocol.ts';

// The page-table exercise: GUP-fast reads the PMD (PMD_TABLE, 4), then a PTE of the freed table (PT_FREED, 107).
const tables = exercise('rcu-freed-page-tables') as CodeExercise;
const mp = exercise('mp-wmb-rmb') as CodeExercise;

function send<T>(s: CheckService, request: WorkerRequest): T {
  return JSON.parse(JSON.stringify(s.handle(JSON.parse(JSON.stringify(request)) as WorkerRequest))) as T;
}

/** Play it on `source` under `model`, following the counterexample to its end; every response on the way. */
function playToEnd(source: string, model: 'sc' | 'lkmm', flush?: 'broadcast'): PlayResponse[] {
  const s = new CheckService(() => 0);
  const first = send<PlayResponse>(s, { type: 'play-start', id: 1, source, model, ...(flush ? { flush } : {}) });
  const seen = [first];
  for (const [i, choice] of (first.counterexample ?? []).entries()) seen.push(send<PlayResponse>(s, { type: 'play-step', id: 2 + i, choice }));
  return seen;
}

describe('step words', () => {
  const played = playToEnd(tables.starter.source, 'sc', 'broadcast');
  const end = played.at(-1)!;

  it('say a step Play it took by the value\'s kernel name, never its number', () => {
    const words = end.state.history.map((t) => takenWords(t));
    const read = words.find((w) => w.includes('pmdp_get_lockless'))!;
    expect(read).toMatch(/read pmdp = PMD_TABLE from the initial value$/);
    expect(words.find((w) => w.includes('ptep_get_lockless'))).toMatch(/read ptep = PT_FREED from step \d+$/);
    expect(words.find((w) => w.includes('pte_free'))).toMatch(/stored ptep = PT_FREED$/);
    // pmd_clear() stores 0, which the builtin names PMD_NONE.
    expect(words.find((w) => w.includes('pmd_clear'))).toMatch(/stored pmdp = PMD_NONE$/);
    expect(words.join('\n')).not.toMatch(/p = (0|4|107)\b/);
  });

  it('say what a barrier step taken did, not only its line (a flush\'s read, store and barrier share one line)', () => {
    const words = end.state.history.map((t) => takenWords(t));
    expect(words.find((w) => /flush_tlb_range\(\)/.test(w))).toMatch(/^\d+\. line \d+: flush_tlb_range\(\), a barrier$/);
    expect(words.find((w) => /local_irq_save/.test(w))).toMatch(/, a read-side critical section begins$/);
  });

  it('say a step in a sentence as "step N, line L" and in the list as "N. line L"', () => {
    const step = end.state.history[3]!;
    const listed = takenWords(step, 'list');
    expect(listed).toMatch(/^4\. line \d+: /);
    expect(takenWords(step, 'status')).toBe(listed.replace(/^4\. /, 'step 4, '));
  });

  it('say the steps offered and memory now by name', () => {
    const start = played[0]!;
    expect(memoryWords(start.state.memory)).toBe('pmdp = PMD_TABLE (initial), ptep = PTE_WRITE (initial)');
    const offered = played.flatMap((r) => r.choices.flatMap((c) => c.options)).map(optionWords);
    expect(offered.find((w) => w.includes('pmdp_get_lockless'))).toMatch(/read pmdp = PMD_TABLE from the initial value$/);
    expect(memoryWords(end.state.memory)).toMatch(/^pmdp = PMD_NONE \(step \d+\), ptep = PT_FREED \(step \d+\)$/);
    const midway = played.find((r) => r.choices.some((c) => c.options.some((o) => o.event.kind === 'W' && o.event.loc === 'ptep')))!;
    const store = midway.choices.flatMap((c) => c.options).find((o) => o.event.kind === 'W' && o.event.loc === 'ptep')!;
    expect(optionWords(store)).toMatch(/store ptep = PT_FREED$/);
  });

  it('say the end as the check\'s verdict does', () => {
    expect(outcomeWords(end.outcome!, 'the exercise')).toBe('Finished: 1:pmd=PMD_TABLE, 1:pte=PT_FREED, [ptep]=PT_FREED, the outcome the exercise asks about happened.');
  });

  it('say the check\'s counterexample steps by name', () => {
    const checked = send<CheckResponse>(new CheckService(() => 0), { type: 'check', id: 1, exercise: tables.id, source: tables.starter.source });
    const words = checked.result.explanation!.timeline!.steps.map(timelineStepWords);
    expect(words).toContain('read pmdp = PMD_TABLE, the initial value');
    expect(words).toContain('stored ptep = PT_FREED');
    expect(words.join('\n')).not.toMatch(/= (4|107)\b/);
    expect(checked.graphSvg).toContain('R[once] ptep=PT_FREED');
  });

  it('keep the numbers of a program that names no value', () => {
    const mpEnd = playToEnd(mp.starter.source, 'lkmm').at(-1)!;
    expect(mpEnd.state.history.map((t) => takenWords(t)).join('\n')).toMatch(/read flag = 1 from step \d+/);
    expect(memoryWords(mpEnd.state.memory)).toMatch(/= 1 \(step \d+\)/);
    expect(valueWords({ value: '3' })).toBe('3');
    expect(valueWords({})).toBe('?');
  });
});

describe('where Play it is on what it follows', () => {
  it('counts the steps taken, starting from none taken (never "Step 0 of ...")', () => {
    expect(followWords('the counterexample', 0, 6)).toBe('Following the counterexample: 0 of its 6 steps taken.');
    expect(followWords('the counterexample', 3, 6)).toBe('Following the counterexample: 3 of its 6 steps taken.');
    expect(followWords('this execution', 1, 1)).toBe('Following this execution: 1 of its 1 step taken.');
  });

  it('says how to come back once the learner left it', () => {
    expect(followWords('the counterexample', undefined, 6)).toBe('You left the counterexample: Reset to follow it again.');
  });
});
