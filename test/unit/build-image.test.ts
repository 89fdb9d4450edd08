import { describe, expect, it } from 'vitest';
import { buildahArgv, type BuildahPlan, type BuildahSettings } from '../../src/build/buildah-argv.js';
import { buildxArgv, type BuildxSettings } from '../../src/build/buildx-argv.js';
import { detectBuilder } from '../../src/build/detect-builder.js';
import { BuildConfigError } from '../../src/build/errors.js';
import { commandResult, execFromArgv, type CommandResult, type Exec } from '../../src/core/exec.js';
import { ociLabels } from '../../src/build/image-settings.js';
import { digestReference, parseImageName, parsePlatforms } from '../../src/build/image.js';

function refusal(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BuildConfigError);
    return error as Error;
  }
  throw new Error('expected a BuildConfigError');
}

describe('parseImageName', () => {
  it.each([
    ['ghcr.io/acme/web', { registry: 'ghcr.io', path: 'acme/web' }],
    ['acme/web', { path: 'acme/web' }],
    ['web', { path: 'web' }],
    ['localhost/web', { registry: 'localhost', path: 'web' }],
    ['127.0.0.1:5000/team/web-app', { registry: '127.0.0.1:5000', path: 'team/web-app' }],
    ['registry.example.com:443/a/b/c', { registry: 'registry.example.com:443', path: 'a/b/c' }],
    ['Registry.Example.com/acme/web', { registry: 'Registry.Example.com', path: 'acme/web' }],
    ['acme/my_app__v2.x-y--z', { path: 'acme/my_app__v2.x-y--z' }],
    ['  ghcr.io/acme/web  ', { registry: 'ghcr.io', path: 'acme/web' }],
  ])('%s', (input, expected) => {
    expect(parseImageName(input)).toEqual({ ...expected, name: input.trim() });
  });

  it.each([
    ['UPPER/Case', /image "UPPER\/Case" is not valid: repository names must be lowercase/],
    ['ghcr.io/Acme/web', /repository names must be lowercase/],
    ['ghcr.io/acme/web:1.2.3', /must not carry a tag/],
    ['acme/web@sha256:' + 'a'.repeat(64), /must not carry a digest/],
    ['', /is empty/],
    ['acme//web', /empty path component/],
    ['acme/web/', /empty path component/],
    ['acme/-web', /invalid path component "-web"/],
    ['acme/web_', /invalid path component "web_"/],
    ['acme/we___b', /invalid path component/],
    ['host:99999/web', /invalid registry host/],
    ['bad_host.io/web', /invalid registry host/],
    [`acme/${'a'.repeat(260)}`, /longer than 255/],
  ])('refuses %s', (input, message) => {
    const error = refusal(() => parseImageName(input));
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/accepted form: \[registry\[:port\]\/\]name/);
  });

  it('builds digest references', () => {
    expect(digestReference('ghcr.io/acme/web', `sha256:${'b'.repeat(64)}`)).toBe(`ghcr.io/acme/web@sha256:${'b'.repeat(64)}`);
  });
});

describe('parsePlatforms', () => {
  it.each([
    ['linux/amd64', ['linux/amd64']],
    ['linux/amd64,linux/arm64', ['linux/amd64', 'linux/arm64']],
    ['linux/amd64\nlinux/arm/v7\n', ['linux/amd64', 'linux/arm/v7']],
    [' linux/arm64/v8 , linux/arm64/v8 ', ['linux/arm64/v8']],
    ['windows/amd64', ['windows/amd64']],
    ['', []],
    [
      ['linux/s390x', 'linux/ppc64le'],
      ['linux/s390x', 'linux/ppc64le'],
    ],
  ] as Array<[string | string[], string[]]>)('%j', (input, expected) => {
    expect(parsePlatforms(input)).toEqual(expected);
  });

  it.each([
    ['linux/nope', /platform "linux\/nope" names an unknown architecture "nope" for linux/],
    ['plan9/amd64', /unknown operating system "plan9"/],
    ['linux', /is not of the form os\/arch\[\/variant\]/],
    ['linux/arm/v9', /unknown variant "v9" for linux\/arm \(known: v5, v6, v7, v8\)/],
    ['linux/386/v2', /unknown variant "v2" for linux\/386 \(it has none\)/],
    ['linux/amd64/v2/x', /is not of the form/],
    ['linux/amd64,linux/nope', /linux\/nope/],
  ])('refuses %s', (input, message) => {
    const error = refusal(() => parsePlatforms(input));
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/accepted: os\/arch\[\/variant\] with linux\/amd64, linux\/arm64/);
  });
});

