import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { defaultBudget } from '@barrier-lab/engine';
import { check } from './check.ts';
import type { CheckResult } from './check-result.ts';
import { answerTemplate } from './prediction-template.ts';
import { grade, scoreMaximum } from '../grade/grade.ts';
import { exercise } from '../catalog/catalog.ts';
import type { CodeExercise, PredictExercise } from '../schema/exercise.ts';

const mp = exercise('mp-wmb-rmb') as CodeExercise;
const solution = mp.solutions[0]!.source;

/**
 * What every result of check() must satisfy, whatever the input: an invalid
 * one points at a line of the text and has no verdicts; any other has one
 * verdict per model, and a status that agrees with them and with the cost.
 */
function expectCoherent(result: CheckResult, text: string, models: readonly string[]): void {
  const lines = text.split('\n').length;
  if (result.status === 'invalid') {
    const first = result.diagnostics.find((d) => d.severity === 'error')!;
    expect(first).toBeDefined();
    expect(first.span.line).toBeGreaterThanOrEqual(1);
    expect(first.span.line).toBeLessThanOrEqual(lines + 1);
    expect(result.summary).toBe(`Line ${first.span.line}, column ${first.span.column}: ${first.message}`);
    expect(result.verdicts).toEqual([]);
    return;
  }
  // A budget may stop a model's run before it has a verdict: the models before it have theirs.
  if (result.status === 'inconclusive') expect(models.slice(0, result.verdicts.length)).toEqual(result.verdicts.map((v) => v.model));
  else expect(result.verdicts.map((v) => v.model)).toEqual(models);
  expect(result.cost).toBe(result.barriers.reduce((n, b) => n + b.cost, 0));
  const holds = result.verdicts.every((v) => v.holds);
  if (result.status === 'correct') expect([holds, result.cost <= result.referenceCost]).toEqual([true, true]);
  if (result.status === 'over-fenced') expect([holds, result.cost > result.referenceCost]).toEqual([true, true]);
  if (result.status === 'incorrect') {
    expect(holds).toBe(false);
    expect(result.verdicts.find((v) => v.model === result.explainedModel)?.holds).toBe(false);
  }
}

describe('check', () => {
  it('treats an unknown exercise as invalid input', () => {
    const result = check('no-such-exercise', solution);
    expect(result.status).toBe('invalid');
    expect(result.diagnostics[0]?.code).toBe('check/unknown-exercise');
  });

  it('is inconclusive, never invalid nor a verdict, when its memory budget stops it, in any phase, and says where', () => {
    // A budget so small that parsing the answer passes it: no verdict for any model.
    const tiny = check(mp.id, solution, { budget: { ...defaultBudget, maxMemoryMb: 0.001 } });
    expect(tiny).toMatchObject({ status: 'inconclusive', verdicts: [] });
    expect(tiny.summary).toBe(`Not decided: under ${mp.models[0]} the check hit the memory budget (0.001 MB) during parsing, so no verdict is given.`);
    expectCoherent(tiny, solution, mp.models);
    // One that parsing fits in, but not the exploration.
    const small = check(mp.id, solution, { budget: { ...defaultBudget, maxMemoryMb: 0.02 } });
    expect(small.status).toBe('inconclusive');
    expect(small.summary).toBe(`Not decided: under ${mp.models[0]} the check hit the memory budget (0.02 MB) during exploration, so no verdict is given.`);
    expectCoherent(small, solution, mp.models);
  });

  it('reports a syntax error with its line and column', () => {
    const result = check(mp.id, solution.replace('smp_rmb();', 'smp_rmb(;'));
    expect(result.status).toBe('invalid');
    expect(result.summary).toMatch(/^Line 22, column \d+: /);
    expect(result.verdicts).toEqual([]);
  });

  it('refuses an enormous submission without exploring it', () => {
    expect(check(mp.id, 'x'.repeat(200_000)).diagnostics[0]?.code).toBe('check/too-long');
  });

  it('is deterministic: the same answer gives byte-identical results', () => {
    for (const source of [mp.starter.source, solution, mp.overFenced!.source]) {
      expect(JSON.stringify(check(mp.id, source))).toBe(JSON.stringify(check(mp.id, source)));
    }
  });

  it('explains a wrong answer with a counterexample, a timeline and a repair', () => {
    const result = check(mp.id, mp.starter.source, { explain: 'full' });
    expect(result.status).toBe('incorrect');
    expect(result.explainedModel).toBe('lkmm');
    expect(result.explanation?.counterexample?.entries.map((e) => `${e.target}=${e.value}`)).toEqual(['1:r0=1', '1:r1=0']);
    expect(result.explanation?.timeline?.steps.length).toBeGreaterThan(0);
    expect(result.explanation?.graph?.nodes.length).toBeGreaterThan(0);
    expect(result.explanation?.repair?.status).toBe('found');
  });

  it('counts the cost of the barriers used', () => {
    const result = check(mp.id, mp.overFenced!.source);
    expect(result.barriers.map((b) => [b.name, b.cost])).toEqual([['smp_mb', 10], ['smp_mb', 10]]);
    expect([result.cost, result.referenceCost]).toEqual([20, 8]);
  });

  it('answers random text with a coherent result, never an exception', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => {
      const result = check(mp.id, text);
      expect(result.status).toBe('invalid');
      expectCoherent(result, text, mp.models);
    }), { numRuns: 200 });
  });

  it('answers the solution with random lines dropped or duplicated with a coherent result', () => {
    const lines = solution.split('\n');
    const statuses = new Set<string>();
    fc.assert(fc.property(fc.array(fc.nat({ max: lines.length - 1 }), { maxLength: 4 }), fc.boolean(), (picks, duplicate) => {
      const edited = lines.flatMap((line, i) => (picks.includes(i) ? (duplicate ? [line, line] : []) : [line])).join('\n');
      const result = check(mp.id, edited);
      statuses.add(result.status);
      expectCoherent(result, edited, mp.models);
    }), { numRuns: 100, seed: 9 });
    // Dropping or doubling lines reaches all of these: the law above was tested on each.
    expect([...statuses].sort()).toEqual(['correct', 'incorrect', 'invalid', 'over-fenced']);
  });
});

