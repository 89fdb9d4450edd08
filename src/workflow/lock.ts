// A `concurrency` group on one machine: a lock file per group, held by a run (its process id
// and run id). A run waits for the group (GitHub keeps one pending run, this keeps every waiting
// one); a holder that died leaves a stale file, taken over.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProcessAlive } from '../core/process.js';
import type { Cancellation } from './cancel.js';

export const lockDir = () => process.env.SHIPLINE_WORKFLOW_LOCKS || join(tmpdir(), 'shipline-workflow-locks');

export interface HeldLock {
  release(): void;
}

/**
 * Waits until this process holds `group`. With `cancelInProgress`, the holder is asked to stop
 * (SIGINT, as a cancelled run). Resolves undefined when the run is cancelled while waiting.
 */
export async function acquire(
  group: string,
  opts: { owner: string; cancelInProgress: boolean; cancellation: Cancellation; onWait: (holder: number) => void },
): Promise<HeldLock | undefined> {
  const dir = lockDir();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${createHash('sha256').update(group).digest('hex').slice(0, 32)}.lock`);
  let told = false;
  for (;;) {
    if (opts.cancellation.cancelled) return undefined;
    try {
      writeFileSync(file, JSON.stringify({ pid: process.pid, owner: opts.owner, group }), { flag: 'wx' });
      return { release: () => rmSync(file, { force: true }) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let holder = 0;
    let owner = '';
    try {
      ({ pid: holder, owner } = JSON.parse(readFileSync(file, 'utf8')) as { pid: number; owner: string });
    } catch {
      /* being written: look again */
    }
    // This run holds it already (a workflow-level group its jobs share): the run goes on.
    if (owner === opts.owner) return { release: () => {} };
    if (holder && !isProcessAlive(holder)) {
      rmSync(file, { force: true });
      continue;
    }
    if (holder && !told) {
      told = true;
      opts.onWait(holder);
      if (opts.cancelInProgress && holder !== process.pid) process.kill(holder, 'SIGINT');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
