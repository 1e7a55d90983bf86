import { describe, expect, it } from 'vitest';
import { gradeSubmission } from '../grade-task.ts';
import type { GradeRecord } from '../grade-record.ts';
import type { GradeBook } from '../grade-book.ts';
import { formatFeedback, studentFeedback } from './feedback-markdown.ts';
import { formatGradescopeResults } from './gradescope-results.ts';
import { whatWentWrong } from './prediction-text.ts';

const budget = { timeoutMs: 30_000, memoryMb: 512 };

/** The feedback a student reads for one prediction file. */
function feedbackFor(answer: string): { record: GradeRecord; text: string } {
  const outcome = gradeSubmission({ exercise: 'sb-which-models', bytes: new TextEncoder().encode(answer), budget });
  const record: GradeRecord = { ...outcome, student: 'ana', exercise: 'sb-which-models', path: 'ana/sb-which-models.txt', sha256: '' };
  return { record, text: studentFeedback({ id: 'ana', name: 'Ana', records: [record], file: 'ana' }) };
}

describe('feedback/<student>.md for a prediction', () => {
  it('explains every wrong model in its own section: the counterexample where it happens, the reason where it cannot', () => {
    const { record, text } = feedbackFor('sc: Sometimes\ntso: Never\nlkmm: Never\n');
    expect(record.predictions?.filter((p) => !p.right).map((p) => p.model)).toEqual(['sc', 'tso', 'lkmm']);
    const sections = text.split(/^#### /m).slice(1);
    expect(sections.map((s) => s.split('\n')[0])).toEqual([
      'sc: you said Sometimes; it is Never',
      'tso: you said Never; it is Sometimes',
      'lkmm: you said Never; it is Sometimes',
    ]);
    expect(sections[0]).toMatch(/Under sc it is Never, not Sometimes[\s\S]*\nWhy it cannot happen under sc: /);
    expect(sections[0]).not.toContain('```');
    for (const [i, model] of [[1, 'tso'], [2, 'lkmm']] as const) {
      expect(sections[i]).toMatch(new RegExp(`Under ${model} it is Sometimes, not Never: .* follows, step by step\\.\\n\\n\`\`\`text\\nTimeline \\(CPU 0, CPU 1\\):\\n {2}1\\. CPU \\d, line \\d+: `));
    }
    // The first model's counterexample is not shown a second time under a section of its own.
    expect(text).not.toContain('### How it goes wrong under');
  });

  it('lists a right prediction as right and explains only the wrong one', () => {
    const { text } = feedbackFor('sc: Never\ntso: Never\nlkmm: Sometimes\n');
    expect(text).toContain('- lkmm: Sometimes, as you predicted.');
    expect(text.match(/^#### /gm)).toHaveLength(1);
    expect(text).toContain('#### tso: you said Never; it is Sometimes');
  });

  it('still reads records written before predictions carried their explanation', () => {
    const { record } = feedbackFor('sc: Sometimes\ntso: Never\nlkmm: Never\n');
    const old: GradeRecord = { ...record, predictions: record.predictions!.map(({ model, predicted, actual, right }) => ({ model, predicted, actual, right })) };
    const text = studentFeedback({ id: 'ana', name: 'Ana', records: [old], file: 'ana' });
    expect(text).toContain('- tso: you said Never; it is Sometimes.');
    expect(text).not.toContain('#### ');
  });
});

describe('feedback/<student>.md for an exercise not handed in', () => {
  it('says it once, then what was looked for', () => {
    const missing: GradeRecord = {
      student: 'ana', exercise: 'sb-which-models', path: '', sha256: '', status: 'missing', scoreMaximum: 10, gradingProgress: 'NotReady', activityProgress: 'Initialized',
      summary: 'Nothing submitted.', feedback: 'No answer to this exercise was found in the submissions.',
      verdicts: [], diagnostics: [], barriers: [], cost: 0, referenceCost: 0,
    };
    const text = studentFeedback({ id: 'ana', name: 'Ana', records: [missing], file: 'ana' });
    expect(text).toContain('\n**Nothing submitted.** No answer to this exercise was found in the submissions.\n');
    expect(text).not.toContain('Nothing submitted.** Nothing submitted.');
  });
});

describe('feedback/<student>.md of a student whose files could not be graded', () => {
  it('names them first, with why, so "Nothing submitted" below is not a mystery; Gradescope\'s output says the same', () => {
    const missing: GradeRecord = {
      student: 'beth', exercise: 'mp-wmb-rmb', path: '', sha256: '', status: 'missing', scoreMaximum: 10, gradingProgress: 'NotReady', activityProgress: 'Initialized',
      summary: 'Nothing submitted.', feedback: 'No answer to this exercise was found in the submissions.', verdicts: [], diagnostics: [], barriers: [], cost: 0, referenceCost: 8,
    };
    const book: GradeBook = {
      settings: { mode: { kind: 'course' }, timeoutSeconds: 10, memoryMb: 256 }, complete: true, exercises: ['mp-wmb-rmb'],
      roster: [{ id: 'beth', name: 'Beth Diaz', email: 'beth@uni.example' }, { id: 'cy', name: 'Cy Young', email: 'cy@uni.example' }],
      records: [missing, { ...missing, student: 'cy' }],
      notes: [{ path: 'class/beth/mp-wmb-rmb-final.c', code: 'input/no-exercise', message: 'its name names no exercise' }],
      notOnRoster: [],
    };
    const files = new Map(formatFeedback(book).map((f) => [f.file, f.text]));
    expect(files.get('beth')).toContain('# Barrier Lab feedback for Beth Diaz\n\n## Files not graded\n\n- `class/beth/mp-wmb-rmb-final.c`: its name names no exercise.\n\n## ');
    expect(files.get('cy')).not.toContain('Files not graded');
    const results = new Map(formatGradescopeResults(book).map((f) => [f.path, JSON.parse(f.text) as { output: string }]));
    expect(results.get('results/beth.json')!.output).toContain('## Files not graded');
  });
});

describe('the plain-text reports of a prediction', () => {
  it('give every wrong model its block: heading, why, counterexample or reason', () => {
    const { record } = feedbackFor('sc: Sometimes\ntso: Never\nlkmm: Never\n');
    const blocks = whatWentWrong(record);
    expect(blocks.map((b) => b[0])).toEqual([
      'sc: you said Sometimes; it is Never.', 'tso: you said Never; it is Sometimes.', 'lkmm: you said Never; it is Sometimes.',
    ]);
    expect(blocks[0]![2]).toMatch(/^Why it cannot happen under sc: /);
    expect(blocks[1]![2]).toMatch(/^Timeline \(CPU 0, CPU 1\):/);
  });

  it('fall back to the one counterexample for a record without the explanations', () => {
    const { record } = feedbackFor('sc: Never\ntso: Never\nlkmm: Sometimes\n');
    const old: GradeRecord = { ...record, predictions: record.predictions!.map(({ model, predicted, actual, right }) => ({ model, predicted, actual, right })) };
    expect(whatWentWrong(old)).toEqual([
      [`Counterexample under tso:`, record.counterexample!.text],
      ['tso: you said Never; it is Sometimes.'],
    ]);
  });
});
