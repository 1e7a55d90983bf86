import type { KernelArch } from '../program/kernel-objects.ts';
import { sc, tso } from './hardware.ts';
import { lkmm } from './lkmm/index.ts';
import type { Model, ModelName } from './model.ts';

const models: Record<ModelName, Model> = { sc, tso, lkmm };

/** The model called `name`. */
export function modelFor(name: ModelName): Model {
  return models[name];
}

/**
 * Which implementation of the kernel builtins a model's verdicts are about.
 * `lkmm` is about every architecture, so its programs use the generic code,
 * the weakest reading (ptep_get_and_clear() reads the PTE, then clears it).
 * `tso` is x86, so its programs use x86's: ptep_get_and_clear() and
 * pmdp_invalidate()'s exchange are a fully ordered xchg() (the model itself
 * makes every atomic read-modify-write a LOCK-prefixed full barrier). `sc`
 * is the ideal machine, where each builtin is its strongest implementation,
 * one atomic step: x86's. That choice is what makes SC ⊆ TSO ⊆ LKMM hold for
 * every kernel program, two CPUs writing one PTE included: with the generic
 * read-then-write, sc would let another CPU's write land between the two
 * steps, which tso forbids (docs/engine.md; src/explore/kernel-laws.test.ts).
 */
export function kernelArchFor(model: ModelName): KernelArch {
  return model === 'lkmm' ? 'generic' : 'x86';
}
