import * as net from 'node:net';
import { describeSocketAddress, type SocketAddress } from './address.js';
import { HaproxyError } from './errors.js';

/** Sends one command line to the runtime API and returns everything HAProxy answers. */
export type SendCommand = (command: string) => Promise<string>;

const HINTS: Record<string, string> = {
  ENOENT: 'no socket at that path; is HAProxy running with `stats socket <path> level admin`?',
  ECONNREFUSED: 'nothing listens there; is HAProxy running and is the stats socket declared?',
  EACCES: 'the runner user may not open the socket (check its owner and `mode`)',
};

/**
 * Opens one connection per command (HAProxy's non-interactive mode: it answers and closes).
 * A socket that does not answer within `timeoutMs` counts as unreachable.
 */
export function socketSender(address: SocketAddress, timeoutMs: number): SendCommand {
  const where = describeSocketAddress(address);
  return (command) =>
    new Promise<string>((resolve, reject) => {
      const socket = 'path' in address ? net.connect(address.path) : net.connect(address.port, address.host);
      const chunks: Buffer[] = [];
      let settled = false;
      const fail = (message: string) => {
        if (settled) return;
        settled = true;
        socket.destroy();
        reject(new HaproxyError('unreachable', `HAProxy admin socket ${where}: ${message}`));
      };
      socket.setTimeout(timeoutMs, () => fail(`no answer within ${timeoutMs} ms to \`${command}\``));
      socket.on('connect', () => socket.write(`${command}\n`));
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.on('error', (err: NodeJS.ErrnoException) => {
        const hint = err.code ? HINTS[err.code] : undefined;
        fail(`cannot connect (${err.code ?? err.message})${hint ? `: ${hint}` : ''}`);
      });
      socket.on('close', () => {
        if (settled) return;
        settled = true;
        resolve(Buffer.concat(chunks).toString('utf8'));
      });
    });
}
