// Shared helpers for the benchmarks: spawn a bundle as a runner does, time things, print rows.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs `node <script>` with inputs as INPUT_* variables; resolves to {code, ms}. */
export function runBundle(script, inputs = {}, env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'shipline-bench-'));
  const files = { GITHUB_OUTPUT: join(dir, 'out'), GITHUB_STEP_SUMMARY: join(dir, 'summary') };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const full = { ...process.env, ...files, RUNNER_TEMP: dir, ...env };
  for (const [k, v] of Object.entries(inputs)) full[`INPUT_${k.toUpperCase()}`] = v;
  const args = Array.isArray(script) ? script : [script];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { env: full, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, ms: performance.now() - started, dir }));
  });
}

export async function median(times, fn) {
  const samples = [];
  for (let i = 0; i < times; i++) samples.push(await fn());
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

/** A local HTTP server answering every request after `delayMs`. */
export async function startServer(delayMs = 0) {
  const server = createServer((req, res) => {
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"ok"}');
    }, delayMs);
  });
  server.keepAliveTimeout = 1;
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(r);
      }),
  };
}

export function report(title, rows) {
  console.log(`\n## ${title}`);
  console.table(rows);
}

export const fmt = (n, digits = 0) => Number(n.toFixed(digits));
