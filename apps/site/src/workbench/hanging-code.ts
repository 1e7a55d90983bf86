// Code shown as plain text (the reference solution), wrapped the way the
// editor wraps it: on a phone a long line's later rows hang under the line's
// own indent, one step in, never back at column 0 where they would read as
// lines of their own. Each line is a full-width inline block (its leading
// blanks in a box of their own, so its tabs keep their width) and the
// newlines stay text between them (hanging-code.css), so the text, read or
// copied, is the source, tabs and blank lines and all. Code written into the
// page on the server gets the same markup from hangingCodeHtml (code-lines.ts).
import { codeLines } from './code-lines.ts';
import { element } from './create-element.ts';
import './hanging-code.css';

/** `source` as a `<code>`: each non-empty line a `.wb-code-line` with its indent (`--tabs`, `--spaces`) for the hanging rows, newlines between. */
export function hangingCode(source: string): HTMLElement {
  const code = element('code', { class: 'wb-hanging-code' });
  codeLines(source).forEach((line, i) => {
    if (i > 0) code.append('\n');
    if (line === undefined) return;
    code.append(element('span', { class: 'wb-code-line', style: `--tabs: ${line.tabs}; --spaces: ${line.spaces}` },
      line.lead ? element('span', { class: 'wb-code-lead' }, line.lead) : null, line.text));
  });
  return code;
}
