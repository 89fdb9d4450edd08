import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutsideError } from '../../src/core/errors.js';
import { silentLog } from '../../src/core/runtime.js';
import { createKubernetesDriver } from '../../src/drivers/kubernetes/driver.js';
import type { KubernetesSettings } from '../../src/drivers/kubernetes/settings.js';
import { startKubeApiServer, type KubeApiServer } from '../helpers/kube-apiserver.js';

const probe = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
const hasKubectl = !probe.error && probe.status === 0;
const title = hasKubectl
  ? `kubernetes driver with real kubectl (${/v\d+\.\d+\.\d+/.exec(probe.stdout)?.[0] ?? 'unknown version'})`
  : 'kubernetes driver with real kubectl — SKIPPED: kubectl is not on PATH';
if (!hasKubectl) console.warn('kube-driver integration tests skipped: kubectl is not on PATH (install kubernetes-client)');

describe.skipIf(!hasKubectl)(title, () => {
  let api: KubeApiServer;
  let dir: string;
  const logged: string[] = [];

  beforeAll(async () => {
    api = await startKubeApiServer({ namespace: 'prod' });
    dir = await mkdtemp(join(tmpdir(), 'kube-driver-'));
  });

  afterAll(async () => {
    await api?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const driverFor = (settings: KubernetesSettings) =>
    createKubernetesDriver(settings, {
      env: { ...process.env, ...api.env() },
      log: { ...silentLog, info: (line) => logged.push(line) },
      timeoutMs: 20_000,
    });
  const imageOf = (name: string) => api.get('deployments', name)?.spec.template.spec.containers[0].image as string | undefined;
  const replicasOf = (name: string) => api.get('deployments', name)?.spec.replicas as number | undefined;

  it('sets the image, records the change cause and waits for the rollout (kubeconfig namespace)', async () => {
    api.addDeployment({ name: 'web', replicas: 2, containers: { app: 'registry.example/web:1' } });
    const out = await driverFor({ deployment: 'web' }).deploy({
      environment: 'production',
      version: '2.0.0',
      artifact: 'registry.example/web@sha256:2222',
      timeoutMs: 20_000,
    });
    const stored = api.get('deployments', 'web');
    expect(imageOf('web')).toBe('registry.example/web@sha256:2222');
    expect(stored?.metadata.annotations['kubernetes.io/change-cause']).toBe('shipline deploy 2.0.0');
    expect(stored?.status.observedGeneration).toBe(stored?.metadata.generation);
    expect(out.details).toMatchObject({
      deployment: 'web',
      namespace: 'prod',
      container: 'app',
      replicas: 2,
      readyReplicas: 2,
      revision: '2',
    });
    const patches = api.requests.filter((r) => r.method === 'PATCH' && r.path === '/apis/apps/v1/namespaces/prod/deployments/web');
    expect(patches.map((r) => r.contentType)).toEqual(['application/strategic-merge-patch+json', 'application/merge-patch+json']);
    expect(api.requests.some((r) => r.query.watch === 'true' && r.query.fieldSelector === 'metadata.name=web')).toBe(true);
    expect(logged).toContain('$ kubectl rollout status deployment/web --timeout=20s');
  });

  it("fails a rollout that never becomes ready, naming the deployment, the timeout and kubectl's output", async () => {
    api.addDeployment({ name: 'stuck', replicas: 2, containers: { app: 'registry.example/stuck:1' } });
    await api.settled();
    api.neverReady('stuck');
    const err = await driverFor({ deployment: 'stuck', namespace: 'prod' })
      .deploy({ environment: 'production', version: '2.0.0', artifact: 'registry.example/stuck:2', timeoutMs: 3_000 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutsideError);
    const message = (err as Error).message;
    expect(message).toMatch(/^deployment\/stuck in namespace prod did not become ready within 3s: /);
    expect(message).toContain('0 of 2 updated replicas are available');
    expect(message).toMatch(/timed out/);
    expect(api.get('deployments', 'stuck')?.status.readyReplicas).toBe(0);
  });

  it('refuses to guess which of several containers to update', async () => {
    api.addDeployment({ name: 'multi', containers: { app: 'registry.example/app:1', proxy: 'registry.example/proxy:1' } });
    const err = await driverFor({ deployment: 'multi', namespace: 'prod' })
      .deploy({ environment: 'production', version: '2', artifact: 'registry.example/app:2', timeoutMs: 10_000 })
      .catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/deployment\/multi has 2 containers \(app, proxy\): set container/);
    expect(api.get('deployments', 'multi')?.spec.template.spec.containers.map((c: { image: string }) => c.image)).toEqual([
      'registry.example/app:1',
      'registry.example/proxy:1',
    ]);
    await driverFor({ deployment: 'multi', namespace: 'prod', container: 'proxy' }).deploy({
      environment: 'production',
      version: '2',
      artifact: 'registry.example/proxy:2',
      timeoutMs: 10_000,
    });
    expect(api.get('deployments', 'multi')?.spec.template.spec.containers.map((c: { image: string }) => c.image)).toEqual([
      'registry.example/app:1',
      'registry.example/proxy:2',
    ]);
  });

  it('rolls back to the previous revision with kubectl rollout undo', async () => {
    api.addDeployment({ name: 'undo', containers: { app: 'registry.example/undo:1' } });
    const driver = driverFor({ deployment: 'undo', namespace: 'prod' });
    await driver.deploy({ environment: 'production', version: '1.0.0', artifact: 'registry.example/undo:1.0.0', timeoutMs: 10_000 });
    await driver.deploy({ environment: 'production', version: '2.0.0', artifact: 'registry.example/undo:2.0.0', timeoutMs: 10_000 });
    await api.settled();
    expect(imageOf('undo')).toBe('registry.example/undo:2.0.0');
    const out = await driver.rollback!({ environment: 'production', version: '1.0.0', timeoutMs: 10_000 });
    expect(imageOf('undo')).toBe('registry.example/undo:1.0.0');
    expect(api.get('deployments', 'undo')?.metadata.annotations['kubernetes.io/change-cause']).toBe('shipline deploy 1.0.0');
    expect(out.details.revision).toBe('4');
    const undo = api.requests.find(
      (r) => r.method === 'PATCH' && r.path.endsWith('/deployments/undo') && r.contentType === 'application/json-patch+json',
    );
    expect(undo).toBeDefined();
  });

  it('scales a canary Deployment by weight and promotes it', async () => {
    api.addDeployment({ name: 'shop', replicas: 4, containers: { app: 'registry.example/shop:1' } });
    const driver = driverFor({ deployment: 'shop', namespace: 'prod' });
    await driver.startCanary!({ environment: 'production', version: '2.0.0', artifact: 'registry.example/shop:2', timeoutMs: 10_000 });
    const canary = api.get('deployments', 'shop-canary');
    expect(canary?.spec.replicas).toBe(0);
    expect(canary?.spec.selector.matchLabels).toEqual({ app: 'shop', track: 'canary' });
    expect(imageOf('shop-canary')).toBe('registry.example/shop:2');

    expect(await driver.setWeight!(25)).toMatchObject({ weight: 25, effectiveWeight: 25 });
    expect([replicasOf('shop'), replicasOf('shop-canary')]).toEqual([3, 1]);
    expect(await driver.setWeight!(60)).toMatchObject({ weight: 60, effectiveWeight: 50 });
    expect([replicasOf('shop'), replicasOf('shop-canary')]).toEqual([2, 2]);
    expect(api.get('deployments', 'shop-canary')?.status.readyReplicas).toBe(2);

    await driver.promote!();
    expect(imageOf('shop')).toBe('registry.example/shop:2');
    expect(replicasOf('shop')).toBe(4);
    expect(api.get('deployments', 'shop')?.metadata.annotations['kubernetes.io/change-cause']).toBe('shipline promote 2.0.0');
    expect(api.get('deployments', 'shop-canary')).toBeUndefined();
  });

  it('moves the NGINX canary weight with the replicas and aborts (twice) back to stable', async () => {
    api.addDeployment({ name: 'api', replicas: 3, containers: { app: 'registry.example/api:1' } });
    api.addIngress({ name: 'api-canary', annotations: { 'nginx.ingress.kubernetes.io/canary': 'true' } });
    const driver = driverFor({ deployment: 'api', namespace: 'prod', ingress: 'api-canary' });
    const weightOf = () => api.get('ingresses', 'api-canary')?.metadata.annotations['nginx.ingress.kubernetes.io/canary-weight'];
    await driver.startCanary!({ environment: 'production', version: '2.0.0', artifact: 'registry.example/api:2', timeoutMs: 10_000 });
    expect(weightOf()).toBe('0');
    const state = await driver.setWeight!(10);
    expect(state.weight).toBe(10);
    expect(state.effectiveWeight).toBeUndefined();
    expect(weightOf()).toBe('10');
    expect([replicasOf('api'), replicasOf('api-canary')]).toEqual([2, 1]);

    await driver.abort!();
    expect(weightOf()).toBe('0');
    expect(replicasOf('api')).toBe(3);
    expect(imageOf('api')).toBe('registry.example/api:1');
    expect(api.get('deployments', 'api-canary')).toBeUndefined();
    await expect(driver.abort!()).resolves.toBeUndefined();
    expect(weightOf()).toBe('0');
  });

  it('applies a kustomize directory and waits for its Deployment', async () => {
    const kdir = join(dir, 'overlay');
    await rm(kdir, { recursive: true, force: true });
    await mkdir(kdir);
    await writeFile(
      join(kdir, 'kustomization.yaml'),
      'resources:\n- deployment.yaml\nimages:\n- name: registry.example/k\n  newTag: "7"\n',
    );
    await writeFile(
      join(kdir, 'deployment.yaml'),
      [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: {name: kapp, labels: {app: kapp}}',
        'spec:',
        '  replicas: 2',
        '  selector: {matchLabels: {app: kapp}}',
        '  template:',
        '    metadata: {labels: {app: kapp}}',
        '    spec: {containers: [{name: app, image: registry.example/k:1}]}',
        '',
      ].join('\n'),
    );
    const out = await driverFor({ deployment: 'kapp', namespace: 'prod', kustomize: kdir }).deploy({
      environment: 'staging',
      version: '7',
      timeoutMs: 10_000,
    });
    expect(imageOf('kapp')).toBe('registry.example/k:7');
    expect(out.details).toMatchObject({ readyReplicas: 2, kustomize: kdir });
  });
});
