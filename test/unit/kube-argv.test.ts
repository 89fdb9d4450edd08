import { describe, expect, it } from 'vitest';
import { OutsideError, UserError } from '../../src/core/errors.js';
import {
  applyKustomizeArgv,
  applyStdinArgv,
  canaryWeightArgv,
  changeCause,
  changeCauseArgv,
  deleteDeploymentArgv,
  formatArgv,
  getDeploymentArgv,
  rolloutStatusArgv,
  rolloutUndoArgv,
  scaleArgv,
  setImageArgv,
  timeoutFlag,
} from '../../src/drivers/kubernetes/argv.js';
import { createKubernetesDriver } from '../../src/drivers/kubernetes/driver.js';
import { commandResult, execFromArgv, type CommandResult } from '../../src/core/exec.js';
import { canaryManifest, containerOf, splitReplicas, type DeploymentObject } from '../../src/drivers/kubernetes/objects.js';
import { canaryName, checkKubernetesSettings, type KubernetesSettings } from '../../src/drivers/kubernetes/settings.js';

const inProd: KubernetesSettings = { deployment: 'web', namespace: 'prod' };
const noNs: KubernetesSettings = { deployment: 'web' };

describe('kubectl command lines', () => {
  const cases: Array<[string, string[], string[]]> = [
    ['get', getDeploymentArgv(inProd, 'web'), ['kubectl', 'get', 'deployment', 'web', '-o', 'json', '-n', 'prod']],
    ['get, kubeconfig namespace', getDeploymentArgv(noNs, 'web'), ['kubectl', 'get', 'deployment', 'web', '-o', 'json']],
    [
      'get or nothing',
      getDeploymentArgv(inProd, 'web-canary', { ignoreNotFound: true }),
      ['kubectl', 'get', 'deployment', 'web-canary', '-o', 'json', '--ignore-not-found', '-n', 'prod'],
    ],
    [
      'set image',
      setImageArgv(inProd, 'web', 'app', 'ghcr.io/acme/web@sha256:abc'),
      ['kubectl', 'set', 'image', 'deployment/web', 'app=ghcr.io/acme/web@sha256:abc', '-n', 'prod'],
    ],
    [
      'change cause',
      changeCauseArgv(noNs, 'web', changeCause('deploy', '1.2.3')),
      ['kubectl', 'annotate', 'deployment/web', 'kubernetes.io/change-cause=shipline deploy 1.2.3', '--overwrite'],
    ],
    [
      'rollout status',
      rolloutStatusArgv(inProd, 'web', 300_000),
      ['kubectl', 'rollout', 'status', 'deployment/web', '--timeout=300s', '-n', 'prod'],
    ],
    [
      'apply -k',
      applyKustomizeArgv(inProd, 'deploy/overlays/prod'),
      ['kubectl', 'apply', '--kustomize=deploy/overlays/prod', '-n', 'prod'],
    ],
    ['apply stdin', applyStdinArgv(noNs), ['kubectl', 'apply', '-f', '-']],
    ['undo', rolloutUndoArgv(inProd, 'web'), ['kubectl', 'rollout', 'undo', 'deployment/web', '-n', 'prod']],
    ['undo to revision', rolloutUndoArgv(noNs, 'web', 4), ['kubectl', 'rollout', 'undo', 'deployment/web', '--to-revision=4']],
    ['scale', scaleArgv(inProd, 'web-canary', 3), ['kubectl', 'scale', 'deployment/web-canary', '--replicas=3', '-n', 'prod']],
    [
      'ingress weight',
      canaryWeightArgv(inProd, 'web-canary', 25),
      ['kubectl', 'annotate', 'ingress/web-canary', 'nginx.ingress.kubernetes.io/canary-weight=25', '--overwrite', '-n', 'prod'],
    ],
    ['delete', deleteDeploymentArgv(noNs, 'web-canary'), ['kubectl', 'delete', 'deployment/web-canary', '--ignore-not-found']],
  ];
  it.each(cases)('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it.each([
    [1, '--timeout=1s'],
    [999, '--timeout=1s'],
    [1000, '--timeout=1s'],
    [1001, '--timeout=2s'],
    [3000, '--timeout=3s'],
    [0, '--timeout=1s'],
  ])('rollout timeout of %i ms is %s', (ms, flag) => {
    expect(timeoutFlag(ms)).toBe(flag);
  });

  it.each([
    [['kubectl', 'get', 'deployment', 'web'], 'kubectl get deployment web'],
    [
      ['kubectl', 'annotate', 'x', 'kubernetes.io/change-cause=shipline deploy 1'],
      "kubectl annotate x 'kubernetes.io/change-cause=shipline deploy 1'",
    ],
    [['echo', "it's"], `echo 'it'\\''s'`],
    [['echo', ''], "echo ''"],
    [['kubectl', 'scale', '--replicas={10%}'], 'kubectl scale --replicas={10%}'],
  ])('formats %j as %s', (argv, text) => {
    expect(formatArgv(argv)).toBe(text);
  });
});

