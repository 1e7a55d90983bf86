import { readFile } from 'node:fs/promises';
import { check, exercise, predictionBlock, predictionBlockLines, whyForbiddenLine, type CheckResult } from '@barrier-lab/exercises';
import { parseArgs } from '../cli/arguments.ts';
import type { Command } from '../cli/commands.ts';
import { fileError } from '../cli/file-error.ts';
import { formatDiagnostic } from '../cli/format-diagnostic.ts';
import { ExitCode, type CliIo } from '../cli/io.ts';
import { decodeSubmission } from '../grading/decode-submission.ts';
import { refusedCheck } from '../grading/grade-task.ts';

const usage = `Usage: barrier-lab check [--json] [--repair] EXERCISE FILE

Checks one answer to an exercise, exhaustively, under every model the
exercise is graded under: the verdict, the cost of the barriers used, and
when it is wrong, the counterexample step by step.

Options:
  --json        the whole check result as JSON (graph, timeline, repair)
  --repair      also search for the cheapest repair (it gives the answer away)

Exit status: 0 correct, 1 incorrect, over-fenced or undecided, 2 invalid input or bad usage.`;

/** `barrier-lab check`: one answer against one exercise. */
export const checkCommand: Command = {
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { flags: ['-h', '--help', '--json', '--repair'], values: [] });
    if (parsed.flags.has('-h') || parsed.flags.has('--help')) {
      io.out(`${usage}\n`);
      return ExitCode.ok;
    }
    const problems = [...parsed.errors];
    if (parsed.positional.length !== 2) problems.push('give an exercise id and one file');
    if (problems.length > 0) {
      io.err(`barrier-lab check: ${problems.join('; ')}\n\n${usage}\n`);
      return ExitCode.usage;
    }
    const [id, file] = parsed.positional as [string, string];
    if (!exercise(id)) {
      io.err(`barrier-lab check: no exercise '${id}'; \`barrier-lab exercises\` lists them.\n`);
      return ExitCode.usage;
    }
    const bytes = await readFile(file).catch((e: Error) => e);
    if (bytes instanceof Error) {
      io.err(fileError(file, bytes));
      return ExitCode.usage;
    }
    // Read as `grade` reads a submission: an empty, binary or non-UTF-8 file is an invalid answer that says so.
    const decoded = decodeSubmission(bytes);
    const result = 'problem' in decoded
      ? refusedCheck(id, decoded.problem)
      : check(id, decoded.text, { explain: parsed.flags.has('--repair') ? 'full' : 'counterexample' });
    const source = 'text' in decoded ? decoded.text : undefined;
    if (parsed.flags.has('--json')) io.out(`${JSON.stringify(result, null, 2)}\n`);
    else io.out(formatCheck(result, file, source));
    return result.status === 'correct' ? ExitCode.ok : result.status === 'invalid' ? ExitCode.usage : ExitCode.failed;
  },
};

const marks: Record<CheckResult['status'], string> = {
  correct: '✔ correct',
  incorrect: '✘ incorrect',
  'over-fenced': '~ over-fenced',
  invalid: '✘ invalid',
  inconclusive: '? inconclusive',
};

/** The human-readable report of one check; `source` undefined when the file was refused before it was read as text. */
export function formatCheck(result: CheckResult, file: string, source: string | undefined): string {
  const out: string[] = [`${file}: ${marks[result.status]} (${result.exercise})`, result.summary];
  // A mistake the exercise foresaw: what this answer misses, as the site says it under its sentence.
  if (result.mistake) out.push(result.mistake);
  if (result.status === 'invalid') {
    return `${out.join('\n')}\n\n${result.diagnostics.map((d) => formatDiagnostic(file, source, d)).join('')}`;
  }
  for (const d of result.diagnostics) out.push(formatDiagnostic(file, source, d).trimEnd());
  if (result.predictions) {
    // A prediction is right or wrong; whether the condition "holds" says nothing about it, so it is not shown.
    out.push('', `Your predictions for ${result.verdicts[0]?.condition ?? 'the condition'}:`);
    const width = Math.max(...result.predictions.map((p) => p.actual.length));
    for (const p of result.predictions) {
      out.push(`  ${p.model.padEnd(5)} ${p.right ? '✔' : '✘'} it is ${p.actual.padEnd(width)}  you said ${p.predicted ?? 'nothing'}`);
    }
  } else {
    out.push('', 'Verdicts:');
    for (const v of result.verdicts) out.push(`  ${v.model.padEnd(5)} ${v.holds ? 'holds ' : 'FAILS '} ${v.condition}: ${v.observation}`);
  }
  if (result.barriers.length > 0 || result.referenceCost > 0) {
    out.push('', `Cost: ${result.cost} (full marks at ≤ ${result.referenceCost})${result.barriers.length ? `: ${result.barriers.map((b) => `${b.name} line ${b.line} (${b.cost})`).join(', ')}` : ''}`);
  }
  const x = result.explanation;
  if (result.explanations) {
    // A prediction: every wrong model, one block each, in the exercise's order.
    for (const block of result.explanations) out.push('', ...predictionBlockLines(predictionBlock(block)));
  } else {
    if (x?.timelineText) out.push('', `Counterexample under ${result.explainedModel}:`, x.timelineText.trimEnd());
    if (x?.whyForbidden) out.push('', whyForbiddenLine(result.explainedModel ?? 'the model', x.whyForbidden.message));
  }
  if (x?.repair?.status === 'found') {
    out.push('', `A repair (cost ${x.repair.cost}):`, ...x.repair.edits.map((e) => `  ${e.description}`));
    out.push(...x.repair.pairings.map((p) => `  ${p.message}`));
  }
  return `${out.join('\n')}\n`;
}
