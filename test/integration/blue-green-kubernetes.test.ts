// Blue-green with the kubernetes driver: a Deployment per slot and the Service's selector, through
// real kubectl against the test API server; records in the GitHub emulator.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../helpers/github-emulator.js';
import { startKubeApiServer, type KubeApiServer } from '../helpers/kube-apiserver.js';
import { runAction } from '../helpers/run-action.js';

const probe = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const hasKubectl = !probe.error && probe.status === 0;

describe.skipIf(!hasKubectl)(
  `blue-green with the kubernetes driver and real kubectl${hasKubectl ? '' : ' (SKIPPED: kubectl not installed)'}`,
  () => {
    let api: KubeApiServer;
    let emu: GitHubEmulator;
    const image = (v: string) => `registry.example/chat:${v}`;

    beforeAll(async () => {
      [api, emu] = await Promise.all([startKubeApiServer({ namespace: 'chat' }), startGitHubEmulator()]);
      api.addDeployment({ name: 'plexichat', replicas: 2, containers: { app: image('1.0.0') } });
      api.addService({ name: 'plexichat', selector: { app: 'plexichat' } });
      await api.settled();
    });
    afterAll(async () => {
      await Promise.all([api?.close(), emu?.close()]);
    });

    const step = (bundle: 'deploy' | 'rollback', inputs: Record<string, string>) =>
      runAction(bundle, {
        inputs: {
          'github-token': emu.token,
          driver: 'kubernetes',
          deployment: 'plexichat',
          environment: 'production',
          timeout: '30s',
          ...inputs,
        },
        env: { GITHUB_API_URL: emu.url, ...api.env() },
      });
    const deploy = (v: string) => step('deploy', { version: v, artifact: image(v), strategy: 'blue-green' });
    const selector = () => api.get('services', 'plexichat')?.spec.selector as Record<string, string>;
    const imageOn = (slot: string) =>
      api.get('deployments', `plexichat-${slot}`)?.spec.template.spec.containers[0].image as string | undefined;

    it('starts the version in plexichat-blue, then points the Service at slot blue', async () => {
      const run = await deploy('2.0.0');
      expect(run.code, run.stdout).toBe(0);
      expect(run.outputs).toMatchObject({ result: 'success', slot: 'blue' });
      expect(imageOn('blue')).toBe(image('2.0.0'));
      const blue = api.get('deployments', 'plexichat-blue')!;
      expect(blue.spec.selector.matchLabels).toEqual({ app: 'plexichat', slot: 'blue' });
      expect(blue.status.readyReplicas).toBe(2);
      expect(selector()).toEqual({ app: 'plexichat', slot: 'blue' });
      expect(run.stdout).toMatch(/\$ kubectl patch service plexichat --type merge -p '?\{"spec":\{"selector":\{"slot":"blue"\}\}\}'?/);
    });

    it('the next version goes to plexichat-green beside blue; the selector switches; blue keeps running', async () => {
      const run = await deploy('3.0.0');
      expect(run.code, run.stdout).toBe(0);
      expect(run.outputs).toMatchObject({ slot: 'green', 'previous-version': '2.0.0' });
      expect(imageOn('green')).toBe(image('3.0.0'));
      expect(imageOn('blue')).toBe(image('2.0.0'));
      expect(api.get('deployments', 'plexichat-blue')!.spec.replicas).toBe(2);
      expect(selector()).toEqual({ app: 'plexichat', slot: 'green' });
      expect(emu.deployments('production')[0]!.payload).toMatchObject({ strategy: 'blue-green', slot: 'green', previousSlot: 'blue' });
    });

    it('rollback is one patch of the selector back to blue, no image set', async () => {
      const before = api.requests.filter((r) => r.method !== 'GET').length;
      const run = await step('rollback', { reason: 'bad release' });
      expect(run.code, run.stdout).toBe(0);
      expect(run.outputs).toMatchObject({ result: 'success', version: '2.0.0', 'from-version': '3.0.0' });
      expect(selector()).toEqual({ app: 'plexichat', slot: 'blue' });
      const writes = api.requests
        .slice()
        .filter((r) => r.method !== 'GET')
        .slice(before);
      expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual(['PATCH /api/v1/namespaces/chat/services/plexichat']);
      expect(imageOn('green')).toBe(image('3.0.0'));
    });

    it('a rolling deploy or a canary while a slot is live is refused before any change (it would miss the traffic)', async () => {
      const before = api.requests.filter((r) => r.method !== 'GET').length;
      const base = () => api.get('deployments', 'plexichat')?.spec.template.spec.containers[0].image as string;
      const baseImage = base();
      const rolling = await step('deploy', { version: '4.0.0', artifact: image('4.0.0') });
      expect(rolling.code, rolling.stdout).toBe(1);
      expect(rolling.errors.join('\n')).toMatch(
        /service\/plexichat selects slot blue .*a rolling deploy of deployment\/plexichat would not reach its traffic\. Nothing was changed\. Deploy with strategy: blue-green/,
      );
      const canary = await runAction('canary', {
        inputs: {
          'github-token': emu.token,
          driver: 'kubernetes',
          deployment: 'plexichat',
          environment: 'production',
          timeout: '30s',
          version: '4.0.0',
          artifact: image('4.0.0'),
          'probe-url': 'http://127.0.0.1:9/',
          steps: '50,100',
          'step-duration': '1s',
          'analysis-interval': '500ms',
        },
        env: { GITHUB_API_URL: emu.url, ...api.env() },
      });
      expect(canary.code, canary.stdout).toBe(1);
      expect(canary.errors.join('\n')).toMatch(/selects slot blue .*a canary of deployment\/plexichat would not reach its traffic/);
      // Nothing written to the cluster: the Service still selects blue, no canary Deployment, the base unchanged.
      const writes = api.requests.filter((r) => r.method !== 'GET').slice(before);
      expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([]);
      expect(selector()).toEqual({ app: 'plexichat', slot: 'blue' });
      expect(api.get('deployments', 'plexichat-canary')).toBeUndefined();
      expect(base()).toBe(baseImage);
    });
  },
);
