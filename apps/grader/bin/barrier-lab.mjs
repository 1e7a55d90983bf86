#!/usr/bin/env node
// The barrier-lab command. The repository's `prepare` script (run by `npm ci`)
// and `nx build` compile the TypeScript sources to dist/ and bundle them into
// dist/bundle/ (scripts/bundle-cli.mjs), which loads several times faster.
// Without a bundle (only `tsc -b` was run) the compiled modules serve.
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/bundle/barrier-lab.js', import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : '../dist/index.js');

process.exitCode = await main(process.argv.slice(2));
