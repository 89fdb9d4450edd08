import { deploymentsUrl, link, runUrl } from '../core/links.js';
import { plural } from '../core/plural.js';
import { shownPath } from '../core/paths.js';
import { redactUrls } from '../core/redact.js';
import type { RunnerContext } from '../core/runner.js';
import { raw, type Summary } from '../core/summary.js';
import type { CheckResult } from '../checks/runner.js';

const xml = (text: string) =>
  text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

const seconds = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(3);

/** A JUnit XML report that test-report actions and CI systems read. */
export function junitReport(results: CheckResult[], suite = 'shipline smoke'): string {
  const failures = results.filter((r) => r.verdict === 'fail').length;
  const total = results.reduce((sum, r) => sum + r.durationMs, 0);
  const cases = results.map((r) => {
    const open = `    <testcase classname="${xml(suite)}" name="${xml(r.name)}" time="${seconds(r.durationMs)}">`;
    const attempt =
      `${r.method} ${r.url} -> ${r.status ?? 'no response'} ` +
      `in ${Math.round(r.latencyMs ?? 0)}ms after ${plural(r.attempts, 'attempt')}`;
    const props = `      <system-out>${xml(attempt)}</system-out>`;
    const failure =
      r.verdict === 'fail'
        ? `\n      <failure message="${xml(r.reason ?? 'failed')}" type="SmokeCheckFailed">${xml(r.reason ?? '')}</failure>`
        : '';
    return `${open}${failure}\n${props}\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(suite)}" tests="${results.length}" failures="${failures}" time="${seconds(total)}">`,
    `  <testsuite name="${xml(suite)}" tests="${results.length}" failures="${failures}" errors="0" skipped="0" time="${seconds(total)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** The request a check made, credentials hidden: `GET https://***@host/health`. */
export const requestText = (r: Pick<CheckResult, 'method' | 'url'>) => `${r.method} ${redactUrls(r.url)}`;

function row(r: CheckResult) {
  return [
    r.name,
    raw(r.verdict === 'pass' ? '✅ pass' : '❌ fail'),
    r.status ?? '—',
    r.latencyMs === undefined ? '—' : `${Math.round(r.latencyMs)} ms`,
    r.attempts,
    // A failing row says what was asked, so the reader can try the same request.
    r.verdict === 'fail' ? `${requestText(r)}: ${r.reason ?? 'failed'}` : (r.reason ?? ''),
  ];
}

/** The smoke summary after the checks ran: the verdict with its count, one row per check, where the reports are. */
export function writeSmokeSummary(
  summary: Summary,
  results: CheckResult[],
  files: { junit: string; json: string },
  runner: Pick<RunnerContext, 'workspace' | 'temp' | 'serverUrl' | 'repository' | 'runId'>,
  environment?: string,
): void {
  const failed = results.filter((r) => r.verdict === 'fail').length;
  const checks = plural(results.length, 'smoke check');
  summary.verdict(failed === 0 ? 'pass' : 'fail', failed === 0 ? `All ${checks} passed` : `${failed} of ${checks} failed`);
  summary.table(['check', 'verdict', 'status', 'latency', 'attempts', 'reason'], results.map(row));
  const run = runUrl(runner);
  summary.facts([
    ['environment', environment ? link(environment, deploymentsUrl(runner, environment)) : undefined],
    ['run', run ? link(`run ${runner.runId}`, run) : undefined],
  ]);
  summary.text(
    `JUnit report: ${shownPath(files.junit, runner)}; JSON: ${shownPath(files.json, runner)} (full paths in the step's outputs and log)`,
  );
}
