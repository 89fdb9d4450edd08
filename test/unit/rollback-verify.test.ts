import { describe, expect, it } from 'vitest';
import { firedReason, watch, type Reading } from '../../src/rollback/verify.js';

/** A clock that moves only when the watch sleeps, or when a sample takes time. */
function fakeClock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), advance: (ms: number) => void (t += ms) };
}
const health = (verdict: Reading['verdict']): Reading => ({
  trigger: 'health',
  verdict,
  value: verdict === 'fail' ? '/health: 503 in 1 ms' : 'ok',
  threshold: '1 check(s) pass',
});
const errors = (verdict: Reading['verdict'], value = '1%'): Reading => ({ trigger: 'error-rate', verdict, value, threshold: '5%' });

/** Runs the watch over a script of samples (the last one repeats). */
async function run(script: Reading[][], opts: { bakeMs?: number; intervalMs?: number; failureLimit?: number; sampleMs?: number } = {}) {
  const clock = fakeClock();
  let i = 0;
  const result = await watch({
    bakeMs: opts.bakeMs ?? 60_000,
    intervalMs: opts.intervalMs ?? 10_000,
    failureLimit: opts.failureLimit ?? 3,
    now: clock.now,
    sleep: clock.sleep,
    sample: async () => {
      clock.advance(opts.sampleMs ?? 0);
      return script[Math.min(i++, script.length - 1)]!;
    },
  });
  return { ...result, calls: i, end: clock.now() };
}

describe('watch', () => {
  it('bakes the whole period when nothing fails, one sample per interval', async () => {
    const r = await run([[health('pass'), errors('pass')]]);
    expect(r.fired).toBeUndefined();
    expect(r.samples.map((s) => s.at)).toEqual([0, 10_000, 20_000, 30_000, 40_000, 50_000]);
    expect(r.end).toBe(60_000);
  });

  it('fires on the third failing health sample in a row, and stops at once', async () => {
    const r = await run([[health('pass')], [health('pass')], [health('fail')], [health('fail')], [health('fail')], [health('pass')]], {
      bakeMs: 600_000,
    });
    expect(r.fired).toEqual({
      trigger: 'health',
      at: 40_000,
      reason: 'health checks failed 3 times in a row (last: /health: 503 in 1 ms)',
    });
    expect(r.calls).toBe(5);
  });

  it('counts each signal on its own; no data neither counts nor clears a streak', async () => {
    const r = await run(
      [
        [health('fail'), errors('fail', '9%')],
        [health('pass'), errors('none')],
        [health('fail'), errors('fail', '8%')],
        [health('pass'), errors('fail', '7%')],
      ],
      { bakeMs: 600_000 },
    );
    expect(r.fired?.trigger).toBe('error-rate');
    expect(r.fired?.reason).toBe('error rate above 5% 3 times in a row (last: 7%)');
    expect(r.samples).toHaveLength(4);
  });

  it('keeps the schedule when samples are slow, and ends at the bake', async () => {
    const r = await run([[health('pass')]], { bakeMs: 25_000, intervalMs: 10_000, sampleMs: 4_000 });
    expect(r.samples.map((s) => s.at)).toEqual([0, 10_000, 20_000]);
    expect(r.end).toBe(25_000);
  });

  it('a failure limit of 1 fires on the first failing sample', async () => {
    const r = await run([[health('fail')]], { failureLimit: 1 });
    expect(r.fired?.at).toBe(0);
    expect(firedReason(health('fail'), 1)).toBe('health checks failed 1 time in a row (last: /health: 503 in 1 ms)');
  });

  it('fires on a failure broken by single passes: 3 of the last 6 samples', async () => {
    // Evidence accumulates: fail, fail, pass repeated is not a healthy bake.
    const r = await run([[health('fail')], [health('fail')], [health('pass')], [health('fail')], [health('pass')]], { bakeMs: 600_000 });
    expect(r.fired).toEqual({
      trigger: 'health',
      at: 30_000,
      reason: 'health checks failed in 3 of the last 4 samples (last: /health: 503 in 1 ms)',
    });
  });

  it('never fires on missing data alone, and counts it per signal', async () => {
    const seen: string[] = [];
    const clock = fakeClock();
    const r = await watch({
      bakeMs: 60_000,
      intervalMs: 10_000,
      failureLimit: 1,
      now: clock.now,
      sleep: clock.sleep,
      sample: async () => [health('pass'), errors('none')],
      onNoData: (reading) => seen.push(reading.trigger),
    });
    expect(r.fired).toBeUndefined();
    expect(r.samples).toHaveLength(6);
    expect(r.noData).toEqual({ 'error-rate': 6 });
    expect(seen).toEqual(['error-rate']);
  });
});
