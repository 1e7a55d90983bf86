import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { captureIo as capture } from './capture-io.ts';
import { commands } from './commands.ts';
import { main } from './main.ts';
import { version } from './version.ts';


describe('barrier-lab', () => {
  it('prints usage for --help and exits 0', async () => {
    const io = capture();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdout).toContain('Usage: barrier-lab <command>');
    expect(io.stderr).toBe('');
  });

  it('prints usage and exits 2 when given no command', async () => {
    const io = capture();
    expect(await main([], io)).toBe(2);
    expect(io.stdout).toContain('Commands:');
  });

  it('rejects an unknown command with a pointer to --help', async () => {
    const io = capture();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.stderr).toContain("unknown command 'frobnicate'");
  });

  it('reports the package version', async () => {
    const io = capture();
    expect(await main(['--version'], io)).toBe(0);
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(io.stdout.trim()).toBe(pkg.version);
    expect(version).toBe(pkg.version);
  });

  it('lists every command, and loads each one only to run it or show its usage', async () => {
    const io = capture();
    await main(['--help'], io);
    for (const entry of commands) {
      expect(io.stdout).toContain(`  ${entry.name}`);
      expect(io.stdout).toContain(entry.summary);
      const command = await entry.load();
      expect(command.usage).toContain(`barrier-lab ${entry.name}`);
      const help = capture();
      expect(await main(['help', entry.name], help)).toBe(0);
      expect(help.stdout).toBe(`${command.usage}\n`);
    }
  });

  it('prints a subcommand\'s own usage for `help COMMAND SUBCOMMAND`, as `COMMAND SUBCOMMAND --help` does', async () => {
    const help = capture();
    expect(await main(['help', 'grade', 'merge'], help)).toBe(0);
    expect(help.stdout).toContain('Usage: barrier-lab grade merge --out DIR [--format LIST] SHARD_DIR...');
    const direct = capture();
    expect(await main(['grade', 'merge', '--help'], direct)).toBe(0);
    expect(help.stdout).toBe(direct.stdout);
    const unknown = capture();
    expect(await main(['help', 'grade', 'frobnicate'], unknown)).toBe(2);
    expect(unknown.stderr).toContain("no subcommand 'frobnicate'");
  });

  it('says in every command\'s help what its exit status means', async () => {
    for (const entry of commands) expect((await entry.load()).usage, entry.name).toMatch(/\nExit status: 0\b/);
  });
});
