import { describe, expect, it } from 'vitest';
import { predictionBlockLines } from '@barrier-lab/exercises';
import type { GradeBook } from '../grade-book.ts';
import type { GradeRecord } from '../grade-record.ts';
import { gradeSubmission } from '../grade-task.ts';
import { exerciseFile } from '../../testing/class-fixture.ts';
import { whatWentWrong } from './prediction-text.ts';
import { formatTextReport } from './report-text.ts';

const budget = { timeoutMs: 30_000, memoryMb: 512 };

/** One student's graded prediction for sb-which-models (sc Never, tso Sometimes, lkmm Sometimes). */
function prediction(student: string, answer: string): GradeRecord {
  const outcome = gradeSubmission({ exercise: 'sb-which-models', bytes: new TextEncoder().encode(answer), budget });
  return { ...outcome, student, exercise: 'sb-which-models', path: `${student}/sb-which-models.txt`, sha256: '' };
}

function bookOf(records: GradeRecord[]): GradeBook {
  return {
    settings: { mode: { kind: 'exercise', exercise: 'sb-which-models' }, timeoutSeconds: 10, memoryMb: 256 },
    complete: true, exercises: ['sb-which-models'], records, notes: [], notOnRoster: [],
  };
}

/** A record as a grades.json written before predictions carried their explanations holds it. */
function withoutExplanations(r: GradeRecord): GradeRecord {
  return { ...r, predictions: r.predictions!.map(({ model, predicted, actual, right }) => ({ model, predicted, actual, right })) };
}

/** The lines of the report between `heading` and the next section (or the end). */
function section(report: string, heading: string): string {
  const start = report.indexOf(`\n${heading}\n`);
  expect(start).toBeGreaterThan(-1);
  const end = report.indexOf('\n\nDetails\n', start + 1);
  return report.slice(start + 1, end === -1 ? undefined : end + 1);
}

// Computed once: each is a full check of the exercise under three models.
const all = {
  right: prediction('ada', 'sc: Never\ntso: Sometimes\nlkmm: Sometimes\n'),
  tsoNever1: prediction('bob', 'sc: Never\ntso: Never\nlkmm: Sometimes\n'),
  tsoNever2: prediction('cy', 'sc: Never\ntso: Never\nlkmm: Sometimes\n'),
  threeWrong: prediction('dee', 'sc: Sometimes\ntso: Never\nlkmm: Never\n'),
};

