import { describe, expect, it } from 'vitest';
import { errorFromReply, expectEmptyReply, isServing, parseGetWeight, parseServersState } from '../../src/drivers/haproxy/responses.js';

const STATE = [
  '1',
  '# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port',
  '3 app 1 stable 127.0.0.1 2 0 75 100 1 1 0 2 0 0 0 0 - 18101 - 0 0 - - 0',
  '3 app 2 canary 127.0.0.1 0 1 25 0 1 1 0 0 0 0 0 0 - 18102 - 0 0 - - 0',
  '',
  '',
].join('\n');

describe('parseServersState', () => {
  it('reads servers by column name', () => {
    const servers = parseServersState('show servers state app', STATE);
    expect(servers).toEqual([
      {
        backendId: 3,
        backend: 'app',
        serverId: 1,
        server: 'stable',
        address: '127.0.0.1',
        port: 18101,
        opState: 2,
        adminState: 0,
        weight: 75,
        initialWeight: 100,
      },
      {
        backendId: 3,
        backend: 'app',
        serverId: 2,
        server: 'canary',
        address: '127.0.0.1',
        port: 18102,
        opState: 0,
        adminState: 1,
        weight: 25,
        initialWeight: 0,
      },
    ]);
    expect(servers.map(isServing)).toEqual([true, false]);
  });

  it('reads columns in another order', () => {
    const text =
      '1\n# srv_name be_name srv_uweight srv_iweight be_id srv_id srv_addr srv_op_state srv_admin_state\nweb app 7 9 1 2 10.0.0.1 2 0\n';
    expect(parseServersState('show servers state', text)[0]).toMatchObject({ server: 'web', weight: 7, initialWeight: 9, port: null });
  });

  it.each([
    ["Can't find backend.\n\n", 'not_found'],
    ['Permission denied\n\n', 'permission'],
  ])('turns %j into a %s error', (reply, kind) => {
    expect(() => parseServersState('show servers state nope', reply)).toThrow(expect.objectContaining({ kind }));
  });
});

describe('parseGetWeight', () => {
  it.each([
    ['0 (initial 0)\n\n', { current: 0, initial: 0 }],
    ['25 (initial 100)\n', { current: 25, initial: 100 }],
  ])('parses %j', (reply, expected) => {
    expect(parseGetWeight('get weight app/canary', reply)).toEqual(expected);
  });

  it.each([
    ['No such server.\n\n', 'not_found', 'HAProxy: No such server (command `get weight app/nope`)'],
    ['No such backend.\n\n', 'not_found', 'HAProxy: No such backend (command `get weight app/nope`)'],
    ['Permission denied\n', 'permission', 'level admin'],
    ['', 'rejected', 'refused'],
  ])('turns %j into a %s error', (reply, kind, message) => {
    let caught: unknown;
    try {
      parseGetWeight('get weight app/nope', reply);
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ kind });
    expect((caught as Error).message).toContain(message);
  });
});

describe('expectEmptyReply', () => {
  it('accepts the empty answer of a successful command', () => {
    expect(() => expectEmptyReply('set weight app/canary 10', '\n')).not.toThrow();
  });

  it('keeps HAProxy own words for a refused command', () => {
    expect(() => expectEmptyReply('set weight app/canary 300', 'Absolute weight can only be between 0 and 256 inclusive.\n\n')).toThrow(
      'HAProxy refused `set weight app/canary 300`: Absolute weight can only be between 0 and 256 inclusive.',
    );
  });

  it('names an unknown command', () => {
    expect(errorFromReply('bogus', 'Unknown command, but maybe one of the following ones is a better match:\n  help\n').message).toBe(
      'HAProxy does not know the command `bogus`',
    );
  });
});
