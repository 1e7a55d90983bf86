// Zip archives, read and written with Node's zlib (PKWARE APPNOTE 6.3: the
// central directory at the end lists every entry; each entry's local header
// precedes its data, stored or deflated). Reading takes stored and deflated
// entries, ZIP64 sizes and offsets, UTF-8 or legacy names; encrypted entries,
// other methods and corrupt data are problems of that entry alone. Writing
// (for the Gradescope bundle) is deterministic: fixed timestamps, given order.
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { maxArchiveBytes, maxEntryBytes, normalEntryPath, type ArchiveContents, type ArchiveEntry } from './archive-entry.ts';

const signatures = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50, end64: 0x06064b50, locator64: 0x07064b50 } as const;

/** Whether `bytes` starts like a zip archive. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

/** Every file of the zip archive `bytes` (folders left out), in the central directory's order. */
export function readZip(bytes: Uint8Array): ArchiveContents {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEnd(view);
  if (end < 0) return { ok: false, problem: 'not a zip archive, or a truncated one (no end of central directory)' };
  let count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  // ZIP64: the 16- and 32-bit fields are saturated and the real ones sit in the ZIP64 end record.
  if ((count === 0xffff || offset === 0xffffffff) && end >= 20 && view.getUint32(end - 20, true) === signatures.locator64) {
    const at = Number(view.getBigUint64(end - 12, true));
    if (at + 56 > bytes.length || view.getUint32(at, true) !== signatures.end64) return { ok: false, problem: 'corrupt ZIP64 end record' };
    count = Number(view.getBigUint64(at + 32, true));
    offset = Number(view.getBigUint64(at + 48, true));
  }
  const entries: ArchiveEntry[] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== signatures.central) {
      return { ok: false, problem: `corrupt central directory (entry ${i + 1} of ${count})` };
    }
    const flags = view.getUint16(offset + 8, true);
    const method = view.getUint16(offset + 10, true);
    const crc = view.getUint32(offset + 16, true);
    let compressed = view.getUint32(offset + 20, true);
    let size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    let local = view.getUint32(offset + 42, true);
    const nameBytes = bytes.subarray(offset + 46, offset + 46 + nameLength);
    const zip64 = zip64Fields(view, offset + 46 + nameLength, extraLength, { size: size === 0xffffffff, compressed: compressed === 0xffffffff, local: local === 0xffffffff });
    size = zip64.size ?? size;
    compressed = zip64.compressed ?? compressed;
    local = zip64.local ?? local;
    offset += 46 + nameLength + extraLength + commentLength;
    const path = normalEntryPath(decodeName(nameBytes, (flags & 0x800) !== 0));
    if (path === '' || path.endsWith('/') || decodeName(nameBytes, true).endsWith('/')) continue;
    const read = (problem: string): void => void entries.push({ path, problem });
    if (flags & 1) { read('encrypted: give the file without a password'); continue; }
    if (size > maxEntryBytes) { read(`larger than ${maxEntryBytes / 1024} KiB (${size} bytes)`); continue; }
    total += size;
    if (total > maxArchiveBytes) return { ok: false, problem: `its files add up to more than ${maxArchiveBytes / 2 ** 20} MiB` };
    if (local + 30 > bytes.length || view.getUint32(local, true) !== signatures.local) { read('corrupt (no local header where the directory says)'); continue; }
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + compressed);
    if (data.length < compressed) { read('truncated'); continue; }
    let content: Uint8Array;
    try {
      if (method === 0) content = data;
      else if (method === 8) content = inflateRawSync(data, { maxOutputLength: maxEntryBytes + 1 });
      else { read(`compressed with method ${method}; only stored and deflated entries are read`); continue; }
    } catch {
      read('corrupt (its compressed data does not inflate)');
      continue;
    }
    if (content.length > maxEntryBytes) { read(`larger than ${maxEntryBytes / 1024} KiB`); continue; }
    if (crc32(content) >>> 0 !== crc) { read('corrupt (its checksum does not match)'); continue; }
    entries.push({ path, bytes: new Uint8Array(content) });
  }
  return { ok: true, entries };
}

