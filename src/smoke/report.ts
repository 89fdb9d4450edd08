import type { CheckResult } from './runner.js';

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
    const props = `      <system-out>${xml(`${r.method} ${r.url} -> ${r.status ?? 'no response'} in ${Math.round(r.latencyMs ?? 0)}ms after ${r.attempts} attempt(s)`)}</system-out>`;
    const failure = r.verdict === 'fail' ? `\n      <failure message="${xml(r.reason ?? 'failed')}" type="SmokeCheckFailed">${xml(r.reason ?? '')}</failure>` : '';
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
