#!/usr/bin/env node
// Builds every entry in src/entries/ into dist/<name>/index.js: tsc emits JavaScript into build/,
// then ncc bundles each entry with its dependencies into one ESM file. dist/ is rebuilt from empty.
// `build.mjs [entry...]` builds only those entries; `--if-changed` builds everything unless dist/
// is already what a full build of the current sources wrote (see build-stamp.mjs).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCurrent, sourcesHash, writeStamp } from './build-stamp.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const ifChanged = args.includes('--if-changed');
const only = ifChanged ? [] : args;
const bin = (name) => join(root, 'node_modules', '.bin', name);

// One build at a time: builds started together would delete each other's build/ directory.
// (A directory of each run's own would do too, but its name would end up in the bundles.)
const lock = join(root, '.build.lock');
for (let waited = 0; ; waited += 200) {
  try {
    mkdirSync(lock);
    break;
  } catch {
    if (waited > 300_000) rmSync(lock, { recursive: true, force: true });
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  }
}
process.on('exit', () => rmSync(lock, { recursive: true, force: true }));

// Checked under the lock: a build that finished while this one waited may have made it current.
if (ifChanged && isCurrent(root)) {
  console.log('dist/ is current: built from these sources');
  process.exit(0);
}
// Taken before building: sources changed during the build leave the stamp behind, so they get built.
const sources = sourcesHash(root);

const out = join(root, 'build');
rmSync(out, { recursive: true, force: true });
// Type errors are reported by `npm run typecheck`; the emit goes on so one broken file elsewhere
// does not block bundling the entries that do not import it.
try {
  execFileSync(bin('tsc'), ['-p', 'tsconfig.json', '--outDir', out], { cwd: root, stdio: 'pipe' });
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
  const target = join(root, 'dist', name);
  rmSync(target, { recursive: true, force: true });
  execFileSync(bin('ncc'), ['build', join(out, 'entries', `${name}.js`), '-o', target, '--target', 'es2022', '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
  // ncc names an ESM bundle index.mjs; the runner starts runs.main, which we keep as index.js.
  if (existsSync(join(target, 'index.mjs'))) renameSync(join(target, 'index.mjs'), join(target, 'index.js'));
  writeFileSync(join(target, 'package.json'), '{ "type": "module" }\n');
  console.log(`built dist/${name}/index.js`);
}
mkdirSync(join(root, 'dist'), { recursive: true });
if (only.length === 0) writeStamp(root, sources);
