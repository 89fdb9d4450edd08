import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cli } from '../cli/main.js';

// `npx shipline ...` (bin/shipline.js starts this bundle): dist/cli/index.js -> the package root.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const code = await cli(process.argv.slice(2), root, {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  columns: process.stdout.isTTY ? process.stdout.columns : undefined,
});
// -1: the workflow runner took over this process and sets its exit code itself.
if (code >= 0) process.exit(code);
