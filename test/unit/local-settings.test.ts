import { describe, expect, it } from 'vitest';
import { appEnvironment } from '../../src/drivers/local/app-env.js';
import { logFileName } from '../../src/drivers/local/launch.js';
import { planLocalCanary, planLocalDeploy, planLocalTraffic } from '../../src/drivers/local/plan.js';
import { proxyCommandLine } from '../../src/drivers/local/proxy-control.js';
import { LOCAL_PROXY_FLAG } from '../../src/drivers/local/proxy-main.js';
import { requireCommand, resolveLocalSettings, type LocalDriverSettings } from '../../src/drivers/local/settings.js';
import { emptyState, type EnvironmentState } from '../../src/drivers/local/state.js';

const context = { env: {}, cwd: '/work/repo', script: '/work/repo/dist/deploy/index.js' };

describe('resolveLocalSettings', () => {
  it.each<[string, LocalDriverSettings, NodeJS.ProcessEnv, Partial<ReturnType<typeof resolveLocalSettings>>]>([
    [
      'defaults',
      {},
      {},
      {
        stateDir: '/work/repo/.shipline/local',
        healthPath: '/health',
        cwd: '/work/repo',
        proxyEntry: '/work/repo/dist/deploy/index.js',
        stopGraceMs: 5000,
      },
    ],
    ['state dir from SHIPLINE_STATE_DIR', {}, { SHIPLINE_STATE_DIR: '/tmp/s' }, { stateDir: '/tmp/s' }],
    ['state dir setting wins over the variable', { stateDir: 'st' }, { SHIPLINE_STATE_DIR: '/tmp/s' }, { stateDir: '/work/repo/st' }],
    ['relative cwd and state dir', { cwd: 'app', stateDir: '../s' }, {}, { cwd: '/work/repo/app', stateDir: '/work/repo/s' }],
    ['port and health path', { port: 8080, healthPath: '/ready' }, {}, { port: 8080, healthPath: '/ready' }],
    ['proxy entry relative to cwd', { proxyEntry: 'test/entry.mjs' }, {}, { proxyEntry: '/work/repo/test/entry.mjs' }],
  ])('%s', (_name, settings, env, expected) => {
    expect(resolveLocalSettings(settings, { ...context, env })).toMatchObject(expected);
  });

  it.each<[LocalDriverSettings, RegExp]>([
    [{ port: 0 }, /port 0 is not a port number/],
    [{ port: 70000 }, /port 70000 is not a port number/],
    [{ port: 80.5 }, /port 80.5 is not a port number/],
    [{ healthPath: 'health' }, /health path "health" must start with "\/"/],
  ])('refuses %j', (settings, message) => {
    expect(() => resolveLocalSettings(settings, context)).toThrow(message);
  });

  it('takes a blank command for none', () => {
    expect(resolveLocalSettings({ command: '  ' }, context)).not.toHaveProperty('command');
  });

  it('asks for a command only when a version must be started', () => {
    const none = resolveLocalSettings({}, context);
    expect(() => requireCommand(none)).toThrow(/no start command; set `command`.*PORT, SHIPLINE_VERSION/);
    expect(requireCommand(resolveLocalSettings({ command: 'node app.js' }, context))).toBe('node app.js');
  });
});

