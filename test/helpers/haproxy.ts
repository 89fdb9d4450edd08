import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { canConnect, findBinary, freePort, startChild, waitFor } from './real-server.js';

/**
 * A real HAProxy on 127.0.0.1 in front of a stable and a canary server, with its runtime API on
 * an admin-level socket (a unix socket in a temporary directory, or a loopback TCP port).
 */
export interface HaproxyOptions {
  stablePort: number;
  canaryPort: number;
  stableWeight?: number;
  canaryWeight?: number;
  /** `unix` (default) or `tcp` for the admin socket. */
  socket?: 'unix' | 'tcp';
  backend?: string;
}

export interface HaproxyServer {
  /** The frontend: requests here go to stable or canary by weight. */
  url: string;
  /** The `haproxy-socket` setting for the driver: a path or `tcp://127.0.0.1:PORT`. */
  socket: string;
  backend: string;
  stableServer: string;
  canaryServer: string;
  logs(): string;
  stop(): Promise<void>;
}

export const haproxyBinary = findBinary('haproxy');

export interface HaproxyConfigInput {
  frontendPort: number;
  /** `stats socket` address: an absolute path or `ipv4@127.0.0.1:PORT`. */
  statsSocket: string;
  backend: string;
  stablePort: number;
  canaryPort: number;
  stableWeight: number;
  canaryWeight: number;
}

export function haproxyConfig(c: HaproxyConfigInput): string {
  return [
    'global',
    `  stats socket ${c.statsSocket} level admin`,
    '  maxconn 512',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 10s',
    '  timeout server 10s',
    'frontend web',
    `  bind 127.0.0.1:${c.frontendPort}`,
    `  default_backend ${c.backend}`,
    `backend ${c.backend}`,
    '  balance roundrobin',
    `  server stable 127.0.0.1:${c.stablePort} weight ${c.stableWeight}`,
    `  server canary 127.0.0.1:${c.canaryPort} weight ${c.canaryWeight}`,
    '',
  ].join('\n');
}

export async function startHaproxy(opts: HaproxyOptions): Promise<HaproxyServer> {
  if (!haproxyBinary) throw new Error('haproxy is not installed (apt-get install haproxy)');
  const dir = mkdtempSync(path.join(tmpdir(), 'shipline-hap-'));
  const backend = opts.backend ?? 'app';
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const frontendPort = await freePort();
    const adminPort = opts.socket === 'tcp' ? await freePort() : 0;
    const socketPath = path.join(dir, 'admin.sock');
    const configFile = path.join(dir, 'haproxy.cfg');
    writeFileSync(
      configFile,
      haproxyConfig({
        frontendPort,
        statsSocket: opts.socket === 'tcp' ? `ipv4@127.0.0.1:${adminPort}` : socketPath,
        backend,
        stablePort: opts.stablePort,
        canaryPort: opts.canaryPort,
        stableWeight: opts.stableWeight ?? 100,
        canaryWeight: opts.canaryWeight ?? 0,
      }),
    );
    const child = startChild(haproxyBinary, ['-f', configFile, '-db']);
    try {
      await waitFor(
        `HAProxy listening on 127.0.0.1:${frontendPort}`,
        async () => {
          if (child.exited()) throw new Error('haproxy exited');
          return canConnect(frontendPort);
        },
        { attempts: 100, intervalMs: 50, logs: child.logs },
      );
      return {
        url: `http://127.0.0.1:${frontendPort}`,
        socket: opts.socket === 'tcp' ? `tcp://127.0.0.1:${adminPort}` : socketPath,
        backend,
        stableServer: 'stable',
        canaryServer: 'canary',
        logs: child.logs,
        async stop() {
          await child.stop();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    } catch (err) {
      lastError = err;
      await child.stop();
    }
  }
  rmSync(dir, { recursive: true, force: true });
  throw lastError;
}
