import { describe, expect, it } from 'vitest';
import { exercise, type CodeExercise } from '@barrier-lab/exercises';
import type { GradeBook } from '../grade-book.ts';
import type { GradeRecord } from '../grade-record.ts';
import { gradeSubmission } from '../grade-task.ts';
import { renderFormats, reportFormats } from './report-files.ts';

// An answer that is a mistake the exercise foresaw (mp-wmb-rmb's barrier on
// the writer's side only): every report tells the student what it misses,
// as the site and `barrier-lab check` do, not only the counterexample.
const mp = exercise('mp-wmb-rmb') as CodeExercise;
const onlyWmb = mp.wrong.find((w) => w.file === 'wrong-only-wmb.litmus')!;
const budget = { timeoutMs: 30_000, memoryMb: 512 };

function record(student: string, source: string): GradeRecord {
  const outcome = gradeSubmission({ exercise: mp.id, bytes: new TextEncoder().encode(source), budget });
  return { ...outcome, student, exercise: mp.id, path: `${student}/mp-wmb-rmb.c`, sha256: '' };
}

describe('a mistake the exercise foresaw, in every report', () => {
  const bob = record('bob', onlyWmb.source);
  const cy = record('cy', mp.starter.source);
  const book: GradeBook = {
    settings: { mode: { kind: 'exercise', exercise: mp.id }, timeoutSeconds: 10, memoryMb: 256 },
    complete: true, exercises: [mp.id], records: [bob, cy], notes: [], notOnRoster: [],
  };
  const files = new Map(renderFormats(book, reportFormats).map((f) => [f.path, f.text]));

  it('is kept with the record', () => {
    expect(bob.status).toBe('incorrect');
    expect(bob.mistake).toBe(onlyWmb.note);
    // The starter is wrong too, but no mistake the exercise lists: nothing is claimed of it.
    expect(cy.status).toBe('incorrect');
    expect(cy.mistake).toBeUndefined();
  });

  it('follows the sentence in the feedback, the comment, report.txt, junit.xml, Gradescope\'s output and the gradebooks', () => {
    const said = `${bob.summary} ${onlyWmb.note}`;
    const grades = JSON.parse(files.get('grades.json')!) as { grades: { userId: string; comment: string; feedback: string }[] };
    const bobs = grades.grades.find((g) => g.userId === 'bob')!;
    expect(bobs.comment).toBe(said);
    expect(bobs.feedback.split('\n')[0]).toBe(said);
    expect(files.get('feedback/bob.md')).toContain(`**Not yet correct.** ${said}`);
    expect(files.get('report.txt')).toContain(`  ${said}\n`);
    expect(files.get('junit.xml')).toContain(`<failure message="${said}" type="incorrect">`);
    expect(files.get('results.json') ?? files.get('results/bob.json')).toContain(said);
    expect(files.get('moodle.csv')).toContain(`"${said}"`);
    // The other student's words are their own.
    expect(files.get('feedback/cy.md')).not.toContain(onlyWmb.note);
  });
});
