// Tar archives, plain or gzipped (POSIX ustar, with pax `path`/`size`
// records and GNU long names, which is what GNU tar, bsdtar and the LMS
// downloads write). Regular files are read; folders, links and devices are
// skipped. Gzip is undone by Node's zlib, capped so a bomb stops at the cap.
import { gunzipSync } from 'node:zlib';
import { maxArchiveBytes, maxEntryBytes, normalEntryPath, type ArchiveContents, type ArchiveEntry } from './archive-entry.ts';

const block = 512;

/** Whether `bytes` starts like a gzip stream. */
export function looksLikeGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Whether `bytes` starts with a valid tar header. */
export function looksLikeTar(bytes: Uint8Array): boolean {
  return bytes.length >= block && checksumOk(bytes.subarray(0, block));
}

/** Every regular file of the tar archive `bytes`, gzipped or not, in archive order. */
export function readTar(bytes: Uint8Array): ArchiveContents {
  let data = bytes;
  if (looksLikeGzip(bytes)) {
    try {
      data = new Uint8Array(gunzipSync(bytes, { maxOutputLength: maxArchiveBytes }));
    } catch (error) {
      return {
        ok: false,
        problem: (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE'
          ? `it decompresses to more than ${maxArchiveBytes / 2 ** 20} MiB`
          : 'corrupt gzip data',
      };
    }
  }
  if (!looksLikeTar(data)) return { ok: false, problem: 'not a tar archive (no valid header at its start)' };
  const entries: ArchiveEntry[] = [];
  let longName: string | undefined;
  let pax: Record<string, string> = {};
  let global: Record<string, string> = {};
  for (let at = 0; at + block <= data.length;) {
    const header = data.subarray(at, at + block);
    if (header.every((b) => b === 0)) break;
    if (!checksumOk(header)) return { ok: false, problem: `corrupt header at byte ${at}` };
    const type = String.fromCharCode(header[156]!);
    const size = Number(pax.size ?? global.size ?? readNumber(header.subarray(124, 136)));
    const start = at + block;
    const body = data.subarray(start, start + size);
    at = start + Math.ceil(size / block) * block;
    if (body.length < size) {
      return { ok: true, entries: [...entries, { path: nameOf(header, longName, pax, global), problem: 'truncated' }] };
    }
    if (type === 'x' || type === 'g') {
      const records = parsePax(body);
      if (type === 'x') pax = records;
      else global = { ...global, ...records };
      continue;
    }
    if (type === 'L') {
      longName = text(body);
      continue;
    }
    const path = nameOf(header, longName, pax, global);
    longName = undefined;
    pax = {};
    if (type !== '0' && type !== '\0' && type !== '7') continue; // folders, links, devices
    if (path === '') continue;
    if (size > maxEntryBytes) entries.push({ path, problem: `larger than ${maxEntryBytes / 1024} KiB (${size} bytes)` });
    else entries.push({ path, bytes: new Uint8Array(body) });
  }
  return { ok: true, entries };
}

function nameOf(header: Uint8Array, longName: string | undefined, pax: Record<string, string>, global: Record<string, string>): string {
  const name = pax.path ?? longName ?? global.path;
  if (name !== undefined) return normalEntryPath(name);
  const prefix = text(header.subarray(345, 500));
  const base = text(header.subarray(0, 100));
  return normalEntryPath(prefix ? `${prefix}/${base}` : base);
}

/** A header's checksum: the sum of its bytes with the checksum field counted as spaces. */
function checksumOk(header: Uint8Array): boolean {
  let sum = 0;
  for (let i = 0; i < block; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  const stored = readNumber(header.subarray(148, 156));
  return stored === sum && sum !== 8 * 0x20;
}

/** An octal field, or a base-256 one (high bit set) for sizes of 8 GiB and more. */
function readNumber(field: Uint8Array): number {
  if (field[0]! & 0x80) {
    let value = field[0]! & 0x7f;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i]!;
    return value;
  }
  const digits = text(field).trim();
  return digits === '' ? 0 : parseInt(digits, 8);
}

/** A pax extended header: records `LEN key=value\n`, LEN counting bytes. */
function parsePax(body: Uint8Array): Record<string, string> {
  const records: Record<string, string> = {};
  for (let at = 0; at < body.length;) {
    const space = body.indexOf(0x20, at);
    const length = space < 0 ? NaN : parseInt(new TextDecoder().decode(body.subarray(at, space)), 10);
    if (!(length > 0) || at + length > body.length) break;
    const record = new TextDecoder().decode(body.subarray(space + 1, at + length - 1));
    const eq = record.indexOf('=');
    if (eq > 0) records[record.slice(0, eq)] = record.slice(eq + 1);
    at += length;
  }
  return records;
}

function text(field: Uint8Array): string {
  const end = field.indexOf(0);
  return new TextDecoder().decode(end < 0 ? field : field.subarray(0, end));
}