describe('report.txt for wrong predictions', () => {
  const records = [all.right, all.tsoNever1, all.tsoNever2, all.threeWrong];
  const report = formatTextReport(bookOf(records));

  it('prints every different wrong prediction once, in the words and blocks of the other reports', () => {
    const explained = section(report, 'Explanations');
    // dee's three wrong models, and bob's and cy's (the same as dee's tso): three explanations, the tso one for three students.
    expect(explained.match(/^\[\d+\] .*$/gm)).toEqual([
      '[1] sb-which-models, 1 student:',
      '[2] sb-which-models, 3 students:',
      '[3] sb-which-models, 1 student:',
    ]);
    // Each block is exactly what junit.xml and Gradescope print for dee (whatWentWrong), indented.
    const blocks = whatWentWrong(all.threeWrong);
    expect(blocks).toHaveLength(3);
    for (const [i, block] of blocks.entries()) {
      expect(explained).toContain(`[${i + 1}] sb-which-models, ${i === 1 ? 3 : 1} student${i === 1 ? 's' : ''}:\n${block.join('\n').split('\n').map((l) => `  ${l}`).join('\n')}\n`);
    }
    expect(blocks[0]!.join('\n')).toMatch(/Why it cannot happen under sc: /);
    expect(blocks[1]!.join('\n')).toMatch(/Timeline \(CPU 0, CPU 1\):/);
    // Printed once: the tso timeline's heading appears a single time in the whole report.
    expect(report.split('tso: you said Never; it is Sometimes.')).toHaveLength(2);
    expect(predictionBlockLines(all.tsoNever1.predictions![1]!)).toEqual(blocks[1]);
  });

  it('refers each student\'s wrong model to its explanation, and shows no counterexample of its own', () => {
    const details = report.slice(report.indexOf('\nDetails\n'));
    expect(details).toMatch(/^bob, sb-which-models: incorrect 0\/10 {2}\(bob\/sb-which-models\.txt\)\n.*\n {2}sc {4}right: it is Never, predicted Never\n {2}tso {3}wrong: it is Sometimes, predicted Never; see \[2\] above\n {2}lkmm {2}right: it is Sometimes, predicted Sometimes$/m);
    expect(details).toMatch(/^ {2}sc {4}wrong: it is Never, predicted Sometimes; see \[1\] above\n {2}tso {3}wrong: it is Sometimes, predicted Never; see \[2\] above\n {2}lkmm {2}wrong: it is Sometimes, predicted Never; see \[3\] above$/m);
    expect(details).not.toContain('Counterexample under');
    expect(details).not.toContain('Timeline');
  });

  it('starts with the summary, then each model\'s count of wrong predictions by what was said, then the table', () => {
    const lines = report.split('\n');
    expect(lines.findIndex((l) => l.startsWith('Summary: '))).toBeLessThan(lines.findIndex((l) => l.startsWith('student ')));
    expect(report).toMatch(/\nPredictions by model \(what it is, who predicted it wrong\):\n {2}sc {4}is Never: {6}1 of 4 wrong: 1 said Sometimes \[1\]\n {2}tso {3}is Sometimes: {2}3 of 4 wrong: 3 said Never \[2\]\n {2}lkmm {2}is Sometimes: {2}1 of 4 wrong: 1 said Never \[3\]\n\nstudent /);
  });

  it('for a course, counts each exercise, a prediction exercise\'s models under it, and prints a counterexample several students share once', () => {
    const code = (student: string, file: string): GradeRecord => ({
      ...gradeSubmission({ exercise: 'mp-wmb-rmb', bytes: new TextEncoder().encode(exerciseFile('mp-wmb-rmb', file)), budget }),
      student, exercise: 'mp-wmb-rmb', path: `${student}/mp-wmb-rmb.c`, sha256: '',
    });
    const course: GradeBook = {
      ...bookOf([...records, code('bob', 'starter.litmus'), code('cy', 'starter.litmus'), code('dee', 'wrong-only-wmb.litmus')]),
      settings: { mode: { kind: 'course' }, timeoutSeconds: 10, memoryMb: 256 }, exercises: ['mp-wmb-rmb', 'sb-which-models'],
    };
    const text = formatTextReport(course);
    expect(text).toContain([
      'By exercise (and for a prediction, each model: what it is, who predicted it wrong):',
      '  mp-wmb-rmb: 3 graded: 3 incorrect. Mean 0/10.',
      '    incorrect with the same counterexample: 2 students [1]',
      '  sb-which-models: 4 graded: 1 correct, 3 incorrect. Mean 2.5/10.',
      '    sc    is Never:      1 of 4 wrong: 1 said Sometimes [2]',
      '    tso   is Sometimes:  3 of 4 wrong: 3 said Never [3]',
      '    lkmm  is Sometimes:  1 of 4 wrong: 1 said Never [4]',
      '',
      'student  exercise',
    ].join('\n'));
    // bob and cy handed in the same program: its counterexample once, above; dee's own stays in her details.
    expect(section(text, 'Explanations')).toMatch(/\n\[1\] mp-wmb-rmb, 2 students:\n {2}Counterexample under lkmm:\n {4}Timeline \(CPU 0, CPU 1\):\n {6}1\. /);
    expect(text).toMatch(/^bob, mp-wmb-rmb: incorrect 0\/10 .*\n.*\n {2}Counterexample under lkmm: see \[1\] above\n/m);
    expect(text).toMatch(/^cy, mp-wmb-rmb: incorrect 0\/10 .*\n.*\n {2}Counterexample under lkmm: see \[1\] above\n/m);
    expect(text).toMatch(/^dee, mp-wmb-rmb: incorrect 0\/10 .*\n.*\n {2}Counterexample under lkmm:\n {4}Timeline \(CPU 0, CPU 1\):/m);
  });

  it('is the same whatever order the records come in (the numbers follow the exercise\'s models)', () => {
    expect(formatTextReport(bookOf([all.threeWrong, all.tsoNever2, all.right, all.tsoNever1]))).toBe(report);
  });
});

