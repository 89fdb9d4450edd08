import { spawn } from 'node:child_process';

export interface CommandResult {
  code: number;
  /** The last lines of stdout and stderr together, for error messages. */
  tail: string[];
  stdout: string;
  durationMs: number;
}

export interface CommandOptions {
  /** Extra environment: the only way shipline's values reach a user command. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  input?: string;
  /** Where output lines go as they arrive (the step log by default). */
  onLine?: (line: string) => void;
  /** How many trailing lines to keep for the error message. */
  tailLines?: number;
  /** Keep the whole stdout (for commands whose output is read). */
  captureStdout?: boolean;
}

/** Runs a program with arguments (no shell). */
export function runArgv(file: string, args: string[], opts: CommandOptions = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const env = { ...process.env };
    for (const [k, v] of Object.entries(opts.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    const child = spawn(file, args, { cwd: opts.cwd, env, stdio: ['pipe', 'pipe', 'pipe'], signal: opts.signal });
    const keep = opts.tailLines ?? 20;
    const tail: string[] = [];
    let stdout = '';
    const onLine = opts.onLine ?? ((line: string) => process.stdout.write(`${line}\n`));
    const feed = (isStdout: boolean) => {
      let partial = '';
      return (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        if (isStdout && opts.captureStdout) stdout += text;
        const lines = (partial + text).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) {
          onLine(line);
          tail.push(line);
          if (tail.length > keep) tail.shift();
        }
      };
    };
    child.stdout.on('data', feed(true));
    child.stderr.on('data', feed(false));
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    if (opts.timeoutMs) {
      timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 2_000).unref();
      }, opts.timeoutMs);
    }
    child.on('error', (err) => {
      if (timer) clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (timedOut) tail.push(`(stopped after ${opts.timeoutMs}ms)`);
      resolve({ code: code ?? (signal ? 128 + 15 : 1), tail, stdout, durationMs: Date.now() - started });
    });
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}

/**
 * Runs a user's command through `/bin/sh -c`. The command text is the user's own; shipline's
 * values (version, artifact, environment...) travel only in `opts.env`.
 */
export function runShell(command: string, opts: CommandOptions = {}): Promise<CommandResult> {
  return runArgv('/bin/sh', ['-c', command], opts);
}
