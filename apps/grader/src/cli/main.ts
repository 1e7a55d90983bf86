import { commands, type CommandEntry } from './commands.ts';
import { ExitCode, processIo, type CliIo } from './io.ts';
import { version } from './version.ts';

function usage(): string {
  const width = Math.max(4, ...commands.map((c) => c.name.length));
  const list = commands.length
    ? commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')
    : '  (none yet)';
  return [
    'barrier-lab: memory ordering in the Linux kernel, checked exhaustively.',
    '',
    'Usage: barrier-lab <command> [options]',
    '',
    'Commands:',
    list,
    '',
    'Options:',
    '  -h, --help     show this help, or a command\'s with `barrier-lab help COMMAND`',
    '  -v, --version  print the version',
    '',
  ].join('\n');
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined || first === '-h' || first === '--help') {
    io.out(usage());
    return first === undefined ? ExitCode.usage : ExitCode.ok;
  }
  if (first === '-v' || first === '--version') {
    io.out(`${version}\n`);
    return ExitCode.ok;
  }
  if (first === 'help') {
    const target = commands.find((c) => c.name === rest[0]);
    if (target && rest[1] !== undefined) return subcommandHelp(target, rest[1], io);
    io.out(target ? `${(await target.load()).usage}\n` : usage());
    return target || rest[0] === undefined ? ExitCode.ok : ExitCode.usage;
  }
  const entry = commands.find((c) => c.name === first);
  if (!entry) {
    io.err(`barrier-lab: unknown command '${first}'. Run 'barrier-lab --help' for the list.\n`);
    return ExitCode.usage;
  }
  return (await entry.load()).run(rest, io);
}

/** `barrier-lab help grade merge`: the subcommand's own usage, as `grade merge --help` prints it. */
async function subcommandHelp(entry: CommandEntry, name: string, io: CliIo): Promise<number> {
  const command = await entry.load();
  const text = command.subcommands && Object.hasOwn(command.subcommands, name) ? command.subcommands[name] : undefined;
  if (text === undefined) {
    const known = Object.keys(command.subcommands ?? {});
    io.err(`barrier-lab: ${entry.name} has no subcommand '${name}'${known.length > 0 ? ` (it has: ${known.join(', ')})` : ''}. Run 'barrier-lab help ${entry.name}'.\n`);
    return ExitCode.usage;
  }
  io.out(`${text}\n`);
  return ExitCode.ok;
}
