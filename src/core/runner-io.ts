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

export function info(message: string): void {
  process.stdout.write(message + EOL);
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
