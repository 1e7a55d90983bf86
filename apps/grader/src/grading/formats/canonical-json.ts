// JSON written the same way every time: object keys sorted by code unit
// (as RFC 8785's canonical form sorts them), numbers as JavaScript prints
// them (which RFC 8785 also uses), two-space indentation, LF line ends and
// a final newline, undefined members left out.

/** `value` as canonical, indented JSON text. */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) out[key] = sortKeys(member);
    }
    return out;
  }
  return value;
}

/** `value` as canonical JSON on one line (for JSON Lines files). */
export function canonicalJsonLine(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}
