/**
 * Blue-green on Kubernetes: a Deployment per slot (`<deployment>-blue`, `<deployment>-green`), made
 * from `<deployment>` (the pod template) with `slot: <name>` added to its labels and selector, and the
 * Service named `<deployment>` whose selector gets `slot: <live slot>`, so switching is one patch of
 * the selector. The live slot is read back from the Service, so any later step knows it.
 */
import { UserError } from '../../core/errors.js';
import { otherSlot, type Slot, type SlotControl } from '../slots.js';
import type { DeployRequest } from '../types.js';
import { applyStdinArgv, changeCause, formatArgv, rolloutStatusArgv, scaleArgv } from './argv.js';
import type { CommandResult } from '../../core/exec.js';
import { containerOf, derivedManifest, replicasOf, VERSION_ANNOTATION, type DeploymentObject } from './objects.js';
import type { KubernetesSettings } from './settings.js';

export const SLOT_LABEL = 'slot';

const nsArgs = (s: KubernetesSettings): string[] => (s.namespace ? ['-n', s.namespace] : []);
export const slotDeployment = (s: KubernetesSettings, slot: Slot) => `${s.deployment}-${slot}`;
export const getServiceArgv = (s: KubernetesSettings, name: string) => ['kubectl', 'get', 'service', name, '-o', 'json', ...nsArgs(s)];
export const selectSlotArgv = (s: KubernetesSettings, name: string, slot: Slot) => [
  'kubectl',
  'patch',
  'service',
  name,
  '--type',
  'merge',
  '-p',
  JSON.stringify({ spec: { selector: { [SLOT_LABEL]: slot } } }),
  ...nsArgs(s),
];

/** The slot's Deployment: the template Deployment's spec with the image, its name and `slot` labels. */
export function slotManifest(
  base: DeploymentObject,
  opts: { name: string; slot: Slot; container: string; image: string; version: string; replicas: number },
): DeploymentObject {
  const { slot, ...rest } = opts;
  return derivedManifest(base, { ...rest, labels: { [SLOT_LABEL]: slot }, changeCause: changeCause('deploy', opts.version) });
}

export interface KubernetesSlotDeps {
  settings: KubernetesSettings;
  run(argv: string[], opts?: { input?: string }): Promise<CommandResult>;
  get(name: string): Promise<DeploymentObject>;
  find(name: string): Promise<DeploymentObject | undefined>;
  waitReady(name: string, timeoutMs: number): Promise<void>;
}

export function createKubernetesSlots(d: KubernetesSlotDeps): SlotControl {
  const s = d.settings;
  const service = s.deployment;
  const where = s.namespace ? ` in namespace ${s.namespace}` : '';
  async function selector(): Promise<Record<string, string>> {
    const out = (await d.run(getServiceArgv(s, service))).stdout;
    let svc: { kind?: string; spec?: { selector?: Record<string, string> } };
    try {
      svc = JSON.parse(out);
    } catch {
      throw new UserError(`kubectl printed no JSON for service/${service}${where}`);
    }
    return svc.spec?.selector ?? {};
  }
  const live = async (): Promise<Slot | undefined> => {
    const slot = (await selector())[SLOT_LABEL];
    return slot === 'blue' || slot === 'green' ? slot : undefined;
  };
  return {
    reportsPreviewUrl: false,
    live,
    async versionOn(slot) {
      const dep = await d.find(slotDeployment(s, slot));
      return dep && replicasOf(dep) > 0 ? dep.metadata.annotations?.[VERSION_ANNOTATION] : undefined;
    },
    async startOn(slot: Slot, req: DeployRequest) {
      if (!req.artifact)
        throw new UserError(
          'Input "artifact" is required by the kubernetes driver to deploy. Accepted: an image reference (repo@sha256:... or repo:tag).',
        );
      if ((await live()) === slot)
        throw new UserError(
          `slot ${slot} takes all traffic of service/${service}${where}; a new version goes to the idle slot (${otherSlot(slot)})`,
        );
      const base = await d.get(s.deployment);
      const container = containerOf(base, s.container);
      const name = slotDeployment(s, slot);
      const manifest = slotManifest(base, {
        name,
        slot,
        container,
        image: req.artifact,
        version: req.version,
        replicas: Math.max(1, replicasOf(base)),
      });
      await d.run(applyStdinArgv(s), { input: JSON.stringify(manifest) });
      await d.waitReady(name, req.timeoutMs);
      return { details: { deployment: name, image: req.artifact, replicas: replicasOf(manifest) } };
    },
    async switchTo(slot: Slot) {
      await d.run(selectSlotArgv(s, service, slot));
      const now = await live();
      if (now !== slot) throw new UserError(`service/${service}${where} selects slot ${now ?? '(none)'} after the patch to ${slot}`);
    },
    async stopSlot(slot: Slot) {
      if ((await live()) === slot) throw new UserError(`slot ${slot} takes all traffic of service/${service}${where}; it is not stopped`);
      if (await d.find(slotDeployment(s, slot))) await d.run(scaleArgv(s, slotDeployment(s, slot), 0));
      return true;
    },
    plan: (idle, req) => [
      `kubectl apply -f - (deployment/${slotDeployment(s, idle)}: the pod template of ` +
        `deployment/${s.deployment} with image ${req.artifact ?? '{artifact}'} and label ${SLOT_LABEL}=${idle})`,
      formatArgv(rolloutStatusArgv(s, slotDeployment(s, idle), req.timeoutMs)),
      formatArgv(selectSlotArgv(s, service, idle)),
    ],
  };
}
