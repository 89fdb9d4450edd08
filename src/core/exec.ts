import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { systemClock } from './clock.js';
import { relayLine } from './runner-io.js';

/** The one way shipline runs a program: argv (no shell) or a user's command through `/bin/sh`. */
export interface CommandResult {
  /** Exit code; 127 when the program was not found, 128 + 15 when stopped at its timeout or cancelled. */
  code: number;
  stdout: string;
  stderr: string;
  /** The last lines of stdout and stderr together, for error messages. */
  tail: string[];
  durationMs: number;
  timedOut: boolean;
  /** Stopped because `signal` was aborted (the runner cancelled the job). */
  cancelled: boolean;
  /** The program could not be started: not installed, or not on PATH. */
  notFound: boolean;
}

export interface CommandOptions {
  /** Extra environment: the only way shipline's values reach a user command. */
  env?: Record<string, string | undefined>;
  /** The environment `env` is added to (default `process.env`). */
  baseEnv?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Past this, the command's whole process group is ended (SIGTERM, then SIGKILL after a grace). */
  timeoutMs?: number;
  /** When aborted, the command's whole process group is ended the same way. */
  signal?: AbortSignal;
  input?: string;
  /** Where output lines go as they arrive (the step log by default, unable to issue workflow commands; `null` for nowhere). */
  onLine?: ((line: string) => void) | null;
  /** How many trailing lines to keep for the error message. */
  tailLines?: number;
}

export const NOT_FOUND_EXIT_CODE = 127;

/**
 * The one exec seam (the runtime's `exec`): every program shipline runs goes through it, and every
 * run answers a CommandResult. `argv` runs a program with arguments, no shell; `shell` runs a
 * user's command through `/bin/sh -c` with the action's inputs and the runner's tokens withheld.
 */
export interface Exec {
  argv(file: string, args: readonly string[], opts?: CommandOptions): Promise<CommandResult>;
  shell(command: string, opts?: CommandOptions): Promise<CommandResult>;
}

/** A whole CommandResult from the parts a fake exec knows (the rest as a normal exit would leave it). */
export function commandResult(parts: Partial<CommandResult> & { code: number }): CommandResult {
  const stdout = parts.stdout ?? '';
  const stderr = parts.stderr ?? '';
  const tail = parts.tail ?? [...stdout.split('\n'), ...stderr.split('\n')].filter((l) => l !== '').slice(-20);
  return { durationMs: 0, timedOut: false, cancelled: false, notFound: parts.code === NOT_FOUND_EXIT_CODE, ...parts, stdout, stderr, tail };
}

/**
 * Variables never handed to a user's command or app: the action's inputs (`INPUT_GITHUB-TOKEN`,
 * `INPUT_REGISTRY-PASSWORD` hold secrets) and the runner's own credentials.
 */
export const WITHHELD_ENV = /^(INPUT_|ACTIONS_RUNTIME_|ACTIONS_ID_TOKEN_|ACTIONS_CACHE_|ACTIONS_RESULTS_)|^GITHUB_TOKEN$/;

/** The parent environment without the withheld variables. */
export function userCommandEnv(parent: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(parent).filter(([name, value]) => value !== undefined && !WITHHELD_ENV.test(name)));
}

/** How long a stopped command's process group has between SIGTERM and SIGKILL. */
export const STOP_GRACE_MS = 2_000;

/**
 * How long output may keep arriving after the program itself exited. A background process it
 * started (`server &`) may hold the output pipe open for good; past this, shipline stops waiting.
 */
const DRAIN_MS = 1_000;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A command still running: its process group (its pid), and the stop under way, if any. */
interface Running {
  pid: number;
  stopping?: Promise<void>;
}

const running = new Set<Running>();
let exitHookInstalled = false;

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

/** The state letter of /proc/<pid>/stat and its process group, or undefined when unreadable. */
function procStat(pid: string): { state: string; group: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the parenthesised command name (which may hold spaces): state ppid pgrp ...
    const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: state!, group: Number(group) };
  } catch {
    return undefined;
  }
}

/**
 * True while a process of the group is still running. Zombies (dead, waiting to be reaped by a
 * parent that may never do it) do not count; without /proc, kill(0) is the best evidence there is.
 */
export function processGroupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return true;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(entry);
    if (stat && stat.group === pid && stat.state !== 'Z' && stat.state !== 'X') return true;
  }
  return false;
}

/**
 * Ends a command's whole process group, its children and theirs included: SIGTERM, up to
 * `STOP_GRACE_MS` for them to finish, then SIGKILL. Resolves when no process of the group runs.
 */
function stopGroup(entry: Running): Promise<void> {
  entry.stopping ??= (async () => {
    signalGroup(entry.pid, 'SIGTERM');
    const deadline = systemClock.now() + STOP_GRACE_MS;
    while (processGroupAlive(entry.pid) && systemClock.now() < deadline) await pause(25);
    signalGroup(entry.pid, 'SIGKILL');
    for (let i = 0; i < 40 && processGroupAlive(entry.pid); i++) await pause(25);
  })();
  return entry.stopping;
}

/**
 * Ends every command still running (each group: SIGTERM, a grace, SIGKILL) and resolves when they
 * are gone. The cancel path calls it after its cleanups, before the process exits, so that no
 * user command outlives the step.
 */
