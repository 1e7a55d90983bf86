// A witness as an execution graph: the events as nodes, linked to the source,
// and the relations of herd7's pictures as edges (po, rf, co, fr, fences,
// dependencies, rmw). Plain data, for the DOT and SVG renderers and the site.
import type { Witness, WitnessEvent } from '../verdict/verdict.ts';
import { nameValue, type ValueNames } from './value-names.ts';
import { isAccess, witnessRelations, type EdgePair, type WitnessRelations } from './witness-relations.ts';

/** One event of the graph: a witness event (without its lock kind) with a label. */
export interface GraphNode extends Omit<WitnessEvent, 'lock'> {
  /** Whether it is an initial write (thread and index are then -1). */
  readonly init: boolean;
  /** `value` by the kernel constant the program used for its location (`PMD_TABLE` for 4), when it used one (explain/value-names.ts). */
  readonly named?: string;
  /**
   * Short label in herd7's style: `W[once] x=1`, `R[acquire] y=0`, `F[mb]`,
   * `x=0 (init)`; the value by its kernel name where it has one
   * (`R[once] pmdp=PMD_TABLE`), as the verdict and the timeline give it.
   */
  readonly label: string;
}

/**
 * Edge kinds: program order (immediate), reads-from, coherence (immediate),
 * from-reads (immediate), fence (from a fence to its po-neighbouring
 * accesses), dependencies, and the read → write of an atomic RMW.
 */
export type GraphEdgeKind = 'po' | 'rf' | 'co' | 'fr' | 'fence' | 'addr' | 'data' | 'ctrl' | 'rmw';

/** Every edge kind, in drawing and legend order. */
export const graphEdgeKinds: readonly GraphEdgeKind[] = ['po', 'rf', 'co', 'fr', 'fence', 'rmw', 'addr', 'data', 'ctrl'];

export interface GraphEdge {
  readonly from: number;
  readonly to: number;
  readonly kind: GraphEdgeKind;
  /** Between different threads (an initial write counts as a thread of its own). */
  readonly external: boolean;
}

/** An execution graph as plain data. */
export interface ExecutionGraph {
  /** Threads with events, ascending. */
  readonly threads: readonly number[];
  /** Initial writes first (only those something reads from), then threads in program order. */
  readonly nodes: readonly GraphNode[];
  /** Grouped by kind (in `graphEdgeKinds` order), each group sorted by endpoints. */
  readonly edges: readonly GraphEdge[];
}

/**
 * The execution graph of `witness`. Initial writes appear (labelled
 * `x=0 (init)`) only when some read reads from them; co and fr edges from
 * omitted initial writes are dropped, so small tests give small graphs.
 * `names` (valueNames of the test) shows values by the kernel constants the
 * program used; without it, labels show numbers.
 */
export function executionGraph(witness: Witness, names: ValueNames = {}): ExecutionGraph {
  const toNode = (e: WitnessEvent) => graphNode(e, names);
  const rel = witnessRelations(witness);
  const usedInit = new Set<number>();
  for (const [w] of witness.rf) if (rel.byId.get(w)?.thread === -1) usedInit.add(w);
  const shown = (id: number) => {
    const e = rel.byId.get(id);
    return e !== undefined && (e.thread >= 0 || usedInit.has(id));
  };
  const nodes: GraphNode[] = [];
  const inits = witness.events.filter((e) => e.thread < 0 && usedInit.has(e.id)).sort((a, b) => (a.loc ?? '').localeCompare(b.loc ?? '') || a.id - b.id);
  for (const e of inits) nodes.push(toNode(e));
  for (const t of rel.threads) for (const e of rel.byThread.get(t)!) nodes.push(toNode(e));

  const threadOf = (id: number) => rel.byId.get(id)!.thread;
  const edges: GraphEdge[] = [];
  const add = (kind: GraphEdgeKind, pairs: readonly EdgePair[]) => {
    const kept = pairs.filter(([a, b]) => shown(a) && shown(b)).slice().sort((p, q) => p[0] - q[0] || p[1] - q[1]);
    const externalOf = ([a, b]: EdgePair) => threadOf(a) !== threadOf(b) || threadOf(a) < 0;
    for (const p of kept) edges.push({ from: p[0], to: p[1], kind, external: externalOf(p) });
  };
  add('po', immediatePo(rel));
  add('rf', witness.rf);
  add('co', rel.coImmediate);
  add('fr', rel.frImmediate);
  add('fence', fenceEdges(rel));
  add('rmw', witness.rmw);
  add('addr', witness.addr);
  add('data', witness.data);
  add('ctrl', witness.ctrl);
  return { threads: rel.threads, nodes, edges };
}

/** Each event to the next one of its thread. */
function immediatePo(rel: WitnessRelations): EdgePair[] {
  const out: EdgePair[] = [];
  for (const t of rel.threads) {
    const list = rel.byThread.get(t)!;
    for (let i = 1; i < list.length; i++) out.push([list[i - 1]!.id, list[i]!.id]);
  }
  return out;
}

/** From each fence to the nearest access before it and after it in program order. */
function fenceEdges(rel: WitnessRelations): EdgePair[] {
  const out: EdgePair[] = [];
  for (const t of rel.threads) {
    const list = rel.byThread.get(t)!;
    list.forEach((e, i) => {
      if (e.kind !== 'F') return;
      for (let j = i - 1; j >= 0; j--) {
        if (isAccess(list[j]!)) {
          out.push([e.id, list[j]!.id]);
          break;
        }
      }
      for (let j = i + 1; j < list.length; j++) {
        if (isAccess(list[j]!)) {
          out.push([e.id, list[j]!.id]);
          break;
        }
      }
    });
  }
  return out;
}

function graphNode(e: WitnessEvent, names: ValueNames): GraphNode {
  // A lock event's value is the lock's state, never shown (see eventLabel).
  const named = e.loc !== undefined && e.lock === undefined ? nameValue(names, e.loc, e.value) : undefined;
  return {
    id: e.id,
    thread: e.thread,
    index: e.index,
    kind: e.kind,
    ...(e.loc !== undefined ? { loc: e.loc } : {}),
    ...(e.value !== undefined ? { value: e.value } : {}),
    ...(named !== undefined ? { named } : {}),
    tags: [...e.tags],
    init: e.thread < 0,
    line: e.line,
    span: e.span,
    label: eventLabel(e, named),
    text: e.text,
  };
}

/**
 * herd7-style short label of an event: `W[once] x=1`, `R y=0` (plain),
 * `F[mb]`, `LKW l`, `x=0 (init)`; with `named`, that instead of the value
 * (`R[once] pmdp=PMD_TABLE`).
 */
export function eventLabel(e: WitnessEvent, named?: string): string {
  const shown = named ?? e.value;
  if (e.thread < 0) return `${e.loc ?? '?'}=${shown ?? '0'} (init)`;
  const tags = e.tags.length > 0 ? `[${e.tags.map((t) => t.toLowerCase()).join(',')}]` : '';
  if (e.kind === 'F') return `F${tags}${e.loc !== undefined ? ` ${e.loc}` : ''}`;
  const head = e.lock ?? e.kind;
  const value = shown !== undefined && e.lock === undefined ? `=${shown}` : '';
  return `${head}${tags} ${e.loc ?? '?'}${value}`;
}
