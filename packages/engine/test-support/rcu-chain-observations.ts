// What herd7 answered for RCU chains (rcu-chains.ts), recorded in
// corpus/rcu-chains/observations.expected: one `Observation NAME ...` line per
// chain, the name giving the chain's links. Chains too long for herd7 (it gives
// up on most of them beyond 12 threads) have no line.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseGolden } from './golden-corpus.ts';
import type { ChainLink } from './rcu-chains.ts';

const file = fileURLToPath(new URL('../corpus/rcu-chains/observations.expected', import.meta.url));

/** herd7's observation (`Never 0 255`) for each chain it answered, by test name. */
export function herd7ChainObservations(): Map<string, string> {
  const golden = parseGolden(readFileSync(file, 'utf8'), file);
  if (golden.source !== 'herd7') throw new Error(`${file}: expected herd7's output`);
  const observations = new Map<string, string>();
  for (const line of golden.output.split('\n')) {
    const match = /^Observation (\S+) (.+)$/.exec(line);
    if (match) observations.set(match[1]!, match[2]!);
  }
  return observations;
}

/** The links of a chain, from its name (`RCU-LB4+rl+sync+rl+sync`). */
export function chainLinks(name: string): ChainLink[] {
  return name.split('+').slice(1) as ChainLink[];
}
