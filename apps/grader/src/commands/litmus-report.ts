// What `barrier-lab litmus` prints for one test, as plain data: the worker
// that ran the test builds it, the main thread writes it in input order. Text
// output is herd7's, ending with its `Hash=` line; a test that hit a budget
// gets an `Inconclusive` line where herd7 would print its verdict, and no
// States, Observation or Hash lines a script could mistake for one (herd7
// prints nothing for a test it gave up on). JSON output is one line per test,
// with the test's `hash` whenever the engine can compute it.
import { basename } from 'node:path';
import { describeBudgetReport, formatHerdOutput, type BudgetReport, type FlushFlavour, type ModelName, type Observation, type RunResult, type Verdict } from '@barrier-lab/engine';
import { explain } from '@barrier-lab/engine/explain';
import { formatDiagnostic } from '../cli/format-diagnostic.ts';

/** How every test of a run is checked and printed. */
export interface LitmusSettings {
  readonly model: ModelName;
  readonly flush?: FlushFlavour;
  readonly maxMillis: number;
  readonly maxCandidates: number;
  readonly maxMemoryMb: number;
  readonly json: boolean;
  readonly explain: boolean;
  /** Most witness executions per test in JSON output. */
  readonly witnesses: number;
  /** Whether output shows measured times (herd7's `Time` lines, JSON `millis`). */
  readonly time: boolean;
  /** Whether workers report each test's phases (for a progress bar someone watches). */
  readonly phases?: boolean;
}

/** How one test ended. */
/** How one test ended; `duplicate`: not reported, an earlier test of the run has its name (as herd7 does). */
export type LitmusStatus = 'complete' | 'inconclusive' | 'error' | 'duplicate';

/** One test's output and what the summary needs of it. */
export interface LitmusOutcome {
  readonly file: string;
  readonly status: LitmusStatus;
  /** The test's name (from its header line, else its file name), when the file could be read. */
  readonly test?: string;
  readonly observation?: Observation;
  /** herd7's hash of the test (its `Hash=` line), when the engine could compute it. */
  readonly hash?: string;
  /** Wall-clock milliseconds the test took in its worker. */
  readonly millis: number;
  /** What goes to standard output: a herd7 block, or one JSON line. */
  readonly stdout: string;
  /** What goes to standard error: diagnostics, budget notes, failures. */
  readonly stderr: string;
}

/** The outcome of a test that ran to the end of the pipeline (whatever it found). */
export function reportRun(file: string, source: string, result: RunResult, millis: number, settings: LitmusSettings): LitmusOutcome {
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const diagnostics = result.diagnostics.map((d) => formatDiagnostic(file, source, d)).join('');
  const name = result.program?.name ?? testName(source, file);
  if (result.inconclusive) {
    const report = result.inconclusive;
    const note = `${file}: inconclusive: ${describeBudgetReport(report)}\n`;
    return {
      file, status: 'inconclusive', test: name, ...hashOf(result), millis,
      stdout: settings.json
        ? jsonLine({ file, status: 'inconclusive', model: settings.model, test: name, ...infoOf(result), ...hashOf(result), budget: budgetJson(report, settings), diagnostics: result.diagnostics }, millis, settings)
        : inconclusiveBlock(name, result.verdict, report, millis, settings),
      stderr: diagnostics + note,
    };
  }
  if (errors.length > 0 || !result.verdict) {
    return {
      file, status: 'error', test: name, millis,
      stdout: settings.json ? jsonLine({ file, status: 'error', model: settings.model, test: name, diagnostics: result.diagnostics }, millis, settings) : '',
      stderr: diagnostics || `${file}: error: no verdict\n`,
    };
  }
  const verdict = result.verdict;
  let stdout: string;
  if (settings.json) {
    stdout = jsonLine({ file, status: 'complete', model: settings.model, test: name, ...infoOf(result), ...hashOf(result), verdict: jsonVerdict(verdict, settings), diagnostics: result.diagnostics }, millis, settings);
  } else {
    stdout = formatHerdOutput(verdict, { time: settings.time });
    if (settings.explain) stdout += explanationText(source, verdict, settings.model, settings.flush);
  }
  return { file, status: 'complete', test: name, ...hashOf(result), observation: verdict.observation, millis, stdout, stderr: diagnostics };
}

/** The outcome of a test that never produced a result: unreadable, or its worker died. */
export function reportFailure(file: string, reason: string, millis: number, settings: LitmusSettings): LitmusOutcome {
  return {
    file, status: 'error', millis,
    stdout: settings.json ? jsonLine({ file, status: 'error', model: settings.model, error: reason }, millis, settings) : '',
    stderr: `${file}: error: ${reason}\n`,
  };
}

/**
 * Where herd7 prints a verdict, an inconclusive test prints what stopped it:
 * the `Test` line when the test got that far, then `Inconclusive NAME budget:
 * ...`, and herd7's `Time` line. No `Hash=` line: herd7's tools (mcompare7,
 * msort7) would take the block for a result; JSON output keeps the hash.
 */
function inconclusiveBlock(name: string, verdict: Verdict | undefined, report: BudgetReport, millis: number, settings: LitmusSettings): string {
  const lines: string[] = [];
  if (verdict) lines.push(`Test ${verdict.test} ${verdict.kind}`);
  lines.push(`Inconclusive ${name} ${report.budget}: ${describeBudgetReport(report, { time: settings.time })}`);
  if (settings.time) lines.push(`Time ${name} ${(millis / 1000).toFixed(2)}`);
  return `${lines.join('\n')}\n\n`;
}