describe('report.txt for records written before predictions carried their explanations', () => {
  it('still renders them: every model right or wrong, the one counterexample, no explanation numbers', () => {
    const report = formatTextReport(bookOf([withoutExplanations(all.threeWrong), withoutExplanations(all.tsoNever1)]));
    expect(report).not.toContain('\nExplanations\n');
    expect(report).not.toMatch(/\[\d+\]/);
    expect(report).toMatch(/ {2}tso {3}wrong: it is Sometimes, predicted Never\n/);
    expect(report).toMatch(/^bob, [\s\S]* {2}Counterexample under tso:\n {4}Timeline \(CPU 0, CPU 1\):/m);
    expect(report).toMatch(/ {2}sc {4}is Never: {6}1 of 2 wrong: 1 said Sometimes\n/);
  });

  it('mixes with new ones: the old record counts, and refers to nothing', () => {
    const report = formatTextReport(bookOf([withoutExplanations(all.tsoNever1), all.tsoNever2]));
    expect(report).toMatch(/ {2}tso {3}is Sometimes: {2}2 of 2 wrong: 2 said Never \[1\]\n/);
    expect(section(report, 'Explanations')).toContain('[1] sb-which-models, 1 student:');
    expect(report).toMatch(/^bob, [\s\S]*tso {3}wrong: it is Sometimes, predicted Never\n {2}lkmm[\s\S]*Counterexample under tso:/m);
    expect(report).toMatch(/^cy, [\s\S]*tso {3}wrong: it is Sometimes, predicted Never; see \[1\] above\n/m);
  });
});

describe('report.txt for students on the roster with nothing graded', () => {
  it('tells who handed in nothing from who handed in only files it could not grade, and names those files', () => {
    const missing = (student: string): GradeRecord => ({
      student, exercise: 'sb-which-models', path: '', sha256: '', status: 'missing', scoreMaximum: 10, gradingProgress: 'NotReady', activityProgress: 'Initialized',
      summary: 'Nothing submitted.', feedback: 'No answer to this exercise was found in the submissions.', verdicts: [], diagnostics: [], barriers: [], cost: 0, referenceCost: 0,
    });
    const entry = (id: string, name: string) => ({ id, name, email: `${id}@uni.example` });
    const book: GradeBook = {
      ...bookOf([all.right, missing('u2'), missing('u3'), missing('u4')]),
      roster: [entry('ada', 'Ada Lovelace'), entry('u2', 'Ben Ames'), entry('u3', 'Cy Young'), entry('u4', 'Di Prince')],
      notes: [
        { path: 'class/u2/sb-which-models.txt.bak', code: 'input/not-an-answer', message: 'not a .c, .litmus or .txt file' },
        { path: 'class/Di Prince/notes.txt', code: 'input/no-exercise', message: 'its name names no exercise' },
        { path: 'class/readme.md', code: 'input/not-an-answer', message: 'not a .c, .litmus or .txt file' },
      ],
    };
    const report = formatTextReport(book);
    expect(report).toContain('\nOn the roster, submitted nothing (1):\n  u3  Cy Young  <u3@uni.example>\n');
    expect(report).toContain([
      '\nOn the roster, nothing graded: every file they handed in is under Not graded, below (2):',
      '  u2  Ben Ames  <u2@uni.example>: class/u2/sb-which-models.txt.bak',
      '  u4  Di Prince  <u4@uni.example>: class/Di Prince/notes.txt',
      '',
    ].join('\n'));
    expect(report).not.toMatch(/submitted nothing[^\n]*\n( {2}.*\n)* {2}u2 /);
  });
});
