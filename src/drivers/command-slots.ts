import { UserError } from '../core/errors.js';
import type { DeployRequest } from './types.js';
import type { Slot, SlotControl } from './slots.js';

/** How the command driver runs one of its commands (its `sh`), lent to its slots. */
export type RunCommand = (
  input: string,
  command: string,
  env: Record<string, string | undefined>,
  timeoutMs: number,
) => Promise<{ code: number; durationMs: number }>;

/**
 * Blue-green with the user's commands: `deploy-command` with `SHIPLINE_SLOT` puts the version on
 * the idle slot, `switch-command` with `SHIPLINE_SLOT` sends all traffic there. The commands alone
 * know which slot is live, so `live()` cannot tell: the deployment record says (src/deploy/blue-green.ts).
 */
export function createCommandSlots(
  s: { deployCommand?: string; switchCommand?: string },
  run: RunCommand,
  envOf: (req: DeployRequest, extra: Record<string, string>) => Record<string, string | undefined>,
  need: (name: string, value: string | undefined) => string,
): SlotControl {
  const SWITCH_TIMEOUT = 600_000;
  return {
    reportsPreviewUrl: false,
    check({ previewUrl }) {
      if (!s.switchCommand)
        throw new UserError(
          'Input "switch-command" is required by the command driver with strategy: ' +
            'blue-green (it sends all traffic to SHIPLINE_SLOT). Accepted: a shell command.',
        );
      if (previewUrl === undefined)
        throw new UserError(
          'Input "preview-url" is required by the command driver with strategy: blue-green (the smoke checks ' +
            "run against the idle slot there). Accepted: an http(s) URL with {{slot}} where the slot's name goes.",
        );
    },
    live: async () => undefined,
    versionOn: async () => undefined,
    async startOn(slot: Slot, req: DeployRequest) {
      const result = await run(
        'deploy-command',
        need('deploy-command', s.deployCommand),
        envOf(req, { SHIPLINE_SLOT: slot }),
        req.timeoutMs,
      );
      return { details: { 'deploy-command': `exit ${result.code} in ${result.durationMs} ms on slot ${slot}` } };
    },
    async switchTo(slot: Slot, req: DeployRequest) {
      await run(
        'switch-command',
        need('switch-command', s.switchCommand),
        envOf(req, { SHIPLINE_SLOT: slot }),
        Math.min(req.timeoutMs, SWITCH_TIMEOUT),
      );
    },
    stopSlot: async () => false,
    plan: (idle, req) => [
      `run deploy-command with SHIPLINE_SLOT=${idle}, SHIPLINE_VERSION=${req.version}: ${s.deployCommand ?? '(none)'}`,
      `run switch-command with SHIPLINE_SLOT=${idle}: ${s.switchCommand ?? '(none)'}`,
    ],
  };
}
