#!/usr/bin/env node
// The main job, locally, in one command: the release flow of .github/workflows/release.yml run
// through the real action bundles on the embedded `local` driver, with nothing else installed.
//
//   release 1.0.0: build, scan, deploy staging, smoke, gate, first deploy of production
//   release 1.1.0: build, scan, deploy staging, smoke, gate, canary on production judged by the
//                  built-in probe -> promoted
//   release 1.2.0: a bad version (30% of requests fail): staging smoke, then the canary on
//                  production aborts it and traffic stays on 1.1.0; rollback puts staging back
//
// Every stage's summary is printed, then a closing table. Exits non-zero if any stage does not
// behave as described.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'shipline-demo-'));
const repo = join(work, 'shop');
const state = join(repo, '.shipline');
const results = [];
const started = Date.now();

const git = (...args) =>
  execFileSync('git', args, {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'demo', GIT_AUTHOR_EMAIL: 'demo@example.invalid', GIT_COMMITTER_NAME: 'demo', GIT_COMMITTER_EMAIL: 'demo@example.invalid' },
  }).trim();

/** A repository of the example app, with a config file that sets the drivers and the canary. */
function setUpRepository() {
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
      '  production:',
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

function release(tag, change) {
  if (change) {
    change();
    git('commit', '-q', '-am', `release ${tag}`);
  }
  git('tag', tag);
  return { GITHUB_EVENT_NAME: 'push', GITHUB_REF: `refs/tags/${tag}`, GITHUB_SHA: git('rev-parse', 'HEAD') };
}

/** Runs one action through the CLI (the same bundles a runner starts); returns exit code and outputs. */
function shipline(action, inputs, event) {
  const out = join(work, `step-${results.length}-${action}.json`);
  const args = [join(root, 'bin', 'shipline.js'), action, '--outputs-json', out];
  for (const [k, v] of Object.entries(inputs)) args.push(`--${k}`, v);
  console.log(`\n━━━━ shipline ${action} ${inputs.environment ?? ''} ━━━━`);
  const env = { ...process.env, ...event, GITHUB_WORKSPACE: repo, SHIPLINE_STATE_DIR: state, RUNNER_TEMP: work, GITHUB_REPOSITORY: 'acme/shop' };
  delete env.GITHUB_TOKEN;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: repo, stdio: 'inherit', env });
    child.on('close', () => resolve(existsSync(out) ? JSON.parse(readFileSync(out, 'utf8')) : { code: 1, outputs: {} }));
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

