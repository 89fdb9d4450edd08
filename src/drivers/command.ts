import { UserError } from '../core/errors.js';
import { processExec, type Exec } from '../core/exec.js';
import type { Log } from '../core/run.js';
import type { CanaryRequest, DeployOutcome, DeployRequest, Driver, DriverMethods, DriverTraits, TrafficState } from './types.js';
import { relayLine } from '../core/runner-io.js';
import { createCommandSlots } from './command-slots.js';

export interface CommandDriverSettings {
  deployCommand?: string;
  setWeightCommand?: string;
  promoteCommand?: string;
  abortCommand?: string;
  rollbackCommand?: string;
  /** Blue-green: sends all traffic to `SHIPLINE_SLOT`. */
  switchCommand?: string;
}

/** Fails a driver step with the command's exit code and the last lines of its output. */
export class DriverCommandError extends UserError {
  constructor(
    readonly what: string,
    readonly code: number,
    readonly tail: string[],
  ) {
    super(`${what} exited with code ${code}${tail.length ? `; last output:\n${tail.join('\n')}` : ''}`);
  }
}

/**
 * The SHIPLINE_* variables every user command of a deploy gets (deploy-command, the release hooks),
 * with `SHIPLINE_RECORD_<NAME>` when the request carries a record's values (rollback).
 */
export function commandEnv(req: DeployRequest | undefined, extra: Record<string, string> = {}): Record<string, string | undefined> {
  return {
    ...req?.recordEnv,
    SHIPLINE_VERSION: req?.version,
    SHIPLINE_ARTIFACT: req?.artifact ?? '',
    SHIPLINE_ENVIRONMENT: req?.environment,
    SHIPLINE_PREVIOUS_VERSION: req?.previousVersion ?? '',
    ...extra,
  };
}

/** The command driver's own API: every method, plus the plan of a rollback. */
export interface CommandDriver extends DriverMethods {
  startCanary(req: CanaryRequest): Promise<DeployOutcome>;
  setWeight(weight: number): Promise<TrafficState>;
  promote(): Promise<void>;
  abort(): Promise<void>;
  rollback(req: DeployRequest): Promise<DeployOutcome>;
  planTraffic(weights: number[]): string[];
  /** `rollback-command` when given, else `deploy-command`, with the values it gets. */
  planRollback(req: DeployRequest): string[];
}

/** What the command driver declares: without deploy-command a canary moves traffic only. */
export function commandTraits(s: Pick<CommandDriverSettings, 'deployCommand'>): DriverTraits {
  return {
    name: 'command',
    reportsUrls: false,
    startsCanary: Boolean(s.deployCommand),
    share: (weight) => `${weight}% as set-weight-command applies it`,
  };
}

/** The command driver with its capabilities: deploy, traffic through the user's commands, plans. */
export function commandDriver(s: CommandDriverSettings, log: Log, signal?: AbortSignal, exec: Exec = processExec): Driver {
  const d = createCommandDriver(s, log, signal, exec);
  return {
    name: d.name,
    traits: commandTraits(s),
    deployer: { deploy: d.deploy, rollback: d.rollback },
    plan: { deploy: d.planDeploy, traffic: d.planTraffic, rollback: d.planRollback },
    traffic: { startCanary: d.startCanary, setWeight: d.setWeight, promote: d.promote, abort: d.abort },
    slots: d.slots,
  };
}

/**
 * The user's own shell commands. shipline's values reach them only as environment variables
 * (SHIPLINE_VERSION, SHIPLINE_ARTIFACT, SHIPLINE_ENVIRONMENT, SHIPLINE_PREVIOUS_VERSION,
 * SHIPLINE_WEIGHT), never pasted into the command text.
 */
