// Values by the kernel's names in step mode: every value a learner sees while
// playing (a step's read or store, the steps offered, memory now, the final
// registers and memory, a forwarded read's reason) carries the name the
// program gave it (`named`), as the check's verdict and timeline say it;
// values with no name keep only their number.
import { describe, expect, it } from 'vitest';
import { choices, finalState, isStepState, start, step } from './step-mode.ts';
import { deserialize, serialize } from './step-token.ts';
import type { ModelName } from '../models/model.ts';
import type { StepState } from './step-types.ts';
import { walkFreedTable as walk } from '../../test-support/walk-freed-table.ts';

// Two pins of one page: the refcount counts in GUP_PIN_COUNTING_BIAS.
const pins = `C two-pins
{
  refcount=1;
}

P0(atomic_t *refcount)
{
  atomic_add(GUP_PIN_COUNTING_BIAS, refcount);
}

P1(atomic_t *refcount)
{
  atomic_add(GUP_PIN_COUNTING_BIAS, refcount);
}

exists (refcount=2049)
`;

function started(source: string, model: ModelName): StepState {
  const state = start(source, model);
  if (!isStepState(state)) throw new Error(`the test does not start: ${JSON.stringify(state)}`);
  return state;
}

/** Every `named` a state carries where a learner sees values, as `where: named (value)`. */
function namesIn(s: StepState): string[] {
  const out: string[] = [];
  for (const h of s.history) if (h.event.named) out.push(`step ${h.step}: ${h.event.named} (${h.event.value})`);
  for (const m of s.memory) if (m.named) out.push(`memory ${m.loc}: ${m.named} (${m.value})`);
  for (const c of s.cpus) if (c.next?.named) out.push(`next of CPU ${c.cpu}: ${c.next.named} (${c.next.value})`);
  for (const c of choices(s)) for (const o of c.options) if (o.event.named) out.push(`option of CPU ${c.cpu}: ${o.event.named} (${o.event.value})`);
  return out;
}

