import { describe, expect, it } from 'vitest';
import { ProgressStore, parseProgress, progressKey, type KeyValueStorage } from './storage.ts';

class MapStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  failWrites = false;
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (this.failWrites) throw new Error('QuotaExceededError');
    this.map.set(key, value);
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
}

const at = (iso: string) => () => new Date(iso);

describe('ProgressStore', () => {
  it('keeps code and status per exercise under the versioned key', () => {
    const storage = new MapStorage();
    const events: (string | undefined)[] = [];
    const store = new ProgressStore(storage, at('2026-01-02T03:04:05Z'), (id) => events.push(id));
    store.update('mp-wmb-rmb', { code: 'C x', attempts: 1, status: 'incorrect' });
    const again = new ProgressStore(storage);
    expect(again.exercise('mp-wmb-rmb')).toMatchObject({ code: 'C x', status: 'incorrect', solved: false, attempts: 1 });
    expect(JSON.parse(storage.map.get(progressKey)!).version).toBe(1);
    expect(events).toEqual(['mp-wmb-rmb']);
  });

  it('remembers when an exercise was first solved, and never unsolves it on a later wrong check', () => {
    const storage = new MapStorage();
    new ProgressStore(storage, at('2026-01-01T00:00:00Z')).update('a', { solved: true, status: 'correct' });
    const later = new ProgressStore(storage, at('2026-02-01T00:00:00Z'));
    later.update('a', { status: 'incorrect' });
    expect(later.exercise('a')).toMatchObject({ solved: true, status: 'incorrect', solvedAt: '2026-01-01T00:00:00.000Z' });
    expect([...later.solvedIds()]).toEqual(['a']);
  });

  it('resets one exercise or everything', () => {
    const store = new ProgressStore(new MapStorage(), at('2026-01-01T00:00:00Z'), () => {});
    store.update('a', { solved: true });
    store.update('b', { code: 'x' });
    store.reset('a');
    expect(Object.keys(store.read().exercises)).toEqual(['b']);
    store.reset();
    expect(store.read().exercises).toEqual({});
  });

  it('keeps going in memory when storage refuses writes or is missing', () => {
    const storage = new MapStorage();
    storage.failWrites = true;
    const store = new ProgressStore(storage, at('2026-01-01T00:00:00Z'), () => {});
    store.update('a', { code: 'kept' });
    expect(store.exercise('a').code).toBe('kept');
    const none = new ProgressStore(undefined, at('2026-01-01T00:00:00Z'), () => {});
    none.update('b', { code: 'also kept' });
    expect(none.exercise('b').code).toBe('also kept');
  });

  it('starts afresh from a corrupt or foreign document instead of failing', () => {
    const storage = new MapStorage();
    storage.map.set(progressKey, '{not json');
    expect(new ProgressStore(storage).read()).toEqual({ version: 1, exercises: {} });
    expect(parseProgress('{"version":2,"exercises":{}}')).toBeUndefined();
    expect(parseProgress('{"version":1,"exercises":{"a":{"solved":"yes","attempts":"3"}}}')?.exercises.a)
      .toEqual({ solved: false, attempts: 0, hintsShown: 0, updatedAt: '' });
  });
});
