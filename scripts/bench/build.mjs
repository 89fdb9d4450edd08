import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, median, report, root, runBundle } from './lib.mjs';

const FILES = 1_000;
const RUNS = 5;
/** Stands in for a compile of about two seconds; the 1,000 files it would produce are already built. */
const BUILD_COMMAND = 'sleep 2';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.invalid',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
};
const git = (cwd, ...args) => execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();

/** A git workspace with release tags and an already-built dist/ of `FILES` small files. */
function workspace() {
  const dir = mkdtempSync(join(tmpdir(), 'shipline-bench-build-'));
  git(dir, 'init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'README'), 'bench\n');
  git(dir, 'add', 'README');
  git(dir, 'commit', '-q', '-m', 'bench');
  for (let minor = 0; minor < 20; minor++) git(dir, 'tag', `v1.${minor}.0`);
  for (let i = 0; i < FILES; i++) {
    const sub = join(dir, 'dist', `part-${String(i % 20).padStart(2, '0')}`);
    if (i < 20) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `file-${String(i).padStart(4, '0')}.js`), `export const value${i} = ${i};\n// ${'x'.repeat(i % 200)}\n`);
  }
  return { dir, sha: git(dir, 'rev-parse', 'HEAD') };
}

/** Spawn to exit of the build-command alone, as the runner's own `run:` step would start it. */
function bareCommand(cwd) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/bin/sh', ['-c', BUILD_COMMAND], { cwd, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`build-command exited ${code}`))));
  });
}

/**
 * The build step around an already-built artifact: version resolution for a release tag (reading
 * the repository's tags), the build-command, a deterministic archive of 1,000 small files, the
 * manifest and the summary, against the build-command alone.
 */
export async function benchBuild() {
  const { dir, sha } = workspace();
  const env = {
    GITHUB_WORKSPACE: dir,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/tags/v2.0.0',
    GITHUB_SHA: sha,
    GITHUB_REPOSITORY: 'acme/shop',
  };
  const script = join(root, 'dist', 'build', 'index.js');
  const inputs = { 'build-command': BUILD_COMMAND, 'artifact-path': 'dist/**' };
  try {
    const check = await runBundle(script, inputs, env);
    if (check.code !== 0) throw new Error(`the build bundle failed (exit ${check.code}); run it by hand in ${dir}`);
    const bare = await median(RUNS, () => bareCommand(dir));
    const step = await median(RUNS, async () => {
      const run = await runBundle(script, inputs, env);
      if (run.code !== 0) throw new Error(`the build bundle failed (exit ${run.code})`);
      return run.ms;
    });
    const archiveOnly = await median(RUNS, async () => (await runBundle(script, { 'artifact-path': 'dist/**' }, env)).ms);
    const node = await median(RUNS, async () => (await runBundle(['-e', ''])).ms);
    report(`build: release tag, build-command "${BUILD_COMMAND}", archive of ${FILES} files (goal: overhead under 500 ms and under 1.3x)`, [
      { what: `bare build-command (/bin/sh -c '${BUILD_COMMAND}')`, ms: fmt(bare), ratio: 1 },
      { what: 'shipline build step, spawn to exit', ms: fmt(step), ratio: fmt(step / bare, 2) },
      { what: 'shipline overhead (step - bare command)', ms: fmt(step - bare), ratio: '' },
      { what: `shipline without build-command (tags + archive + manifest)`, ms: fmt(archiveOnly), ratio: '' },
      { what: "bare node -e '' (for scale)", ms: fmt(node), ratio: '' },
    ]);
    return { overheadMs: step - bare, ratio: step / bare };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
