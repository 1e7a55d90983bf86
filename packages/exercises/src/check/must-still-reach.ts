// The guard of exercises whose learners may change code: each names an
// outcome that must stay possible (`mustStillReach` in exercise.json), so
// that deleting the racing code (the write, the pin, the whole walker), which
// makes the bad outcome impossible too, is not an answer. A guard is checked
// by running the learner's program with the exercise's condition replaced by
// `exists (outcome)`, from the exercise's initial state or the guard's own
// (`from`, which tells the work a thread does from a constant it writes).
//
// Only the strongest graded model is run: SC ⊆ TSO ⊆ LKMM holds for every
// program (docs/engine.md), so an outcome some execution reaches under sc is
// reached under tso and lkmm too, and one no execution reaches under the
// strongest model is already missing under a graded model.
import { kernelArchFor, lower, modelFor, parseLitmus, runProgram, type Budget, type Diagnostic, type FlushFlavour, type InitItem, type LitmusAst, type ModelName, type Span, type Verdict } from '@barrier-lab/engine';
import { type CostTable } from '@barrier-lab/engine/explain';
import type { ReachGuard } from '../schema/exercise.ts';
import { firstDifference } from './edit-rules.ts';

/** A program as text and syntax. */
export interface ParsedProgram {
  readonly ast: LitmusAst;
  readonly source: string;
}

/** What the guards say of an answer: all kept, one removed (with its diagnostic), or undecided within the budget. */
export type GuardResult =
  | { readonly status: 'kept' }
  | { readonly status: 'removed'; readonly diagnostic: Diagnostic }
  | { readonly status: 'inconclusive'; readonly guard: ReachGuard; readonly model: ModelName };

/** The models in order of strength: the first an exercise grades under is the one guards run under. */
const strongestFirst: readonly ModelName[] = ['sc', 'tso', 'lkmm'];

/**
 * `program` with its condition replaced by `exists (outcome)`, as text (so
 * that every later span still points into it), and its initial values
 * replaced by `from`; or the diagnostics of an outcome that does not parse.
 */
export function guardProgram(program: ParsedProgram, guard: Pick<ReachGuard, 'outcome' | 'from'>): ParsedProgram | { readonly diagnostics: readonly Diagnostic[] } {
  const condition = program.ast.condition;
  const text = condition
    ? replaceSpan(program.source, condition.span, `exists (${guard.outcome})`)
    : `${program.source}\nexists (${guard.outcome})\n`;
  const parsed = parseLitmus(text);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (!parsed.ast || errors.length > 0) return { diagnostics: errors };
  return { ast: { ...parsed.ast, init: startingFrom(parsed.ast.init, guard.from ?? [], parsed.ast.span) }, source: text };
}

/** The verdict of `program` for `guard` under `model`, or the diagnostics that stop it. */
export function guardVerdict(
  program: ParsedProgram, guard: ReachGuard, model: ModelName,
  options: { readonly flush?: FlushFlavour; readonly budget?: Budget } = {},
): Verdict | { readonly diagnostics: readonly Diagnostic[] } {
  const guarded = guardProgram(program, guard);
  if ('diagnostics' in guarded) return guarded;
  const lowered = lower(guarded.ast, guarded.source, { arch: kernelArchFor(model), ...(options.flush ? { flush: options.flush } : {}) });
  if (!lowered.program) return { diagnostics: lowered.diagnostics.filter((d) => d.severity === 'error') };
  return runProgram(lowered.program, { model: modelFor(model), ...(options.budget ? { budget: options.budget } : {}) });
}

/**
 * Checks every guard of an exercise against a submission that already
 * passed the edit rules (same threads and condition as the starter) and
 * holds its property. The first guard no execution reaches is `removed`,
 * with a diagnostic on the first line of the guard's thread that differs
 * from the starter, in the author's words.
 */
