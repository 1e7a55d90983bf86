// Quoting the source in explanations: the statement an event came from.
import type { WitnessEvent } from '../verdict/verdict.ts';

/**
 * The statement `e` came from, as written on its line (`r0 = READ_ONCE(*y)`,
 * without the `;`), when the line gives it plainly: the text from the
 * previous `;`, `{` or `}` to the next `;`. Otherwise (no source, a call
 * inside an `if` condition, a multi-line call) the call itself (`e.text`).
 */
export function statementText(source: string, e: WitnessEvent): string {
  if (source === '' || e.span.line < 1 || e.span.line !== e.span.endLine) return e.text;
  const line = source.split('\n')[e.span.line - 1] ?? '';
  const start = e.span.column - 1;
  let from = start;
  while (from > 0 && !';{}'.includes(line[from - 1]!)) from--;
  const semi = line.indexOf(';', e.span.endColumn - 1);
  const to = semi < 0 ? line.length : semi;
  const segment = line.slice(from, to).trim();
  const head = line.slice(from, start).trim();
  // `r0 = CALL`, `int r0 = CALL`, `CALL` alone: quote the statement; `if (CALL ...` and the like: the call.
  const plain = head === '' || /^(?:[A-Za-z_]\w*\s+\**)?\**[A-Za-z_]\w*\s*[-+*/%&|^]?=$/.test(head);
  return plain && segment !== '' ? segment : e.text;
}

/** Source line `line` (1-based) of `source`, without its newline. */
export function sourceLine(source: string, line: number): string {
  return (source.split('\n')[line - 1] ?? '').replace(/\r$/, '');
}
