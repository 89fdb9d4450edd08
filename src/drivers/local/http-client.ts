import http from 'node:http';

export interface SimpleResponse {
  status: number;
  body: string;
}

/** One small request to a loopback service, with a time limit; rejects on any network error. */
export function request(url: string, options: { method?: string; timeoutMs?: number; body?: string } = {}): Promise<SimpleResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', agent: false, timeout: options.timeoutMs ?? 2000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${options.timeoutMs ?? 2000} ms`)));
    req.on('error', reject);
    req.end(options.body);
  });
}
