// The budgets hold in every phase: a run out of time, memory or permission
// (cancelled) stops in the phase it is in, says which and what it reached, and
// never throws or gives a verdict that looks complete. Clocks here are fake,
// so every case is deterministic.
import { describe, expect, it } from 'vitest';
import { runLitmus } from '../run/run-litmus.ts';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { lower } from '../program/lower.ts';
import { computeTraces } from '../program/value-domain.ts';
import { explore } from '../explore/explore.ts';
import { modelFor } from '../models/catalog.ts';
import { sourceSlicer } from '../syntax/source-slicer.ts';
import { BudgetExceeded, Meter, memoryCost } from './meter.ts';
import { describeBudgetReport, type Phase } from './budget.ts';
import { MAX_TREE_DEPTH } from '../syntax/diagnostic-sink.ts';

const MB = 1024 * 1024;

/** Many statements, one event each: every phase up to the traces does real work. */
const writes = (n: number) => `C many-writes\n{}\nP0(int *x) {\n${'\tWRITE_ONCE(*x, 1);\n'.repeat(n)}}\nexists (x=1)\n`;

/** Four threads racing on one location: few events, hundreds of candidates. */
const racing = `C racing\n{}\n${[0, 1, 2, 3].map((i) => `P${i}(int *x) { int r0; WRITE_ONCE(*x, ${i + 1}); r0 = READ_ONCE(*x); }`).join('\n')}\nexists (0:r0=2)\n`;

/**
 * A clock at 0 until the run has entered `phase` and read the clock `after`
 * more times there, then a billion milliseconds later.
 */
function clockJumpingAt(phase: Phase, after = 0) {
  let armed = false;
  let reads = 0;
  return {
    clock: () => (armed && reads++ >= after ? 1e9 : 0),
    onPhase: (p: Phase) => { if (p === phase) armed = true; },
  };
}

/** A meter whose time is already up at its first check. */
const expiredMeter = (): Meter => {
  let reads = 0;
  return new Meter({ maxMillis: 1000, clock: () => (reads++ === 0 ? 0 : 1e9) });
};

/** Runs a stage and returns the BudgetExceeded it throws. */
function exceeded(stage: () => unknown): BudgetExceeded {
  try {
    stage();
  } catch (error) {
    if (error instanceof BudgetExceeded) return error;
    throw error;
  }
  throw new Error('the stage finished within its budget');
}

function lowered(text: string) {
  const { ast } = parseLitmus(text);
  const { program } = lower(ast!, text);
  return program!;
}

describe('the time budget, in every phase of runLitmus', () => {
  const budget = { maxEvents: 2000, maxCandidates: 5_000_000, maxMillis: 60_000 };

  it('stops while parsing, with no verdict and the phase named', () => {
    let reads = 0;
    const result = runLitmus(writes(400), { budget, clock: () => (reads++ === 0 ? 0 : 1e9) });
    expect(result.verdict).toBeUndefined();
    expect(result.inconclusive).toMatchObject({ budget: 'time', phase: 'parse', limit: 60_000 });
    expect(result.diagnostics).toEqual([]);
  });

  for (const phase of ['lower', 'values', 'traces'] as const) {
    it(`stops in ${phase}`, () => {
      const result = runLitmus(writes(400), { budget, ...clockJumpingAt(phase) });
      expect(result.inconclusive).toMatchObject({ budget: 'time', phase });
      if (phase === 'lower') expect(result.verdict).toBeUndefined();
      else expect(result.verdict).toMatchObject({ status: 'inconclusive', cutoff: 'time', states: [] });
    });
  }

  it('stops in exploration with what it found so far, as a lower bound', () => {
    // The meter reads the clock every 64 ticks (about 230 times in this
    // exploration): let the explorer run most of the way first.
    const result = runLitmus(racing, { budget, ...clockJumpingAt('explore', 160) });
    expect(result.inconclusive).toMatchObject({ budget: 'time', phase: 'explore' });
    expect(result.verdict?.status).toBe('inconclusive');
    const reached = result.verdict!.budget!.reached;
    expect(reached.candidates).toBeGreaterThan(0);
    expect(reached.candidates).toBeLessThan(576); // the complete run's count
    expect(result.verdict!.states.reduce((sum, s) => sum + s.executions, 0)).toBe(reached.executions);
  });

  it('gives the same test a complete verdict when time is plenty', () => {
    const result = runLitmus(racing, { budget });
    expect(result.inconclusive).toBeUndefined();
    expect(result.verdict?.status).toBe('complete');
    expect(result.verdict?.stats.candidates).toBe(576);
  });
});

