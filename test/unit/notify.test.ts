import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { deliver, retryAfterMs } from '../../src/notify/deliver.js';
import { eventOf, type NotifyEvent } from '../../src/notify/event.js';
import { jsonMessage, slackEscape, slackMessage, SLACK_HEADER_MAX, SLACK_TEXT_MAX, teamsMessage } from '../../src/notify/formats.js';
import { formatOfHost, parseTargets } from '../../src/notify/targets.js';
import type { RunnerContext } from '../../src/core/runner.js';

const runner: RunnerContext = {
  eventName: 'push',
  ref: 'refs/heads/main',
  sha: 'c'.repeat(40),
  repository: { owner: 'acme', repo: 'shop' },
  serverUrl: 'https://github.com',
  apiUrl: 'https://api.github.com',
  runId: '7',
  runUrl: 'https://github.com/acme/shop/actions/runs/7',
  workspace: '/tmp',
  temp: '/tmp',
  payload: {},
};

function event(overrides: Partial<Parameters<typeof eventOf>[0]> = {}): NotifyEvent {
  const e = eventOf({
    action: 'deploy',
    code: 0,
    outputs: new Map([['result', 'success']]),
    environment: 'production',
    version: '1.2.3',
    previousVersion: '1.2.2',
    verdictText: 'Deployed 1.2.3 to production (was 1.2.2)',
    commit: 'c'.repeat(40),
    previousCommit: 'd'.repeat(40),
    runner,
    ...overrides,
  });
  if (!e) throw new Error('no event');
  return e;
}

/** Slack's structural rules for the blocks an incoming webhook takes (Block Kit reference). */
function slackProblems(blocks: KnownBlock[]): string[] {
  const problems: string[] = [];
  if (blocks.length > 50) problems.push('more than 50 blocks');
  for (const [i, block] of blocks.entries()) {
    if (block.type === 'header') {
      if (block.text.type !== 'plain_text') problems.push(`block ${i}: header text is not plain_text`);
      if (block.text.text.length > SLACK_HEADER_MAX) problems.push(`block ${i}: header longer than 150`);
    } else if (block.type === 'section') {
      if (!block.text || block.text.text.length === 0 || block.text.text.length > SLACK_TEXT_MAX)
        problems.push(`block ${i}: section text empty or longer than 3000`);
    } else if (block.type === 'context') {
      if (block.elements.length === 0 || block.elements.length > 10) problems.push(`block ${i}: context needs 1-10 elements`);
      for (const el of block.elements)
        if ('text' in el && (el.text.length === 0 || el.text.length > SLACK_TEXT_MAX))
          problems.push(`block ${i}: context text empty or longer than 3000`);
    } else {
      problems.push(`block ${i}: unexpected type ${block.type}`);
    }
  }
  return problems;
}

function adaptiveCardProblems(json: unknown): string[] {
  const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const e of card.validateProperties().validationEvents) problems.push(e.message);
  return problems;
}

describe('notify targets', () => {
  it('picks the format from a prefix, else from the host (Slack, Teams workflows, anything else JSON)', () => {
    const text = [
      'https://hooks.slack.com/services/T/B/x',
      'https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=s',
      'https://default0123.ab.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/x',
      'https://acme.webhook.office.com/webhookb2/x',
      '',
      '# a comment',
      'https://example.com/hook',
      'teams:https://example.com/flow',
      'SLACK:http://127.0.0.1:9/x',
    ].join('\n');
    const result = parseTargets(text);
    expect(result).toEqual({
      ok: true,
      targets: [
        { url: 'https://hooks.slack.com/services/T/B/x', format: 'slack', line: 1 },
        {
          url: 'https://prod-12.westeurope.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=s',
          format: 'teams',
          line: 2,
        },
        {
          url: 'https://default0123.ab.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/x',
          format: 'teams',
          line: 3,
        },
        { url: 'https://acme.webhook.office.com/webhookb2/x', format: 'teams', line: 4 },
        { url: 'https://example.com/hook', format: 'json', line: 7 },
        { url: 'https://example.com/flow', format: 'teams', line: 8 },
        { url: 'http://127.0.0.1:9/x', format: 'slack', line: 9 },
      ],
    });
    expect(formatOfHost('evil-hooks.slack.com.example.org')).toBe('json');
    expect(formatOfHost('notlogic.azure.com')).toBe('json');
  });

  it('names the line of a bad entry and never quotes it', () => {
    expect(parseTargets('https://ok.example/x\nnot-a-url')).toEqual({ ok: false, message: 'line 2 is not a URL' });
    expect(parseTargets('ftp://secret.example/tok')).toEqual({ ok: false, message: 'line 1 is not an http or https URL' });
    expect(parseTargets('https://user:pw@secret.example/tok')).toEqual({
      ok: false,
      message: 'line 1 has user info in the URL (put the token in the path, as webhooks do)',
    });
    expect(parseTargets('json:https://a.example/x y')).toEqual({
      ok: false,
      message: 'line 1 has a space or a control character inside the URL',
    });
  });
});

