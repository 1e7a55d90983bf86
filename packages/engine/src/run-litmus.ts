// The whole pipeline for one litmus test: parse → lower → explore → judge.
import type { Diagnostic } from './syntax/diagnostic.ts';
import { parseLitmus } from './syntax/parse-litmus.ts';
import { lower } from './program/lower.ts';
import type { Program } from './program/program.ts';
import type { FlushFlavour } from './program/kernel-objects.ts';
import { kernelArchFor, modelFor } from './models/catalog.ts';
import type { ModelName } from './models/model.ts';
import type { Budget } from './explore/explore.ts';
import type { ValueDomain } from './program/value-domain.ts';
import { judge } from './verdict/judge.ts';
import type { Verdict } from './verdict/verdict.ts';

export interface RunOptions {
  readonly model?: ModelName;
  /** How TLB flushes behave (kernel objects); overrides the test's `// @flush`. */
  readonly flush?: FlushFlavour;
  readonly budget?: Budget;
  /** Milliseconds since some origin (defaults to Date.now). */
  readonly clock?: () => number;
  /** The value domain of a program differing only in fences and access orderings (JudgeOptions.domain). */
  readonly domain?: ValueDomain;
  /** Keep up to this many executions in `Verdict.executions` (JudgeOptions.keepExecutions). */
  readonly keepExecutions?: number;
}

export interface RunResult {
  /** Errors and warnings about the text; any error means no verdict. */
  readonly diagnostics: readonly Diagnostic[];
  readonly program?: Program;
  readonly verdict?: Verdict;
}

/** Checks a litmus test's text; never throws on bad input. */
export function runLitmus(source: string, options: RunOptions = {}): RunResult {
  const parsed = parseLitmus(source);
  if (!parsed.ast || parsed.diagnostics.some((d) => d.severity === 'error')) {
    return { diagnostics: parsed.diagnostics };
  }
  const model = options.model ?? 'lkmm';
  // The builtins as the model's machine implements them (x86's under tso).
  const lowered = lower(parsed.ast, source, { arch: kernelArchFor(model), ...(options.flush ? { flush: options.flush } : {}) });
  const diagnostics = [...parsed.diagnostics, ...lowered.diagnostics];
  if (!lowered.program) return { diagnostics };
  const verdict = judge(lowered.program, {
    model: modelFor(model),
    ...(options.budget ? { budget: options.budget } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.domain ? { domain: options.domain } : {}),
    ...(options.keepExecutions ? { keepExecutions: options.keepExecutions } : {}),
  });
  return { diagnostics, program: lowered.program, verdict };
}
