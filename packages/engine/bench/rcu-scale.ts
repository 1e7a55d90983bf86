// `npm run bench` for the engine, part 3: RCU chains of 8 to 18 threads
// (test-support/rcu-chains.ts), each in a process of its own under the
// default budget (time and memory), as `barrier-lab litmus` runs them. For
// each size: the alternating chain (forbidden) and one with a critical
// section more (allowed). Reports time and peak memory against the number of
// threads, and checks each verdict against herd7's where herd7 answered
// (corpus/rcu-chains/observations.expected) and against the RCU rule.
// Writes bench-results/rcu-scale.{md,json}.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { execArgv, execPath } from 'node:process';
import { alternatingChain, chainForbidden, chainName, type ChainLink } from '../test-support/rcu-chains.ts';
import { herd7ChainObservations } from '../test-support/rcu-chain-observations.ts';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '../bench-results');
const sizes = (process.env.BENCH_RCU_THREADS ?? '8,10,12,14,16,18').split(',').map(Number);
const herd7 = herd7ChainObservations();

interface Row {
  readonly test: string;
  readonly threads: number;
  readonly millis: number;
  readonly peakRssMb: number;
  readonly observation?: string;
  readonly inconclusive?: string;
  readonly herd7?: string;
  readonly agrees: boolean;
}

const rows: Row[] = [];
for (const threads of sizes) {
  const variants: ChainLink[][] = [alternatingChain(threads), ['rl', ...alternatingChain(threads - 1)]];
  for (const links of variants) {
    const text = execFileSync(execPath, [...execArgv, join(here, 'rcu-scale-run.ts'), links.join('+')], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const r = JSON.parse(text) as Omit<Row, 'test' | 'threads' | 'herd7' | 'agrees'>;
    const test = chainName(links);
    const expected = herd7.get(test);
    const verdict = r.observation?.split(' ')[0];
    const agrees = r.observation !== undefined && (expected ? expected === r.observation : verdict === (chainForbidden(links) ? 'Never' : 'Sometimes'));
    rows.push({ test, threads, ...r, ...(expected ? { herd7: expected } : {}), agrees });
    console.log(`${test}: ${r.observation ?? `inconclusive: ${r.inconclusive}`} in ${(r.millis / 1000).toFixed(2)} s, peak ${r.peakRssMb} MB${expected ? ` (herd7: ${expected})` : ''}`);
  }
}

const lines = [
  '# RCU chains: threads against time and memory',
  '',
  `${new Date().toISOString()}, Node ${process.version}: each test in a process of its own, the default budget, no witnesses (as \`barrier-lab litmus\` prints text). Peak memory is the process's peak RSS.`,
  '',
  '| test | threads | verdict | time | peak memory | herd7 |',
  '|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.test.replace(/\+/g, ' ')} | ${r.threads} | ${r.observation ?? `inconclusive (${r.inconclusive})`} | ${(r.millis / 1000).toFixed(2)} s | ${r.peakRssMb} MB | ${r.herd7 ?? '—'} |`),
  '',
];
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'rcu-scale.md'), lines.join('\n'));
writeFileSync(join(out, 'rcu-scale.json'), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`);
console.log(lines.join('\n'));
if (rows.some((r) => !r.agrees && r.observation !== undefined)) {
  console.error('rcu-scale: a verdict disagrees with herd7 or with the RCU rule');
  process.exitCode = 1;
}
