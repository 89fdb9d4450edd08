import { z } from 'zod';
import type { Field } from '../core/fields.js';

export type NotifyFormat = 'slack' | 'teams' | 'json';

/** One webhook to notify: where (a secret, never printed), in which format, and its line in the input. */
export interface NotifyTarget {
  url: string;
  format: NotifyFormat;
  /** 1-based line of the `notify` input: how messages name the webhook. */
  line: number;
}

export const NOTIFY_FORM =
  'webhook URLs, one a line (https://hooks.slack.com/services/..., a Teams workflow URL, ' +
  'any other https URL for JSON), each optionally prefixed with slack:, teams: or json:';

const PREFIX = /^(slack|teams|json):(?=[a-z][a-z0-9+.-]*:\/\/)/i;

/**
 * The format a webhook gets from its host: Slack incoming webhooks, Microsoft Teams workflow
 * webhooks (Power Automate: `*.logic.azure.com`, `*.powerplatform.com`; the older Office 365
 * connector URLs `*.webhook.office.com`), anything else JSON.
 */
export function formatOfHost(host: string): NotifyFormat {
  const h = host.toLowerCase();
  if (h === 'hooks.slack.com' || h === 'hooks.slack-gov.com') return 'slack';
  if (/(^|\.)logic\.azure\.com$/.test(h) || /(^|\.)webhook\.office\.com$/.test(h) || /(^|\.)powerplatform\.com$/.test(h)) return 'teams';
  return 'json';
}

/** Parses the `notify` text: one target a line; blank lines and `#` comments skipped. Never quotes a URL. */
export function parseTargets(text: string): { ok: true; targets: NotifyTarget[] } | { ok: false; message: string } {
  const targets: NotifyTarget[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i]!.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const prefix = PREFIX.exec(raw);
    const rest = prefix ? raw.slice(prefix[0].length) : raw;
    if (/[\s\u0000-\u001f\u007f]/.test(rest))
      return { ok: false, message: `line ${line} has a space or a control character inside the URL` };
    let url: URL;
    try {
      url = new URL(rest);
    } catch {
      return { ok: false, message: `line ${line} is not a URL` };
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, message: `line ${line} is not an http or https URL` };
    if (url.username || url.password)
      return { ok: false, message: `line ${line} has user info in the URL (put the token in the path, as webhooks do)` };
    const format = (prefix?.[1]?.toLowerCase() as NotifyFormat | undefined) ?? formatOfHost(url.hostname);
    targets.push({ url: rest, format, line });
  }
  return { ok: true, targets };
}

/** The `notify` input of deploy, canary, rollback and gate: secret, never from the config file. */
export function notifyField(): Field<NotifyTarget[]> & { secret: true; configurable: false; default: NotifyTarget[] } {
  const schema = z.unknown().transform((value, ctx) => {
    const result = parseTargets(typeof value === 'string' ? value : '');
    if (result.ok) return result.targets;
    ctx.issues.push({ code: 'custom', message: result.message, input: '' });
    return z.NEVER;
  });
  return { schema, form: NOTIFY_FORM, secret: true, configurable: false, default: [] };
}
