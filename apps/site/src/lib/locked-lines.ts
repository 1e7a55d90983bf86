// Which lines of a starter the learner may not edit, from its syntax tree.
// A line is locked when it holds code the exercise's edit rule fixes: the
// test's header, its initial state, each thread's header and braces, every
// statement that is not a barrier (or, per rule, an ordering or the whole
// body), and the condition. Comment lines and blank lines stay free: the
// edit rules ignore comments, and new lines may go anywhere. The editor only
// makes the rule visible; check() stays the judge.
import { parseLitmus, type LitmusAst, type Span, type Stmt } from '@barrier-lab/engine';
import { barrierStatementNames, flushVariants, orderingVariants, type EditRule } from '@barrier-lab/exercises';

/** Calls a learner may trade for one another under the `barriers` rule (a flush edit). */
const flushCalls: ReadonlySet<string> = new Set([...flushVariants.keys(), ...flushVariants.values()]);
const orderingCalls: ReadonlySet<string> = new Set([...orderingVariants.keys(), ...orderingVariants.values()]);

/**
 * The 1-based line numbers of `starter` that `rule` does not let the learner
 * edit, ascending. A starter that does not parse locks nothing.
 */
export function lockedLines(starter: string, rule: EditRule): number[] {
  const { ast } = parseLitmus(starter);
  if (!ast) return [];
  const locked = new Set<number>();
  const lockSpan = (span: Span) => {
    for (let line = span.line; line <= span.endLine; line++) locked.add(line);
  };
  locked.add(ast.arch.span.line);
  for (const item of ast.init) lockSpan(item.span);
  initBraces(starter, ast).forEach((line) => locked.add(line));
  for (const thread of ast.threads) {
    lockSpan({ ...thread.span, endLine: thread.body.span.line });
    locked.add(thread.body.span.endLine);
    if (rule !== 'code') thread.body.body.forEach((s) => lockStatement(s, rule, locked));
  }
  for (const target of ast.locations) lockSpan(target.span);
  if (ast.filter) lockSpan(ast.filter.span);
  if (ast.condition) lockSpan(ast.condition.span);
  return [...locked].sort((a, b) => a - b);
}

/** Locks what `rule` fixes in `s`: a compound statement's head and closing lines, and what it holds. */
function lockStatement(s: Stmt, rule: EditRule, locked: Set<number>): void {
  switch (s.kind) {
    case 'block':
      locked.add(s.span.line);
      locked.add(s.span.endLine);
      s.body.forEach((inner) => lockStatement(inner, rule, locked));
      return;
    case 'if':
      locked.add(s.span.line);
      lockStatement(s.then, rule, locked);
      if (s.otherwise) lockStatement(s.otherwise, rule, locked);
      return;
    case 'while':
      locked.add(s.span.line);
      locked.add(s.span.endLine);
      lockStatement(s.body, rule, locked);
      return;
    case 'for':
      locked.add(s.span.line);
      lockStatement(s.body, rule, locked);
      return;
    case 'empty':
      return;
    default:
      if (mayChange(s, rule)) return;
      for (let line = s.span.line; line <= s.span.endLine; line++) locked.add(line);
  }
}

/** Whether the learner may rewrite statement `s` under `rule`: a barrier or flush, or an ordering where allowed. */
function mayChange(s: Stmt, rule: EditRule): boolean {
  const calls = callsOf(s);
  if (calls.some((name) => barrierStatementNames.has(name) || flushCalls.has(name))) return true;
  return rule === 'orderings' && calls.some((name) => orderingCalls.has(name));
}

function callsOf(s: Stmt): string[] {
  const names: string[] = [];
  JSON.stringify(s, (key, value: unknown) => {
    if (value && typeof value === 'object' && (value as { kind?: unknown }).kind === 'call') {
      names.push((value as { callee: { name: string } }).callee.name);
    }
    return key === 'span' ? undefined : value;
  });
  return names;
}

/**
 * The lines of the init block's braces. The tree keeps the items' places but
 * not the braces', so they are found in the text between the header and the
 * first thread: the first line opening with `{` and the line closing it.
 */
function initBraces(source: string, ast: LitmusAst): number[] {
  const lines = source.split('\n');
  const end = (ast.threads[0]?.span.line ?? lines.length + 1) - 1;
  const out: number[] = [];
  let open = -1;
  for (let line = ast.arch.span.line + 1; line <= end; line++) {
    const text = (lines[line - 1] ?? '').trim();
    if (open < 0 && text.startsWith('{')) {
      open = line;
      out.push(line);
      if (text.includes('}')) return out;
    } else if (open > 0 && text.startsWith('}')) {
      out.push(line);
      return out;
    }
  }
  return out;
}