describe('ociLabels', () => {
  it('writes the org.opencontainers.image labels in a fixed order', () => {
    expect(
      ociLabels({
        source: 'https://github.com/acme/web',
        revision: 'abc',
        version: '1.2.3',
        created: new Date(Date.UTC(2024, 4, 1, 12, 0, 0)),
        title: 'web',
      }),
    ).toEqual({
      'org.opencontainers.image.source': 'https://github.com/acme/web',
      'org.opencontainers.image.revision': 'abc',
      'org.opencontainers.image.version': '1.2.3',
      'org.opencontainers.image.created': '2024-05-01T12:00:00.000Z',
      'org.opencontainers.image.title': 'web',
    });
    expect(Object.keys(ociLabels({ revision: 'r', version: 'v', created: new Date(0) }))).toEqual([
      'org.opencontainers.image.revision',
      'org.opencontainers.image.version',
      'org.opencontainers.image.created',
    ]);
  });
});

const BASE = {
  image: 'ghcr.io/acme/web',
  tags: ['1.2.3', 'latest'],
  context: '.',
  platforms: [] as string[],
  labels: { 'org.opencontainers.image.version': '1.2.3' },
  buildArgs: {} as Record<string, string>,
  push: true,
};

describe('buildxArgv', () => {
  const cases: Array<{ name: string; settings: Partial<BuildxSettings>; args: string[] }> = [
    {
      name: 'push with tags and labels',
      settings: {},
      args: [
        'buildx',
        'build',
        '--label',
        'org.opencontainers.image.version=1.2.3',
        '--tag',
        'ghcr.io/acme/web:1.2.3',
        '--tag',
        'ghcr.io/acme/web:latest',
        '--metadata-file',
        '/tmp/meta.json',
        '--push',
        '.',
      ],
    },
    {
      name: 'load without push, file, platform, build args, builder',
      settings: {
        push: false,
        file: 'docker/Dockerfile',
        platforms: ['linux/amd64'],
        buildArgs: { NODE_VERSION: '20', EMPTY: '' },
        labels: {},
        builder: 'ci',
        context: 'app',
      },
      args: [
        'buildx',
        'build',
        '--builder',
        'ci',
        '--file',
        'docker/Dockerfile',
        '--platform',
        'linux/amd64',
        '--build-arg',
        'NODE_VERSION=20',
        '--build-arg',
        'EMPTY=',
        '--tag',
        'ghcr.io/acme/web:1.2.3',
        '--tag',
        'ghcr.io/acme/web:latest',
        '--metadata-file',
        '/tmp/meta.json',
        '--load',
        'app',
      ],
    },
    {
      name: 'multi-platform without push neither pushes nor loads',
      settings: { push: false, platforms: ['linux/amd64', 'linux/arm64'], labels: {}, tags: ['sha-0123456'] },
      args: [
        'buildx',
        'build',
        '--platform',
        'linux/amd64,linux/arm64',
        '--tag',
        'ghcr.io/acme/web:sha-0123456',
        '--metadata-file',
        '/tmp/meta.json',
        '.',
      ],
    },
    {
      name: 'values with spaces and = stay single arguments',
      settings: { labels: { 'org.opencontainers.image.title': 'my web = app' }, tags: ['x'] },
      args: [
        'buildx',
        'build',
        '--label',
        'org.opencontainers.image.title=my web = app',
        '--tag',
        'ghcr.io/acme/web:x',
        '--metadata-file',
        '/tmp/meta.json',
        '--push',
        '.',
      ],
    },
  ];
  it.each(cases)('$name', ({ settings, args }) => {
    expect(buildxArgv({ ...BASE, metadataFile: '/tmp/meta.json', ...settings })).toEqual({ command: 'docker', args });
  });
});

