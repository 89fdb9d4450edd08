import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBuildManifest } from '../../src/records/build-manifest.js';
import { MANIFEST_ACCEPT, registryInstalled, startRegistry, type LocalRegistry } from '../helpers/registry.js';
import { runAction, type ActionRun, type RunActionOptions } from '../helpers/run-action.js';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1',
  HOME: tmpdir(),
};
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'build', 'scratch');
const BUILDAH = existsSync('/usr/bin/buildah') || existsSync('/usr/local/bin/buildah');
const missing = [...(BUILDAH ? [] : ['buildah']), ...(registryInstalled() ? [] : ['docker-registry'])];

let root: string;
/** A repository with tags v1.0.0 and v2.0.0 and no remote. */
let repo: string;
/** A shallow clone of a bare copy of `repo`: no tags locally, the remote has them. */
let shallow: string;
let head: string;
let storageConf: string;
/** The image fixture copied into `repo`: a build context must be inside the workspace. */
let imageContext: string;

/** Runs the build bundle in `cwd` as the runner would for this event and ref. */
function build(cwd: string, ref: string, opts: RunActionOptions & { eventName?: string } = {}): Promise<ActionRun> {
  return runAction('build', {
    ...opts,
    cwd,
    event: { name: opts.eventName ?? 'push', payload: opts.event?.payload ?? {} },
    env: {
      GITHUB_REF: ref,
      GITHUB_SHA: head,
      GITHUB_WORKSPACE: cwd,
      CONTAINERS_STORAGE_CONF: storageConf,
      GIT_CONFIG_NOSYSTEM: '1',
      ...opts.env,
    },
  });
}

const manifestsIn = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('shipline-build-manifest'));
const sha256 = (path: string) => `sha256:${createHash('sha256').update(readFileSync(path)).digest('hex')}`;

