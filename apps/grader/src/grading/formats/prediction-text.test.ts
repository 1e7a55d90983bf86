import { describe, expect, it } from 'vitest';
import type { GradeBook } from '../grade-book.ts';
import type { GradeRecord } from '../grade-record.ts';
import { gradeSubmission } from '../grade-task.ts';
import { renderFormats, reportFormats } from './report-files.ts';
import { summaryWhere } from './prediction-text.ts';

const budget = { timeoutMs: 30_000, memoryMb: 512 };

function prediction(student: string, answer: string): GradeRecord {
  const outcome = gradeSubmission({ exercise: 'sb-which-models', bytes: new TextEncoder().encode(answer), budget });
  return { ...outcome, student, exercise: 'sb-which-models', path: `${student}/sb-which-models.txt`, sha256: '' };
}

// Three wrong models (sc Never, tso and lkmm Sometimes): the summary names them and says where they are explained.
const dee = prediction('dee', 'sc: Sometimes\ntso: Never\nlkmm: Never\n');
const book: GradeBook = {
  settings: { mode: { kind: 'exercise', exercise: 'sb-which-models' }, timeoutSeconds: 10, memoryMb: 256 },
  complete: true, exercises: ['sb-which-models'], records: [dee], notes: [], notOnRoster: [],
};
const files = new Map(renderFormats(book, reportFormats).map((f) => [f.path, f.text]));
const named = 'Three predictions are wrong, under sc, tso and lkmm';
const below = `${named}: each is explained below.`;
const heading = 'tso: you said Never; it is Sometimes';

describe('the wrong predictions\' sentence in each format', () => {
  it('says "explained below" only where the explanations follow it', () => {
    expect(dee.summary).toBe(below);
    for (const [path, text] of files) {
      // The records file is data (check()'s summary as it was), not a report anyone reads.
      if (path.endsWith('.jsonl')) continue;
      for (let at = text.indexOf(below); at >= 0; at = text.indexOf(below, at + 1)) {
        expect(text.indexOf(heading, at), `${path}: "explained below" with nothing below`).toBeGreaterThan(at);
      }
    }
    // Where they do follow, it stays: the student's feedback, Gradescope's output.
    expect(files.get('feedback/dee.md')).toContain(below);
    expect(files.get('results.json') ?? files.get('results/dee.json')).toContain(below);
  });

  it('in report.txt points up to the numbered explanations, which are printed before the details', () => {
    const report = files.get('report.txt')!;
    const line = `  ${named}: each is explained above, under the number on its line.\n`;
    expect(report).toContain(line);
    expect(report.indexOf('\nExplanations\n')).toBeLessThan(report.indexOf(line));
  });

  it('stands alone where nothing explains it beside it: grades.json\'s comment, moodle.csv, junit.xml\'s system-out', () => {
    const grades = JSON.parse(files.get('grades.json')!) as { grades: { comment: string; feedback: string }[] };
    expect(grades.grades[0]!.comment).toBe(`${named}.`);
    expect(grades.grades[0]!.feedback.startsWith(`${below}\n\n`)).toBe(true);
    expect(files.get('moodle.csv')).toContain(`,0,"${named}."\r\n`);
    expect(files.get('junit.xml')).toContain(`<system-out>score 0/10: ${named}.\nfile: dee/sb-which-models.txt</system-out>`);
  });

  it('leaves every other summary as the record has it, with what a mistake the exercise foresaw misses after it', () => {
    const one = prediction('bob', 'sc: Never\ntso: Never\nlkmm: Sometimes\n');
    // "x86 is strong" is a mistake sb-which-models lists: its note follows the sentence.
    expect(one.mistake).toMatch(/^x86 is strongly ordered/);
    expect(summaryWhere(one, 'above')).toBe(`Under tso the outcome is Sometimes, not Never. ${one.mistake}`);
    expect(summaryWhere({ ...one, mistake: undefined }, 'above')).toBe('Under tso the outcome is Sometimes, not Never.');
    expect(summaryWhere({ ...dee, status: 'inconclusive', summary: 'Not decided.' }, 'elsewhere')).toBe('Not decided.');
  });
});
