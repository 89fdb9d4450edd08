import { spawn } from 'node:child_process';
import { relayLine } from './runner-io.js';

/** The one way shipline runs a program: argv (no shell) or a user's command through `/bin/sh`. */
export interface CommandResult {
  /** Exit code; 127 when the program was not found, 128 + 15 when stopped at its timeout. */
  code: number;
  stdout: string;
  stderr: string;
  /** The last lines of stdout and stderr together, for error messages. */
  tail: string[];
  durationMs: number;
  timedOut: boolean;
  /** The program could not be started: not installed, or not on PATH. */
  notFound: boolean;
}

export interface CommandOptions {
  /** Extra environment: the only way shipline's values reach a user command. */
  env?: Record<string, string | undefined>;
  /** The environment `env` is added to (default `process.env`). */
  baseEnv?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  input?: string;
  /** Where output lines go as they arrive (the step log by default, unable to issue workflow commands; `null` for nowhere). */
  onLine?: ((line: string) => void) | null;
  /** How many trailing lines to keep for the error message. */
  tailLines?: number;
}

export const NOT_FOUND_EXIT_CODE = 127;

/**
 * Variables never handed to a user's command or app: the action's inputs (`INPUT_GITHUB-TOKEN`,
 * `INPUT_REGISTRY-PASSWORD` hold secrets) and the runner's own credentials.
 */
export const WITHHELD_ENV = /^(INPUT_|ACTIONS_RUNTIME_|ACTIONS_ID_TOKEN_|ACTIONS_CACHE_|ACTIONS_RESULTS_)|^GITHUB_TOKEN$/;

/** The parent environment without the withheld variables. */
export function userCommandEnv(parent: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(parent).filter(([name, value]) => value !== undefined && !WITHHELD_ENV.test(name)));
}

/** Runs a program with arguments (no shell); resolves whatever the exit code. */
export function runArgv(file: string, args: readonly string[], opts: CommandOptions = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const env = { ...(opts.baseEnv ?? process.env) };
    for (const [k, v] of Object.entries(opts.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    const child = spawn(file, [...args], { cwd: opts.cwd, env, stdio: ['pipe', 'pipe', 'pipe'], signal: opts.signal });
    const keep = opts.tailLines ?? 20;
    const tail: string[] = [];
    const collected = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    const onLine = opts.onLine === null ? undefined : (opts.onLine ?? ((line: string) => relayLine(line)));
    const emit = (line: string) => {
      onLine?.(line);
      tail.push(line);
      if (tail.length > keep) tail.shift();
    };
    const partial = { stdout: '', stderr: '' };
    const feed = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      collected[stream].push(chunk);
      const lines = (partial[stream] + chunk.toString('utf8')).split('\n');
      partial[stream] = lines.pop() ?? '';
      for (const line of lines) emit(line);
    };
    child.stdout.on('data', feed('stdout'));
    child.stderr.on('data', feed('stderr'));
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    if (opts.timeoutMs) {
      timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 2_000).unref();
      }, opts.timeoutMs);
    }
    const text = (stream: 'stdout' | 'stderr') => Buffer.concat(collected[stream]).toString('utf8');
    let notFound = false;
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') notFound = true;
      else {
        if (timer) clearTimeout(timer);
        reject(err);
      }
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      // A last line without a newline still belongs in the log and the tail.
      for (const stream of ['stdout', 'stderr'] as const) if (partial[stream] !== '') emit(partial[stream]);
      if (timedOut) tail.push(`(stopped after ${opts.timeoutMs}ms)`);
      if (notFound) tail.push(`${file}: command not found`);
      resolve({
        code: notFound ? NOT_FOUND_EXIT_CODE : (code ?? (signal ? 128 + 15 : 1)),
        stdout: text('stdout'),
        stderr: notFound ? `${file}: command not found` : text('stderr'),
        tail,
        durationMs: Date.now() - started,
        timedOut,
        notFound,
      });
    });
    child.stdin.on('error', () => {
      // The program may exit before reading its input; its exit code tells what happened.
    });
    child.stdin.end(opts.input ?? '');
  });
}

/**
 * Runs a user's command through `/bin/sh -c`. The command text is the user's own; shipline's
 * values (version, artifact, environment...) travel only in `opts.env`, and the action's inputs
 * and the runner's tokens are withheld from it.
 */
export function runShell(command: string, opts: CommandOptions = {}): Promise<CommandResult> {
  return runArgv('/bin/sh', ['-c', command], { ...opts, baseEnv: userCommandEnv(opts.baseEnv) });
}
