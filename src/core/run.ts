import { errorMessage, kindOfFailure } from './errors.js';
import { commandsStopping, stopRunningCommands } from './exec.js';
import type { Fields, Settings } from './fields.js';
import { readSettings, type InputSource } from './inputs.js';
import { redactUrls } from './redact.js';
import { readRunnerContext, type RunnerContext } from './runner.js';
import { productionRuntime, type Log, type Runtime } from './runtime.js';
import { Summary } from './summary.js';

export { runnerLog, type Log, type Runtime } from './runtime.js';

export interface ActionContext<F extends Fields> {
  settings: Settings<F>;
  summary: Summary;
  runner: RunnerContext;
  /** The programs, clock, log, GitHub client and step sinks of this run (swapped by tests). */
  runtime: Runtime;
  /** `runtime.log`. */
  log: Log;
  /** Sets an output at once, so it is there even if the step fails later. */
  setOutput(name: string, value: string | number | boolean): void;
  /** Aborted when the runner cancels the job (SIGINT/SIGTERM). */
  signal: AbortSignal;
  /**
   * Registers work that must run before the process exits on cancellation or on an unexpected
   * error (the canary's "traffic back to stable"). Returns a function that unregisters it.
   */
  onAbort(cleanup: () => Promise<void>): () => void;
  /**
   * Registers work that runs once the step's outcome is final: after the outputs are set and the
   * summary is written, on success and on failure alike (not on cancellation). It cannot change
   * the outcome: a failure of its own is a warning.
   */
  onFinish(work: (end: RunEnd) => Promise<void>): void;
}

/** How a step ended, as the work registered with `onFinish` sees it. */
export interface RunEnd {
  /** The exit code: 0 or 1. */
  code: number;
  /** The error the step failed with (redacted, as printed); undefined on success. */
  error?: string;
  /** Every output the step set, by name. */
  outputs: ReadonlyMap<string, string>;
}

export interface ActionDefinition<F extends Fields> {
  /** The action's name: `smoke`, `deploy`... (its config section and summary title). */
  name: string;
  title: string;
  fields: F;
  /** The input that selects the config file's environment section. */
  environmentInput?: string;
  /**
   * Outputs a cancelled run sets before it exits, each unless the run set it already (deploy's
   * `result: failure`), so that `if: cancelled()` / `if: failure()` steps can read them.
   */
  cancelledOutputs?: Record<string, string>;
}

/**
 * What the body awaits once the runner has cancelled the job: the cancel handler owns the rest
 * (the records, the outputs, the summary, the exit), so nothing the body would still do can race it.
 */
export function untilExit(): Promise<never> {
  return new Promise<never>(() => {});
}

export interface RunOptions {
  source?: InputSource;
  env?: NodeJS.ProcessEnv;
  /** What the run takes from the world; the runner's (`productionRuntime()`) by default. */
  runtime?: Runtime;
  /** Where the config file is looked for; the process's directory by default. */
  cwd?: string;
}

/** How long cleanup may take after the runner's cancel signal (it kills the job after 7.5 s). */
const CLEANUP_BUDGET_MS = 6_000;

/**
 * The one error path of every action: inputs are parsed before anything else; a user's mistake or
 * a failure outside shipline (OutsideError) is one clear `::error::` line, a bug also gets its
 * stack in the log; outputs set by the body stay set; the summary is written in every case;
 * cancellation runs the registered cleanups first.
 * Resolves to the exit code (the runner's step sink also sets it on `process.exitCode`).
 */
