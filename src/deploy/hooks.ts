import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { processExec, type Exec } from '../core/exec.js';
import { redactUrls } from '../core/redact.js';
import type { Log } from '../core/run.js';
import { relayLine } from '../core/runner-io.js';
import { commandEnv } from '../drivers/command.js';
import type { DeployRequest } from '../drivers/types.js';

/**
 * Release hooks (README, "Release hooks"): `pre-deploy-command` before the driver changes anything,
 * `post-deploy-command` once the new version is live. They run like `deploy-command` (own process
 * group, timeout, cancel; the same SHIPLINE_* variables, never the action's inputs or tokens).
 * `name=value` lines a hook writes to the file named by `$SHIPLINE_RECORD` are kept in the
 * deployment record; rollback hands them to its commands as `SHIPLINE_RECORD_<NAME>`.
 */
export type HookInput = 'pre-deploy-command' | 'post-deploy-command';

/** A record line's name: what can become part of an environment variable's name. */
export const RECORD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
export const RECORD_VALUE_MAX = 1024;
/** At most this many values and this many bytes of record file (a deployment payload is small). */
export const RECORD_MAX_ENTRIES = 32;
export const RECORD_MAX_BYTES = 8 * 1024;
export const RECORD_FORM =
  `name=value lines (name: a letter or "_" then letters, digits or "_", ` +
  `at most 64; value: one line of at most ${RECORD_VALUE_MAX} characters)`;

/** A value is one line of printable text: no control characters (a newline would split it). */
const validValue = (value: string) => value.length <= RECORD_VALUE_MAX && !/[\u0000-\u001f\u007f\u0085\u2028\u2029]/.test(value);

export interface ParsedRecord {
  values: Record<string, string>;
  /** Problems, each naming a line number, never the line's text. */
  problems: string[];
}

/** Reads the `name=value` lines of a record file; a malformed line is a problem and is skipped. */
export function parseRecordLines(text: string, source: string): ParsedRecord {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  if (Buffer.byteLength(text, 'utf8') > RECORD_MAX_BYTES) {
    problems.push(`${source} holds more than ${RECORD_MAX_BYTES} bytes; only its first ${RECORD_MAX_BYTES} bytes are read`);
    text = Buffer.from(text, 'utf8').subarray(0, RECORD_MAX_BYTES).toString('utf8');
    // The cut may fall inside a line: that last piece is not read.
    text = text.slice(0, text.lastIndexOf('\n') + 1);
  }
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') return;
    const eq = line.indexOf('=');
    const name = eq > 0 ? line.slice(0, eq) : '';
    const value = eq > 0 ? line.slice(eq + 1) : '';
    if (!RECORD_NAME.test(name) || !validValue(value)) {
      problems.push(`line ${i + 1} of ${source} is not ${RECORD_FORM}; it is ignored`);
      return;
    }
    if (!(name in values) && Object.keys(values).length >= RECORD_MAX_ENTRIES) {
      problems.push(`line ${i + 1} of ${source}: more than ${RECORD_MAX_ENTRIES} values; it is ignored`);
      return;
    }
    values[name] = value;
  });
  return { values, problems };
}

/**
 * The values of a deployment's record as environment variables (`backup` -> `SHIPLINE_RECORD_BACKUP`).
 * Records are data from outside: each value is checked by the same rule as when it was written.
 */
export function recordEnv(record: unknown): { env: Record<string, string>; problems: string[] } {
  const env: Record<string, string> = {};
  const problems: string[] = [];
  if (record === undefined || record === null) return { env, problems };
  if (typeof record !== 'object' || Array.isArray(record))
    return { env, problems: ['its record values are not a mapping; none are passed on'] };
  for (const [name, value] of Object.entries(record).slice(0, RECORD_MAX_ENTRIES)) {
    if (!RECORD_NAME.test(name) || typeof value !== 'string' || !validValue(value)) {
      problems.push(`a record value${RECORD_NAME.test(name) ? ` (${name})` : ''} is not ${RECORD_FORM}; it is not passed on`);
      continue;
    }
    env[`SHIPLINE_RECORD_${name.toUpperCase()}`] = value;
  }
  return { env, problems };
}

export interface HookResult {
  input: HookInput;
  code: number;
  /** The last lines of its output, URL credentials redacted. */
  tail: string[];
  durationMs: number;
  timedOut: boolean;
  cancelled: boolean;
  /** What it wrote to `$SHIPLINE_RECORD`. */
  record: Record<string, string>;
}

export interface HookOptions {
  log: Log;
  signal?: AbortSignal;
  /** Where the record file is made (the runner's temp directory). */
  tempDir: string;
  timeoutMs: number;
  /** Extra variables (`SHIPLINE_RECORD_<NAME>` for the post-deploy hook). */
  env?: Record<string, string>;
  /** How the hook runs (the runtime's exec). */
  exec?: Exec;
}

/** Runs one hook with the deploy's SHIPLINE_* variables and a fresh, empty `$SHIPLINE_RECORD`. */
export async function runHook(input: HookInput, command: string, req: DeployRequest, opts: HookOptions): Promise<HookResult> {
  const dir = mkdtempSync(join(opts.tempDir, 'shipline-record-'));
  const file = join(dir, 'record');
  writeFileSync(file, '', { mode: 0o600 });
  try {
    const result = await opts.log.group(input, () =>
      (opts.exec ?? processExec).shell(command, {
        env: { ...commandEnv(req), ...opts.env, SHIPLINE_RECORD: file },
        timeoutMs: opts.timeoutMs,
        signal: opts.signal,
        onLine: (l) => relayLine(l, opts.log.info),
      }),
    );
    let record: Record<string, string> = {};
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      opts.log.warning(`${input}: the file $SHIPLINE_RECORD could not be read (removed?); no record values kept from it`);
    }
    if (text) {
      const parsed = parseRecordLines(text, '$SHIPLINE_RECORD');
      for (const problem of parsed.problems) opts.log.warning(`${input}: ${problem}`);
      record = parsed.values;
    }
    return {
      input,
      code: result.code,
      tail: result.tail.slice(-10).map((l) => redactUrls(l).slice(0, 300)),
      durationMs: result.durationMs,
      timedOut: result.timedOut,
      cancelled: result.cancelled,
      record,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One line saying how a hook ended, for records and errors. */
export function hookOutcome(h: HookResult, timeoutMs: number): string {
  if (h.timedOut) return `${h.input} was stopped after ${timeoutMs} ms (timeout)`;
  if (h.cancelled) return `${h.input} was cancelled`;
  return `${h.input} exited with code ${h.code}`;
}
