// The abstract syntax of a litmus test: herd7's C litmus format, plus the
// kernel-C extensions of Barrier Lab (loops with an unroll bound, kernel-object
// builtins, which are ordinary calls at this stage). Every node carries the span
// of the source text it came from, so later stages can point back at it.
import type { Span } from './diagnostic.ts';

/** A type as written: `int`, `int *`, `atomic_t *`, `struct srcu_struct *`, `spinlock_t`. */
export interface TypeRef {
  readonly base: string;
  /** Number of `*` after the base type. */
  readonly pointer: number;
  readonly span: Span;
}

export interface Identifier {
  readonly name: string;
  readonly span: Span;
}

// ───────────────────────── expressions ─────────────────────────

export type Expr =
  | NumberExpr
  | NameExpr
  | UnaryExpr
  | BinaryExpr
  | ConditionalExpr
  | CallExpr
  | AssignExpr
  | CastExpr;

export interface NumberExpr {
  readonly kind: 'number';
  readonly value: number;
  readonly span: Span;
}

/** A local variable, a parameter, or (in init) a shared location. */
export interface NameExpr {
  readonly kind: 'name';
  readonly name: string;
  readonly span: Span;
}

export interface UnaryExpr {
  readonly kind: 'unary';
  /** `*` dereference, `&` address-of, `-` negation, `!` logical not, `~` bitwise not. */
  readonly op: '*' | '&' | '-' | '!' | '~' | '+';
  readonly operand: Expr;
  readonly span: Span;
}

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '%'
  | '&' | '|' | '^' | '<<' | '>>'
  | '==' | '!=' | '<' | '<=' | '>' | '>='
  | '&&' | '||';

