// Code shown as plain text (the reference solution), wrapped the way the
// editor wraps it: on a phone a long line's later rows hang under the line's
// own indent, one step in, never back at column 0 where they would read as
// lines of their own. Each line is a full-width inline block (its leading
// blanks in a box of their own, so its tabs keep their width) and the
// newlines stay text between them (workbench.css: .wb-code-line), so the
// text, read or copied, is the source, tabs and blank lines and all.
import { element } from './create-element.ts';

/** `source` as a `<code>`: each non-empty line a `.wb-code-line` with its indent (`--tabs`, `--spaces`) for the hanging rows, newlines between. */
export function hangingCode(source: string): HTMLElement {
  const code = element('code', { class: 'wb-hanging-code' });
  source.replace(/\n$/, '').split('\n').forEach((line, i) => {
    if (i > 0) code.append('\n');
    if (line === '') return;
    const lead = /^[\t ]*/.exec(line)![0];
    const tabs = lead.split('').filter((c) => c === '\t').length;
    code.append(element('span', { class: 'wb-code-line', style: `--tabs: ${tabs}; --spaces: ${lead.length - tabs}` },
      lead ? element('span', { class: 'wb-code-lead' }, lead) : null, line.slice(lead.length)));
  });
  return code;
}
