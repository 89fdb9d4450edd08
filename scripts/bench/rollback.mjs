// Rollback benchmarks: GitHub API calls to find a target 120 records back, and the time from a
// verify-mode trigger firing to the good version answering, on the local driver.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, report, root, runBundle } from './lib.mjs';

const bundle = (name) => join(root, 'dist', name, 'index.js');

/** A loopback GraphQL endpoint serving `count` deployment records, newest first, counting calls. */
async function recordsServer(count, targetIndex) {
  const nodes = Array.from({ length: count }, (_, i) => ({
    databaseId: count - i,
    createdAt: new Date(Date.now() - i * 60_000).toISOString(),
    commitOid: (count - i).toString(16).padStart(40, 'a'),
    environment: 'production',
    description: null,
    payload: JSON.stringify(
      i === 0
        ? { version: '9.0.0', by: 'deploy' }
        : i === targetIndex
          ? { version: '1.0.0', artifact: 'shop@sha256:good', by: 'deploy' }
          : { version: `8.0.${i}`, by: 'deploy' },
    ),
    latestStatus: {
      state: i === 0 ? 'SUCCESS' : i === targetIndex ? 'INACTIVE' : 'FAILURE',
      description: '',
      environmentUrl: null,
      createdAt: new Date().toISOString(),
    },
  }));
  const calls = { graphql: 0, other: 0, pageSizes: [] };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.url !== '/graphql') {
        calls.other++;
        res.writeHead(404).end('{"message":"Not Found"}');
        return;
      }
      calls.graphql++;
      const { variables } = JSON.parse(body);
      const start = variables.after ? Number(variables.after) : 0;
      const page = nodes.slice(start, start + variables.first);
      calls.pageSizes.push(variables.first);
      const end = start + page.length;
      res.end(
        JSON.stringify({
          data: { repository: { deployments: { pageInfo: { hasNextPage: end < nodes.length, endCursor: String(end) }, nodes: page } } },
        }),
      );
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    calls,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(r);
      }),
  };
}

async function findTargetCalls() {
  const rows = [];
  for (const back of [1, 99, 120, 250]) {
    const gh = await recordsServer(back + 10, back);
    const { code, ms } = await runBundle(
      bundle('rollback'),
      { environment: 'production', 'github-token': 'bench', 'deploy-command': 'true', 'dry-run': 'true' },
      { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: 'acme/shop', SHIPLINE_PRINT_SUMMARY: 'false' },
    );
    rows.push({
      'target records back': back,
      exit: code,
      'GraphQL calls': gh.calls.graphql,
      'page size': gh.calls.pageSizes[0],
      'other calls': gh.calls.other,
      ms: fmt(ms),
    });
    await gh.close();
  }
  report('API calls to find the rollback target (goal: pages of 100, at most 3 calls for 120 back)', rows);
  return rows;
}

export function probe(url) {
  return new Promise((resolve) => {
    const req = get(url, { agent: false, timeout: 1000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, version: res.headers['x-shipline-version'] }));
    });
    req.on('error', () => resolve({ status: 0 }));
    req.on('timeout', () => req.destroy());
  });
}

/** Runs a bundle with inputs; resolves when it exits; `onLine` sees each stdout line as it arrives. */
export function step(script, inputs, cwd, onLine) {
  const dir = mkdtempSync(join(tmpdir(), 'shipline-bench-rb-'));
  const files = { GITHUB_OUTPUT: join(dir, 'out'), GITHUB_STEP_SUMMARY: join(dir, 'summary') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...files,
    RUNNER_TEMP: dir,
    GITHUB_WORKSPACE: cwd,
    SHIPLINE_PRINT_SUMMARY: 'false',
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let buffer = '';
    child.stdout.on('data', (d) => {
      buffer += d;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        onLine?.(buffer.slice(0, nl), performance.now());
        buffer = buffer.slice(nl + 1);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, outputs: readFileSync(files.GITHUB_OUTPUT, 'utf8') }));
  });
}

export function stopLocal(stateDir, environment) {
  const file = join(stateDir, 'local', environment, 'state.json');
  if (!existsSync(file)) return;
  const state = JSON.parse(readFileSync(file, 'utf8'));
  for (const p of [state.proxy, state.stable, state.canary]) {
    if (!p?.pid) continue;
    try {
      process.kill(-p.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
}

async function triggerToGood() {
  const cwd = mkdtempSync(join(tmpdir(), 'shipline-bench-rb-ws-'));
  const stateDir = join(cwd, 'state');
  const app = `if [ "$SHIPLINE_VERSION" = "2.0.0" ]; then export APP_FAIL_AFTER_MS=1000; fi; exec "${process.execPath}" "${join(root, 'examples/app/server.js')}"`;
  const common = { 'app-command': app, 'state-dir': stateDir, environment: 'bench' };
  const rows = [];
  try {
    const v1 = await step(bundle('deploy'), { ...common, version: '1.0.0' }, cwd);
    if (v1.code !== 0) throw new Error('deploy of 1.0.0 failed');
    for (let i = 0; i < 3; i++) {
      const v2 = await step(bundle('deploy'), { ...common, version: '2.0.0' }, cwd);
      if (v2.code !== 0) throw new Error('deploy of 2.0.0 failed');
      const url = /environment-url<<(\S+)\n(.*)\n/.exec(v2.outputs)?.[2];
      let firedAt;
      let goodAt;
      const watching = (async () => {
        for (let n = 0; n < 20_000 && goodAt === undefined; n++) {
          const at = performance.now();
          const answer = await probe(`${url}/health`);
          if (firedAt !== undefined && answer.status === 200 && answer.version === '1.0.0') goodAt = at;
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      const started = performance.now();
      const rb = await step(
        bundle('rollback'),
        { ...common, bake: '2m', 'check-interval': '200ms', 'health-path': '/health' },
        cwd,
        (line, at) => {
          if (firedAt === undefined && line.includes('Rollback trigger')) firedAt = at;
        },
      );
      const exited = performance.now();
      await watching;
      rows.push({
        run: i + 1,
        exit: rb.code,
        'watch start -> trigger (ms)': fmt(firedAt - started),
        'trigger -> 1.0.0 answers (ms)': fmt(goodAt - firedAt),
        'trigger -> step exits (ms)': fmt(exited - firedAt),
      });
    }
  } finally {
    stopLocal(stateDir, 'bench');
  }
  report('Verify mode on the local driver: 2.0.0 fails 1 s after start; 3 failing samples 200 ms apart fire the health trigger', rows);
  return rows;
}

/** Both rollback benchmarks; figures are printed, nothing asserted. */
export async function benchRollback() {
  const calls = await findTargetCalls();
  const timing = await triggerToGood();
  const sorted = timing.map((r) => r['trigger -> 1.0.0 answers (ms)']).sort((a, b) => a - b);
  return { calls, timing, medianTriggerToGoodMs: sorted[Math.floor(sorted.length / 2)] };
}

if (import.meta.url === `file://${process.argv[1]}`) await benchRollback();