/** The first part of a release: build, scan, staging, smoke, gate. Returns the build outputs. */
async function toStaging(tag, event) {
  const build = await shipline('build', { 'build-command': 'mkdir -p "releases/$SHIPLINE_VERSION" && cp server.js "releases/$SHIPLINE_VERSION/"', 'artifact-path': 'server.js' }, event);
  expectStage(`${tag}: build`, build.code === 0 && build.outputs.version === tag.slice(1), `version=${build.outputs.version}, channel=${build.outputs.channel}`);
  const scan = await shipline('scan', { 'npm-audit': 'false' }, event);
  expectStage(`${tag}: scan`, scan.code === 0 && scan.outputs.result === 'pass', `result=${scan.outputs.result}, blocking=${scan.outputs.blocking}`);
  const deploy = await shipline('deploy', { environment: 'staging', manifest: build.outputs.manifest }, event);
  expectStage(`${tag}: deploy staging`, deploy.code === 0 && deploy.outputs.result === 'success', `result=${deploy.outputs.result}, previous=${deploy.outputs['previous-version'] || '-'}`);
  const smoke = await shipline('smoke', { environment: 'staging', url: deploy.outputs['environment-url'] }, event);
  expectStage(`${tag}: smoke staging`, smoke.code === 0 && smoke.outputs.result === 'pass', `passed=${smoke.outputs.passed}, failed=${smoke.outputs.failed}`);
  const gate = await shipline('gate', { environment: 'production', version: build.outputs.version, 'require-successful': 'staging', freeze: 'Sun 02:00-04:00 UTC' }, event);
  // Allowed, unless the demo happens to run inside the Sunday maintenance window.
  const allowed = gate.outputs.allowed === 'true' || /freeze/i.test(gate.outputs.reasons ?? '');
  expectStage(`${tag}: gate production`, allowed, `allowed=${gate.outputs.allowed}${gate.outputs.reasons ? `: ${gate.outputs.reasons}` : ''}`);
  return { build, deploy, gate };
}

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
  setUpRepository();

  // Release 1.0.0: the first release goes to production with a plain deploy (no stable to compare).
  let event = release('v1.0.0');
  const first = await toStaging('v1.0.0', event);
  const prod = await shipline('deploy', { environment: 'production', manifest: first.build.outputs.manifest, 'require-promotion-from': 'staging' }, event);
  expectStage('v1.0.0: deploy production', prod.code === 0, `result=${prod.outputs.result}`);
  const productionUrl = prod.outputs['environment-url'];

  // Release 1.1.0: a good change, promoted by the canary.
  event = release('v1.1.0', () => writeFileSync(join(repo, 'server.js'), readFileSync(join(repo, 'server.js'), 'utf8') + '// 1.1.0: faster checkout\n'));
  const second = await toStaging('v1.1.0', event);
  const canary = await shipline('canary', { environment: 'production', manifest: second.build.outputs.manifest }, event);
  expectStage('v1.1.0: canary production -> promoted', canary.code === 0 && canary.outputs.result === 'promoted' && canary.outputs.weight === '100', `result=${canary.outputs.result}, weight=${canary.outputs.weight}`);
  const promoted = await versionAt(productionUrl);
  expectStage('v1.1.0: production answers 1.1.0', promoted === '1.1.0', `production answers ${promoted}`);

  // Release 1.2.0: 30% of requests fail. The canary aborts; rollback puts staging back.
  event = release('v1.2.0', () => {
    const source = readFileSync(join(repo, 'server.js'), 'utf8');
    const broken = source.replace('process.env.APP_ERROR_RATE ?? 0)', 'process.env.APP_ERROR_RATE ?? 0.3)');
    if (broken === source) throw new Error('could not make the bad release: the example app changed');
    writeFileSync(join(repo, 'server.js'), broken);
  });
  const third = await toStaging('v1.2.0', event);
  const bad = await shipline('canary', { environment: 'production', manifest: third.build.outputs.manifest }, event);
  expectStage('v1.2.0: canary production -> aborted', bad.code !== 0 && bad.outputs.result === 'aborted' && bad.outputs.weight === '0', `result=${bad.outputs.result}, failed-metric=${bad.outputs['failed-metric']}, weight=${bad.outputs.weight}`);
  const kept = await versionAt(productionUrl);
  expectStage('v1.2.0: production still answers 1.1.0', kept === '1.1.0', `production answers ${kept}`);
  const rollback = await shipline('rollback', { environment: 'staging', reason: 'v1.2.0 failed its canary in production' }, event);
  expectStage('v1.2.0: rollback staging -> 1.1.0', rollback.code === 0 && rollback.outputs.version === '1.1.0' && rollback.outputs['from-version'] === '1.2.0', `result=${rollback.outputs.result}, version=${rollback.outputs.version}, from=${rollback.outputs['from-version']}`);
  const staging = await versionAt(third.deploy.outputs['environment-url']);
  expectStage('v1.2.0: staging answers 1.1.0 again', staging === '1.1.0', `staging answers ${staging}`);
} catch (err) {
  expectStage('demo', false, err.stack ?? String(err));
} finally {
  stopEverything();
}

console.log(`\n━━━━ demo result (${((Date.now() - started) / 1000).toFixed(1)} s) ━━━━`);
console.table(results.map((r) => ({ stage: r.stage, behaved: r.ok ? 'yes' : 'NO', detail: r.detail })));
if (results.every((r) => r.ok)) rmSync(work, { recursive: true, force: true });
else console.log(`work directory kept for inspection: ${work}`);
process.exit(results.length > 0 && results.every((r) => r.ok) ? 0 : 1);