export async function stopRunningCommands(): Promise<void> {
  await Promise.all([...running].map((entry) => stopGroup(entry)));
}

/** Resolves when every command being stopped (by its signal or its timeout) has ended. */
export async function commandsStopping(): Promise<void> {
  await Promise.all([...running].filter((entry) => entry.stopping).map((entry) => entry.stopping));
}

/** The last resort if the process exits while a command still runs: nothing may outlive the step. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const entry of running) signalGroup(entry.pid, 'SIGKILL');
  });
}

/**
 * Runs a program with arguments (no shell); resolves whatever the exit code. The program leads its
 * own process group, so a timeout or the cancel signal ends it with everything it started.
 */
export function runArgv(file: string, args: readonly string[], opts: CommandOptions = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const started = systemClock.now();
    const env = { ...(opts.baseEnv ?? process.env) };
    for (const [k, v] of Object.entries(opts.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    const keep = opts.tailLines ?? 20;
    const tail: string[] = [];
    if (opts.signal?.aborted) {
      resolve({
        code: 128 + 15,
        stdout: '',
        stderr: '',
        tail: ['(not started: cancelled)'],
        durationMs: 0,
        timedOut: false,
        cancelled: true,
        notFound: false,
      });
      return;
    }
    // detached: its own process group (and session), which is what lets it be ended as a whole.
    const child = spawn(file, [...args], { cwd: opts.cwd, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const entry: Running | undefined = child.pid === undefined ? undefined : { pid: child.pid };
    if (entry) {
      running.add(entry);
      installExitHook();
    }
    const collected = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    const onLine = opts.onLine === null ? undefined : (opts.onLine ?? ((line: string) => relayLine(line)));
    let finishing = false;
    let finished = false;
    const emit = (line: string) => {
      onLine?.(line);
      tail.push(line);
      if (tail.length > keep) tail.shift();
    };
    const partial = { stdout: '', stderr: '' };
    const feed = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      if (finished) return;
      collected[stream].push(chunk);
      const lines = (partial[stream] + chunk.toString('utf8')).split('\n');
      partial[stream] = lines.pop() ?? '';
      for (const line of lines) emit(line);
    };
    child.stdout.on('data', feed('stdout'));
    child.stderr.on('data', feed('stderr'));
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    let cancelled = false;
    if (opts.timeoutMs && entry) {
      timer = setTimeout(() => {
        timedOut = true;
        void stopGroup(entry);
      }, opts.timeoutMs);
    }
    const onAbort = () => {
      if (!entry || finishing) return;
      cancelled = true;
      void stopGroup(entry);
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const text = (stream: 'stdout' | 'stderr') => Buffer.concat(collected[stream]).toString('utf8');
    let notFound = false;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let drain: NodeJS.Timeout | undefined;

    const finish = async () => {
      if (finishing) return;
      finishing = true;
      if (timer) clearTimeout(timer);
      if (drain) clearTimeout(drain);
      opts.signal?.removeEventListener('abort', onAbort);
      // A stop under way ends only when the whole group is gone.
      if (entry?.stopping) await entry.stopping;
      if (entry) running.delete(entry);
      finished = true;
      // Output still held open by a background process is no longer waited for.
      for (const stream of [child.stdout, child.stderr]) (stream as unknown as { unref?: () => void }).unref?.();
      // A last line without a newline still belongs in the log and the tail.
      for (const stream of ['stdout', 'stderr'] as const) if (partial[stream] !== '') emit(partial[stream]);
      if (timedOut) tail.push(`(stopped after ${opts.timeoutMs}ms)`);
      else if (cancelled) tail.push('(stopped: cancelled)');
      if (notFound) tail.push(`${file}: command not found`);
      const { code, signal } = exit ?? { code: null, signal: null };
      resolve({
        code: notFound ? NOT_FOUND_EXIT_CODE : (code ?? (signal ? 128 + 15 : 1)),
        stdout: text('stdout'),
        stderr: notFound ? `${file}: command not found` : text('stderr'),
        tail,
        durationMs: systemClock.now() - started,
        timedOut,
        cancelled,
        notFound,
      });
    };

    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') notFound = true;
      else if (!exit) {
        finishing = true;
        if (timer) clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        if (entry) running.delete(entry);
        reject(err);
      }
    });
    child.on('exit', (code, signal) => {
      exit = { code, signal };
      // The program is done: what it left running in the background is no longer its timeout's.
      if (timer && !timedOut) clearTimeout(timer);
      if (!cancelled) opts.signal?.removeEventListener('abort', onAbort);
      if (entry && !entry.stopping) running.delete(entry);
      drain = setTimeout(() => void finish(), DRAIN_MS);
    });
    child.on('close', (code, signal) => {
      exit ??= { code, signal };
      void finish();
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

/** Programs as child processes: the production runtime's exec. */
export const processExec: Exec = { argv: runArgv, shell: runShell };

/** An exec whose `shell` goes through the given `argv` as `/bin/sh -c` (inputs and tokens withheld): for fakes. */
export function execFromArgv(argv: Exec['argv']): Exec {
  return { argv, shell: (command, opts = {}) => argv('/bin/sh', ['-c', command], { ...opts, baseEnv: userCommandEnv(opts.baseEnv) }) };
}