describe('the time budget, stage by stage', () => {
  it('is checked by the parser, the checks, the value domain, the traces and the explorer', () => {
    const text = writes(400);
    expect(exceeded(() => parseLitmus(text, { meter: expiredMeter() }))).toMatchObject({ budget: 'time', phase: 'parse' });
    const { ast } = parseLitmus(text);
    const lowerMeter = expiredMeter();
    lowerMeter.phase = 'lower';
    expect(exceeded(() => lower(ast!, text, { meter: lowerMeter }))).toMatchObject({ budget: 'time', phase: 'lower' });
    const program = lowered(text);
    expect(exceeded(() => computeTraces(program, sourceSlicer(text), undefined, expiredMeter()))).toMatchObject({ budget: 'time', phase: 'values' });
    const race = lowered(racing);
    const traces = computeTraces(race, sourceSlicer(racing));
    const meter = expiredMeter();
    meter.phase = 'explore';
    const result = explore(race, traces, { model: modelFor('lkmm'), meter, visit: () => {} });
    expect(result.cutoff).toBe('time');
  });
});

describe('the memory budget, in every phase', () => {
  it('stops the parser once its tokens pass the budget', () => {
    const text = writes(400);
    const probe = new Meter();
    parseLitmus(text, { meter: probe });
    const bytes = probe.bytesHeld;
    expect(bytes).toBeGreaterThan(400 * 7 * memoryCost.token); // seven tokens a statement
    const meter = new Meter({ maxMemoryMb: (bytes - 1) / MB });
    expect(exceeded(() => parseLitmus(text, { meter }))).toMatchObject({ budget: 'memory', phase: 'parse' });
    // A byte more of room and it parses.
    expect(parseLitmus(text, { meter: new Meter({ maxMemoryMb: bytes / MB }) }).diagnostics).toEqual([]);
  });

  it('stops the checks once the checked program passes the budget', () => {
    const text = writes(2000);
    const { ast } = parseLitmus(text);
    const meter = new Meter({ maxMemoryMb: (1000 * memoryCost.astNode) / MB });
    meter.phase = 'lower';
    expect(exceeded(() => lower(ast!, text, { meter }))).toMatchObject({ budget: 'memory', phase: 'lower' });
  });

  it('stops the value domain, then the final traces, as their paths fill the budget', () => {
    // Eight reads of a location holding 0 or 1: 256 paths.
    const text = `C paths\n{}\nP0(int *x) { int r0; ${'r0 = READ_ONCE(*x); '.repeat(8)} }\nP1(int *x) { WRITE_ONCE(*x, 1); }\nexists (0:r0=1)\n`;
    const program = lowered(text);
    const probe = new Meter();
    const traces = computeTraces(program, sourceSlicer(text), undefined, probe);
    const bytes = traces.bytes!;
    expect(bytes).toBeGreaterThan(256 * memoryCost.traceEvent);
    expect(probe.bytesHeld).toBe(bytes);
    // Half the traces' size: the first round does not fit.
    expect(exceeded(() => computeTraces(program, sourceSlicer(text), undefined, new Meter({ maxMemoryMb: bytes / 2 / MB }))))
      .toMatchObject({ budget: 'memory', phase: 'values' });
    // One and a half times: the rounds fit, the final traces (made while the last round's are held) do not.
    expect(exceeded(() => computeTraces(program, sourceSlicer(text), undefined, new Meter({ maxMemoryMb: (bytes * 1.5) / MB }))))
      .toMatchObject({ budget: 'memory', phase: 'traces' });
  });

  it('stops the explorer when a candidate no longer fits', () => {
    const program = lowered(racing);
    const traces = computeTraces(program, sourceSlicer(racing));
    const meter = new Meter({ maxMemoryMb: 1000 / MB });
    meter.phase = 'explore';
    const result = explore(program, traces, { model: modelFor('lkmm'), meter, visit: () => {} });
    expect(result).toMatchObject({ cutoff: 'memory' });
  });

  it('reports the budget and the figures reached through runLitmus', () => {
    const result = runLitmus(racing, { budget: { maxEvents: 200, maxCandidates: 5_000_000, maxMillis: 60_000, maxMemoryMb: 0.02 } });
    expect(result.inconclusive).toMatchObject({ budget: 'memory', limit: 0.02 });
    expect(result.inconclusive?.reached.memoryMb).toBeGreaterThan(0);
    expect(describeBudgetReport(result.inconclusive!)).toMatch(/^hit the memory budget \(0\.02 MB\) during /);
  });
});

