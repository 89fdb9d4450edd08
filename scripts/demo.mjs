#!/usr/bin/env node
// The main job, locally, in one command: runs shipline's actions against the example app on this
// machine and checks that every stage behaves as described. Exits non-zero when one does not.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'shipline-demo-'));
const children = [];
const results = [];

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

async function startApp(version, env = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, [join(root, 'examples', 'app', 'server.js')], {
    env: { ...process.env, PORT: String(port), SHIPLINE_VERSION: version, ...env },
    stdio: 'ignore',
  });
  children.push(child);
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.status < 600) return `http://127.0.0.1:${port}`;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error(`example app ${version} did not start`);
}

/** Runs one action through the CLI; returns its exit code and outputs. */
function shipline(action, inputs) {
  const out = join(work, `${action}-${results.length}.json`);
  const args = [join(root, 'bin', 'shipline.js'), action, '--outputs-json', out];
  for (const [k, v] of Object.entries(inputs)) args.push(`--${k}`, v);
  console.log(`\n━━━━ shipline ${action} ━━━━`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, RUNNER_TEMP: work } });
    child.on('close', () => resolve(JSON.parse(readFileSync(out, 'utf8'))));
  });
}

function expectStage(stage, ok, detail) {
  results.push({ stage, ok, detail });
}

try {
  const good = await startApp('1.0.0');
  const checks = join(root, 'examples', 'checks', 'smoke.yml');
  const first = await shipline('smoke', { url: good, checks, 'retry-delay': '100ms' });
  expectStage('smoke 1.0.0 (healthy)', first.code === 0 && first.outputs.result === 'pass', `result=${first.outputs.result}`);

  const bad = await startApp('1.0.1', { APP_ERROR_RATE: '1' });
  const second = await shipline('smoke', { url: bad, checks, attempts: '2', 'retry-delay': '100ms' });
  expectStage('smoke 1.0.1 (broken) is caught', second.code !== 0 && second.outputs.result === 'fail', `result=${second.outputs.result}, failed=${second.outputs.failed}`);
} catch (err) {
  expectStage('demo', false, err.message);
} finally {
  for (const child of children) child.kill();
}

console.log('\n━━━━ demo result ━━━━');
console.table(results.map((r) => ({ stage: r.stage, behaved: r.ok ? 'yes' : 'NO', detail: r.detail })));
process.exit(results.every((r) => r.ok) ? 0 : 1);