export function checkGuards(
  exercise: {
    readonly mustStillReach: readonly ReachGuard[];
    readonly models: readonly ModelName[];
    readonly costs: Partial<CostTable>;
    readonly flush?: FlushFlavour;
  },
  starter: ParsedProgram,
  submission: ParsedProgram,
  budget?: Budget,
): GuardResult {
  const model = strongestFirst.find((m) => exercise.models.includes(m));
  if (!model) return { status: 'kept' };
  for (const guard of exercise.mustStillReach) {
    const verdict = guardVerdict(submission, guard, model, { ...(exercise.flush ? { flush: exercise.flush } : {}), ...(budget ? { budget } : {}) });
    // The guard was checked against the starter when the exercise was
    // validated, and the submission has the starter's condition and init: an
    // error here is a fault of ours.
    if ('diagnostics' in verdict) throw new Error(`the guard "${guard.outcome}" does not run: ${verdict.diagnostics[0]?.message ?? 'no program'}`);
    if (verdict.observed.positive > 0) continue;
    if (verdict.status !== 'complete') return { status: 'inconclusive', guard, model };
    return { status: 'removed', diagnostic: removedDiagnostic(guard, model, starter, submission, exercise.costs) };
  }
  return { status: 'kept' };
}

/**
 * The diagnostic of a guard no execution reaches: where the guard's thread
 * first differs from the starter (or, when that thread is unchanged, the
 * first thread that is: the outcome was lost through another CPU's change).
 */
function removedDiagnostic(guard: ReachGuard, model: ModelName, starter: ParsedProgram, submission: ParsedProgram, costs: Partial<CostTable>): Diagnostic {
  const differenceIn = (index: number) => {
    const ours = submission.ast.threads.find((t) => t.index === index);
    const theirs = starter.ast.threads.find((t) => t.index === index);
    return ours && theirs ? firstDifference(theirs, ours, costs, { skipDeclarations: true }) : undefined;
  };
  const others = submission.ast.threads.map((t) => t.index).filter((i) => i !== guard.thread);
  const difference = [guard.thread, ...others].map(differenceIn).find((d) => d !== undefined);
  const span: Span = difference?.span ?? submission.ast.threads.find((t) => t.index === guard.thread)?.name.span ?? submission.ast.span;
  const starting = guard.from && guard.from.length > 0 ? `, started from ${guard.from.map((f) => `${f.location}=${f.text}`).join(', ')}` : '';
  const starterLine = difference?.starterSpan ? lineOf(starter.source, difference.starterSpan) : undefined;
  return {
    code: 'edit/must-still-reach',
    severity: 'error',
    span,
    message: `${guard.message} (No execution under ${model} ends with ${guard.outcome}${starting}, and some must.)`,
    hint: starterLine
      ? `The starter code has here: ${starterLine}`
      : `Start again from the starter code of P${guard.thread} and keep what it does.`,
  };
}

/** `init` with the values of `from` instead (a location not in it is added). */
function startingFrom(init: readonly InitItem[], from: NonNullable<ReachGuard['from']>, span: Span): readonly InitItem[] {
  if (from.length === 0) return init;
  const value = (v: number) => ({ kind: 'number' as const, value: v, span });
  const replaced = init.map((item) => {
    const override = item.target.kind === 'location' ? from.find((f) => f.location === item.target.name) : undefined;
    return override ? { ...item, value: value(override.value) } : item;
  });
  const added = from
    .filter((f) => !init.some((item) => item.target.kind === 'location' && item.target.name === f.location))
    .map((f): InitItem => ({ target: { kind: 'location', name: f.location, span }, value: value(f.value), span }));
  return [...replaced, ...added];
}

/** `source` with the text of `span` replaced by `text`. */
function replaceSpan(source: string, span: Span, text: string): string {
  const lines = source.split('\n');
  const before = [...lines.slice(0, span.line - 1), (lines[span.line - 1] ?? '').slice(0, span.column - 1)].join('\n');
  const after = [(lines[span.endLine - 1] ?? '').slice(span.endColumn - 1), ...lines.slice(span.endLine)].join('\n');
  return `${before}${text}${after}`;
}

/** The trimmed text of the line a span starts on. */
function lineOf(source: string, span: Span): string {
  return (source.split('\n')[span.line - 1] ?? '').trim();
}
