// The kernel's own objects, as builtins that read like mm/gup.c, mm/ksm.c,
// mm/rmap.c, mm/migrate.c and include/linux/rmap.h and expand to the LKMM
// primitives of primitives.ts. Everything stays exportable to herd7: the
// expansion of a program is a plain C litmus test (see print-litmus.ts).
//
// Modelling (../shared/design/SEED-NOTES.md): a folio's `_refcount` is an
// atomic_t; a pin adds GUP_PIN_COUNTING_BIAS (1024) with a non-value-returning
// atomic; page flags are bits of an int changed with non-value-returning
// atomic bit operations; a PTE is a small integer (0 none, 1 present and
// writable, 2 present and read-only, 3 a swap or migration entry); GUP-fast's
// IRQ-disabled section is an RCU read-side section, and an IPI-based TLB flush
// is a grace period that waits for it, while a broadcast (hardware) flush
// waits for nobody but is a full barrier on the flushing CPU (arm64: TLBI
// then DSB). User accesses through a CPU's TLB are readers of an SRCU domain
// that flushes wait for (kernel-objects-tlb.ts).
//
// A builtin stands for one implementation of the kernel function: the
// generic one (include/linux, asm-generic), the weakest reading and the one
// LKMM verdicts are about, or x86's (arch/x86), the strongest, which sc and
// tso verdicts are about (KernelArch; the model picks it, models/catalog.ts
// kernelArchFor()).
//
// The builtins themselves live in files named for what they model:
// kernel-objects-pages.ts (folios, pins, page flags, rmap),
// kernel-objects-page-tables.ts (PTEs, PMDs, the page-table lock, freeing
// page tables) and kernel-objects-tlb.ts (IRQs, TLB flushes, user accesses).
import type { Expr, NameExpr, Stmt } from '../syntax/ast.ts';
import type { Span } from '../syntax/diagnostic.ts';
import { pageBuiltins } from './kernel-objects-pages.ts';
import { pageTableBuiltins } from './kernel-objects-page-tables.ts';
import { tlbBuiltins } from './kernel-objects-tlb.ts';

/**
 * How TLB flushes behave: `ipi` waits for every CPU to take the interrupt (a
 * grace period); `broadcast` waits for nobody, but is a full barrier on the
 * flushing CPU. Both are full barriers.
 */
export type FlushFlavour = 'ipi' | 'broadcast';

/**
 * Which implementation the builtins stand for. `generic`: the kernel's
 * generic code, the weakest reading (ptep_get_and_clear() reads the PTE and
 * then clears it; the default, and what LKMM verdicts are about). `x86`:
 * arch/x86's (ptep_get_and_clear() and pmdp_establish() are a fully ordered
 * xchg(); atomic read-modify-writes are LOCK-prefixed, which the tso model
 * itself makes full barriers), what sc and tso verdicts are about.
 */
export type KernelArch = 'generic' | 'x86';

/** Both implementations, in the order the docs list them. */
export const kernelArchs: readonly KernelArch[] = ['generic', 'x86'];

/** Named constants of the kernel objects (a parameter or local of the same name hides one). */
export const kernelConstants: ReadonlyMap<string, number> = new Map([
  ['GUP_PIN_COUNTING_BIAS', 1024],
  ['PTE_NONE', 0],
  ['PTE_WRITE', 1],
  ['PTE_RDONLY', 2],
  // A swap-type entry (swap or migration, `swp_pte` in mm/rmap.c): not present.
  ['PTE_SWAP', 3],
  ['PMD_NONE', 0],
  // A PMD that points to a page table (pmd_populate()).
  ['PMD_TABLE', 4],
  // A huge PMD after pmdp_invalidate(): still pmd_present(), but neither
  // writable nor accessible, so GUP-fast backs off.
  ['PMD_INVALID', 5],
  // What a page table's memory holds once freed and reused: the slab poison
  // byte POISON_FREE (include/linux/poison.h, 0x6b).
  ['PT_FREED', 0x6b],
  ['PG_anon_exclusive', 1],
  ['EFAULT', 14],
  ['EBUSY', 16],
  ['NULL', 0],
]);

