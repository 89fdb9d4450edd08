// A tiny web service to deploy with shipline's local driver. Plain Node, no dependencies.
//
// Reads (all optional except PORT):
//   PORT                  port to listen on, on 127.0.0.1 (default 8080)
//   SHIPLINE_VERSION      version it reports (default "dev")
//   SHIPLINE_ENVIRONMENT  environment it reports
//   APP_ERROR_RATE        fraction (0-1) of requests answered 500; spread evenly, not at random
//   APP_LATENCY_MS        delay added to every request (not /health, not /metrics)
//   APP_FAIL_AFTER_MS     after this long, /health and every request answer 503
//
// Routes: GET /health, GET /, /api/* (JSON echo of the request), GET /metrics (Prometheus text).
import http from 'node:http';

const port = Number(process.env.PORT ?? 8080);
const version = process.env.SHIPLINE_VERSION || 'dev';
const environment = process.env.SHIPLINE_ENVIRONMENT || '';
const errorRate = clamp(Number(process.env.APP_ERROR_RATE ?? 0), 0, 1);
const latencyMs = Math.max(0, Number(process.env.APP_LATENCY_MS ?? 0));
const failAfterMs = process.env.APP_FAIL_AFTER_MS ? Number(process.env.APP_FAIL_AFTER_MS) : Infinity;
const startedAt = Date.now();

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const requestCounts = new Map(); // code -> count
const histogram = { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 };
let served = 0;

function clamp(value, min, max) {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}

function failing() {
  return Date.now() - startedAt >= failAfterMs;
}

/** Spreads errors evenly: the n-th request fails when floor(n * rate) grows. */
function nextRequestErrs() {
  served += 1;
  return Math.floor(served * errorRate) > Math.floor((served - 1) * errorRate);
}

function record(code, seconds) {
  requestCounts.set(code, (requestCounts.get(code) ?? 0) + 1);
  histogram.count += 1;
  histogram.sum += seconds;
  BUCKETS.forEach((le, i) => {
    if (seconds <= le) histogram.buckets[i] += 1;
  });
}

function label(value) {
  return String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function metricsText() {
  const v = `version="${label(version)}"`;
  const lines = ['# HELP http_requests_total Requests answered, by status code.', '# TYPE http_requests_total counter'];
  for (const [code, count] of [...requestCounts].sort()) {
    lines.push(`http_requests_total{code="${code}",${v}} ${count}`);
  }
  lines.push('# HELP http_request_duration_seconds Time to answer a request.', '# TYPE http_request_duration_seconds histogram');
  BUCKETS.forEach((le, i) => {
    lines.push(`http_request_duration_seconds_bucket{le="${le}",${v}} ${histogram.buckets[i]}`);
  });
  lines.push(
    `http_request_duration_seconds_bucket{le="+Inf",${v}} ${histogram.count}`,
    `http_request_duration_seconds_sum{${v}} ${histogram.sum}`,
    `http_request_duration_seconds_count{${v}} ${histogram.count}`,
    '# HELP app_info The running version.',
    '# TYPE app_info gauge',
    `app_info{${v}} 1`,
  );
  return lines.join('\n') + '\n';
}

function send(res, code, body, type = 'application/json') {
  const text = typeof body === 'string' ? body : JSON.stringify(body) + '\n';
  res.writeHead(code, { 'content-type': type, 'x-app-version': version });
  res.end(text);
}

function readBody(req) {
  return new Promise((resolve) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(Buffer.alloc(0)));
  });
}

async function handle(req, res) {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/metrics') return send(res, 200, metricsText(), 'text/plain; version=0.0.4');
  if (url.pathname === '/health') {
    return failing() ? send(res, 503, { status: 'failing', version }) : send(res, 200, { status: 'ok', version });
  }

  const began = process.hrtime.bigint();
  const body = await readBody(req);
  if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
  let code = 200;
  let answer;
  if (failing()) {
    code = 503;
    answer = { error: 'the service stopped working', version };
  } else if (nextRequestErrs()) {
    code = 500;
    answer = { error: 'injected failure (APP_ERROR_RATE)', version };
  } else if (url.pathname === '/') {
    answer = { service: 'shipline-example-app', version, environment };
  } else if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
    answer = { version, method: req.method, path: url.pathname, bytes: body.length };
  } else {
    code = 404;
    answer = { error: 'not found', path: url.pathname, version };
  }
  send(res, code, answer);
  record(code, Number(process.hrtime.bigint() - began) / 1e9);
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((err) => send(res, 500, { error: String(err), version }));
});

server.listen(port, '127.0.0.1', () => {
  console.log(`example app ${version} listening on http://127.0.0.1:${port}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
