import { courseOutline, exercise, exercises } from '@barrier-lab/exercises';
import { parseArgs } from '../cli/arguments.ts';
import type { Command } from '../cli/commands.ts';
import { ExitCode, type CliIo } from '../cli/io.ts';

const usage = `Usage: barrier-lab show [--task] [--hints N] EXERCISE

Prints the exercise's starter code, ready to save and edit:
  barrier-lab show mp-wmb-rmb > answer.litmus
For a predict exercise it prints the program, then the answer template.

Options:
  --task      print the task, the models and the cost table first (as comments)
  --hints N   also print the first N hints (1 nudge, 2 concept, 3 the line)

Exit status: 0, 1 unknown exercise, 2 bad usage.`;

/** `barrier-lab show`: an exercise's starter code. */
export const showCommand: Command = {
  name: 'show',
  summary: 'print an exercise\'s starter code (and its task, hints)',
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
    if (hints !== undefined && !/^[0-3]$/.test(hints)) problems.push('--hints takes 0, 1, 2 or 3');
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
    const comment = (lines: string[]) => `${lines.map((l) => `// ${l}`.trimEnd()).join('\n')}\n`;
    const chapter = courseOutline.find((c) => c.number === found.chapter);
    const header: string[] = [];
    if (parsed.flags.has('--task')) {
      header.push(`${found.title} (chapter ${found.chapter}: ${chapter?.title ?? ''})`, '', ...wrap(found.task, 76), '');
      header.push(`Graded under: ${found.models.join(', ')}${found.flush ? `; TLB flushes: ${found.flush}` : ''}.`);
      if (found.kind !== 'predict') {
        header.push(`Full marks: correct at cost ≤ ${found.referenceCost}. Costs: ${Object.entries(found.costs).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
      }
    }
    const levels = ['nudge', 'concept', 'line'] as const;
    for (const level of levels.slice(0, Number(hints ?? 0))) header.push('', `Hint (${level}):`, ...wrap(found.hints[level], 76));
    if (header.length > 0) io.out(comment(header));
    if (found.kind === 'predict') {
      io.out(found.program.source.endsWith('\n') ? found.program.source : `${found.program.source}\n`);
      io.out(`\n${comment(['Your answer (save it in its own file; one line per model):'])}${found.starter.source}`);
    } else {
      io.out(found.starter.source);
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
