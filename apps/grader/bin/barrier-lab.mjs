#!/usr/bin/env node
// The barrier-lab command. The TypeScript sources are compiled to dist/ by the
// repository's `prepare` script (run by `npm ci`) or by `nx build`.
import { main } from '../dist/index.js';

process.exitCode = await main(process.argv.slice(2));
