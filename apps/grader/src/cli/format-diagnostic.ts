import type { Diagnostic } from '@barrier-lab/engine';

/**
 * A diagnostic as compilers print it: `file:line:col: error: message`, the
 * source line, and a caret under the span; then the hint, if any. Without
 * `source` (a file refused before it was read as text: empty, binary, not
 * UTF-8) the first line and the hint alone.
 */
export function formatDiagnostic(file: string, source: string | undefined, d: Diagnostic): string {
  const head = `${file}:${d.span.line}:${d.span.column}: ${d.severity}: ${d.message} [${d.code}]`;
  if (source === undefined) return `${[head, ...(d.hint ? [`  = hint: ${d.hint}`] : [])].join('\n')}\n`;
  const lines = source.split('\n');
  const text = (lines[d.span.line - 1] ?? '').replace(/\r$/, '').replace(/\t/g, ' ');
  const width = d.span.endLine === d.span.line ? Math.max(1, d.span.endColumn - d.span.column) : Math.max(1, text.length - d.span.column + 1);
  const gutter = String(d.span.line).length;
  const out = [
    head,
    `${' '.repeat(gutter)} |`,
    `${d.span.line} | ${text}`,
    `${' '.repeat(gutter)} | ${' '.repeat(Math.max(0, d.span.column - 1))}${'^'.repeat(width)}`,
  ];
  if (d.hint) out.push(`${' '.repeat(gutter)} = hint: ${d.hint}`);
  return `${out.join('\n')}\n`;
}
