import { writeFile } from 'node:fs/promises';
import { exercise } from '@barrier-lab/exercises';
import { parseArgs } from '../cli/arguments.ts';
import type { Command } from '../cli/commands.ts';
import { fileError } from '../cli/file-error.ts';
import { ExitCode, type CliIo } from '../cli/io.ts';
import { writeZip } from '../grading/archive-zip.ts';
import { bundleFiles, bundleProblem } from '../grading/gradescope-bundle.ts';

const usage = `Usage: barrier-lab gradescope-bundle --exercise ID [--out FILE] [--timeout S] [--memory MB]

Writes the Gradescope autograder zip for exercise ID (default file:
barrier-lab-gradescope-ID.zip): setup.sh installs Node.js in Gradescope's
Ubuntu image, run_autograder grades /autograder/submission into
/autograder/results/results.json. Upload it as a "Zip file upload"
autograder. The grader travels inside the zip; nothing is fetched from npm.

Options:
  --exercise ID   the exercise the students submit
  --out FILE      where to write the zip
  --timeout S     time budget of the submission (default 60)
  --memory MB     memory budget of one submission's check (default 512)

Exit status: 0 written, 1 the grader is not built (run npm ci), 2 bad usage
or the zip cannot be written.`;

/** `barrier-lab gradescope-bundle`: the autograder zip for Gradescope. */
export const gradescopeBundleCommand: Command = {
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { flags: ['-h', '--help'], values: ['--exercise', '--out', '--timeout', '--memory'] });
    if (parsed.flags.has('-h') || parsed.flags.has('--help')) {
      io.out(`${usage}\n`);
      return ExitCode.ok;
    }
    const id = parsed.values.get('--exercise');
    const problems = [...parsed.errors];
    if (id === undefined) problems.push('give --exercise ID');
    else if (!exercise(id)) problems.push(`no exercise '${id}' (\`barrier-lab exercises\` lists them)`);
    if (parsed.positional.length > 0) problems.push(`unexpected ${parsed.positional.join(' ')}`);
    const timeoutSeconds = Number(parsed.values.get('--timeout') ?? 60);
    const memoryMb = Number(parsed.values.get('--memory') ?? 512);
    if (!(timeoutSeconds > 0)) problems.push('--timeout takes a number of seconds');
    if (!(memoryMb >= 32)) problems.push('--memory takes a number of MB, 32 or more');
    if (problems.length > 0) {
      io.err(`barrier-lab gradescope-bundle: ${problems.join('; ')}\n\n${usage}\n`);
      return ExitCode.usage;
    }
    const notBuilt = await bundleProblem();
    if (notBuilt) {
      io.err(`barrier-lab gradescope-bundle: ${notBuilt}\n`);
      return ExitCode.failed;
    }
    const out = parsed.values.get('--out') ?? `barrier-lab-gradescope-${id}.zip`;
    const files = await bundleFiles({ exercise: id!, timeoutSeconds, memoryMb });
    const zip = writeZip(files);
    const written = await writeFile(out, zip).catch((e: Error) => e);
    if (written instanceof Error) {
      io.err(fileError(out, written, 'write'));
      return ExitCode.usage;
    }
    io.err(`gradescope-bundle: wrote ${out} (${files.length} files, ${(zip.length / 1024).toFixed(0)} KiB) for ${id}\n`);
    return ExitCode.ok;
  },
};
