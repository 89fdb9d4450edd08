import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { commonFields, environmentField } from '../core/common-fields.js';
import { UserError } from '../core/errors.js';
import * as f from '../core/fields.js';
import { maskUrlCredentials, redactUrls, splitUrlCredentials } from '../core/redact.js';
import { plural } from '../core/plural.js';
import { runAction, type RunOptions } from '../core/run.js';
import { checksSchema, CHECKS_FORM, DEFAULT_CHECKS, type Check } from '../checks/schema.js';
import { junitReport, writeSmokeSummary } from './report.js';
import { checkUrl } from '../checks/request.js';
import { runChecks } from '../checks/runner.js';

export const fields = {
  url: f.url({ secret: false }),
  checks: f.structured(checksSchema, { form: CHECKS_FORM }),
  attempts: f.int({ min: 1, max: 100, default: 3 }),
  'retry-delay': f.duration({ min: 0, max: 600_000, default: 2_000 }),
  timeout: f.duration({ min: 1, max: 600_000, default: 10_000 }),
  concurrency: f.int({ min: 1, max: 100, default: 4 }),
  'follow-redirects': f.bool({ default: true }),
  report: f.string({ form: 'a file path for the JUnit XML report' }),
  environment: environmentField(false),
  ...commonFields,
};

export function run(opts?: RunOptions): Promise<number> {
  return runAction(
    { name: 'smoke', title: 'shipline smoke', fields, environmentInput: 'environment', cancelledOutputs: { result: 'fail' } },
    async (ctx) => {
      const s = ctx.settings;
      const checks: Check[] = (s.checks as Check[] | undefined) ?? DEFAULT_CHECKS;
      let baseUrl: string | undefined;
      let authorization: string | undefined;
      if (s.url) {
        maskUrlCredentials(s.url);
        ({ url: baseUrl, authorization } = splitUrlCredentials(s.url));
      }
      const withoutUrl = checks.find((c) => c.path !== undefined);
      if (withoutUrl && !baseUrl)
        throw new UserError(
          `Input "url" is required: check "${withoutUrl.name}" has a path. ` +
            `Accepted: an absolute http or https URL (http://host[:port][/path]).`,
        );

      const reportPath = s.report || join(ctx.runner.temp, `shipline-smoke-${process.pid}.xml`);
      const jsonPath = reportPath.replace(/\.xml$/i, '') + '.json';
      ctx.summary.heading(`Smoke${s.environment ? ` — ${s.environment}` : ''}`);

      if (s.dryRun) {
        ctx.summary.verdict('info', `Dry run: ${plural(checks.length, 'check')} planned, no request sent.`);
        ctx.summary.table(
          ['check', 'request', 'expect'],
          checks.map((c) => [c.name, `${c.method} ${redactUrls(checkUrl(c, baseUrl))}`, JSON.stringify(c.expect)]),
        );
        for (const c of checks) ctx.log.info(`would check ${c.name}: ${c.method} ${redactUrls(checkUrl(c, baseUrl))}`);
        ctx.setOutput('result', 'dry-run');
        ctx.setOutput('passed', 0);
        ctx.setOutput('failed', 0);
        return;
      }

      const results = await ctx.log.group(`Running ${plural(checks.length, 'smoke check')}`, () =>
        runChecks(checks, {
          baseUrl,
          authorization,
          attempts: s.attempts,
          retryDelayMs: s.retryDelay,
          timeoutMs: s.timeout,
          concurrency: s.concurrency,
          followRedirects: s.followRedirects,
          signal: ctx.signal,
          onAttempt: (check, attempt, reasons) =>
            ctx.log.info(`${check.name}: attempt ${attempt}/${s.attempts} failed: ${reasons.join('; ')}`),
        }),
      );
      const passed = results.filter((r) => r.verdict === 'pass').length;
      const failed = results.length - passed;
      mkdirSync(dirname(reportPath), { recursive: true });
      writeFileSync(reportPath, junitReport(results));
      writeFileSync(jsonPath, JSON.stringify({ result: failed === 0 ? 'pass' : 'fail', passed, failed, checks: results }, null, 2));
      ctx.setOutput('result', failed === 0 ? 'pass' : 'fail');
      ctx.setOutput('passed', passed);
      ctx.setOutput('failed', failed);
      ctx.setOutput('report', reportPath);

      writeSmokeSummary(ctx.summary, results, { junit: reportPath, json: jsonPath }, ctx.runner, s.environment);
      ctx.log.info(`JUnit report: ${reportPath}; JSON: ${jsonPath}`);
      for (const r of results)
        ctx.log.info(`${r.verdict === 'pass' ? 'PASS' : 'FAIL'} ${r.name} (${r.method} ${r.url})${r.reason ? `: ${r.reason}` : ''}`);
      if (failed > 0) {
        const names = results.filter((r) => r.verdict === 'fail').map((r) => `${r.name} (${r.reason})`);
        throw new UserError(`Smoke checks failed: ${names.join('; ')}`);
      }
    },
    opts,
  );
}
