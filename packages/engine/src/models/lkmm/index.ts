import type { Model } from '../model.ts';
import { evaluateLkmm } from './lkmm.ts';

/** The Linux Kernel Memory Model, exactly as herd7 evaluates the reference files. */
export const lkmm: Model = {
  name: 'lkmm',
  description: 'the Linux Kernel Memory Model (tools/memory-model, as herd7 evaluates it)',
  check: (x) => {
    const { consistent, violated, flags } = evaluateLkmm(x);
    return { consistent, flags, ...(violated ? { violated } : {}) };
  },
};

export { evaluateLkmm, type LkmmRelations, type LkmmResult } from './lkmm.ts';
