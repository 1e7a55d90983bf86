import { parseLitmus, lower } from './src/index.ts';
import { computeTraces } from './src/program/value-domain.ts';
import { runThread } from './src/program/thread-semantics.ts';
import { sourceSlicer } from './src/verdict/judge.ts';
import { readFileSync } from 'node:fs';
import { cpuUsage } from 'node:process';
const cpu = (f: () => void, n = 20) => { f(); const c0 = cpuUsage(); for (let i=0;i<n;i++) f(); const c = cpuUsage(c0); return ((c.user+c.system)/1000/n).toFixed(1); };
for (const f of ['starter','solution','over-fenced']) {
const src = readFileSync(`../exercises/exercises/capstone-patch/${f}.litmus`,'utf8');
const ast = parseLitmus(src).ast!; const prog = lower(ast, src, {flush:'broadcast'}).program!;
const textOf = sourceSlicer(src);
const tr = computeTraces(prog, textOf); const domain = tr.domain;
const opts = { unroll: prog.unroll, maxTraces: 20000, textOf, domain: (loc: string) => domain.get(loc) ?? [0] };
let forkedTraces = 0;
console.log(f, 'computeTraces', cpu(() => computeTraces(prog, textOf)), 'final', cpu(() => prog.threads.map((t) => runThread(t, opts))),
  'forked', cpu(() => { forkedTraces = prog.threads.map((t) => runThread(t, { ...opts, forkBranches: true }).traces.length).reduce((a,b)=>a+b); }), forkedTraces);
}