describe('buildahArgv', () => {
  const G = ['--storage-driver', 'vfs'];
  const cases: Array<{ name: string; settings: Partial<BuildahSettings>; plan: BuildahPlan }> = [
    {
      name: 'single platform, push every tag to a plain-HTTP registry',
      settings: { tlsVerify: false, file: 'Dockerfile', platforms: ['linux/amd64'], buildArgs: { A: '1' } },
      plan: {
        cleanup: [],
        build: {
          command: 'buildah',
          args: [
            ...G,
            'bud',
            '--isolation',
            'chroot',
            '--tls-verify=false',
            '-f',
            'Dockerfile',
            '--platform',
            'linux/amd64',
            '--build-arg',
            'A=1',
            '--label',
            'org.opencontainers.image.version=1.2.3',
            '--iidfile',
            '/w/iid',
            '--tag',
            'ghcr.io/acme/web:1.2.3',
            '--tag',
            'ghcr.io/acme/web:latest',
            '.',
          ],
        },
        push: [
          {
            command: 'buildah',
            args: [
              ...G,
              'push',
              '--tls-verify=false',
              '--digestfile',
              '/w/digest-0',
              'ghcr.io/acme/web:1.2.3',
              'docker://ghcr.io/acme/web:1.2.3',
            ],
          },
          {
            command: 'buildah',
            args: [
              ...G,
              'push',
              '--tls-verify=false',
              '--digestfile',
              '/w/digest-1',
              'ghcr.io/acme/web:1.2.3',
              'docker://ghcr.io/acme/web:latest',
            ],
          },
        ],
        digestFiles: ['/w/digest-0', '/w/digest-1'],
        iidFile: '/w/iid',
      },
    },
    {
      name: 'no push: build only, custom storage, auth file, docker format',
      settings: {
        push: false,
        root: '/r',
        runroot: '/rr',
        storageDriver: 'overlay',
        isolation: 'oci',
        authFile: '/auth.json',
        format: 'docker',
        labels: {},
        tags: ['sha-0123456', 'main'],
      },
      plan: {
        cleanup: [],
        build: {
          command: 'buildah',
          args: [
            '--storage-driver',
            'overlay',
            '--root',
            '/r',
            '--runroot',
            '/rr',
            'bud',
            '--isolation',
            'oci',
            '--tls-verify=true',
            '--authfile',
            '/auth.json',
            '--format',
            'docker',
            '--iidfile',
            '/w/iid',
            '--tag',
            'ghcr.io/acme/web:sha-0123456',
            '--tag',
            'ghcr.io/acme/web:main',
            '.',
          ],
        },
        push: [],
        digestFiles: [],
        iidFile: '/w/iid',
      },
    },
    {
      name: 'multi-platform builds a manifest list and pushes it with --all',
      settings: { platforms: ['linux/amd64', 'linux/arm64'], labels: {}, tags: ['2.0.0', '2'], context: 'ctx' },
      plan: {
        cleanup: [{ command: 'buildah', args: [...G, 'manifest', 'rm', 'ghcr.io/acme/web:2.0.0'] }],
        build: {
          command: 'buildah',
          args: [
            ...G,
            'bud',
            '--isolation',
            'chroot',
            '--tls-verify=true',
            '--platform',
            'linux/amd64,linux/arm64',
            '--manifest',
            'ghcr.io/acme/web:2.0.0',
            'ctx',
          ],
        },
        push: [
          {
            command: 'buildah',
            args: [
              ...G,
              'manifest',
              'push',
              '--all',
              '--tls-verify=true',
              '--digestfile',
              '/w/digest-0',
              'ghcr.io/acme/web:2.0.0',
              'docker://ghcr.io/acme/web:2.0.0',
            ],
          },
          {
            command: 'buildah',
            args: [
              ...G,
              'manifest',
              'push',
              '--all',
              '--tls-verify=true',
              '--digestfile',
              '/w/digest-1',
              'ghcr.io/acme/web:2.0.0',
              'docker://ghcr.io/acme/web:2',
            ],
          },
        ],
        digestFiles: ['/w/digest-0', '/w/digest-1'],
      },
    },
  ];
  it.each(cases)('$name', ({ settings, plan }) => {
    expect(buildahArgv({ ...BASE, tlsVerify: true, workDir: '/w', ...settings })).toEqual(plan);
  });

  it('needs at least one tag', () => {
    expect(() => buildahArgv({ ...BASE, tags: [], tlsVerify: true, workDir: '/w' })).toThrow(/at least one tag/);
  });
});