async function tarEntries(path: string): Promise<Record<string, { mode: number; mtime: number; body: string }>> {
  const reader = extract();
  const files: Record<string, { mode: number; mtime: number; body: string }> = {};
  const done = (async () => {
    for await (const entry of reader) {
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      files[entry.header.name] = {
        mode: entry.header.mode ?? 0,
        mtime: entry.header.mtime?.getTime() ?? -1,
        body: Buffer.concat(chunks).toString('utf8'),
      };
    }
  })();
  reader.end(gunzipSync(readFileSync(path)));
  await done;
  return files;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'shipline-build-action-'));
  repo = join(root, 'repo');
  git(root, 'init', '-q', '-b', 'main', repo);
  const commit = (text: string) => {
    writeFileSync(join(repo, 'app.txt'), `${text}\n`);
    git(repo, 'add', 'app.txt');
    git(repo, 'commit', '-q', '-m', text);
  };
  commit('one');
  git(repo, 'tag', 'v1.0.0');
  commit('two');
  git(repo, 'tag', '-a', '-m', 'two', 'v2.0.0');
  commit('three');
  head = git(repo, 'rev-parse', 'HEAD');
  imageContext = join(repo, 'image');
  cpSync(FIXTURE, imageContext, { recursive: true });
  git(root, 'clone', '-q', '--bare', repo, join(root, 'origin.git'));
  shallow = join(root, 'shallow');
  git(root, 'clone', '-q', '--depth', '1', `file://${join(root, 'origin.git')}`, shallow);
  // Image builds keep their layers in a throwaway store, not the machine's.
  storageConf = join(root, 'storage.conf');
  writeFileSync(
    storageConf,
    `[storage]\ndriver = "vfs"\ngraphroot = "${join(root, 'storage', 'root')}"\nrunroot = "${join(root, 'storage', 'run')}"\n`,
  );
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('build bundle: version and tags from the event', () => {
  it('a release tag in a shallow checkout reads the tags of origin; a lower release gets no latest', async () => {
    expect(git(shallow, 'tag', '--list')).toBe('');
    const run = await build(shallow, 'refs/tags/v1.5.0');
    expect(run.code, run.stdout).toBe(0);
    expect(run.errors).toEqual([]);
    expect(run.outputs).toMatchObject({ version: '1.5.0', channel: 'release', tags: '1.5.0\n1.5\n1' });
    expect(run.summary).toContain('git ls-remote --tags origin, 2 tags');
    const manifest = await readBuildManifest(run.outputs.manifest!);
    expect(manifest).toMatchObject({
      version: '1.5.0',
      channel: 'release',
      commit: head,
      ref: 'refs/tags/v1.5.0',
      tags: ['1.5.0', '1.5', '1'],
    });
    expect(manifest.image).toBeUndefined();
    expect(manifest.archive).toBeUndefined();
    expect(run.summary).toContain('version only');
  });

  it('the highest release takes latest; tags come from the local repository without a remote', async () => {
    const run = await build(repo, 'refs/tags/v2.1.0');
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ version: '2.1.0', channel: 'release', tags: '2.1.0\n2.1\n2\nlatest' });
    expect(run.summary).toContain('local git tag (no remote origin), 2 tags');
  });

  it('a prerelease tag gets only its full version', async () => {
    const run = await build(repo, 'refs/tags/v3.0.0-rc.1');
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ version: '3.0.0-rc.1', channel: 'prerelease', tags: '3.0.0-rc.1' });
  });

  it('a branch push gives sha-<7 hex> and the sanitised branch name', async () => {
    const run = await build(repo, 'refs/heads/feature/Login form');
    expect(run.code, run.stdout).toBe(0);
    const short = head.slice(0, 7);
    expect(run.outputs).toMatchObject({ version: `sha-${short}`, channel: 'staging', tags: `sha-${short}\nfeature-Login-form` });
  });

  it("builds and records the commit checked out (a hotfix of another ref), not the event's GITHUB_SHA", async () => {
    const dispatchedHead = 'f'.repeat(40);
    const run = await build(repo, 'refs/heads/main', { eventName: 'workflow_dispatch', env: { GITHUB_SHA: dispatchedHead } });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.version).toBe(`hotfix-${head.slice(0, 7)}`);
    const manifest = await readBuildManifest(run.outputs.manifest!);
    expect(manifest.commit).toBe(head);
    expect(run.stdout).toContain(`Building ${head}, the commit checked out in the workspace (the event's GITHUB_SHA is ${dispatchedHead})`);
  });

  it('workflow_dispatch on a branch is a hotfix of the commit; on a tag, of that version', async () => {
    const onBranch = await build(repo, 'refs/heads/main', {
      eventName: 'workflow_dispatch',
      event: { name: 'workflow_dispatch', payload: { inputs: { reason: 'outage' } } },
    });
    expect(onBranch.code, onBranch.stdout).toBe(0);
    expect(onBranch.outputs).toMatchObject({
      version: `hotfix-${head.slice(0, 7)}`,
      channel: 'hotfix',
      tags: `hotfix-${head.slice(0, 7)}`,
    });
    const onTag = await build(repo, 'refs/tags/v2.0.0', { eventName: 'workflow_dispatch' });
    expect(onTag.outputs).toMatchObject({ version: '2.0.0', channel: 'hotfix', tags: '2.0.0' });
  });

  it('a pull request is a preview named after its number in the payload', async () => {
    const run = await build(repo, 'refs/pull/42/merge', {
      eventName: 'pull_request',
      event: { name: 'pull_request', payload: { number: 42, pull_request: { number: 42 } } },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ version: 'pr-42', channel: 'preview', tags: 'pr-42' });
  });

  it('a ref that is neither a version tag nor a branch fails clearly, unless version is given', async () => {
    const failing = await build(repo, 'refs/tags/nightly');
    expect(failing.code).toBe(1);
    expect(failing.errors).toHaveLength(1);
    expect(failing.errors[0]).toMatch(/tag "nightly" is not a semantic version.*set the version input/);
    expect(manifestsIn(failing.dir)).toEqual([]);
    expect(failing.summary).toContain('❌');

    const given = await build(repo, 'refs/tags/nightly', { inputs: { version: '2024.06.1-nightly' } });
    expect(given.code, given.stdout).toBe(0);
    expect(given.outputs).toMatchObject({ version: '2024.06.1-nightly', tags: '2024.06.1-nightly' });
  });
});

