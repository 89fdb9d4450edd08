import path from 'node:path';
import { appEnvironment } from './app-env.js';
import { LocalDriverError } from './errors.js';
import { waitForHealthy } from './health.js';
import { freePort, spawnDetached, stopProcessGroup, tailFile } from './processes.js';
import { requireCommand, type ResolvedLocalSettings } from './settings.js';
import type { ProcessRecord } from './state.js';

export interface LaunchRequest {
  environment: string;
  version: string;
  artifact?: string;
  timeoutMs: number;
  role: 'version' | 'canary' | 'blue' | 'green';
  /** Named in the error, so the reader knows what still serves. */
  stillServing?: string;
}

/** `<role>-<version>-<time>.log`, with anything odd in the version replaced. */
export function logFileName(role: string, version: string, now: Date): string {
  const safe = version.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
  return `${role}-${safe}-${now.toISOString().replace(/[:.]/g, '-')}.log`;
}

/**
 * Starts one version of the app on a free loopback port, detached, and waits until its health
 * path answers 2xx. If it does not in time (or exits), stops it and rejects with the end of its log.
 */
export async function launchVersion(
  settings: ResolvedLocalSettings,
  logDir: string,
  req: LaunchRequest,
  parentEnv: NodeJS.ProcessEnv = process.env,
  now: () => Date = () => new Date(),
): Promise<ProcessRecord> {
  const command = requireCommand(settings);
  const port = await freePort();
  const startedAt = now();
  const log = path.join(logDir, logFileName(req.role, req.version, startedAt));
  const env = appEnvironment(parentEnv, settings.env, {
    version: req.version,
    environment: req.environment,
    port,
    ...(req.artifact !== undefined ? { artifact: req.artifact } : {}),
  });
  const child = spawnDetached('/bin/sh', ['-c', command], { cwd: settings.cwd, env, log });
  const health = await waitForHealthy(`http://127.0.0.1:${port}${settings.healthPath}`, {
    timeoutMs: req.timeoutMs,
    exited: child.exited,
  });
  if (!health.healthy) {
    await stopProcessGroup(child.pid, Math.min(settings.stopGraceMs, 2000));
    const tail = tailFile(log, 20);
    throw new LocalDriverError(
      'unhealthy',
      `local driver: ${req.role} ${req.version} did not become healthy: ${health.reason}. ` +
        `It was stopped; ${req.stillServing ? `${req.stillServing} keeps serving` : 'nothing else was changed'}. ` +
        `Last lines of its log (${log}):\n${tail || '(empty)'}`,
    );
  }
  return {
    version: req.version,
    ...(req.artifact !== undefined ? { artifact: req.artifact } : {}),
    pid: child.pid,
    port,
    startedAt: startedAt.toISOString(),
    log,
  };
}
