// @barrier-lab/engine: parse → lower → explore → judge → explain.
// The one public entry of the package; every export carries its contract.
export type { Diagnostic, Span } from './syntax/diagnostic.ts';
export { LineIndex } from './syntax/line-index.ts';
