// `npm run bench` for the grader, part 2: many small tests in one run, where
// per-test overheads (start-up, warm-up, handing tests to workers, output)
// weigh most. The batch: the golden corpus's classic LKMM shapes (MP, SB, LB,
// WRC, ISA2, R, S, 2+2W, Z6, coherence, atomics, dependencies, plain
// accesses, misc) of at most three threads, each test ten times under a new
// name (`C NAME-r03`, so every copy is a test of its own, as it would be for
// herd7). The built `barrier-lab litmus` runs the whole batch as one command
// with `--jobs 1`, `--jobs 2` and no --jobs (the default: one worker, more
// while they pay), the three taking turns, each BENCH_RUNS times (default 5);
// the medians of wall time and CPU time (the command and its workers) are
// kept, as the machine is shared. Writes bench-results/litmus-small-shapes.{md,json}.
// herd7's time on the same batch is in docs/engine.md (herd7 is not needed here).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, runCli, type CliRun } from './run-cli.ts';

const here = dirname(fileURLToPath(import.meta.url));
const golden = join(here, '../../../packages/engine/corpus/lkmm');
const out = join(here, '../bench-results');
const copies = 10;
const runs = Number(process.env.BENCH_RUNS ?? 5);
/** The golden corpus's folders of classic shapes (not the kernel-C, dialect or regression folders). */
const shapeFolders = ['2+2w', 'atomics', 'coherence', 'deps', 'isa2', 'lb', 'misc', 'mp', 'plain-races', 'r', 's', 'sb', 'wrc', 'z6'];
const maxThreads = 3;
/** The ways of running the batch, by their --jobs (none: the default). */
const configurations: readonly { readonly name: string; readonly args: readonly string[] }[] = [
  { name: '1', args: ['--jobs', '1'] },
  { name: '2', args: ['--jobs', '2'] },
  { name: 'default', args: [] },
];

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
  console.log(`small-shapes bench: ${tests.length} tests x ${copies} = ${files.length}, ${runs} runs of each of --jobs 1, --jobs 2 and the default, in turn`);

  const seen = new Map<string, CliRun[]>(configurations.map((c) => [c.name, []]));
  for (let round = 0; round < runs; round++) {
    // Alternate the order, so that no configuration always runs right after another.
    const order = round % 2 === 0 ? configurations : [...configurations].reverse();
    for (const { name, args } of order) {
      const result = await runCli(['litmus', ...args, '--no-time', dir]);
      if (result.code !== 0) throw new Error(`barrier-lab litmus (jobs ${name}) exited ${result.code}: ${result.stderr.slice(-2000)}`);
      seen.get(name)!.push(result);
    }
  }
  const stdout = seen.get('1')![0]!.stdout;
  const answered = stdout.match(/^Observation /gm)?.length ?? 0;
  if (answered !== files.length) throw new Error(`${answered} of ${files.length} tests answered`);
  for (const [name, results] of seen) {
    if (results.some((r) => r.stdout !== stdout)) throw new Error(`the output with jobs ${name} differs from --jobs 1's`);
  }
  // Every copy of a test must get the same verdict as the first.
  const verdicts = new Map<string, string>();
  for (const line of stdout.split('\n').filter((l) => l.startsWith('Observation '))) {
    const [, name, ...rest] = line.split(' ');
    const base = name!.replace(/-r\d\d$/, '');
    const known = verdicts.get(base);
    if (known !== undefined && known !== rest.join(' ')) throw new Error(`${name}: ${rest.join(' ')}, another copy: ${known}`);
    verdicts.set(base, rest.join(' '));
  }

  const figures = configurations.map(({ name }) => {
    const results = seen.get(name)!;
    // The summary on stderr says how many workers ran at once: the default chooses.
    const workers = [...new Set(results.map((r) => Number(/ with (\d+) jobs? /.exec(r.stderr)?.[1] ?? NaN)))].sort((a, b) => a - b);
    const millis = median(results.map((r) => r.millis));
    return {
      jobs: name,
      workers,
      wallMillis: Math.round(millis),
      microsPerTest: Math.round((millis * 1000) / files.length),
      userSeconds: Math.round(median(results.map((r) => r.userSeconds)) * 100) / 100,
      systemSeconds: Math.round(median(results.map((r) => r.systemSeconds)) * 100) / 100,
      wallMillisEach: results.map((r) => Math.round(r.millis)),
    };
  });
  const record = {
    date: new Date().toISOString(),
    node: process.version,
    cores: availableParallelism(),
    loadAverageAfter: Math.round(loadavg()[0]! * 100) / 100,
    tests: files.length,
    shapes: tests.length,
    copies,
    runs,
    figures,
  };
  const lines = [
    '# `barrier-lab litmus` on many small tests',
    '',
    `${record.date}, Node ${record.node}, ${record.cores} cores (load average ${record.loadAverageAfter} at the end): ${record.shapes} small LKMM shapes of the golden corpus (at most ${maxThreads} threads), each ${copies} times under a new name: ${record.tests} tests, one command, the built binary, medians of ${runs} runs taking turns. CPU time: the command and its workers, V8's threads included.`,
    '',
    '| --jobs | workers | wall | per test | user CPU | system CPU |',
    '|---|---|---|---|---|---|',
    ...figures.map((f) => `| ${f.jobs} | ${f.workers.join(', ')} | ${(f.wallMillis / 1000).toFixed(2)} s | ${(f.microsPerTest / 1000).toFixed(2)} ms | ${f.userSeconds.toFixed(2)} s | ${f.systemSeconds.toFixed(2)} s |`),
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
