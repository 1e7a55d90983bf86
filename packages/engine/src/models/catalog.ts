import { sc, tso } from './hardware.ts';
import { lkmm } from './lkmm/index.ts';
import type { Model, ModelName } from './model.ts';

const models: Record<ModelName, Model> = { sc, tso, lkmm };

/** The model called `name`. */
export function modelFor(name: ModelName): Model {
  return models[name];
}
