import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fmt, median, report, root } from './lib.mjs';

const FILES = 10;
const RESULTS_PER_FILE = 5_000;
const TIME = '/usr/bin/time';

/** One scanner's SARIF: `results` findings over 400 rules, spread over severities and files. */
function sarifFile(index, results) {
  const rules = Array.from({ length: 400 }, (_, r) => ({
    id: `CVE-2024-${String(index * 1000 + r).padStart(5, '0')}`,
    shortDescription: { text: `Vulnerability ${r} in package pkg-${r}` },
    properties: { 'security-severity': ((r % 100) / 10).toFixed(1), tags: ['security'] },
  }));
  const out = [];
  for (let i = 0; i < results; i++) {
    const ruleIndex = i % rules.length;
    out.push({
      ruleId: rules[ruleIndex].id,
      ruleIndex,
      level: ['error', 'warning', 'note'][i % 3],
      message: { text: `Package pkg-${ruleIndex}@1.${i % 50}.0 is vulnerable; fixed in 1.${(i % 50) + 1}.0` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: `src/module-${index}/file-${Math.floor(i / 10)}.js` },
            region: { startLine: (i % 10) + 1 },
          },
        },
      ],
    });
  }
  return { version: '2.1.0', runs: [{ tool: { driver: { name: `Scanner${index}`, rules } }, results: out }] };
}

/** Runs the scan bundle as a runner would; reads the peak RSS from /usr/bin/time -v, else from a preload. */
function runMeasured(workspace, temp) {
  const env = {
    ...process.env,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: temp,
    GITHUB_OUTPUT: join(temp, 'output'),
    GITHUB_STEP_SUMMARY: join(temp, 'summary.md'),
    INPUT_SARIF: 'reports/*.sarif',
    INPUT_SECRETS: 'false',
    'INPUT_NPM-AUDIT': 'false',
    'INPUT_FAIL-ON-FINDINGS': 'false',
  };
  for (const f of ['output', 'summary.md']) writeFileSync(join(temp, f), '');
  const bundle = join(root, 'dist', 'scan', 'index.js');
  const withTime = existsSync(TIME);
  const preload = `data:text/javascript,process.on('exit',()=>process.stderr.write('maxrss_kb='+process.resourceUsage().maxRSS+'\\n'))`;
  const [file, args] = withTime ? [TIME, ['-v', process.execPath, bundle]] : [process.execPath, ['--import', preload, bundle]];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(file, args, { cwd: workspace, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const kb = Number((/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr) ?? /maxrss_kb=(\d+)/.exec(stderr) ?? [])[1]);
      resolve({ code, ms, mb: kb / 1024, how: withTime ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS' });
    });
  });
}

/** Merge and judge 50,000 SARIF results from 10 files through the scan bundle: time and peak memory. */
export async function benchScan() {
  const bundle = join(root, 'dist', 'scan', 'index.js');
  if (!existsSync(bundle)) throw new Error('dist/scan/index.js is missing: run node scripts/build.mjs scan');
  const dir = mkdtempSync(join(tmpdir(), 'shipline-bench-scan-'));
  try {
    const workspace = join(dir, 'ws');
    mkdirSync(join(workspace, 'reports'), { recursive: true });
    for (let i = 0; i < FILES; i++)
      writeFileSync(join(workspace, 'reports', `scanner-${i}.sarif`), JSON.stringify(sarifFile(i, RESULTS_PER_FILE)));
    const runs = [];
    for (let i = 0; i < 3; i++) {
      const temp = mkdtempSync(join(dir, 'run-'));
      const r = await runMeasured(workspace, temp);
      if (r.code !== 0)
        throw new Error(`scan bundle exited ${r.code}; summary: ${readFileSync(join(temp, 'summary.md'), 'utf8').slice(0, 500)}`);
      const merged = JSON.parse(readFileSync(join(temp, 'shipline-scan.sarif'), 'utf8'));
      const count = merged.runs.reduce((n, run) => n + run.results.length, 0);
      if (count !== FILES * RESULTS_PER_FILE) throw new Error(`merged SARIF holds ${count} results, expected ${FILES * RESULTS_PER_FILE}`);
      runs.push(r);
    }
    const middle = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const ms = middle(runs.map((r) => r.ms));
    const mb = middle(runs.map((r) => r.mb));
    const bare = await median(
      5,
      () =>
        new Promise((resolve) => {
          const t = performance.now();
          spawn(process.execPath, ['-e', ''], { stdio: 'ignore' }).on('close', () => resolve(performance.now() - t));
        }),
    );
    report(`Scan: merge and judge ${FILES * RESULTS_PER_FILE} SARIF results from ${FILES} files (goal: under 2000 ms and 300 MB)`, [
      { what: "bare node -e ''", ms: fmt(bare), 'peak MB': '' },
      { what: `dist/scan, spawn to exit (median of 3; RSS by ${runs[0].how})`, ms: fmt(ms), 'peak MB': fmt(mb, 1) },
    ]);
    return { ms, mb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
