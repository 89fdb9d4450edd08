import { mkdtempSync, rmSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HaproxyRuntimeClient } from '../../src/drivers/haproxy/client.js';

/** A unix socket server that answers like HAProxy's non-interactive CLI (answer, then close). */
describe('runtime API over a socket', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'shipline-sock-'));
  const socketPath = path.join(dir, 'admin.sock');
  const received: string[] = [];
  let server: net.Server;

  beforeAll(async () => {
    server = net.createServer((conn) => {
      let buffer = '';
      conn.on('data', (chunk) => {
        buffer += chunk.toString();
        if (!buffer.endsWith('\n')) return;
        const command = buffer.trim();
        received.push(command);
        if (command === 'get weight app/canary') conn.end('40 (initial 0)\n\n');
        else if (command === 'get weight app/silent')
          return; // never answers
        else conn.end('No such server.\n\n');
      });
    });
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends one command line and parses the answer', async () => {
    const client = HaproxyRuntimeClient.connect(socketPath);
    expect(await client.getWeight('app', 'canary')).toEqual({ current: 40, initial: 0 });
    expect(received).toContain('get weight app/canary');
  });

  it('reports an error answer as not_found', async () => {
    await expect(HaproxyRuntimeClient.connect(`unix://${socketPath}`).getWeight('app', 'x')).rejects.toMatchObject({
      kind: 'not_found',
    });
  });

  it('reports a socket that does not answer as unreachable', async () => {
    await expect(HaproxyRuntimeClient.connect(socketPath, 200).getWeight('app', 'silent')).rejects.toMatchObject({
      kind: 'unreachable',
      message: expect.stringContaining('no answer within 200 ms to `get weight app/silent`'),
    });
  });

  it('reports a missing socket file as unreachable, with a hint', async () => {
    const missing = path.join(dir, 'missing.sock');
    await expect(HaproxyRuntimeClient.connect(missing).getWeight('app', 'canary')).rejects.toThrow(
      `HAProxy admin socket ${missing}: cannot connect (ENOENT): no socket at that path; is HAProxy running with \`stats socket <path> level admin\`?`,
    );
  });

  it('reports a closed TCP port as unreachable', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    await expect(HaproxyRuntimeClient.connect(`tcp://127.0.0.1:${port}`).serversState('app')).rejects.toMatchObject({
      kind: 'unreachable',
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('refuses names that could carry a second command, before connecting', async () => {
    const before = received.length;
    await expect(HaproxyRuntimeClient.connect(socketPath).setWeight('app', 'canary 1; shutdown', 1)).rejects.toThrow(
      'HAProxy server name "canary 1; shutdown" may only hold',
    );
    expect(received.length).toBe(before);
  });
});
