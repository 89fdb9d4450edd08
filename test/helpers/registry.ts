import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's packaged Docker distribution registry. */
export const REGISTRY_BINARY = '/usr/bin/docker-registry';

/** Media types a registry may answer a manifest request with: single images and indexes, OCI and Docker. */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

export interface LocalRegistry {
  /** `127.0.0.1:PORT`, as an image reference's registry part. */
  host: string;
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Tags of a repository, from `/v2/<name>/tags/list` (empty when the repository is unknown). */
  tags(name: string): Promise<string[]>;
  /** `Docker-Content-Digest` of HEAD `/v2/<name>/manifests/<reference>`, or undefined on 404. */
  digest(name: string, reference: string): Promise<string | undefined>;
  /** What the registry printed (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

export function registryInstalled(): boolean {
  return existsSync(REGISTRY_BINARY);
}

function config(dataDir: string): string {
  return [
    'version: 0.1',
    'log:',
    '  level: info',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${dataDir}`,
    '  delete:',
    '    enabled: true',
    'http:',
    '  addr: 127.0.0.1:0',
    `  secret: ${randomBytes(16).toString('hex')}`,
    '',
  ].join('\n');
}

function waitForPort(child: ChildProcess, output: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const match = /listening on 127\.0\.0\.1:(\d+)/.exec(output());
      if (match) {
        cleanup();
        resolve(Number(match[1]));
      }
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`docker-registry exited (${code}) before listening:\n${output()}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`docker-registry did not say where it listens within 20s:\n${output()}`));
    }, 20_000);
    const cleanup = () => {
      clearTimeout(timer);
      child.stderr?.off('data', check);
      child.stdout?.off('data', check);
      child.off('exit', onExit);
    };
    child.stderr?.on('data', check);
    child.stdout?.on('data', check);
    child.on('exit', onExit);
    check();
  });
}

async function waitForApi(url: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    try {
      const response = await fetch(`${url}/v2/`);
      if (response.status === 200) return;
    } catch {
      // not answering yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`docker-registry at ${url} never answered /v2/`);
}

/** Starts a registry on an ephemeral loopback port with storage in a temporary directory. */
export async function startRegistry(): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'shipline-registry-'));
  const configPath = join(dir, 'config.yml');
  writeFileSync(configPath, config(join(dir, 'data')));
  const child = spawn(REGISTRY_BINARY, ['serve', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-100_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const port = await waitForPort(child, () => output);
    const host = `127.0.0.1:${port}`;
    const url = `http://${host}`;
    await waitForApi(url);
    return {
      host,
      url,
      async tags(name) {
        const response = await fetch(`${url}/v2/${name}/tags/list`);
        if (response.status === 404) return [];
        if (!response.ok) throw new Error(`tags/list for ${name} answered ${response.status}`);
        const body = (await response.json()) as { tags?: string[] | null };
        return body.tags ?? [];
      },
      async digest(name, reference) {
        const response = await fetch(`${url}/v2/${name}/manifests/${reference}`, {
          method: 'HEAD',
          headers: { Accept: MANIFEST_ACCEPT },
        });
        if (response.status === 404) return undefined;
        if (!response.ok) throw new Error(`HEAD manifest ${name}:${reference} answered ${response.status}`);
        return response.headers.get('docker-content-digest') ?? undefined;
      },
      log: () => output,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
