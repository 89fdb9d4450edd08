import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMetricsApp, type MetricsApp } from '../helpers/metrics-app.js';
import { runInProcess } from '../helpers/in-process.js';
import { runAction, type ActionRun } from '../helpers/run-action.js';
import { startWebhookReceiver, type Answer, type WebhookReceiver } from '../helpers/webhook-receiver.js';

// The notify input through the built deploy, canary, rollback and gate bundles, to loopback
// webhook receivers. The helper runs with GITHUB_REPOSITORY acme/shop, GITHUB_RUN_ID 4242, GITHUB_SHA a x 40.
const TOKEN = 'T0KEN-s3cr3t-9f8e7d6c5b4a';
const RUN_URL = 'https://github.com/acme/shop/actions/runs/4242';
const SHA = 'a'.repeat(40);
const PREVIOUS_SHA = 'b'.repeat(40);

const receivers: WebhookReceiver[] = [];
async function receiver(answer?: (n: number) => Answer): Promise<WebhookReceiver> {
  const r = await startWebhookReceiver(answer);
  receivers.push(r);
  return r;
}
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'shipline-notify-'));
});

function workspace(name: string) {
  const cwd = join(dir, name);
  mkdirSync(cwd, { recursive: true });
  return cwd;
}

const deploy = (cwd: string, inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runAction('deploy', {
    cwd,
    inputs: { environment: 'production', 'state-dir': join(cwd, 'state'), 'deploy-command': 'true', ...inputs },
    env,
  });

/** Nothing the step printed, set or wrote holds the webhook's secret path. */
function expectNoUrl(run: ActionRun, r: WebhookReceiver) {
  const port = new URL(r.url).port;
  for (const text of [run.stdout, run.stderr, run.summary, JSON.stringify(run.outputs)]) {
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(`127.0.0.1:${port}`);
  }
}

/** The `::add-mask::` lines leave the runner's log; what is left must not hold the URL. */
const unmasked = (run: ActionRun) => ({
  ...run,
  stdout: run.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n'),
});

type Slack = {
  text: string;
  blocks: Array<{ type: string; text?: { type: string; text: string }; elements?: Array<{ type: string; text: string }> }>;
};

describe('notify', () => {
  it('deploy success: Slack blocks to a slack: webhook, the verdict first, the links; the URL masked and never printed', async () => {
    const r = await receiver();
    const cwd = workspace('slack');
    expect((await deploy(cwd, { version: '1.2.2' }, { GITHUB_SHA: PREVIOUS_SHA })).code).toBe(0);
    const run = await deploy(cwd, { version: '1.2.3', notify: `slack:${r.url}/services/${TOKEN}` });
    expect(run.code, run.stdout).toBe(0);
    expect(r.received).toHaveLength(1);
    expect(r.received[0]!.path).toBe(`/services/${TOKEN}`);
    const body = r.received[0]!.body as Slack;
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context']);
    expect(body.blocks[0]!.text).toEqual({ type: 'plain_text', text: '✅ Deploy succeeded: 1.2.3 to production', emoji: true });
    expect(body.blocks[1]!.text!.text).toContain('*Version:* 1.2.3\n*Environment:* production\n*Previous:* 1.2.2');
    expect(body.blocks[1]!.text!.text).toContain('*Reason:* Deployed 1.2.3 to production (was 1.2.2)');
    expect(body.blocks[2]!.elements![0]!.text).toBe(
      `<${RUN_URL}|Run> · <https://github.com/acme/shop/commit/${SHA}|Commit aaaaaaa> · <https://github.com/acme/shop/compare/${PREVIOUS_SHA}...${SHA}|Compare>`,
    );
    expect(body.text).toContain('Deploy succeeded: 1.2.3 to production');
    // masked: the line as given and the URL without its prefix
    expect(run.stdout).toContain(`::add-mask::slack:${r.url}/services/${TOKEN}`);
    expect(run.stdout).toContain(`::add-mask::${r.url}/services/${TOKEN}`);
    expect(run.stdout).toContain('Notified notify line 1 (slack): deploy.succeeded.');
    expectNoUrl(unmasked(run), r);
  });

  it('a webhook answering 500 then 200 gets the message exactly once', async () => {
    const r = await receiver((n) => (n === 0 ? 500 : 200));
    const run = await deploy(workspace('retry'), { version: '1.0.0', notify: `json:${r.url}/hook/${TOKEN}` });
    expect(run.code).toBe(0);
    expect(r.requests).toBe(2);
    expect(r.received).toHaveLength(1);
    expect(run.stdout).not.toContain('::warning::');
  });

  it('a 404 is a warning without a retry, and the deploy still succeeds', async () => {
    const r = await receiver(() => 404);
    const run = await deploy(workspace('404'), { version: '1.0.0', notify: `${r.url}/hook/${TOKEN}` });
    expect(run.code).toBe(0);
    expect(run.outputs.result).toBe('success');
    expect(r.requests).toBe(1);
    expect(run.stdout).toContain('::warning::Notification deploy.succeeded to notify line 1 (json) not delivered after 1 try: HTTP 404.');
    expectNoUrl(unmasked(run), r);
  });

  it('a webhook that never answers is bounded: the step ends with a warning after the tries', async () => {
    const r = await receiver(() => 'hang');
    const run = await deploy(
      workspace('hang'),
      { version: '1.0.0', notify: `${r.url}/hook/${TOKEN}` },
      { SHIPLINE_NOTIFY_TIMEOUT: '500ms' },
    );
    expect(run.code).toBe(0);
    expect(r.requests).toBe(3);
    expect(run.stdout).toContain(
      '::warning::Notification deploy.succeeded to notify line 1 (json) not delivered after 3 tries: no answer in time.',
    );
    expectNoUrl(unmasked(run), r);
  });

  it('a failed deploy notifies too, after the error, and the step fails for the deploy alone', async () => {
    const r = await receiver();
    const run = await deploy(workspace('failed'), { version: '1.0.0', 'deploy-command': 'exit 7', notify: `json:${r.url}/hook/${TOKEN}` });
    expect(run.code).toBe(1);
    expect(r.received).toHaveLength(1);
    const body = r.received[0]!.body as { text: string; event: Record<string, unknown> };
    expect(body.event).toMatchObject({
      event: 'deploy.failed',
      verdict: 'failed',
      ok: false,
      version: '1.0.0',
      environment: 'production',
      runUrl: RUN_URL,
    });
    expect(body.event.reason).toMatch(/exit code 7|exited with 7|code 7/);
    expect(body.text.split('\n')[0]).toBe('❌ Deploy failed: 1.0.0 to production');
  });

  it('notify: not-a-url is refused before anything happens', async () => {
    const cwd = workspace('bad');
    const ran = join(cwd, 'ran');
    const r = await receiver();
    const run = await deploy(cwd, { version: '1.0.0', 'deploy-command': `touch "${ran}"`, notify: `${r.url}/ok/${TOKEN}\nnot-a-url` });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([
      `::error::Input "notify": line 2 is not a URL. Accepted: webhook URLs, one a line (https://hooks.slack.com/services/..., a Teams workflow URL, any other https URL for JSON), each optionally prefixed with slack:, teams: or json:.`,
    ]);
    expect(() => readFileSync(ran)).toThrow();
    expect(run.outputs).toEqual({});
    expect(r.requests).toBe(0);
    expectNoUrl(unmasked(run), r);
  });

  it('gate refusal: JSON with the refusing policy as the reason', async () => {
    const r = await receiver();
    // In-process, with the runtime's clock fixed on a Wednesday.
    const run = await runInProcess('gate', {
      cwd: workspace('gate'),
      inputs: {
        environment: 'production',
        version: '1.2.3',
        freeze: 'Wed 00:00-23:59 UTC',
        'state-dir': join(dir, 'gate-state'),
        notify: `${r.url}/gate/${TOKEN}`,
      },
      now: '2024-03-27T12:00:00Z',
    });
    expect(run.outputs.allowed).toBe('false');
    expect(r.received).toHaveLength(1);
    const body = r.received[0]!.body as { event: Record<string, unknown> };
    expect(body.event).toMatchObject({ event: 'gate.refused', version: '1.2.3', environment: 'production' });
    expect(body.event.reason).toContain('freeze');
    expectNoUrl(unmasked(run), r);
  });

  it('rollback done: JSON with from and to versions', async () => {
    const r = await receiver();
    const cwd = workspace('rollback');
    expect((await deploy(cwd, { version: '1.0.0' })).code).toBe(0);
    expect((await deploy(cwd, { version: '2.0.0' })).code).toBe(0);
    const run = await runAction('rollback', {
      cwd,
      inputs: {
        environment: 'production',
        'state-dir': join(cwd, 'state'),
        'deploy-command': 'true',
        reason: 'errors after 2.0.0',
        notify: `${r.url}/rb/${TOKEN}`,
      },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs.result).toBe('success');
    expect(r.received).toHaveLength(1);
    const body = r.received[0]!.body as { event: Record<string, unknown> };
    expect(body.event).toMatchObject({ event: 'rollback.done', version: '1.0.0', previousVersion: '2.0.0', environment: 'production' });
    expectNoUrl(unmasked(run), r);
  });

  describe('canary', () => {
    let stable: MetricsApp;
    let bad: MetricsApp;
    beforeAll(async () => {
      stable = await startMetricsApp({ version: '1.0.0', errorRate: 0.005 });
      bad = await startMetricsApp({ version: '2.0.0', errorRate: 0.3 });
    });
    afterAll(async () => {
      await Promise.all([stable?.stop(), bad?.stop()]);
    });

    it('canary abort: an Adaptive Card to a teams: webhook, valid for the Adaptive Cards parser', async () => {
      const r = await receiver();
      const run = await runAction('canary', {
        cwd: workspace('canary'),
        inputs: {
          environment: 'production',
          version: '2.0.0',
          driver: 'command',
          'set-weight-command': 'true',
          'probe-url': bad.url,
          'stable-url': stable.url,
          steps: '50,100',
          'step-duration': '3s',
          'analysis-interval': '500ms',
          'probe-rps': '200',
          notify: `teams:${r.url}/workflows/${TOKEN}`,
        },
      });
      expect(run.outputs.result).toBe('aborted');
      expect(r.received).toHaveLength(1);
      const msg = r.received[0]!.body as { type: string; attachments: Array<{ contentType: string; content: Record<string, unknown> }> };
      expect(msg.type).toBe('message');
      expect(msg.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
      const card = msg.attachments[0]!.content as { version: string; body: Array<Record<string, unknown>> };
      expect(card.version).toBe('1.4');
      expect(card.body[0]).toMatchObject({ type: 'TextBlock', text: '❌ Canary aborted: 2.0.0 to production' });
      // the reason, with its evidence, on one line
      expect(String(card.body[1]!.text)).toMatch(
        /^Canary 2\.0\.0 in production aborted: baseline-error-rate: .*\(\d+\/\d+ vs stable \d+\/\d+;.*All traffic is back on stable\.$/,
      );
      expect(card.body[2]).toEqual({
        type: 'FactSet',
        facts: [
          { title: 'Version', value: '2.0.0' },
          { title: 'Environment', value: 'production' },
          { title: 'Repository', value: 'acme/shop' },
        ],
      });
      expect(card.body[3]).toEqual({
        type: 'ActionSet',
        actions: [
          { type: 'Action.OpenUrl', title: 'Run', url: RUN_URL },
          { type: 'Action.OpenUrl', title: 'Commit aaaaaaa', url: `https://github.com/acme/shop/commit/${SHA}` },
        ],
      });
      expect(card.body.map((b) => b.type)).toEqual(['TextBlock', 'TextBlock', 'FactSet', 'ActionSet']);
      expect(adaptiveCardProblems(card)).toEqual([]);
      expectNoUrl(unmasked(run), r);
    });
  });
});

/** What the Adaptive Cards library reports when it parses and validates a card (unknown types, bad values). */
function adaptiveCardProblems(json: unknown): string[] {
  const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of card.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}
