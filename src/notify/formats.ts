import type { ContextBlock, HeaderBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { NotifyEvent } from './event.js';
import type { NotifyFormat } from './targets.js';

/** Slack's limits: a header's plain text, a section's or context element's text. */
export const SLACK_HEADER_MAX = 150;
export const SLACK_TEXT_MAX = 3000;

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Escapes text for Slack mrkdwn: `&`, `<` and `>` are control characters there (and nothing else is). */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const icon = (event: NotifyEvent) => (event.ok ? (event.verdict === 'paused' ? '⏸️' : '✅') : '❌');

interface Link {
  label: string;
  url: string;
}

function links(event: NotifyEvent): Link[] {
  const out: Link[] = [];
  if (event.runUrl) out.push({ label: 'Run', url: event.runUrl });
  if (event.commitUrl && event.commit) out.push({ label: `Commit ${event.commit.slice(0, 7)}`, url: event.commitUrl });
  if (event.compareUrl) out.push({ label: 'Compare', url: event.compareUrl });
  return out;
}

function facts(event: NotifyEvent): [string, string][] {
  const out: [string, string][] = [];
  if (event.version) out.push(['Version', event.version]);
  out.push(['Environment', event.environment]);
  if (event.previousVersion) out.push([event.action === 'rollback' ? 'From' : 'Previous', event.previousVersion]);
  if (event.repository) out.push(['Repository', event.repository]);
  return out;
}

/** The plain-text line every format carries (Slack's notification text, JSON's `text`). */
export function plainText(event: NotifyEvent): string {
  const parts = [`${icon(event)} ${event.title}`, event.reason];
  const linkText = links(event).map((l) => `${l.label}: ${l.url}`);
  return [...parts, ...linkText].join('\n');
}

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/** A Slack incoming-webhook message: verdict first (header), the facts and reason, the links. */
export function slackMessage(event: NotifyEvent): SlackMessage {
  const header: HeaderBlock = {
    type: 'header',
    text: { type: 'plain_text', text: cut(`${icon(event)} ${event.title}`, SLACK_HEADER_MAX), emoji: true },
  };
  const factLines = facts(event).map(([k, v]) => `*${k}:* ${slackEscape(v)}`);
  const section: SectionBlock = {
    type: 'section',
    text: { type: 'mrkdwn', text: cut(`${factLines.join('\n')}\n*Reason:* ${slackEscape(event.reason)}`, SLACK_TEXT_MAX) },
  };
  const blocks: KnownBlock[] = [header, section];
  const linkList = links(event);
  if (linkList.length) {
    // A URL inside <url|label> must not hold `|` or `>`; the label is escaped text.
    const context: ContextBlock = {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: cut(
            linkList.map((l) => `<${l.url.replace(/[|>]/g, encodeURIComponent)}|${slackEscape(l.label)}>`).join(' · '),
            SLACK_TEXT_MAX,
          ),
        },
      ],
    };
    blocks.push(context);
  }
  return { text: cut(slackEscape(`${icon(event)} ${event.title}: ${event.reason}`), SLACK_TEXT_MAX), blocks };
}

/** A Microsoft Teams workflow message: one Adaptive Card (1.4) with the verdict, facts and links. */
export function teamsMessage(event: NotifyEvent): Record<string, unknown> {
  const body: Record<string, unknown>[] = [
    {
      type: 'TextBlock',
      text: `${icon(event)} ${event.title}`,
      weight: 'Bolder',
      size: 'Medium',
      wrap: true,
      color: event.ok ? 'Good' : 'Attention',
    },
    { type: 'TextBlock', text: event.reason, wrap: true },
    { type: 'FactSet', facts: facts(event).map(([title, value]) => ({ title, value })) },
  ];
  const linkList = links(event);
  if (linkList.length)
    body.push({ type: 'ActionSet', actions: linkList.map((l) => ({ type: 'Action.OpenUrl', title: l.label, url: l.url })) });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body },
      },
    ],
  };
}

/** Any other webhook: `text` for chat tools that read it, and the structured event. */
export function jsonMessage(event: NotifyEvent): Record<string, unknown> {
  return { text: plainText(event), event };
}

export function messageFor(format: NotifyFormat, event: NotifyEvent): unknown {
  if (format === 'slack') return slackMessage(event);
  if (format === 'teams') return teamsMessage(event);
  return jsonMessage(event);
}
