import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { DURATION_FORM, parseDuration } from '../core/duration.js';
import { errnoCode } from '../core/errors.js';
import { formatPath } from '../core/inputs.js';
import { describeSyntaxProblem, yamlSyntaxProblem } from '../core/parse-errors.js';
import { redactValue } from '../core/redact.js';
import { checksSchema, CHECKS_FORM, DEFAULT_CHECKS, type Check } from '../checks/schema.js';

export const FORMATS = ['text', 'json', 'prometheus'] as const;
export type HealthFormat = (typeof FORMATS)[number];

export interface HealthOptions {
  url: string;
  checks: Check[];
  format: HealthFormat;
  continuous: boolean;
  intervalMs: number;
}

export type Parsed = { help: true } | { help?: false; options: HealthOptions };

/** Bad input on the command line: exit code 2, nothing run. */
export class UsageError extends Error {}

export const INTERVAL_MIN_MS = 1_000;
export const INTERVAL_MAX_MS = 86_400_000;
export const DEFAULT_INTERVAL_MS = 30_000;

export const HELP = `usage: shipline health --url URL [--checks FILE] [--format text|json|prometheus]
                       [--continuous] [--interval 30s]

The smoke checks as a standing health check: every check is sent once per round (no retries),
and the round is reported on stdout.

  --url URL          base URL of the service (http or https); credentials in it
                     (https://user:pass@host) are sent as basic auth and never printed
  --checks FILE      a YAML or JSON file of smoke checks (the smoke action's format);
                     default: one check, GET / answering 2xx
  --format FORMAT    text (a line per check, default), json (one JSON document a line per
                     round) or prometheus (the text exposition format, rounds separated by
                     an empty line): shipline_health_up, shipline_check_up{check="..."},
                     shipline_check_latency_seconds{check="..."}
  --continuous       repeat until interrupted (SIGINT or SIGTERM), one round per --interval
  --interval D       time between the starts of two rounds, from 1s to 24h (default 30s)
  -h, --help         this text

Exit code: 0 the last round was healthy, 1 it was not (or was interrupted before any round
finished), 2 bad input (nothing was run).
`;

function fail(flag: string, problem: string, accepted: string): never {
  throw new UsageError(`--${flag} ${problem}. Accepted: ${accepted}.`);
}

const URL_FORM = 'an absolute http or https URL (http://host[:port][/path])';
const FORMAT_FORM = `one of ${FORMATS.join(', ')}`;
const INTERVAL_FORM = `a duration from 1s to 24h: ${DURATION_FORM}`;
const CHECKS_FILE_FORM = `a path to a readable file of smoke checks: ${CHECKS_FORM.replace(' (text or a file path)', '')}`;

function checkUrlFlag(text: string): string {
  // Control characters would be dropped by the URL parser: what is checked must be what is sent.
  if (/[\u0000-\u001f\u007f]/.test(text)) fail('url', 'has a line break or another control character', URL_FORM);
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    fail('url', `${JSON.stringify(redactValue(text))} is not a URL`, URL_FORM);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    fail('url', `has the scheme ${JSON.stringify(parsed.protocol)}`, URL_FORM);
  return text;
}

function readChecks(file: string): Check[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = errnoCode(err);
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'is not readable (permission denied)'
            : `cannot be read (${code ?? 'error'})`;
    fail('checks', `file ${JSON.stringify(file)} ${why}`, CHECKS_FILE_FORM);
  }
  let data: unknown;
  try {
    data = parseYaml(text, { prettyErrors: true, uniqueKeys: true });
  } catch (err) {
    // Where and what, never a snippet of the file.
    fail(
      'checks',
      `file ${JSON.stringify(file)} is not valid YAML or JSON (${describeSyntaxProblem(yamlSyntaxProblem(err))})`,
      CHECKS_FILE_FORM,
    );
  }
  const result = checksSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const at = formatPath(issue.path);
    fail('checks', `file ${JSON.stringify(file)}${at ? ` at ${at}` : ''}: ${issue.message}`, CHECKS_FILE_FORM);
  }
  const seen = new Set<string>();
  for (const check of result.data) {
    // Each check is one series in the exposition format: two of a name would be one series twice.
    if (seen.has(check.name))
      fail(
        'checks',
        `file ${JSON.stringify(file)} has two checks named ${JSON.stringify(check.name)}`,
        `${CHECKS_FILE_FORM}, each check with its own name`,
      );
    seen.add(check.name);
  }
  return result.data;
}

/** The command line of `shipline health` (after the word `health`), checked whole before anything runs. */
export function parseHealthArgs(argv: string[]): Parsed {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' },
        checks: { type: 'string' },
        format: { type: 'string' },
        continuous: { type: 'boolean' },
        interval: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    // parseArgs quotes the argument; a URL given in the wrong place may carry credentials.
    throw new UsageError(
      `${redactValue((err as Error).message)}. Accepted: --url URL [--checks ` +
        `FILE] [--format text|json|prometheus] [--continuous] [--interval 30s].`,
    );
  }
  if (values.help) return { help: true };

  if (values.url === undefined || values.url === '') fail('url', 'is required', URL_FORM);
  const url = checkUrlFlag(values.url as string);

  const format = (values.format as string | undefined) ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) fail('format', `${JSON.stringify(format)} is not a format`, FORMAT_FORM);

  let intervalMs = DEFAULT_INTERVAL_MS;
  if (values.interval !== undefined) {
    const text = values.interval as string;
    const ms = parseDuration(text);
    if (ms === undefined) fail('interval', `${JSON.stringify(text)} is not a duration`, INTERVAL_FORM);
    if (ms < INTERVAL_MIN_MS || ms > INTERVAL_MAX_MS) fail('interval', `${JSON.stringify(text)} is out of range`, INTERVAL_FORM);
    intervalMs = ms;
  }
  if (values.interval !== undefined && !values.continuous)
    fail('interval', 'is only taken with --continuous', '--continuous --interval 30s');

  const checks = values.checks === undefined ? DEFAULT_CHECKS : readChecks(values.checks as string);
  return { options: { url, checks, format: format as HealthFormat, continuous: values.continuous === true, intervalMs } };
}