describe('detectBuilder', () => {
  type Answers = Record<string, CommandResult | 'missing'>;
  function fakeExec(answers: Answers, calls: string[] = []): Exec {
    return execFromArgv(async (command, args) => {
      const key = [command, ...args].join(' ');
      calls.push(key);
      const answer = answers[key];
      if (answer === undefined || answer === 'missing')
        return commandResult({ code: 127, stdout: '', stderr: `${command}: command not found` });
      return answer;
    });
  }
  const ok = (stdout: string): CommandResult => commandResult({ code: 0, stdout, stderr: '' });
  const DOCKER_INFO = 'docker info --format {{.ServerVersion}}';
  const NO_DAEMON: CommandResult = commandResult({
    code: 1,
    stdout: '',
    stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock',
  });

  it('picks buildx when the docker engine answers and has buildx', async () => {
    const calls: string[] = [];
    const exec = fakeExec({ [DOCKER_INFO]: ok('27.0.1'), 'docker buildx version': ok('v0.16'), 'buildah --version': ok('1.28') }, calls);
    expect(await detectBuilder(exec)).toBe('buildx');
    expect(calls).not.toContain('buildah --version');
  });

  it('picks buildah when docker has no engine', async () => {
    expect(await detectBuilder(fakeExec({ [DOCKER_INFO]: NO_DAEMON, 'buildah --version': ok('buildah version 1.28.2') }))).toBe('buildah');
  });

  it('picks buildah when docker is not installed', async () => {
    expect(await detectBuilder(fakeExec({ 'buildah --version': ok('buildah version 1.28.2') }))).toBe('buildah');
  });

  it('honours a forced choice', async () => {
    const exec = fakeExec({ [DOCKER_INFO]: ok('27'), 'docker buildx version': ok('v0.16'), 'buildah --version': ok('1.28') });
    expect(await detectBuilder(exec, 'buildah')).toBe('buildah');
    await expect(detectBuilder(fakeExec({ 'buildah --version': ok('1.28') }), 'buildx')).rejects.toThrow(
      /needs a Docker engine with buildx.*docker engine: docker: command not found/,
    );
  });

  it('says what it tried when nothing is there', async () => {
    const attempt = detectBuilder(fakeExec({ [DOCKER_INFO]: NO_DAEMON }));
    await expect(attempt).rejects.toBeInstanceOf(BuildConfigError);
    await expect(detectBuilder(fakeExec({ [DOCKER_INFO]: NO_DAEMON }))).rejects.toThrow(
      /no container builder available: the image input needs a Docker engine with buildx or buildah on the runner \(docker engine: Cannot connect to the Docker daemon.*; buildah: buildah: command not found\)/,
    );
  });

  it('reports a docker engine without buildx', async () => {
    await expect(
      detectBuilder(
        fakeExec({
          [DOCKER_INFO]: ok('27'),
          'docker buildx version': commandResult({ code: 1, stdout: '', stderr: "docker: 'buildx' is not a docker command." }),
        }),
      ),
    ).rejects.toThrow(/docker buildx: docker: 'buildx' is not a docker command/);
  });
});
