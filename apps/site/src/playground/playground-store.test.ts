import { describe, expect, it } from 'vitest';
import { defaultBudget } from '@barrier-lab/engine';
import { sharedState } from '../share/share-link.ts';
import { budgetOf, isMemoryLimit, memoryLimitMb } from './playground-budget.ts';
import { PlaygroundStore, parseKeptPlayground, playgroundKey } from './playground-store.ts';

/** A localStorage stand-in: a map, whose writes can be made to fail as a full storage's do. */
function mapStorage(failWrites = false) {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => {
      if (failWrites) throw new Error('QuotaExceededError');
      map.set(key, value);
    },
    removeItem: (key: string) => void map.delete(key),
  };
}

const code = 'C mine\n{}\nP0(int *x) { WRITE_ONCE(*x, 1); }\nexists (x=1)\n';

describe('PlaygroundStore', () => {
  it('keeps the test, model, flush and changed limits under the versioned key, and reads them back in another store', () => {
    const storage = mapStorage();
    const kept = { kind: 'playground', code, model: 'tso', flush: 'broadcast', budget: { maxEvents: 50, maxMemoryMb: 256 } } as const;
    expect(new PlaygroundStore(storage).write({ ...kept, execution: { index: 2, badOnly: true }, step: { token: 'abc', matched: 1 } }, 'sb')).toBe(true);
    expect(JSON.parse(storage.map.get(playgroundKey)!)).toEqual({ version: 1, ...kept, example: 'sb' });
    expect(new PlaygroundStore(storage).read()).toEqual({ ...kept, example: 'sb' });
  });

  it('forgets the state on clear()', () => {
    const storage = mapStorage();
    const store = new PlaygroundStore(storage);
    store.write({ kind: 'playground', code, model: 'sc' });
    store.clear();
    expect(store.read()).toBeUndefined();
    expect(storage.map.has(playgroundKey)).toBe(false);
  });

  it('reads nothing from a missing, foreign, newer or out-of-range document, and says when it could not write', () => {
    expect(new PlaygroundStore(mapStorage()).read()).toBeUndefined();
    expect(new PlaygroundStore(undefined).read()).toBeUndefined();
    expect(new PlaygroundStore(undefined).write({ kind: 'playground', code, model: 'sc' })).toBe(false);
    expect(new PlaygroundStore(mapStorage(true)).write({ kind: 'playground', code, model: 'sc' })).toBe(false);
    for (const text of [
      'not json',
      '[]',
      JSON.stringify({ version: 2, kind: 'playground', code, model: 'sc' }),
      JSON.stringify({ version: 1, kind: 'exercise', exercise: 'mp-wmb-rmb', code }),
      JSON.stringify({ version: 1, kind: 'playground', code, model: 'arm' }),
      JSON.stringify({ version: 1, kind: 'playground', code, model: 'sc', budget: { maxMemoryMb: 8 } }),
      JSON.stringify({ version: 1, kind: 'playground', code, model: 'sc', budget: { maxMemoryMb: 1e9 } }),
      JSON.stringify({ version: 1, kind: 'playground', code, model: 'sc', execution: { index: 0, badOnly: false } }),
      JSON.stringify({ version: 1, kind: 'playground', code: 42, model: 'sc' }),
      JSON.stringify({ version: 1, kind: 'playground', code, model: 'sc', example: '<b>' }),
    ]) expect(parseKeptPlayground(text), text).toBeUndefined();
  });
});

describe('the memory limit', () => {
  it('accepts whole megabytes from 16 to 4,096 only', () => {
    expect([memoryLimitMb.min, 256, memoryLimitMb.max].every(isMemoryLimit)).toBe(true);
    for (const bad of [15, 4097, 0, -1, 256.5, Number.NaN, '256', undefined]) expect(isMemoryLimit(bad), String(bad)).toBe(false);
  });

  it('is the engine default unless a valid one is chosen', () => {
    expect(budgetOf({ maxMemoryMb: 256 }, defaultBudget).maxMemoryMb).toBe(256);
    expect(budgetOf({ maxMemoryMb: 8 }, defaultBudget).maxMemoryMb).toBe(defaultBudget.maxMemoryMb);
    expect(budgetOf({ maxMemoryMb: 1e9 }, defaultBudget).maxMemoryMb).toBe(defaultBudget.maxMemoryMb);
  });

  it('travels in a share link, within its range', () => {
    const link = (maxMemoryMb: number) => sharedState({ kind: 'playground', code, model: 'sc', budget: { maxMemoryMb } });
    expect(link(64)).toEqual({ kind: 'playground', code, model: 'sc', budget: { maxMemoryMb: 64 } });
    expect(link(8)).toBeUndefined();
    expect(link(5000)).toBeUndefined();
  });
});
