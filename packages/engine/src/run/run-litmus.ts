// The whole pipeline for one litmus test: parse → lower → run the program
// (run-program.ts: traces, exploration, judgement).
// One meter spans all of it, so the time and memory budgets hold in every
// phase, and a run that hits one comes back inconclusive, never as a crash.
import type { Diagnostic } from '../syntax/diagnostic.ts';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { lower } from '../program/lower.ts';
import type { Program } from '../program/program.ts';
import type { FlushFlavour } from '../program/kernel-objects.ts';
import { kernelArchFor, modelFor } from '../models/catalog.ts';
import type { ModelName } from '../models/model.ts';
import { defaultBudget, type Budget, type BudgetReport, type Phase } from '../budget/budget.ts';
import { BudgetExceeded, Meter, type CancelSignal, type Clock } from '../budget/meter.ts';
import type { ValueDomain } from '../program/value-domain.ts';
import { runProgram } from './run-program.ts';
import type { Verdict } from '../verdict/verdict.ts';
import { herdHash } from '../hash/herd-hash.ts';

export interface RunOptions {
  readonly model?: ModelName;
  /** How TLB flushes behave (kernel objects); overrides the test's `// @flush`. */
  readonly flush?: FlushFlavour;
  /** Limits for the whole run (default `defaultBudget`). */
  readonly budget?: Budget;
  /** Milliseconds since some origin (defaults to Date.now). */
  readonly clock?: Clock;
  /** Polled during the run: once aborted, the run stops as inconclusive (`cancelled`). */
  readonly signal?: CancelSignal;
  /** Told when the run enters each phase after parsing (for progress displays). */
  readonly onPhase?: (phase: Phase) => void;
  /** The value domain of a program differing only in fences and access orderings (RunProgramOptions.domain). */
  readonly domain?: ValueDomain;
  /** Keep up to this many executions in `Verdict.executions` (RunProgramOptions.keepExecutions). */
  readonly keepExecutions?: number;
  /** Most witness executions to keep (see JudgeOptions.maxWitnesses; default one per state). */
  readonly maxWitnesses?: number;
  /**
   * Whether to compute herd7's hash of the test (`RunResult.hash`; default
   * true). A caller that never shows it (the course's checks, the repair
   * search) passes false: digesting is a few per cent of a small test's run.
   */
  readonly herdHash?: boolean;
}

export interface RunResult {
  /**
   * Errors and warnings about the text; any error means no verdict. Besides
   * the parser's and lowering's, `run/illegal-operation`: the run met an
   * operation herd7 refuses (Verdict.illegal): arithmetic on an address it
   * does not define, or a division by zero.
   */
  readonly diagnostics: readonly Diagnostic[];
  readonly program?: Program;
  /** The verdict; when a budget stopped the run after lowering, an inconclusive one. */
  readonly verdict?: Verdict;
  /**
   * Set when a budget (or a cancellation) stopped the run: which, in what
   * phase, and what the run had reached. Then any verdict is inconclusive, and
   * a run stopped while parsing or lowering has none.
   */
  readonly inconclusive?: BudgetReport;
  /**
   * herd7's hash of the test (hash/herd-hash.ts), once it parsed: also set
   * when the run is inconclusive, and copied into the verdict. Absent for a
   * test using a form whose hash the engine cannot reproduce.
   */
  readonly hash?: string;
}

/** Checks a litmus test's text; never throws on bad input, and never runs past its budget. */
export function runLitmus(source: string, options: RunOptions = {}): RunResult {
  const budget = options.budget ?? defaultBudget;
  const meter = new Meter({
    maxMillis: budget.maxMillis,
    maxMemoryMb: budget.maxMemoryMb ?? defaultBudget.maxMemoryMb,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onPhase ? { onPhase: options.onPhase } : {}),
  });
  let diagnostics: readonly Diagnostic[] = [];
  let hash: string | undefined;
  try {
    meter.phase = 'parse';
    const parsed = parseLitmus(source, { meter });
    diagnostics = parsed.diagnostics;
    if (!parsed.ast || parsed.diagnostics.some((d) => d.severity === 'error')) return { diagnostics };
    // Part of parsing, and metered: a megabyte test takes tens of milliseconds to digest.
    if (options.herdHash !== false) {
      const hashed = herdHash(source, parsed.ast, () => meter.check());
      hash = 'hash' in hashed ? hashed.hash : undefined;
    }
    meter.phase = 'lower';
    const model = options.model ?? 'lkmm';
    // The builtins as the model's machine implements them (x86's under tso).
    const lowered = lower(parsed.ast, source, { arch: kernelArchFor(model), ...(options.flush ? { flush: options.flush } : {}), meter });
    diagnostics = [...parsed.diagnostics, ...lowered.diagnostics];
    if (!lowered.program) return { diagnostics, ...(hash ? { hash } : {}) };
    const run = runProgram(lowered.program, {
      model: modelFor(model),
      budget,
      meter,
      ...(options.domain ? { domain: options.domain } : {}),
      ...(options.keepExecutions ? { keepExecutions: options.keepExecutions } : {}),
      ...(options.maxWitnesses === undefined ? {} : { maxWitnesses: options.maxWitnesses }),
    });
    if (run.illegal) {
      // herd7 stops on the operation ("Illegal operation ..."), with no verdict for the test.
      const refusal: Diagnostic = {
        code: 'run/illegal-operation',
        message: run.illegal.message,
        span: run.illegal.span,
        severity: 'error',
        hint: run.illegal.message.startsWith('division by zero')
          ? 'herd7 fails on a division by zero in any execution it builds: guard it with a test of the divisor'
          : 'on an address herd7 computes only + or - a number, the difference of two addresses, ==, !=, | 0, and < or > against 0',
      };
      return { diagnostics: [...diagnostics, refusal], program: lowered.program, ...(hash ? { hash } : {}) };
    }
    const verdict: Verdict = hash ? { ...run, hash } : run;
    return { diagnostics, program: lowered.program, verdict, ...(hash ? { hash } : {}), ...(verdict.budget ? { inconclusive: verdict.budget } : {}) };
  } catch (error) {
    if (!(error instanceof BudgetExceeded)) throw error;
    return { diagnostics, ...(hash ? { hash } : {}), inconclusive: meter.reportOf(error) };
  }
}
