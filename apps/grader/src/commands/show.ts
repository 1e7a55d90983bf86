import { answerTemplate, courseOutline, exercise, exercises, revealHints } from '@barrier-lab/exercises';
import { parseArgs } from '../cli/arguments.ts';
import type { Command } from '../cli/commands.ts';
import { ExitCode, type CliIo } from '../cli/io.ts';

const usage = `Usage: barrier-lab show [--task] [--hints N] EXERCISE

Prints the exercise's starter code, ready to save, edit and check:
  barrier-lab show mp-wmb-rmb > answer.litmus
  barrier-lab check mp-wmb-rmb answer.litmus
For a predict exercise it prints the answer template: the program as
comments, then one "model: ?" line per model to fill in.

Options:
  --task      print the task, what you may change, the models and the costs first (as comments)
  --hints N   also print the first N hints (1 nudge, 2 concept, 3 the line);
              4 or more: all three, then the reference solution and why it works

Exit status: 0, 1 unknown exercise, 2 bad usage.`;

/** `barrier-lab show`: an exercise's starter code (or answer template), with its task and hints on request. */
export const showCommand: Command = {
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { flags: ['-h', '--help', '--task'], values: ['--hints'] });
    if (parsed.flags.has('-h') || parsed.flags.has('--help')) {
      io.out(`${usage}\n`);
      return ExitCode.ok;
    }
    const hints = parsed.values.get('--hints');
    const problems = [...parsed.errors];
    if (parsed.positional.length !== 1) problems.push('give exactly one exercise id');
    if (hints !== undefined && !/^\d{1,3}$/.test(hints)) problems.push('--hints takes a number: 1, 2 or 3 hints, 4 for the solution');
    if (problems.length > 0) {
      io.err(`barrier-lab show: ${problems.join('; ')}\n\n${usage}\n`);
      return ExitCode.usage;
    }
    const id = parsed.positional[0]!;
    const found = exercise(id);
    if (!found) {
      io.err(`barrier-lab show: no exercise '${id}'.${suggest(id)} \`barrier-lab exercises\` lists them.\n`);
      return ExitCode.failed;
    }
    // An answer file's own comments: a predict answer is text with `#` comments, code is C.
    const mark = found.kind === 'predict' ? '#' : '//';
    const comment = (lines: string[]) => `${lines.map((l) => `${mark} ${l}`.trimEnd()).join('\n')}\n`;
    const chapter = courseOutline.find((c) => c.number === found.chapter);
    const header: string[] = [];
    if (parsed.flags.has('--task')) {
      header.push(`${found.title} (chapter ${found.chapter}: ${chapter?.title ?? ''})`, '', ...wrap(found.task, 76), '');
      header.push(...wrap(found.mayChange.sentence, 76));
      header.push(`Graded under: ${found.models.join(', ')}${found.flush ? `; TLB flushes: ${found.flush}` : ''}.`);
      if (found.kind !== 'predict') {
        header.push(...wrap(`Full marks: correct at cost ≤ ${found.referenceCost}. Costs: ${Object.entries(found.costs).map(([k, v]) => `${k} ${v}`).join(', ')}.`, 76));
      }
    }
    const steps = revealHints(found, Number(hints ?? 0));
    let solution: string | undefined;
    for (const step of steps) {
      if (step.level === 'solution') {
        header.push('', ...wrap(`No hints left: what follows is the reference solution (${step.file}), not the starter. Why it works:`, 76), ...wrap(step.text, 76));
        solution = step.source;
      } else {
        header.push('', `Hint (${step.level}):`, ...wrap(step.text, 76));
      }
    }
    if (header.length > 0) io.out(comment(header[0] === '' ? header.slice(1) : header));
    if (found.kind === 'predict') {
      io.out(answerTemplate(found, { withProgram: true, answered: solution !== undefined }));
    } else {
      io.out(solution ?? found.starter.source);
    }
    return ExitCode.ok;
  },
};

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

function suggest(id: string): string {
  const close = exercises().map((e) => e.id).filter((e) => e.includes(id) || id.includes(e) || e.split('-')[0] === id.split('-')[0]);
  return close.length > 0 ? ` Did you mean ${close.slice(0, 3).join(', ')}?` : '';
}
