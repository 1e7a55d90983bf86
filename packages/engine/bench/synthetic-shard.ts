// One shard of the synthetic corpus, run in its own process: prints a JSON
// summary (CPU time, counts, peak memory) on stdout.
import { cpuUsage, resourceUsage, argv, stdout } from 'node:process';
import { runLitmus } from '../src/run/run-litmus.ts';
import { syntheticTest } from './synthetic-corpus.ts';

const [seed, count, shard, shards] = argv.slice(2).map(Number) as [number, number, number, number];
const started = cpuUsage();
const times: number[] = [];
let candidates = 0;
let consistent = 0;
let inconclusive = 0;
for (let i = shard; i < count; i += shards) {
  const t0 = cpuUsage();
  const { verdict } = runLitmus(syntheticTest(seed, i), { model: 'lkmm' });
  const t = cpuUsage(t0);
  times.push((t.user + t.system) / 1000);
  candidates += verdict?.stats.candidates ?? 0;
  consistent += verdict?.stats.consistent ?? 0;
  if (verdict?.status !== 'complete') inconclusive++;
}
const total = cpuUsage(started);
stdout.write(JSON.stringify({
  tests: times.length,
  cpuMillis: (total.user + total.system) / 1000,
  times,
  candidates,
  consistent,
  inconclusive,
  maxRssKb: resourceUsage().maxRSS,
}));
