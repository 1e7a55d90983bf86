// Exports any program, kernel builtins included, as a plain herd7 C litmus
// test: the builtins expanded to the primitives they stand for (with the
// chosen TLB-flush flavour and implementation), everything else as written.
import type { Diagnostic } from '../syntax/diagnostic.ts';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { lower } from '../program/lower.ts';
import type { HiddenNames } from '../program/expand-kernel-objects.ts';
import type { FlushFlavour, KernelArch } from '../program/kernel-objects.ts';
import { printLitmus, UnprintableError } from '../program/print-litmus.ts';

export interface ExportOptions {
  /** How TLB flushes behave; overrides the test's `// @flush` (default `ipi`). */
  readonly flush?: FlushFlavour;
  /**
   * Which implementation the builtins stand for (default `generic`, what
   * herd7's LKMM checks). `x86` is the program whose tso verdict Barrier Lab
   * gives: run it under tso to see the same.
   */
  readonly arch?: KernelArch;
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
  const lowered = lower(parsed.ast, source, { ...(options.flush ? { flush: options.flush } : {}), ...(options.arch ? { arch: options.arch } : {}) });
  const diagnostics = [...parsed.diagnostics, ...lowered.diagnostics];
  if (!lowered.program || !lowered.expanded) return { diagnostics };
  const comment = lowered.program.usesKernelObjects
    ? [
        lowered.program.arch === 'x86'
          ? 'Exported by Barrier Lab: kernel builtins expanded as x86 implements them (ptep_get_and_clear() is xchg()), for the tso model,'
          : 'Exported by Barrier Lab: kernel builtins expanded to LKMM primitives (the generic implementations),',
        `TLB flushes as ${lowered.program.flush === 'ipi'
          ? 'IPIs (a grace period waiting for IRQ-disabled sections)'
          : 'broadcasts (waiting for nobody; a full barrier on the flushing CPU)'}.`,
        ...hiddenNamesComment(lowered.hidden),
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

/** What each hidden register holds, by the name it was asked for. */
function registerRole(base: string, tlb: string | undefined): string | undefined {
  switch (base) {
    case 'ignored':
      return 'the value of a call whose result the code drops (herd7 takes such a call only after =)';
    case 'tlb_idx':
      return `the srcu_read_lock(${tlb ?? 'tlb'}) index of a user access`;
    case 'tlb_pte':
      return 'the translation a user access uses: the PTE as the TLB has it, maybe stale';
    default:
      return undefined;
  }
}

/** Comment lines naming what the expansion added: the TLB's SRCU domain and the hidden registers. */
function hiddenNamesComment(hidden: HiddenNames | undefined): string[] {
  if (!hidden || (!hidden.tlb && hidden.registers.length === 0)) return [];
  const lines = ['', 'Names the expansion added (the original program does not have them):'];
  if (hidden.tlb) {
    lines.push(
      `- ${hidden.tlb}: the TLB as an SRCU domain, a parameter of every thread. A user`,
      '  access is a read-side critical section of it, and a TLB flush calls',
      `  synchronize_srcu(${hidden.tlb}), which waits for accesses still using the old translation.`,
    );
  }
  for (const r of hidden.registers) {
    const role = registerRole(r.base, hidden.tlb);
    lines.push(`- ${r.name}, a register of P${r.thread}${role ? `: ${role}` : ''}.`);
  }
  return lines;
}
