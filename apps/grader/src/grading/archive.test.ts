import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isArchiveJunk, maxEntryBytes } from './archive-entry.ts';
import { looksLikeTar, readTar } from './archive-tar.ts';
import { looksLikeZip, readZip, writeZip, zipEntryModes } from './archive-zip.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./corpus/archives/${name}`, import.meta.url)));
// The capstone solution as it was when the archives were made (the exercise may change since).
const solution = readFileSync(new URL('./corpus/archives/alice-capstone-patch.litmus', import.meta.url), 'utf8');
const longPath = `submissions/${'a'.repeat(60)}/${'b'.repeat(60)}/mp-wmb-rmb.litmus`;

function files(contents: ReturnType<typeof readZip>): Map<string, string> {
  if (!contents.ok) throw new Error(contents.problem);
  return new Map(contents.entries.filter((e) => !isArchiveJunk(e.path)).map((e) => [e.path, new TextDecoder().decode(e.bytes)]));
}

describe('archives made by zip and tar', () => {
  for (const [name, read] of [['class.zip', readZip], ['class-zip64.zip', readZip], ['class.tar.gz', readTar], ['class-gnu.tar', readTar]] as const) {
    it(`reads ${name}: every file, long and non-ASCII names, junk recognised`, () => {
      const found = files(read(fixture(name)));
      expect([...found.keys()].sort()).toEqual([
        'submissions/Zoë Ünïcode/sb-which-models.txt',
        longPath,
        'submissions/alice/capstone-patch.litmus',
        'submissions/bob/capstone-patch.c',
      ].sort());
      expect(found.get('submissions/alice/capstone-patch.litmus')).toBe(solution);
      expect(found.get(longPath)).toBe('long\n');
    });
  }

  it('tells zip and tar apart by content', () => {
    expect(looksLikeZip(fixture('class.zip'))).toBe(true);
    expect(looksLikeZip(fixture('class-gnu.tar'))).toBe(false);
    expect(looksLikeTar(fixture('class-gnu.tar'))).toBe(true);
    expect(looksLikeTar(fixture('class.zip'))).toBe(false);
  });

  it('marks __MACOSX and dot files as junk', () => {
    expect(isArchiveJunk('__MACOSX/submissions/._x')).toBe(true);
    expect(isArchiveJunk('submissions/.DS_Store')).toBe(true);
    expect(isArchiveJunk('submissions/alice/capstone-patch.c')).toBe(false);
  });
});

describe('bad archives are problems, never exceptions', () => {
  it('a truncated zip, random bytes, an empty file', () => {
    const zip = fixture('class.zip');
    for (const bytes of [zip.subarray(0, zip.length - 30), new Uint8Array(5000).map((_, i) => (i * 7919) % 251), new Uint8Array(0)]) {
      const result = readZip(bytes);
      expect(result.ok).toBe(false);
    }
  });

  it('a zip whose entry data is corrupted: that entry alone has a problem', () => {
    const zip = fixture('class.zip').slice();
    const at = Buffer.from(zip).indexOf('submissions/alice/capstone-patch.litmus') + 'submissions/alice/capstone-patch.litmus'.length + 10;
    zip[at] = zip[at]! ^ 0xff;
    const result = readZip(zip);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const alice = result.entries.find((e) => e.path === 'submissions/alice/capstone-patch.litmus');
    expect(alice?.problem).toMatch(/corrupt/);
    expect(result.entries.find((e) => e.path === 'submissions/bob/capstone-patch.c')?.bytes).toBeDefined();
  });

  it('a zip bomb stops at the size cap', () => {
    const bomb = writeZip([{ path: 'bomb.c', bytes: new Uint8Array(maxEntryBytes * 4) }]);
    expect(bomb.length).toBeLessThan(10_000);
    const result = readZip(bomb);
    expect(result.ok && result.entries[0]?.problem).toMatch(/larger than 1024 KiB/);
  });

  it('a gzip that is not a tar, a truncated tar, a corrupt gzip', () => {
    expect(readTar(gzipSync(Buffer.from('hello')))).toMatchObject({ ok: false, problem: expect.stringMatching(/not a tar/) });
    const tar = fixture('class-gnu.tar');
    const cut = readTar(tar.subarray(0, 1500));
    expect(cut.ok).toBe(true);
    if (cut.ok) expect(cut.entries.at(-1)?.problem ?? 'complete').toMatch(/truncated|complete/);
    expect(readTar(fixture('class.tar.gz').subarray(0, 200))).toMatchObject({ ok: false, problem: 'corrupt gzip data' });
  });
});

describe('writeZip', () => {
  it('writes what readZip reads back, with permission bits, byte-identical each time', () => {
    const input = [
      { path: 'setup.sh', bytes: new TextEncoder().encode('#!/bin/sh\necho hi\n'), mode: 0o755 },
      { path: 'dir/data.txt', bytes: new TextEncoder().encode('x'.repeat(10_000)) },
    ];
    const zip = writeZip(input);
    expect(Buffer.from(writeZip(input)).equals(Buffer.from(zip))).toBe(true);
    const back = files(readZip(zip));
    expect(back.get('setup.sh')).toBe('#!/bin/sh\necho hi\n');
    expect(back.get('dir/data.txt')).toBe('x'.repeat(10_000));
    expect(zipEntryModes(zip).get('setup.sh')).toBe(0o755);
    expect(zipEntryModes(zip).get('dir/data.txt')).toBe(0o644);
  });
});
