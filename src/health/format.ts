import type { CheckResult } from '../checks/runner.js';

/** One round of the health check: every check sent once. */
export interface HealthRound {
  /** When the round started. */
  time: Date;
  healthy: boolean;
  checks: CheckResult[];
}

const seconds = (ms: number | undefined) => (ms === undefined ? null : Math.round(ms * 1e3) / 1e6);

/** One JSON document a line (NDJSON), so a continuous run streams into `jq -c` or a log shipper. */
export function formatJson(round: HealthRound): string {
  return `${JSON.stringify({
    time: round.time.toISOString(),
    healthy: round.healthy,
    checks: round.checks.map((c) => ({
      name: c.name,
      url: c.url,
      method: c.method,
      status: c.status ?? null,
      latency_seconds: seconds(c.latencyMs),
      ok: c.verdict === 'pass',
      reason: c.reason ?? null,
    })),
  })}\n`;
}

/** Outside text (a check's name, a reason quoting an answer) cut to one line. */
const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, ' ');

/** A heading line, then one line per check; every line starts with a time or with spaces, never `::`. */
export function formatText(round: HealthRound): string {
  const failed = round.checks.filter((c) => c.verdict === 'fail').length;
  const head = round.healthy
    ? `${round.time.toISOString()} healthy: ${round.checks.length} of ${round.checks.length} check(s) passed`
    : `${round.time.toISOString()} unhealthy: ${failed} of ${round.checks.length} check(s) failed`;
  const lines = round.checks.map((c) => {
    const latency = c.latencyMs === undefined ? '-' : `${Math.round(c.latencyMs)}ms`;
    const reason = c.reason ? `: ${oneLine(c.reason)}` : '';
    return (
      `  ${c.verdict === 'pass' ? 'ok  ' : 'FAIL'} ${oneLine(c.name)} (${c.method} ` +
      `${oneLine(c.url)}) status ${c.status ?? '-'} in ${latency}${reason}`
    );
  });
  return `${[head, ...lines].join('\n')}\n`;
}

/** A label value as the exposition format wants it: backslash, double quote and line feed escaped. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** A number as the exposition format writes it (Go's ParseFloat reads it back). */
function sample(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/**
 * The Prometheus text exposition format (version 0.0.4): every family with its HELP and TYPE,
 * no timestamps (the scrape time is the sample's), ended by an empty line so rounds of a
 * continuous run are apart. A check without an answer has no latency sample.
 */
export function formatPrometheus(round: HealthRound): string {
  const label = (c: CheckResult) => `{check="${escapeLabelValue(c.name)}"}`;
  const out: string[] = [
    '# HELP shipline_health_up Whether every check passed in the last round (1) or not (0).',
    '# TYPE shipline_health_up gauge',
    `shipline_health_up ${round.healthy ? 1 : 0}`,
    '# HELP shipline_check_up Whether the check passed in the last round (1) or failed (0).',
    '# TYPE shipline_check_up gauge',
    ...round.checks.map((c) => `shipline_check_up${label(c)} ${c.verdict === 'pass' ? 1 : 0}`),
    '# HELP shipline_check_latency_seconds Time from sending the check to the last byte of its answer, in the last round.',
    '# TYPE shipline_check_latency_seconds gauge',
    ...round.checks
      .filter((c) => c.latencyMs !== undefined)
      .map((c) => `shipline_check_latency_seconds${label(c)} ${sample(seconds(c.latencyMs)!)}`),
    '# HELP shipline_health_last_round_timestamp_seconds When the last round started, in seconds since the Unix epoch.',
    '# TYPE shipline_health_last_round_timestamp_seconds gauge',
    `shipline_health_last_round_timestamp_seconds ${sample(round.time.getTime() / 1000)}`,
  ];
  return `${out.join('\n')}\n\n`;
}

export const FORMATTERS = { text: formatText, json: formatJson, prometheus: formatPrometheus } as const;
