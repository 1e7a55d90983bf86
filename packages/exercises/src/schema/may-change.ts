// The course's one rule for what a learner may change, made concrete for
// each exercise from its data: the barriers and TLB flushes, and the
// orderings its cost table prices (or anything inside the threads, for an
// exercise whose rule is `code`). The same data and sentence reach `show`,
// `check`'s edit-rule diagnostic and the site.
import { visitThread, type LitmusAst } from '@barrier-lab/engine';
import { barrierKinds, barrierStatements, costKinds, defaultCosts, flushingCalls, orderedAccesses, orderingKinds, type CostTable, type RepairKind } from '@barrier-lab/engine/explain';
import type { EditRule, Exercise, MayChange } from './exercise.ts';

/**
 * The prices of an exercise: `costs` from its `exercise.json` over the
 * defaults. Barriers and flushes are always priced; the orderings only when
 * `costs` names them, or when the rule is `code` (anything may change).
 */
export function exercisePrices(rule: EditRule, costs: Partial<CostTable>): Partial<CostTable> {
  const prices: Partial<Record<RepairKind, number>> = {};
  for (const kind of costKinds) {
    const given = costs[kind];
    if (given !== undefined) prices[kind] = given;
    else if (rule === 'code' || !orderingKinds.includes(kind)) prices[kind] = defaultCosts[kind];
  }
  return prices;
}

/** The kinds `exercise` prices: what its repairs and cheaper hints may use. */
export function pricedKinds(exercise: Pick<Exercise, 'costs'>): RepairKind[] {
  return costKinds.filter((k) => exercise.costs[k] !== undefined);
}

/** The names of the calls in `ast`'s threads. */
function calls(ast: LitmusAst | undefined): Set<string> {
  const names = new Set<string>();
  for (const thread of ast?.threads ?? []) visitThread(thread, { call: (c) => names.add(c.callee.name) });
  return names;
}

/**
 * What a learner may change in a code exercise, from its rule, its prices
 * and its starter (whose calls decide which flushes and orderings are worth
 * naming). `flushes` says the exercise is about TLB flushes.
 */
export function mayChangeInCode(rule: EditRule, prices: Partial<CostTable>, starter: LitmusAst | undefined, flushes: boolean): MayChange {
  const used = calls(starter);
  const barriers = [...barrierStatements].filter(([name, kind]) => barrierKinds.includes(kind) && name === kind && prices[kind] !== undefined).map(([name]) => name);
  const orderings = orderedAccesses
    // READ_ONCE/WRITE_ONCE always, the atomic_t accessors where the code has them.
    .filter((o) => prices[o.kind] !== undefined && (o.deref || used.has(o.plain) || used.has(o.ordered)))
    .map((o) => ({ plain: o.plain, ordered: o.ordered }));
  const aboutFlushes = prices.flush !== undefined
    && (flushes || [...used].some((name) => barrierStatements.get(name) === 'flush' || flushingCalls.has(name)));
  const flushList = aboutFlushes
    ? [
      ...[...barrierStatements].filter(([name, kind]) => kind === 'flush' && (name === 'flush_tlb_page' || used.has(name))).map(([call]) => ({ call })),
      ...[...flushingCalls].filter(([call, without]) => used.has(call) || used.has(without)).map(([call, without]) => ({ call, without })),
    ]
    : [];
  return { rule, barriers, orderings, flushes: flushList, sentence: sentence(rule, barriers, orderings, flushList) };
}

/** What a learner may change in a predict exercise: nothing in the program. */
export const mayChangeInPredict: MayChange = {
  rule: 'nothing', barriers: [], orderings: [], flushes: [],
  sentence: 'You change nothing in the program: predict its outcome under each model.',
};

function sentence(rule: EditRule, barriers: readonly string[], orderings: MayChange['orderings'], flushes: MayChange['flushes']): string {
  if (rule === 'code') {
    return 'You may change anything inside the threads; the initial state, the thread parameters and the condition stay as they are.';
  }
  const what = ['barriers', ...(flushes.length > 0 ? ['TLB flushes'] : []), ...(orderings.length > 0 ? ['orderings'] : [])];
  const added = [...barriers.map((b) => `${b}()`), ...flushes.filter((f) => !f.without).map((f) => `${f.call}()`)];
  const parts = [`add, move or remove ${list(added, 'or')}`];
  for (const f of flushes.filter((x) => x.without)) parts.push(`trade ${f.call}() for ${f.without}() and back`);
  if (orderings.length > 0) {
    const turns = orderings.map((o) => {
      const deref = orderedAccesses.find((x) => x.ordered === o.ordered)?.deref;
      const value = o.plain === 'WRITE_ONCE' || o.plain === 'atomic_set' ? ', v' : '';
      return deref ? `${o.plain}(*p${value}) into ${o.ordered}(p${value})` : `${o.plain}() into ${o.ordered}()`;
    });
    parts.push(`turn ${list(turns, 'or')}, and back`);
  }
  return `You may change only ${list(what, 'and')}: ${parts.join('; ')}.`;
}

/** `a, b and c`. */
function list(items: readonly string[], last: 'and' | 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}
