import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readZip, zipEntryModes } from '../grading/archive-zip.ts';
import { exerciseFile } from '../testing/class-fixture.ts';
import { cli } from '../testing/grade-cli.ts';

describe('barrier-lab gradescope-bundle', () => {
  it('writes a zip with setup.sh and run_autograder at its root that grades /autograder/submission into results.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'barrier-lab-gradescope-'));
    const zipPath = join(dir, 'autograder.zip');
    const made = await cli(['gradescope-bundle', '--exercise', 'capstone-patch', '--out', zipPath]);
    expect(made).toMatchObject({ code: 0, stderr: expect.stringContaining('for capstone-patch') });
    const bytes = new Uint8Array(readFileSync(zipPath));
    const contents = readZip(bytes);
    if (!contents.ok) throw new Error(contents.problem);
    const paths = contents.entries.map((e) => e.path);
    expect(paths.slice(0, 2)).toEqual(['setup.sh', 'run_autograder']);
    expect(paths).toContain('barrier-lab/node_modules/@barrier-lab/grader/bin/barrier-lab.mjs');
    expect(paths).toContain('barrier-lab/node_modules/@barrier-lab/grader/dist/grading/grade-worker.js');
    expect(paths).toContain('barrier-lab/node_modules/valibot/package.json');
    expect(paths.some((p) => p.includes('/src/'))).toBe(false);
    expect(zipEntryModes(bytes).get('run_autograder')).toBe(0o755);
    expect(zipEntryModes(bytes).get('setup.sh')).toBe(0o755);

    // Gradescope's layout: the zip in /autograder/source, the student's files in /autograder/submission.
    const root = join(dir, 'autograder');
    for (const entry of contents.entries) {
      const path = join(root, 'source', entry.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, entry.bytes!);
      if (zipEntryModes(bytes).get(entry.path) === 0o755) chmodSync(path, 0o755);
    }
    mkdirSync(join(root, 'submission'));
    writeFileSync(join(root, 'submission', 'answer.c'), exerciseFile('capstone-patch', 'starter.litmus'));
    // On a machine with Node >= 20.19, setup.sh installs nothing.
    expect(execFileSync('bash', [join(root, 'source', 'setup.sh')], { encoding: 'utf8' })).toMatch(/already installed/);
    execFileSync(join(root, 'source', 'run_autograder'), { env: { ...process.env, AUTOGRADER_ROOT: root }, encoding: 'utf8' });
    const results = JSON.parse(readFileSync(join(root, 'results', 'results.json'), 'utf8')) as { score: number; tests: { status: string; output: string }[] };
    expect(results.score).toBe(0);
    expect(results.tests).toHaveLength(1);
    expect(results.tests[0]).toMatchObject({ status: 'failed', output: expect.stringContaining('Counterexample under lkmm') });
  }, 120_000);

  it('refuses an unknown exercise', async () => {
    expect(await cli(['gradescope-bundle', '--exercise', 'nope'])).toMatchObject({ code: 2, stderr: expect.stringContaining("no exercise 'nope'") });
  });
});
