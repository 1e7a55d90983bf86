import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { explain, formatHerdOutput, modelNames, runLitmus, defaultBudget, type FlushFlavour, type ModelName, type RunResult, type Verdict } from '@barrier-lab/engine';
import { parseArgs } from '../cli/arguments.ts';
import type { Command } from '../cli/commands.ts';
import { fileError } from '../cli/file-error.ts';
import { expandPaths } from '../cli/files.ts';
import { formatDiagnostic } from '../cli/format-diagnostic.ts';
import { ExitCode, type CliIo } from '../cli/io.ts';
import { ProgressBar } from '../cli/progress.ts';

const usage = `Usage: barrier-lab litmus [options] FILE|DIR...

Runs herd7 C litmus tests through the engine and prints herd7's output blocks
(Test, States, Ok/No, Witnesses, Positive/Negative, Flag, Condition,
Observation, Time), so herd7 workflows and diffs keep working. Folders are
searched for *.litmus files.

Options:
  --model sc|tso|lkmm   the memory model (default: lkmm)
  --flush ipi|broadcast how kernel TLB flushes behave (default: the test's // @flush, else ipi)
  --json                print the verdicts as JSON instead
  --explain             after each test whose bad outcome happens: the smallest
                        counterexample as a per-CPU timeline, and the cheapest repair;
                        for a forbidden outcome, which pairing forbids it
  --timeout SECONDS     budget per test (default: ${defaultBudget.maxMillis / 1000}); past it the verdict is inconclusive
  --max-candidates N    most candidate executions per test (default: ${defaultBudget.maxCandidates})

Exit status: 0 when every test ran, 1 when a file had errors, 2 on bad usage.`;

/** `barrier-lab litmus`: herd7-compatible litmus testing. */
export const litmusCommand: Command = {
  name: 'litmus',
  summary: 'run herd7 C litmus tests under sc, tso or lkmm (herd7-style output)',
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { flags: ['--json', '--explain', '-h', '--help'], values: ['--model', '--flush', '--timeout', '--max-candidates'] });
    if (parsed.flags.has('-h') || parsed.flags.has('--help')) {
      io.out(`${usage}\n`);
      return ExitCode.ok;
    }
    const model = (parsed.values.get('--model') ?? 'lkmm') as ModelName;
    const problems = [...parsed.errors];
    if (!modelNames.includes(model)) problems.push(`unknown model '${model}' (choose sc, tso or lkmm)`);
    const flush = parsed.values.get('--flush');
    if (flush !== undefined && flush !== 'ipi' && flush !== 'broadcast') problems.push(`unknown flush flavour '${flush}' (choose ipi or broadcast)`);
    const timeout = Number(parsed.values.get('--timeout') ?? defaultBudget.maxMillis / 1000);
    const maxCandidates = Number(parsed.values.get('--max-candidates') ?? defaultBudget.maxCandidates);
    if (!(timeout > 0)) problems.push('--timeout needs a positive number of seconds');
    if (!(maxCandidates > 0)) problems.push('--max-candidates needs a positive number');
    if (parsed.positional.length === 0) problems.push('no litmus file or folder given');
    if (problems.length > 0) {
      io.err(`barrier-lab litmus: ${problems.join('; ')}\n\n${usage}\n`);
      return ExitCode.usage;
    }

    const { files, problems: unreadable } = await expandPaths(parsed.positional, ['.litmus']);
    let failed = unreadable.length > 0;
    for (const p of unreadable) io.err(fileError(p.path, p.error));
    const json = parsed.flags.has('--json');
    const results: { file: string; result?: RunResult; error?: string }[] = [];
    const progress = new ProgressBar(io, files.length, 'litmus');
    for (const [i, file] of files.entries()) {
      progress.update(i, file);
      const source = await readFile(file, 'utf8').catch((e: Error) => e);
      if (source instanceof Error) {
        failed = true;
        progress.done();
        io.err(fileError(file, source));
        results.push({ file, error: source.message });
        continue;
      }
      const result = runLitmus(source, {
        model,
        ...(flush ? { flush: flush as FlushFlavour } : {}),
        budget: { ...defaultBudget, maxMillis: timeout * 1000, maxCandidates },
        clock: () => performance.now(),
      });
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0 || !result.verdict) {
        failed = true;
        progress.done();
        for (const d of result.diagnostics) io.err(formatDiagnostic(file, source, d));
      } else if (!json) {
        progress.done();
        io.out(formatHerdOutput(result.verdict, { time: true }));
        if (parsed.flags.has('--explain')) io.out(explanationText(source, result.verdict, model, flush as FlushFlavour | undefined));
        if (result.verdict.status === 'inconclusive') {
          io.err(`${file}: inconclusive: the ${result.verdict.cutoff} budget was hit; counts are lower bounds\n`);
        }
      }
      results.push({ file, result });
    }
    progress.update(files.length);
    progress.done();
    if (json) {
      const data = results.map(({ file, result, error }) => ({
        file,
        ...(error ? { error } : {}),
        ...(result ? { diagnostics: result.diagnostics, ...(result.verdict ? { verdict: result.verdict } : {}) } : {}),
      }));
      io.out(`${JSON.stringify({ model, results: data }, null, 2)}\n`);
    }
    return failed ? ExitCode.failed : ExitCode.ok;
  },
};

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
