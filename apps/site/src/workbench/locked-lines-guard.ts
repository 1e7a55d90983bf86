// Keeping locked lines locked while the learner types. The rule is on the
// text, not on keystrokes, so every way of editing (typing, pasting, cutting,
// dragging, find-and-replace, undo) is judged the same: every locked line of
// the starter must still be there, whole and on its own line, in the same
// order. New lines may go anywhere between them. Pure functions: the editor
// (code-editor.ts) calls them after each change and undoes a refused one.

/** The locked lines of a starter: their texts in order (trailing blanks ignored). */
export interface LockedLines {
  readonly texts: readonly string[];
}

/** The locked lines of `starter`, given their 1-based numbers. */
export function lockedLinesOf(starter: string, lines: readonly number[]): LockedLines {
  const all = starter.split('\n');
  return { texts: lines.map((line) => (all[line - 1] ?? '').trimEnd()) };
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
    while (next < lines.length && lines[next]!.trimEnd() !== wanted) next++;
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
    while (next < lines.length && lines[next]!.trimEnd() !== wanted) next++;
    if (next >= lines.length) return wanted.trim();
    next++;
  }
  return undefined;
}
