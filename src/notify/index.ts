import { readManifestDefaults } from '../records/manifest-defaults.js';
import { parseDuration } from '../core/duration.js';
import type { ActionContext } from '../core/run.js';
import type { Fields } from '../core/fields.js';
import { secret } from '../core/redact.js';
import { DELIVERY_DEFAULTS, deliver } from './deliver.js';
import { eventOf, type NotifyAction } from './event.js';
import { messageFor } from './formats.js';
import type { NotifyTarget } from './targets.js';

export { notifyField } from './targets.js';

interface NotifySettings {
  notify: NotifyTarget[];
  environment: string;
  version?: string;
  manifest?: string;
}

/** What only the action knows (the commit it deployed, the one before): set while it runs. */
export interface NotifyFacts {
  version?: string;
  commit?: string;
  previousCommit?: string;
}

/**
 * Notifies the `notify` webhooks once the step has finished (outputs set, summary written), on
 * success and failure alike. Returns the facts object the action may fill in as it learns them.
 */
export function notifyWhenDone<F extends Fields>(ctx: ActionContext<F>, action: NotifyAction): NotifyFacts {
  const s = ctx.settings as unknown as NotifySettings;
  const facts: NotifyFacts = {};
  const targets = s.notify ?? [];
  if (targets.length === 0) return facts;
  // The runner masks each line as given; the URL without its format prefix is masked too.
  for (const target of targets) secret(target.url);
  ctx.onFinish(async (end) => {
    let version = facts.version || end.outputs.get('version') || s.version;
    if (!version && s.manifest)
      version = await readManifestDefaults(s.manifest).then(
        (m) => m.version,
        () => undefined,
      );
    const event = eventOf({
      action,
      code: end.code,
      outputs: end.outputs,
      error: end.error,
      verdictText: ctx.summary.verdictText,
      environment: s.environment,
      version,
      previousVersion: end.outputs.get('previous-version'),
      commit: facts.commit || ctx.runner.sha,
      previousCommit: facts.previousCommit,
      runner: ctx.runner,
    });
    if (!event) return;
    const opts = { ...DELIVERY_DEFAULTS };
    const timeout = process.env.SHIPLINE_NOTIFY_TIMEOUT ? parseDuration(process.env.SHIPLINE_NOTIFY_TIMEOUT) : undefined;
    if (timeout) opts.timeoutMs = timeout;
    await Promise.all(
      targets.map(async (target) => {
        const result = await deliver(target, messageFor(target.format, event), opts);
        if (result.ok) ctx.log.info(`Notified notify line ${target.line} (${target.format}): ${event.event}.`);
        else
          ctx.log.warning(
            `Notification ${event.event} to notify line ${target.line} (${target.format}) not ` +
              `delivered after ${result.tries} ${result.tries === 1 ? 'try' : 'tries'}: ${result.problem}.`,
          );
      }),
    );
  });
  return facts;
}