/** What every builtin carries for documentation, hints and grading. */
interface BuiltinDoc {
  readonly name: string;
  /** Accepted argument counts (kernel signatures carry mm/vma/address arguments we ignore). */
  readonly arities: readonly number[];
  /** The kernel source it mirrors. */
  readonly mirrors: string;
  /** What it means, for docs and hints. */
  readonly summary: string;
  /** Relative cost for grading: barriers, flushes and grace periods cost, plain operations do not. */
  readonly cost: number;
  /**
   * The kernel constant one argument's location is counted in (a pin adds
   * GUP_PIN_COUNTING_BIAS to the refcount): explanations show that
   * location's values by the constant's name (explain/value-names.ts).
   */
  readonly unit?: { readonly argument: number; readonly constant: string };
  /**
   * The kernel constant the builtin stores in the entry its argument points
   * to (pmd_clear() stores PMD_NONE, pte_free() PT_FREED): explanations show
   * that entry's value by the constant's name, found where the builtin's own
   * expansion stores the constant's value (explain/value-names.ts). A name
   * only: the expansion, every verdict and herd7's output stay as they are.
   */
  readonly stores?: string;
}

/** What an expression builtin becomes. */
export interface Expansion {
  readonly expr: Expr;
}

/** A builtin that is an expression: it expands to one expression and may be used anywhere. */
export interface ExpressionBuiltin extends BuiltinDoc {
  readonly form: 'expression';
  /**
   * The expression it stands for. No expression builtin depends on the flush
   * flavour (flushes are statement builtins); callers pass it all the same.
   */
  expand(args: readonly Expr[], span: Span, flush: FlushFlavour): Expansion;
}

/** A statement builtin as written: its arguments and the register its result goes to. */
export interface StatementCall {
  readonly args: readonly Expr[];
  /** `ret` in `ret = f(...);` or `int ret = f(...);`. */
  readonly result?: NameExpr;
  readonly span: Span;
}

/** What a statement builtin may ask of the program it is expanded in. */
export interface StatementContext {
  readonly flush: FlushFlavour;
  /** The implementation the builtins stand for. */
  readonly arch: KernelArch;
  /**
   * The name of the TLB's SRCU domain (a hidden `struct srcu_struct *`
   * parameter of every thread) when the program makes user accesses through
   * the TLB; undefined when it makes none.
   */
  readonly tlb: string | undefined;
  /** A hidden register of the current thread, declared at its top: `base`, or `base` with a number when taken. */
  register(base: string): string;
}

/**
 * A builtin that stands for several statements (barriers, branches, a flush
 * and its clear). It must be a statement of its own: `f(...);`, or with
 * `result` allowed, `ret = f(...);` / `int ret = f(...);`.
 */
export interface StatementBuiltin extends BuiltinDoc {
  readonly form: 'statement';
  /** How it is written, for diagnostics: `ret = page_try_share_anon_rmap(refcount, flags);`. */
  readonly usage: string;
  /** Whether its value must be, may be or cannot be assigned to a register. */
  readonly result: 'required' | 'optional' | 'none';
  /** It is a user access through a CPU's TLB: the program gets the TLB's SRCU domain. */
  readonly throughTlb?: boolean;
  /** The statements it stands for; they may use other builtins, which are expanded in turn. */
  expand(call: StatementCall, context: StatementContext): Stmt[];
}

/** A kernel builtin: an expression, or a statement that expands to several. */
export type KernelBuiltin = ExpressionBuiltin | StatementBuiltin;

const table: readonly KernelBuiltin[] = [...pageBuiltins, ...pageTableBuiltins, ...tlbBuiltins];
const expressions = new Map(table.flatMap((b) => (b.form === 'expression' ? [[b.name, b] as const] : [])));
const statements = new Map(table.flatMap((b) => (b.form === 'statement' ? [[b.name, b] as const] : [])));

/** The expression builtin called `name` (`ptep_get_lockless`, `try_grab_folio`, ...), or undefined. */
export function kernelBuiltin(name: string): ExpressionBuiltin | undefined {
  return expressions.get(name);
}

/** The statement builtin called `name` (`ptep_clear_flush`, `page_try_share_anon_rmap`, ...), or undefined. */
export function statementBuiltin(name: string): StatementBuiltin | undefined {
  return statements.get(name);
}

/** Every kernel builtin, expression and statement builtins alike, for documentation and completion. */
export function kernelBuiltins(): readonly KernelBuiltin[] {
  return table;
}
