import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { inject } from 'vitest';
import type { TestProject } from 'vitest/node';
import { findBinary, freePort, startChild, waitFor } from './real-server.js';

/**
 * One real Prometheus for a test run. It scrapes targets listed in file_sd JSON files, so a test
 * (in any worker process) adds a target by writing a file that Prometheus re-reads. Prometheus
 * applies new targets in batches about 5 s apart: add all targets of a test at once
 * (`Promise.all`), not one after the other.
 */
export interface PrometheusTargets {
  url: string;
  /** Directory of the file_sd JSON files. */
  sdDir: string;
  /** Scrapes `metricsUrl` (e.g. `http://127.0.0.1:PORT/metrics`) as job `name`; resolves once the first scrape landed. */
  addTarget(name: string, metricsUrl: string): Promise<void>;
  removeTarget(name: string): void;
  /** Runs an instant query; returns Prometheus's `data` (throws on an error answer). */
  query(promql: string): Promise<{ resultType: string; result: unknown }>;
}

export interface PrometheusServer extends PrometheusTargets {
  stop(): Promise<void>;
}

export const prometheusBinary = findBinary('prometheus');

export const SCRAPE_INTERVAL = '250ms';

function configText(sdDir: string): string {
  return [
    'global:',
    `  scrape_interval: ${SCRAPE_INTERVAL}`,
    '  scrape_timeout: 200ms',
    `  evaluation_interval: ${SCRAPE_INTERVAL}`,
    'scrape_configs:',
    '  - job_name: shipline-tests',
    '    file_sd_configs:',
    `      - files: [${JSON.stringify(path.join(sdDir, '*.json'))}]`,
    '        refresh_interval: 1s',
    '',
  ].join('\n');
}

/** Starts Prometheus on 127.0.0.1 with its data in a temporary directory and waits until ready. */
export async function startPrometheus(): Promise<PrometheusServer> {
  if (!prometheusBinary) throw new Error('prometheus is not installed (apt-get install prometheus)');
  const dir = mkdtempSync(path.join(tmpdir(), 'shipline-prom-'));
  const sdDir = path.join(dir, 'targets');
  mkdirSync(sdDir, { recursive: true });
  const configFile = path.join(dir, 'prometheus.yml');
  writeFileSync(configFile, configText(sdDir));

  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    const child = startChild(prometheusBinary, [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ]);
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitFor(
        'Prometheus /-/ready',
        async () => {
          if (child.exited()) throw new Error('prometheus exited');
          const res = await fetch(`${url}/-/ready`);
          return res.ok;
        },
        { attempts: 300, intervalMs: 100, logs: child.logs },
      );
      const targets = connectPrometheus({ url, sdDir });
      return {
        ...targets,
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

/** Targets and queries for a Prometheus started elsewhere (the global setup). */
export function connectPrometheus(where: { url: string; sdDir: string }): PrometheusTargets {
  const { url, sdDir } = where;
  async function query(promql: string) {
    const res = await fetch(`${url}/api/v1/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: promql }).toString(),
    });
    const body = (await res.json()) as { status: string; error?: string; data: { resultType: string; result: unknown } };
    if (body.status !== 'success') throw new Error(`Prometheus query failed: ${body.error}`);
    return body.data;
  }
  return {
    url,
    sdDir,
    query,
    async addTarget(name, metricsUrl) {
      if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`target name "${name}" must be [A-Za-z0-9_-]+`);
      const target = new URL(metricsUrl);
      const group = [
        {
          targets: [target.host],
          labels: { job: name, __metrics_path__: target.pathname, __scheme__: target.protocol.replace(':', '') },
        },
      ];
      const file = path.join(sdDir, `${name}.json`);
      writeFileSync(`${file}.tmp`, JSON.stringify(group));
      renameSync(`${file}.tmp`, file);
      await waitFor(
        `the first scrape of ${metricsUrl} (job ${name})`,
        async () => {
          const data = await query(`up{job="${name}"} == 1`);
          return Array.isArray(data.result) && data.result.length > 0;
        },
        { attempts: 200, intervalMs: 100 },
      );
    },
    removeTarget(name) {
      rmSync(path.join(sdDir, `${name}.json`), { force: true });
    },
  };
}

// ---- sharing one Prometheus across the test files of a run ----------------------------------

declare module 'vitest' {
  export interface ProvidedContext {
    shiplinePrometheus: { url: string; sdDir: string } | null;
  }
}

/**
 * vitest globalSetup: `globalSetup: ['test/helpers/prometheus.ts']` starts one Prometheus for the
 * whole run and hands its address to every test file through `inject`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!prometheusBinary) {
    project.provide('shiplinePrometheus', null);
    return async () => {};
  }
  const server = await startPrometheus();
  project.provide('shiplinePrometheus', { url: server.url, sdDir: server.sdDir });
  return () => server.stop();
}

/**
 * The run's Prometheus when the global setup started one, else a Prometheus of this test file's
 * own. `stop()` only stops what this call started.
 */
export async function usePrometheus(): Promise<PrometheusServer> {
  let shared: { url: string; sdDir: string } | null | undefined;
  try {
    shared = inject('shiplinePrometheus');
  } catch {
    shared = undefined;
  }
  if (shared) return { ...connectPrometheus(shared), stop: async () => {} };
  return startPrometheus();
}