describe('settings', () => {
  it('names the canary after the deployment unless told', () => {
    expect(canaryName(noNs)).toBe('web-canary');
    expect(canaryName({ ...noNs, canaryDeployment: 'web-next' })).toBe('web-next');
  });

  it.each<[string, Partial<KubernetesSettings>, RegExp]>([
    ['a flag as deployment', { deployment: '--all' }, /deployment "--all" is not a Kubernetes name/],
    ['upper case namespace', { namespace: 'Prod' }, /namespace "Prod"/],
    ['a dotted container', { container: 'a.b' }, /container "a.b"/],
    ['a canary named like stable', { canaryDeployment: 'web' }, /canary-deployment is the stable deployment/],
    ['an empty kustomize', { kustomize: ' ' }, /kustomize is empty/],
    ['an ingress with a slash', { ingress: 'a/b' }, /ingress "a\/b"/],
  ])('refuses %s', (_name, patch, message) => {
    expect(() => checkKubernetesSettings({ ...noNs, ...patch })).toThrow(message);
    expect(() => checkKubernetesSettings({ ...noNs, ...patch })).toThrow(UserError);
  });

  it('accepts ordinary names', () => {
    expect(() =>
      checkKubernetesSettings({ deployment: 'web.v2', namespace: 'team-a', container: 'app', ingress: 'web-canary' }),
    ).not.toThrow();
  });
});

function deployment(containers: Record<string, string>, replicas = 3): DeploymentObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'prod',
      labels: { app: 'web' },
      annotations: { 'deployment.kubernetes.io/revision': '7' },
      uid: 'u1',
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: Object.entries(containers).map(([name, image]) => ({ name, image, ports: [{ containerPort: 8080 }] })) },
      },
    },
    status: { replicas, readyReplicas: replicas },
  };
}

