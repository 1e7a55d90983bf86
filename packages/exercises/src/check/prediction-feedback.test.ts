import { describe, expect, it } from 'vitest';
import { check } from './check.ts';
import { wrongPredictionsSummary } from './prediction-words.ts';
import { grade } from '../grade/grade.ts';
import { exercise } from '../catalog/catalog.ts';
import type { PredictExercise } from '../schema/exercise.ts';

const sb = exercise('sb-which-models') as PredictExercise;
const answer = (sc: string, tso: string, lkmm: string) => `sc: ${sc}\ntso: ${tso}\nlkmm: ${lkmm}\n`;
const state = (entries: readonly { target: string; value: string | number }[] | undefined) => entries?.map((e) => `${e.target}=${e.value}`);

describe('check: every wrong prediction explained', () => {
  it('explains tso and lkmm, each with its own counterexample, when both are wrong', () => {
    const result = check(sb.id, answer('Never', 'Never', 'Never'));
    expect(result.status).toBe('incorrect');
    const blocks = result.explanations ?? [];
    expect(blocks.map((b) => [b.model, b.predicted, b.actual])).toEqual([['tso', 'Never', 'Sometimes'], ['lkmm', 'Never', 'Sometimes']]);
    for (const block of blocks) {
      // Each block's counterexample is its own model's, not the first one's copied.
      expect(block.explanation?.model).toBe(block.model);
      expect(state(block.explanation?.counterexample?.entries)).toEqual(['0:r0=0', '1:r0=0']);
      expect(block.explanation?.timeline?.steps.length).toBeGreaterThan(0);
      expect(block.explanation?.graph?.nodes.length).toBeGreaterThan(0);
      expect(block.message).toBe(`Under ${block.model} it is Sometimes, not Never: at least one execution ends this way. One execution that ends in 0:r0=0, 1:r0=0 follows, step by step.`);
    }
    // The first block is still the result's one explanation (the CLI and older readers show it).
    expect(result.explainedModel).toBe('tso');
    expect(result.explanation).toEqual(blocks[0]!.explanation);
  });

  it('says why sc forbids what the learner thought possible, and shows tso\'s counterexample, in the exercise\'s model order', () => {
    const result = check(sb.id, answer('Sometimes', 'Never', 'Sometimes'));
    const [sc, tso, ...rest] = result.explanations ?? [];
    expect(rest).toEqual([]);
    expect(sc).toMatchObject({ model: 'sc', predicted: 'Sometimes', actual: 'Never', message: 'Under sc it is Never, not Sometimes: no execution that sc allows ends this way.' });
    expect(sc!.explanation?.timeline).toBeUndefined();
    expect(sc!.explanation?.whyForbidden).toMatchObject({ status: 'forbidden' });
    expect(sc!.explanation?.whyForbidden?.message).toContain('forbidden under sc');
    expect(tso).toMatchObject({ model: 'tso', predicted: 'Never', actual: 'Sometimes' });
    expect(tso!.explanation?.timeline?.steps.length).toBeGreaterThan(0);
    expect(result.summary).toBe('Two predictions are wrong, under sc and tso: each is explained below.');
  });

  it('explains all three models when all three are wrong', () => {
    const result = check(sb.id, answer('Always', 'Always', 'Always'));
    expect(result.explanations?.map((b) => b.model)).toEqual(['sc', 'tso', 'lkmm']);
    expect(result.explanations?.[1]?.message).toBe('Under tso it is Sometimes, not Always: some executions end this way, but not all of them. One execution that ends in 0:r0=0, 1:r0=0 follows, step by step.');
    expect(result.summary).toBe('Three predictions are wrong, under sc, tso and lkmm: each is explained below.');
  });

  it('keeps one block per wrong model, without the engine\'s explanation, when asked not to explain', () => {
    const result = check(sb.id, answer('Never', 'Never', 'Never'), { explain: 'none' });
    expect(result.explanations?.map((b) => [b.model, b.explanation])).toEqual([['tso', undefined], ['lkmm', undefined]]);
    expect(result.explanation).toBeUndefined();
  });

  it('has no blocks for a right answer', () => {
    const result = check(sb.id, answer('Never', 'Sometimes', 'Sometimes'));
    expect(result.status).toBe('correct');
    expect(result.explanations).toBeUndefined();
  });
});

describe('grade: the feedback explains every wrong prediction', () => {
  it('gives one block per wrong model, each with its own steps, in the exercise\'s order', () => {
    const { feedback } = grade(sb.id, answer('Sometimes', 'Never', 'Never'));
    const blocks = feedback.split('\n\n');
    expect(blocks[0]).toBe('Three predictions are wrong, under sc, tso and lkmm: each is explained below.');
    expect(blocks.slice(1).map((b) => b.split('\n')[0])).toEqual([
      'sc: you said Sometimes; it is Never.',
      'tso: you said Never; it is Sometimes.',
      'lkmm: you said Never; it is Sometimes.',
    ]);
    expect(blocks[1]).toMatch(/\nWhy it cannot happen under sc: Every execution that would give .* is forbidden under sc\./);
    for (const block of blocks.slice(2)) expect(block).toMatch(/\nTimeline \(CPU 0, CPU 1\):\n {2}1\. CPU \d, line \d+: /);
  });
});

describe('wrongPredictionsSummary', () => {
  it('keeps the one-model sentence, and names the models when there are more', () => {
    expect(wrongPredictionsSummary([{ model: 'tso', predicted: 'Never', actual: 'Sometimes', right: false }])).toBe('Under tso the outcome is Sometimes, not Never.');
    expect(wrongPredictionsSummary([
      { model: 'tso', predicted: 'Never', actual: 'Sometimes', right: false },
      { model: 'lkmm', actual: 'Sometimes', right: false },
    ])).toBe('Two predictions are wrong, under tso and lkmm: each is explained below.');
  });

  it('says where the blocks are: above them in a class report, nowhere in a gradebook cell', () => {
    const two = [{ model: 'sc', predicted: 'Sometimes', actual: 'Never' }, { model: 'tso', predicted: 'Never', actual: 'Sometimes' }] as const;
    expect(wrongPredictionsSummary(two, 'above')).toBe('Two predictions are wrong, under sc and tso: each is explained above, under the number on its line.');
    expect(wrongPredictionsSummary(two, 'elsewhere')).toBe('Two predictions are wrong, under sc and tso.');
    expect(wrongPredictionsSummary(two.slice(1), 'above')).toBe('Under tso the outcome is Sometimes, not Never.');
  });
});
