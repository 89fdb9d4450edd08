import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuildConfigError } from '../../src/build/errors.js';
import {
  manifestArtifact,
  parseBuildManifest,
  readBuildManifest,
  writeBuildManifest,
  type BuildManifest,
} from '../../src/records/build-manifest.js';

const DIGEST = `sha256:${'ab'.repeat(32)}`;
const ARCHIVE_SHA = `sha256:${'0f'.repeat(32)}`;

const full: BuildManifest = {
  schemaVersion: 1,
  version: '1.2.3',
  channel: 'release',
  commit: '0123456789abcdef0123456789abcdef01234567',
  ref: 'refs/tags/v1.2.3',
  tags: ['1.2.3', '1.2', '1', 'latest'],
  image: {
    repository: 'ghcr.io/acme/web',
    reference: `ghcr.io/acme/web@${DIGEST}`,
    digest: DIGEST,
    tags: ['ghcr.io/acme/web:1.2.3', 'ghcr.io/acme/web:latest'],
    platforms: ['linux/amd64'],
    pushed: true,
  },
  archive: { path: 'out/web.tar.gz', sha256: ARCHIVE_SHA, bytes: 1234, files: 12 },
  builtAt: '2024-05-01T12:00:00.000Z',
  sbom: 'out/sbom.cdx.json',
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipline-manifest-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('build manifest', () => {
  it('round-trips through a file', async () => {
    const path = join(dir, 'nested', 'manifest.json');
    await writeBuildManifest(path, full);
    expect(readFileSync(path, 'utf8')).toMatch(/^\{\n {2}"schemaVersion": 1,/);
    expect(await readBuildManifest(path)).toEqual(full);
  });

  it('accepts a manifest with neither image nor archive, and a local unpushed image', () => {
    const bare = { ...full, image: undefined, archive: undefined, sbom: undefined };
    expect(parseBuildManifest(JSON.stringify(bare), 'm.json')).toMatchObject({ version: '1.2.3' });
    const local = {
      ...full,
      image: { repository: 'acme/web', reference: 'acme/web:1.2.3', tags: ['acme/web:1.2.3'], pushed: false },
    };
    expect(parseBuildManifest(JSON.stringify(local), 'm.json').image?.digest).toBeUndefined();
  });

  it('names the artifact later stages deploy', () => {
    expect(manifestArtifact(full)).toBe(`ghcr.io/acme/web@${DIGEST}`);
    expect(manifestArtifact({ ...full, image: undefined })).toBe('out/web.tar.gz');
    expect(manifestArtifact({ ...full, image: undefined, archive: undefined })).toBeUndefined();
  });

  it.each([
    ['wrong schema version', { schemaVersion: 2 }, /schemaVersion:/],
    ['unknown channel', { channel: 'prod' }, /channel:/],
    ['commit not hex', { commit: 'main' }, /commit: expected a lowercase hex commit id/],
    ['bad tag', { tags: ['ok', 'not ok'] }, /tags\.1: expected a valid image tag/],
    ['bad time', { builtAt: 'yesterday' }, /builtAt:/],
    ['archive digest', { archive: { ...full.archive, sha256: 'md5:abc' } }, /archive\.sha256: expected sha256:/],
    ['pushed without digest', { image: { ...full.image, digest: undefined } }, /image\.digest: a pushed image needs its digest/],
    [
      'reference not by digest',
      { image: { ...full.image, reference: 'ghcr.io/acme/web:1.2.3' } },
      /image\.reference: must be repository@digest/,
    ],
    ['missing version', { version: undefined }, /version:/],
  ])('refuses %s', (_name, change, message) => {
    const text = JSON.stringify({ ...full, ...change });
    let caught: unknown;
    try {
      parseBuildManifest(text, 'build/manifest.json');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BuildConfigError);
    expect((caught as Error).message).toMatch(/^build manifest build\/manifest\.json is not valid: /);
    expect((caught as Error).message).toMatch(message);
  });

  it('says when the file is not JSON or does not exist', async () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{"version": ');
    await expect(readBuildManifest(path)).rejects.toThrow(/build manifest .*broken\.json is not JSON/);
    await expect(readBuildManifest(join(dir, 'absent.json'))).rejects.toThrow(/absent\.json does not exist: pass the manifest output/);
  });

  it('never quotes the file it was given when it is not JSON', async () => {
    const path = join(dir, 'shadow');
    writeFileSync(path, 'root:$6$secretsalt$hash:19000:0:99999:7:::\n');
    const error = await readBuildManifest(path).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const { message } = error as Error;
    expect(message).toMatch(/^build manifest .*shadow is not JSON/);
    expect(message).not.toContain('root');
    expect(message).not.toContain('secretsalt');
  });

  it('refuses to write an invalid manifest', async () => {
    await expect(writeBuildManifest(join(dir, 'bad.json'), { ...full, version: '' })).rejects.toThrow(/invalid build manifest: version/);
  });
});
