import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HaproxyRuntimeClient } from '../../src/drivers/haproxy/client.js';
import { createHaproxyDriver, type HaproxyTraffic } from '../../src/drivers/haproxy/driver.js';
import { haproxyBinary, startHaproxy, type HaproxyServer } from '../helpers/haproxy.js';
import { runLoad } from '../helpers/load.js';
import { sleep } from '../helpers/real-server.js';
import { startMetricsApp, type MetricsApp } from '../helpers/metrics-app.js';

const title = haproxyBinary
  ? 'haproxy driver against a real HAProxy'
  : 'haproxy driver against a real HAProxy (SKIPPED: the haproxy binary is not installed; apt-get install haproxy)';

describe.skipIf(!haproxyBinary)(title, () => {
  let stable: MetricsApp;
  let canary: MetricsApp;
  let proxy: HaproxyServer;
  let tcpProxy: HaproxyServer;
  let driver: HaproxyTraffic;
  let client: HaproxyRuntimeClient;

  beforeAll(async () => {
    stable = await startMetricsApp({ version: '1.0.0' });
    canary = await startMetricsApp({ version: '1.1.0' });
    [proxy, tcpProxy] = await Promise.all([
      startHaproxy({ stablePort: stable.port, canaryPort: canary.port }),
      startHaproxy({ stablePort: stable.port, canaryPort: canary.port, socket: 'tcp' }),
    ]);
    const settings = { haproxySocket: proxy.socket, backend: proxy.backend, stableServer: 'stable', canaryServer: 'canary' };
    driver = createHaproxyDriver(settings);
    client = HaproxyRuntimeClient.connect(proxy.socket);
  });

  afterAll(async () => {
    await Promise.all([proxy?.stop(), tcpProxy?.stop()]);
    await Promise.all([stable?.stop(), canary?.stop()]);
  });

  /** Requests that reached each app during `send`, by the apps' own counters. */
  async function served(send: () => Promise<unknown>) {
    const before = { stable: stable.counts().total, canary: canary.counts().total };
    await send();
    return { stable: stable.counts().total - before.stable, canary: canary.counts().total - before.canary };
  }

  it('sends all traffic to stable with the configured weights', async () => {
    const split = await served(() => runLoad({ url: proxy.url, rps: 200, seconds: 0.5 }));
    expect(split).toEqual({ stable: 100, canary: 0 });
  });

  it('splits real traffic by the weight set through the socket', async () => {
    const state = await driver.setWeight!(25);
    expect(state.weight).toBe(25);
    expect(await client.getWeight('app', 'canary')).toMatchObject({ current: 25 });
    expect(await client.getWeight('app', 'stable')).toMatchObject({ current: 75 });

    let result: Awaited<ReturnType<typeof runLoad>> | undefined;
    const split = await served(async () => {
      result = await runLoad({ url: proxy.url, rps: 200, seconds: 2 });
    });
    expect(result!.failures).toBe(0);
    expect(result!.statuses).toEqual({ 200: 400 });
    expect(split.stable + split.canary).toBe(400);
    const share = split.canary / 400;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.3);
  });

  it('promotes: all traffic to the canary, read back through the socket', async () => {
    await driver.promote!();
    const servers = await client.serversState('app');
    expect(servers.map((s) => [s.server, s.weight])).toEqual([
      ['stable', 0],
      ['canary', 100],
    ]);
    const split = await served(() => runLoad({ url: proxy.url, rps: 200, seconds: 0.5 }));
    expect(split).toEqual({ stable: 0, canary: 100 });
  });

  it('aborts back to stable, and a second abort changes nothing', async () => {
    await driver.setWeight!(50);
    await driver.abort!();
    await driver.abort!();
    expect(await client.getWeight('app', 'canary')).toMatchObject({ current: 0 });
    expect(await client.getWeight('app', 'stable')).toMatchObject({ current: 100 });
    const split = await served(() => runLoad({ url: proxy.url, rps: 200, seconds: 0.5 }));
    expect(split).toEqual({ stable: 100, canary: 0 });
  });

  it('keeps answering while the weights move (no request without a server)', async () => {
    const load = runLoad({ url: proxy.url, rps: 200, seconds: 1.5 });
    for (const weight of [10, 25, 50, 100, 50, 0, 100, 0]) {
      await driver.setWeight!(weight);
      await sleep(100);
    }
    const result = await load;
    expect(result.failures).toBe(0);
    expect(Object.keys(result.statuses)).toEqual(['200']);
  });

  it('reports that a disabled canary gets no traffic', async () => {
    await client.disableServer('app', 'canary');
    try {
      const state = await driver.setWeight!(10);
      expect(state).toMatchObject({ weight: 10, effectiveWeight: 0 });
    } finally {
      await client.enableServer('app', 'canary');
      await driver.abort!();
    }
  });

  it('works over a TCP admin socket too', async () => {
    const tcpDriver = createHaproxyDriver({
      haproxySocket: tcpProxy.socket,
      backend: 'app',
      stableServer: 'stable',
      canaryServer: 'canary',
    });
    expect(tcpProxy.socket).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    expect((await tcpDriver.setWeight!(30)).weight).toBe(30);
    expect(await HaproxyRuntimeClient.connect(tcpProxy.socket).getWeight('app', 'stable')).toMatchObject({ current: 70 });
  });

  it('names an unknown backend or server clearly', async () => {
    const wrongBackend = createHaproxyDriver({
      haproxySocket: proxy.socket,
      backend: 'web',
      stableServer: 'stable',
      canaryServer: 'canary',
    });
    await expect(wrongBackend.setWeight!(10)).rejects.toThrow("HAProxy: Can't find backend (command `show servers state web`)");
    const wrongServer = createHaproxyDriver({ haproxySocket: proxy.socket, backend: 'app', stableServer: 'stable', canaryServer: 'green' });
    await expect(wrongServer.setWeight!(10)).rejects.toThrow('HAProxy backend app has no server "green" (servers: stable, canary)');
    await expect(client.setWeight('app', 'green', 5)).rejects.toThrow('HAProxy: No such server (command `set weight app/green 5`)');
  });

  it('says the socket is down once HAProxy is gone', async () => {
    const spare = await startHaproxy({ stablePort: stable.port, canaryPort: canary.port });
    const spareDriver = createHaproxyDriver({
      haproxySocket: spare.socket,
      backend: 'app',
      stableServer: 'stable',
      canaryServer: 'canary',
    });
    expect((await spareDriver.setWeight!(5)).weight).toBe(5);
    await spare.stop();
    await expect(spareDriver.abort!()).rejects.toMatchObject({ kind: 'unreachable' });
  });
});
