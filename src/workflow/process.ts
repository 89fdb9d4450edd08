// Starts a step's process in a process group of its own, streams its lines to the log, and stops
// it the way a runner cancels a step: SIGINT, then SIGTERM after 7.5 s, then SIGKILL.
import { spawn } from 'node:child_process';
import type { Cancellation } from './cancel.js';

export interface StepProcess {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  onLine: (line: string) => void;
  cancellation: Cancellation;
  timeoutMs?: number;
}

const signalGroup = (pid: number, signal: NodeJS.Signals) => {
  try {
    process.kill(-pid, signal);
  } catch {
    /* gone */
  }
};

/** Resolves with the exit code (a signal counts as failure) and whether the step timed out. */
export function runProcess(p: StepProcess): Promise<{ code: number; timedOut: boolean }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(p.command, p.args, { cwd: p.cwd, env: p.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const partial = { out: '', err: '' };
    const feed = (key: 'out' | 'err') => (chunk: Buffer) => {
      const parts = (partial[key] + chunk.toString()).split('\n');
      partial[key] = parts.pop()!;
      for (const line of parts) p.onLine(line.replace(/\r$/, ''));
    };
    child.stdout.on('data', feed('out'));
    child.stderr.on('data', feed('err'));
    const timers: NodeJS.Timeout[] = [];
    let timedOut = false;
    const stop = () => {
      if (!child.pid) return;
      signalGroup(child.pid, 'SIGINT');
      timers.push(setTimeout(() => signalGroup(child.pid!, 'SIGTERM'), 7500).unref());
      timers.push(setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), 10_000).unref());
    };
    // A step started after the run was cancelled (an always() step) runs to its end.
    const unsubscribe = p.cancellation.cancelled ? () => {} : p.cancellation.onCancel(stop);
    if (p.timeoutMs) {
      timers.push(
        setTimeout(() => {
          timedOut = true;
          stop();
        }, p.timeoutMs),
      );
    }
    child.on('error', (err) => {
      unsubscribe();
      for (const t of timers) clearTimeout(t);
      reject(err);
    });
    child.on('close', (code) => {
      unsubscribe();
      for (const t of timers) clearTimeout(t);
      for (const key of ['out', 'err'] as const) if (partial[key]) p.onLine(partial[key]);
      resolvePromise({ code: code ?? 1, timedOut });
    });
  });
}