/** The test's name from its header line (without a `.litmus` suffix, as herd7 reports it), else its file name. */
export function testName(source: string, file: string): string {
  const header = /^\s*C\s+(\S+)/.exec(source.replace(/^(\s*(\(\*[\s\S]*?\*\)|\/\/[^\n]*|\/\*[\s\S]*?\*\/))*/, ''));
  return (header?.[1] ?? basename(file)).replace(/\.litmus$/, '');
}

/**
 * herd7 runs a test name once per command: a later test with a name already
 * run prints nothing (herd7 says nothing when the two tests are the same,
 * and 'Different hashes for test' when they differ). Scripts that diff the
 * two tools' output, or key results by name, rely on that; so the later test
 * is reported on stderr only, as not run, naming the file that had the name
 * first, and saying, when both hashes are known, whether it is the same test
 * (JSON `sameHash`).
 */
export function duplicateOf(outcome: LitmusOutcome, first: { readonly file: string; readonly hash?: string | undefined }, settings: LitmusSettings): LitmusOutcome {
  const sameHash = outcome.hash !== undefined && first.hash !== undefined ? outcome.hash === first.hash : undefined;
  const which = sameHash === undefined ? '' : sameHash ? '; the same test (same hash)' : `; another test (its hash differs: herd7 reports 'Different hashes for test ${outcome.test}' and skips it)`;
  const reason = `test ${outcome.test} already ran from ${first.file} (a name runs once per command, as in herd7)${which}`;
  return {
    file: outcome.file, status: 'duplicate', ...(outcome.test ? { test: outcome.test } : {}), ...(outcome.hash ? { hash: outcome.hash } : {}), millis: outcome.millis,
    stdout: settings.json ? jsonLine({ file: outcome.file, status: 'duplicate', model: settings.model, test: outcome.test, sameNameAs: first.file, ...(sameHash === undefined ? {} : { sameHash }) }, outcome.millis, settings) : '',
    stderr: `${outcome.file}: not reported: ${reason}\n`,
  };
}

/** The test's metadata: its doc string (diy puts the cycle there) and `Key=value` information lines, when it has them. */
function infoOf(result: RunResult): { doc?: string; info?: Record<string, string> } {
  const program = result.program;
  const info = program?.info ?? [];
  return {
    ...(program?.doc !== undefined ? { doc: program.doc } : {}),
    ...(info.length > 0 ? { info: Object.fromEntries(info.map((i) => [i.key, i.value])) } : {}),
  };
}

/** herd7's hash of the test (its `Hash=` line), when the engine could compute it. */
function hashOf(result: RunResult): { hash?: string } {
  return result.hash === undefined ? {} : { hash: result.hash };
}

/**
 * The verdict as JSON shows it: the engine kept at most `settings.witnesses`
 * witness executions (those of states where the test's question goes the bad
 * way first); how many states have none is said, and times go when they are off.
 */
function jsonVerdict(v: Verdict, settings: LitmusSettings): Verdict & { readonly witnessesOmitted?: number } {
  const omitted = v.states.length - v.witnesses.length;
  const stats = settings.time ? v.stats : withoutMillis(v.stats);
  return { ...v, stats: stats as Verdict['stats'], ...(omitted > 0 ? { witnessesOmitted: omitted } : {}) };
}

function budgetJson(report: BudgetReport, settings: LitmusSettings): BudgetReport {
  return settings.time ? report : { ...report, reached: withoutMillis(report.reached) as BudgetReport['reached'] };
}

function withoutMillis<T extends { millis: number }>(value: T): Omit<T, 'millis'> {
  const { millis: _millis, ...rest } = value;
  return rest;
}

/** One JSON line: `record` with the test's time (unless times are off). */
function jsonLine(record: Record<string, unknown>, millis: number, settings: LitmusSettings): string {
  return `${JSON.stringify({ type: 'result', ...record, ...(settings.time ? { millis: Math.round(millis) } : {}) })}\n`;
}

/** The `--explain` text for one verdict: a timeline and a repair, or why the outcome is forbidden. */
function explanationText(source: string, verdict: Verdict, model: ModelName, flush: FlushFlavour | undefined): string {
  const e = explain(source, verdict, { model, ...(flush ? { flush } : {}) });
  const lines: string[] = [];
  if (e.counterexample) {
    const state = e.counterexample.entries.map((x) => `${x.target}=${x.value};`).join(' ');
    lines.push(`Counterexample (${e.counterexample.events} events, 1 of ${e.counterexampleCount}): ${state}`);
    if (e.timelineText) lines.push(e.timelineText.trimEnd());
    if (e.repair) lines.push(`Repair: ${e.repair.message}`);
  } else if (e.whyForbidden) {
    lines.push(`Why: ${e.whyForbidden.message}`);
  }
  return `${lines.join('\n')}\n\n`;
}

/** How many witnesses the engine should keep for `settings`: JSON shows some, --explain needs them all, text none. */
export function witnessesWanted(settings: LitmusSettings): number | undefined {
  if (settings.explain) return undefined;
  return settings.json ? settings.witnesses : 0;
}
