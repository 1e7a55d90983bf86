// Read-side critical sections: which rcu_read_unlock() closes which
// rcu_read_lock(), and which srcu_read_unlock() closes which srcu_read_lock().
import type { Execution } from '../../execution/execution.ts';
import { EventSet, Relation, seq } from '../../execution/relation.ts';
import type { Classes } from './classes.ts';

/**
 * linux-kernel.bell, `let rcu-rscs = let rec ... in matched`: nested lock and
 * unlock events are matched innermost first, as parentheses. The recursive
 * definition there computes the same pairs as a stack per thread.
 */
export function rcuRscs(x: Execution, c: Classes): Relation {
  const pairs = new Relation(x.n);
  const stacks = new Map<number, number[]>();
  for (const e of x.events) {
    if (c.RcuLock.has(e.id)) {
      const stack = stacks.get(e.thread) ?? [];
      stack.push(e.id);
      stacks.set(e.thread, stack);
    } else if (c.RcuUnlock.has(e.id)) {
      const open = stacks.get(e.thread)?.pop();
      if (open !== undefined) pairs.add(open, e.id);
    }
  }
  return pairs;
}

/**
 * linux-kernel.bell:
 *   let carry-srcu-data = (data ; [~ Srcu-unlock] ; rf)*
 *   let srcu-rscs = ([Srcu-lock] ; carry-srcu-data ; data ; [Srcu-unlock]) & loc
 * An srcu_read_unlock() closes the srcu_read_lock() whose index it was given.
 */
export function srcuRscs(x: Execution, c: Classes, rf: Relation): Relation {
  const notUnlock = Relation.id(EventSet.all(x.n).minus(c.SrcuUnlock));
  const carry = seq(x.data, notUnlock, rf).star();
  return seq(Relation.id(c.SrcuLock), carry, x.data, Relation.id(c.SrcuUnlock)).inter(x.loc);
}
