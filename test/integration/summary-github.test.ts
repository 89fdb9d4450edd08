import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDriver } from '../../src/drivers/local/index.js';
import { startGitHubEmulator, type GitHubEmulator } from '../helpers/github-emulator.js';
import { ROOT, runAction, type ActionRun } from '../helpers/run-action.js';

/**
 * Every action's job summary as a person sees it in the Actions UI: the bundle run the way a runner
 * runs it, its summary through GitHub's own Markdown parser (cmark-gfm with GitHub's extensions),
 * and the things a reader notices checked on the HTML: no empty table header row, no runner temp
 * paths, the verdict as the first thing read (after at most the step's heading), links to the
 * commit, environment or run where the runner names them, no "(s)" plurals, no ISO timestamps.
 *
 * Data-driven: an action is covered by adding a case to CASES.
 */

const require = createRequire(import.meta.url);
const cmark = require('cmark-gfm') as { renderHtmlSync(markdown: string, options: object): string };
const githubHtml = (markdown: string) =>
  cmark.renderHtmlSync(markdown, {
    unsafe: true,
    githubPreLang: true,
    extensions: { table: true, autolink: true, strikethrough: true, tagfilter: true },
  });

const REPO = 'https://github.com/acme/shop';
const RUN = `${REPO}/actions/runs/4242`;
const SHA_1 = '1'.repeat(40);
const SHA_2 = '2'.repeat(40);
const PASSWORD = 'pa55-w0rd-summary';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'T',
  GIT_AUTHOR_EMAIL: 't@example.invalid',
  GIT_COMMITTER_NAME: 'T',
  GIT_COMMITTER_EMAIL: 't@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
};

interface Produced {
  run: ActionRun;
  /** The workspace the step ran in (a real runner's is not under /tmp; here it is, so any absolute path to it shows). */
  workspace: string;
}

interface Case {
  name: string;
  produce: () => Promise<Produced>;
  /** The verdict line's text, as rendered (mark included). */
  verdict: RegExp;
  /** Addresses that must be links in the rendered summary (read after the step ran). */
  links: string[] | (() => string[]);
  /** Anything else a reader of this summary must see (checked on the rendered text). */
  shows?: (string | RegExp)[];
  /** What must not be there (checked on the Markdown and the rendered text). */
  hides?: (string | RegExp)[];
  /** Extra checks on the run itself. */
  also?: (run: ActionRun) => void;
  /** Marks the case as still to do, with why (a summary not yet reworked). */
  todo?: string;
}

let root: string;
let gh: GitHubEmulator;
let buildHead = '';
let server: http.Server;
let base: string;

