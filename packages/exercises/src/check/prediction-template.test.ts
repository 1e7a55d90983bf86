import { describe, expect, it } from 'vitest';
import { exercise } from '../catalog/catalog.ts';
import type { PredictExercise } from '../schema/exercise.ts';
import { answerTemplate, readTemplate } from './prediction-template.ts';

const sb = exercise('sb-which-models') as PredictExercise;

describe('readTemplate', () => {
  it('reads the question and the lines to fill in', () => {
    expect(readTemplate('# Can both CPUs read 0?\nsc: ?\ntso: ?\nlkmm: ?\n', ['sc', 'tso', 'lkmm'])).toEqual({
      template: { question: ['Can both CPUs read 0?'], models: ['sc', 'tso', 'lkmm'] },
    });
  });

  it('says what is wrong with a template, line by line', () => {
    expect(readTemplate('sc: ?\nsc: ?\narm: ?\nsc: Never\n', ['sc', 'lkmm'])).toEqual({
      problems: [
        'line 2: "sc" has a line already',
        'line 3: "arm" is not one of the exercise\'s models (sc, lkmm)',
        'line 4: expected "# the question" or "model: ?", not "sc: Never"',
        'no "lkmm: ?" line: every model needs one',
      ],
    });
  });
});

describe('answerTemplate', () => {
  it('is the question, the instruction and one line per model', () => {
    expect(answerTemplate(sb)).toBe('# Can both CPUs read 0?\n# Replace each ? below with Never, Sometimes or Always.\nsc: ?\ntso: ?\nlkmm: ?\n');
  });

  it('puts the program first as comments when asked, and the answer in when asked', () => {
    const shown = answerTemplate(sb, { withProgram: true });
    expect(shown.startsWith('# The program of sb-which-models (read it; your answer is the lines at the end):\n#\n#   C sb-which-models\n')).toBe(true);
    expect(shown.split('\n').filter((l) => !l.startsWith('#') && l !== '')).toEqual(['sc: ?', 'tso: ?', 'lkmm: ?']);
    expect(answerTemplate(sb, { answered: true })).toBe('# Can both CPUs read 0?\nsc: Never\ntso: Sometimes\nlkmm: Sometimes\n');
  });
});
