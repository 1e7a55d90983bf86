// Where code drawn as text wraps: for each source line, where its first
// non-blank character is drawn and where each later row of it starts. A
// long line whose later rows start at or left of its first character reads
// as lines of its own; hanging under its indent, it reads as one.
import type { Locator } from 'playwright-core';

/** One source line drawn on more than one row. */
export interface WrappedLine {
  /** Its first 30 characters, trimmed. */
  readonly line: string;
  /** The left edge of its first non-blank character (viewport px). */
  readonly first: number;
  /** The left edge of each later row (viewport px). */
  readonly later: readonly number[];
}

/**
 * The lines of `lines` (in order, as `code`'s text holds them, with only
 * blanks between) that `code` draws on more than one row.
 */
export function wrappedLines(code: Locator, lines: readonly string[]): Promise<WrappedLine[]> {
  return code.evaluate((el, source) => {
    const nodes: { node: Text; from: number }[] = [];
    let text = '';
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      nodes.push({ node: n as Text, from: text.length });
      text += n.textContent ?? '';
    }
    const at = (offset: number): [Text, number] => {
      const hit = [...nodes].reverse().find((n) => n.from <= offset)!;
      return [hit.node, offset - hit.from];
    };
    const rows: { line: string; first: number; later: number[] }[] = [];
    let cursor = 0;
    for (const line of source) {
      if (line.trim() === '') continue;
      const found = text.indexOf(line, cursor);
      if (found < 0 || text.slice(cursor, found).trim() !== '') throw new Error(`the code does not show the line ${JSON.stringify(line)} next`);
      const blank = line.search(/\S/);
      const range = document.createRange();
      range.setStart(...at(found + blank));
      range.setEnd(...at(found + line.length));
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      const tops = [...new Set(rects.map((r) => Math.round(r.top)))];
      const lefts = tops.map((top) => Math.min(...rects.filter((r) => Math.round(r.top) === top).map((r) => r.left)));
      if (lefts.length > 1) rows.push({ line: line.trim().slice(0, 30), first: lefts[0]!, later: lefts.slice(1) });
      cursor = found + line.length;
    }
    return rows;
  }, lines);
}

/** The lines of `wrapped` with a later row starting at or left of their first character. */
export function linesBackAtTheirStart(wrapped: readonly WrappedLine[]): string[] {
  return wrapped.filter((r) => r.later.some((left) => left <= r.first + 1)).map((r) => r.line);
}

/** `code`'s text as a reader selecting it all and copying it gets it. */
export function copiedText(code: Locator): Promise<string> {
  return code.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    const text = getSelection()!.toString();
    getSelection()!.removeAllRanges();
    return text;
  });
}
