import { describe, expect, it, vi } from 'vitest';
import { predictionBlockLines } from '@barrier-lab/exercises';
import type * as Exercises from '@barrier-lab/exercises';
import type { GradeBook } from '../grade-book.ts';
import type { GradeRecord } from '../grade-record.ts';
import { gradeSubmission } from '../grade-task.ts';
import { formatTextReport } from './report-text.ts';

// The grader's calls of predictionBlockLines, counted (the exercises package's own calls inside grade() are not).
vi.mock('@barrier-lab/exercises', async (importOriginal) => {
  const original = await importOriginal<typeof Exercises>();
  return { ...original, predictionBlockLines: vi.fn(original.predictionBlockLines) };
});

const budget = { timeoutMs: 30_000, memoryMb: 512 };

function prediction(student: string, answer: string): GradeRecord {
  const outcome = gradeSubmission({ exercise: 'sb-which-models', bytes: new TextEncoder().encode(answer), budget });
  return { ...outcome, student, exercise: 'sb-which-models', path: `${student}/sb-which-models.txt`, sha256: '' };
}

describe('sharedExplanations', () => {
  it('builds each wrong prediction\'s block once for report.txt: the counts and details look its number up', () => {
    const records = [
      prediction('bob', 'sc: Never\ntso: Never\nlkmm: Sometimes\n'), // one wrong model
      prediction('dee', 'sc: Sometimes\ntso: Never\nlkmm: Never\n'), // three
    ];
    const book: GradeBook = {
      settings: { mode: { kind: 'exercise', exercise: 'sb-which-models' }, timeoutSeconds: 10, memoryMb: 256 },
      complete: true, exercises: ['sb-which-models'], records, notes: [], notOnRoster: [],
    };
    vi.mocked(predictionBlockLines).mockClear();
    const report = formatTextReport(book);
    expect(vi.mocked(predictionBlockLines)).toHaveBeenCalledTimes(4);
    // And the numbers are still found: in the counts by model and in each student's details.
    expect(report).toMatch(/ {2}tso {3}is Sometimes: {2}2 of 2 wrong: 2 said Never \[2\]\n/);
    expect(report).toMatch(/^bob, [\s\S]*tso {3}wrong: it is Sometimes, predicted Never; see \[2\] above\n/m);
    expect(report).toMatch(/^ {2}lkmm {2}wrong: it is Sometimes, predicted Never; see \[3\] above$/m);
  });
});
