import { readFile, writeFile } from 'node:fs/promises';
import { exportLitmus, kernelArchs, type FlushFlavour, type KernelArch } from '@barrier-lab/engine';
import { parseArgs } from '../cli/arguments.ts';
import type { Command } from '../cli/commands.ts';
import { fileError } from '../cli/file-error.ts';
import { formatDiagnostic } from '../cli/format-diagnostic.ts';
import { ExitCode, type CliIo } from '../cli/io.ts';

const usage = `Usage: barrier-lab export [options] FILE

Writes FILE as a plain herd7 C litmus test: kernel builtins (try_grab_folio(),
ptep_get_lockless(), flush_tlb_page(), local_irq_save(), ...) are expanded to
the LKMM primitives they stand for, so herd7 can check the same program.

Options:
  --flush ipi|broadcast   how TLB flushes behave (default: the test's // @flush, else ipi)
  --arch generic|x86      which implementation the builtins stand for (default: generic,
                          what LKMM verdicts are about; x86: ptep_get_and_clear() is an
                          xchg(), the program behind every --model tso verdict)
  -o, --output FILE       write to FILE instead of standard output

Exit status: 0 written, 1 the file has errors or cannot be expressed in herd7, 2 bad usage.`;

/** `barrier-lab export`: kernel-C to herd7 C. */
export const exportCommand: Command = {
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseArgs(args, { flags: ['-h', '--help'], values: ['--flush', '--arch', '-o', '--output'] });
    if (parsed.flags.has('-h') || parsed.flags.has('--help')) {
      io.out(`${usage}\n`);
      return ExitCode.ok;
    }
    const flush = parsed.values.get('--flush');
    const problems = [...parsed.errors];
    if (flush !== undefined && flush !== 'ipi' && flush !== 'broadcast') problems.push(`unknown flush flavour '${flush}' (choose ipi or broadcast)`);
    const arch = parsed.values.get('--arch');
    if (arch !== undefined && !kernelArchs.includes(arch as KernelArch)) problems.push(`unknown implementation '${arch}' (choose ${kernelArchs.join(' or ')})`);
    if (parsed.positional.length !== 1) problems.push('give exactly one litmus file');
    if (problems.length > 0) {
      io.err(`barrier-lab export: ${problems.join('; ')}\n\n${usage}\n`);
      return ExitCode.usage;
    }
    const file = parsed.positional[0]!;
    const source = await readFile(file, 'utf8').catch((e: Error) => e);
    if (source instanceof Error) {
      io.err(fileError(file, source));
      return ExitCode.failed;
    }
    const result = exportLitmus(source, { ...(flush ? { flush: flush as FlushFlavour } : {}), ...(arch ? { arch: arch as KernelArch } : {}) });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0 || result.text === undefined) {
      for (const d of result.diagnostics) io.err(formatDiagnostic(file, source, d));
      return ExitCode.failed;
    }
    const output = parsed.values.get('-o') ?? parsed.values.get('--output');
    if (output) {
      const written = await writeFile(output, result.text).catch((e: Error) => e);
      if (written instanceof Error) {
        io.err(fileError(output, written, 'write'));
        return ExitCode.failed;
      }
    } else io.out(result.text);
    return ExitCode.ok;
  },
};
