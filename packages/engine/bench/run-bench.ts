// `npm run bench` for the engine: the golden corpus test by test, and a
// 5,000-test synthetic corpus split over two processes (the machine's two
// cores). Writes bench-results/engine.md and engine.json.
import { readFileSync, readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import { resourceUsage, execPath, execArgv } from 'node:process';
import { measure, quantile, type TestMeasure } from './measure.ts';

const here = dirname(fileURLToPath(import.meta.url));
const corpusRoot = join(here, '../corpus/lkmm');
const out = join(here, '../bench-results');
const syntheticCount = Number(process.env.BENCH_SYNTHETIC ?? 5000);

function litmusFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? litmusFiles(join(dir, d.name)) : d.name.endsWith('.litmus') ? [join(dir, d.name)] : []))
    .sort();
}

function runShard(seed: number, count: number, shard: number, shards: number): Promise<{ tests: number; cpuMillis: number; times: number[]; candidates: number; consistent: number; inconclusive: number; maxRssKb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(execPath, [...execArgv, join(here, 'synthetic-shard.ts'), String(seed), String(count), String(shard), String(shards)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(text)) : reject(new Error(`shard ${shard} exited ${code}`))));
  });
}

const started = Date.now();
console.log(`engine bench: golden corpus (${corpusRoot})`);
const measures: TestMeasure[] = litmusFiles(corpusRoot).map((file) =>
  measure(relative(corpusRoot, file), readFileSync(file, 'utf8'), 'lkmm'),
);
const times = measures.map((m) => m.millis).sort((a, b) => a - b);
const small = measures.filter((m) => m.events <= 25 + 6).map((m) => m.millis).sort((a, b) => a - b);
const byFolder = new Map<string, TestMeasure[]>();
for (const m of measures) {
  const folder = m.name.split('/')[0]!;
  byFolder.set(folder, [...(byFolder.get(folder) ?? []), m]);
}

console.log(`engine bench: synthetic corpus of ${syntheticCount} tests on 2 processes`);
const wall0 = Date.now();
const shards = await Promise.all([runShard(1, syntheticCount, 0, 2), runShard(1, syntheticCount, 1, 2)]);
const syntheticWall = Date.now() - wall0;
const syntheticTimes = shards.flatMap((s) => s.times).sort((a, b) => a - b);

const summary = {
  date: new Date().toISOString(),
  node: process.version,
  corpus: {
    tests: measures.length,
    totalMillis: times.reduce((a, b) => a + b, 0),
    medianMillis: quantile(times, 0.5),
    p95Millis: quantile(times, 0.95),
    maxMillis: times[times.length - 1] ?? 0,
    kernelSizeTests: small.length,
    kernelSizeMedianMillis: quantile(small, 0.5),
    kernelSizeP95Millis: quantile(small, 0.95),
    candidates: measures.reduce((a, m) => a + m.candidates, 0),
    consistent: measures.reduce((a, m) => a + m.consistent, 0),
    inconclusive: measures.filter((m) => m.status !== 'complete').length,
  },
  synthetic: {
    tests: syntheticTimes.length,
    wallMillis: syntheticWall,
    cpuMillis: shards.reduce((a, s) => a + s.cpuMillis, 0),
    medianMillis: quantile(syntheticTimes, 0.5),
    p95Millis: quantile(syntheticTimes, 0.95),
    maxMillis: syntheticTimes[syntheticTimes.length - 1] ?? 0,
    candidates: shards.reduce((a, s) => a + s.candidates, 0),
    consistent: shards.reduce((a, s) => a + s.consistent, 0),
    inconclusive: shards.reduce((a, s) => a + s.inconclusive, 0),
    peakRssMb: Math.max(...shards.map((s) => s.maxRssKb)) / 1024,
  },
  peakRssMb: resourceUsage().maxRSS / 1024,
  tests: measures,
};

const f = (ms: number) => ms.toFixed(ms < 10 ? 2 : 0);
const lines = [
  '# Engine benchmark',
  '',
  `${summary.date}, Node ${summary.node}. Times are CPU milliseconds (median of at least 3 runs per test).`,
  '',
  '## Golden corpus (lkmm)',
  '',
  '| tests | total | median | p95 | max | kernel-size median (≤ 25 thread events) | candidates | consistent | inconclusive | peak RSS |',
  '|---|---|---|---|---|---|---|---|---|---|',
  `| ${summary.corpus.tests} | ${f(summary.corpus.totalMillis)} ms | ${f(summary.corpus.medianMillis)} ms | ${f(summary.corpus.p95Millis)} ms | ${f(summary.corpus.maxMillis)} ms | ${f(summary.corpus.kernelSizeMedianMillis)} ms (p95 ${f(summary.corpus.kernelSizeP95Millis)} ms, ${summary.corpus.kernelSizeTests} tests) | ${summary.corpus.candidates} | ${summary.corpus.consistent} | ${summary.corpus.inconclusive} | ${summary.peakRssMb.toFixed(0)} MB |`,
  '',
  '| folder | tests | total | median | max | candidates | consistent |',
  '|---|---|---|---|---|---|---|',
  ...[...byFolder].map(([folder, ms]) => {
    const t = ms.map((m) => m.millis).sort((a, b) => a - b);
    return `| ${folder} | ${ms.length} | ${f(t.reduce((a, b) => a + b, 0))} ms | ${f(quantile(t, 0.5))} ms | ${f(t[t.length - 1] ?? 0)} ms | ${ms.reduce((a, m) => a + m.candidates, 0)} | ${ms.reduce((a, m) => a + m.consistent, 0)} |`;
  }),
  '',
  'Slowest tests:',
  '',
  '| test | time | events | trace combinations | candidates | consistent |',
  '|---|---|---|---|---|---|',
  ...[...measures].sort((a, b) => b.millis - a.millis).slice(0, 10)
    .map((m) => `| ${m.name} | ${f(m.millis)} ms | ${m.events} | ${m.traceCombinations} | ${m.candidates} | ${m.consistent} |`),
  '',
  `## Synthetic corpus (${summary.synthetic.tests} tests, 2 processes)`,
  '',
  '| wall | CPU | median | p95 | max | candidates | consistent | inconclusive | peak RSS per process |',
  '|---|---|---|---|---|---|---|---|---|',
  `| ${(summary.synthetic.wallMillis / 1000).toFixed(1)} s | ${(summary.synthetic.cpuMillis / 1000).toFixed(1)} s | ${f(summary.synthetic.medianMillis)} ms | ${f(summary.synthetic.p95Millis)} ms | ${f(summary.synthetic.maxMillis)} ms | ${summary.synthetic.candidates} | ${summary.synthetic.consistent} | ${summary.synthetic.inconclusive} | ${summary.synthetic.peakRssMb.toFixed(0)} MB |`,
  '',
];
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'engine.md'), lines.join('\n'));
writeFileSync(join(out, 'engine.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(lines.slice(0, 10).join('\n'));
console.log(`\nwritten to ${relative(process.cwd(), out)}/engine.{md,json} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
