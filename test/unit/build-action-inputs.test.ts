import { describe, expect, it } from 'vitest';
import { fields } from '../../src/build/action.js';
import { buildCommandEnv } from '../../src/build/build-command.js';
import { imageCommandLines, isLoopbackRegistry, registryHost, shellLine, type ImagePlanInput } from '../../src/build/image-plan.js';
import { authFileContent } from '../../src/build/registry-auth.js';

const parse = (name: keyof typeof fields, value: unknown) => fields[name].schema.safeParse(value);
const message = (name: keyof typeof fields, value: unknown) => {
  const result = parse(name, value);
  return result.success ? undefined : result.error.issues[0]?.message;
};

describe('build inputs', () => {
  it.each([
    ['image', 'ghcr.io/acme/web', 'ghcr.io/acme/web'],
    ['image', ' 127.0.0.1:5000/acme/web ', '127.0.0.1:5000/acme/web'],
    ['platforms', 'linux/amd64, linux/arm64\nlinux/amd64', ['linux/amd64', 'linux/arm64']],
    ['platforms', ['linux/arm/v7'], ['linux/arm/v7']],
    ['build-args', 'A=1\nB=x,y=z\n', { A: '1', B: 'x,y=z' }],
    ['build-args', { NODE_ENV: 'production', N: 3 }, { NODE_ENV: 'production', N: '3' }],
    ['artifact-path', 'dist/**\n*.{js,css}\n!dist/*.map', ['dist/**', '*.{js,css}', '!dist/*.map']],
    ['artifact-path', ['a/**', ' b '], ['a/**', 'b']],
    ['version', '1.2.3+build.7', '1.2.3+build.7'],
    ['version', 'v2.0.0-rc.1', 'v2.0.0-rc.1'],
  ] as const)('%s accepts %j', (name, value, expected) => {
    const result = parse(name, value);
    expect(result.success && result.data).toEqual(expected);
  });

  it.each([
    ['image', 'UPPER/Case', '"UPPER/Case" is not valid: repository names must be lowercase'],
    [
      'image',
      'ghcr.io/acme/web:1.0',
      '"ghcr.io/acme/web:1.0" must not carry a tag: tags are computed from the version (use the version input to choose one)',
    ],
    ['platforms', 'linux/nope', 'platform "linux/nope" names an unknown architecture "nope" for linux'],
    ['build-args', 'NOPE', '"NOPE" has no "="'],
    ['build-args', '1X=2', '"1X" is not a build argument name'],
    ['version', 'bad version', '"bad version" cannot be an image tag'],
    ['version', '-1.0', '"-1.0" cannot be an image tag'],
    ['version', 'a--b', '"a--b" cannot be an image tag'],
    ['version', 'x'.repeat(129), `"${'x'.repeat(77)}..." cannot be an image tag`],
  ] as const)('%s refuses %j', (name, value, expected) => {
    expect(message(name, value)).toBe(expected);
  });
});

describe('image plan', () => {
  it.each([
    ['127.0.0.1:5000', true],
    ['localhost:5000', true],
    ['localhost', true],
    ['127.1.2.3', true],
    ['ghcr.io', false],
    ['128.0.0.1:5000', false],
    [undefined, false],
  ])('registry %s is loopback: %s', (registry, expected) => {
    expect(isLoopbackRegistry(registry)).toBe(expected);
  });

  it('names docker.io for Docker Hub short names', () => {
    expect(registryHost('acme/web')).toBe('docker.io');
    expect(registryHost('ghcr.io/acme/web')).toBe('ghcr.io');
  });

  const input: ImagePlanInput = {
    image: '127.0.0.1:5000/acme/web',
    tags: ['1.0.0', 'latest'],
    context: '/w',
    platforms: [],
    labels: { 'org.opencontainers.image.version': '1.0.0' },
    buildArgs: { A: 'b c' },
    push: true,
    workDir: '/t',
    authFile: '/t/auth.json',
  };

  it('buildah: plain HTTP to a loopback registry, the auth file on build and push', () => {
    expect(imageCommandLines('buildah', input).map(shellLine)).toEqual([
      "buildah --storage-driver vfs bud --isolation chroot --tls-verify=false --authfile /t/auth.json --build-arg 'A=b c' --label org.opencontainers.image.version=1.0.0 --iidfile /t/iid --tag 127.0.0.1:5000/acme/web:1.0.0 --tag 127.0.0.1:5000/acme/web:latest /w",
      'buildah --storage-driver vfs push --tls-verify=false --authfile /t/auth.json --digestfile /t/digest-0 127.0.0.1:5000/acme/web:1.0.0 docker://127.0.0.1:5000/acme/web:1.0.0',
      'buildah --storage-driver vfs push --tls-verify=false --authfile /t/auth.json --digestfile /t/digest-1 127.0.0.1:5000/acme/web:1.0.0 docker://127.0.0.1:5000/acme/web:latest',
    ]);
  });

  it('buildah: TLS verified elsewhere; buildx: one command with its metadata file', () => {
    const remote = { ...input, image: 'ghcr.io/acme/web', authFile: undefined, push: false };
    expect(shellLine(imageCommandLines('buildah', remote)[0]!)).toContain('--tls-verify=true');
    expect(imageCommandLines('buildah', remote)).toHaveLength(1);
    expect(imageCommandLines('buildx', input).map(shellLine)).toEqual([
      "docker buildx build --build-arg 'A=b c' --label org.opencontainers.image.version=1.0.0 --tag 127.0.0.1:5000/acme/web:1.0.0 --tag 127.0.0.1:5000/acme/web:latest --metadata-file /t/buildx-metadata.json --push /w",
    ]);
  });

  it('quotes for the shell only where needed', () => {
    expect(shellLine({ command: '/bin/sh', args: ['-c', "echo 'hi' && make"] })).toBe(`/bin/sh -c 'echo '\\''hi'\\'' && make'`);
    expect(shellLine({ command: 'x', args: ['a=b', 'docker://h:1/p@sha256:00'] })).toBe('x a=b docker://h:1/p@sha256:00');
  });
});

describe('build-command environment and registry auth', () => {
  it('passes values as SHIPLINE_* variables', () => {
    expect(
      buildCommandEnv({
        resolved: { version: '1.2.3', channel: 'release', tags: ['1.2.3', 'latest'] },
        commit: 'abc1234',
        ref: 'refs/tags/v1.2.3',
        image: 'ghcr.io/a/b',
      }),
    ).toEqual({
      SHIPLINE_VERSION: '1.2.3',
      SHIPLINE_CHANNEL: 'release',
      SHIPLINE_TAGS: '1.2.3 latest',
      SHIPLINE_COMMIT: 'abc1234',
      SHIPLINE_REF: 'refs/tags/v1.2.3',
      SHIPLINE_IMAGE: 'ghcr.io/a/b',
    });
  });

  it('writes an auth file of the containers-auth.json form', () => {
    const content = JSON.parse(authFileContent({ registry: 'ghcr.io', username: 'bot', password: 'p:w' }));
    expect(content).toEqual({ auths: { 'ghcr.io': { auth: Buffer.from('bot:p:w').toString('base64') } } });
  });
});
