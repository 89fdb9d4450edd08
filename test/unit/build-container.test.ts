import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildahSettings } from '../../src/build/buildah-argv.js';
import type { BuildxSettings } from '../../src/build/buildx-argv.js';
import { buildWithBuildah, buildWithBuildx } from '../../src/build/container.js';
import { CommandError } from '../../src/build/errors.js';
import { commandResult, execFromArgv, type CommandResult, type Exec } from '../../src/core/exec.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipline-container-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A fake builder: records argv and writes the files a real one would, from `answer`. */
function fakeExec(answer: (args: readonly string[]) => CommandResult | void): { exec: Exec; calls: string[][] } {
  const calls: string[][] = [];
  const exec = execFromArgv(async (command, args) => {
    calls.push([command, ...args]);
    return answer(args) ?? commandResult({ code: 0 });
  });
  return { exec, calls };
}

function flag(args: readonly string[], name: string): string {
  const at = args.indexOf(name);
  if (at < 0) throw new Error(`no ${name} in ${args.join(' ')}`);
  return args[at + 1] as string;
}

function buildah(workDir: string, overrides: Partial<BuildahSettings> = {}): BuildahSettings {
  return {
    image: 'registry.test/acme/web',
    tags: ['1.0.0', 'latest'],
    context: '.',
    platforms: [],
    labels: {},
    buildArgs: {},
    push: true,
    workDir,
    tlsVerify: true,
    ...overrides,
  };
}

describe('buildWithBuildah', () => {
  it('builds, pushes each tag and returns the one digest', async () => {
    const { exec, calls } = fakeExec((args) => {
      if (args.includes('bud')) writeFileSync(flag(args, '--iidfile'), `sha256:${'9'.repeat(64)}\n`);
      if (args.includes('push')) writeFileSync(flag(args, '--digestfile'), D1);
    });
    const built = await buildWithBuildah(buildah(join(dir, 'ok')), { exec });
    expect(calls.map((c) => c.find((a) => a === 'bud' || a === 'push'))).toEqual(['bud', 'push', 'push']);
    expect(calls.slice(1).map((c) => c[c.length - 1])).toEqual([
      'docker://registry.test/acme/web:1.0.0',
      'docker://registry.test/acme/web:latest',
    ]);
    expect(built).toEqual({
      builder: 'buildah',
      digest: D1,
      reference: `registry.test/acme/web@${D1}`,
      references: ['registry.test/acme/web:1.0.0', 'registry.test/acme/web:latest'],
      imageId: `sha256:${'9'.repeat(64)}`,
      pushed: true,
    });
  });

  it('stops at the first failing push with the tool output', async () => {
    const { exec, calls } = fakeExec((args) => {
      if (args.includes('push'))
        return commandResult({ code: 125, stdout: '', stderr: 'Error: pushing: unauthorized: authentication required' });
    });
    const attempt = buildWithBuildah(buildah(join(dir, 'denied')), { exec });
    await expect(attempt).rejects.toBeInstanceOf(CommandError);
    await expect(buildWithBuildah(buildah(join(dir, 'denied')), { exec })).rejects.toThrow(
      /^buildah push 1\.0\.0 failed with exit code 125:\nError: pushing: unauthorized/,
    );
    expect(calls.filter((c) => c.includes('push'))).toHaveLength(2); // one per attempt, never the second tag
  });

  it('refuses tags that came out with different digests', async () => {
    let n = 0;
    const { exec } = fakeExec((args) => {
      if (args.includes('push')) writeFileSync(flag(args, '--digestfile'), n++ === 0 ? D1 : D2);
    });
    await expect(buildWithBuildah(buildah(join(dir, 'split')), { exec })).rejects.toThrow(
      new RegExp(`different digests \\(1\\.0\\.0=${D1}, latest=${D2}\\)`),
    );
  });

  it('refuses a digest file that holds no digest, and never reads a stale one', async () => {
    const workDir = join(dir, 'stale');
    const { exec: good } = fakeExec((args) => {
      if (args.includes('push')) writeFileSync(flag(args, '--digestfile'), D1);
    });
    await buildWithBuildah(buildah(workDir), { exec: good });
    const { exec: silent } = fakeExec(() => undefined);
    await expect(buildWithBuildah(buildah(workDir), { exec: silent })).rejects.toThrow(/buildah push succeeded but wrote no digest/);
    const { exec: garbage } = fakeExec((args) => {
      if (args.includes('push')) writeFileSync(flag(args, '--digestfile'), 'oops');
    });
    await expect(buildWithBuildah(buildah(workDir), { exec: garbage })).rejects.toThrow(/buildah push wrote "oops" .* not a sha256 digest/);
  });

  it('ignores a failing cleanup of a manifest list that does not exist yet', async () => {
    const { exec, calls } = fakeExec((args) => {
      if (args.includes('rm')) return commandResult({ code: 1, stdout: '', stderr: 'manifest not known' });
      if (args.includes('push')) writeFileSync(flag(args, '--digestfile'), D2);
    });
    const built = await buildWithBuildah(buildah(join(dir, 'multi'), { platforms: ['linux/amd64', 'linux/arm64'] }), { exec });
    expect(calls[0]).toContain('rm');
    expect(built.digest).toBe(D2);
    expect(built.imageId).toBeUndefined();
  });
});

describe('buildWithBuildx', () => {
  function buildx(name: string, overrides: Partial<BuildxSettings> = {}): BuildxSettings {
    return { ...buildah(join(dir, name)), metadataFile: join(dir, `${name}.json`), ...overrides };
  }

  it('reads the pushed digest from the metadata file', async () => {
    const { exec, calls } = fakeExec((args) => {
      writeFileSync(flag(args, '--metadata-file'), JSON.stringify({ 'containerimage.digest': D1, 'containerimage.config.digest': D2 }));
    });
    const built = await buildWithBuildx(buildx('bx'), { exec });
    expect(calls[0]?.slice(0, 3)).toEqual(['docker', 'buildx', 'build']);
    expect(built).toMatchObject({ builder: 'buildx', digest: D1, reference: `registry.test/acme/web@${D1}`, imageId: D2, pushed: true });
  });

  it('reports no digest for a local build', async () => {
    const { exec } = fakeExec((args) => {
      writeFileSync(flag(args, '--metadata-file'), JSON.stringify({ 'containerimage.digest': D1 }));
    });
    const built = await buildWithBuildx(buildx('bx-local', { push: false }), { exec });
    expect(built.digest).toBeUndefined();
    expect(built.reference).toBe('registry.test/acme/web:1.0.0');
  });

  it('fails when a push left no digest', async () => {
    const { exec } = fakeExec((args) => {
      writeFileSync(flag(args, '--metadata-file'), '{}');
    });
    await expect(buildWithBuildx(buildx('bx-none'), { exec })).rejects.toThrow(/has no containerimage.digest/);
  });
});