export async function runAction<F extends Fields>(
  def: ActionDefinition<F>,
  body: (ctx: ActionContext<F>) => Promise<void>,
  opts: RunOptions = {},
): Promise<number> {
  const runtime = opts.runtime ?? productionRuntime();
  const { log, step } = runtime;
  const summary = new Summary();
  const controller = new AbortController();
  const cleanups = new Set<() => Promise<void>>();
  let cleaned = false;
  const runCleanups = async (why: string) => {
    if (cleaned) return;
    cleaned = true;
    for (const cleanup of [...cleanups].reverse()) {
      try {
        await withTimeout(cleanup(), CLEANUP_BUDGET_MS);
      } catch (err) {
        log.error(`Cleanup after ${why} failed: ${redactUrls(errorMessage(err))}`);
      }
    }
  };

  const outputsSet = new Map<string, string>();
  const setOutput = (name: string, value: string | number | boolean) => {
    outputsSet.set(name, String(value));
    step.setOutput(name, String(value));
  };

  const onSignal = (signal: NodeJS.Signals) => {
    controller.abort(new Error(`cancelled by ${signal}`));
    void (async () => {
      log.error(`${def.title} was cancelled (${signal}); restoring a safe state before exiting.`);
      // The commands that took the signal are being ended (their whole process group) meanwhile.
      await Promise.all([runCleanups(`cancellation (${signal})`), commandsStopping()]);
      // Whatever still runs (a command started without the signal) does not outlive the step either.
      await stopRunningCommands();
      for (const [name, value] of Object.entries(def.cancelledOutputs ?? {})) if (!outputsSet.has(name)) setOutput(name, value);
      summary.verdict('fail', `Cancelled by the runner (${signal}); safe state restored.`);
      writeSummary(step, log, summary);
      step.exit(1);
    })();
  };
  const stopListening = step.onCancel(onSignal);

  const finishers: ((end: RunEnd) => Promise<void>)[] = [];
  let failure: string | undefined;
  let code = 0;
  try {
    const settings = readSettings(def.fields, {
      action: def.name,
      source: opts.source,
      environmentInput: def.environmentInput,
      cwd: opts.cwd,
    });
    const ctx: ActionContext<F> = {
      settings,
      summary,
      runner: readRunnerContext(opts.env),
      runtime,
      log,
      setOutput,
      signal: controller.signal,
      onAbort: (cleanup) => {
        cleanups.add(cleanup);
        return () => cleanups.delete(cleanup);
      },
      onFinish: (work) => {
        finishers.push(work);
      },
    };
    await body(ctx);
    // Cancelled while finishing: the cancel handler records, sets the outputs and exits.
    if (controller.signal.aborted) await untilExit();
  } catch (err) {
    // Whatever the cancellation made fail is the cancel handler's to report, not a failure of its own.
    if (controller.signal.aborted) await untilExit();
    code = 1;
    const kind = kindOfFailure(err);
    if (kind === 'input' || kind === 'refused') {
      step.fail(redactUrls(errorMessage(err)));
    } else if (kind === 'outside') {
      // Something outside failed (GitHub, the network, a file): restore a safe state as for a bug,
      // but say who failed and what to do, without a stack that would point at shipline.
      await runCleanups(`a failure outside ${def.title}`);
      step.fail(redactUrls(errorMessage(err)));
    } else {
      await runCleanups('an unexpected error');
      const message = redactUrls(errorMessage(err));
      step.fail(`${def.title} failed unexpectedly: ${message}`);
      if (err instanceof Error && err.stack) log.info(redactUrls(err.stack));
    }
    failure = redactUrls(errorMessage(err));
    if (!summary.hasVerdict) summary.verdict('fail', failure);
  } finally {
    stopListening();
    writeSummary(step, log, summary);
  }
  for (const work of finishers) {
    try {
      await work({ code, error: failure, outputs: outputsSet });
    } catch (err) {
      log.warning(`After ${def.title}: ${redactUrls(errorMessage(err))}`);
    }
  }
  return code;
}

function writeSummary(step: Runtime['step'], log: Log, summary: Summary): void {
  try {
    step.writeSummary(summary);
  } catch (err) {
    log.warning(`Could not write the job summary: ${errorMessage(err)}`);
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish within ${ms}ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}
