// What the archive readers give back: every file in the archive, with its
// bytes or why they could not be read. Nothing is extracted to disk, so an
// entry named `../../etc/passwd` is only a name; sizes are capped, so a zip
// bomb stops at the cap instead of filling memory.

/** One file of an archive. */
export interface ArchiveEntry {
  /** Its path inside the archive, with `/` separators and no leading `./` or `/`. */
  readonly path: string;
  /** Its content, when it could be read within the size cap. */
  readonly bytes?: Uint8Array;
  /** Why there are no bytes: too large, compressed in a way we do not read, corrupt. */
  readonly problem?: string;
}

/** What reading an archive gave: its files, or why the archive as a whole could not be read. */
export type ArchiveContents =
  | { readonly ok: true; readonly entries: readonly ArchiveEntry[] }
  | { readonly ok: false; readonly problem: string };

/** The largest entry read from an archive (a submission is at most 100,000 characters). */
export const maxEntryBytes = 1024 * 1024;

/** The most bytes all of an archive's entries may decompress to. */
export const maxArchiveBytes = 512 * 1024 * 1024;

/** An entry path made plain: `/` separators, no leading `./` or `/`, no empty or `.` parts. */
export function normalEntryPath(path: string): string {
  return path.replace(/\\/g, '/').split('/').filter((part) => part !== '' && part !== '.').join('/');
}

/** Whether an archive path is the packer's own bookkeeping, never a submission (`__MACOSX/`, `.DS_Store`, ...). */
export function isArchiveJunk(path: string): boolean {
  return path.split('/').some((part) => part === '__MACOSX' || part.startsWith('.'));
}
