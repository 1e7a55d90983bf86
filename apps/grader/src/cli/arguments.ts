/** Parsed command-line options: flags, valued options and positional arguments. */
export interface ParsedArgs {
  readonly flags: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, string>;
  readonly positional: readonly string[];
  /** Unknown options, or valued options missing their value. */
  readonly errors: readonly string[];
}

/**
 * Parses `args` given the known flags (`--json`) and valued options
 * (`--model lkmm` or `--model=lkmm`). `--` ends the options.
 */
export function parseArgs(args: readonly string[], spec: { flags: readonly string[]; values: readonly string[] }): ParsedArgs {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const positional: string[] = [];
  const errors: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (spec.flags.includes(name) && eq < 0) flags.add(name);
    else if (spec.values.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined) errors.push(`${name} needs a value`);
      else values.set(name, value);
    } else errors.push(`unknown option ${name}`);
  }
  return { flags, values, positional, errors };
}
