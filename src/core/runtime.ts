/**
 * The runtime: everything an action takes from the world outside its inputs (programs it runs,
 * the time, the log, the GitHub client, where its outputs and summary go), as one object passed
 * through the action context. `runAction` makes the production one; tests pass another.
 */
import { processExec, type Exec } from './exec.js';
import type { GitHub, GitHubOptions } from './github.js';
import { systemClock, type Clock } from './clock.js';
import { redactUrls } from './redact.js';
import * as core from './runner-io.js';
import type { Summary } from './summary.js';

export { commandResult, execFromArgv, processExec, type CommandOptions, type CommandResult, type Exec } from './exec.js';
export { fixedClock, systemClock, type Clock } from './clock.js';

/** The one log shape: the step log, or a test's memory. Every line is redacted before it is written. */
export interface Log {
  info(message: string): void;
  warning(message: string): void;
  /** An `::error::` annotation that does not by itself fail the step. */
  error(message: string): void;
  debug(message: string): void;
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
}

export const runnerLog: Log = {
  info: (m) => core.info(redactUrls(m)),
  warning: (m) => core.warning(redactUrls(m)),
  error: (m) => core.error(redactUrls(m)),
  debug: (m) => core.debug(redactUrls(m)),
  group: (title, fn) => core.group(redactUrls(title), fn),
};

/** A log that drops everything (a driver built without one). */
export const silentLog: Log = { info: () => {}, warning: () => {}, error: () => {}, debug: () => {}, group: (_title, fn) => fn() };

/**
 * A log kept in memory, each line as the runner would print it (`::warning::text`, `::group::title`),
 * redacted and neutralized the same way: what in-process tests read instead of a step's stdout.
 */
export function memoryLog(): Log & { lines: string[] } {
  const lines: string[] = [];
  const escape = (m: string) => redactUrls(m).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const issue = (command: string, m: string) => lines.push(`::${command}::${escape(m)}`);
  return {
    lines,
    info: (m) => lines.push(...core.neutralize(redactUrls(m)).split('\n')),
    warning: (m) => issue('warning', m),
    error: (m) => issue('error', m),
    debug: (m) => issue('debug', m),
    group: async (title, fn) => {
      issue('group', title);
      try {
        return await fn();
      } finally {
        lines.push('::endgroup::');
      }
    },
  };
}

/** Makes the GitHub client (`createGitHub` in production; a test may point it elsewhere). */
export type GitHubFactory = (opts: GitHubOptions) => GitHub;

/** Where a step's results go: the runner's files in production, a test's memory otherwise. */
export interface StepSink {
  /** Sets one output (`$GITHUB_OUTPUT`). */
  setOutput(name: string, value: string): void;
  /** Writes the job summary (`$GITHUB_STEP_SUMMARY`, else stdout unless SHIPLINE_PRINT_SUMMARY=false). */
  writeSummary(summary: Summary): void;
  /** Fails the step: one `::error::` line and exit code 1. */
  fail(message: string): void;
  /**
   * Calls `handler` when the runner cancels the job (SIGINT/SIGTERM); returns the unsubscribe.
   * A test's sink may never call it, or call it to rehearse a cancellation.
   */
  onCancel(handler: (signal: NodeJS.Signals) => void): () => void;
  /** Ends the step after a cancellation, once the cleanups ran. */
  exit(code: number): void;
}

/** The step as the runner runs it: `$GITHUB_OUTPUT`, `$GITHUB_STEP_SUMMARY`, the process's signals and exit. */
export const runnerStep: StepSink = {
  setOutput: (name, value) => core.setOutput(name, value),
  writeSummary: (summary) => {
    if (summary.write()) return;
    if (process.env.SHIPLINE_PRINT_SUMMARY !== 'false' && !summary.isEmpty)
      process.stdout.write(`\n${core.neutralize(summary.toString())}`);
  },
  fail: (message) => core.setFailed(message),
  onCancel: (handler) => {
    process.once('SIGINT', handler);
    process.once('SIGTERM', handler);
    return () => {
      process.removeListener('SIGINT', handler);
      process.removeListener('SIGTERM', handler);
    };
  },
  exit: (code) => process.exit(code),
};

export interface Runtime {
  exec: Exec;
  clock: Clock;
  log: Log;
  /**
   * The GitHub client factory; absent, the real one (`createGitHub`), which the records module
   * loads itself so that the actions that never call GitHub do not carry its client.
   */
  github?: GitHubFactory;
  step: StepSink;
}

/** The runtime of a step on a runner. */
export function productionRuntime(): Runtime {
  return { exec: processExec, clock: systemClock, log: runnerLog, step: runnerStep };
}
