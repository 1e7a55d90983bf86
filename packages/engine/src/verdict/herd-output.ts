import type { Verdict } from './verdict.ts';

export interface HerdOutputOptions {
  /** Print the `Time NAME secs` line (herd7 does; golden files leave it out). */
  readonly time?: boolean;
  /** Print the `Hash=` line when the verdict has a hash (default true, as herd7; golden files leave it out). */
  readonly hash?: boolean;
}

/**
 * The verdict as herd7 prints it (herd/top_herd.ml), so existing herd7
 * workflows and diffs keep working (mcompare7 and msort7 read the `Hash=`
 * line). Ends with a blank line, as herd7 does.
 */
export function formatHerdOutput(v: Verdict, options: HerdOutputOptions = {}): string {
  const lines: string[] = [];
  lines.push(`Test ${v.test} ${v.kind}`);
  lines.push(`States ${v.states.length}`);
  for (const s of v.states) lines.push(s.entries.map((e) => `${e.target}=${e.value};`).join(' '));
  lines.push(`${v.unrollHit ? 'Loop ' : ''}${v.ok ? 'Ok' : 'No'}`);
  lines.push('Witnesses');
  lines.push(`Positive: ${v.witnessCounts.positive} Negative: ${v.witnessCounts.negative}`);
  for (const f of v.flags) lines.push(`Flag ${f}`);
  lines.push(`Condition ${v.condition}`);
  lines.push(`Observation ${v.test} ${v.observation} ${v.observed.positive} ${v.observed.negative}`);
  if (options.time) lines.push(`Time ${v.test} ${(v.stats.millis / 1000).toFixed(2)}`);
  // herd7's last line; it stays when the Time line goes (it does not vary between runs).
  if (options.hash !== false && v.hash !== undefined) lines.push(`Hash=${v.hash}`);
  return `${lines.join('\n')}\n\n`;
}
