/**
 * The runner protocol, as @actions/core speaks it: inputs from `INPUT_*`, outputs appended to
 * `$GITHUB_OUTPUT` in the `name<<delimiter` form, workflow commands (`::error::`, `::add-mask::`,
 * `::group::`) on stdout. Written here because @actions/core loads an HTTP client (undici, for
 * OIDC tokens shipline never asks for) at import, which doubled every action's cold start; a test
 * checks this file writes exactly what @actions/core writes.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { EOL } from 'node:os';

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const toValue = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

function issue(command: string, message: unknown): void {
  process.stdout.write(`::${command}::${escapeData(toValue(message))}${EOL}`);
}

/** `INPUT_<NAME>` (spaces as `_`, upper case, hyphens kept), trimmed; '' when unset. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export function setOutput(name: string, value: unknown): void {
  const file = process.env.GITHUB_OUTPUT;
  const text = toValue(value);
  if (!file) {
    process.stdout.write(`${EOL}::set-output name=${name}::${escapeData(text)}${EOL}`);
    return;
  }
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`);
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || text.includes(delimiter)) throw new Error(`Unexpected input: value contains the delimiter ${delimiter}`);
  appendFileSync(file, `${name}<<${delimiter}${EOL}${text}${EOL}${delimiter}${EOL}`, { encoding: 'utf8' });
}

export function setSecret(secret: string): void {
  issue('add-mask', secret);
}

/**
 * The runner reads every line of a step's output (stdout and stderr) for workflow commands: a
 * line whose first non-blank characters are `::` (`::error::`, `::add-mask::`, `::set-output`),
 * and the legacy `##[command]` anywhere in a line. Text from outside (inputs, HTTP bodies, metric
 * labels, command output, records, error messages quoting values) goes through here, so that none
 * of its lines can be one: such a line is printed after `> `, and `##[` as `## [`.
 */
export function neutralize(text: string): string {
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => (i % 2 === 1 ? part : neutralizeLine(part)))
    .join('');
}

/** Leading blanks as .NET's TrimStart removes them (JavaScript's \s lacks U+0085). */
const COMMAND_LINE = /^[\s\u0085]*::/;

function neutralizeLine(line: string): string {
  const safe = line.replace(/##\[/g, '## [');
  return COMMAND_LINE.test(safe) ? `> ${safe}` : safe;
}

/** A line of shipline's own log; any line of it that would start a workflow command is neutralized. */
export function info(message: string): void {
  process.stdout.write(neutralize(message) + EOL);
}

const ADD_MASK = /^[\s\u0085]*::add-mask::/i;

/**
 * A line of a user's command (deploy-command, build-command...) relayed to the log. It cannot
 * issue a workflow command, with one exception: `::add-mask::`, which only hides text, and without
 * which the secret a command asked the runner to hide would be printed in the clear.
 */
export function relayLine(line: string, write: (line: string) => void = info): void {
  if (ADD_MASK.test(line) && !/[\r\n]/.test(line)) process.stdout.write(line.trimStart() + EOL);
  else write(line);
}
export function debug(message: string): void {
  issue('debug', message);
}
export function warning(message: string): void {
  issue('warning', message);
}
export function error(message: string): void {
  issue('error', message);
}
export function notice(message: string): void {
  issue('notice', message);
}

/** Fails the step: exit code 1 and one `::error::` line. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  error(message);
}

export function startGroup(name: string): void {
  issue('group', name);
}
export function endGroup(): void {
  issue('endgroup', '');
}

export async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  startGroup(name);
  try {
    return await fn();
  } finally {
    endGroup();
  }
}
