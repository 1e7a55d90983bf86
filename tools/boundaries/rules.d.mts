// Types for rules.mjs (plain JavaScript, as ESLint's configuration loads it), for the tests.
import type { Linter } from 'eslint';

/** Node built-ins, bare and `node:`-prefixed, that the engine may not import. */
export declare const nodeBuiltins: readonly string[];
/** Host globals the engine may not touch. */
export declare const hostGlobals: readonly string[];
/** The subpaths packages declare in their exports maps (`@barrier-lab/engine/explain`). */
export declare const publicSubpaths: readonly string[];
/** The engine's layers, in the order the data flows through them. */
export declare const engineLayers: readonly string[];
/** Flat-config blocks that enforce the boundaries. */
export declare const boundaryConfigs: Linter.Config[];
