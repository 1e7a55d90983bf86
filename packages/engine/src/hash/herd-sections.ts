// How herd7 cuts a C litmus test's text into sections before hashing it
// (herdtools7 lib/splitter.mll): the header line, the `Key=value` lines, the
// init block's text between its braces, and the program's text up to the
// first clause keyword. Read from the raw text, as herd7 does, because the
// hash covers the program's text byte for byte.

/** The raw sections of a test, as offsets into its text. */
export interface HerdSections {
  /** The text between the init block's braces. */
  readonly init: string;
  /** The program's text: from the init block's closing brace to the first clause keyword. */
  readonly program: string;
}

const BLANK = /[ \t\r]/;
const HEADER = /^[ \t\r]*[A-Za-z0-9_]+[ \t\r]+[A-Za-z0-9_/.\-+[\]]+[ \t\r]*(?:\([A-Za-z][A-Za-z0-9_/.-]*\)[ \t\r]*)?(?:\n?[ \t\r]*"[^"]*"[ \t\r]*)?;?/;
// A `Key=value` information line, newline included.
const INFO_LINE = /[A-Za-z][A-Za-z0-9_/.-]*[ \t\r]*=[ \t\r]*[^\n\r]*\r?\n/y;
const UNTIL_BRACE = /[^\n{]+/y;
const CLAUSE = /final|forall|~[ \t\r]*exists|exists|cases|observed|Observed|locations|filter/y;
const NAME_TAIL = /[A-Za-z0-9_/.-]*/y;

/**
 * Cuts `text` as herd7's splitter does; undefined where herd7 would stop
 * with an error (no header, no init block, an unclosed comment or brace).
 */
export function herdSections(text: string): HerdSections | undefined {
  const header = HEADER.exec(text);
  if (!header) return undefined;
  let at = header[0].length;
  // Up to the init block: skip newlines, (* comments *), information lines and other text.
  // ocamllex takes the longest match, so `(*` starts a comment only where nothing longer matches.
  for (;;) {
    if (at >= text.length) return undefined;
    const c = text[at];
    if (c === '\n') {
      at++;
      continue;
    }
    if (c === '{') break;
    INFO_LINE.lastIndex = at;
    const info = INFO_LINE.exec(text);
    UNTIL_BRACE.lastIndex = at;
    const other = UNTIL_BRACE.exec(text);
    const infoLength = info?.[0].length ?? 0;
    const otherLength = other?.[0].length ?? 0;
    if (text.startsWith('(*', at) && otherLength <= 2 && infoLength <= 2) {
      const end = skipOcamlComment(text, at + 2);
      if (end === undefined) return undefined;
      at = end;
      continue;
    }
    at += Math.max(infoLength, otherLength);
  }
  // The init block: braces nest, nothing else is special.
  const initStart = at + 1;
  let depth = 0;
  let initEnd = -1;
  for (let i = initStart; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}') {
      if (depth === 0) {
        initEnd = i;
        break;
      }
      depth--;
    }
  }
  if (initEnd < 0) return undefined;
  const programEnd = clauseStart(text, initEnd + 1);
  if (programEnd === undefined) return undefined;
  return { init: text.slice(initStart, initEnd), program: text.slice(initEnd + 1, programEnd) };
}

/** Where the program ends: the first clause keyword herd7's scanner meets (C comments are not skipped), or the end. */
function clauseStart(text: string, from: number): number | undefined {
  let at = from;
  while (at < text.length) {
    const c = text[at]!;
    if (c === '"') {
      const close = text.indexOf('"', at + 1);
      // herd7's scanner refuses a string that runs past its line.
      if (close < 0 || text.slice(at + 1, close).includes('\n')) return undefined;
      at = close + 1;
      continue;
    }
    if (c === '(' && text[at + 1] === '*') {
      at += 2;
      continue;
    }
    CLAUSE.lastIndex = at;
    const clause = CLAUSE.exec(text);
    const nameLength = /[A-Za-z]/.test(c) ? 1 + tailLength(text, at + 1) : 0;
    // Longest match; a keyword wins a tie with a name (it is listed first).
    if (clause && clause[0].length >= nameLength) return at;
    at += Math.max(1, nameLength);
  }
  return at;
}

function tailLength(text: string, at: number): number {
  NAME_TAIL.lastIndex = at;
  return NAME_TAIL.exec(text)?.[0].length ?? 0;
}

/** The offset after the `*)` closing a comment opened before `at` (comments nest); undefined if unclosed. */
export function skipOcamlComment(text: string, at: number): number | undefined {
  let depth = 1;
  let i = at;
  while (i < text.length) {
    if (text.startsWith('(*', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('*)', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return undefined;
}

/** Whether `c` is a blank herd7's lexers skip within a line. */
export function isBlank(c: string | undefined): boolean {
  return c !== undefined && BLANK.test(c);
}
