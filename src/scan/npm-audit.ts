import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ScanError } from './errors.js';
import type { Finding } from './finding.js';
import { npmAuditArgv } from './npm-audit-argv.js';
import { classifyNpmAuditOutput, npmAuditFindings } from './npm-audit-report.js';
import { processExec, type Exec } from '../core/exec.js';

export type NpmAuditMode = 'auto' | 'true' | 'false';

/** npm's lockfiles, in the order npm prefers them. */
export const NPM_LOCKFILES: readonly string[] = ['npm-shrinkwrap.json', 'package-lock.json'];

export interface NpmAuditOptions {
  /** Directory of the package (where the lockfile is). */
  cwd: string;
  mode: NpmAuditMode;
  /** Workspace root, for the findings' lockfile path. Default: `cwd`. */
  workspace?: string;
  registry?: string;
  /** The npm program. Default `npm`. */
  npm?: string;
  /** Extra environment for npm (merged over `process.env`). */
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  /** How npm runs (the runtime's exec). */
  exec?: Exec;
}

export type NpmAuditResult =
  | { ran: true; findings: Finding[]; lockfile: string; argv: string[] }
  | {
      ran: false;
      reason: 'disabled' | 'no-lockfile' | 'unavailable';
      /** Why, in one line. */
      note: string;
      /** Set when the audit should have run and could not: the caller must show it. */
      warning?: string;
      argv?: string[];
    };

/**
 * Runs `npm audit --json` where an npm lockfile exists and turns its report into findings.
 * `auto`: no lockfile -> skipped; npm failing or its advisory source unreachable -> `ran: false`
 * with a warning (never a silent pass). `true`: both are errors. `false`: not run.
 */
export async function runNpmAudit(options: NpmAuditOptions): Promise<NpmAuditResult> {
  if (options.mode === 'false') return { ran: false, reason: 'disabled', note: 'npm-audit is false' };
  const lockfile = await findLockfile(options.cwd);
  if (!lockfile) {
    const note = `no ${NPM_LOCKFILES.join(' or ')} in ${options.cwd}`;
    if (options.mode === 'true')
      throw new ScanError('npm-audit', `npm-audit is true but there is ${note}; commit the lockfile or set npm-audit: auto`);
    return { ran: false, reason: 'no-lockfile', note };
  }
  const command = npmAuditArgv(options.registry ? { registry: options.registry } : {});
  const argv = command.map(redactUrls);
  const exec = options.exec ?? processExec;
  const npm = options.npm ?? 'npm';
  const timeoutMs = options.timeoutMs ?? 300_000;
  const result = await exec.argv(npm, command, {
    cwd: options.cwd,
    baseEnv: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', ...options.env },
    timeoutMs,
    onLine: null,
  });
  const failed = result.notFound ? `${npm} not found on PATH` : result.timedOut ? `timed out after ${timeoutMs} ms` : undefined;
  const output = failed ? { kind: 'error' as const, message: failed } : classifyNpmAuditOutput(result.stdout, result.stderr, result.code);
  if (output.kind === 'error') {
    const why = redactUrls(output.message);
    if (options.mode === 'true') throw new ScanError('npm-audit', `npm-audit is true but npm audit produced no report: ${why}`);
    return {
      ran: false,
      reason: 'unavailable',
      note: why,
      warning:
        `npm audit could not run, so dependencies were NOT audited: ${why}. Set ` +
        `npm-audit: false to skip it on purpose, or true to fail when it cannot run.`,
      argv,
    };
  }
  const lockfileText = await readFile(lockfile, 'utf8').catch(() => undefined);
  const lockfilePath = toPosix(path.relative(options.workspace ?? options.cwd, lockfile)) || path.basename(lockfile);
  const findings = npmAuditFindings(output.report, { lockfilePath, ...(lockfileText ? { lockfileText } : {}) });
  return { ran: true, findings, lockfile: lockfilePath, argv };
}

async function findLockfile(dir: string): Promise<string | undefined> {
  for (const name of NPM_LOCKFILES) {
    const file = path.join(dir, name);
    if (
      await access(file).then(
        () => true,
        () => false,
      )
    )
      return file;
  }
  return undefined;
}

/** Credentials in URLs (`https://user:token@host`) never reach a message. */
export function redactUrls(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, '$1***@');
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
