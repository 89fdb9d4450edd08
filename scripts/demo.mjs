#!/usr/bin/env node
// The release workflows themselves, locally, in one command: the example app released with
// examples/workflows/release.yml (which calls .github/workflows/release.yml) and deployed to
// staging with examples/workflows/staging.yml, each run by `npx shipline workflow run` on the
// embedded `local` driver with the deployment ledger, nothing else installed.
//
//   tag v1.0.0: staging.yml (build, scan, staging, smoke), then the first production deploy
//               (a canary needs a stable version beside it)
//   tag v1.1.0: the same; the canary on production is judged by the built-in probe -> promoted
//   tag v1.2.0: a bad version (30% of requests fail): the canary aborts it, traffic stays on
//               1.1.0; the rollback job finds 1.2.0 not live in production and changes nothing
//               (the ledger has no rollback record)
//   main:       a fix pushed to main is deployed to staging by the staging workflow
//
// By default one line per job, grouped by release (the canary's progress shown while it runs: one
// line rewritten on a terminal, a line a step otherwise), then a closing table. `--verbose` prints
// every job's log and summary as it runs. Every run's whole log is also kept in the work directory
// (kept and named when a stage does not behave; SHIPLINE_DEMO_LOG=FILE copies them all to FILE).
// Exits non-zero if any stage does not behave as described.
import { execFileSync, spawn } from 'node:child_process';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'shipline-demo-'));
const repo = join(work, 'shop');
const state = join(repo, '.shipline');
const results = [];
const started = Date.now();
const verbose = process.argv.slice(2).includes('--verbose');
const unknown = process.argv.slice(2).filter((a) => a !== '--verbose');
if (unknown.length > 0) {
  console.error(`demo: unknown argument ${unknown[0]} (accepted: --verbose)`);
  process.exit(2);
}
const logFile = join(work, 'demo.log');
const tty = Boolean(process.stdout.isTTY);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * What a run prints, by default: its whole log goes to the log file, and each job's end to the
 * screen as one line; while a job's canary runs, its latest step (rewritten in place on a terminal).
 */
function progress(title) {
  const write = (line) => appendFileSync(logFile, `${line}\n`);
  write(`\n━━━━ ${title} ━━━━`);
  if (verbose) console.log(`\n━━━━ ${title} ━━━━`);
  let live = '';
  const say = (line) => {
    if (live) process.stdout.write('\r\x1b[2K');
    live = '';
    console.log(line);
  };
  const started = new Map();
  return {
    line(line) {
      write(line);
      if (verbose) return void process.stdout.write(`${line}\n`);
      let m;
      if ((m = /^▶ job (.+?)(?:: calls .*)?$/.exec(line))) started.set(m[1], Date.now());
      else if ((m = /^([✓✗]) job (.+): (\w+)$/.exec(line))) {
        const took = started.has(m[2]) ? `  ${seconds(Date.now() - started.get(m[2]))}` : '';
        say(`  ${m[1]} ${m[2].padEnd(28)} ${m[3]}${took}`);
      } else if ((m = /^⤼ job (.+): skipped/.exec(line))) say(`  ⤼ ${m[1].padEnd(28)} skipped`);
      else if ((m = /^\[(.+?)\] (step \d+(?: \(\d+%\))?: .*)$/.exec(line))) {
        const full = `    … ${m[1]}: ${m[2]}`;
        const text = full.length > 100 ? `${full.slice(0, 99)}…` : full;
        if (tty) {
          process.stdout.write(`\r\x1b[2K${text}`);
          live = text;
        } else console.log(text);
      }
    },
    end() {
      if (live) process.stdout.write('\r\x1b[2K');
      live = '';
    },
  };
}

/** Each line of a stream, as it comes. */
function eachLine(stream, onLine) {
  let partial = '';
  stream.on('data', (d) => {
    const lines = (partial + d).split('\n');
    partial = lines.pop();
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => partial && onLine(partial));
}

const git = (...args) =>
  execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'demo',
      GIT_AUTHOR_EMAIL: 'demo@example.invalid',
      GIT_COMMITTER_NAME: 'demo',
      GIT_COMMITTER_EMAIL: 'demo@example.invalid',
    },
  }).trim();

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** A repository of the example app, with a config file that sets the drivers and the canary. */
function setUpRepository(ports) {
  mkdirSync(join(repo, '.github'), { recursive: true });
  copyFileSync(join(root, 'examples', 'app', 'server.js'), join(repo, 'server.js'));
  copyFileSync(join(root, 'examples', 'app', 'package.json'), join(repo, 'package.json'));
  copyFileSync(join(root, 'examples', 'checks', 'smoke.yml'), join(repo, '.github', 'shipline-smoke.yml'));
  writeFileSync(join(repo, '.gitignore'), '.shipline/\nreleases/\n');
  writeFileSync(
    join(repo, '.github', 'shipline.yml'),
    [
      '# Each release is unpacked in releases/<version>; the local driver starts one per version.',
      'defaults:',
      '  driver: local',
      '  app-command: node "releases/$SHIPLINE_VERSION/server.js"',
      '  smoke:',
      '    checks: .github/shipline-smoke.yml',
      '    retry-delay: 200ms',
      'environments:',
      '  staging:',
      `    port: ${ports.staging}`,
      '  production:',
      `    port: ${ports.production}`,
      '    canary:',
      '      steps: [25, 50, 100]',
      '      step-duration: 3s',
      '      analysis-interval: 500ms',
      '      probe-rps: 40',
      '',
    ].join('\n'),
  );
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'shop');
}