describe('check: what a learner may change', () => {
  const withCall = (source: string, call: string) => source.replace('\tWRITE_ONCE(*flag, 1);', `\t${call};\n\tWRITE_ONCE(*flag, 1);`);

  it('reads a typo as the engine\'s unknown primitive, with the nearest one, not as an edit', () => {
    const result = check(mp.id, withCall(mp.starter.source, 'smp_wmbb()'));
    expect(result.status).toBe('invalid');
    expect(result.diagnostics).toEqual([expect.objectContaining({
      code: 'lower/unknown-primitive', message: "unknown primitive 'smp_wmbb'", hint: 'did you mean `smp_wmb()`?', span: expect.objectContaining({ line: 12, column: 2 }),
    })]);
    expect(result.summary).toBe("Line 12, column 2: unknown primitive 'smp_wmbb'");
  });

  it('says first that a program is another exercise\'s, when it was handed in under the wrong one', () => {
    const sb = exercise('sb-full-barriers') as CodeExercise;
    const result = check(mp.id, sb.starter.source);
    expect(result.status).toBe('invalid');
    expect(result.diagnostics[0]).toEqual(expect.objectContaining({
      code: 'check/other-exercise', span: expect.objectContaining({ line: 1, column: 3 }),
      message: `This is the program of another exercise, "sb-full-barriers" (${sb.title}), not of "mp-wmb-rmb" (${mp.title}).`,
    }));
    expect(result.summary).toMatch(/^Line 1, column 3: This is the program of another exercise, "sb-full-barriers"/);
    // The edit rules' differences still follow; a renamed copy of this exercise's own program is not another's.
    expect(result.diagnostics.some((d) => d.code === 'edit/not-allowed')).toBe(true);
    expect(check(mp.id, solution.replace('C mp-wmb-rmb', 'C my-answer')).status).toBe('correct');
    expect(check(mp.id, mp.starter.source.replace('C mp-wmb-rmb', 'C sb-full-barriers')).diagnostics.map((d) => d.code)).not.toContain('check/other-exercise');
  });

  it('takes release/acquire where the exercise prices them, at their price', () => {
    const ra = exercise('mp-release-acquire') as CodeExercise;
    const edited = ra.starter.source.replace('WRITE_ONCE(*flag, 1)', 'smp_store_release(flag, 1)').replace('READ_ONCE(*flag)', 'smp_load_acquire(flag)');
    expect(edited).not.toBe(ra.starter.source);
    const result = check(ra.id, edited);
    expect(result).toMatchObject({ status: 'correct', cost: 6 });
    expect(result.barriers.map((b) => b.name)).toEqual(['smp_store_release', 'smp_load_acquire']);
  });

  it('refuses release/acquire where the exercise does not price them, with its own sentence', () => {
    const edited = mp.starter.source.replace('WRITE_ONCE(*flag, 1)', 'smp_store_release(flag, 1)');
    const [d] = check(mp.id, edited).diagnostics;
    expect(d).toMatchObject({ code: 'edit/not-allowed', span: expect.objectContaining({ line: 12 }) });
    expect(d!.message).toBe(`This differs from the starter code of P0. ${mp.mayChange.sentence}`);
    expect(mp.mayChange.sentence).not.toContain('smp_store_release');
    expect(Object.keys(mp.costs)).not.toContain('smp_store_release');
  });
});

