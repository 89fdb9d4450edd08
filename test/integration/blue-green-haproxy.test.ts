// Blue-green through a real HAProxy: slot blue is the stable server, green the canary server; the
// idle server's weight is 0, the live one's 100, read back through the runtime API, so a later
// deploy (another process) knows which slot is live.
import { mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HaproxyRuntimeClient } from '../../src/drivers/haproxy/client.js';
import { haproxyBinary, startHaproxy, type HaproxyServer } from '../helpers/haproxy.js';
import { runAction } from '../helpers/run-action.js';

interface Ledger {
  deployments: { payload: Record<string, unknown>; statuses: { state: string }[] }[];
}

describe.skipIf(!haproxyBinary)(`blue-green through real HAProxy${haproxyBinary ? '' : ' (SKIPPED: haproxy not installed)'}`, () => {
  let dir: string;
  let hap: HaproxyServer;
  const servers: Server[] = [];
  let preview = '';
  const slotFile = (slot: string) => join(dir, `slot-${slot}`);
  const versionOn = (slot: string) => (existsSync(slotFile(slot)) ? readFileSync(slotFile(slot), 'utf8') : '');

  async function listen(handler: (path: string) => string): Promise<number> {
    const server = createServer((req, res) => {
      const body = handler(req.url ?? '/');
      res.writeHead(body ? 200 : 503, { 'x-shipline-version': body || 'none', connection: 'close' }).end(body);
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return (server.address() as { port: number }).port;
  }
  const ledger = () => JSON.parse(readFileSync(join(dir, 'state', 'deployments.json'), 'utf8')) as Ledger;
  const step = (bundle: 'deploy' | 'rollback', inputs: Record<string, string>) =>
    runAction(bundle, {
      inputs: {
        environment: 'production',
        driver: 'haproxy',
        'haproxy-socket': hap.socket,
        'haproxy-backend': hap.backend,
        'stable-server': hap.stableServer,
        'canary-server': hap.canaryServer,
        'deploy-command': `printf '%s' "$SHIPLINE_VERSION" > "${dir}/slot-$SHIPLINE_SLOT"; echo "server $SHIPLINE_SERVER"`,
        'state-dir': join(dir, 'state'),
        ...inputs,
      },
      env: { SHIPLINE_PRINT_SUMMARY: 'false' },
    });
  const deploy = (version: string) =>
    step('deploy', { version, strategy: 'blue-green', 'preview-url': `${preview}/{{slot}}`, checks: '[{name: ready, path: /}]' });
  async function answers(n = 12): Promise<Set<string>> {
    const seen = new Set<string>();
    for (let i = 0; i < n; i++) {
      const res = await fetch(hap.url, { headers: { connection: 'close' } });
      seen.add(await res.text());
    }
    return seen;
  }
  const weights = async () => {
    const api = HaproxyRuntimeClient.connect(hap.socket);
    return Object.fromEntries((await api.serversState(hap.backend)).map((s) => [s.server, s.weight]));
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shipline-bg-hap-'));
    const blue = await listen(() => versionOn('blue'));
    const green = await listen(() => versionOn('green'));
    const router = await listen((path) => versionOn(/^\/(blue|green)/.exec(path)?.[1] ?? 'none'));
    preview = `http://127.0.0.1:${router}`;
    hap = await startHaproxy({ stablePort: blue, canaryPort: green });
  });
  afterAll(async () => {
    await hap?.stop();
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    rmSync(dir, { recursive: true, force: true });
  });

  it('deploys to the idle server (weight 0), checks it, then sets its weight to 100 and the live one to 0', async () => {
    // HAProxy starts with the stable server (blue) live, so the first version goes to green.
    const first = await deploy('1.0.0');
    expect(first.code, first.stdout).toBe(0);
    expect(first.outputs).toMatchObject({ result: 'success', slot: 'green', 'preview-url': `${preview}/green` });
    expect(first.stdout).toContain('server canary');
    expect(await weights()).toEqual({ stable: 0, canary: 100 });
    expect(await answers()).toEqual(new Set(['1.0.0']));

    const second = await deploy('2.0.0');
    expect(second.code, second.stdout).toBe(0);
    expect(second.outputs).toMatchObject({ slot: 'blue', 'previous-version': '1.0.0' });
    expect(await weights()).toEqual({ stable: 100, canary: 0 });
    expect(await answers()).toEqual(new Set(['2.0.0']));
    expect(versionOn('green')).toBe('1.0.0');
    expect(ledger().deployments[1]!.payload).toMatchObject({ strategy: 'blue-green', slot: 'blue', previousSlot: 'green' });
  });

  it('rollback switches the weights back to the server that still runs the target (deploy-command would fail)', async () => {
    const run = await step('rollback', { reason: 'bad', 'deploy-command': 'exit 9' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ result: 'success', version: '1.0.0', 'from-version': '2.0.0' });
    expect(await weights()).toEqual({ stable: 0, canary: 100 });
    expect(await answers()).toEqual(new Set(['1.0.0']));
    expect(ledger().deployments.at(-1)!.payload).toMatchObject({ by: 'rollback', slot: 'green' });
  });

  it('a canary while green (the canary server) is live is refused before any change; traffic stays on green', async () => {
    // After the rollback above, green (canary-server) carries all traffic with 1.0.0.
    expect(await weights()).toEqual({ stable: 0, canary: 100 });
    const run = await runAction('canary', {
      inputs: {
        environment: 'production',
        version: '3.0.0',
        driver: 'haproxy',
        'haproxy-socket': hap.socket,
        'haproxy-backend': hap.backend,
        'stable-server': hap.stableServer,
        'canary-server': hap.canaryServer,
        'deploy-command': `printf '%s' "$SHIPLINE_VERSION" > "${dir}/slot-green"`,
        'probe-url': `${preview}/green`,
        steps: '50,100',
        'step-duration': '1s',
        'analysis-interval': '500ms',
        'state-dir': join(dir, 'state'),
      },
      env: { SHIPLINE_PRINT_SUMMARY: 'false' },
    });
    expect(run.code, run.stdout).toBe(1);
    expect(run.outputs.result).toBe('aborted');
    expect(run.errors.join('\n')).toMatch(
      /canary-server\) carries all traffic.*blue-green deploy that made slot green live.*Nothing was changed\. Deploy with strategy: blue-green, or switch back to blue/,
    );
    expect(run.stdout).not.toMatch(/Restoring stable after the error failed/);
    // Neither the weights nor the version on the live server moved.
    expect(await weights()).toEqual({ stable: 0, canary: 100 });
    expect(versionOn('green')).toBe('1.0.0');
    expect(await answers()).toEqual(new Set(['1.0.0']));
  });
});
