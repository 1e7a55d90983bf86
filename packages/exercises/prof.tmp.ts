import { grade } from './src/index.ts';
import { readFileSync } from 'node:fs';
const dir = 'exercises/capstone-patch/';
const srcs = ['starter.litmus','solution.litmus','over-fenced.litmus','wrong-no-rmb.litmus'].map(f=>readFileSync(dir+f,'utf8'));
for (let i=0;i<30;i++) for (const s of srcs) grade('capstone-patch', s);
