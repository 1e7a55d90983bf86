// Keeping locked lines locked while the learner types. The rule is on the
// text, not on keystrokes, so every way of editing (typing, pasting, cutting,
// dragging, find-and-replace, undo) is judged the same: every locked line of
// the starter must still be there, whole and on its own line, in the same
// order. New lines may go anywhere between them. As in the edit rule,
// indentation and braces around a single statement are not edits: a locked
// `if (x)` may become `if (x) {` (to put a barrier inside), an `else` may
// become `} else {`. Pure functions: the editor (code-editor.ts) calls them
// after each change and undoes a refused one.

/** The locked lines of a starter: their texts in order, as `comparable` gives them. */
export interface LockedLines {
  readonly texts: readonly string[];
}

/** The locked lines of `starter`, given their 1-based numbers. */
export function lockedLinesOf(starter: string, lines: readonly number[]): LockedLines {
  const all = starter.split('\n');
  return { texts: lines.map((line) => comparable(all[line - 1] ?? '')) };
}

/**
 * A line as the lock compares it: without indentation or trailing blanks,
 * and without an opening brace at its end or a closing one at its start
 * (a line of just a brace stays that brace).
 */
export function comparable(line: string): string {
  const text = line.trim();
  if (text === '{' || text === '}') return text;
  return text.replace(/^\}\s*/, '').replace(/\s*\{$/, '');
}

/**
 * Where the locked lines are in `text` (1-based, ascending), or undefined
 * when one of them was changed, removed or moved past another. The earliest
 * match is taken for each, which finds a placement whenever one exists.
 */
export function locateLockedLines(text: string, locked: LockedLines): number[] | undefined {
  const lines = text.split('\n');
  const found: number[] = [];
  let next = 0;
  for (const wanted of locked.texts) {
    while (next < lines.length && comparable(lines[next]!) !== wanted) next++;
    if (next >= lines.length) return undefined;
    found.push(next + 1);
    next++;
  }
  return found;
}

/**
 * The first locked line that `text` no longer has, for the refusal message:
 * its text, trimmed (or undefined when every locked line is in place).
 */
export function firstBrokenLockedLine(text: string, locked: LockedLines): string | undefined {
  const lines = text.split('\n');
  let next = 0;
  for (const wanted of locked.texts) {
    while (next < lines.length && comparable(lines[next]!) !== wanted) next++;
    if (next >= lines.length) return wanted;
    next++;
  }
  return undefined;
}
