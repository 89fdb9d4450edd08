#!/usr/bin/env node
// shipline's command line: runs any action locally with the same bundles a runner starts.
//
//   npx shipline smoke --url http://127.0.0.1:8080 --checks examples/checks/smoke.yml
//   npx shipline deploy --environment staging --version 1.2.3 --dry-run
//   npx shipline health --url https://example.com --format prometheus --continuous
//
// Flags are the action's inputs (`--retry-delay 1s`; a flag alone means `true`). The step's log
// is shown with workflow commands made readable, then the summary and the outputs.
// `--outputs-json FILE` also writes the outputs as JSON, for scripts.
//
//   npx shipline workflow run .github/workflows/release.yml --ref v1.2.3 --input staging-url=... --approve
//
// runs a workflow file on this machine as written (see `npx shipline workflow --help`).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function usage(code) {
  const actions = ['build', 'scan', 'deploy', 'smoke', 'canary', 'rollback', 'gate'];
  process.stderr.write(`usage: shipline <${actions.join('|')}> [--input value ...] [--outputs-json FILE]\n`);
  process.stderr.write('       shipline health --url URL [--checks FILE] [--format text|json|prometheus] [--continuous] [--interval 30s]\n');
  process.stderr.write('       shipline workflow run <file> [--help for the flags]\n');
  process.exit(code);
}

/** `--name value`, `--name=value`, `--flag` -> { name: value, flag: 'true' } */
export function parseFlags(argv) {
  const inputs = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${JSON.stringify(arg)}: inputs are given as --name value`);
    const eq = arg.indexOf('=');
    if (eq !== -1) inputs[arg.slice(2, eq)] = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) inputs[arg.slice(2)] = argv[++i];
    else inputs[arg.slice(2)] = 'true';
  }
  return inputs;
}

function parseOutputs(text) {
  const out = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const body = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) body.push(lines[i]);
    out[m[1]] = body.join('\n');
  }
  return out;
}

const readable = (line) =>
  line
    .replace(/^::group::(.*)$/, '▸ $1')
    .replace(/^::endgroup::$/, '')
    .replace(/^::error(?: [^:]*)?::(.*)$/, 'error: $1')
    .replace(/^::warning(?: [^:]*)?::(.*)$/, 'warning: $1')
    .replace(/^::notice(?: [^:]*)?::(.*)$/, 'notice: $1')
    .replace(/^::debug::.*$/, '')
    .replace(/^::add-mask::.*$/, '')
    .replace(/%0A/g, '\n').replace(/%0D/g, '').replace(/%25/g, '%');

/** `shipline health ...`: a command of its own (not an action), its output passed through as is. */
async function health(args) {
  const child = spawn(process.execPath, [join(root, 'dist', 'health', 'index.js'), ...args], { stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  process.exit(await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1))));
}

async function main() {
  const [action, ...rest] = process.argv.slice(2);
  if (action === 'health') return health(rest);
  if (!action || action === '--help' || action === '-h') usage(action ? 0 : 2);
  if (action === 'workflow') {
    // The workflow runner is a bundle of its own, run in this process (it handles Ctrl-C and
    // reads the terminal for approvals): it sees the arguments after `workflow`.
    const runner = join(root, 'dist', 'workflow', 'index.js');
    if (!existsSync(runner)) {
      process.stderr.write(`shipline: the workflow runner is not built (no ${runner}): run npm run build\n`);
      process.exit(2);
    }
    process.argv.splice(2, 1);
    await import(pathToFileURL(runner).href);
    return;
  }
  const bundle = join(root, 'dist', action, 'index.js');
  if (!existsSync(bundle)) {
    process.stderr.write(`shipline: no action named ${JSON.stringify(action)} (no ${bundle})\n`);
    usage(2);
  }
  let inputs;
  try {
    inputs = parseFlags(rest);
  } catch (err) {
    process.stderr.write(`shipline: ${err.message}\n`);
    usage(2);
  }
  const outputsJson = inputs['outputs-json'];
  delete inputs['outputs-json'];
  const dir = mkdtempSync(join(tmpdir(), 'shipline-cli-'));
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary.md') };
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const env = { ...process.env, GITHUB_OUTPUT: files.output, GITHUB_STEP_SUMMARY: files.summary, RUNNER_TEMP: process.env.RUNNER_TEMP || dir };
  for (const key of Object.keys(env)) if (key.startsWith('INPUT_')) delete env[key];
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;

  const child = spawn(process.execPath, [bundle], { env, stdio: ['inherit', 'pipe', 'inherit'] });
  let partial = '';
  child.stdout.on('data', (chunk) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop();
    for (const line of lines) {
      const text = readable(line);
      if (text !== '' || line === '') process.stdout.write(`${text}\n`);
    }
  });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  const code = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  if (partial) process.stdout.write(`${readable(partial)}\n`);
  const summary = readFileSync(files.summary, 'utf8').trim();
  if (summary) process.stdout.write(`\n──── summary ────\n${summary}\n`);
  const outputs = parseOutputs(readFileSync(files.output, 'utf8'));
  if (Object.keys(outputs).length > 0) {
    process.stdout.write('\n──── outputs ────\n');
    for (const [k, v] of Object.entries(outputs)) process.stdout.write(`${k}: ${v.includes('\n') ? `\n  ${v.split('\n').join('\n  ')}` : v}\n`);
  }
  if (outputsJson) writeFileSync(outputsJson, JSON.stringify({ code, outputs }, null, 2));
  process.exit(code);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
