// Claims the prose makes about a litmus test ("under lkmm this can happen,
// on x86 it cannot"), checked by the engine when the site is built. A page
// whose sentence and checker disagree must not build: COURSE-STYLE.md asks
// that every claim about ordering be one the engine checks.
import { runLitmus, type FlushFlavour, type ModelName, type Observation } from '@barrier-lab/engine';

/** What the prose says the test's condition does under each model it names. */
export type Claims = Partial<Record<ModelName, Observation>>;

/** One model's claim next to the engine's verdict. */
export interface ClaimCheck {
  readonly model: ModelName;
  readonly claimed: Observation;
  /** The engine's observation; undefined when the test did not run to a verdict. */
  readonly observed: Observation | undefined;
  /** The condition as herd7 prints it (`exists (0:r0=0 /\ 1:r0=0)`). */
  readonly condition: string;
  /** Whether the condition asks if something can happen (`exists`, `~exists`) or always holds (`forall`). */
  readonly quantifier?: 'exists' | 'not exists' | 'forall';
  readonly agrees: boolean;
  /** Why there is no verdict (parse errors, a budget hit), for the build error. */
  readonly problem?: string;
}

/** Options for `checkClaims`. */
export interface ClaimOptions {
  readonly flush?: FlushFlavour;
}

/** The models in the order pages show them: weakest promise last. */
export const modelOrder: readonly ModelName[] = ['sc', 'tso', 'lkmm'];

/** How a verdict table names a model for a beginner. */
export const modelTitles: Readonly<Record<ModelName, string>> = {
  sc: 'Sequential consistency (sc)',
  tso: 'x86 (tso)',
  lkmm: 'Linux kernel memory model (lkmm)',
};

/**
 * Runs `source` under every model `claims` names and compares. A test that
 * does not parse, or whose exploration hits a budget, never agrees: an
 * inconclusive run backs no claim.
 */
export function checkClaims(source: string, claims: Claims, options: ClaimOptions = {}): ClaimCheck[] {
  const models = modelOrder.filter((m) => claims[m] !== undefined);
  if (models.length === 0) throw new Error('checkClaims: claim a verdict under at least one model (sc, tso or lkmm)');
  return models.map((model) => {
    const claimed = claims[model]!;
    const result = runLitmus(source, { model, herdHash: false, ...(options.flush ? { flush: options.flush } : {}) });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length > 0 || !result.verdict) {
      const problem = errors.map((d) => `line ${d.span.line}:${d.span.column}: ${d.message}`).join('; ') || 'no verdict';
      return { model, claimed, observed: undefined, condition: '', agrees: false, problem };
    }
    const { verdict } = result;
    if (verdict.status !== 'complete') {
      return { model, claimed, observed: undefined, condition: verdict.condition, agrees: false, problem: `inconclusive: the ${verdict.cutoff ?? 'exploration'} budget was hit` };
    }
    return { model, claimed, observed: verdict.observation, condition: verdict.condition, quantifier: verdict.quantifier, agrees: verdict.observation === claimed };
  });
}

/** A page's claim that the engine does not back. */
export class ClaimMismatch extends Error {
  constructor(readonly test: string, readonly checks: readonly ClaimCheck[]) {
    super(
      `${test}: the page's claim and the checker disagree:\n` +
        checks
          .filter((c) => !c.agrees)
          .map((c) => `  under ${c.model}: the page says ${c.claimed}, the engine ${c.observed ? `says ${c.observed}` : `gives no verdict (${c.problem})`}${c.condition ? ` for ${c.condition}` : ''}`)
          .join('\n'),
    );
    this.name = 'ClaimMismatch';
  }
}

/** `checkClaims`, throwing `ClaimMismatch` (which fails the build) unless every claim agrees. */
export function assertClaims(test: string, source: string, claims: Claims, options: ClaimOptions = {}): ClaimCheck[] {
  const checks = checkClaims(source, claims, options);
  if (checks.some((c) => !c.agrees)) throw new ClaimMismatch(test, checks);
  return checks;
}

/** The name on a litmus test's first line (`C sb+mbs` gives `sb+mbs`), for messages. */
export function litmusName(source: string): string {
  return /^\s*C\s+(\S+)/.exec(source)?.[1] ?? 'litmus test';
}

/**
 * A verdict in words, for the verdict table: `exists`/`~exists` ask whether
 * the outcome can happen; `forall` asks whether the property always holds.
 */
export function verdictMeaning(observation: Observation, quantifier: ClaimCheck['quantifier']): string {
  if (quantifier === 'forall') {
    return { Always: 'holds in every execution', Sometimes: 'fails in some executions', Never: 'fails in every execution' }[observation];
  }
  return { Always: 'happens in every execution', Sometimes: 'can happen', Never: 'cannot happen' }[observation];
}