export interface BinaryExpr {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

export interface ConditionalExpr {
  readonly kind: 'conditional';
  readonly test: Expr;
  readonly then: Expr;
  readonly otherwise: Expr;
  readonly span: Span;
}

/** `f(a, b)`: every primitive (READ_ONCE, smp_mb, atomic_add, ...) is a call here. */
export interface CallExpr {
  readonly kind: 'call';
  readonly callee: Identifier;
  readonly args: readonly Expr[];
  readonly span: Span;
}

/** `target = value`, `target += value`, `target++` (as `+=` 1), ... */
export interface AssignExpr {
  readonly kind: 'assign';
  readonly op: '=' | '+=' | '-=' | '*=' | '/=' | '%=' | '&=' | '|=' | '^=' | '<<=' | '>>=';
  readonly target: Expr;
  readonly value: Expr;
  readonly span: Span;
}

/** `(int *)e`, `(unsigned long)e`: kept so the span is right; the value is unchanged. */
export interface CastExpr {
  readonly kind: 'cast';
  readonly type: TypeRef;
  readonly operand: Expr;
  readonly span: Span;
}

// ───────────────────────── statements ─────────────────────────

export type Stmt =
  | BlockStmt
  | DeclStmt
  | ExprStmt
  | IfStmt
  | WhileStmt
  | ForStmt
  | EmptyStmt
  | BreakStmt
  | ContinueStmt;

export interface BlockStmt {
  readonly kind: 'block';
  readonly body: readonly Stmt[];
  readonly span: Span;
}

export interface Declarator {
  readonly name: Identifier;
  /** Extra `*`s written on this declarator (`int *p, q;` gives p one, q none). */
  readonly pointer: number;
  readonly init?: Expr;
  readonly span: Span;
}

/** `int r0;`, `int r0 = 1, r1;`, `int *p;` */
export interface DeclStmt {
  readonly kind: 'decl';
  readonly type: TypeRef;
  readonly declarators: readonly Declarator[];
  readonly span: Span;
}

export interface ExprStmt {
  readonly kind: 'expr';
  readonly expr: Expr;
  readonly span: Span;
}

export interface IfStmt {
  readonly kind: 'if';
  readonly test: Expr;
  readonly then: Stmt;
  readonly otherwise?: Stmt;
  readonly span: Span;
}

/** `while (test) body` (also `do body while (test);` with `doWhile: true`). */
export interface WhileStmt {
  readonly kind: 'while';
  readonly test: Expr;
  readonly body: Stmt;
  readonly doWhile: boolean;
  readonly span: Span;
}

/** `for (init; test; update) body`; each part may be missing. */
export interface ForStmt {
  readonly kind: 'for';
  readonly init?: DeclStmt | ExprStmt;
  readonly test?: Expr;
  readonly update?: Expr;
  readonly body: Stmt;
  readonly span: Span;
}

export interface EmptyStmt {
  readonly kind: 'empty';
  readonly span: Span;
}

export interface BreakStmt {
  readonly kind: 'break';
  readonly span: Span;
}

export interface ContinueStmt {
  readonly kind: 'continue';
  readonly span: Span;
}

// ───────────────────────── the test ─────────────────────────

export interface Param {
  readonly type: TypeRef;
  readonly name: Identifier;
  readonly span: Span;
}

/** `P0(int *x, int *y) { ... }` */
export interface ThreadDecl {
  /** The number in `P<n>`. */
  readonly index: number;
  readonly name: Identifier;
  readonly params: readonly Param[];
  readonly body: BlockStmt;
  readonly span: Span;
}

/**
 * One item of the init block. Forms: `x=1;`, `int x=1;`, `int *p=&x;`,
 * `p=x;` (p holds x's address), `0:r1=2;` (a register of thread 0),
 * `spinlock_t l;` (declaration without value).
 */
export interface InitItem {
  readonly type?: TypeRef;
  readonly target: InitTarget;
  /** Missing when only declared (`int x;`, `spinlock_t l;`). */
  readonly value?: InitValue;
  readonly span: Span;
}

export type InitTarget =
  | { readonly kind: 'location'; readonly name: string; readonly span: Span }
  | { readonly kind: 'register'; readonly thread: number; readonly name: string; readonly span: Span };

/** A number, or the address of a location (`x` or `&x` — herd reads both as the address). */
export type InitValue =
  | { readonly kind: 'number'; readonly value: number; readonly span: Span }
  | { readonly kind: 'address'; readonly name: string; readonly span: Span };

// ───────────────────────── conditions ─────────────────────────

/** What a condition atom talks about. */
export type ConditionTarget =
  | { readonly kind: 'register'; readonly thread: number; readonly name: string; readonly span: Span }
  /** `x`, `[x]` or `*x`: the final value of shared location x. */
  | { readonly kind: 'location'; readonly name: string; readonly span: Span };

export type ConditionValue =
  | { readonly kind: 'number'; readonly value: number; readonly span: Span }
  /** A location name used as a value: a pointer to it (`1:r0=x`). */
  | { readonly kind: 'address'; readonly name: string; readonly span: Span }
  /**
   * Another register or location, compared with the atom's target (herd7's
   * location-to-location atoms): `1:r1=1:r2`, `[x]=[y]`, `x=*y`, `0:r1=[x]`.
   * A bare name on the right stays an address (`x=y`: x points to y).
   */
  | { readonly kind: 'target'; readonly target: ConditionTarget; readonly span: Span };

export type Prop =
  | { readonly kind: 'atom'; readonly target: ConditionTarget; readonly op: '=' | '!='; readonly value: ConditionValue; readonly span: Span }
  | { readonly kind: 'and' | 'or' | 'implies'; readonly left: Prop; readonly right: Prop; readonly span: Span }
  | { readonly kind: 'not'; readonly operand: Prop; readonly span: Span }
  | { readonly kind: 'true' | 'false'; readonly span: Span };

/** `exists P`, `~exists P` (also `~ exists`), `forall P`. */
export interface FinalCondition {
  readonly quantifier: 'exists' | 'not exists' | 'forall';
  readonly prop: Prop;
  readonly span: Span;
}

/** One `Key=value` information line between the header and the init block (diy writes `Cycle=`, `Relax=`, ...). */
export interface InfoItem {
  readonly key: string;
  readonly value: string;
  readonly span: Span;
}

/** The whole test. */
/** One entry of a `regions:` clause: a location and the regions it lies in. */
export interface RegionItem {
  readonly location: Identifier;
  readonly regions: readonly Identifier[];
  readonly span: Span;
}

export interface LitmusAst {
  /** The architecture word on the first line; `C` for every test we run. */
  readonly arch: Identifier;
  /** The test's name: the rest of the first line's first word (`MP+pooncerelease+poacquireonce`). */
  readonly name: Identifier;
  /** The optional quoted string after the name line (diy puts the test's cycle there). */
  readonly doc?: string;
  /** The `Key=value` lines before the init block, in order (kept as metadata; `Unroll=N` sets the unroll bound). */
  readonly info?: readonly InfoItem[];
  readonly init: readonly InitItem[];
  readonly threads: readonly ThreadDecl[];
  /** `locations [x; 1:r0;]`: extra things to show in each final state. */
  readonly locations: readonly ConditionTarget[];
  readonly filter?: Prop;
  readonly condition?: FinalCondition;
  /**
   * herd7's `regions: x: global, y: shared local` after the threads: which
   * memory regions of a Bell model each location lies in. Kept as written;
   * the LKMM declares no regions and herd7 prints the same with or without it.
   */
  readonly regions?: readonly RegionItem[];
  /**
   * `// @unroll N` or `(* @unroll N *)` anywhere in the file: the loop unroll bound
   * for this test (kernel-C extension; herd7 ignores it as a comment).
   */
  readonly unroll?: number;
  /**
   * `// @flush ipi` or `// @flush broadcast`: how the kernel objects' TLB
   * flushes behave (kernel-C extension; herd7 ignores it as a comment).
   */
  readonly flush?: 'ipi' | 'broadcast';
  readonly span: Span;
}
