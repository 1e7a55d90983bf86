import { parseLitmus, lower } from './src/index.ts';
import { computeTraces } from './src/program/value-domain.ts';
import { runThread } from './src/program/thread-semantics.ts';
import { sourceSlicer, judge } from './src/verdict/judge.ts';
import { modelFor } from './src/models/catalog.ts';
import { readFileSync } from 'node:fs';
for (const f of ['starter','solution','over-fenced']) {
const src = readFileSync(`../exercises/exercises/capstone-patch/${f}.litmus`,'utf8');
const ast = parseLitmus(src).ast!; const prog = lower(ast, src, {flush:'broadcast'}).program!;
const textOf = sourceSlicer(src);
let tr; for (let i=0;i<5;i++) tr = computeTraces(prog, textOf);
let t0=performance.now(); for (let i=0;i<20;i++) tr = computeTraces(prog, textOf); const full=(performance.now()-t0)/20;
const domain = tr!.domain;
t0=performance.now(); for (let i=0;i<20;i++) prog.threads.map((t) => runThread(t, { unroll: prog.unroll, maxTraces: 20000, textOf, domain: (loc) => domain.get(loc) ?? [0] })); const fin=(performance.now()-t0)/20;
t0=performance.now(); for (let i=0;i<20;i++) judge(prog,{model:modelFor('lkmm')}); const j=(performance.now()-t0)/20;
console.log(f, 'computeTraces', full.toFixed(1), 'final run only', fin.toFixed(1), 'judge', j.toFixed(1), [...domain].map(([k,v])=>k+':'+v.length).join(' '), tr!.threads.map(t=>t.length));
}
