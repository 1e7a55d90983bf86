// The text of a span of a test's source, for events and explanations that quote the code.
import type { Span } from './diagnostic.ts';

/** Returns the source text covered by a span (joined lines for multi-line spans). */
export function sourceSlicer(source: string): (span: Span) => string {
  const lines = source.split('\n');
  return (span) => {
    if (span.line < 1) return '';
    if (span.line === span.endLine) return (lines[span.line - 1] ?? '').slice(span.column - 1, span.endColumn - 1);
    const parts = [(lines[span.line - 1] ?? '').slice(span.column - 1)];
    for (let l = span.line + 1; l < span.endLine; l++) parts.push(lines[l - 1] ?? '');
    parts.push((lines[span.endLine - 1] ?? '').slice(0, span.endColumn - 1));
    return parts.map((p) => p.trim()).join(' ');
  };
}
