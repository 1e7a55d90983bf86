// A source's lines as the hanging layout needs them (hanging-code.css): each
// line's leading blanks apart, counted as tabs and spaces, so a wrapped
// line's later rows can start right of its own indent. Shared by the code
// drawn in the browser (hanging-code.ts: the reference solution) and the code
// written into the page on the server (hangingCodeHtml: an exercise's code
// before its editor loads, or without JavaScript), so both wrap alike.

/** One non-blank line of code: its leading blanks (`lead`, of `tabs` tabs and `spaces` spaces) and the rest (`text`). */
export interface CodeLine {
  readonly lead: string;
  readonly tabs: number;
  readonly spaces: number;
  readonly text: string;
}

/** The lines of `source` (one final newline dropped), `undefined` for an empty line. */
export function codeLines(source: string): readonly (CodeLine | undefined)[] {
  return source.replace(/\n$/, '').split('\n').map((line) => {
    if (line === '') return undefined;
    const lead = /^[\t ]*/.exec(line)![0];
    const tabs = lead.split('').filter((c) => c === '\t').length;
    return { lead, tabs, spaces: lead.length - tabs, text: line.slice(lead.length) };
  });
}

const escapes: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => escapes[c]!);

/**
 * `source` as the HTML of a `<code class="wb-hanging-code">`, for a page
 * written on the server: the markup hanging-code.ts builds in the browser
 * (each non-empty line a `.wb-code-line` with its `--tabs` and `--spaces`,
 * its leading blanks in a `.wb-code-lead`, newlines as text between lines),
 * so the text, read or copied, is the source.
 */
export function hangingCodeHtml(source: string): string {
  const lines = codeLines(source).map((line) => line === undefined ? '' : `<span class="wb-code-line" style="--tabs: ${line.tabs}; --spaces: ${line.spaces}">${
    line.lead ? `<span class="wb-code-lead">${line.lead}</span>` : ''}${escapeHtml(line.text)}</span>`);
  return `<code class="wb-hanging-code">${lines.join('\n')}</code>`;
}
