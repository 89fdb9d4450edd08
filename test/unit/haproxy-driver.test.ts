import { describe, expect, it } from 'vitest';
import { HaproxyRuntimeClient } from '../../src/drivers/haproxy/client.js';
import { createHaproxyDriver, DEPLOY_UNSUPPORTED, trafficState } from '../../src/drivers/haproxy/driver.js';

const HEADER =
  '1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port\n';

/** An in-memory runtime API that answers like HAProxy 2.6 and records every command. */
function fakeHaproxy(servers: Record<string, number>, opts: { ignoreSet?: boolean; maint?: string } = {}) {
  const weights = { ...servers };
  const log: string[] = [];
  const totals: number[] = [];
  const send = async (command: string) => {
    log.push(command);
    const m = /^set weight app\/(\S+) (\d+)$/.exec(command);
    if (m) {
      if (!(m[1]! in weights)) return 'No such server.\n\n';
      if (!opts.ignoreSet) weights[m[1]!] = Number(m[2]);
      totals.push(Object.values(weights).reduce((a, b) => a + b, 0));
      return '\n';
    }
    if (command === 'show servers state app') {
      const lines = Object.entries(weights).map(
        ([name, w], i) =>
          `3 app ${i + 1} ${name} 127.0.0.1 2 ${opts.maint === name ? 1 : 0} ${w} 0 1 1 0 2 0 0 0 0 - ${8000 + i} - 0 0 - - 0`,
      );
      return `${HEADER}${lines.join('\n')}\n\n`;
    }
    if (/^show servers state (\S+)$/.test(command)) return "Can't find backend.\n\n";
    return 'Unknown command\n\n';
  };
  return { weights, log, totals, client: new HaproxyRuntimeClient(send) };
}

const settings = { haproxySocket: '/unused.sock', backend: 'app', stableServer: 'stable', canaryServer: 'canary' };

describe('haproxy driver', () => {
  it('moves the canary step by step without the total weight ever reaching 0', async () => {
    const fake = fakeHaproxy({ stable: 100, canary: 0 });
    const driver = createHaproxyDriver(settings, fake.client);
    for (const weight of [10, 50, 100, 25, 0]) {
      const state = await driver.setWeight!(weight);
      expect(state.weight).toBe(weight);
      expect(fake.weights).toEqual({ stable: 100 - weight, canary: weight });
    }
    expect(Math.min(...fake.totals)).toBeGreaterThan(0);
    expect(fake.log.filter((c) => c.startsWith('set weight'))).toEqual([
      'set weight app/canary 10',
      'set weight app/stable 90',
      'set weight app/canary 50',
      'set weight app/stable 50',
      'set weight app/canary 100',
      'set weight app/stable 0',
      'set weight app/stable 75',
      'set weight app/canary 25',
      'set weight app/stable 100',
      'set weight app/canary 0',
    ]);
  });

  it('promotes to 100/0 and aborts to 0/100, twice without harm', async () => {
    const fake = fakeHaproxy({ stable: 75, canary: 25 });
    const driver = createHaproxyDriver(settings, fake.client);
    await driver.promote!();
    expect(fake.weights).toEqual({ stable: 0, canary: 100 });
    await driver.abort!();
    await driver.abort!();
    expect(fake.weights).toEqual({ stable: 100, canary: 0 });
  });

  it('fails when HAProxy reads back other weights than were set', async () => {
    const fake = fakeHaproxy({ stable: 100, canary: 0 }, { ignoreSet: true });
    const driver = createHaproxyDriver(settings, fake.client);
    await expect(driver.setWeight!(10)).rejects.toMatchObject({
      kind: 'mismatch',
      message: 'HAProxy reports app/canary 0 and app/stable 100 after setting 10 and 90',
    });
  });

  it('names the missing server and the ones that exist', async () => {
    const fake = fakeHaproxy({ stable: 100, green: 0 });
    const driver = createHaproxyDriver(settings, fake.client);
    await expect(driver.setWeight!(10)).rejects.toThrow('HAProxy backend app has no server "canary" (servers: stable, green)');
  });

  it('names a missing backend', async () => {
    const fake = fakeHaproxy({ stable: 100, canary: 0 });
    const driver = createHaproxyDriver({ ...settings, backend: 'web' }, fake.client);
    await expect(driver.abort!()).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('refuses weights outside 0-100 before sending anything', async () => {
    const fake = fakeHaproxy({ stable: 100, canary: 0 });
    const driver = createHaproxyDriver(settings, fake.client);
    await expect(driver.setWeight!(101)).rejects.toThrow('canary weight 101 is not an integer from 0 to 100');
    await expect(driver.setWeight!(2.5)).rejects.toThrow('not an integer');
    expect(fake.log).toEqual([]);
  });

  it('reports that a canary in maintenance gets no traffic', async () => {
    const fake = fakeHaproxy({ stable: 100, canary: 0 }, { maint: 'canary' });
    const state = await createHaproxyDriver(settings, fake.client).setWeight!(25);
    expect(state).toMatchObject({ weight: 25, effectiveWeight: 0 });
    expect(state.note).toContain('canary is down or in maintenance');
  });

  it('does not deploy code, and says what to pair it with', async () => {
    const driver = createHaproxyDriver(settings, fakeHaproxy({ stable: 100, canary: 0 }).client);
    await expect(driver.deploy({ environment: 'production', version: '1.2.3', timeoutMs: 1000 })).rejects.toThrow(DEPLOY_UNSUPPORTED);
    expect(driver.planDeploy({ environment: 'production', version: '1.2.3', timeoutMs: 1000 })[0]).toContain('deploy-command');
  });

  it('plans the socket commands of each step', () => {
    const driver = createHaproxyDriver(settings, fakeHaproxy({}).client);
    expect(driver.planTraffic!([10, 100])).toEqual([
      'canary 10% via /unused.sock: set weight app/canary 10; set weight app/stable 90',
      'canary 100% via /unused.sock: set weight app/canary 100; set weight app/stable 0',
    ]);
  });
});

describe('trafficState', () => {
  const server = (name: string, weight: number, adminState = 0) => ({
    backendId: 1,
    backend: 'app',
    serverId: 1,
    server: name,
    address: '127.0.0.1',
    port: 1,
    opState: 2,
    adminState,
    weight,
    initialWeight: 0,
  });
  it.each([
    [server('stable', 90), server('canary', 10), 10, undefined],
    [server('stable', 90, 1), server('canary', 10), 10, 100],
    [server('stable', 0), server('canary', 100), 100, undefined],
    [server('stable', 0), server('canary', 0), 0, undefined],
  ])('%#', (stable, canary, weight, effective) => {
    const state = trafficState({ stable, canary });
    expect(state.weight).toBe(weight);
    expect(state.effectiveWeight).toBe(effective);
  });
});