describe('notify messages', () => {
  it('Slack: header, section, context within Slack limits; mrkdwn control characters escaped', () => {
    const long = eventOf({
      action: 'deploy',
      code: 1,
      outputs: new Map([['result', 'failure']]),
      error: `deploy-command failed: <script> & ${'x'.repeat(5000)}`,
      environment: 'production',
      version: '9'.repeat(128),
      runner,
    })!;
    const msg = slackMessage(long);
    expect(msg.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context']);
    expect(slackProblems(msg.blocks)).toEqual([]);
    expect(msg.text.length).toBeLessThanOrEqual(SLACK_TEXT_MAX);
    const section = msg.blocks[1] as { text: { text: string } };
    expect(section.text.text).toContain('deploy-command failed: &lt;script&gt; &amp; xxx');
    expect(section.text.text).not.toContain('<script>');
    expect(slackEscape('a <b> & c')).toBe('a &lt;b&gt; &amp; c');
  });

  it('the structural check catches a header that is too long (it can fail)', () => {
    const bad: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }];
    expect(slackProblems(bad)).toEqual(['block 0: header longer than 150']);
  });

  it('Teams: an Adaptive Card 1.4 the Adaptive Cards parser accepts; the parser rejects a broken one', () => {
    const msg = teamsMessage(event()) as { attachments: Array<{ contentType: string; content: unknown }> };
    expect(msg.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(adaptiveCardProblems(msg.attachments[0]!.content)).toEqual([]);
    const content = msg.attachments[0]!.content as { body: unknown[] };
    expect(adaptiveCardProblems({ ...content, body: [...content.body, { type: 'Nonsense' }] })).toEqual([
      'Unknown element type "Nonsense". Fallback will be used if present.',
    ]);
  });

  it('JSON: text and the structured event, with the run, commit and compare links', () => {
    const msg = jsonMessage(event()) as { text: string; event: NotifyEvent };
    expect(msg.event).toMatchObject({
      event: 'deploy.succeeded',
      verdict: 'succeeded',
      ok: true,
      title: 'Deploy succeeded: 1.2.3 to production',
      version: '1.2.3',
      previousVersion: '1.2.2',
      reason: 'Deployed 1.2.3 to production (was 1.2.2)',
      runUrl: 'https://github.com/acme/shop/actions/runs/7',
      commitUrl: `https://github.com/acme/shop/commit/${'c'.repeat(40)}`,
      compareUrl: `https://github.com/acme/shop/compare/${'d'.repeat(40)}...${'c'.repeat(40)}`,
    });
    expect(msg.text.split('\n')[0]).toBe('✅ Deploy succeeded: 1.2.3 to production');
  });

  it.each([
    ['deploy', 'result', 'success', 0, 'deploy.succeeded', true],
    ['deploy', 'result', 'failure', 1, 'deploy.failed', false],
    ['deploy', 'result', 'refused', 1, 'deploy.refused', false],
    ['canary', 'result', 'promoted', 0, 'canary.promoted', true],
    ['canary', 'result', 'aborted', 1, 'canary.aborted', false],
    ['canary', 'result', 'paused', 0, 'canary.paused', true],
    ['rollback', 'result', 'success', 0, 'rollback.done', true],
    ['rollback', 'result', 'failure', 1, 'rollback.failed', false],
    ['gate', 'allowed', 'false', 1, 'gate.refused', false],
  ] as const)('%s %s=%s is the event %s', (action, output, value, code, name, ok) => {
    const e = eventOf({
      action,
      code,
      outputs: new Map([[output, value]]),
      environment: 'production',
      version: '1.0.0',
      runner,
      error: code ? 'it failed' : undefined,
      verdictText: 'what happened',
    });
    expect(e?.event).toBe(name);
    expect(e?.ok).toBe(ok);
    expect(e?.reason).toBe(code ? 'it failed' : 'what happened');
  });

  it('a step that failed before saying its result is a failure of its action', () => {
    expect(eventOf({ action: 'deploy', code: 1, outputs: new Map(), environment: 'p', runner, error: 'GitHub answered 502' })?.event).toBe(
      'deploy.failed',
    );
    expect(eventOf({ action: 'canary', code: 1, outputs: new Map(), environment: 'p', runner, error: 'x' })?.event).toBe('canary.aborted');
  });

  it('no event for a dry run or a rollback with nothing to do; a gate refusal is one', () => {
    expect(eventOf({ action: 'deploy', code: 0, outputs: new Map([['result', 'dry-run']]), environment: 'p', runner })).toBeUndefined();
    expect(
      eventOf({ action: 'rollback', code: 0, outputs: new Map([['result', 'already-rolled-back']]), environment: 'p', runner }),
    ).toBeUndefined();
    expect(eventOf({ action: 'gate', code: 0, outputs: new Map([['allowed', 'true']]), environment: 'p', runner })).toBeUndefined();
    expect(
      eventOf({
        action: 'gate',
        code: 1,
        outputs: new Map([
          ['allowed', 'false'],
          ['reasons', 'freeze: in force'],
        ]),
        environment: 'p',
        runner,
        error: 'x',
      })?.event,
    ).toBe('gate.refused');
  });
});

describe('notify delivery', () => {
  it('Retry-After in seconds or as a date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs(null)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });

  it('a 429 with Retry-After waits as asked, then delivers', async () => {
    const times: number[] = [];
    const server = createServer((req, res) => {
      times.push(Date.now());
      req.resume();
      if (times.length === 1) res.writeHead(429, { 'retry-after': '1' }).end();
      else res.writeHead(204).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
      const result = await deliver(
        { url, format: 'json', line: 1 },
        { text: 'hi' },
        { timeoutMs: 2000, tries: 3, backoffMs: 10, maxWaitMs: 5000 },
      );
      expect(result).toEqual({ ok: true, tries: 2 });
      expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('a refused connection is retried, then reported without the address', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    const result = await deliver(
      { url: `http://127.0.0.1:${port}/tok`, format: 'json', line: 1 },
      {},
      { timeoutMs: 1000, tries: 2, backoffMs: 10, maxWaitMs: 100 },
    );
    expect(result).toEqual({ ok: false, tries: 2, problem: 'network error ECONNREFUSED' });
  });
});
