import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLitmus } from '../run/run-litmus.ts';
import type { Witness } from '../verdict/verdict.ts';
import { smallestCounterexample } from './counterexamples.ts';
import { executionGraph } from './execution-graph.ts';
import { graphToDot } from './graph-dot.ts';
import { graphToSvg } from './graph-svg.ts';
import { labelBox, overlapArea, type Box } from './label-placement.ts';
import { parseLitmus } from '../syntax/parse-litmus.ts';
import { explain } from './explain.ts';
import { valueNames } from './value-names.ts';
import { walkFreedTable as walk } from '../../test-support/walk-freed-table.ts';

const corpus = (name: string) => readFileSync(new URL(`../../corpus/lkmm/${name}.litmus`, import.meta.url), 'utf8');

const namesOf = (source: string) => valueNames(parseLitmus(source).ast!);

function counterexampleOf(source: string): Witness {
  const verdict = runLitmus(source).verdict!;
  return smallestCounterexample(verdict)!.witness;
}

/** Opening and closing tags balance, in order; self-closing tags and the XML header are skipped. */
function tagsBalance(xml: string): boolean {
  const stack: string[] = [];
  for (const m of xml.matchAll(/<(\/?)([A-Za-z][\w:-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (selfClosing) continue;
    if (closing) {
      if (stack.pop() !== name) return false;
    } else stack.push(name!);
  }
  return stack.length === 0 && !/<(?![/A-Za-z])/.test(xml) && !/&(?!(amp|lt|gt|quot|apos);)/.test(xml);
}

describe('executionGraph', () => {
  const mp = executionGraph(counterexampleOf(corpus('mp/MP+poonceonces')));

  it('labels events herd-style and keeps only the initial writes something reads', () => {
    expect(mp.nodes.map((n) => n.label)).toEqual(['x=0 (init)', 'W[once] x=1', 'W[once] y=1', 'R[once] y=1', 'R[once] x=0']);
    expect(mp.nodes.find((n) => n.label === 'R[once] y=1')).toMatchObject({ thread: 1, index: 0, line: 21, text: 'READ_ONCE(*y)' });
    expect(mp.nodes.find((n) => n.label === 'R[once] y=1')!.span).toMatchObject({ line: 21, endLine: 21 });
    expect(mp.threads).toEqual([0, 1]);
  });

  it('draws immediate po, rf, co and fr (rf⁻¹;co) edges', () => {
    const label = (id: number) => mp.nodes.find((n) => n.id === id)!.label;
    const edges = mp.edges.map((e) => `${label(e.from)} -${e.kind}-> ${label(e.to)}`);
    expect(edges).toEqual([
      'W[once] x=1 -po-> W[once] y=1',
      'R[once] y=1 -po-> R[once] x=0',
      'x=0 (init) -rf-> R[once] x=0',
      'W[once] y=1 -rf-> R[once] y=1',
      'x=0 (init) -co-> W[once] x=1',
      'R[once] x=0 -fr-> W[once] x=1',
    ]);
    expect(mp.edges.filter((e) => e.kind === 'rf').every((e) => e.external)).toBe(true);
  });

  it('links fences to their po-neighbours', () => {
    const g = executionGraph(runLitmus(corpus('mp/MP+fencewmbonceonce+fencermbonceonce')).verdict!.witnesses[0]!);
    const fences = g.edges.filter((e) => e.kind === 'fence');
    expect(fences).toHaveLength(4);
    const wmb = g.nodes.find((n) => n.label === 'F[wmb]')!;
    expect(fences.filter((e) => e.from === wmb.id).map((e) => g.nodes.find((n) => n.id === e.to)!.label)).toEqual(['W[once] x=1', 'W[once] y=1']);
  });

  it('labels values by the kernel names the program used, as the verdict does, and numbers where it named none', () => {
    const g = executionGraph(counterexampleOf(walk), namesOf(walk));
    expect(g.nodes.map((n) => n.label)).toEqual([
      'pmdp=PMD_TABLE (init)', 'W[once] pmdp=PMD_NONE', 'W[once] ptep=PT_FREED', 'R[once] pmdp=PMD_TABLE', 'R[once] ptep=PT_FREED',
    ]);
    expect(g.nodes.find((n) => n.label === 'R[once] ptep=PT_FREED')).toMatchObject({ value: '107', named: 'PT_FREED' });
    // pmd_clear() stores PMD_NONE: the builtin says so (kernel-objects.ts `stores`).
    expect(g.nodes.find((n) => n.label === 'W[once] pmdp=PMD_NONE')).toMatchObject({ value: '0', named: 'PMD_NONE' });
    // Without the names, numbers.
    expect(executionGraph(counterexampleOf(walk)).nodes.map((n) => n.label)).toEqual([
      'pmdp=4 (init)', 'W[once] pmdp=0', 'W[once] ptep=107', 'R[once] pmdp=4', 'R[once] ptep=107',
    ]);
  });

  it('is drawn by the names in explain()\'s graph, DOT and SVG, as in its state and timeline', () => {
    const e = explain(walk, runLitmus(walk).verdict!, { repair: false });
    expect(e.counterexample!.entries.map((x) => x.named)).toEqual(['PMD_TABLE', 'PT_FREED']);
    expect(e.graph!.nodes.map((n) => n.label)).toContain('R[once] ptep=PT_FREED');
    expect(e.svg).toContain('>R[once] pmdp=PMD_TABLE</text>');
    expect(e.svg).toContain('<title>pmdp=PMD_TABLE (init)</title>');
    expect(e.svg).not.toMatch(/pmdp=4|ptep=107/);
    expect(e.dot).toContain('R[once] ptep=PT_FREED');
  });

  it('shows address dependencies and rmw pairs', () => {
    const addr = executionGraph(runLitmus(corpus('mp/MP+poonceonce+addronceonce')).verdict!.witnesses[0]!);
    expect(addr.edges.some((e) => e.kind === 'addr')).toBe(true);
    const xchg = executionGraph(runLitmus(corpus('xchg-cmpxchg/SB+xchgonces')).verdict!.witnesses[0]!);
    expect(xchg.edges.filter((e) => e.kind === 'rmw')).toHaveLength(2);
  });
});

describe('graphToDot', () => {
  const dot = graphToDot(executionGraph(counterexampleOf(corpus('mp/MP+poonceonces'))));

  it('is a digraph with one cluster per CPU and coloured edges', () => {
    expect(dot.startsWith('digraph execution {')).toBe(true);
    expect(dot.trimEnd().endsWith('}')).toBe(true);
    expect(dot).toContain('subgraph cluster_cpu0 {');
    expect(dot).toContain('subgraph cluster_cpu1 {');
    expect(dot).toMatch(/e\d+ -> e\d+ \[label="rf", color="#d62728"/);
    expect(dot.split('{').length).toBe(dot.split('}').length);
  });

  it('escapes quotes and backslashes in names', () => {
    const g = executionGraph(counterexampleOf(corpus('mp/MP+poonceonces')));
    expect(graphToDot(g, { name: 'MP "quoted" \\' })).toContain('digraph "MP \\"quoted\\" \\\\" {');
  });
});

describe('graphToSvg', () => {
  const witness = counterexampleOf(corpus('mp/MP+poonceonces'));

  it('is well-formed, self-contained and deterministic', () => {
    const svg = graphToSvg(executionGraph(witness));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(tagsBalance(svg)).toBe(true);
    expect(svg).not.toMatch(/href="http|<script|<image/);
    expect(graphToSvg(executionGraph(witness))).toBe(svg);
    expect(svg).toContain('data-event=');
    expect(svg).toContain('rf: reads from');
    expect(svg.match(/class="event"/g)).toHaveLength(5);
  });

  it('escapes text', () => {
    const odd: Witness = { ...witness, events: witness.events.map((e) => (e.thread === 1 ? { ...e, text: 'a < b && "c" > \'d\'' } : e)) };
    const svg = graphToSvg(executionGraph(odd), { title: '<MP & co>' });
    expect(svg).toContain('&lt;MP &amp; co&gt;');
    expect(svg).toContain('a &lt; b &amp;&amp; &quot;c&quot; &gt; &apos;d&apos;');
    expect(tagsBalance(svg)).toBe(true);
  });

  it('draws every corpus shape well-formed', () => {
    for (const name of ['sb/SB+poonceonces', 'lb/LB+poonceonces', 'iriw/IRIW+poonceonces+OnceOnce', 'rcu/RCU-GP+rlonceonceru+onceonce']) {
      expect(tagsBalance(graphToSvg(executionGraph(counterexampleOf(corpus(name)))))).toBe(true);
    }
  });
  it('places every edge label off the nodes and off every other label, inside the picture, on the dense kernel graphs too', () => {
    const kernel = (name: string) => readFileSync(new URL(`../../corpus/lkmm/kernel/${name}.litmus`, import.meta.url), 'utf8');
    const sources = [
      corpus('mp/MP+poonceonces'), corpus('iriw/IRIW+poonceonces+OnceOnce'),
      kernel('KSM+GUP-fast+pte-change+broadcast'), kernel('KSM+GUP-fast+no-pte-change+broadcast'), kernel('FreePT+GUP-fast+immediate-free+broadcast'),
      walk,
    ];
    for (const source of sources) {
      // With the program's names, as the site draws it: longer labels, wider nodes.
      const graph = executionGraph(counterexampleOf(source), namesOf(source));
      const svg = graphToSvg(graph);
      const width = Number(/<svg [^>]*width="(\d+)"/.exec(svg)![1]);
      const nodes: Box[] = [...svg.matchAll(/<rect x="(-?\d+)" y="(-?\d+)" width="(\d+)" height="(\d+)" rx="6"/g)]
        .map(([, x, y, w, h]) => ({ x: Number(x), y: Number(y), width: Number(w), height: Number(h) }));
      // The renderer's own measure of a 10 px label: 6.1 px a character and 6 px of padding, 12 px high, centred 3.5 px above its baseline.
      const labels = [...svg.matchAll(/<text class="edge-label" x="(-?\d+)" y="(-?\d+)"[^>]*>(\w+)<\/text>/g)]
        .map(([, x, y, kind]) => labelBox({ x: Number(x), y: Number(y) - 3.5 }, Math.ceil(kind!.length * 6.1 + 6), 12));
      expect(nodes).toHaveLength(graph.nodes.length);
      expect(labels).toHaveLength(graph.edges.filter((e) => e.kind !== 'po').length);
      for (const [i, label] of labels.entries()) {
        expect(label.x).toBeGreaterThanOrEqual(0);
        expect(label.x + label.width).toBeLessThanOrEqual(width);
        for (const node of nodes) expect(overlapArea(label, node), `label ${i} on a node`).toBeLessThanOrEqual(1);
        for (const other of labels.slice(i + 1)) expect(overlapArea(label, other), `label ${i} on another`).toBeLessThanOrEqual(1);
      }
      // Every node is wide enough for its label (12 px monospace, about 7.3 px a character).
      for (const n of graph.nodes) expect(nodes[0]!.width).toBeGreaterThanOrEqual(n.label.length * 7.3);
      // Nothing leaves the picture on the left: every path starts and bends at x >= 0.
      for (const m of svg.matchAll(/ d="([^"]+)"/g)) for (const x of m[1]!.split(' ').filter((t) => !/[A-Za-z]/.test(t)).filter((_, i) => i % 2 === 0)) expect(Number(x)).toBeGreaterThanOrEqual(0);
    }
  });
});
