import { grade } from './src/index.ts';
import { readFileSync } from 'node:fs';
import { cpuUsage } from 'node:process';
const dir = 'exercises/capstone-patch/';
for (const f of ['starter.litmus','solution.litmus','over-fenced.litmus','wrong-no-rmb.litmus','wrong-part-one-only.litmus','solution-wmb.litmus','wrong-mb-after-check.litmus']) {
  const src = readFileSync(dir+f,'utf8');
  grade('capstone-patch', src);
  const c0 = cpuUsage();
  let r; for (let i=0;i<10;i++) r = grade('capstone-patch', src);
  const c = cpuUsage(c0);
  console.log(f.padEnd(30), ((c.user+c.system)/1000/10).toFixed(1), 'ms cpu', r!.status, r!.scoreGiven);
}
