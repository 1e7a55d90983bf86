// The one check on the parsed tree's shape: its depth. The parser bounds its
// own recursion (TokenStream.enter), but loops build chains as deep as they
// are long: `r0 + r0 + ... + r0` with 20,000 terms is a left-leaning tree
// 20,000 nodes deep, and every later pass (checks, expansion, evaluation,
// export, explanations) walks trees recursively. Rather than rewrite each of
// those walks, the parser refuses a tree deeper than MAX_TREE_DEPTH with a
// diagnostic, so every walk after it is depth-limited. This walk is iterative.
import type { LitmusAst } from './ast.ts';
import type { Span } from './diagnostic.ts';
import { MAX_TREE_DEPTH, type DiagnosticSink } from './diagnostic-sink.ts';
import type { Meter } from '../budget/meter.ts';

/**
 * Whether `ast` is at most MAX_TREE_DEPTH nodes deep (a node is an object
 * with a `kind`: an expression, statement, condition, ...). If not, reports
 * `syntax/too-deep` at the first node past the limit and returns false.
 */
export function checkTreeDepth(ast: LitmusAst, sink: DiagnosticSink, meter?: Meter): boolean {
  // Two parallel stacks rather than a record per entry, and `for...in` rather
  // than Object.entries: this runs on every test, most of them a few hundred
  // nodes, so it must not allocate per node.
  const nodes: unknown[] = [ast];
  const depths: number[] = [0];
  while (nodes.length > 0) {
    meter?.tick();
    const node = nodes.pop() as Record<string, unknown>;
    const depth = depths.pop()!;
    if (Array.isArray(node)) {
      for (const item of node) {
        if (typeof item === 'object' && item !== null) {
          nodes.push(item);
          depths.push(depth);
        }
      }
      continue;
    }
    const isNode = typeof node.kind === 'string';
    const level = isNode ? depth + 1 : depth;
    if (level > MAX_TREE_DEPTH) {
      const span = node.span as Span;
      sink.errorAt('syntax/too-deep',
        `this part of the test is nested too deeply (more than ${MAX_TREE_DEPTH} levels): each operator of a chain such as 'a + b + c' counts as a level`,
        { line: span.line, column: span.column, endLine: span.line, endColumn: span.line === span.endLine ? span.endColumn : span.column + 1 },
        'split the expression over several statements with registers in between: r1 = a + b; r2 = r1 + c; ...');
      return false;
    }
    for (const key in node) {
      if (key === 'span') continue;
      const value = node[key];
      if (typeof value === 'object' && value !== null) {
        nodes.push(value);
        depths.push(level);
      }
    }
  }
  return true;
}