describe('build bundle: file artifacts', () => {
  let work: string;
  beforeAll(() => {
    work = join(root, 'files');
    mkdirSync(join(work, 'src'), { recursive: true });
    writeFileSync(join(work, 'src', 'main.txt'), 'main v1\n');
  });

  // The command only sees shipline's values as environment variables.
  const command = [
    'echo "compiling $SHIPLINE_VERSION for $SHIPLINE_CHANNEL"',
    'mkdir -p dist/assets',
    'cp src/main.txt dist/main.txt',
    'printf "%s %s\\n" "$SHIPLINE_VERSION" "$SHIPLINE_COMMIT" > dist/assets/version.txt',
    'printf "#!/bin/sh\\necho run\\n" > dist/run.sh && chmod 755 dist/run.sh',
  ].join(' && ');

  it('runs build-command with SHIPLINE_* values, archives the globs, and outputs path and sha256', async () => {
    const run = await build(work, 'refs/heads/main', { inputs: { 'build-command': command, 'artifact-path': 'dist/**\n!dist/**/*.map' } });
    expect(run.code, run.stdout).toBe(0);
    const version = `sha-${head.slice(0, 7)}`;
    expect(run.stdout).toMatch(new RegExp(`::group::Running build-command\\ncompiling ${version} for staging\\n::endgroup::`));
    const archive = run.outputs.artifact!;
    expect(archive.startsWith(run.dir)).toBe(true);
    expect(run.outputs.digest).toBe(sha256(archive));
    const entries = await tarEntries(archive);
    expect(Object.keys(entries)).toEqual(['dist/assets/version.txt', 'dist/main.txt', 'dist/run.sh']);
    expect(entries['dist/assets/version.txt']!.body).toBe(`${version} ${head}\n`);
    expect(entries['dist/run.sh']!.mode).toBe(0o755);
    expect(entries['dist/main.txt']!.mode).toBe(0o644);
    const manifest = await readBuildManifest(run.outputs.manifest!);
    expect(manifest.archive).toEqual({ path: archive, sha256: run.outputs.digest, bytes: readFileSync(archive).length, files: 3 });
    expect(run.summary).toContain('archive of 3 files');
    expect(run.summary).toContain(run.outputs.digest);
  });

  describe('refused before build-command runs: one ::error::, no marker file', () => {
    // Shell built-ins only, so the command runs with an empty PATH too.
    const marker = 'built-marker';
    const cases: [string, Record<string, string>, RegExp][] = [
      [
        'artifact-path outside the workspace',
        { 'artifact-path': '../../../etc/passwd' },
        /^::error::Input "artifact-path": "\.\.\/\.\.\/\.\.\/etc\/passwd" reaches outside the workspace.*Accepted: globs relative to the workspace/,
      ],
      [
        'an absolute artifact-path',
        { 'artifact-path': '/etc/passwd' },
        /^::error::Input "artifact-path": "\/etc\/passwd" reaches outside the workspace/,
      ],
      [
        'context outside the workspace',
        { image: 'ghcr.io/acme/web', context: '../../../../' },
        /^::error::Input "context": "\.\.\/\.\.\/\.\.\/\.\.\/" is outside the workspace\. Accepted: a directory path relative to the workspace\.$/,
      ],
      [
        'file outside the workspace',
        { image: 'ghcr.io/acme/web', file: '/etc/passwd' },
        /^::error::Input "file": "\/etc\/passwd" is outside the workspace\. Accepted: a Dockerfile path relative to the workspace\.$/,
      ],
      [
        'context through a link out of the workspace',
        { image: 'ghcr.io/acme/web', context: 'outside-link' },
        /^::error::Input "context": "outside-link" is outside the workspace/,
      ],
    ];
    it.each(cases)('%s', async (_name, inputs, message) => {
      const ws = mkdtempSync(join(root, 'refused-'));
      execFileSync('ln', ['-s', tmpdir(), join(ws, 'outside-link')]);
      const run = await build(ws, 'refs/heads/main', { inputs: { 'build-command': `: > ${marker}`, ...inputs } });
      expect(run.code).toBe(1);
      expect(run.errors, run.stdout).toHaveLength(1);
      expect(run.errors[0]).toMatch(message);
      expect(existsSync(join(ws, marker))).toBe(false);
      expect(manifestsIn(run.dir)).toEqual([]);
    });

    it('finds no image builder before running build-command', async () => {
      const ws = mkdtempSync(join(root, 'no-builder-'));
      cpSync(FIXTURE, join(ws, 'image'), { recursive: true });
      // An empty PATH: neither docker nor buildah can be found.
      const emptyPath = mkdtempSync(join(root, 'path-'));
      const run = await build(ws, 'refs/heads/main', {
        inputs: { image: 'ghcr.io/acme/web', context: 'image', 'build-command': `: > ${marker}` },
        env: { PATH: emptyPath },
      });
      expect(run.code).toBe(1);
      expect(run.errors, run.stdout).toHaveLength(1);
      expect(run.errors[0]).toMatch(
        /^::error::Input "image": no container builder available: .*\. Accepted: image on a runner with a Docker engine with buildx, or buildah; or no image input \(files only\)\.$/,
      );
      expect(run.stdout).not.toContain('Running build-command');
      expect(existsSync(join(ws, marker))).toBe(false);
    });
  });

  it('rebuilds to the same sha256, and to another when a file changes', async () => {
    const inputs = { 'build-command': command, 'artifact-path': 'dist/**' };
    const first = await build(work, 'refs/heads/main', { inputs });
    const second = await build(work, 'refs/heads/main', { inputs });
    expect(first.code, first.stdout).toBe(0);
    expect(second.code, second.stdout).toBe(0);
    expect(second.outputs.artifact).not.toBe(first.outputs.artifact);
    expect(second.outputs.digest).toBe(first.outputs.digest);
    expect(sha256(second.outputs.artifact!)).toBe(sha256(first.outputs.artifact!));

    writeFileSync(join(work, 'src', 'main.txt'), 'main v2\n');
    const changed = await build(work, 'refs/heads/main', { inputs });
    expect(changed.code, changed.stdout).toBe(0);
    expect(changed.outputs.digest).not.toBe(first.outputs.digest);
  });
});

