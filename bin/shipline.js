#!/usr/bin/env node
// shipline's command line: runs any action locally with the same bundles a runner starts
// (`npx shipline --help`, `npx shipline deploy --help`). The command line itself is built with
// the actions, from src/cli/ into dist/cli/index.js.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli', 'index.js');
if (!existsSync(cli)) {
  process.stderr.write(`shipline: the command line is not built (no ${cli}): run npm run build\n`);
  process.exit(2);
}
await import(pathToFileURL(cli).href);
