#!/usr/bin/env node
// Builds every entry in src/entries/ into dist/<name>/index.js: tsc emits JavaScript into build/,
// then ncc bundles each entry with its dependencies into one ESM file. dist/ is rebuilt from empty.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);
const bin = (name) => join(root, 'node_modules', '.bin', name);

rmSync(join(root, 'build'), { recursive: true, force: true });
// Type errors are reported by `npm run typecheck`; the emit goes on so one broken file elsewhere
// does not block bundling the entries that do not import it.
try {
  execFileSync(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: root, stdio: 'pipe' });
} catch {
  /* emitted anyway */
}

const entries = readdirSync(join(root, 'src', 'entries'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

if (only.length === 0) rmSync(join(root, 'dist'), { recursive: true, force: true });
for (const name of entries) {
  const out = join(root, 'dist', name);
  rmSync(out, { recursive: true, force: true });
  execFileSync(bin('ncc'), ['build', join('build', 'entries', `${name}.js`), '-o', out, '--target', 'es2022', '--quiet'], { cwd: root, stdio: 'inherit' });
  // ncc names an ESM bundle index.mjs; the runner starts runs.main, which we keep as index.js.
  if (existsSync(join(out, 'index.mjs'))) renameSync(join(out, 'index.mjs'), join(out, 'index.js'));
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  console.log(`built dist/${name}/index.js`);
}
mkdirSync(join(root, 'dist'), { recursive: true });
