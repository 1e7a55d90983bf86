import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { recordsFileName } from '../grading/grade-book.ts';
import { exerciseFile } from '../testing/class-fixture.ts';
import { cli, gradesSchemaErrors, parseJunit, readTree } from '../testing/grade-cli.ts';

const main = new URL('../cli/main.ts', import.meta.url).href;

/** Runs the CLI from source in a child process, as a user's shell does. */
function spawnCli(args: readonly string[]) {
  const script = `import(${JSON.stringify(main)}).then(async (m) => { process.exitCode = await m.main(JSON.parse(process.env.BARRIER_LAB_ARGS)); })`;
  return spawn(process.execPath, ['--conditions=barrier-lab-source', '--import', 'tsx', '-e', script], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: { ...process.env, BARRIER_LAB_ARGS: JSON.stringify(args) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function gradedLines(out: string): number {
  const path = join(out, recordsFileName);
  if (!existsSync(path)) return 0;
  return readFileSync(path, 'utf8').split('\n').slice(1).filter((l) => l.includes('"status"') && !l.includes('"pending"')).length;
}

describe('Ctrl-C in the middle of a batch', () => {
  it('writes valid partial reports marked incomplete, exits 130, and --resume finishes to the same reports as one run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'barrier-lab-sigint-'));
    const classDir = join(dir, 'class');
    const kinds = ['solution.litmus', 'starter.litmus', 'over-fenced.litmus', 'wrong-no-rmb.litmus'];
    for (let i = 0; i < 24; i++) {
      mkdirSync(join(classDir, `s${String(i).padStart(2, '0')}`), { recursive: true });
      writeFileSync(join(classDir, `s${String(i).padStart(2, '0')}`, 'capstone-patch.c'), exerciseFile('capstone-patch', kinds[i % kinds.length]!));
    }
    const out = join(dir, 'out');
    const args = ['grade', '--exercise', 'capstone-patch', '--jobs', '1', '--out', out, classDir];
    const child = spawnCli(args);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Interrupt once a few records are in the journal, long before the 24th.
    for (let waited = 0; gradedLines(out) < 3; waited += 50) {
      if (waited > 90_000) throw new Error(`nothing graded in time: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toMatch(/interrupted; writing what is graded so far/);

    const partial = readTree(out);
    expect(partial.get('report.txt')).toMatch(/INCOMPLETE: the run was interrupted; \d+ of 24 submissions are graded/);
    const grades = JSON.parse(partial.get('grades.json')!) as { complete: boolean; grades: { status: string }[] };
    expect(gradesSchemaErrors(partial.get('grades.json')!)).toEqual([]);
    expect(grades.complete).toBe(false);
    const pending = grades.grades.filter((g) => g.status === 'pending').length;
    expect(pending).toBeGreaterThan(0);
    expect(pending).toBeLessThan(24);
    const junit = parseJunit(partial.get('junit.xml')!);
    expect(Number(junit.testsuites.skipped)).toBe(pending);

    const resumed = await cli([...args, '--quiet', '--resume']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`grade: ${pending} submissions to grade`));
    const whole = await cli(['grade', '--exercise', 'capstone-patch', '--quiet', '--out', join(dir, 'whole'), classDir]);
    expect(whole.code).toBe(0);
    expect(readTree(out)).toEqual(readTree(join(dir, 'whole')));
  }, 240_000);
});
