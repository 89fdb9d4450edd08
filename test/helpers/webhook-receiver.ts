import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/** How the receiver answers its n-th request (0-based): a status, or `hang` (never answers). */
export type Answer = number | 'hang' | { status: number; headers?: Record<string, string> };

export interface WebhookReceiver {
  /** `http://127.0.0.1:PORT` */
  url: string;
  received: Received[];
  /** Requests seen, answered or not. */
  requests: number;
  close(): Promise<void>;
}

/** A loopback webhook that captures every JSON body POSTed to it and answers as told. */
export async function startWebhookReceiver(answer: (n: number) => Answer = () => 200): Promise<WebhookReceiver> {
  const hanging: ServerResponse[] = [];
  const state = { received: [] as Received[], requests: 0 };
  const server = createServer((req, res) => {
    const n = state.requests++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const a = answer(n);
      if (a === 'hang') {
        hanging.push(res);
        return;
      }
      const { status, headers } = typeof a === 'number' ? { status: a, headers: {} } : a;
      if (status >= 200 && status < 300) {
        const text = Buffer.concat(chunks).toString('utf8');
        state.received.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(text) });
      }
      res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(status < 300 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get received() {
      return state.received;
    },
    get requests() {
      return state.requests;
    },
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
