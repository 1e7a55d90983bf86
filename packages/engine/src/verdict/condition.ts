// Evaluating and printing conditions, exactly as herd7 prints them
// (lib/constrGen.ml, pp_prop): `~` as `not (...)`, `!=` as `not (a=b)`,
// locations as `[x]`, and only the parentheses precedence needs.
import type { ConditionTarget, ConditionValue, FinalCondition, Prop } from '../syntax/ast.ts';
import { addressOf, formatValue, valueKey, type Value } from '../program/value.ts';
import type { StateReader } from './final-state.ts';

/** The constant an atom compares with (a number or an address); a register or location on the right has none. */
export function conditionValue(v: Exclude<ConditionValue, { kind: 'target' }>): Value {
  return v.kind === 'number' ? v.value : addressOf(v.name);
}

/** Maps a value to the form a target's values take (identity for most). */
export type Normalize = (target: ConditionTarget, value: Value) => Value;

const asIs: Normalize = (_target, value) => value;

/** Whether `prop` holds in the state read by `read` (whose values `normalize` has put in canonical form). */
export function holds(prop: Prop, read: StateReader, normalize: Normalize = asIs): boolean {
  switch (prop.kind) {
    case 'atom': {
      const value = prop.value;
      const same = value.kind === 'target'
        ? sameValue(read(prop.target), read(value.target))
        : read(prop.target) === normalize(prop.target, conditionValue(value));
      return prop.op === '=' ? same : !same;
    }
    case 'and':
      return holds(prop.left, read, normalize) && holds(prop.right, read, normalize);
    case 'or':
      return holds(prop.left, read, normalize) || holds(prop.right, read, normalize);
    case 'implies':
      return !holds(prop.left, read, normalize) || holds(prop.right, read, normalize);
    case 'not':
      return !holds(prop.operand, read, normalize);
    case 'true':
      return true;
    case 'false':
      return false;
  }
}

/** Whether two values read from the final state are equal (addresses by the location they point to). */
function sameValue(a: Value, b: Value): boolean {
  return valueKey(a) === valueKey(b);
}

/** A target as herd7 prints it in states and conditions: `1:r0`, `[x]`. */
export function formatTarget(t: ConditionTarget): string {
  return t.kind === 'register' ? `${t.thread}:${t.name}` : `[${t.name}]`;
}

type Level = 'top' | 'and' | 'or' | 'implies';

// lib/constrGen.ml, is_paren: which child needs parentheses under which parent.
function needsParens(above: Level, here: Exclude<Level, 'top'>): boolean {
  if (above === 'top') return false;
  if (above === 'implies') return here !== 'implies';
  if (above === 'and') return here !== 'and';
  return here === 'implies'; // above 'or'
}

/** A proposition as herd7 prints it. */
export function formatProp(prop: Prop, above: Level = 'top'): string {
  switch (prop.kind) {
    case 'atom': {
      const value = prop.value;
      const atom = `${formatTarget(prop.target)}=${value.kind === 'target' ? formatTarget(value.target) : formatValue(conditionValue(value))}`;
      return prop.op === '=' ? atom : `not (${atom})`;
    }
    case 'not':
      return `not (${formatProp(prop.operand)})`;
    case 'true':
      return 'true';
    case 'false':
      return 'false';
    case 'and':
    case 'or':
    case 'implies': {
      const sep = prop.kind === 'and' ? ' /\\ ' : prop.kind === 'or' ? ' \\/ ' : ' => ';
      const text = formatProp(prop.left, prop.kind) + sep + formatProp(prop.right, prop.kind);
      return needsParens(above, prop.kind) ? `(${text})` : text;
    }
  }
}

/** The `Condition` line's text: `exists (...)`, `~exists (...)`, `forall (...)`. */
export function formatCondition(c: FinalCondition): string {
  const word = c.quantifier === 'not exists' ? '~exists' : c.quantifier;
  return `${word} (${formatProp(c.prop)})`;
}
