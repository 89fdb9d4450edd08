// The deploy bundle with the kubernetes driver: real kubectl against the test API server, records
// in the GitHub emulator.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator, type GitHubEmulator } from '../helpers/github-emulator.js';
import { startKubeApiServer, type KubeApiServer } from '../helpers/kube-apiserver.js';
import { runAction } from '../helpers/run-action.js';

const probe = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const hasKubectl = !probe.error && probe.status === 0;
if (!hasKubectl) console.warn('deploy-kubernetes integration tests skipped: kubectl is not on PATH (install kubernetes-client)');

describe.skipIf(!hasKubectl)('deploy bundle with the kubernetes driver and real kubectl', () => {
  let api: KubeApiServer;
  let emu: GitHubEmulator;

  beforeAll(async () => {
    [api, emu] = await Promise.all([startKubeApiServer({ namespace: 'shop' }), startGitHubEmulator()]);
  });
  afterAll(async () => {
    await Promise.all([api?.close(), emu?.close()]);
  });

  const deploy = (inputs: Record<string, string>) =>
    runAction('deploy', {
      inputs: { 'github-token': emu.token, driver: 'kubernetes', ...inputs },
      env: { GITHUB_API_URL: emu.url, ...api.env() },
    });
  const imageOf = (name: string) => api.get('deployments', name)?.spec.template.spec.containers[0].image as string | undefined;

  it('sets the image, waits for the rollout and records success', async () => {
    emu.reset();
    api.addDeployment({ name: 'web', replicas: 2, containers: { app: 'registry.example/web:1.0.0' } });
    await api.settled();
    const artifact = `registry.example/web@sha256:${'2'.repeat(64)}`;
    const run = await deploy({
      environment: 'production',
      version: '2.0.0',
      artifact,
      deployment: 'web',
      url: 'https://shop.example',
      timeout: '30s',
    });
    expect(run.code, run.stdout).toBe(0);
    expect(imageOf('web')).toBe(artifact);
    expect(api.get('deployments', 'web')?.status.readyReplicas).toBe(2);
    expect(run.stdout).toContain('kubectl rollout status deployment/web --timeout=30s');
    expect(run.outputs).toMatchObject({
      result: 'success',
      'deployment-id': '1',
      version: '2.0.0',
      'environment-url': 'https://shop.example',
    });
    expect(emu.deployments('production')[0]!.payload).toMatchObject({ version: '2.0.0', artifact });
    expect(emu.statuses(1).map((s) => s.state)).toEqual(['success', 'in_progress']);
    expect(emu.requests).toHaveLength(5); // read, create, in_progress, read again (the race check), final status
  });

  it('records failure when the rollout never becomes ready within the timeout', async () => {
    emu.reset();
    api.addDeployment({ name: 'stuck', replicas: 2, containers: { app: 'registry.example/stuck:1.0.0' } });
    await api.settled();
    api.neverReady('stuck');
    const run = await deploy({
      environment: 'production',
      version: '2.0.0',
      artifact: 'registry.example/stuck:2.0.0',
      deployment: 'stuck',
      timeout: '2s',
    });
    expect(run.code).toBe(1);
    expect(imageOf('stuck')).toBe('registry.example/stuck:2.0.0');
    expect(run.outputs).toMatchObject({ result: 'failure', 'deployment-id': '1', version: '2.0.0' });
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain('deployment/stuck did not become ready within 2s');
    const [failed, started] = emu.statuses(1);
    expect(started!.state).toBe('in_progress');
    expect(failed!.state).toBe('failure');
    expect(failed!.description).toContain('did not become ready within 2s');
    expect(failed!.description.length).toBeLessThanOrEqual(140);
    expect(emu.requests).toHaveLength(5); // read, create, in_progress, read again (the race check), final status
  });

  it('plans the kubectl commands on dry-run and sends nothing to either API', async () => {
    emu.reset();
    const before = api.requests.length;
    const run = await deploy({
      environment: 'production',
      version: '3.0.0',
      artifact: 'registry.example/web:3.0.0',
      deployment: 'web',
      'dry-run': 'true',
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.result).toBe('dry-run');
    expect(run.stdout).toContain('would ');
    expect(run.stdout).toContain('deployment/web');
    expect(api.requests.length).toBe(before);
    expect(imageOf('web')).toBe(`registry.example/web@sha256:${'2'.repeat(64)}`);
    expect(emu.requests.filter((r) => r.path !== '/graphql')).toEqual([]);
  });
});
