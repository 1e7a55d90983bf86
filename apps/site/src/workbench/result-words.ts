// A check's result in plain words: a one-word verdict a screen reader can
// announce, one sentence saying what it means, and the details (score, cost,
// what went wrong, each with its line). Pure: the workbench puts the words
// in its role="status" element.
import { predictionHeading } from '@barrier-lab/exercises/words';
import type { CheckResponse } from './worker-protocol.ts';
import type { BarrierUse } from '@barrier-lab/exercises';

/** How a result reads. */
export interface ResultWords {
  /** `Correct`, `Incorrect`, `Over-fenced`, `Invalid` or `Inconclusive`. */
  readonly verdict: string;
  readonly tone: 'good' | 'partial' | 'bad';
  /** One sentence. */
  readonly summary: string;
  /** Further lines: score and cost, each problem with its line, each wrong prediction. */
  readonly details: readonly string[];
  /** A mistake the exercise foresaw: what is wrong with this answer (check()'s `mistake`), said after the sentence. */
  readonly mistake?: string;
}

/** What the check was run as: the grade, or a try under other models or another flush flavour. */
export interface CheckContext {
  readonly graded: boolean;
  /** Shown for a try: what was different, e.g. "under tso only" or "with broadcast TLB flushes". */
  readonly tryLabel?: string;
  /** The answer came from the prediction form, not typed text: no lines and columns to point at. */
  readonly fromForm?: boolean;
}

const verdicts = {
  correct: ['Correct', 'good'],
  'over-fenced': ['Over-fenced', 'partial'],
  incorrect: ['Incorrect', 'bad'],
  invalid: ['Invalid', 'bad'],
  inconclusive: ['Inconclusive', 'partial'],
} as const;

/** The words for `response`. */
export function resultWords(response: Pick<CheckResponse, 'result' | 'score'>, context: CheckContext = { graded: true }): ResultWords {
  const { result, score } = response;
  const [verdict, tone] = verdicts[result.status];
  const details: string[] = [];
  if (!context.graded && context.tryLabel) details.push(`A try ${context.tryLabel}: not graded. Check with the exercise's own settings for the grade.`);
  let summary = result.summary;
  switch (result.status) {
    case 'invalid': {
      const errors = result.diagnostics.filter((x) => x.severity === 'error');
      if (context.fromForm) {
        // check()'s summary points at a line and column of the text it was
        // given ("Line 1, column 1: ... replace each ?"); the form has neither.
        const [first, ...rest] = errors.map((d) => formWords(d.code, d.message));
        if (first) summary = first;
        details.push(...rest);
      } else {
        const lines = errors.map((d) => `Line ${d.span.line}, column ${d.span.column}: ${withHint(d.message, d.hint)}`);
        // check()'s summary of a single error is that error: said once, with its hint, not again as a list of one.
        const only = errors.length === 1 ? errors[0]! : undefined;
        if (only && summary.startsWith(`Line ${only.span.line}, column ${only.span.column}:`)) summary = lines[0]!;
        else {
          // Several: the sentence counts them and the list says each (check()'s summary is the first, which the list repeats).
          if (errors.length > 1) summary = `${errors.length} problems, each with its line:`;
          details.push(...lines);
        }
      }
      break;
    }
    case 'incorrect':
      for (const p of result.predictions?.filter((x) => !x.right) ?? []) {
        details.push(`${predictionHeading(p)}.`);
      }
      break;
    default:
      break;
  }
  if (result.status !== 'invalid' && result.status !== 'inconclusive') {
    details.push(`Score ${formatScore(score.given)} out of ${score.maximum}.`);
  }
  if (result.status !== 'invalid' && !result.predictions) {
    details.push(costSentence(result.cost, result.referenceCost, result.barriers));
  }
  const mistake = result.status === 'incorrect' && result.mistake ? result.mistake : undefined;
  return { verdict, tone, summary, details, ...(mistake ? { mistake } : {}) };
}

/**
 * A problem and its hint as one sentence: "unknown primitive 'smp_wmbb': did
 * you mean `smp_wmb()`?", not "... 'smp_wmbb' did you mean ...".
 */
function withHint(message: string, hint: string | undefined): string {
  if (!hint) return message;
  // A message may end in a sentence in brackets: "... (No execution ends with counter=3.)".
  return /[.:;!?]\)?$/.test(message) ? `${message} ${hint}` : `${message}: ${hint}`;
}

/** A prediction's problem told for the form (check() words it for a text file: "write one line per model"). */
function formWords(code: string, message: string): string {
  const missing = code === 'predict/missing' ? /^No prediction yet for (.+?):/.exec(message) : null;
  return missing ? `No prediction yet for ${missing[1]}: choose Never, Sometimes or Always for each.` : message;
}

/** One piece of a result's text: plain, or code the checker quoted between backticks (`smp_wmb()`). */
export interface TextPiece {
  readonly text: string;
  readonly code: boolean;
}

/** `text` cut at its backtick-quoted code, so the page shows it as code and not the backticks. */
export function codePieces(text: string): TextPiece[] {
  return text.split(/`([^`\n]+)`/).map((piece, i) => ({ text: piece, code: i % 2 === 1 })).filter((p) => p.text !== '');
}

/**
 * The cost against the reference, naming what was priced: a learner who added
 * nothing and reads "1 barrier" needs to see it is the exercise's own flush
 * (`ptep_clear_flush()` at 0), not something of theirs.
 */
function costSentence(cost: number, reference: number, barriers: readonly BarrierUse[]): string {
  if (barriers.length === 0) return `No barriers, cost 0; the reference answer costs ${reference}.`;
  const named = barriers.map((b) => `\`${b.name}()\` on line ${b.line}: ${b.cost}`).join(', ');
  return `Cost ${cost} (${named}); the reference answer costs ${reference}.`;
}

function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}
