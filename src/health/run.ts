/**
 * `shipline health`: the smoke checks as a standing health check, read through the verification
 * engine's smoke signal (every check sent once a round, no retries) and reported on stdout.
 */
import { errorMessage } from '../core/errors.js';
import { redactValue, splitUrlCredentials } from '../core/redact.js';
import { readSmokeSignal } from '../verify/sources/smoke.js';
import { FORMATTERS, type HealthRound } from './format.js';
import { HELP, parseHealthArgs, UsageError, type HealthOptions } from './options.js';
import { systemClock } from '../core/clock.js';

export const EXIT_HEALTHY = 0;
export const EXIT_UNHEALTHY = 1;
export const EXIT_BAD_INPUT = 2;

export interface HealthIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Aborted by SIGINT/SIGTERM: the round in flight is dropped and the loop ends. */
  signal: AbortSignal;
}

/** Per request: the smoke signal's bound (10 s), and never longer than a round. */
const requestTimeout = (o: HealthOptions) => Math.min(10_000, o.intervalMs);

export async function runRound(o: HealthOptions, signal: AbortSignal): Promise<HealthRound> {
  const { url, authorization } = splitUrlCredentials(o.url);
  const time = new Date();
  const reading = await readSmokeSignal(o.checks, { url, authorization, timeoutMs: requestTimeout(o), signal });
  return { time, healthy: reading.verdict === 'pass', checks: reading.results };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Runs the command; resolves to its exit code. */
export async function runHealth(argv: string[], io: HealthIo): Promise<number> {
  let options: HealthOptions;
  try {
    const parsed = parseHealthArgs(argv);
    if (parsed.help) {
      io.out(HELP);
      return EXIT_HEALTHY;
    }
    options = parsed.options;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`shipline health: ${err.message}\n${HELP.split('\n\n')[0]}\n`);
    return EXIT_BAD_INPUT;
  }

  const format = FORMATTERS[options.format];
  // Unknown until a round has finished: an interrupted first round is not a healthy one.
  let code = EXIT_UNHEALTHY;
  for (;;) {
    const started = systemClock.now();
    let round: HealthRound;
    try {
      round = await runRound(options, io.signal);
    } catch (err) {
      if (io.signal.aborted) break;
      io.err(`shipline health: the round failed: ${redactValue(errorMessage(err))}\n`);
      code = EXIT_UNHEALTHY;
      if (!options.continuous) break;
      await pause(Math.max(0, options.intervalMs - (systemClock.now() - started)), io.signal);
      if (io.signal.aborted) break;
      continue;
    }
    io.out(format(round));
    code = round.healthy ? EXIT_HEALTHY : EXIT_UNHEALTHY;
    if (!options.continuous || io.signal.aborted) break;
    await pause(Math.max(0, options.intervalMs - (systemClock.now() - started)), io.signal);
    if (io.signal.aborted) break;
  }
  return code;
}
