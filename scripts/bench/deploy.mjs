// The deploy action's cost: GitHub API calls per deploy, and the step's own time around a
// deploy-command of `true`, with the ledger (no token) and with the GitHub emulator, on the happy
// path and under a secondary rate limit (the wait measured against the retry-after given).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { fmt, median, report, root, runBundle } from './lib.mjs';

const RUNS = 5;
const GITHUB_RUNS = 3;
/** The deploy step through the emulator before requests were sent without fixed spacing (ms). */
const BEFORE_GITHUB_MS = 3200;
const RETRY_AFTER_SECONDS = 1;

/** The GitHub emulator is TypeScript (a test helper): transpile it and what it imports to plain ESM. */
async function loadEmulator(dir) {
  const entry = join(root, 'test', 'helpers', 'github-emulator.ts');
  const seen = new Set();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      fileName: file,
    });
    const out = join(dir, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, outputText);
    for (const m of source.matchAll(/(?:from|import)\s+['"](\.{1,2}\/[^'"]+)\.js['"]/g)) queue.push(resolve(dirname(file), `${m[1]}.ts`));
  }
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
  return import(pathToFileURL(join(dir, 'test', 'helpers', 'github-emulator.js')).href);
}

function timeSpawn(file, args) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(file, args, { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolvePromise(performance.now() - started));
  });
}

const deployScript = join(root, 'dist', 'deploy', 'index.js');
const runner = {
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_SHA: 'a'.repeat(40),
  GITHUB_REF: 'refs/heads/main',
  GITHUB_RUN_ID: '1',
  GITHUB_EVENT_NAME: 'push',
};

async function deployOnce(inputs, env) {
  const run = await runBundle(deployScript, { environment: 'staging', 'deploy-command': 'true', ...inputs }, { ...runner, ...env });
  rmSync(run.dir, { recursive: true, force: true });
  if (run.code !== 0) throw new Error(`deploy bundle exited with ${run.code}`);
  return run.ms;
}

/** API calls per deploy and the step's wall time around `deploy-command: true`, ledger vs emulator. */
export async function benchDeploy() {
  const work = mkdtempSync(join(tmpdir(), 'shipline-bench-deploy-'));
  try {
    const shTrue = await median(RUNS, () => timeSpawn('/bin/sh', ['-c', 'true']));
    const bareNode = await median(RUNS, () => timeSpawn(process.execPath, ['-e', '']));

    let n = 0;
    const ledgerDir = join(work, 'ledger');
    const ledger = await median(RUNS, () => deployOnce({ version: `1.0.${n++}`, 'state-dir': ledgerDir }, {}));

    const { startGitHubEmulator } = await loadEmulator(join(work, 'emulator'));
    const emu = await startGitHubEmulator();
    const calls = [];
    let github;
    let promotionCalls;
    let limited;
    try {
      const gh = { 'github-token': emu.token, 'state-dir': join(work, 'unused') };
      github = await median(GITHUB_RUNS, async () => {
        emu.reset();
        const ms = await deployOnce({ version: `2.0.${n++}`, ...gh }, { GITHUB_API_URL: emu.url });
        calls.push(emu.requests.length);
        return ms;
      });
      // With require-promotion-from: one more read (the evidence in the earlier environment).
      emu.reset();
      emu.seedDeployment({ environment: 'staging', sha: runner.GITHUB_SHA, payload: { version: '3.0.0' }, statuses: ['success'] });
      await deployOnce(
        { version: '3.0.0', environment: 'production', 'require-promotion-from': 'staging', ...gh },
        { GITHUB_API_URL: emu.url },
      );
      promotionCalls = emu.requests.length;

      // GitHub answers the deployment's creation with a secondary rate limit and retry-after: 1.
      emu.reset();
      emu.secondaryRateLimitNext(1, RETRY_AFTER_SECONDS, { method: 'POST', pathPrefix: `/repos/${emu.owner}/${emu.repo}/deployments` });
      limited = { ms: await deployOnce({ version: `4.0.${n++}`, ...gh }, { GITHUB_API_URL: emu.url }) };
      const i = emu.requests.findIndex((r) => r.status === 403);
      if (i < 0 || !emu.requests[i + 1]) throw new Error('the secondary rate limit was not answered and retried');
      limited.waitedMs = emu.requests[i + 1].at - emu.requests[i].at;
      limited.calls = emu.requests.length;
    } finally {
      await emu.close();
    }

    const perDeploy = Math.max(...calls);
    const row = (what, ms) => ({
      what,
      ms: fmt(ms),
      'x node -e': fmt(ms / bareNode, 2),
      'x sh -c true': fmt(ms / shTrue, 1),
      'overhead ms': fmt(ms - shTrue),
    });
    report(`deploy step around deploy-command: true (median of ${RUNS}/${GITHUB_RUNS}; goal: overhead under 500 ms)`, [
      row('sh -c true', shTrue),
      row("bare node -e ''", bareNode),
      row('deploy, ledger (no token)', ledger),
      row('deploy, GitHub emulator', github),
    ]);
    report(
      `deploy step through the GitHub emulator, requests without fixed spacing (goal: at most 1000 ms; before: ${BEFORE_GITHUB_MS} ms with writes 1 s apart)`,
      [
        { what: 'happy path', ms: fmt(github), 'x before': fmt(github / BEFORE_GITHUB_MS, 2), goal: '<= 1000 ms', ok: github <= 1000 },
        {
          what: `secondary rate limit on the deployment, retry-after: ${RETRY_AFTER_SECONDS}`,
          ms: fmt(limited.ms),
          'x before': fmt(limited.ms / BEFORE_GITHUB_MS, 2),
          goal: `waits >= ${RETRY_AFTER_SECONDS * 1000} ms`,
          ok: limited.waitedMs >= RETRY_AFTER_SECONDS * 1000,
        },
      ],
    );
    report('the wait under the secondary rate limit: measured at the emulator, 403 to retry', [
      {
        'retry-after given (ms)': RETRY_AFTER_SECONDS * 1000,
        'waited (ms)': fmt(limited.waitedMs),
        calls: limited.calls,
        'calls without the limit': perDeploy,
      },
    ]);
    report('GitHub API calls per deploy (goal: at most 4 on the happy path)', [
      { what: 'deploy, happy path', calls: perDeploy, goal: 4, ok: perDeploy <= 4 },
      { what: 'deploy with require-promotion-from', calls: promotionCalls, goal: 5, ok: promotionCalls <= 5 },
      { what: 'deploy, ledger', calls: 0, goal: 0, ok: true },
    ]);
    return {
      apiCallsPerDeploy: perDeploy,
      promotionCalls,
      githubMs: github,
      githubRatioBefore: github / BEFORE_GITHUB_MS,
      secondaryLimitWaitMs: limited.waitedMs,
      overheadLedgerMs: ledger - shTrue,
      overheadGitHubMs: github - shTrue,
      ledgerRatio: ledger / bareNode,
      githubRatio: github / bareNode,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchDeploy();
