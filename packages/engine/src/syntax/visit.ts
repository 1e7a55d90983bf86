// Walks over the syntax tree for passes that only look at it: every name and
// call of a thread's code, every atom of a condition. Passes that give a
// construct its own meaning (lowering's declarations, expansion) walk it
// themselves.
import type { CallExpr, ConditionTarget, ConditionValue, Expr, Prop, Stmt, ThreadDecl } from './ast.ts';

/** What a walk over a thread reports. */
export interface ThreadVisitor {
  /** Every identifier: parameters, declared locals, names in the code. */
  readonly name?: (name: string) => void;
  /** Every call, before its arguments. */
  readonly call?: (call: CallExpr) => void;
}

/**
 * Reports every parameter, declaration, name and call of `thread`, in source
 * order. Iterative (an explicit stack), so no tree is too deep for it.
 */
export function visitThread(thread: ThreadDecl, visitor: ThreadVisitor): void {
  for (const p of thread.params) visitor.name?.(p.name.name);
  visitCode([thread.body], visitor);
}

/** Reports every declaration, name and call of `code` (statements or expressions), in source order. Iterative, like visitThread. */
export function visitCode(code: readonly (Expr | Stmt)[], visitor: ThreadVisitor): void {
  const name = visitor.name ?? (() => {});
  const call = visitor.call ?? (() => {});
  // Work items: a node to visit, or a name to report once the nodes before it are done.
  const stack: (Expr | Stmt | { readonly kind: 'declared'; readonly name: string })[] = [...code].reverse();
  // Pushes children so that they pop in source order.
  const later = (...items: (typeof stack)[number][]): void => {
    for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]!);
  };
  while (stack.length > 0) {
    const node = stack.pop()!;
    switch (node.kind) {
      case 'declared':
        name(node.name);
        break;
      case 'number':
      case 'empty':
      case 'break':
      case 'continue':
        break;
      case 'name':
        name(node.name);
        break;
      case 'unary':
      case 'cast':
        stack.push(node.operand);
        break;
      case 'binary':
        later(node.left, node.right);
        break;
      case 'conditional':
        later(node.test, node.then, node.otherwise);
        break;
      case 'assign':
        later(node.target, node.value);
        break;
      case 'call':
        call(node);
        later(...node.args);
        break;
      case 'block':
        later(...node.body);
        break;
      case 'decl':
        later(...node.declarators.flatMap((d) => [{ kind: 'declared' as const, name: d.name.name }, ...(d.init ? [d.init] : [])]));
        break;
      case 'expr':
        stack.push(node.expr);
        break;
      case 'if':
        later(node.test, node.then, ...(node.otherwise ? [node.otherwise] : []));
        break;
      case 'while':
        later(node.test, node.body);
        break;
      case 'for':
        later(...(node.init ? [node.init] : []), ...(node.test ? [node.test] : []), ...(node.update ? [node.update] : []), node.body);
        break;
    }
  }
}

/** Calls `atom` with the target and value of every atom of `p`, left to right. Iterative, like visitThread. */
export function visitProp(p: Prop, atom: (target: ConditionTarget, value: ConditionValue) => void): void {
  const stack: Prop[] = [p];
  while (stack.length > 0) {
    const q = stack.pop()!;
    switch (q.kind) {
      case 'atom':
        atom(q.target, q.value);
        break;
      case 'and':
      case 'or':
      case 'implies':
        stack.push(q.right, q.left);
        break;
      case 'not':
        stack.push(q.operand);
        break;
      case 'true':
      case 'false':
        break;
    }
  }
}
