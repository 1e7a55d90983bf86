// An execution graph as Graphviz DOT text: one cluster per CPU, events in
// program order, edges coloured by kind (the colours of herd7's pictures:
// rf red, co blue, fr orange, po black).
import type { ExecutionGraph, GraphEdgeKind, GraphNode } from './execution-graph.ts';

/** Colour and style of each edge kind, shared by the DOT and SVG renderers. */
export const edgeStyles: Readonly<Record<GraphEdgeKind, { readonly color: string; readonly dashed: boolean; readonly meaning: string }>> = {
  po: { color: '#000000', dashed: false, meaning: 'program order' },
  rf: { color: '#d62728', dashed: false, meaning: 'reads from' },
  co: { color: '#1f77b4', dashed: false, meaning: 'coherence order' },
  fr: { color: '#ff7f0e', dashed: false, meaning: 'from-reads (read before overwrite)' },
  fence: { color: '#7f7f7f', dashed: true, meaning: 'barrier' },
  rmw: { color: '#9467bd', dashed: true, meaning: 'atomic read-modify-write' },
  addr: { color: '#2ca02c', dashed: true, meaning: 'address dependency' },
  data: { color: '#8c564b', dashed: true, meaning: 'data dependency' },
  ctrl: { color: '#17becf', dashed: true, meaning: 'control dependency' },
};

/** Options for `graphToDot`. */
export interface DotOptions {
  /** The graph's name (default `execution`). */
  readonly name?: string;
}

/**
 * Graphviz DOT text for `graph`: `digraph`, one `cluster_cpuN` subgraph per
 * thread, initial writes outside any cluster. Deterministic: the same graph
 * gives the same bytes.
 */
export function graphToDot(graph: ExecutionGraph, options: DotOptions = {}): string {
  const lines: string[] = [];
  lines.push(`digraph ${dotId(options.name ?? 'execution')} {`);
  lines.push('  rankdir=TB;');
  lines.push('  node [shape=box, style=rounded, fontname="monospace", fontsize=11];');
  lines.push('  edge [fontname="monospace", fontsize=9];');
  for (const n of graph.nodes.filter((x) => x.init)) lines.push(`  ${nodeDecl(n)}`);
  for (const t of graph.threads) {
    lines.push(`  subgraph cluster_cpu${t} {`);
    lines.push(`    label=${dotString(`CPU ${t} (P${t})`)};`);
    for (const n of graph.nodes.filter((x) => x.thread === t)) lines.push(`    ${nodeDecl(n)}`);
    lines.push('  }');
  }
  for (const e of graph.edges) {
    const style = edgeStyles[e.kind];
    const attrs = [`label=${dotString(e.kind)}`, `color=${dotString(style.color)}`, `fontcolor=${dotString(style.color)}`];
    if (style.dashed) attrs.push('style=dashed');
    // Only po shapes the layout; the other edges would pull the columns apart.
    if (e.kind !== 'po') attrs.push('constraint=false');
    lines.push(`  e${e.from} -> e${e.to} [${attrs.join(', ')}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}

function nodeDecl(n: GraphNode): string {
  const where = n.init ? '' : `\\nline ${n.line}`;
  const tooltip = n.init ? n.label : n.text;
  return `e${n.id} [label=${dotString(n.label, where)}, tooltip=${dotString(tooltip)}];`;
}

/** A DOT double-quoted string; `rawSuffix` is appended unescaped (for `\n`). */
function dotString(text: string, rawSuffix = ''): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}${rawSuffix}"`;
}

/** A DOT identifier: the name itself when it is a plain word, else quoted. */
function dotId(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : dotString(name);
}