function commit(message, change) {
  change();
  git('commit', '-q', '-am', message);
}

/** Runs a workflow file with the workflow runner; returns its exit code and --json report. */
function workflow(file, ref, vars) {
  const args = [
    join(root, 'bin', 'shipline.js'),
    'workflow',
    'run',
    join(root, 'examples', 'workflows', file),
    '--ref',
    ref,
    '--approve',
    '--json',
  ];
  if (verbose) args.push('--verbose');
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}=${v}`);
  const title = `shipline workflow run examples/workflows/${file} --ref ${ref}`;
  if (!verbose) console.log(`\n${ref}: ${file}`);
  const shown = progress(title);
  const env = { ...process.env, SHIPLINE_STATE_DIR: state, GITHUB_REPOSITORY: 'acme/shop', SHIPLINE_WORKFLOW_LOCKS: join(work, 'locks') };
  delete env.GITHUB_TOKEN;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    eachLine(child.stderr, shown.line);
    child.on('close', (code) => {
      shown.end();
      let report = { result: 'none', jobs: {}, outputs: {} };
      try {
        report = JSON.parse(out);
      } catch {
        console.log(out);
      }
      resolve({ code, ...report });
    });
  });
}

/** Runs one action through the CLI (the first production deploy); returns exit code and outputs. */
function shipline(action, inputs, tag) {
  const out = join(work, `${action}-${tag}.json`);
  const args = [join(root, 'bin', 'shipline.js'), action, '--outputs-json', out];
  for (const [k, v] of Object.entries(inputs)) args.push(`--${k}`, v);
  if (verbose) args.push('--verbose');
  const title = `shipline ${action} ${inputs.environment ?? ''}`;
  const shown = progress(title);
  const env = {
    ...process.env,
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: `refs/tags/${tag}`,
    GITHUB_SHA: git('rev-parse', 'HEAD'),
    GITHUB_WORKSPACE: repo,
    SHIPLINE_STATE_DIR: state,
    RUNNER_TEMP: work,
    GITHUB_REPOSITORY: 'acme/shop',
  };
  delete env.GITHUB_TOKEN;
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], env });
    eachLine(child.stdout, shown.line);
    eachLine(child.stderr, shown.line);
    child.on('close', () => {
      shown.end();
      const result = existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : { code: 1, outputs: {} };
      if (!verbose)
        console.log(
          `  ${result.code === 0 ? '✓' : '✗'} ${title.padEnd(28)} ${result.outputs.result ?? `exit ${result.code}`}  ${seconds(Date.now() - t0)}`,
        );
      resolve(result);
    });
  });
}

function expectStage(stage, ok, detail) {
  results.push({ stage, ok, detail });
  if (!ok) console.log(`\n!!!! ${stage} did not behave as described: ${detail}`);
  return ok;
}

async function versionAt(url) {
  try {
    const res = await fetch(url);
    return (await res.json()).version;
  } catch (err) {
    return `unreachable (${err.message})`;
  }
}

const jobs = (run) =>
  Object.entries(run.jobs ?? {})
    .map(([name, j]) => `${name.replace(/^release \/ |^staging \/ /, '')}=${j.result}`)
    .join(' ');
const job = (run, name) => run.jobs?.[name] ?? { result: 'none', outputs: {} };

function stopEverything() {
  const dir = join(state, 'local');
  if (!existsSync(dir)) return;
  for (const env of readdirSync(dir)) {
    const file = join(dir, env, 'state.json');
    if (!existsSync(file)) continue;
    const pids = [];
    JSON.stringify(JSON.parse(readFileSync(file, 'utf8')), (key, value) => {
      if (key === 'pid' && typeof value === 'number') pids.push(value);
      return value;
    });
    for (const pid of pids) {
      for (const target of [-pid, pid]) {
        try {
          process.kill(target, 'SIGTERM');
        } catch {
          /* already gone */
        }
      }
    }
  }
}

try {
  const ports = { staging: await freePort(), production: await freePort() };
  const vars = {
    STAGING_URL: `http://127.0.0.1:${ports.staging}`,
    PRODUCTION_URL: `http://127.0.0.1:${ports.production}`,
    MIN_SOAK: '0s',
    BAKE: '3s',
  };
  setUpRepository(ports);

  // v1.0.0: the first release. A canary needs a stable version beside it, so the very first
  // production deploy is a plain one: staging.yml takes the tag to staging, then the deploy
  // action puts what staging proved into production.
  git('tag', 'v1.0.0');
  let run = await workflow('staging.yml', 'v1.0.0', { STAGING_URL: vars.STAGING_URL });
  expectStage(
    'v1.0.0: staging.yml succeeds',
    run.code === 0 && run.result === 'success' && job(run, 'staging').outputs.version === '1.0.0',
    `${jobs(run)}; version ${job(run, 'staging').outputs.version}`,
  );
  const first = await shipline('deploy', { environment: 'production', version: '1.0.0', 'require-promotion-from': 'staging' }, 'v1.0.0');
  expectStage(
    'v1.0.0: first deploy of production',
    first.code === 0 && first.outputs.result === 'success',
    `result=${first.outputs.result}`,
  );
  let live = await versionAt(vars.PRODUCTION_URL);
  expectStage('v1.0.0: production answers 1.0.0', live === '1.0.0', `production answers ${live}`);

  // v1.1.0: a good change, promoted by the canary.
  commit('faster checkout', () =>
    writeFileSync(join(repo, 'server.js'), readFileSync(join(repo, 'server.js'), 'utf8') + '// 1.1.0: faster checkout\n'),
  );
  git('tag', 'v1.1.0');
  run = await workflow('release.yml', 'v1.1.0', vars);
  const promoted = job(run, 'release / production').outputs.result;
  expectStage(
    'v1.1.0: release.yml succeeds, canary promoted',
    run.code === 0 && run.result === 'success' && promoted === 'promoted',
    `${jobs(run)}; canary ${promoted}`,
  );
  live = await versionAt(vars.PRODUCTION_URL);
  expectStage('v1.1.0: production answers 1.1.0', live === '1.1.0', `production answers ${live}`);

  // v1.2.0: 30% of requests fail. The canary aborts it; the rollback job finds nothing to undo.
  commit('a bad change', () => {
    const source = readFileSync(join(repo, 'server.js'), 'utf8');
    const broken = source.replace('process.env.APP_ERROR_RATE ?? 0)', 'process.env.APP_ERROR_RATE ?? 0.3)');
    if (broken === source) throw new Error('could not make the bad release: the example app changed');
    writeFileSync(join(repo, 'server.js'), broken);
  });
  git('tag', 'v1.2.0');
  run = await workflow('release.yml', 'v1.2.0', vars);
  const aborted = job(run, 'release / production');
  expectStage(
    'v1.2.0: canary aborted, release.yml fails',
    run.code !== 0 && run.result === 'failure' && aborted.result === 'failure' && aborted.outputs.result === 'aborted',
    `${jobs(run)}; canary ${aborted.outputs.result}`,
  );
  expectStage(
    'v1.2.0: verify skipped, rollback job ran',
    job(run, 'release / verify').result === 'skipped' && job(run, 'release / rollback').result === 'success',
    jobs(run),
  );
  live = await versionAt(vars.PRODUCTION_URL);
  expectStage('v1.2.0: production still answers 1.1.0', live === '1.1.0', `production answers ${live}`);
  const ledger = JSON.parse(readFileSync(join(state, 'deployments.json'), 'utf8')).deployments;
  const redeployed = ledger.filter((d) => d.environment === 'production' && d.payload.by === 'rollback');
  expectStage(
    'v1.2.0: the rollback job found 1.2.0 not live, redeployed nothing',
    redeployed.length === 0,
    `${redeployed.length} rollback record(s) in production`,
  );

  // main: the fix goes to staging through the staging workflow.
  commit('fix the bad change', () => {
    const source = readFileSync(join(repo, 'server.js'), 'utf8');
    writeFileSync(join(repo, 'server.js'), source.replace('process.env.APP_ERROR_RATE ?? 0.3)', 'process.env.APP_ERROR_RATE ?? 0)'));
  });
  run = await workflow('staging.yml', 'main', { STAGING_URL: vars.STAGING_URL });
  const deployed = job(run, 'staging').outputs.version;
  expectStage(
    'main: staging.yml deploys the fix to staging',
    run.code === 0 && run.result === 'success' && Boolean(deployed),
    `${jobs(run)}; version ${deployed}`,
  );
  live = await versionAt(vars.STAGING_URL);
  expectStage('main: staging answers the fix', live === deployed, `staging answers ${live}`);
} catch (err) {
  expectStage('demo', false, err.stack ?? String(err));
} finally {
  stopEverything();
}

console.log(`\n━━━━ demo result (${((Date.now() - started) / 1000).toFixed(1)} s) ━━━━`);
// The details are in the logs: the table fits a screen (its widest column cut short).
const cut = (text) => (verbose || text.length <= 60 ? text : `${text.slice(0, 59)}…`);
console.table(results.map((r) => ({ stage: r.stage, behaved: r.ok ? 'yes' : 'NO', detail: cut(r.detail) })));
if (process.env.SHIPLINE_DEMO_LOG && existsSync(logFile)) copyFileSync(logFile, process.env.SHIPLINE_DEMO_LOG);
if (results.every((r) => r.ok)) rmSync(work, { recursive: true, force: true });
else console.log(`work directory kept for inspection: ${work} (every run's log: ${logFile})`);
process.exit(results.length > 0 && results.every((r) => r.ok) ? 0 : 1);