describe('values by the kernel names in step mode', () => {
  it('names what a walk reads, what memory holds and the steps offered: pmdp=PMD_TABLE, ptep=PT_FREED', () => {
    const s0 = started(walk, 'sc');
    expect(s0.memory).toEqual([{ loc: 'pmdp', value: '4', named: 'PMD_TABLE' }, { loc: 'ptep', value: '2', named: 'PTE_RDONLY' }]);
    // P1's first read may only read the initial PMD: offered by its name.
    const read = choices(s0).find((c) => c.cpu === 1)!.options[0]!;
    expect(read.event).toMatchObject({ kind: 'R', loc: 'pmdp', value: '4', named: 'PMD_TABLE' });
    // A read not yet run has no value, so no name either.
    expect(s0.cpus[1]!.next).not.toHaveProperty('value');
    expect(s0.cpus[1]!.next).not.toHaveProperty('named');

    const s1 = step(s0, { cpu: 1, readFrom: 'initial' });
    expect(s1.history[0]!.event).toMatchObject({ loc: 'pmdp', value: '4', named: 'PMD_TABLE' });
    // pmd_clear() stores 0, which the builtin names PMD_NONE (kernel-objects.ts `stores`).
    const clear = choices(s1).find((c) => c.cpu === 0)!.options[0]!;
    expect(clear.event).toMatchObject({ kind: 'W', loc: 'pmdp', value: '0', named: 'PMD_NONE' });
    const s2 = step(s1, { cpu: 0 });
    expect(s2.memory[0]).toEqual({ loc: 'pmdp', value: '0', named: 'PMD_NONE', step: 1 });
    // The next event of P0 in program order is a store: its value is known, and named.
    expect(s2.cpus[0]!.next).toMatchObject({ kind: 'W', loc: 'ptep', value: '107', named: 'PT_FREED' });

    const s3 = step(s2, { cpu: 0 });
    expect(s3.history[2]!.event).toMatchObject({ kind: 'W', loc: 'ptep', value: '107', named: 'PT_FREED' });
    expect(s3.memory[1]).toEqual({ loc: 'ptep', value: '107', named: 'PT_FREED', step: 2 });
    const s4 = step(s3, { cpu: 1, readFrom: { cpu: 0, index: 1 } });
    expect(s4.history[3]!.event).toMatchObject({ kind: 'R', loc: 'ptep', value: '107', named: 'PT_FREED' });

    const outcome = finalState(s4)!;
    expect(outcome.bad).toBe(true);
    expect(outcome.registers).toEqual([
      { cpu: 1, name: 'pmd', value: '4', named: 'PMD_TABLE' },
      { cpu: 1, name: 'pte', value: '107', named: 'PT_FREED' },
    ]);
    expect(outcome.memory).toEqual([{ loc: 'pmdp', value: '0', named: 'PMD_NONE' }, { loc: 'ptep', value: '107', named: 'PT_FREED' }]);
  });

  it('names a count in the constant it counts in: 2*GUP_PIN_COUNTING_BIAS+1', () => {
    let s = started(pins, 'sc');
    s = step(step(s, { cpu: 0, readFrom: 'initial' }), { cpu: 0 });
    expect(s.history.map((h) => [h.event.kind, h.event.value, h.event.named ?? null])).toEqual([
      ['R', '1', null],
      ['W', '1025', 'GUP_PIN_COUNTING_BIAS+1'],
    ]);
    s = step(step(s, { cpu: 1, readFrom: { cpu: 0, index: 1 } }), { cpu: 1 });
    expect(s.history[2]!.event.named).toBe('GUP_PIN_COUNTING_BIAS+1');
    expect(s.memory).toEqual([{ loc: 'refcount', value: '2049', named: '2*GUP_PIN_COUNTING_BIAS+1', step: 3 }]);
    expect(finalState(s)!.memory).toEqual([{ loc: 'refcount', value: '2049', named: '2*GUP_PIN_COUNTING_BIAS+1' }]);
  });

  it('names the value a read takes from its own store buffer in the reason it may run ahead', () => {
    const forwarded = `C forwarded-named
{
  pte=PTE_NONE;
}

P0(int *pte, int *y, int *z)
{
  int r0;
  int r1;

  r0 = READ_ONCE(*y);
  smp_store_release(pte, PTE_WRITE);
  r1 = READ_ONCE(*pte);
  WRITE_ONCE(*z, r1);
}

P1(int *y, int *z)
{
  int r2;

  r2 = READ_ONCE(*z);
  WRITE_ONCE(*y, r2);
}

exists (0:r0=1)
`;
    const option = choices(started(forwarded, 'lkmm'))[0]!.options.find((o) => o.forwarded)!;
    expect(option.event).toMatchObject({ loc: 'pte', value: '1', named: 'PTE_WRITE' });
    expect(option.reason).toContain('it takes pte=PTE_WRITE from its own store on line 12');
  });

  it('keeps only numbers in a test that names nothing', () => {
    const mp = walk.replace('pmdp=PMD_TABLE;\n  ptep=PTE_RDONLY;', '').replace('pmd_clear(pmdp);', 'WRITE_ONCE(*pmdp, 0);').replace('PT_FREED);', '1);').replace('PMD_TABLE', '0').replace('PT_FREED', '1');
    let s = started(mp, 'sc');
    const seen: string[] = [];
    while (!s.finished) {
      seen.push(...namesIn(s));
      s = step(s, choices(s)[0]!.options[0]!.choice);
    }
    seen.push(...namesIn(s));
    expect(seen).toEqual([]);
    expect(s.memory.map((m) => m.value)).toEqual(['0', '1']);
    expect(finalState(s)!.registers.some((r) => 'named' in r)).toBe(false);
  });

  it('keeps the names in a state restored from a token', () => {
    const s = step(step(started(walk, 'sc'), { cpu: 1, readFrom: 'initial' }), { cpu: 0 });
    const restored = deserialize(walk, 'sc', serialize(s));
    if (!isStepState(restored)) throw new Error('not restored');
    expect(namesIn(restored)).toEqual(namesIn(s));
    expect(namesIn(restored)).toContain('step 0: PMD_TABLE (4)');
  });
});