describe('deployment objects', () => {
  it('takes the only container, or the named one', () => {
    expect(containerOf(deployment({ app: 'a:1' }))).toBe('app');
    expect(containerOf(deployment({ app: 'a:1', sidecar: 'b:1' }), 'sidecar')).toBe('sidecar');
  });

  it('refuses to guess between several containers, naming them', () => {
    expect(() => containerOf(deployment({ app: 'a:1', sidecar: 'b:1' }))).toThrow(/2 containers \(app, sidecar\): set container/);
    expect(() => containerOf(deployment({ app: 'a:1' }), 'nope')).toThrow(/no container "nope" \(containers: app\)/);
  });

  it('makes the canary from the stable spec with its own name, labels and image', () => {
    const stable = deployment({ app: 'a:1', sidecar: 'b:1' });
    const m = canaryManifest(stable, {
      name: 'web-canary',
      container: 'app',
      image: 'a:2',
      version: '2.0.0',
      replicas: 0,
      changeCause: 'shipline canary 2.0.0',
    });
    expect(m.metadata).toEqual({
      name: 'web-canary',
      namespace: 'prod',
      labels: { app: 'web', track: 'canary' },
      annotations: { 'shipline/version': '2.0.0', 'kubernetes.io/change-cause': 'shipline canary 2.0.0' },
    });
    expect(m.spec.replicas).toBe(0);
    expect(m.spec.selector?.matchLabels).toEqual({ app: 'web', track: 'canary' });
    expect(m.spec.template.metadata?.labels).toEqual({ app: 'web', track: 'canary' });
    expect(m.spec.template.spec.containers.map((c) => [c.name, c.image])).toEqual([
      ['app', 'a:2'],
      ['sidecar', 'b:1'],
    ]);
    expect(m.spec.template.spec.containers[0]?.ports).toEqual([{ containerPort: 8080 }]);
    expect(m).not.toHaveProperty('status');
    // The stable object is left as it was.
    expect(stable.spec.template.spec.containers[0]?.image).toBe('a:1');
    expect(stable.spec.selector?.matchLabels).toEqual({ app: 'web' });
  });

  it.each([
    [10, 0, 0, 10, 0],
    [10, 10, 1, 9, 10],
    [10, 25, 3, 7, 30],
    [10, 50, 5, 5, 50],
    [10, 100, 10, 0, 100],
    [3, 1, 1, 2, 33.33],
    [3, 50, 2, 1, 66.67],
    [4, 10, 1, 3, 25],
    [1, 10, 1, 0, 100],
    [1, 0, 0, 1, 0],
  ])('splits %i replicas for weight %i into canary %i, stable %i (%s%)', (total, weight, canary, stable, effective) => {
    expect(splitReplicas(total, weight)).toEqual({ canary, stable, effectiveWeight: effective });
  });

  it('refuses a split it cannot make', () => {
    expect(() => splitReplicas(0, 10)).toThrow(/at least 1 replica/);
    expect(() => splitReplicas(4, 101)).toThrow(/outside 0-100/);
    expect(() => splitReplicas(4, -1)).toThrow(/outside 0-100/);
  });
});

/** A kubectl stand-in that answers from a table of Deployments and records every command line. */
function recordingKubectl(
  deployments: Record<string, DeploymentObject>,
  fail: (argv: string[]) => CommandResult | undefined = () => undefined,
) {
  const calls: string[] = [];
  const exec = execFromArgv(async (file, args, opts = {}) => {
    const argv = [file, ...args];
    calls.push(formatArgv(argv) + (opts.input ? ' <<< manifest' : ''));
    const failed = fail(argv);
    if (failed) return failed;
    if (argv[1] === 'get') {
      const d = deployments[argv[3]!];
      if (d) return commandResult({ code: 0, stdout: JSON.stringify(d), stderr: '' });
      if (argv.includes('--ignore-not-found')) return commandResult({ code: 0, stdout: '', stderr: '' });
      return commandResult({ code: 1, stdout: '', stderr: `Error from server (NotFound): deployments.apps "${argv[3]}" not found` });
    }
    if (argv[1] === 'scale') {
      const d = deployments[argv[2]!.replace('deployment/', '')]!;
      d.spec.replicas = Number(argv[3]!.replace('--replicas=', ''));
    }
    if (argv[1] === 'apply' && opts.input) {
      const m = JSON.parse(opts.input) as DeploymentObject;
      deployments[m.metadata.name] = m;
    }
    if (argv[1] === 'delete') delete deployments[argv[2]!.replace('deployment/', '')];
    return commandResult({ code: 0, stdout: '', stderr: '' });
  });
  return { calls, exec };
}

