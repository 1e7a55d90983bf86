// Prints a litmus AST as herd7 C litmus text. Used to export programs that
// use kernel builtins (after expansion) as tests herd7 runs unchanged: only
// herd7's syntax and primitives appear in the output.
import type {
  ConditionTarget, ConditionValue, Expr, FinalCondition, InitItem, LitmusAst, Prop, Stmt, TypeRef,
} from '../syntax/ast.ts';

/** Why an AST cannot be printed for herd7 (herd7's C has only `while` loops). */
export class UnprintableError extends Error {
  constructor(message: string, readonly line: number, readonly column: number) {
    super(message);
  }
}

export interface PrintOptions {
  /** Lines of a comment to put under the name. */
  readonly comment?: readonly string[];
}

/** The herd7 C text of `ast`; throws UnprintableError for constructs herd7 lacks (`for`, `do`, `break`, `continue`). */
export function printLitmus(ast: LitmusAst, options: PrintOptions = {}): string {
  const out: string[] = [`C ${ast.name.name}`];
  if (ast.doc !== undefined) out.push(`"${ast.doc.replace(/"/g, "'")}"`);
  // Information lines carry on (herd7 reads its unroll bound from `Unroll=`);
  // a bound given by a `@unroll` comment becomes one, since herd7 ignores comments.
  const info = ast.info ?? [];
  for (const { key, value } of info) out.push(`${key}=${value}`);
  if (ast.unroll !== undefined && !info.some((i) => i.key.toLowerCase() === 'unroll')) out.push(`Unroll=${ast.unroll}`);
  if (options.comment?.length) {
    out.push('', '(*', ...options.comment.map((l) => (l === '' ? ' *' : ` * ${l.replace(/\(\*/g, '( *').replace(/\*\)/g, '* )')}`)), ' *)');
  }
  out.push('', '{');
  for (const item of ast.init) out.push(`\t${initItem(item)}`);
  out.push('}');
  for (const thread of ast.threads) {
    const params = thread.params.map((p) => `${type(p.type)}${p.name.name}`).join(', ');
    out.push('', `P${thread.index}(${params})`, '{');
    for (const s of thread.body.body) out.push(...stmt(s, 1));
    out.push('}');
  }
  out.push('');
  if (ast.locations.length > 0) out.push(`locations [${ast.locations.map(target).join('; ')};]`);
  if (ast.filter) out.push(`filter (${prop(ast.filter)})`);
  if (ast.condition) out.push(condition(ast.condition));
  return `${out.join('\n')}\n`;
}

/** Base types herd7's C parser knows; other integer types are printed as `int`. */
const herdTypes = new Set(['int', 'atomic_t', 'spinlock_t', 'struct srcu_struct', 'char', 'long', 'short']);

function type(t: TypeRef): string {
  return `${herdTypes.has(t.base) && t.base !== 'long' ? t.base : 'int'} ${'*'.repeat(t.pointer)}`;
}

function initItem(item: InitItem): string {
  const name = item.target.kind === 'location' ? item.target.name : `${item.target.thread}:${item.target.name}`;
  const prefix = item.type ? type(item.type) : '';
  if (!item.value) return `${prefix}${name};`;
  const value = item.value.kind === 'number' ? String(item.value.value) : item.type && item.type.pointer > 0 ? `&${item.value.name}` : item.value.name;
  return `${prefix}${name} = ${value};`;
}

function stmt(s: Stmt, depth: number): string[] {
  const pad = '\t'.repeat(depth);
  switch (s.kind) {
    case 'block':
      return [`${pad}{`, ...s.body.flatMap((b) => stmt(b, depth + 1)), `${pad}}`];
    case 'decl':
      return [`${pad}${type(s.type)}${s.declarators.map((d) => `${'*'.repeat(d.pointer)}${d.name.name}${d.init ? ` = ${expr(d.init)}` : ''}`).join(', ')};`];
    case 'expr':
      return [`${pad}${expr(s.expr)};`];
    case 'empty':
      return [];
    case 'if': {
      const lines = [`${pad}if (${expr(s.test)}) {`, ...body(s.then, depth + 1), `${pad}}`];
      if (s.otherwise) lines.push(`${pad}else {`, ...body(s.otherwise, depth + 1), `${pad}}`);
      return lines;
    }
    case 'while':
      if (!s.doWhile) return [`${pad}while (${expr(s.test)}) {`, ...body(s.body, depth + 1), `${pad}}`];
      throw new UnprintableError("herd7 has no 'do ... while' loops: this test cannot be exported", s.span.line, s.span.column);
    case 'for':
    case 'break':
    case 'continue':
      throw new UnprintableError(`herd7 has no '${s.kind}': this test cannot be exported`, s.span.line, s.span.column);
  }
}

function body(s: Stmt, depth: number): string[] {
  return s.kind === 'block' ? s.body.flatMap((b) => stmt(b, depth)) : stmt(s, depth);
}

function expr(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return e.value < 0 ? `(${e.value})` : String(e.value);
    case 'name':
      return e.name;
    case 'unary':
      // herd7's C has no `!`: write `!e` as `e == 0`.
      return e.op === '!' ? `${atom(e.operand)} == 0` : `${e.op}${atom(e.operand)}`;
    case 'binary':
      return `${atom(e.left)} ${e.op} ${atom(e.right)}`;
    case 'conditional':
      return `${atom(e.test)} ? ${atom(e.then)} : ${atom(e.otherwise)}`;
    case 'assign':
      return `${expr(e.target)} ${e.op} ${expr(e.value)}`;
    case 'call':
      return `${e.callee.name}(${e.args.map(expr).join(', ')})`;
    case 'cast':
      return `(${type(e.type).trim()})${atom(e.operand)}`;
  }
}

/** An operand: parenthesised unless it is already atomic. */
function atom(e: Expr): string {
  return e.kind === 'number' || e.kind === 'name' || e.kind === 'call' || e.kind === 'unary' ? expr(e) : `(${expr(e)})`;
}

function target(t: ConditionTarget): string {
  return t.kind === 'register' ? `${t.thread}:${t.name}` : t.name;
}

function value(v: ConditionValue): string {
  if (v.kind === 'target') return v.target.kind === 'register' ? target(v.target) : `[${v.target.name}]`;
  return v.kind === 'number' ? String(v.value) : v.name;
}

function prop(p: Prop): string {
  switch (p.kind) {
    case 'atom':
      return `${target(p.target)}${p.op}${value(p.value)}`;
    case 'and':
      return `${propAtom(p.left)} /\\ ${propAtom(p.right)}`;
    case 'or':
      return `${propAtom(p.left)} \\/ ${propAtom(p.right)}`;
    case 'implies':
      return `${propAtom(p.left)} => ${propAtom(p.right)}`;
    case 'not':
      return `~${propAtom(p.operand)}`;
    case 'true':
    case 'false':
      return p.kind;
  }
}

function propAtom(p: Prop): string {
  return p.kind === 'atom' || p.kind === 'true' || p.kind === 'false' ? prop(p) : `(${prop(p)})`;
}

function condition(c: FinalCondition): string {
  const word = c.quantifier === 'not exists' ? '~exists' : c.quantifier;
  return `${word} (${prop(c.prop)})`;
}
