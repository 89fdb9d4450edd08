import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildahSettings } from '../../src/build/buildah-argv.js';
import { buildWithBuildah, imageRecord } from '../../src/build/container.js';
import { CommandError } from '../../src/build/errors.js';
import { processExec } from '../../src/core/exec.js';
import { ociLabels } from '../../src/build/image-settings.js';
import { parseImageName } from '../../src/build/image.js';
import { resolveVersion } from '../../src/build/version.js';
import { MANIFEST_ACCEPT, registryInstalled, startRegistry, type LocalRegistry } from '../helpers/registry.js';

const BUILDAH = ['/usr/bin/buildah', '/usr/local/bin/buildah'].find((path) => existsSync(path));
const missing = [...(BUILDAH ? [] : ['buildah']), ...(registryInstalled() ? [] : ['docker-registry'])];
if (missing.length)
  console.warn(`build-buildah: skipped because ${missing.join(' and ')} is not installed (apt-get install buildah docker-registry)`);

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'build', 'scratch');
const SHA = '0123456789abcdef0123456789abcdef01234567';

async function tarFiles(gz: Buffer): Promise<Record<string, string>> {
  const reader = extract();
  const files: Record<string, string> = {};
  const done = (async () => {
    for await (const entry of reader) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      files[entry.header.name.replace(/^\.?\//, '')] = Buffer.concat(chunks).toString('utf8');
    }
  })();
  reader.end(gunzipSync(gz));
  await done;
  return files;
}

describe.skipIf(missing.length > 0)(
  `buildah builds and pushes to a real registry${missing.length ? ` (skipped: ${missing.join(', ')} not installed)` : ''}`,
  () => {
    let registry: LocalRegistry;
    let dir: string;

    beforeAll(async () => {
      registry = await startRegistry();
      dir = mkdtempSync(join(tmpdir(), 'shipline-buildah-'));
    });

    afterAll(async () => {
      await registry?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    function settings(name: string, overrides: Partial<BuildahSettings> = {}): BuildahSettings {
      const version = resolveVersion({ eventName: 'push', ref: 'refs/tags/v1.2.3', sha: SHA, existingTags: ['v1.0.0'] });
      return {
        image: parseImageName(`${registry.host}/${name}`).name,
        tags: version.tags,
        context: FIXTURE,
        file: join(FIXTURE, 'Dockerfile'),
        platforms: ['linux/amd64'],
        labels: ociLabels({ revision: SHA, version: version.version, created: new Date(0), title: name }),
        buildArgs: {},
        push: true,
        workDir: join(dir, name, 'work'),
        root: join(dir, 'storage', 'root'),
        runroot: join(dir, 'storage', 'runroot'),
        storageDriver: 'vfs',
        isolation: 'chroot',
        tlsVerify: false,
        ...overrides,
      };
    }

    it('pushes every tag and reports the digest the registry serves', async () => {
      const s = settings('shipline/app');
      expect(s.tags).toEqual(['1.2.3', '1.2', '1', 'latest']);
      const built = await buildWithBuildah(s, { exec: processExec });

      expect(built.pushed).toBe(true);
      expect(built.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(built.reference).toBe(`${registry.host}/shipline/app@${built.digest}`);
      expect(built.imageId).toMatch(/^(sha256:)?[0-9a-f]{64}$/);
      expect([...(await registry.tags('shipline/app'))].sort()).toEqual([...s.tags].sort());
      for (const tag of s.tags) {
        expect(await registry.digest('shipline/app', tag), `digest of tag ${tag}`).toBe(built.digest);
      }
      expect(imageRecord(built, s)).toEqual({
        repository: `${registry.host}/shipline/app`,
        reference: built.reference,
        digest: built.digest,
        tags: s.tags.map((tag) => `${registry.host}/shipline/app:${tag}`),
        platforms: ['linux/amd64'],
        pushed: true,
      });

      // The pushed image really holds the fixture file and the OCI labels.
      const manifest = (await (
        await fetch(`${registry.url}/v2/shipline/app/manifests/${built.digest}`, { headers: { Accept: MANIFEST_ACCEPT } })
      ).json()) as { config: { digest: string }; layers: Array<{ digest: string }> };
      const config = (await (await fetch(`${registry.url}/v2/shipline/app/blobs/${manifest.config.digest}`)).json()) as {
        architecture: string;
        config: { Labels: Record<string, string> };
      };
      expect(config.architecture).toBe('amd64');
      expect(config.config.Labels).toMatchObject({
        'org.opencontainers.image.revision': SHA,
        'org.opencontainers.image.version': '1.2.3',
        'org.opencontainers.image.title': 'shipline/app',
      });
      expect(manifest.layers).toHaveLength(1);
      const layer = Buffer.from(await (await fetch(`${registry.url}/v2/shipline/app/blobs/${manifest.layers[0]?.digest}`)).arrayBuffer());
      expect((await tarFiles(layer))['hello.txt']).toBe('hello from the shipline fixture\n');
    });

    it('pushes a multi-platform index under every tag', async () => {
      const s = settings('shipline/multi', { platforms: ['linux/amd64', 'linux/arm64'], tags: ['2.0.0', 'latest'] });
      const built = await buildWithBuildah(s, { exec: processExec });
      expect([...(await registry.tags('shipline/multi'))].sort()).toEqual(['2.0.0', 'latest']);
      for (const tag of s.tags) expect(await registry.digest('shipline/multi', tag)).toBe(built.digest);
      const index = (await (
        await fetch(`${registry.url}/v2/shipline/multi/manifests/${built.digest}`, { headers: { Accept: MANIFEST_ACCEPT } })
      ).json()) as { manifests: Array<{ platform: { os: string; architecture: string } }> };
      expect(index.manifests.map((m) => `${m.platform.os}/${m.platform.architecture}`).sort()).toEqual(['linux/amd64', 'linux/arm64']);
    });

    it('builds without pushing when push is false', async () => {
      const s = settings('shipline/local', { push: false, tags: ['sha-0123456'] });
      const built = await buildWithBuildah(s, { exec: processExec });
      expect(built).toMatchObject({ pushed: false, reference: `${registry.host}/shipline/local:sha-0123456` });
      expect(built.digest).toBeUndefined();
      expect(await registry.tags('shipline/local')).toEqual([]);
    });

    it("fails with buildah's own message when the build breaks", async () => {
      const s = settings('shipline/broken', { file: join(FIXTURE, 'Dockerfile.broken') });
      const attempt = buildWithBuildah(s, { exec: processExec });
      await expect(attempt).rejects.toBeInstanceOf(CommandError);
      await expect(attempt).rejects.toThrow(/^buildah bud failed with exit code \d+:[\s\S]*does-not-exist\.txt/);
      expect(await registry.tags('shipline/broken')).toEqual([]);
    });
  },
);