beforeAll(async () => {
  gh = await startGitHubEmulator();
  root = mkdtempSync(join(tmpdir(), 'shipline-summary-github-'));
  server = http.createServer((req, res) => {
    if (req.url === '/health') res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    else res.writeHead(503, { 'content-type': 'text/plain' }).end('down');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  // The local driver's processes (stable, canary, proxy) of each environment a case started.
  for (const { stateDir, environment } of localEnvironments)
    await createLocalDriver({ command: APP, stateDir: join(stateDir, 'local'), environment, stopGraceMs: 2000 }).stop();
  await gh.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const workspace = (name: string) => {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  return dir;
};

async function step(
  bundle: string,
  name: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
  cwd = workspace(name),
): Promise<Produced> {
  const run = await runAction(bundle, { inputs, cwd, env: { GITHUB_WORKSPACE: cwd, SHIPLINE_PRINT_SUMMARY: 'false', ...env } });
  return { run, workspace: cwd };
}

const fast = { attempts: '1', 'retry-delay': '10ms', timeout: '2s' };
const smokeChecks = (failing: boolean) =>
  JSON.stringify([
    { name: 'health', path: '/health' },
    { name: 'ready', path: '/health' },
    ...(failing
      ? [
          { name: 'orders', path: '/api/orders' },
          { name: 'cart', method: 'POST', path: '/api/cart', body: { a: 1 } },
        ]
      : []),
  ]);

/** The records in GitHub (its API emulated), as in a workflow with a token. */
const github = () => ({ GITHUB_API_URL: gh.url, 'INPUT_GITHUB-TOKEN': gh.token });

/** Deploys 1.0.0 (commit 1…) then 2.0.0 (commit 2…) to staging with the command driver. */
async function twoDeploys(dir: string): Promise<void> {
  for (const [version, sha] of [
    ['1.0.0', SHA_1],
    ['2.0.0', SHA_2],
  ] as const) {
    const d = await step(
      'deploy',
      'rollback',
      { environment: 'staging', version, 'deploy-command': 'true' },
      { GITHUB_SHA: sha, ...github() },
      dir,
    );
    expect(d.run.code, d.run.stdout).toBe(0);
  }
}

/** A daily freeze window from an hour before to an hour after `hoursFromNow` hours from now (the gate decides at the runner's clock). */
function dailyWindow(hoursFromNow: number): string {
  const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
  const at = Date.now() + hoursFromNow * 3_600_000;
  return `${hhmm(at - 3_600_000)}-${hhmm(at + 3_600_000)} UTC`;
}

/** The example app, run by the local driver as a process per version behind its weighted proxy. */
const APP = `"${process.execPath}" "${join(ROOT, 'examples', 'app', 'server.js')}"`;
const localEnvironments: { stateDir: string; environment: string }[] = [];

/** Deploys `version` of the example app to `environment` with the local driver, its state in the workspace. */
async function localDeploy(name: string, environment: string, version: string): Promise<Produced & { stateDir: string }> {
  const dir = workspace(name);
  const stateDir = join(dir, 'state');
  localEnvironments.push({ stateDir, environment });
  const produced = await step('deploy', name, { environment, version, 'app-command': APP, 'state-dir': stateDir }, {}, dir);
  return { ...produced, stateDir };
}

/** A canary of `version` on the local driver over a stable 1.0.0, with short steps (as in canary-local.test.ts). */
async function localCanary(name: string, environment: string, version: string, app: string): Promise<Produced> {
  const stable = await localDeploy(name, environment, '1.0.0');
  expect(stable.run.code, stable.run.stdout).toBe(0);
  return step(
    'canary',
    name,
    {
      environment,
      version,
      'app-command': app,
      'state-dir': stable.stateDir,
      steps: '50,100',
      'step-duration': '2s',
      'analysis-interval': '500ms',
      'probe-rps': '40',
      'max-p95': '300ms',
    },
    {},
    stable.workspace,
  );
}

const CASES: Case[] = [
  {
    name: 'build (archive of files)',
    produce: async () => {
      const dir = workspace('build');
      execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: dir, env: GIT_ENV });
      mkdirSync(join(dir, 'dist'));
      writeFileSync(join(dir, 'dist', 'app.js'), 'console.log(1)\n');
      writeFileSync(join(dir, 'dist', 'README'), 'app\n');
      execFileSync('git', ['add', '.'], { cwd: dir, env: GIT_ENV });
      execFileSync('git', ['commit', '-qm', 'app'], { cwd: dir, env: GIT_ENV });
      const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: dir, env: GIT_ENV, encoding: 'utf8' }).trim();
      buildHead = head;
      return step('build', 'build', { 'artifact-path': 'dist/**' }, { GITHUB_SHA: head }, dir);
    },
    verdict: /^✅ Built sha-[0-9a-f]{7} \(staging\): archive of 2 files in [\d.]+ s$/,
    links: () => [`${REPO}/commit/${buildHead}`, RUN],
    shows: [/archive: runner temp: shipline-artifacts\/[^ ]+\.tar\.gz/, /^Build sha-[0-9a-f]{7}$/m],
  },
  {
    name: 'scan (a blocking secret)',
    produce: async () => {
      const dir = workspace('scan');
      mkdirSync(join(dir, 'config'));
      // A GitHub token of the documented form: what the secret scan blocks on.
      writeFileSync(join(dir, 'config', 'app.env'), `NAME=shop\nTOKEN=ghp_${'A1b2C3d4E5'.repeat(3)}123456\n`);
      return step('scan', 'scan', { 'npm-audit': 'false' });
    },
    verdict: /^❌ 1 blocking finding at or above high$/,
    links: [`${REPO}/commit/${'a'.repeat(40)}`],
    shows: ['merged SARIF: runner temp: shipline-scan.sarif', 'config/app.env:2'],
  },
  {
    name: 'smoke, passing',
    produce: () => step('smoke', 'smoke-pass', { url: base, checks: smokeChecks(false), environment: 'staging', ...fast }),
    verdict: /^✅ All 2 smoke checks passed$/,
    links: [`${REPO}/deployments/staging`, RUN],
  },
  {
    name: 'smoke, failing: each failing row names the request, without credentials',
    produce: () =>
      step('smoke', 'smoke-fail', {
        url: base.replace('http://', `http://deployer:${PASSWORD}@`),
        checks: smokeChecks(true),
        environment: 'prod-eu',
        ...fast,
      }),
    verdict: /^❌ 2 of 4 smoke checks failed$/,
    links: [`${REPO}/deployments/prod-eu`, RUN],
    shows: [new RegExp(`GET http://127\\.0\\.0\\.1:\\d+/api/orders: `), new RegExp(`POST http://127\\.0\\.0\\.1:\\d+/api/cart: `)],
    hides: [PASSWORD],
  },
  {
    name: 'gate as a query (fail: false): one neutral line, no warning',
    produce: () =>
      step('gate', 'gate-query', {
        environment: 'staging',
        version: '1.2.3',
        'require-successful': 'staging',
        fail: 'false',
        freeze: 'none',
        'state-dir': join(workspace('gate-query'), 'state'),
      }),
    verdict:
      /^ℹ️ staging: 1\.2\.3 \(aaaaaaa\) is not allowed there yet \(require-successful \(staging\): .*no successful deployment in staging.*\); fail: false/,
    links: [],
    also: (run) => {
      expect(run.code).toBe(0);
      expect(run.stdout).not.toMatch(/^::warning/m);
      // One line: no heading, no ❌ row, no table.
      expect(githubHtml(run.summary).trim().split('\n')).toHaveLength(1);
    },
    hides: ['❌'],
  },
  {
    name: 'gate refusing: the verdict names the policy and the window',
    produce: () =>
      step('gate', 'gate-refuse', {
        environment: 'production',
        version: '1.2.3',
        freeze: dailyWindow(0),
        'state-dir': join(workspace('gate-refuse'), 'state'),
      }),
    verdict:
      /^❌ 1\.2\.3 \(aaaaaaa\) may not go to production now: freeze: "\d\d:\d\d-\d\d:\d\d UTC" is in force until \d{4}-\d\d-\d\d \d\d:\d\d:00 UTC$/,
    links: [`${REPO}/commit/${'a'.repeat(40)}`, `${REPO}/deployments/production`],
    shows: [/decided at: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/],
  },
  {
    name: 'gate allowing',
    produce: () =>
      step('gate', 'gate-allow', {
        environment: 'production',
        version: '1.2.3',
        freeze: dailyWindow(12),
        'state-dir': join(workspace('gate-allow'), 'state'),
      }),
    verdict: /^✅ 1\.2\.3 \(aaaaaaa\) may go to production now: all 2 policies in force passed$/,
    links: [`${REPO}/commit/${'a'.repeat(40)}`, `${REPO}/deployments/production`],
  },
  {
    name: 'rollback by hand',
    produce: async () => {
      const dir = workspace('rollback');
      await twoDeploys(dir);
      return step('rollback', 'rollback', { environment: 'staging', reason: 'checkout errors', 'rollback-command': 'true' }, github(), dir);
    },
    verdict: /^✅ Rolled staging back from 2\.0\.0 to 1\.0\.0$/,
    links: [`${REPO}/deployments/staging`, `${REPO}/compare/${SHA_2}...${SHA_1}`],
    also: (run) => expect(run.code, run.stdout).toBe(0),
    shows: [
      /to: 1\.0\.0 \(deployment \d+, replaced \(no longer live\), deployed \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)/,
      'reason: checkout errors',
    ],
    hides: [/\binactive\b/],
  },
  {
    name: 'rollback with a reason: the reason and the trigger among the facts, one list, no API call count',
    produce: async () => {
      const dir = workspace('rollback-reason');
      for (const [version, sha] of [
        ['1.0.0', SHA_1],
        ['2.0.0', SHA_2],
      ] as const) {
        const d = await step(
          'deploy',
          'rollback-reason',
          { environment: 'qa-eu', version, 'deploy-command': 'true' },
          { GITHUB_SHA: sha, ...github() },
          dir,
        );
        expect(d.run.code, d.run.stdout).toBe(0);
      }
      return step(
        'rollback',
        'rollback-reason',
        { environment: 'qa-eu', reason: 'payments failing since 2.0.0', 'rollback-command': 'true' },
        github(),
        dir,
      );
    },
    verdict: /^✅ Rolled qa-eu back from 2\.0\.0 to 1\.0\.0$/,
    links: [`${REPO}/deployments/qa-eu`, `${REPO}/compare/${SHA_2}...${SHA_1}`],
    shows: ['Rollback of qa-eu: 2.0.0 → 1.0.0', 'reason: payments failing since 2.0.0', 'trigger: manual', /deployment: \d+\n/],
    hides: ['GitHub API calls', / in acme\/shop deployments/, /took \d+ ms/],
    also: (run) => {
      expect(run.code, run.stdout).toBe(0);
      const top = blocks(githubHtml(run.summary));
      // The choice, why, and what was done: one list of facts, right under the verdict.
      const lists = top.filter((b) => b.startsWith('<ul>'));
      expect(lists).toHaveLength(1);
      expect(text(lists[0]!)).toMatch(
        /rolling back: 2\.0\.0[\s\S]*trigger: manual[\s\S]*reason: payments failing since 2\.0\.0[\s\S]*deployment: \d+/,
      );
    },
  },
  {
    name: 'deploy to production: the promotion evidence from staging, the compare view, the run',
    produce: async () => {
      const dir = workspace('deploy-promotion');
      const deploy = async (environment: string, version: string, sha: string, extra: Record<string, string> = {}) =>
        step(
          'deploy',
          'deploy-promotion',
          { environment, version, 'deploy-command': 'true', ...extra },
          { GITHUB_SHA: sha, ...github() },
          dir,
        );
      for (const [environment, version, sha] of [
        ['prod-us', '3.9.0', SHA_2],
        ['uat', '4.0.0', SHA_1],
      ] as const) {
        const d = await deploy(environment, version, sha);
        expect(d.run.code, d.run.stdout).toBe(0);
      }
      return deploy('prod-us', '4.0.0', SHA_1, { 'require-promotion-from': 'uat' });
    },
    verdict: /^✅ Deployed 4\.0\.0 to prod-us \(was 3\.9\.0\) in \d+(ms|s)$/,
    links: [
      `${REPO}/commit/${SHA_1}`,
      `${REPO}/compare/${SHA_2}...${SHA_1}`,
      `${REPO}/deployments/prod-us`,
      `${REPO}/deployments/uat`,
      RUN,
    ],
    shows: [
      'Deploy 4.0.0 to prod-us',
      /promoted from: uat: deployment \d+ ran 4\.0\.0 at 1111111, deployed \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC \(still live there\)/,
      'changes: 3.9.0 → 4.0.0',
    ],
    hides: [/took \d+ ms/, /duration: \d+ ms/, / in acme\/shop deployments/],
    also: (run) => {
      expect(run.code, run.stdout).toBe(0);
      // The API call count is an internal: folded, not among the facts.
      expect(run.summary).toMatch(/<details><summary>command driver details<\/summary>[\s\S]*GitHub API calls: \d+[\s\S]*<\/details>/);
    },
  },
  {
    name: 'deploy with the local driver: pid, port, proxy and log folded',
    produce: () => localDeploy('deploy-local', 'preview', '1.0.0'),
    verdict: /^✅ Deployed 1\.0\.0 to preview in \d+(ms|s)$/,
    links: [`${REPO}/commit/${'a'.repeat(40)}`, `${REPO}/deployments/preview`, RUN],
    shows: ['Deploy 1.0.0 to preview', 'deployment: 1 in state/deployments.json'],
    also: (run) => {
      expect(run.code, run.stdout).toBe(0);
      const folded = /<details><summary>local driver details<\/summary>([\s\S]*?)<\/details>/.exec(run.summary);
      expect(folded, run.summary).not.toBeNull();
      expect(folded![1]).toMatch(/\*\*pid\*\*: \d+/);
      expect(folded![1]).toMatch(/\*\*proxy-pid\*\*: \d+/);
      const open = run.summary.replace(folded![0], '');
      for (const internal of ['pid', 'port', 'log']) expect(open).not.toContain(`**${internal}**`);
    },
  },
  {
    name: 'canary promoted (local driver)',
    produce: () => localCanary('canary-promoted', 'canary-ok', '2.0.0', APP),
    verdict: /^✅ Promoted 2\.0\.0 in canary-ok: 2 steps passed on \d+ samples of \d+ metrics?; it now takes all traffic$/,
    links: [`${REPO}/commit/${'a'.repeat(40)}`, `${REPO}/deployments/canary-ok`, RUN],
    shows: ['Canary 2.0.0 in canary-ok', /report: runner temp: \S+\.json/, 'deployment record: 2 in state/deployments.json'],
    also: (run) => expect(run.outputs.result, run.stdout).toBe('promoted'),
  },
  {
    name: 'canary aborted (local driver)',
    produce: () => localCanary('canary-aborted', 'canary-bad', '2.0.0-errors', `APP_ERROR_RATE=0.2 ${APP}`),
    verdict:
      /^❌ Aborted 2\.0\.0-errors in canary-bad at step 1 \(50%\) on [\w-]+: .+; exposed [\d.]+ s, all traffic back to stable 1\.0\.0$/,
    links: [`${REPO}/commit/${'a'.repeat(40)}`, `${REPO}/deployments/canary-bad`, RUN],
    shows: ['Canary 2.0.0-errors in canary-bad'],
    also: (run) => expect(run.outputs.result, run.stdout).toBe('aborted'),
  },
];

