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
 * `tso` is x86, so its programs use x86's: ptep_get_and_clear() is a fully
 * ordered xchg() (the model itself makes every atomic read-modify-write a
 * LOCK-prefixed full barrier). `lkmm` is about every architecture, so its
 * programs use the generic code, the weakest reading; so does `sc`, where
 * every access is ordered anyway (the two could only differ if two CPUs
 * wrote the same entry at once, which the kernel's page-table lock rules out).
 */
export function kernelArchFor(model: ModelName): KernelArch {
  return model === 'tso' ? 'x86' : 'generic';
}
