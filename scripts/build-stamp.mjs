// What dist/ was built from: a stamp outside dist/ (node_modules/.cache/shipline/build-stamp) holds
// the hash of the build's inputs and of the dist/ it produced. dist/ is current when both still
// match: the sources have not changed since, and dist/ is still what that build wrote (not, say,
// an older bundle checked out from git). scripts/build.mjs writes the stamp after a full build;
// the test setup (test/global-setup.ts) rebuilds when dist/ is not current.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** The build's inputs besides src/**: the dependencies, the compiler settings, the build itself. */
const INPUT_FILES = ['package-lock.json', 'tsconfig.json', 'scripts/build.mjs', 'scripts/build-stamp.mjs'];

export const stampFile = (root) => join(root, 'node_modules', '.cache', 'shipline', 'build-stamp');

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((name) => join(dir, String(name)))
    .filter((file) => statSync(file).isFile());
}

/** One hash over the files' paths (relative to root, `/`-separated) and contents, in path order. */
function hashFiles(root, files) {
  const hash = createHash('sha256');
  const named = files.map((file) => [relative(root, file).split(sep).join('/'), file]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, file] of named) {
    hash.update(`${name}\0`);
    hash.update(createHash('sha256').update(readFileSync(file)).digest('hex'));
    hash.update('\n');
  }
  return hash.digest('hex');
}

/** The hash of everything a build reads from the repository. */
export function sourcesHash(root) {
  const inputs = INPUT_FILES.map((f) => join(root, f)).filter((f) => existsSync(f));
  return hashFiles(root, [...filesUnder(join(root, 'src')), ...inputs]);
}

/** The hash of dist/ as it is now; undefined when there is no dist/ or it is empty. */
export function distHash(root) {
  const files = filesUnder(join(root, 'dist'));
  return files.length === 0 ? undefined : hashFiles(root, files);
}

function readStamp(root) {
  try {
    const stamp = JSON.parse(readFileSync(stampFile(root), 'utf8'));
    return typeof stamp?.sources === 'string' && typeof stamp?.dist === 'string' ? stamp : undefined;
  } catch {
    return undefined;
  }
}

/** Records that the current dist/ was built from sources with hash `sources` (taken before building). */
export function writeStamp(root, sources) {
  const dist = distHash(root);
  if (!dist) return;
  const file = stampFile(root);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(`${file}.${process.pid}`, `${JSON.stringify({ sources, dist })}\n`);
  renameSync(`${file}.${process.pid}`, file);
}

/** Whether dist/ is what a full build of the current sources wrote. */
export function isCurrent(root) {
  const stamp = readStamp(root);
  return stamp !== undefined && stamp.sources === sourcesHash(root) && stamp.dist === distHash(root);
}

/**
 * Builds dist/ when it is not current (`scripts/build.mjs --if-changed`, which checks again once
 * it holds the build lock, so runs started together build once). Leaves dist/ untouched otherwise.
 * Returns what it did.
 */
export function ensureBuilt(root, log = (line) => process.stderr.write(`${line}\n`)) {
  if (isCurrent(root)) return 'current';
  log('dist/ was not built from the current sources: building it (npm run build)');
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--if-changed'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (!isCurrent(root)) throw new Error('dist/ is still not current after npm run build (did the sources change during the build?)');
  return 'built';
}
