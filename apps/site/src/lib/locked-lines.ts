// Which lines of a starter the learner may not edit, from its syntax tree and
// the exercise's own "what you may change" data. A line is locked when it
// holds code the exercise fixes: the test's header, its initial state, each
// thread's header and braces, every statement that is not a barrier, an
// ordering or a flush the exercise lets the learner change (or, under the
// `code` rule, anything outside the thread bodies), and the condition.
// Comment lines and blank lines stay free: the edit rule ignores comments,
// and new lines may go anywhere. The editor only makes the rule visible;
// check() stays the judge.
import { parseLitmus, type LitmusAst, type Span, type Stmt } from '@barrier-lab/engine';
import type { MayChange } from '@barrier-lab/exercises';

/**
 * The 1-based line numbers of `starter` that `mayChange` does not let the
 * learner edit, ascending. A starter that does not parse locks nothing.
 */
export function lockedLines(starter: string, mayChange: MayChange): number[] {
  const rule = mayChange.rule;
  const free = new Set<string>([
    ...mayChange.barriers,
    ...mayChange.orderings.flatMap((o) => [o.plain, o.ordered]),
    ...mayChange.flushes.flatMap((f) => (f.without ? [f.call, f.without] : [f.call])),
  ]);
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
    if (rule !== 'code') thread.body.body.forEach((s) => lockStatement(s, free, locked));
  }
  for (const target of ast.locations) lockSpan(target.span);
  if (ast.filter) lockSpan(ast.filter.span);
  if (ast.condition) lockSpan(ast.condition.span);
  return [...locked].sort((a, b) => a - b);
}

/** Locks what is fixed in `s`: a compound statement's head and closing lines, and what it holds. */
function lockStatement(s: Stmt, free: ReadonlySet<string>, locked: Set<number>): void {
  switch (s.kind) {
    case 'block':
      locked.add(s.span.line);
      locked.add(s.span.endLine);
      s.body.forEach((inner) => lockStatement(inner, free, locked));
      return;
    case 'if':
      locked.add(s.span.line);
      lockStatement(s.then, free, locked);
      if (s.otherwise) lockStatement(s.otherwise, free, locked);
      return;
    case 'while':
      locked.add(s.span.line);
      locked.add(s.span.endLine);
      lockStatement(s.body, free, locked);
      return;
    case 'for':
      locked.add(s.span.line);
      lockStatement(s.body, free, locked);
      return;
    case 'empty':
      return;
    default:
      // A statement with a call the learner may change (a barrier, an ordering, a flush) is theirs.
      if (callsOf(s).some((name) => free.has(name))) return;
      for (let line = s.span.line; line <= s.span.endLine; line++) locked.add(line);
  }
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