function findEnd(view: DataView): number {
  // The end record is 22 bytes plus a comment of at most 65,535.
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === signatures.end) return at;
  }
  return -1;
}

/** The ZIP64 extra field (0x0001): the 64-bit values of the fields saturated in the directory, in this order. */
function zip64Fields(view: DataView, start: number, length: number, saturated: { size: boolean; compressed: boolean; local: boolean }) {
  const found: { size?: number; compressed?: number; local?: number } = {};
  for (let at = start; at + 4 <= start + length;) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let field = at + 4;
      const next = () => { const v = Number(view.getBigUint64(field, true)); field += 8; return v; };
      if (saturated.size && field + 8 <= at + 4 + size) found.size = next();
      if (saturated.compressed && field + 8 <= at + 4 + size) found.compressed = next();
      if (saturated.local && field + 8 <= at + 4 + size) found.local = next();
    }
    at += 4 + size;
  }
  return found;
}

function decodeName(bytes: Uint8Array, utf8: boolean): string {
  // Names without the UTF-8 flag are CP437 in the standard, but most packers write UTF-8 anyway.
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return utf8 ? new TextDecoder('utf-8').decode(bytes) : new TextDecoder('latin1').decode(bytes);
  }
}

/** One file to put in a zip archive; `mode` is its Unix permission bits (0o755 for a script). */
export interface ZipInput {
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly mode?: number;
}

/** A zip archive of `files`, deflated, in the given order, byte-identical for the same input. */
export function writeZip(files: readonly ZipInput[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  // 1980-01-01 00:00, the earliest DOS date: a fixed time keeps the archive reproducible.
  const time = 0;
  const date = (0 << 9) | (1 << 5) | 1;
  for (const file of files) {
    const name = new TextEncoder().encode(file.path);
    const data = deflateRawSync(file.bytes, { level: 9 });
    const crc = crc32(file.bytes) >>> 0;
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, signatures.local, true);
    local.setUint16(4, 20, true);
    local.setUint16(6, 0x800, true);
    local.setUint16(8, 8, true);
    local.setUint16(10, time, true);
    local.setUint16(12, date, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, data.length, true);
    local.setUint32(22, file.bytes.length, true);
    local.setUint16(26, name.length, true);
    parts.push(new Uint8Array(local.buffer), name, data);
    const entry = new DataView(new ArrayBuffer(46));
    entry.setUint32(0, signatures.central, true);
    entry.setUint16(4, (3 << 8) | 20, true); // made by Unix, so the permission bits below count
    entry.setUint16(6, 20, true);
    entry.setUint16(8, 0x800, true);
    entry.setUint16(10, 8, true);
    entry.setUint16(12, time, true);
    entry.setUint16(14, date, true);
    entry.setUint32(16, crc, true);
    entry.setUint32(20, data.length, true);
    entry.setUint32(24, file.bytes.length, true);
    entry.setUint16(28, name.length, true);
    entry.setUint32(38, ((0o100000 | (file.mode ?? 0o644)) << 16) >>> 0, true);
    entry.setUint32(42, offset, true);
    central.push(new Uint8Array(entry.buffer), name);
    offset += 30 + name.length + data.length;
  }
  const directorySize = central.reduce((sum, part) => sum + part.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, signatures.end, true);
  end.setUint16(8, files.length, true);
  end.setUint16(10, files.length, true);
  end.setUint32(12, directorySize, true);
  end.setUint32(16, offset, true);
  return concat([...parts, ...central, new Uint8Array(end.buffer)]);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The Unix permission bits a zip entry records (0 when it records none), for tests of the bundle. */
export function zipEntryModes(bytes: Uint8Array): Map<string, number> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const modes = new Map<string, number>();
  const end = findEnd(view);
  if (end < 0) return modes;
  let offset = view.getUint32(end + 16, true);
  for (let i = 0; i < view.getUint16(end + 10, true); i++) {
    const nameLength = view.getUint16(offset + 28, true);
    const name = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    modes.set(name, (view.getUint32(offset + 38, true) >>> 16) & 0o777);
    offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return modes;
}
