import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the server managed to send for one request. */
export interface StreamStats {
  path: string;
  /** Bytes of the body the kernel accepted before the client went away (or all of them). */
  sent: number;
  /** The client closed the connection before the whole body was sent. */
  closedEarly: boolean;
  /** The whole body was sent. */
  finished: boolean;
}

export interface HugeBodyServer {
  url: string;
  /** The size every response announces and would send in full. */
  totalBytes: number;
  stats: StreamStats[];
  /** Resolves once every request so far has ended, early or not. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A service on 127.0.0.1 whose answer is a body of `totalBytes` (a `content-length` it means to
 * honour), generated as it is sent from one reused 64 KiB chunk: the test itself never holds it.
 * `/json` sends the start of a JSON document (`{"marker":"…","items":["xxxx…`), anything else a
 * text body starting with `marker`. It writes with back-pressure and counts what it sent, so a test
 * can prove that a client stopped reading and closed the connection early.
 */
export async function startHugeBodyServer(totalBytes: number, marker = 'huge-body-start'): Promise<HugeBodyServer> {
  const stats: StreamStats[] = [];
  const endings: Promise<void>[] = [];
  const filler = Buffer.alloc(64 * 1024, 'x');
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const entry: StreamStats = { path, sent: 0, closedEarly: false, finished: false };
    stats.push(entry);
    const head = Buffer.from(path === '/json' ? `{"marker":"${marker}","items":["` : `${marker}\n`);
    res.writeHead(200, { 'content-type': path === '/json' ? 'application/json' : 'text/plain', 'content-length': String(totalBytes) });
    endings.push(
      new Promise<void>((resolve) => {
        let closed = false;
        res.on('close', () => {
          closed = true;
          if (!entry.finished) entry.closedEarly = true;
          resolve();
        });
        const write = (chunk: Buffer) =>
          new Promise<boolean>((done) => {
            const ok = res.write(chunk, (err) => {
              if (!err) entry.sent += chunk.length;
            });
            if (ok) done(true);
            else {
              const go = () => {
                res.off('close', go);
                res.off('drain', go);
                done(!closed);
              };
              res.once('drain', go);
              res.once('close', go);
            }
          });
        void (async () => {
          let offered = 0;
          let chunk: Buffer = head;
          while (!closed && offered < totalBytes) {
            const piece = chunk.subarray(0, Math.min(chunk.length, totalBytes - offered));
            offered += piece.length;
            if (!(await write(piece))) break;
            chunk = filler;
          }
          if (!closed && offered >= totalBytes) {
            entry.finished = true;
            res.end();
          }
        })();
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    totalBytes,
    stats,
    settled: async () => {
      await Promise.all(endings);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