describe('check: predictions', () => {
  const sb = exercise('sb-which-models') as PredictExercise;

  it('takes the template as shown, with the program, once the lines are filled in', () => {
    const shown = answerTemplate(sb, { withProgram: true });
    expect(shown).toContain('#   P0(int *x, int *y)');
    const filled = shown.replace('sc: ?', 'sc: Never').replace('tso: ?', 'tso: Sometimes').replace('lkmm: ?', 'lkmm: Sometimes');
    expect(check(sb.id, filled)).toMatchObject({ status: 'correct' });
  });

  it('calls an unfilled template invalid in one message naming what is missing', () => {
    const result = check(sb.id, answerTemplate(sb, { withProgram: true }));
    expect(result.diagnostics).toEqual([expect.objectContaining({
      code: 'predict/missing', message: 'No prediction yet for sc, tso and lkmm: replace each ? with Never, Sometimes or Always.',
    })]);
    const half = check(sb.id, answerTemplate(sb).replace('sc: ?', 'sc: Never'));
    expect(half.diagnostics.map((d) => d.message)).toEqual(['No prediction yet for tso and lkmm: replace each ? with Never, Sometimes or Always.']);
  });
});

describe('check: a program handed in as a prediction', () => {
  const sb = exercise('sb-which-models') as PredictExercise;

  it('names the exercise whose program it is, in one diagnostic at its name', () => {
    const capstone = exercise('capstone-patch') as CodeExercise;
    const result = check(sb.id, `\n${capstone.starter.source}`);
    expect(result.status).toBe('invalid');
    expect(result.diagnostics).toEqual([expect.objectContaining({
      code: 'check/other-exercise', span: expect.objectContaining({ line: 2, column: 3 }),
      message: `This is the program of another exercise, "capstone-patch" (${capstone.title}), not a prediction for "sb-which-models" (${sb.title}).`,
      hint: 'A prediction is one line per model, such as "lkmm: Sometimes": Reset to starter in the course, `barrier-lab show sb-which-models` on the command line.',
    })]);
  });

  it('says that its own program, or any other test, is a program and not a prediction', () => {
    for (const source of [sb.program.source, 'C my-test\n{}\nP0(int *x) { WRITE_ONCE(*x, 1); }\nexists (x=1)\n']) {
      const result = check(sb.id, source);
      expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'predict/program', span: expect.objectContaining({ line: 1, column: 1 }) })]);
      expect(result.summary).toBe('Line 1, column 1: This is a litmus program, not a prediction: "sb-which-models" asks what its program can do, Never, Sometimes or Always under each model.');
    }
    // A prediction that only mentions a C is still read as one.
    expect(check(sb.id, 'sc: Never\ntso: Sometimes\nlkmm: Sometimes\n# C code below was the program\n').status).toBe('correct');
  });
});

describe('check: values by name', () => {
  it('tells a pin as GUP_PIN_COUNTING_BIAS in the counterexample, not 1024', () => {
    const ksm = exercise('ksm-pte-change-barriers') as CodeExercise;
    const result = check(ksm.id, ksm.starter.source);
    expect(result.status).toBe('incorrect');
    expect(result.explanation?.timelineText).toContain('stored refcount=GUP_PIN_COUNTING_BIAS');
    expect(result.explanation?.timelineText).not.toContain('1024');
  });
});

describe('grade', () => {
  it('gives full marks, partial credit, or zero', () => {
    expect(grade(mp.id, solution)).toMatchObject({ scoreGiven: scoreMaximum, scoreMaximum, gradingProgress: 'FullyGraded', status: 'correct' });
    const over = grade(mp.id, mp.overFenced!.source);
    expect(over.scoreGiven).toBe(5);
    expect(over.feedback).toContain('smp_wmb() is enough');
    const wrong = grade(mp.id, mp.starter.source);
    expect(wrong.scoreGiven).toBe(0);
    expect(wrong.feedback).toContain('Timeline');
    expect(grade(mp.id, 'garbage')).toMatchObject({ scoreGiven: 0, status: 'invalid' });
  });
});
