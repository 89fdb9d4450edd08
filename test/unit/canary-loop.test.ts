import { describe, expect, it } from 'vitest';
import { createJudge, type Evaluation, type Verdict } from '../../src/verify/index.js';
import { CancelledError, runCanaryLoop, type Clock } from '../../src/canary/loop.js';
import { createTraffic } from '../../src/canary/traffic.js';
import type { TrafficState } from '../../src/drivers/types.js';

/** A clock whose sleeps pass at once, moving virtual time. */
function virtualClock(start = 1_000_000): Clock & { slept: number[] } {
  let t = start;
  const slept: number[] = [];
  return {
    slept,
    now: () => t,
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason;
      slept.push(ms);
      t += ms;
    },
  };
}

function setup(verdicts: Verdict[], opts: { steps?: number[]; samplesPerStep?: number; failureLimit?: number } = {}) {
  const clock = virtualClock();
  const weights: number[] = [];
  let i = 0;
  const judge = createJudge({ failureLimit: opts.failureLimit ?? 3, metrics: ['m'] });
  const sample = async (): Promise<Evaluation[]> => {
    const verdict = verdicts[Math.min(i++, verdicts.length - 1)]!;
    return [{ metric: 'm', value: verdict === 'inconclusive' ? null : 1, at: clock.now(), verdict, reason: verdict }];
  };
  const deps = {
    plan: { steps: opts.steps ?? [10, 50, 100], intervalMs: 500, samplesPerStep: opts.samplesPerStep ?? 4 },
    judge,
    setWeight: async (w: number): Promise<TrafficState> => {
      weights.push(w);
      return { weight: w };
    },
    sample,
    clock,
  };
  return { deps, clock, weights, judge, sampled: () => i };
}

describe('canary control loop', () => {
  it('promotes after every step passed, sampling every interval', async () => {
    const t = setup(['pass']);
    expect(await runCanaryLoop(t.deps)).toBe('promote');
    expect(t.weights).toEqual([10, 50, 100]);
    expect(t.sampled()).toBe(12);
    expect(t.clock.slept.every((ms) => ms === 500)).toBe(true);
    expect(t.judge.finish().outcome).toBe('promoted');
  });

  it('aborts at the failure-limit-th consecutive failing sample, in the first step', async () => {
    const t = setup(['pass', 'fail', 'fail', 'fail', 'pass']);
    expect(await runCanaryLoop(t.deps)).toBe('abort');
    expect(t.weights).toEqual([10]);
    expect(t.sampled()).toBe(4);
    const report = t.judge.finish();
    expect(report).toMatchObject({ outcome: 'aborted', failedMetric: 'm', abort: { cause: 'fail', step: 1 } });
  });

  it('counts samples without data toward the limit: never promotes on missing evidence', async () => {
    const t = setup(['inconclusive']);
    expect(await runCanaryLoop(t.deps)).toBe('abort');
    expect(t.sampled()).toBe(3);
    expect(t.judge.finish().abort).toMatchObject({ cause: 'inconclusive' });
  });

  it('tolerates fewer non-passing samples than the limit within any 2 x limit samples', async () => {
    // Evidence accumulates (actions/canary/README.md, "Evidence"): a step no longer has to end on a pass; 2 of any 6 may miss.
    const t = setup(['inconclusive', 'fail', 'pass', 'pass', 'pass', 'pass', 'fail', 'inconclusive', 'pass', 'pass', 'pass', 'pass']);
    expect(await runCanaryLoop(t.deps)).toBe('promote');
  });

  it.each([
    [['fail', 'fail', 'pass'], 'fail'],
    [['inconclusive', 'inconclusive', 'pass'], 'inconclusive'],
  ] as const)('aborts on %j repeated: a run of non-passing samples broken by single passes', async (pattern, cause) => {
    const t = setup(
      Array.from({ length: 12 }, (_, i) => pattern[i % 3]!),
      { failureLimit: 3 },
    );
    expect(await runCanaryLoop(t.deps)).toBe('abort');
    expect(t.sampled()).toBe(4);
    expect(t.judge.finish().abort).toMatchObject({ cause, reason: expect.stringMatching(/^m: 3 of the last 4 samples did not pass/) });
  });

  it('does not pass a step in which no sample of a metric passed, below the limit', async () => {
    const t = setup(['pass', 'pass', 'inconclusive', 'fail'], { failureLimit: 3, samplesPerStep: 2 });
    expect(await runCanaryLoop(t.deps)).toBe('abort');
    expect(t.judge.finish().abort).toMatchObject({
      step: 2,
      cause: 'fail',
      reason: expect.stringMatching(/m: no sample passed during the step/),
    });
  });

  it('stops with CancelledError when the signal aborts, and moves no more traffic', async () => {
    const t = setup(['pass']);
    const controller = new AbortController();
    let n = 0;
    const sample = t.deps.sample;
    const run = runCanaryLoop({
      ...t.deps,
      signal: controller.signal,
      sample: async () => {
        if (++n === 5) controller.abort(new Error('cancelled by SIGINT'));
        return sample();
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(t.weights).toEqual([10, 50]);
  });

  it('does not pile samples up when sampling is slower than the interval', async () => {
    const t = setup(['pass'], { steps: [100], samplesPerStep: 4 });
    const slow = t.deps.sample;
    await runCanaryLoop({
      ...t.deps,
      sample: async () => {
        await t.clock.sleep(800);
        return slow();
      },
    });
    expect(t.sampled()).toBe(4);
  });
});

describe('canary traffic', () => {
  function fakeDriver() {
    const calls: string[] = [];
    let release: (() => void) | undefined;
    const driver = {
      name: 'fake',
      planDeploy: () => [],
      deploy: async () => ({ details: {} }),
      startCanary: async () => {
        calls.push('start');
        return { details: {} };
      },
      setWeight: async (w: number) => {
        calls.push(`weight ${w}`);
        if (w === 25) await new Promise<void>((r) => (release = r));
        return { weight: w };
      },
      promote: async () => void calls.push('promote'),
      abort: async () => void calls.push('abort'),
    };
    return { driver, calls, release: () => release?.() };
  }

  it('restores only after a weight change under way, and refuses changes after', async () => {
    const f = fakeDriver();
    const traffic = createTraffic(f.driver);
    await traffic.start({ environment: 'e', version: '2', timeoutMs: 1 });
    const moving = traffic.setWeight(25);
    await new Promise((r) => setTimeout(r, 5));
    const restoring = traffic.restore();
    f.release();
    await moving;
    await restoring;
    expect(f.calls).toEqual(['start', 'weight 25', 'abort']);
    expect(traffic.weight).toBe(0);
    await expect(traffic.setWeight(50)).rejects.toThrow(/being restored/);
    await traffic.restore();
    expect(f.calls.filter((c) => c === 'abort')).toHaveLength(1);
    expect(traffic.changes.map((c) => c.what)).toEqual(['start', 'set-weight', 'restore']);
  });

  it('falls back to weight 0 when the driver abort fails, and says so when both fail', async () => {
    const f = fakeDriver();
    const traffic = createTraffic({ ...f.driver, abort: async () => Promise.reject(new Error('socket gone')) });
    await traffic.restore();
    expect(f.calls).toEqual(['weight 0']);
    const broken = createTraffic({
      ...f.driver,
      abort: async () => Promise.reject(new Error('socket gone')),
      setWeight: async () => Promise.reject(new Error('no')),
    });
    await expect(broken.restore()).rejects.toThrow('Could not send traffic back to stable: socket gone');
  });
});
