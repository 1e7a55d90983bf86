// Names an expansion adds to a program (the TLB's SRCU domain, a thread's
// hidden registers) must not clash with the learner's own, and must be
// plain identifiers herd7's C lexer accepts (letters, digits, `_`).
import type { Expr, LitmusAst, Prop, Stmt, ThreadDecl } from '../syntax/ast.ts';

/** Calls `name` for every identifier of `thread` and `call` for every callee. */
export function visitThread(thread: ThreadDecl, name: (n: string) => void, call: (callee: string) => void = () => {}): void {
  const expr = (e: Expr): void => {
    switch (e.kind) {
      case 'number':
        return;
      case 'name':
        return name(e.name);
      case 'unary':
      case 'cast':
        return expr(e.operand);
      case 'binary':
        expr(e.left);
        return expr(e.right);
      case 'conditional':
        expr(e.test);
        expr(e.then);
        return expr(e.otherwise);
      case 'assign':
        expr(e.target);
        return expr(e.value);
      case 'call':
        call(e.callee.name);
        return e.args.forEach(expr);
    }
  };
  const stmt = (s: Stmt): void => {
    switch (s.kind) {
      case 'block':
        return s.body.forEach(stmt);
      case 'decl':
        for (const d of s.declarators) {
          name(d.name.name);
          if (d.init) expr(d.init);
        }
        return;
      case 'expr':
        return expr(s.expr);
      case 'if':
        expr(s.test);
        stmt(s.then);
        if (s.otherwise) stmt(s.otherwise);
        return;
      case 'while':
        expr(s.test);
        return stmt(s.body);
      case 'for':
        if (s.init) stmt(s.init);
        if (s.test) expr(s.test);
        if (s.update) expr(s.update);
        return stmt(s.body);
      case 'empty':
      case 'break':
      case 'continue':
        return;
    }
  };
  for (const p of thread.params) name(p.name.name);
  stmt(thread.body);
}

/** Every identifier of `thread`: parameters, locals, names in its code. */
export function threadNames(thread: ThreadDecl): Set<string> {
  const names = new Set<string>();
  visitThread(thread, (n) => names.add(n));
  return names;
}

/** Every identifier of the program: init items, every thread's names, the names the conditions use. */
export function programNames(ast: LitmusAst): Set<string> {
  const names = new Set<string>();
  for (const item of ast.init) {
    names.add(item.target.name);
    if (item.value?.kind === 'address') names.add(item.value.name);
  }
  for (const t of ast.threads) for (const n of threadNames(t)) names.add(n);
  const prop = (p: Prop): void => {
    switch (p.kind) {
      case 'atom':
        names.add(p.target.name);
        if (p.value.kind === 'address') names.add(p.value.name);
        return;
      case 'and':
      case 'or':
      case 'implies':
        prop(p.left);
        return prop(p.right);
      case 'not':
        return prop(p.operand);
      case 'true':
      case 'false':
        return;
    }
  };
  for (const t of ast.locations) names.add(t.name);
  if (ast.filter) prop(ast.filter);
  if (ast.condition) prop(ast.condition.prop);
  return names;
}

/** `base` if unused, else `base` followed by the first number that makes it unused. */
export function freshName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 1; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}
