import { formatDuration } from '../../core/duration.js';
import type { ResolvedLocalSettings } from './settings.js';
import type { EnvironmentState, ProcessRecord } from './state.js';

export interface PlanInput {
  environment: string;
  version: string;
  artifact?: string;
  timeoutMs: number;
}

function who(record: ProcessRecord): string {
  return `${record.version} (pid ${record.pid}, port ${record.port})`;
}

function publicAddress(settings: ResolvedLocalSettings, state: EnvironmentState | null): string {
  const port = settings.port ?? state?.publicPort;
  return port ? `http://127.0.0.1:${port}` : 'http://127.0.0.1:<a free port, kept for later steps>';
}

function startLines(settings: ResolvedLocalSettings, req: PlanInput, role: string): string[] {
  const values = [
    'PORT=<a free port>',
    `SHIPLINE_VERSION=${req.version}`,
    `SHIPLINE_ENVIRONMENT=${req.environment}`,
    `SHIPLINE_ARTIFACT=${req.artifact ?? ''}`,
  ].join(', ');
  return [
    `start ${role} ${req.version}: /bin/sh -c ${JSON.stringify(settings.command ?? '<command not set>')} in ${settings.cwd} with ${values}`,
    `wait up to ${formatDuration(req.timeoutMs)} for GET ${settings.healthPath} ` +
      `to answer 2xx; if it does not, stop it and leave traffic as it is`,
  ];
}

/** What `deploy` will do, given the settings and the environment's state (pure). */
export function planLocalDeploy(settings: ResolvedLocalSettings, state: EnvironmentState | null, req: PlanInput): string[] {
  const lines = [
    `local driver, environment ${req.environment} (state in ${settings.stateDir})`,
    ...startLines(settings, req, 'version'),
    `send all traffic of ${publicAddress(settings, state)} to ${req.version}`,
  ];
  if (state?.stable) lines.push(`then stop the previous version ${who(state.stable)}`);
  else lines.push('no previous version runs');
  if (state?.canary) lines.push(`then stop the canary ${who(state.canary)}`);
  return lines;
}

/** What `startCanary` will do (pure). */
export function planLocalCanary(settings: ResolvedLocalSettings, state: EnvironmentState | null, req: PlanInput): string[] {
  const lines = [`local driver, environment ${req.environment} (state in ${settings.stateDir})`];
  if (state?.canary) lines.push(`stop the running canary ${who(state.canary)} first`);
  lines.push(...startLines(settings, req, 'canary'));
  lines.push(
    `run it beside stable ${state?.stable ? who(state.stable) : '<none deployed: the canary will be refused>'} ` +
      `with 0% of ${publicAddress(settings, state)}`,
  );
  return lines;
}

/** The traffic steps of a canary, one line each (pure). */
export function planLocalTraffic(settings: ResolvedLocalSettings, state: EnvironmentState | null, weights: number[]): string[] {
  const stable = state?.stable?.version ?? 'stable';
  const canary = state?.canary?.version ?? 'canary';
  return weights.map(
    (w) => `route ${w}% of ${publicAddress(settings, state)} to ${canary} and ${100 - w}% to ${stable} (local proxy, takes effect at once)`,
  );
}
