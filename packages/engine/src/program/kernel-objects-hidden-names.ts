// Names an expansion adds to a program (the TLB's SRCU domain, a thread's
// hidden registers) must not clash with the learner's own, and must be
// plain identifiers herd7's C lexer accepts (letters, digits, `_`).
import type { ConditionTarget, ConditionValue, LitmusAst, ThreadDecl } from '../syntax/ast.ts';
import { visitProp, visitThread } from '../syntax/visit.ts';

/** Every identifier of `thread`: parameters, locals, names in its code. */
export function threadNames(thread: ThreadDecl): Set<string> {
  const names = new Set<string>();
  visitThread(thread, { name: (n) => names.add(n) });
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
  const atom = (target: ConditionTarget, value: ConditionValue) => {
    names.add(target.name);
    if (value.kind === 'address') names.add(value.name);
  };
  for (const t of ast.locations) names.add(t.name);
  if (ast.filter) visitProp(ast.filter, atom);
  if (ast.condition) visitProp(ast.condition.prop, atom);
  return names;
}

/** `base` if unused, else `base` followed by the first number that makes it unused. */
export function freshName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 1; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}
