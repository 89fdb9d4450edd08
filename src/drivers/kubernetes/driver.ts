/**
 * The kubernetes driver (actions/deploy/README.md, "kubernetes"): kubectl against the user's cluster, with the kubeconfig from
 * `KUBECONFIG`. Deploy sets the Deployment's image (or applies a kustomize directory) and waits for
 * the rollout; a canary is a second Deployment whose share of the replicas (and, with `ingress`,
 * the NGINX canary weight) follows the weight; rollback sets the old image or undoes the rollout.
 */
import { UserError } from '../../core/errors.js';
import type { CanaryRequest, DeployOutcome, DeployRequest, Driver, DriverMethods, DriverTraits, TrafficState } from '../types.js';
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
} from './argv.js';
import { processExec, type CommandResult, type Exec } from '../../core/exec.js';
import { silentLog, type Log } from '../../core/runtime.js';
import { commandFailed, KubectlError, lastWords, runKubectl } from './kubectl.js';
import {
  canaryManifest,
  containerOf,
  imageOf,
  parseDeployment,
  replicasOf,
  REVISION_ANNOTATION,
  splitReplicas,
  VERSION_ANNOTATION,
  type DeploymentObject,
} from './objects.js';
import { canaryName, checkKubernetesSettings, type KubernetesSettings } from './settings.js';
import { createKubernetesSlots, SLOT_LABEL } from './slots.js';

export interface KubernetesDriverOptions {
  /** Runs kubectl (the runtime's exec); default: a child process without a shell. */
  exec?: Exec;
  /** kubectl's environment (KUBECONFIG and all); default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Each command line before it runs (the step log). */
  log?: Log;
  /** How long canary steps wait for replicas until `startCanary` gives its own timeout; default 10 min. */
  timeoutMs?: number;
}

/** Bound for commands that do not wait for a rollout (get, annotate, scale, apply, delete). */
const COMMAND_TIMEOUT_MS = 60_000;
/** How long past its own `--timeout` a `rollout status` may take before it is stopped. */
const ROLLOUT_GRACE_MS = 30_000;
const CONTAINER_PLACEHOLDER = '{container}';

/** The kubernetes driver's own API: every method. */
export interface KubernetesDriver extends DriverMethods {
  rollback(req: DeployRequest): Promise<DeployOutcome>;
  startCanary(req: CanaryRequest): Promise<DeployOutcome>;
  setWeight(weight: number): Promise<TrafficState>;
  promote(): Promise<void>;
  abort(): Promise<void>;
  planTraffic(weights: number[]): string[];
}

/** What the kubernetes driver declares: an ingress sets exact weights; without one the weight is a share of replicas. */
export function kubernetesTraits(s: Pick<KubernetesSettings, 'ingress'>): DriverTraits {
  return {
    name: 'kubernetes',
    reportsUrls: false,
    startsCanary: true,
    share: (weight) =>
      s.ingress
        ? `${weight}% (ingress canary-weight)`
        : `share of replicas: ${[2, 4, 10].map((n) => `${splitReplicas(n, weight).effectiveWeight}% of ${n}`).join(', ')}`,
  };
}

/** The kubernetes driver with its capabilities. */
export function kubernetesDriver(settings: KubernetesSettings, options: KubernetesDriverOptions = {}): Driver {
  const d = createKubernetesDriver(settings, options);
  return {
    name: d.name,
    traits: kubernetesTraits(settings),
    deployer: { deploy: d.deploy, rollback: d.rollback },
    plan: { deploy: d.planDeploy, traffic: d.planTraffic },
    traffic: { startCanary: d.startCanary, setWeight: d.setWeight, promote: d.promote, abort: d.abort },
    slots: d.slots,
  };
}

