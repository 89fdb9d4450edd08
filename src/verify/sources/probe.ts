/**
 * The built-in probe: sends its own requests to the canary (and to stable, for the baseline) at a
 * steady rate and keeps what it saw since the last look, so each analysis interval is judged on
 * fresh requests. An answer of 5xx, no answer, or no answer in time is an error; every request's
 * latency counts, a timed-out one at the timeout.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { splitUrlCredentials } from '../../core/redact.js';
import type { ProbeRequest } from '../compare.js';

export interface ProbeTarget {
  url: string;
  /** Requests per second. */
  rps: number;
  /** Per request; a slower answer counts as an error with this latency. */
  timeoutMs: number;
  /** At most this many requests in flight; a tick beyond it sends nothing (default rps x timeout). */
  maxInFlight?: number;
}

export interface ProbeWindow {
  /** Every answered or failed request in the order it was sent, latency at the timer's precision. */
  records: ProbeRequest[];
  requests: number;
  errors: number;
  latencies: number[];
  /** Answers by status code, and `failed` for requests without an answer. */
  statuses: Record<string, number>;
}

export interface ProbeStream {
  /** What was seen since the last call (or since the start), and a fresh window. */
  take(): ProbeWindow;
  /** Stops sending; requests in flight are abandoned. */
  stop(): void;
}

/** Sends one probe request: its status, or null when there was no answer. */
export interface ProbeSender {
  send(timeoutMs: number): Promise<{ status: number | null; latencyMs: number }>;
  close(): void;
}

export const isProbeError = (status: number | null): boolean => status === null || status >= 500;

/** Starts sending to one URL at once. `send` is a seam for tests; the default is a real HTTP GET. */
export function startProbeStream(target: ProbeTarget, sender?: ProbeSender): ProbeStream {
  const maxInFlight = target.maxInFlight ?? defaultInFlight(target);
  const client = sender ?? httpSender(target.url, maxInFlight);
  const intervalMs = 1000 / target.rps;
  let window = emptyWindow();
  let inFlight = 0;
  let stopped = false;
  let sent = 0;
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;

  const tick = () => {
    if (stopped) return;
    if (inFlight < maxInFlight) {
      inFlight += 1;
      const into = () => window; // the window open when the answer arrives
      const seq = sent;
      void client.send(target.timeoutMs).then(({ status, latencyMs }) => {
        inFlight -= 1;
        if (stopped) return;
        const w = into();
        const error = isProbeError(status);
        w.requests += 1;
        w.latencies.push(latencyMs);
        w.records.push({ latencyMs, error, seq });
        if (error) w.errors += 1;
        const key = status === null ? 'failed' : String(status);
        w.statuses[key] = (w.statuses[key] ?? 0) + 1;
      });
    }
    sent += 1;
    // Drift-free schedule: the n-th tick is due n intervals after the start.
    timer = setTimeout(tick, Math.max(0, started + sent * intervalMs - performance.now()));
  };
  tick();

  return {
    take() {
      const out = window;
      window = emptyWindow();
      // In the order the requests were sent, so the i-th of each version were sent together.
      out.records.sort((a, b) => a.seq! - b.seq!);
      return out;
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      client.close();
    },
  };
}

function emptyWindow(): ProbeWindow {
  return { records: [], latencies: [], requests: 0, errors: 0, statuses: {} };
}

function defaultInFlight(target: ProbeTarget): number {
  return Math.min(256, Math.max(4, Math.ceil((target.rps * target.timeoutMs) / 1000)));
}

/** GET `url` with a keep-alive agent; URL credentials go as basic auth. Never throws. */
export function httpSender(rawUrl: string, maxSockets: number): ProbeSender {
  const { url, authorization } = splitUrlCredentials(rawUrl);
  const target = new URL(url);
  const lib = target.protocol === 'https:' ? https : http;
  const agent = new lib.Agent({ keepAlive: true, maxSockets });
  const headers: Record<string, string> = { 'user-agent': 'shipline-canary-probe', ...(authorization ? { authorization } : {}) };
  const send: ProbeSender['send'] = (timeoutMs) =>
    new Promise((resolve) => {
      const began = performance.now();
      let done = false;
      let timedOut = false;
      const finish = (status: number | null) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve({ status, latencyMs: timedOut ? timeoutMs : performance.now() - began });
      };
      const req = lib.get(target, { agent, headers }, (res) => {
        res.resume();
        res.on('end', () => finish(res.statusCode ?? null));
        res.on('error', () => finish(null));
      });
      const timer = setTimeout(() => {
        timedOut = true;
        req.destroy(new Error('timeout'));
        finish(null);
      }, timeoutMs);
      req.on('error', () => finish(null));
    });
  return { send, close: () => agent.destroy() };
}