describe('what each operation runs', () => {
  const req = { environment: 'production', version: '2.0.0', artifact: 'ghcr.io/acme/web:2', timeoutMs: 120_000 };

  it('plans a deploy as the lines it will run', () => {
    const driver = createKubernetesDriver(inProd);
    expect(driver.planDeploy(req)).toEqual([
      'kubectl set image deployment/web {container}=ghcr.io/acme/web:2 -n prod',
      "kubectl annotate deployment/web 'kubernetes.io/change-cause=shipline deploy 2.0.0' --overwrite -n prod",
      'kubectl rollout status deployment/web --timeout=120s -n prod',
    ]);
    expect(createKubernetesDriver({ ...noNs, container: 'app', kustomize: 'k8s/prod' }).planDeploy(req)[0]).toBe(
      'kubectl apply --kustomize=k8s/prod',
    );
  });

  it('plans traffic steps for replicas and the ingress', () => {
    const driver = createKubernetesDriver({ ...inProd, ingress: 'web-canary' });
    expect(driver.planTraffic?.([0, 25])).toEqual([
      '# weight 0%: replicas of deployment/web and deployment/web-canary split 100:0',
      'kubectl scale deployment/web-canary --replicas=0 -n prod',
      'kubectl annotate ingress/web-canary nginx.ingress.kubernetes.io/canary-weight=0 --overwrite -n prod',
      'kubectl scale deployment/web --replicas={100%} -n prod',
      '# weight 25%: replicas of deployment/web and deployment/web-canary split 75:25',
      'kubectl scale deployment/web-canary --replicas={25%} -n prod',
      'kubectl annotate ingress/web-canary nginx.ingress.kubernetes.io/canary-weight=25 --overwrite -n prod',
      'kubectl scale deployment/web --replicas={75%} -n prod',
    ]);
  });

  it('deploys: reads the container, sets the image, records the cause, waits, reads the replicas', async () => {
    const k = recordingKubectl({ web: deployment({ app: 'ghcr.io/acme/web:1' }) });
    const out = await createKubernetesDriver(inProd, { exec: k.exec }).deploy(req);
    expect(k.calls).toEqual([
      // first: is a blue-green slot live behind the Service? (then a rolling deploy is refused)
      'kubectl get service web -o json --ignore-not-found -n prod',
      'kubectl get deployment web -o json -n prod',
      'kubectl set image deployment/web app=ghcr.io/acme/web:2 -n prod',
      "kubectl annotate deployment/web 'kubernetes.io/change-cause=shipline deploy 2.0.0' --overwrite -n prod",
      'kubectl rollout status deployment/web --timeout=120s -n prod',
      'kubectl get deployment web -o json -n prod',
    ]);
    expect(out.details).toMatchObject({
      deployment: 'web',
      namespace: 'prod',
      container: 'app',
      readyReplicas: 3,
      replicas: 3,
      revision: '7',
    });
  });

  it("fails a rollout that does not finish with the deployment, the timeout and kubectl's last words", async () => {
    const k = recordingKubectl({ web: deployment({ app: 'a:1' }) }, (argv) =>
      argv[1] === 'rollout'
        ? commandResult({
            code: 1,
            stdout: 'Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...\n',
            stderr: 'error: timed out waiting for the condition\n',
          })
        : undefined,
    );
    const driver = createKubernetesDriver({ ...inProd, container: 'app' }, { exec: k.exec });
    const err = await driver.deploy({ ...req, timeoutMs: 3000 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutsideError);
    expect((err as Error).message).toBe(
      'deployment/web in namespace prod did not become ready within 3s: Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available... / error: timed out waiting for the condition',
    );
    expect(k.calls.slice(0, 2)).toEqual([
      'kubectl get service web -o json --ignore-not-found -n prod',
      'kubectl set image deployment/web app=ghcr.io/acme/web:2 -n prod',
    ]);
  });

  it("names the failing command and kubectl's message", async () => {
    const k = recordingKubectl({});
    const err = await createKubernetesDriver(inProd, { exec: k.exec })
      .deploy(req)
      .catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      '`kubectl get deployment web -o json -n prod` failed (exit code 1): Error from server (NotFound): deployments.apps "web" not found',
    );
  });

  it('rolls back by undo without an image, by set image with one', async () => {
    const k = recordingKubectl({ web: deployment({ app: 'a:1' }) });
    const driver = createKubernetesDriver(noNs, { exec: k.exec });
    await driver.rollback?.({ environment: 'production', version: '1.0.0', timeoutMs: 60_000 });
    expect(k.calls.slice(0, 3)).toEqual([
      'kubectl get service web -o json --ignore-not-found',
      'kubectl rollout undo deployment/web',
      'kubectl rollout status deployment/web --timeout=60s',
    ]);
    k.calls.length = 0;
    await driver.rollback?.({ environment: 'production', version: '1.0.0', artifact: 'a:0', timeoutMs: 60_000 });
    expect(k.calls.slice(2, 4)).toEqual([
      'kubectl set image deployment/web app=a:0',
      "kubectl annotate deployment/web 'kubernetes.io/change-cause=shipline rollback 1.0.0' --overwrite",
    ]);
  });

  it('moves capacity before traffic in both directions, and aborts twice safely', async () => {
    const table: Record<string, DeploymentObject> = { web: deployment({ app: 'a:1' }, 4) };
    const k2 = recordingKubectl(table);
    const d2 = createKubernetesDriver({ ...noNs, ingress: 'web-canary' }, { exec: k2.exec, timeoutMs: 30_000 });
    await d2.startCanary?.({ ...req, timeoutMs: 30_000 });
    expect(k2.calls).toEqual([
      'kubectl get service web -o json --ignore-not-found',
      'kubectl get deployment web -o json',
      'kubectl get deployment web-canary -o json --ignore-not-found',
      'kubectl annotate ingress/web-canary nginx.ingress.kubernetes.io/canary-weight=0 --overwrite',
      'kubectl apply -f - <<< manifest',
      'kubectl get deployment web-canary -o json',
    ]);
    expect(table['web-canary']?.spec.template.spec.containers[0]?.image).toBe('ghcr.io/acme/web:2');
    k2.calls.length = 0;
    expect(await d2.setWeight?.(50)).toEqual({ weight: 50, note: '2 canary and 2 stable replicas; ingress web-canary sends 50%' });
    expect(k2.calls.slice(2)).toEqual([
      'kubectl scale deployment/web-canary --replicas=2',
      'kubectl rollout status deployment/web-canary --timeout=30s',
      'kubectl annotate ingress/web-canary nginx.ingress.kubernetes.io/canary-weight=50 --overwrite',
      'kubectl scale deployment/web --replicas=2',
    ]);
    k2.calls.length = 0;
    await d2.setWeight?.(25);
    expect(k2.calls.slice(2)).toEqual([
      'kubectl scale deployment/web --replicas=3',
      'kubectl rollout status deployment/web --timeout=30s',
      'kubectl annotate ingress/web-canary nginx.ingress.kubernetes.io/canary-weight=25 --overwrite',
      'kubectl scale deployment/web-canary --replicas=1',
    ]);
    k2.calls.length = 0;
    await d2.abort?.();
    expect(k2.calls).toEqual([
      'kubectl annotate ingress/web-canary nginx.ingress.kubernetes.io/canary-weight=0 --overwrite',
      'kubectl get deployment web-canary -o json --ignore-not-found',
      'kubectl get deployment web -o json',
      'kubectl scale deployment/web --replicas=4',
      'kubectl rollout status deployment/web --timeout=30s',
      'kubectl scale deployment/web-canary --replicas=0',
      'kubectl delete deployment/web-canary --ignore-not-found',
    ]);
    k2.calls.length = 0;
    await d2.abort?.();
    expect(k2.calls).toEqual([
      'kubectl annotate ingress/web-canary nginx.ingress.kubernetes.io/canary-weight=0 --overwrite',
      'kubectl get deployment web-canary -o json --ignore-not-found',
    ]);
  });
});