describe('cancellation', () => {
  it('stops a run whose signal is raised, in the phase it is in', () => {
    let checks = 0;
    const signal = { get aborted() { return ++checks > 3; } };
    const result = runLitmus(racing, { signal });
    expect(result.inconclusive?.budget).toBe('cancelled');
    expect(describeBudgetReport(result.inconclusive!)).toMatch(/^stopped by a cancellation during /);
  });
});

describe('tests too large to explore are turned down at once', () => {
  const threads = (n: number, body: (i: number) => string) =>
    `C threads\n{ x=0; }\n${Array.from({ length: n }, (_, i) => `P${i}(int *x) { ${body(i)} }`).join('\n')}\nexists (x=0)\n`;

  it.each([
    ['a thread of 45,000 stores', `C stores\n{}\nP0(int *x) { ${'WRITE_ONCE(*x, 1); '.repeat(45_000)}}\nexists (x=0)\n`],
    ['1,000 threads', threads(1000, (i) => `WRITE_ONCE(*x, ${i % 3});`)],
    ['10,000 threads', threads(10_000, () => 'WRITE_ONCE(*x, 1);')],
  ])('%s: inconclusive on the events budget, with the count reached', (_, text) => {
    const result = runLitmus(text);
    expect(result.inconclusive).toMatchObject({ budget: 'events', phase: 'explore', limit: 200 });
    expect(result.inconclusive?.reached.events).toBeGreaterThan(200);
    expect(result.verdict?.states).toEqual([]);
  }, 60_000);

  it('a 20,000-term sum in one statement is refused with a diagnostic; one just under the depth limit goes through every pass', () => {
    const sum = (terms: number) => `C sum\n{}\nP0(int *x) { int r0 = READ_ONCE(*x); int r1 = ${'r0 + '.repeat(terms)}1; WRITE_ONCE(*x, r1); }\nP1(int *x) { WRITE_ONCE(*x, 1); }\nexists (x=1)\n`;
    const refused = runLitmus(sum(20_000));
    expect(refused.diagnostics.map((d) => d.code)).toEqual(['syntax/too-deep']);
    expect(refused.verdict).toBeUndefined();
    // Lowering, the thread runs, herd7's variable numbering, the value domain and the explorer all walk it.
    const deepest = runLitmus(sum(MAX_TREE_DEPTH - 10));
    expect(deepest.diagnostics).toEqual([]);
    expect(deepest.verdict).toMatchObject({ status: 'complete', observation: 'Sometimes' });
  });

  it('10,000 empty threads run without overflowing the stack', () => {
    const result = runLitmus(threads(10_000, () => ''));
    expect(result.verdict?.status).toBe('complete');
    expect(result.verdict?.observation).toBe('Always');
  }, 60_000);
});