export function createCommandDriver(s: CommandDriverSettings, log: Log, signal?: AbortSignal, exec: Exec = processExec): CommandDriver {
  let last: DeployRequest | undefined;
  const envOf = commandEnv;
  async function sh(input: string, command: string, env: Record<string, string | undefined>, timeoutMs: number) {
    const result = await log.group(`${input}`, () =>
      exec.shell(command, { env, timeoutMs, signal, onLine: (l) => relayLine(l, log.info) }),
    );
    if (result.code !== 0) throw new DriverCommandError(input, result.code, result.tail.slice(-10));
    return result;
  }
  const need = (name: string, value: string | undefined) => {
    if (!value) throw new UserError(`Input "${name}" is required by the command driver for this step. Accepted: a shell command.`);
    return value;
  };
  const trafficTimeout = 600_000;
  return {
    name: 'command',
    planDeploy: (req) => [
      `run deploy-command with SHIPLINE_VERSION=${req.version}, SHIPLINE_ENVIRONMENT=${req.environment}` +
        (req.artifact ? `, SHIPLINE_ARTIFACT=${req.artifact}` : '') +
        `: ${s.deployCommand ?? '(none)'}`,
    ],
    async deploy(req): Promise<DeployOutcome> {
      last = req;
      const result = await sh('deploy-command', need('deploy-command', s.deployCommand), envOf(req), req.timeoutMs);
      return { details: { 'exit code': result.code, duration: `${result.durationMs} ms` } };
    },
    async startCanary(req): Promise<DeployOutcome> {
      last = req;
      // Without deploy-command the canary version is taken to be running already: only traffic moves.
      if (!s.deployCommand) return { details: {} };
      const result = await sh(
        'deploy-command',
        need('deploy-command', s.deployCommand),
        envOf(req, { SHIPLINE_WEIGHT: '0', SHIPLINE_CANARY: 'true' }),
        req.timeoutMs,
      );
      return { details: { 'exit code': result.code } };
    },
    async setWeight(weight): Promise<TrafficState> {
      await sh(
        'set-weight-command',
        need('set-weight-command', s.setWeightCommand),
        envOf(last, { SHIPLINE_WEIGHT: String(weight) }),
        trafficTimeout,
      );
      return { weight };
    },
    async promote() {
      if (s.promoteCommand) await sh('promote-command', s.promoteCommand, envOf(last, { SHIPLINE_WEIGHT: '100' }), trafficTimeout);
      else if (s.setWeightCommand)
        await sh('set-weight-command', s.setWeightCommand, envOf(last, { SHIPLINE_WEIGHT: '100' }), trafficTimeout);
    },
    async abort() {
      if (s.abortCommand) await sh('abort-command', s.abortCommand, envOf(last, { SHIPLINE_WEIGHT: '0' }), trafficTimeout);
      else if (s.setWeightCommand)
        await sh('set-weight-command', s.setWeightCommand, envOf(last, { SHIPLINE_WEIGHT: '0' }), trafficTimeout);
    },
    async rollback(req): Promise<DeployOutcome> {
      last = req;
      const [input, command] = s.rollbackCommand
        ? ['rollback-command', s.rollbackCommand]
        : ['deploy-command', need('deploy-command', s.deployCommand)];
      const result = await sh(input, command, envOf(req), req.timeoutMs);
      return { details: { 'exit code': result.code, command: input } };
    },
    planTraffic: (weights) => weights.map((w) => `set-weight-command with SHIPLINE_WEIGHT=${w}`),
    planRollback(req) {
      const [input, command] = s.rollbackCommand
        ? ['rollback-command', s.rollbackCommand]
        : ['deploy-command', s.deployCommand ?? '(none)'];
      const vars = [
        `SHIPLINE_VERSION=${req.version}`,
        `SHIPLINE_ENVIRONMENT=${req.environment}`,
        ...(req.artifact ? [`SHIPLINE_ARTIFACT=${req.artifact}`] : []),
        ...(req.previousVersion ? [`SHIPLINE_PREVIOUS_VERSION=${req.previousVersion}`] : []),
        ...Object.entries(req.recordEnv ?? {}).map(([name, value]) => `${name}=${value}`),
      ];
      return [`run ${input} with ${vars.join(', ')}: ${command}`];
    },
    slots: createCommandSlots(
      s,
      sh,
      (req, extra) => {
        last = req;
        return envOf(req, extra);
      },
      need,
    ),
  };
}
