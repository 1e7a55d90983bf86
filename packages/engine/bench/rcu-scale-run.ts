// One RCU chain in a process of its own (bench/rcu-scale.ts starts it), so
// its peak memory is its own: prints the verdict, the time and the peak RSS.
import { performance } from 'node:perf_hooks';
import { resourceUsage } from 'node:process';
import { runLitmus } from '../src/run/run-litmus.ts';
import { rcuChain, type ChainLink } from '../test-support/rcu-chains.ts';

const links = process.argv[2]!.split('+') as ChainLink[];
const source = rcuChain(links);
const started = performance.now();
// As the CLI runs a test for its text output: the default budget, no witnesses.
const result = runLitmus(source, { model: 'lkmm', clock: () => performance.now(), maxWitnesses: 0 });
const millis = performance.now() - started;
const v = result.verdict;
process.stdout.write(`${JSON.stringify({
  millis: Math.round(millis),
  peakRssMb: Math.round(resourceUsage().maxRSS / 1024),
  observation: v && !result.inconclusive ? `${v.observation} ${v.observed.positive} ${v.observed.negative}` : undefined,
  inconclusive: result.inconclusive ? `${result.inconclusive.budget} (${result.inconclusive.phase})` : undefined,
  candidates: v?.stats.candidates,
})}\n`);
