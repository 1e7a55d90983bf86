// `npm run bench` for the grader: `barrier-lab litmus --jobs 2` (the built
// binary, as a user runs it) over the whole golden corpus plus 5,000
// generated kernel-size tests. Reports the wall time, the verdict counts and
// each worker's peak memory and CPU time (as the worker pool measures them), and the
// CPU time of the whole command (bench/run-cli.ts); writes bench-results/litmus-corpus.{md,json}.
import { cpSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
// The engine bench's generator, so both benches run the same synthetic corpus.
import { syntheticTest } from '../../../packages/engine/bench/synthetic-corpus.ts';
import type { WorkerSummary } from '../src/commands/litmus-summary.ts';
import { runCli } from './run-cli.ts';

const here = dirname(fileURLToPath(import.meta.url));
const golden = join(here, '../../../packages/engine/corpus/lkmm');
const out = join(here, '../bench-results');
const syntheticCount = Number(process.env.BENCH_SYNTHETIC ?? 5000);
const jobs = 2;

const dir = mkdtempSync(join(tmpdir(), 'barrier-lab-bench-'));
try {
  cpSync(golden, join(dir, 'golden'), { recursive: true });
  mkdirSync(join(dir, 'synthetic'));
  for (let i = 0; i < syntheticCount; i++) writeFileSync(join(dir, 'synthetic', `synthetic-${String(i).padStart(5, '0')}.litmus`), syntheticTest(1, i));
  console.log(`litmus bench: the golden corpus and ${syntheticCount} generated tests, --jobs ${jobs}`);

  const result = await runCli(['litmus', '--jobs', String(jobs), '--json', '--witnesses', '0', join(dir, 'golden'), join(dir, 'synthetic')]);
  const lines = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
  const summary = lines.at(-1);
  if (summary?.type !== 'summary') throw new Error(`no summary (exit ${result.code}): ${result.stderr.slice(0, 2000)}`);
  const goldenResults = lines.filter((l) => l.type === 'result' && relative(dir, l.file).startsWith('golden'));
  const record = {
    date: new Date().toISOString(),
    node: process.version,
    jobs,
    tests: summary.tests,
    goldenTests: goldenResults.length,
    syntheticTests: syntheticCount,
    exitCode: result.code,
    wallMillis: Math.round(result.millis),
    userSeconds: result.userSeconds,
    systemSeconds: result.systemSeconds,
    runMillis: summary.millis,
    testMillis: summary.testMillis,
    counts: { never: summary.never, sometimes: summary.sometimes, always: summary.always, inconclusive: summary.inconclusive, errors: summary.errors },
    workers: summary.workers,
    slowest: summary.slowest,
  };
  const lines2 = [
    '# `barrier-lab litmus` on a corpus',
    '',
    `${record.date}, Node ${record.node}: the golden corpus (${record.goldenTests} tests) and ${syntheticCount} generated tests, \`--jobs ${jobs}\`, the built binary.`,
    '',
    '| tests | wall | CPU (user + system) | test time (sum) | Never | Sometimes | Always | inconclusive | errors |',
    '|---|---|---|---|---|---|---|---|---|',
    `| ${record.tests} | ${(record.wallMillis / 1000).toFixed(1)} s | ${(record.userSeconds + record.systemSeconds).toFixed(1)} s | ${(record.testMillis / 1000).toFixed(1)} s | ${record.counts.never} | ${record.counts.sometimes} | ${record.counts.always} | ${record.counts.inconclusive} | ${record.counts.errors} |`,
    '',
    '| worker | tests | peak RSS | peak V8 heap | CPU time |',
    '|---|---|---|---|---|',
    ...record.workers.map((w: WorkerSummary, i: number) => `| ${i + 1} | ${w.tests} | ${w.peakRssMb} MB | ${w.peakHeapMb} MB | ${w.cpuSeconds} s |`),
    '',
    'Slowest tests:',
    '',
    ...record.slowest.map((t: { file: string; millis: number }) => `- ${relative(dir, t.file)}: ${t.millis} ms`),
    '',
  ];
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'litmus-corpus.md'), lines2.join('\n'));
  writeFileSync(join(out, 'litmus-corpus.json'), `${JSON.stringify(record, null, 2)}\n`);
  console.log(lines2.join('\n'));
  if (record.counts.errors > 0 || record.exitCode !== 0) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
