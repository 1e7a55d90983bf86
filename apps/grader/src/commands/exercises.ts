import { courseOutline, exercises } from '@barrier-lab/exercises';
import { parseArgs } from '../cli/arguments.ts';
import type { Command } from '../cli/commands.ts';
import { ExitCode, type CliIo } from '../cli/io.ts';

const usage = `Usage: barrier-lab exercises [--json]

Lists the course's exercises in course order: id, chapter, kind, models and title.

Options:
  --json   one JSON array (id, chapter, order, chapterTitle, title, kind, models, flush,
           referenceCost, mayChange: what a learner may change, as one sentence)

Exit status: 0, or 2 on bad usage.`;

/** `barrier-lab exercises`: the course's exercises. */
export const exercisesCommand: Command = {
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { flags: ['-h', '--help', '--json'], values: [] });
    if (parsed.flags.has('-h') || parsed.flags.has('--help')) {
      io.out(`${usage}\n`);
      return ExitCode.ok;
    }
    const problems = [...parsed.errors, ...(parsed.positional.length > 0 ? ['exercises takes no arguments'] : [])];
    if (problems.length > 0) {
      io.err(`barrier-lab exercises: ${problems.join('; ')}\n\n${usage}\n`);
      return ExitCode.usage;
    }
    const rows = exercises().map((e) => ({
      id: e.id,
      chapter: e.chapter,
      order: e.order,
      chapterTitle: courseOutline.find((c) => c.number === e.chapter)?.title ?? '',
      title: e.title,
      kind: e.kind,
      models: e.models,
      ...(e.flush ? { flush: e.flush } : {}),
      referenceCost: e.kind === 'predict' ? 0 : e.referenceCost,
      mayChange: e.mayChange.sentence,
    }));
    if (parsed.flags.has('--json')) {
      io.out(`${JSON.stringify(rows, null, 2)}\n`);
      return ExitCode.ok;
    }
    const idWidth = Math.max(2, ...rows.map((r) => r.id.length));
    const kindWidth = Math.max(4, ...rows.map((r) => r.kind.length));
    let chapter = 0;
    for (const r of rows) {
      if (r.chapter !== chapter) {
        chapter = r.chapter;
        io.out(`${chapter === rows[0]!.chapter ? '' : '\n'}Chapter ${chapter}: ${r.chapterTitle}\n`);
      }
      const models = r.models.join(',') + (r.flush ? ` (${r.flush} flush)` : '');
      io.out(`  ${r.id.padEnd(idWidth)}  ${r.kind.padEnd(kindWidth)}  ${r.title}  [${models}]\n`);
    }
    io.out(`\n${rows.length} exercises. Show one with \`barrier-lab show ID\`; check an answer with \`barrier-lab check ID FILE\`.\n`);
    return ExitCode.ok;
  },
};
