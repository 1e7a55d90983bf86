// The one printer of a random test's control dependency, `if (rK == v) { body }`,
// shared by the random program generators (random-program.ts,
// random-kernel-program.ts), whose statements differ but whose `if` is the same.

/** A control dependency as the generators draw it: on the K-th register (modulo those assigned), a value, a body. */
export interface RandomIf<S> {
  readonly register: number;
  readonly equals: number;
  readonly body: readonly S[];
}

/**
 * Prints `s` into `lines` at `indent`: `if (rK == v) {` with its body one tab
 * deeper, or just the body when the thread has assigned no register yet
 * (`earlier` gives the register the K-th choice stands for, or undefined).
 * `emit` prints a statement of the body.
 */
export function printRandomIf<S>(
  s: RandomIf<S>, indent: string, lines: string[],
  earlier: (k: number) => string | undefined, emit: (s: S, indent: string) => void,
): void {
  const dep = earlier(s.register);
  if (dep === undefined) {
    for (const b of s.body) emit(b, indent);
    return;
  }
  lines.push(`${indent}if (${dep} == ${s.equals}) {`);
  for (const b of s.body) emit(b, `${indent}\t`);
  lines.push(`${indent}}`);
}
