// Exports any program, kernel builtins included, as a plain herd7 C litmus
// test: the builtins expanded to the primitives they stand for (with the
// chosen TLB-flush flavour), everything else as written.
import type { Diagnostic } from './syntax/diagnostic.ts';
import { parseLitmus } from './syntax/parse-litmus.ts';
import { lower } from './program/lower.ts';
import type { FlushFlavour } from './program/kernel-objects.ts';
import { printLitmus, UnprintableError } from './program/print-litmus.ts';

export interface ExportOptions {
  /** How TLB flushes behave; overrides the test's `// @flush` (default `ipi`). */
  readonly flush?: FlushFlavour;
}

export interface ExportResult {
  readonly diagnostics: readonly Diagnostic[];
  /** The herd7 C text, when the program checks and herd7 can express it. */
  readonly text?: string;
}

/** The herd7 C litmus text of `source`; never throws on bad input. */
export function exportLitmus(source: string, options: ExportOptions = {}): ExportResult {
  const parsed = parseLitmus(source);
  if (!parsed.ast || parsed.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: parsed.diagnostics };
  const lowered = lower(parsed.ast, source, options.flush ? { flush: options.flush } : {});
  const diagnostics = [...parsed.diagnostics, ...lowered.diagnostics];
  if (!lowered.program || !lowered.expanded) return { diagnostics };
  const comment = lowered.program.usesKernelObjects
    ? [
        `Exported by Barrier Lab: kernel builtins expanded to LKMM primitives,`,
        `TLB flushes as ${lowered.program.flush === 'ipi' ? 'IPIs (a grace period waiting for IRQ-disabled sections)' : 'broadcasts (waiting for nobody)'}.`,
      ]
    : [];
  try {
    return { diagnostics, text: printLitmus(lowered.expanded, { comment }) };
  } catch (e) {
    if (!(e instanceof UnprintableError)) throw e;
    const span = { line: e.line, column: e.column, endLine: e.line, endColumn: e.column + 1 };
    return { diagnostics: [...diagnostics, { code: 'export/unsupported', message: e.message, span, severity: 'error' }] };
  }
}
