// RCU chains (test-support/rcu-chains.ts) of 2 to 10 threads, against what
// herd7 7.58 answered for each (corpus/rcu-chains/observations.expected): the
// same observation, counts included. The longer chains are in the bench
// (bench/rcu-scale.ts), where time and memory are measured.
import { describe, expect, it } from 'vitest';
import { runLitmus } from '../run/run-litmus.ts';
import { chainForbidden, rcuChain } from '../../test-support/rcu-chains.ts';
import { chainLinks, herd7ChainObservations } from '../../test-support/rcu-chain-observations.ts';

const observations = [...herd7ChainObservations()];

describe('RCU chains, against herd7', () => {
  it('has herd7\'s answers for chains of 2 to 12 threads, forbidden and allowed', () => {
    const sizes = new Set(observations.map(([name]) => chainLinks(name).length));
    for (let n = 2; n <= 12; n++) expect(sizes.has(n), `${n} threads`).toBe(true);
    expect(observations.filter(([, o]) => o.startsWith('Never')).length).toBeGreaterThan(10);
    expect(observations.filter(([, o]) => o.startsWith('Sometimes')).length).toBeGreaterThan(10);
  });

  it.each(observations.filter(([name]) => chainLinks(name).length <= 10))('%s: %s', (name, observation) => {
    const result = runLitmus(rcuChain(chainLinks(name)), { model: 'lkmm', maxWitnesses: 0 });
    const v = result.verdict!;
    expect(result.inconclusive).toBeUndefined();
    expect(`${v.test} ${v.observation} ${v.observed.positive} ${v.observed.negative}`).toBe(`${name} ${observation}`);
  }, 60_000);

  it('the rule the generator states (grace periods at least as many as critical sections, no po link) is herd7\'s on every recorded chain', () => {
    for (const [name, observation] of observations) expect(chainForbidden(chainLinks(name)) ? 'Never' : 'Sometimes', name).toBe(observation.split(' ')[0]);
  });
});
