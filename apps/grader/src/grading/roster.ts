// The class roster: who the students are, so files map to students and
// those who submitted nothing are listed. A CSV with a header naming its
// columns (`student id`, `name`, `email`, in any order; a Canvas or Moodle
// gradebook export works as it is), or without a header: id, name, email.
import { parseCsv } from './csv.ts';
import { compareText } from './grade-record.ts';

/** One student of the roster. */
export interface RosterEntry {
  /** The id the grader files the student's grades under (unique in the roster). */
  readonly id: string;
  readonly name: string;
  readonly email: string;
  /** Canvas's own numeric user id, when the roster is a Canvas export. */
  readonly canvasId?: string;
  /** Canvas's `SIS Login ID`, when the roster has one. */
  readonly login?: string;
  readonly section?: string;
}

/** A roster read from CSV, or the reasons it could not be. */
export type RosterResult = { readonly entries: readonly RosterEntry[] } | { readonly problems: readonly string[] };

const columns = {
  id: ['student id', 'sis user id', 'id number', 'student number', 'user id', 'username', 'login', 'id'],
  name: ['name', 'student name', 'full name', 'student'],
  first: ['first name', 'given name'],
  last: ['last name', 'surname', 'family name'],
  email: ['email', 'email address', 'e-mail', 'mail'],
  canvasId: ['id'],
  login: ['sis login id'],
  section: ['section'],
} as const;

/** Reads roster CSV `text`. Every student needs an id (or an email to stand for it); ids must be unique. */
export function parseRoster(text: string): RosterResult {
  const rows = parseCsv(text);
  if (rows.length === 0) return { problems: ['the roster is empty'] };
  const header = rows[0]!.map((h) => h.trim().toLowerCase().replace(/\s+/g, ' '));
  const find = (names: readonly string[]) => {
    for (const name of names) {
      const at = header.indexOf(name);
      if (at >= 0) return at;
    }
    return -1;
  };
  const hasHeader = find([...columns.id, ...columns.name, ...columns.email]) >= 0;
  const isCanvas = header.includes('sis user id') && header.includes('student');
  const at = hasHeader
    ? {
      // A Canvas export's `ID` is Canvas's own number; the institution's id is `SIS User ID`.
      id: isCanvas ? find(['sis user id']) : find(columns.id),
      name: find(columns.name), first: find(columns.first), last: find(columns.last), email: find(columns.email),
      canvasId: isCanvas ? find(columns.canvasId) : -1, login: find(columns.login), section: find(columns.section),
    }
    : { id: 0, name: 1, first: -1, last: -1, email: 2, canvasId: -1, login: -1, section: -1 };
  const problems: string[] = [];
  const entries: RosterEntry[] = [];
  const seen = new Map<string, number>();
  rows.slice(hasHeader ? 1 : 0).forEach((row, i) => {
    const line = i + (hasHeader ? 2 : 1);
    const cell = (index: number) => (index >= 0 ? (row[index] ?? '').trim() : '');
    // Canvas exports carry a "Points Possible" row under the header, and sometimes a test student.
    if (/^points possible$/i.test(cell(0)) || /^test student$/i.test(cell(at.name))) return;
    const email = cell(at.email) || (cell(at.login).includes('@') ? cell(at.login) : '');
    const name = cell(at.name) || [cell(at.first), cell(at.last)].filter(Boolean).join(' ');
    const id = cell(at.id) || email || cell(at.canvasId);
    if (!id) {
      problems.push(`line ${line}: no student id${at.email >= 0 ? ' or email' : ''}`);
      return;
    }
    if (seen.has(id)) {
      problems.push(`line ${line}: student id "${id}" is also on line ${seen.get(id)}`);
      return;
    }
    seen.set(id, line);
    entries.push({
      id, name, email,
      ...(cell(at.canvasId) ? { canvasId: cell(at.canvasId) } : {}),
      ...(cell(at.login) ? { login: cell(at.login) } : {}),
      ...(cell(at.section) ? { section: cell(at.section) } : {}),
    });
  });
  if (problems.length > 0) return { problems };
  if (entries.length === 0) return { problems: ['the roster lists no student'] };
  return { entries: entries.sort((a, b) => compareText(a.id, b.id)) };
}

/** Finds the roster entry a name taken from a path stands for. */
export interface RosterIndex {
  /** The entry `key` (a folder or file name) belongs to, if exactly one fits. */
  match(key: string): RosterEntry | undefined;
}

/**
 * An index of `entries` for matching folder and file names to students. A
 * key matches an entry by its id, email, the email's local part, Canvas id
 * or login (case ignored), by its name with anything but letters and digits
 * dropped (`Alice Smith`, `alice_smith`, `smithalice` as Canvas writes it),
 * or when one of its `_`-separated parts is one of those (Canvas's
 * `smithalice_12345_678_answer.c`, Moodle's `Alice Smith_12345_assignsubmission_file_`).
 * A key that fits more than one student matches none.
 */
export function rosterIndex(entries: readonly RosterEntry[]): RosterIndex {
  const keys = new Map<string, Set<RosterEntry>>();
  const add = (key: string, entry: RosterEntry) => {
    const k = plain(key);
    if (k === '') return;
    const set = keys.get(k) ?? new Set();
    keys.set(k, set.add(entry));
  };
  for (const entry of entries) {
    for (const key of [entry.id, entry.email, entry.email.split('@')[0] ?? '', entry.canvasId ?? '', entry.login ?? '']) add(key, entry);
    const words = entry.name.split(/[\s,]+/).filter(Boolean);
    if (words.length > 0) {
      add(words.join(''), entry);
      add([...words.slice(1), words[0]!].join(''), entry); // Canvas: last name first
      if (words.length > 1) add(words[words.length - 1]! + words.slice(0, -1).join(''), entry);
    }
  }
  const unique = (key: string) => {
    const found = keys.get(plain(key));
    return found && found.size === 1 ? [...found][0] : undefined;
  };
  return {
    match(key) {
      const whole = unique(key);
      if (whole) return whole;
      const fits = new Set(key.split('_').map(unique).filter((e): e is RosterEntry => e !== undefined));
      return fits.size === 1 ? [...fits][0] : undefined;
    },
  };
}

/** A name reduced to lower-case letters and digits (accents dropped), for matching. */
function plain(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9@.]/g, '');
}
