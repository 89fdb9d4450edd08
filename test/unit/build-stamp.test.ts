// The test setup builds dist/ when it is not what the current sources build, and leaves it alone
// otherwise. Run here on a small copy: the real scripts/build.mjs and build-stamp.mjs, with a
// stand-in tsc and ncc that copy each entry through (and count the builds), so no 35 s build.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureBuilt, isCurrent, stampFile } from '../../scripts/build-stamp.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
let dir: string;

function write(path: string, text: string, mode?: number): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
  if (mode) chmodSync(join(dir, path), mode);
}
const read = (path: string) => readFileSync(join(dir, path), 'utf8');
const builds = () => (existsSync(join(dir, 'builds.log')) ? read('builds.log').split('\n').filter(Boolean).length : 0);
const quiet = () => undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipline-build-stamp-'));
  for (const f of ['scripts/build.mjs', 'scripts/build-stamp.mjs']) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    copyFileSync(join(ROOT, f), join(dir, f));
  }
  write('src/entries/deploy.ts', 'export const version = 1;\n');
  write('src/core/util.ts', 'export const x = 1;\n');
  write('package-lock.json', '{"lockfileVersion": 3}\n');
  write('tsconfig.json', '{}\n');
  write('README.md', '# copy\n');
  // tsc -p tsconfig.json --outDir OUT: each entry "compiled" by copying it; one line per build.
  write(
    'node_modules/.bin/tsc',
    '#!/bin/sh\nmkdir -p "$4/entries"\nfor f in src/entries/*.ts; do cp "$f" "$4/entries/$(basename "$f" .ts).js"; done\necho build >> builds.log\n',
    0o755,
  );
  // ncc build IN -o TARGET ...: the "bundle" is the entry itself.
  write('node_modules/.bin/ncc', '#!/bin/sh\nmkdir -p "$4"\ncp "$2" "$4/index.mjs"\n', 0o755);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('dist/ is built from the current sources before the tests', () => {
  it('builds when there is no stamp, then leaves an unchanged dist/ alone', () => {
    expect(ensureBuilt(dir, quiet)).toBe('built');
    expect(builds()).toBe(1);
    expect(read('dist/deploy/index.js')).toBe('export const version = 1;\n');
    expect(existsSync(stampFile(dir))).toBe(true);
    expect(existsSync(join(dir, 'dist', 'build-stamp'))).toBe(false);

    const before = statSync(join(dir, 'dist/deploy/index.js')).mtimeMs;
    expect(ensureBuilt(dir, quiet)).toBe('current');
    expect(builds()).toBe(1);
    expect(statSync(join(dir, 'dist/deploy/index.js')).mtimeMs).toBe(before);
  });

  it('rebuilds after a change to src/ and tests the new code, not the committed bundle', () => {
    ensureBuilt(dir, quiet);
    write('src/entries/deploy.ts', 'export const version = 2;\n');
    expect(isCurrent(dir)).toBe(false);
    const lines: string[] = [];
    expect(ensureBuilt(dir, (l) => void lines.push(l))).toBe('built');
    expect(read('dist/deploy/index.js')).toBe('export const version = 2;\n');
    expect(lines).toEqual([expect.stringContaining('building it')]);
    expect(builds()).toBe(2);
  });

  it.each(['src/core/util.ts', 'src/core/new-file.ts', 'package-lock.json', 'tsconfig.json', 'scripts/build.mjs'])(
    'rebuilds after a change to %s',
    (path) => {
      ensureBuilt(dir, quiet);
      write(path, `${existsSync(join(dir, path)) ? read(path) : ''}\n// changed\n`);
      expect(ensureBuilt(dir, quiet)).toBe('built');
      expect(builds()).toBe(2);
    },
  );

  it('rebuilds when dist/ is no longer what the build wrote (an older bundle checked out)', () => {
    ensureBuilt(dir, quiet);
    write('dist/deploy/index.js', 'export const version = 0;\n');
    expect(ensureBuilt(dir, quiet)).toBe('built');
    expect(read('dist/deploy/index.js')).toBe('export const version = 1;\n');
    rmSync(join(dir, 'dist'), { recursive: true });
    expect(ensureBuilt(dir, quiet)).toBe('built');
    expect(builds()).toBe(3);
  });

  it('does not rebuild for files the build does not read', () => {
    ensureBuilt(dir, quiet);
    write('README.md', '# changed\n');
    write('test/unit/new.test.ts', 'it.todo("x");\n');
    expect(ensureBuilt(dir, quiet)).toBe('current');
    expect(builds()).toBe(1);
  });

  it('npm run build records the stamp (a later test run does not build again); a build of some entries does not', () => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: dir, stdio: 'ignore' });
    expect(isCurrent(dir)).toBe(true);
    write('src/entries/deploy.ts', 'export const version = 3;\n');
    execFileSync(process.execPath, ['scripts/build.mjs', 'deploy'], { cwd: dir, stdio: 'ignore' });
    expect(read('dist/deploy/index.js')).toBe('export const version = 3;\n');
    expect(isCurrent(dir)).toBe(false);
    expect(ensureBuilt(dir, quiet)).toBe('built');
    expect(builds()).toBe(3);
  });

  it('build.mjs --if-changed builds nothing when dist/ is current (runs started together build once)', () => {
    ensureBuilt(dir, quiet);
    const out = execFileSync(process.execPath, ['scripts/build.mjs', '--if-changed'], { cwd: dir, encoding: 'utf8' });
    expect(out).toContain('dist/ is current');
    expect(builds()).toBe(1);
    expect(existsSync(join(dir, '.build.lock'))).toBe(false);
  });
});
