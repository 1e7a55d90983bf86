// grade(): check() turned into a score and feedback an LMS can take. Full
// marks only for a correct answer at no more than the reference cost;
// partial credit for a correct but over-fenced one (with the hint naming
// the cheaper barrier); zero otherwise, with the counterexample.
import { check, type CheckOptions } from '../check/check.ts';
import type { CheckResult, CheckStatus } from '../check/check-result.ts';
import { predictionBlock, predictionBlockLines } from '../check/prediction-words.ts';

/** The most a submission scores. */
export const scoreMaximum = 10;

/** The least and most an over-fenced answer earns, as fractions of the maximum. */
export const overFencedCredit = { least: 0.5, most: 0.9 } as const;

export interface GradeResult {
  readonly exercise: string;
  readonly status: CheckStatus;
  readonly scoreGiven: number;
  readonly scoreMaximum: number;
  /** LTI Assignment and Grade Services words: `FullyGraded`, or `PendingManual` when the engine could not decide. */
  readonly gradingProgress: 'FullyGraded' | 'PendingManual';
  readonly activityProgress: 'Completed';
  /** Plain text for the learner: what happened, and what to look at. */
  readonly feedback: string;
  /** Everything check() said. */
  readonly check: CheckResult;
}

/** Grades `source` for the exercise `exerciseId`. Never throws on bad input. */
export function grade(exerciseId: string, source: string, options: CheckOptions = {}): GradeResult {
  return gradeFromCheck(check(exerciseId, source, options));
}

/** The score and feedback for a result of check(). */
export function gradeFromCheck(result: CheckResult): GradeResult {
  return {
    exercise: result.exercise,
    status: result.status,
    scoreGiven: score(result),
    scoreMaximum,
    gradingProgress: result.status === 'inconclusive' ? 'PendingManual' : 'FullyGraded',
    activityProgress: 'Completed',
    feedback: feedback(result),
    check: result,
  };
}

function score(result: CheckResult): number {
  switch (result.status) {
    case 'correct':
      return scoreMaximum;
    case 'over-fenced': {
      const ratio = result.cost > 0 ? result.referenceCost / result.cost : 1;
      const credit = Math.min(overFencedCredit.most, Math.max(overFencedCredit.least, ratio));
      return Math.round(credit * scoreMaximum * 10) / 10;
    }
    default:
      return 0;
  }
}

function feedback(result: CheckResult): string {
  // A mistake the exercise foresaw: what this answer misses, as the site says it under its sentence.
  const lines = [result.mistake ? `${result.summary} ${result.mistake}` : result.summary];
  if (result.status === 'invalid') {
    for (const d of result.diagnostics.filter((x) => x.severity === 'error').slice(1)) {
      lines.push(`Line ${d.span.line}, column ${d.span.column}: ${d.message}`);
    }
    const hint = result.diagnostics.find((d) => d.hint)?.hint;
    if (hint) lines.push(hint);
  }
  if (result.status === 'incorrect' && result.explanations) {
    // A prediction: one block per wrong model, in the exercise's order.
    for (const x of result.explanations) lines.push('', ...predictionBlockLines(predictionBlock(x)));
  } else if (result.status === 'incorrect' && result.explanation?.timelineText) {
    lines.push('', `How it happens under ${result.explainedModel}:`, result.explanation.timelineText.trimEnd());
  }
  if (result.barriers.length > 0 && result.status !== 'invalid') {
    lines.push('', `Barriers used (cost ${result.cost}; the reference costs ${result.referenceCost}): ${result.barriers.map((b) => `${b.name} on line ${b.line}`).join(', ')}.`);
  }
  return lines.join('\n');
}
