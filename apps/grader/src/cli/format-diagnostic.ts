import type { Diagnostic } from '@barrier-lab/engine';

/**
 * A diagnostic as compilers print it: `file:line:col: error: message`, the
 * source line, and a caret under the span; then the hint, if any.
 */
export function formatDiagnostic(file: string, source: string, d: Diagnostic): string {
  const lines = source.split('\n');
  const text = (lines[d.span.line - 1] ?? '').replace(/\r$/, '').replace(/\t/g, ' ');
  const width = d.span.endLine === d.span.line ? Math.max(1, d.span.endColumn - d.span.column) : Math.max(1, text.length - d.span.column + 1);
  const gutter = String(d.span.line).length;
  const out = [
    `${file}:${d.span.line}:${d.span.column}: ${d.severity}: ${d.message} [${d.code}]`,
    `${' '.repeat(gutter)} |`,
    `${d.span.line} | ${text}`,
    `${' '.repeat(gutter)} | ${' '.repeat(Math.max(0, d.span.column - 1))}${'^'.repeat(width)}`,
  ];
  if (d.hint) out.push(`${' '.repeat(gutter)} = hint: ${d.hint}`);
  return `${out.join('\n')}\n`;
}
