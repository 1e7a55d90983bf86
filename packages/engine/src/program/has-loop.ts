// Whether a thread's code holds a loop: a path through it may then be cut at
// the unroll bound, and herd7 flags `Loop` from candidates built before its
// model judges them, so such tests keep every value a read may take.
import type { Stmt } from '../syntax/ast.ts';
import type { ThreadCode } from './program.ts';

/** True when `thread` has a `while`, `do ... while` or `for` anywhere in its body. */
export function hasLoop(thread: ThreadCode): boolean {
  // Iterative, so no tree is too deep for it.
  const stack: Stmt[] = [thread.body];
  while (stack.length > 0) {
    const stmt = stack.pop()!;
    switch (stmt.kind) {
      case 'while':
      case 'for':
        return true;
      case 'block':
        stack.push(...stmt.body);
        break;
      case 'if':
        stack.push(stmt.then);
        if (stmt.otherwise) stack.push(stmt.otherwise);
        break;
      default:
        break;
    }
  }
  return false;
}
