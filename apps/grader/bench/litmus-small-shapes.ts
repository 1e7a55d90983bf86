// `npm run bench` for the grader, part 2: many small tests in one run, where
// per-test overheads (start-up, handing tests to workers, output) weigh most.
// The batch: the golden corpus's classic LKMM shapes (MP, SB, LB, WRC, ISA2,
// R, S, 2+2W, Z6, coherence, atomics, dependencies, plain accesses, misc) of
// at most three threads, each test ten times under a new name (`C NAME-r03`,
// so every copy is a test of its own, as it would be for herd7). The built
// `barrier-lab litmus` runs the whole batch as one command, with one worker
// and with two; the best of a few runs is kept (the machine is shared).
// Writes bench-results/litmus-small-shapes.{md,json}. herd7's time on the same
// batch is in docs/engine.md (herd7 is not needed here).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';

const here = dirname(fileURLToPath(import.meta.url));
const golden = join(here, '../../../packages/engine/corpus/lkmm');
const binary = join(here, '../bin/barrier-lab.mjs');
const out = join(here, '../bench-results');
const copies = 10;
const runs = Number(process.env.BENCH_RUNS ?? 3);
/** The golden corpus's folders of classic shapes (not the kernel-C, dialect or regression folders). */
const shapeFolders = ['2+2w', 'atomics', 'coherence', 'deps', 'isa2', 'lb', 'misc', 'mp', 'plain-races', 'r', 's', 'sb', 'wrc', 'z6'];
const maxThreads = 3;

/** Runs the CLI; resolves with its stdout, stderr, exit code, wall time and CPU time (user + system, children included). */
function run(args: readonly string[]): Promise<{ stdout: string; stderr: string; code: number | null; millis: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binary, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ stdout, stderr, code, millis: performance.now() - started }));
  });
}

/** The batch's tests: `[name, text]` for each small shape. */
function smallShapes(): [string, string][] {
  const tests: [string, string][] = [];
  for (const folder of shapeFolders) {
    for (const name of readdirSync(join(golden, folder)).filter((f) => f.endsWith('.litmus')).sort()) {
      const text = readFileSync(join(golden, folder, name), 'utf8');
      const threads = text.match(/^\s*P\d+\s*\(/gm)?.length ?? 0;
      if (threads <= maxThreads) tests.push([name, text]);
    }
  }
  return tests;
}

const dir = mkdtempSync(join(tmpdir(), 'barrier-lab-small-'));
try {
  const tests = smallShapes();
  const files: string[] = [];
  for (let copy = 1; copy <= copies; copy++) {
    const suffix = `r${String(copy).padStart(2, '0')}`;
    mkdirSync(join(dir, suffix));
    for (const [name, text] of tests) {
      const file = join(dir, suffix, name);
      writeFileSync(file, text.replace(/^(\s*C\s+)(\S+)/, `$1$2-${suffix}`));
      files.push(file);
    }
  }
  console.log(`small-shapes bench: ${tests.length} tests x ${copies} = ${files.length}, best of ${runs} runs`);

  const measure = async (jobs: number) => {
    let best: { millis: number; stdout: string } | undefined;
    for (let i = 0; i < runs; i++) {
      const result = await run(['litmus', '--jobs', String(jobs), '--no-time', dir]);
      if (result.code !== 0) throw new Error(`barrier-lab litmus --jobs ${jobs} exited ${result.code}: ${result.stderr.slice(-2000)}`);
      if (!best || result.millis < best.millis) best = { millis: result.millis, stdout: result.stdout };
    }
    const answered = best!.stdout.match(/^Observation /gm)?.length ?? 0;
    if (answered !== files.length) throw new Error(`--jobs ${jobs}: ${answered} of ${files.length} tests answered`);
    return best!;
  };
  const one = await measure(1);
  const two = await measure(2);
  if (one.stdout !== two.stdout) throw new Error('the output differs between --jobs 1 and --jobs 2');
  // Every copy of a test must get the same verdict as the first.
  const verdicts = new Map<string, string>();
  for (const line of one.stdout.split('\n').filter((l) => l.startsWith('Observation '))) {
    const [, name, ...rest] = line.split(' ');
    const base = name!.replace(/-r\d\d$/, '');
    const known = verdicts.get(base);
    if (known !== undefined && known !== rest.join(' ')) throw new Error(`${name}: ${rest.join(' ')}, another copy: ${known}`);
    verdicts.set(base, rest.join(' '));
  }

  const record = {
    date: new Date().toISOString(),
    node: process.version,
    tests: files.length,
    shapes: tests.length,
    copies,
    runs,
    jobs1Millis: Math.round(one.millis),
    jobs2Millis: Math.round(two.millis),
    microsPerTestJobs1: Math.round((one.millis * 1000) / files.length),
  };
  const lines = [
    '# `barrier-lab litmus` on many small tests',
    '',
    `${record.date}, Node ${record.node}: ${record.shapes} small LKMM shapes of the golden corpus (at most ${maxThreads} threads), each ${copies} times under a new name: ${record.tests} tests, one command, the built binary, best of ${runs} runs.`,
    '',
    '| jobs | wall | per test |',
    '|---|---|---|',
    `| 1 | ${(record.jobs1Millis / 1000).toFixed(2)} s | ${(one.millis / files.length).toFixed(2)} ms |`,
    `| 2 | ${(record.jobs2Millis / 1000).toFixed(2)} s | ${(two.millis / files.length).toFixed(2)} ms |`,
    '',
    'herd7 on the same batch: see docs/engine.md ("Speed").',
    '',
  ];
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'litmus-small-shapes.md'), lines.join('\n'));
  writeFileSync(join(out, 'litmus-small-shapes.json'), `${JSON.stringify(record, null, 2)}\n`);
  console.log(lines.join('\n'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
