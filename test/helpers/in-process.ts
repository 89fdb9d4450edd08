/**
 * Runs an action's body in this process, through runAction, with the runtime swapped: inputs from
 * a map, a fixed clock, the log, outputs and summary kept in memory. Nothing process-wide is
 * touched (no GITHUB_OUTPUT, no signal listeners, no process.exit or exitCode), so such tests run
 * beside each other and beside the bundle tests. The result has the shape of a bundle run's.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTIONS } from '../../src/actions.js';
import type { ActionRun } from './run-action.js';
import { createGitHub } from '../../src/core/github.js';
import { fixedClock, memoryLog, processExec, type Clock, type Exec, type Runtime, type StepSink } from '../../src/core/runtime.js';

/** The shape of a bundle run's result, plus the log's lines. */
export interface InProcessRun extends ActionRun {
  /** The log as the runner would have printed it (`::error::...`, `::warning::...`, plain lines). */
  stdout: string;
  /** Always empty: an in-process run prints nothing of its own (kept for the shape of a bundle run). */
  stderr: string;
  lines: string[];
}

export interface InProcessOptions {
  /** Inputs by their action.yml names (hyphens kept). */
  inputs?: Record<string, string>;
  /** The runner's variables (GITHUB_SHA, GITHUB_API_URL...) over the defaults a runner sets. */
  env?: Record<string, string | undefined>;
  /** The workspace (and where the config file is looked for). */
  cwd?: string;
  event?: { name: string; payload?: unknown };
  /** The time: a fixed clock at this instant (ISO 8601), or a clock of the test's own. */
  now?: string | Clock;
  /** How programs run; real child processes by default. */
  exec?: Exec;
}

/** The step sink of an in-process run: everything in memory, the cancel signal never comes. */
function memoryStep(outputs: Record<string, string>, summary: string[], log: ReturnType<typeof memoryLog>): StepSink & { code: number } {
  return {
    code: 0,
    setOutput(name, value) {
      outputs[name] = value;
    },
    writeSummary(s) {
      if (!s.isEmpty) summary.push(`${s.toString()}\n`);
    },
    fail(message) {
      this.code = 1;
      log.error(message);
    },
    onCancel: () => () => {},
    exit(code) {
      throw new Error(`an in-process run cannot exit the process (exit ${code})`);
    },
  };
}

export async function runInProcess(action: string, opts: InProcessOptions = {}): Promise<InProcessRun> {
  const load = ACTIONS[action];
  if (!load) throw new Error(`no action ${action}`);
  const { run } = await load();
  const dir = mkdtempSync(join(tmpdir(), 'shipline-inproc-'));
  const eventFile = join(dir, 'event.json');
  writeFileSync(eventFile, JSON.stringify(opts.event?.payload ?? {}));
  const env: NodeJS.ProcessEnv = {
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_EVENT_NAME: opts.event?.name ?? 'push',
    GITHUB_WORKSPACE: opts.cwd ?? dir,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.com',
    RUNNER_TEMP: dir,
  };
  for (const [name, value] of Object.entries(opts.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const inputs = opts.inputs ?? {};
  const outputs: Record<string, string> = {};
  const summary: string[] = [];
  const log = memoryLog();
  const step = memoryStep(outputs, summary, log);
  const clock =
    opts.now === undefined
      ? fixedClock(Date.parse('2024-01-01T00:00:00Z'))
      : typeof opts.now === 'string'
        ? fixedClock(opts.now)
        : opts.now;
  const runtime: Runtime = { exec: opts.exec ?? processExec, clock, log, github: createGitHub, step };
  const code = await run({
    runtime,
    env,
    cwd: opts.cwd ?? dir,
    // Inputs arrive as the runner passes them: a name not given reads as ''.
    source: (name) => inputs[name] ?? '',
  });
  if (code !== step.code) throw new Error(`runAction answered ${code} but the step sink recorded ${step.code}`);
  const stdout = log.lines.join('\n');
  return {
    code,
    stdout,
    stderr: '',
    lines: log.lines,
    outputs,
    summary: summary.join(''),
    errors: log.lines.filter((l) => l.startsWith('::error')),
    dir,
  };
}