describe('appEnvironment', () => {
  const parent = {
    PATH: '/usr/bin',
    HOME: '/home/runner',
    'INPUT_GITHUB-TOKEN': 'ghs_secret',
    INPUT_VERSION: '1.0.0',
    GITHUB_TOKEN: 'ghs_other',
    ACTIONS_RUNTIME_TOKEN: 'rt',
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'id',
    GITHUB_SHA: 'abc',
    PORT: '1',
  };

  it('passes shipline values as variables and withholds credentials', () => {
    const env = appEnvironment(
      parent,
      { APP_ERROR_RATE: '0.5' },
      {
        version: '2.0.0; rm -rf /',
        environment: 'staging',
        artifact: 'dist/app.tgz',
        port: 4321,
      },
    );
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      GITHUB_SHA: 'abc',
      APP_ERROR_RATE: '0.5',
      PORT: '4321',
      SHIPLINE_VERSION: '2.0.0; rm -rf /',
      SHIPLINE_ENVIRONMENT: 'staging',
      SHIPLINE_ARTIFACT: 'dist/app.tgz',
    });
  });

  it('lets shipline values win over extras and sets an empty artifact when there is none', () => {
    const env = appEnvironment({}, { PORT: '9', SHIPLINE_VERSION: 'x' }, { version: '1', environment: 'e', port: 5 });
    expect(env).toMatchObject({ PORT: '5', SHIPLINE_VERSION: '1', SHIPLINE_ARTIFACT: '' });
  });
});

describe('plans', () => {
  const settings = resolveLocalSettings({ command: 'node server.js', stateDir: '/s' }, context);
  const running: EnvironmentState = {
    ...emptyState('staging', 18080),
    stable: { version: '1.0.0', pid: 11, port: 30001, startedAt: '', log: '' },
    canary: { version: '1.1.0', pid: 12, port: 30002, startedAt: '', log: '' },
    weight: 10,
  };
  const req = { environment: 'staging', version: '2.0.0', artifact: 'a.tgz', timeoutMs: 300_000 };

  it('describes a first deploy', () => {
    expect(planLocalDeploy(settings, null, req)).toEqual([
      'local driver, environment staging (state in /s)',
      'start version 2.0.0: /bin/sh -c "node server.js" in /work/repo with PORT=<a free port>, SHIPLINE_VERSION=2.0.0, SHIPLINE_ENVIRONMENT=staging, SHIPLINE_ARTIFACT=a.tgz',
      'wait up to 5m for GET /health to answer 2xx; if it does not, stop it and leave traffic as it is',
      'send all traffic of http://127.0.0.1:<a free port, kept for later steps> to 2.0.0',
      'no previous version runs',
    ]);
  });

  it('describes a deploy over running versions', () => {
    const lines = planLocalDeploy(settings, running, req);
    expect(lines.slice(3)).toEqual([
      'send all traffic of http://127.0.0.1:18080 to 2.0.0',
      'then stop the previous version 1.0.0 (pid 11, port 30001)',
      'then stop the canary 1.1.0 (pid 12, port 30002)',
    ]);
  });

  it('describes a canary and its traffic steps', () => {
    expect(planLocalCanary(settings, running, req)).toContain('stop the running canary 1.1.0 (pid 12, port 30002) first');
    expect(planLocalCanary(settings, null, req).at(-1)).toMatch(/none deployed: the canary will be refused/);
    expect(planLocalTraffic(settings, running, [10, 100])).toEqual([
      'route 10% of http://127.0.0.1:18080 to 1.1.0 and 90% to 1.0.0 (local proxy, takes effect at once)',
      'route 100% of http://127.0.0.1:18080 to 1.1.0 and 0% to 1.0.0 (local proxy, takes effect at once)',
    ]);
  });
});

describe('command lines', () => {
  it('starts the proxy as the same bundle with the flag', () => {
    expect(proxyCommandLine('/b/dist/canary/index.js', '/s/prod/state.json')).toEqual({
      file: process.execPath,
      args: ['/b/dist/canary/index.js', LOCAL_PROXY_FLAG, '--state', '/s/prod/state.json'],
    });
    expect(LOCAL_PROXY_FLAG).toBe('--shipline-local-proxy');
  });

  it.each([
    ['version', '1.2.3', 'version-1.2.3-2025-01-02T03-04-05-006Z.log'],
    ['canary', 'feat/x y', 'canary-feat_x_y-2025-01-02T03-04-05-006Z.log'],
  ])('names the %s log of %s', (role, version, name) => {
    expect(logFileName(role, version, new Date('2025-01-02T03:04:05.006Z'))).toBe(name);
  });
});
