// grades.json: the canonical machine-readable grades, one entry per student
// and exercise, with the fields an LTI Assignment and Grade Services bridge
// posts as a Score (userId, scoreGiven, scoreMaximum, comment,
// activityProgress, gradingProgress; the bridge adds the timestamp when it
// posts) and everything else a tool may want: the verdicts, the
// counterexample, the diagnostics, the cost. Its JSON Schema is
// docs/grades.schema.json.
import { exercise as findExercise, scoreMaximum } from '@barrier-lab/exercises';
import type { GradeBook } from '../grade-book.ts';
import { canonicalJson } from './canonical-json.ts';
import { studentsOf } from './book-view.ts';
import { summaryWhere } from './prediction-text.ts';

/** The `format` member of grades.json, and its version. */
export const gradesFormat = { name: 'barrier-lab-grades', version: 1 } as const;

/** The grades.json text of `book`. */
export function formatGradesJson(book: GradeBook): string {
  const students = studentsOf(book);
  return canonicalJson({
    format: gradesFormat.name,
    version: gradesFormat.version,
    complete: book.complete,
    mode: book.settings.mode.kind,
    ...(book.shard ? { shard: { index: book.shard.index + 1, count: book.shard.count } } : {}),
    settings: { timeoutSeconds: book.settings.timeoutSeconds, memoryMb: book.settings.memoryMb },
    exercises: book.exercises.map((id) => {
      const found = findExercise(id);
      return { id, title: found?.title ?? id, chapter: found?.chapter ?? 0, kind: found?.kind ?? 'place-barriers', scoreMaximum, models: found?.models ?? [] };
    }),
    students: students.map((s) => ({
      id: s.id,
      ...(s.roster ? { name: s.roster.name, email: s.roster.email, onRoster: true } : { onRoster: book.roster === undefined ? undefined : false }),
    })),
    grades: book.records.map((r) => ({
      userId: r.student,
      exercise: r.exercise,
      status: r.status,
      ...(r.scoreGiven !== undefined ? { scoreGiven: r.scoreGiven } : {}),
      scoreMaximum: r.scoreMaximum,
      gradingProgress: r.gradingProgress,
      activityProgress: r.activityProgress,
      // The comment travels alone (an LTI score's); `feedback` has the explanations.
      comment: summaryWhere(r, 'elsewhere'),
      feedback: r.feedback,
      verdict: r.verdicts.length > 0 || r.predictions ? {
        models: r.verdicts,
        ...(r.predictions ? { predictions: r.predictions } : {}),
      } : null,
      counterexample: r.counterexample ?? null,
      diagnostics: r.diagnostics,
      cost: r.cost,
      referenceCost: r.referenceCost,
      barriers: r.barriers,
      ...(r.cheaper ? { cheaper: r.cheaper } : {}),
      ...(r.reason ? { reason: r.reason } : {}),
      submission: r.path ? { path: r.path, sha256: r.sha256, ...(r.ignored ? { ignored: r.ignored } : {}) } : null,
    })),
    notes: book.notes,
    notOnRoster: book.notOnRoster,
  });
}