export function createKubernetesDriver(settings: KubernetesSettings, options: KubernetesDriverOptions = {}): KubernetesDriver {
  checkKubernetesSettings(settings);
  const s = settings;
  const exec = options.exec ?? processExec;
  const env = options.env ?? process.env;
  const log = options.log ?? silentLog;
  const canary = canaryName(s);
  const where = s.namespace ? ` in namespace ${s.namespace}` : '';
  let waitMs = options.timeoutMs ?? 600_000;

  async function run(argv: string[], opts: { input?: string } = {}): Promise<CommandResult> {
    log.info(`$ ${formatArgv(argv)}`);
    const result = await runKubectl(exec, argv, { env, timeoutMs: COMMAND_TIMEOUT_MS, input: opts.input });
    if (result.code !== 0) throw commandFailed(argv, result);
    return result;
  }

  async function get(name: string): Promise<DeploymentObject> {
    return parseDeployment((await run(getDeploymentArgv(s, name))).stdout, name);
  }

  async function find(name: string): Promise<DeploymentObject | undefined> {
    const out = (await run(getDeploymentArgv(s, name, { ignoreNotFound: true }))).stdout;
    return out.trim() === '' ? undefined : parseDeployment(out, name);
  }

  /**
   * After a blue-green deploy the Service named after the deployment selects a slot's Deployment
   * (`slot: blue|green`), so deployment/<deployment> and its canary serve none of its traffic: a
   * rolling deploy, rollback or canary there would report success while the live slot stays as it
   * was. Refused before any change.
   */
  async function refuseWhileSlotLive(what: string): Promise<void> {
    const out = (
      await run([
        'kubectl',
        'get',
        'service',
        s.deployment,
        '-o',
        'json',
        '--ignore-not-found',
        ...(s.namespace ? ['-n', s.namespace] : []),
      ])
    ).stdout;
    if (out.trim() === '') return;
    let slot: unknown;
    try {
      slot = (JSON.parse(out) as { spec?: { selector?: Record<string, string> } }).spec?.selector?.[SLOT_LABEL];
    } catch {
      return;
    }
    if (slot === 'blue' || slot === 'green')
      throw new UserError(
        `service/${s.deployment}${where} selects slot ${slot} (${s.deployment}-${slot}, made live by a blue-green deploy), ` +
          `so ${what} of deployment/${s.deployment} would not reach its traffic. Nothing was changed. Deploy with strategy: blue-green.`,
      );
  }

  async function waitReady(name: string, timeoutMs: number): Promise<void> {
    const argv = rolloutStatusArgv(s, name, timeoutMs);
    log.info(`$ ${formatArgv(argv)}`);
    const result = await runKubectl(exec, argv, { env, timeoutMs: timeoutMs + ROLLOUT_GRACE_MS });
    if (result.code !== 0) {
      const within = timeoutFlag(timeoutMs).slice('--timeout='.length);
      throw new KubectlError(`deployment/${name}${where} did not become ready within ${within}: ${lastWords(result)}`, argv, result);
    }
  }

  async function scale(name: string, replicas: number, wait: boolean): Promise<void> {
    await run(scaleArgv(s, name, replicas));
    if (wait) await waitReady(name, waitMs);
  }

  async function setWeightAnnotation(weight: number): Promise<void> {
    if (s.ingress) await run(canaryWeightArgv(s, s.ingress, weight));
  }

  async function outcome(name: string, extra: Record<string, string | number>): Promise<DeployOutcome> {
    const d = await get(name);
    const details: Record<string, string | number> = {
      deployment: name,
      ...(d.metadata.namespace ? { namespace: d.metadata.namespace } : {}),
      ...extra,
      replicas: replicasOf(d),
      readyReplicas: d.status?.readyReplicas ?? 0,
    };
    const revision = d.metadata.annotations?.[REVISION_ANNOTATION];
    if (revision !== undefined) details.revision = revision;
    return { details };
  }

  function requireImage(req: DeployRequest, what: string): string {
    if (!req.artifact)
      throw new UserError(
        `Input "artifact" is required by the kubernetes driver to ${what}. Accepted: an image reference (repo@sha256:... or repo:tag).`,
      );
    return req.artifact;
  }

  /** Sets the image of the stable Deployment, records why, and waits for the rollout. */
  async function setImage(req: DeployRequest, cause: string): Promise<DeployOutcome> {
    const image = requireImage(req, 'deploy');
    const container = s.container ?? containerOf(await get(s.deployment));
    await run(setImageArgv(s, s.deployment, container, image));
    await run(changeCauseArgv(s, s.deployment, cause));
    await waitReady(s.deployment, req.timeoutMs);
    return outcome(s.deployment, { container, image });
  }

  const driver: KubernetesDriver = {
    name: 'kubernetes',

    planDeploy(req) {
      const first = s.kustomize
        ? applyKustomizeArgv(s, s.kustomize)
        : setImageArgv(s, s.deployment, s.container ?? CONTAINER_PLACEHOLDER, req.artifact ?? '{artifact}');
      return [
        first,
        changeCauseArgv(s, s.deployment, changeCause('deploy', req.version)),
        rolloutStatusArgv(s, s.deployment, req.timeoutMs),
      ].map(formatArgv);
    },

    async deploy(req) {
      await refuseWhileSlotLive('a rolling deploy');
      if (!s.kustomize) return setImage(req, changeCause('deploy', req.version));
      await run(applyKustomizeArgv(s, s.kustomize));
      await run(changeCauseArgv(s, s.deployment, changeCause('deploy', req.version)));
      await waitReady(s.deployment, req.timeoutMs);
      return outcome(s.deployment, { kustomize: s.kustomize });
    },

    /** With the image of the version to return to, sets it; without, undoes the last rollout. */
    async rollback(req) {
      await refuseWhileSlotLive('a rollback');
      if (req.artifact) return setImage(req, changeCause('rollback', req.version));
      await run(rolloutUndoArgv(s, s.deployment));
      await waitReady(s.deployment, req.timeoutMs);
      return outcome(s.deployment, { undo: 'previous revision' });
    },

    async startCanary(req: CanaryRequest) {
      waitMs = req.timeoutMs;
      const image = requireImage(req, 'start a canary');
      await refuseWhileSlotLive('a canary');
      const stable = await get(s.deployment);
      const container = containerOf(stable, s.container);
      const leftover = await find(canary);
      if (leftover && replicasOf(leftover) > 0) {
        // A canary left by an earlier run holds part of the replicas: give them back first.
        await scale(s.deployment, replicasOf(stable) + replicasOf(leftover), true);
      }
      await setWeightAnnotation(0);
      const manifest = canaryManifest(stable, {
        name: canary,
        container,
        image,
        version: req.version,
        replicas: 0,
        changeCause: changeCause('canary', req.version),
      });
      await run(applyStdinArgv(s), { input: JSON.stringify(manifest) });
      return outcome(canary, { container, image, stableReplicas: replicasOf(stable) + replicasOf(leftover) });
    },

    /**
     * Moves replicas (and the ingress weight) so the canary gets `weight` percent. Capacity moves
     * before traffic: the side that grows is scaled and ready before the other shrinks.
     */
    async setWeight(weight: number): Promise<TrafficState> {
      const stable = await get(s.deployment);
      const current = await find(canary);
      if (!current) throw new UserError(`there is no canary deployment/${canary}${where}: start the canary first`);
      const total = replicasOf(stable) + replicasOf(current);
      const split = splitReplicas(total, weight);
      if (split.canary >= replicasOf(current)) {
        if (split.canary !== replicasOf(current)) await scale(canary, split.canary, true);
        await setWeightAnnotation(weight);
        if (split.stable !== replicasOf(stable)) await scale(s.deployment, split.stable, false);
      } else {
        await scale(s.deployment, split.stable, true);
        await setWeightAnnotation(weight);
        await scale(canary, split.canary, false);
      }
      if (s.ingress)
        return { weight, note: `${split.canary} canary and ${split.stable} stable replicas; ingress ${s.ingress} sends ${weight}%` };
      return {
        weight,
        effectiveWeight: split.effectiveWeight,
        note: `${split.canary} of ${total} replicas run the canary`,
      };
    },

    async promote() {
      const current = await find(canary);
      if (!current) throw new UserError(`there is no canary deployment/${canary}${where} to promote`);
      const stable = await get(s.deployment);
      const container = containerOf(stable, s.container);
      const image = imageOf(current, container);
      const total = replicasOf(stable) + replicasOf(current);
      if (replicasOf(stable) !== total) await run(scaleArgv(s, s.deployment, total));
      await run(setImageArgv(s, s.deployment, container, image));
      await run(changeCauseArgv(s, s.deployment, changeCause('promote', current.metadata.annotations?.[VERSION_ANNOTATION] ?? image)));
      await waitReady(s.deployment, waitMs);
      await setWeightAnnotation(0);
      await run(scaleArgv(s, canary, 0));
      await run(deleteDeploymentArgv(s, canary));
    },

    /** Traffic first, then capacity: every step is skipped when already done, so twice is safe. */
    async abort() {
      let ingressFailure: unknown;
      try {
        await setWeightAnnotation(0);
      } catch (err) {
        ingressFailure = err; // still give the stable Deployment its replicas back
      }
      const current = await find(canary);
      if (current) {
        const stable = await get(s.deployment);
        const total = replicasOf(stable) + replicasOf(current);
        if (replicasOf(stable) !== total) await scale(s.deployment, total, true);
        if (replicasOf(current) > 0) await run(scaleArgv(s, canary, 0));
        await run(deleteDeploymentArgv(s, canary));
      }
      if (ingressFailure) throw ingressFailure;
    },

    planTraffic(weights) {
      const lines: string[] = [];
      for (const w of weights) {
        lines.push(`# weight ${w}%: replicas of deployment/${s.deployment} and deployment/${canary} split ${100 - w}:${w}`);
        lines.push(formatArgv(scaleArgv(s, canary, w === 0 ? 0 : `{${w}%}`)));
        if (s.ingress) lines.push(formatArgv(canaryWeightArgv(s, s.ingress, w)));
        lines.push(formatArgv(scaleArgv(s, s.deployment, `{${100 - w}%}`)));
      }
      return lines;
    },
    slots: createKubernetesSlots({ settings: s, run, get, find, waitReady }),
  };
  return driver;
}