/** The text of HTML, tags dropped and the few entities cmark writes decoded. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#124;/g, '|')
    .replace(/&amp;/g, '&');

/** The top-level blocks of cmark's HTML, in order: each starts on its own line with its tag. */
function blocks(html: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const line of html.split('\n')) {
    current += (current ? '\n' : '') + line;
    depth += (line.match(/<(table|ul|ol|details|pre|blockquote)\b/g) ?? []).length;
    depth -= (line.match(/<\/(table|ul|ol|details|pre|blockquote)>/g) ?? []).length;
    if (depth === 0 && current.trim()) {
      out.push(current);
      current = '';
    }
  }
  return out;
}

describe('every action summary as GitHub renders it (cmark-gfm): what a reader notices', () => {
  for (const c of CASES) {
    if (c.todo) {
      it.todo(`${c.name} (${c.todo})`);
      continue;
    }
    it(c.name, async () => {
      const { run, workspace: ws } = await c.produce();
      expect(run.summary, run.stdout).not.toBe('');
      c.also?.(run);
      const html = githubHtml(run.summary);
      const shown = text(html);

      // No empty header row above a table (GitHub draws it as a blank strip).
      expect(html).not.toMatch(/<th[^>]*>\s*<\/th>/);
      // No runner paths: not /tmp, not RUNNER_TEMP, not the workspace's absolute path.
      for (const path of ['/tmp/', run.dir, ws]) {
        expect(run.summary).not.toContain(path);
        expect(shown).not.toContain(path);
      }
      // Plain plurals and one time format (no ISO stamps, no milliseconds).
      expect(shown).not.toMatch(/\w\(s\)/);
      expect(shown).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);

      // The verdict is the first thing read: at most the step's heading before it.
      const top = blocks(html);
      const first = /^<h[1-6]>/.test(top[0]!) ? 1 : 0;
      expect(top.slice(0, first + 1).join('\n')).toMatch(/^(<h[1-6]>.*<\/h[1-6]>\n)?<p><strong>/);
      expect(text(top[first]!).trim()).toMatch(c.verdict);
      expect(top.slice(0, first).every((b) => /^<h[1-6]>/.test(b))).toBe(true);

      for (const url of typeof c.links === 'function' ? c.links() : c.links) expect(html, `link to ${url}`).toContain(`<a href="${url}">`);
      for (const s of c.shows ?? []) typeof s === 'string' ? expect(shown).toContain(s) : expect(shown).toMatch(s);
      for (const s of c.hides ?? []) {
        if (typeof s === 'string') {
          expect(run.summary).not.toContain(s);
          expect(shown).not.toContain(s);
        } else expect(shown).not.toMatch(s);
      }
    });
  }
});
