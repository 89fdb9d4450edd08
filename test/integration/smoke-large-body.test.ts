// A response far larger than smoke reads: the smoke bundle reads the first 4 MiB, closes the
// connection, judges what it read, and ends with its outputs, summary and one ::error:: line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHugeBodyServer, type HugeBodyServer } from '../helpers/huge-body-server.js';
import { runAction } from '../helpers/run-action.js';

const MiB = 1024 * 1024;
let huge: HugeBodyServer;
beforeAll(async () => {
  huge = await startHugeBodyServer(64 * MiB);
});
afterAll(() => huge.close());

describe('smoke bundle against a body larger than it reads', () => {
  it('passes body-contains on the start, fails json with a clear reason, and stops reading both', async () => {
    const checks = JSON.stringify([
      { name: 'big page', path: '/page', expect: { 'body-contains': 'huge-body-start' } },
      { name: 'big json', path: '/json', expect: { json: { marker: 'huge-body-start' } } },
    ]);
    const run = await runAction('smoke', { inputs: { url: huge.url, checks, attempts: '1', timeout: '30s' } });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ result: 'fail', passed: '1', failed: '1' });
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]).toContain('big json');
    expect(run.summary).toContain('body is larger than 4 MiB, the most smoke reads: not judged as JSON');
    expect(run.summary).toMatch(/\| big page \| ✅ pass \| 200 \|/);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/ERR_STRING_TOO_LONG|failed unexpectedly/);
    await huge.settled();
    expect(huge.stats).toHaveLength(2);
    for (const stats of huge.stats) {
      expect(stats).toMatchObject({ closedEarly: true, finished: false });
      expect(stats.sent).toBeLessThan(40 * MiB);
    }
  });
});
