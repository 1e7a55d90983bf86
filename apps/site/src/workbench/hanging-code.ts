// Code shown as plain text (the reference solution), wrapped the way the
// editor wraps it: on a phone a long line's later rows hang under the line's
// own indent, one step in, never back at column 0 where they would read as
// lines of their own. Each line is a block; its leading blanks sit in a box
// of their own (so its tabs keep their width) and the rest hangs from there
// (workbench.css: .wb-code-line). Copying it gives the source, tabs and all.
import { element } from './create-element.ts';

/** `source` as a `<code>` of one block per line, each with its indent (`--tabs`, `--spaces`) for the hanging rows. */
export function hangingCode(source: string): HTMLElement {
  const lines = source.replace(/\n$/, '').split('\n');
  return element('code', { class: 'wb-hanging-code' }, ...lines.map((line) => {
    const lead = /^[\t ]*/.exec(line)![0];
    const tabs = lead.split('').filter((c) => c === '\t').length;
    const style = `--tabs: ${tabs}; --spaces: ${lead.length - tabs}`;
    // Blocks copy as lines; an empty one holds a newline, so it keeps its height and copies as a blank line.
    return element('span', { class: 'wb-code-line', style }, lead ? element('span', { class: 'wb-code-lead' }, lead) : null, line === '' ? '\n' : line.slice(lead.length));
  }));
}