describe.skipIf(missing.length > 0)(
  `build bundle: images with buildah and a real registry${missing.length ? ` (skipped: ${missing.join(', ')} not installed)` : ''}`,
  () => {
    let registry: LocalRegistry;
    beforeAll(async () => {
      registry = await startRegistry();
    });
    afterAll(async () => {
      await registry?.stop();
    });

    it('builds FROM scratch, pushes every tag, and outputs the digest the registry serves', async () => {
      const image = `${registry.host}/acme/shop`;
      const run = await build(repo, 'refs/tags/v2.1.0', { inputs: { image, push: 'true', context: 'image', platforms: 'linux/amd64' } });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.errors).toEqual([]);
      const tags = ['2.1.0', '2.1', '2', 'latest'];
      expect(run.outputs.tags).toBe(tags.join('\n'));
      expect([...(await registry.tags('acme/shop'))].sort()).toEqual([...tags].sort());
      const served = await registry.digest('acme/shop', '2.1.0');
      expect(served).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(run.outputs.digest).toBe(served);
      for (const tag of tags) expect(await registry.digest('acme/shop', tag)).toBe(served);
      expect(run.outputs.artifact).toBe(`${image}@${served}`);

      const manifest = await readBuildManifest(run.outputs.manifest!);
      expect(manifest.image).toEqual({
        repository: image,
        reference: `${image}@${served}`,
        digest: served,
        tags: tags.map((tag) => `${image}:${tag}`),
        platforms: ['linux/amd64'],
        pushed: true,
      });
      expect(run.summary).toContain('buildah');
      expect(run.summary).toContain(`${image}@${served}`);

      // The OCI labels name this commit and version.
      const pushed = (await (
        await fetch(`${registry.url}/v2/acme/shop/manifests/${served}`, { headers: { Accept: MANIFEST_ACCEPT } })
      ).json()) as {
        config: { digest: string };
      };
      const config = (await (await fetch(`${registry.url}/v2/acme/shop/blobs/${pushed.config.digest}`)).json()) as {
        config: { Labels: Record<string, string> };
      };
      expect(config.config.Labels).toMatchObject({
        'org.opencontainers.image.revision': head,
        'org.opencontainers.image.version': '2.1.0',
        'org.opencontainers.image.source': 'https://github.com/acme/shop',
      });
    });

    it('dry-run prints the version, tags and exact commands, and builds nothing', async () => {
      const image = `${registry.host}/acme/dry`;
      const run = await build(repo, 'refs/heads/main', {
        inputs: {
          image,
          push: 'true',
          context: 'image',
          'build-command': 'touch built-marker',
          'artifact-path': 'app.txt',
          'dry-run': 'true',
        },
      });
      expect(run.code, run.stdout).toBe(0);
      expect(run.outputs.version).toBe(`sha-${head.slice(0, 7)}`);
      expect(run.stdout).toContain(`/bin/sh -c 'touch built-marker'`);
      expect(run.stdout).toMatch(
        new RegExp(`buildah --storage-driver vfs bud .*--tag ${image}:sha-${head.slice(0, 7)} --tag ${image}:main ${imageContext}`),
      );
      expect(run.stdout).toContain(`push --tls-verify=false --digestfile`);
      expect(run.summary).toContain('Dry run');
      expect(existsSync(join(repo, 'built-marker'))).toBe(false);
      expect(await registry.tags('acme/dry')).toEqual([]);
      expect(manifestsIn(run.dir)).toEqual([]);
      expect(run.outputs.manifest).toBeUndefined();
      expect(run.outputs.artifact).toBeUndefined();
    });

    describe('bad input: one ::error:: naming the input, nothing pushed, no manifest', () => {
      const cases: [string, Record<string, string>, RegExp][] = [
        [
          'image: UPPER/Case',
          { image: 'UPPER/Case' },
          /Input "image": "UPPER\/Case" is not valid: repository names must be lowercase\. Accepted: /,
        ],
        [
          'platforms: linux/nope',
          { platforms: 'linux/nope' },
          /Input "platforms": platform "linux\/nope" names an unknown architecture "nope" for linux\. Accepted: platforms os\/arch/,
        ],
        ['push: yes', { push: 'yes' }, /Input "push": "yes" is not a boolean\. Accepted: true or false/],
        [
          'artifact-path matching nothing',
          { 'artifact-path': 'nothing-here/**' },
          /Input "artifact-path": "nothing-here\/\*\*" matched no file in \//,
        ],
        [
          'build-command exiting 3',
          { 'build-command': 'echo compiling; echo "main.c:3: error: expected ;" >&2; exit 3', 'artifact-path': 'app.txt' },
          /Input "build-command" failed with exit code 3 after [\d.]+s\. Last lines of its output:%0Acompiling%0Amain\.c:3: error: expected ;/,
        ],
      ];
      it.each(cases)('%s', async (_name, inputs, message) => {
        const name = `acme/bad-${_name
          .replace(/[^a-z0-9]+/gi, '-')
          .toLowerCase()
          .replace(/-+$/, '')}`;
        const run = await build(repo, 'refs/tags/v2.2.0', {
          inputs: { image: `${registry.host}/${name}`, push: 'true', context: 'image', ...inputs },
        });
        expect(run.code).toBe(1);
        expect(run.errors, run.stdout).toHaveLength(1);
        expect(run.errors[0]).toMatch(message);
        expect(await registry.tags(name)).toEqual([]);
        expect(manifestsIn(run.dir)).toEqual([]);
        expect(run.outputs.manifest).toBeUndefined();
        expect(run.outputs.digest).toBeUndefined();
      });

      it('sets the version outputs before a failure after input parsing', async () => {
        const run = await build(repo, 'refs/heads/main', { inputs: { 'build-command': 'exit 3' } });
        expect(run.code).toBe(1);
        expect(run.outputs).toMatchObject({ version: `sha-${head.slice(0, 7)}`, channel: 'staging' });
        expect(run.errors[0]).toMatch(/Input "build-command" failed with exit code 3 .*printed nothing/);
        expect(manifestsIn(run.dir)).toEqual([]);
      });
    });
  },
);
