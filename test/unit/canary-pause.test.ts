import { describe, expect, it } from 'vitest';
import { resolveCanaryOptions, type CanaryInputs } from '../../src/canary/options.js';
import { planCanary, planLines } from '../../src/canary/plan.js';
import { buildReport } from '../../src/canary/report.js';
import { readPaused, resumedWeights } from '../../src/canary/resume.js';
import { checkSteps, formatSteps, stepPlan, stepsField } from '../../src/canary/steps.js';
import { verdictLine, writeCanarySummary } from '../../src/canary/summary.js';
import { Summary } from '../../src/core/summary.js';
import { pausedVerdict } from '../../src/gate/paused.js';
import { LedgerStore } from '../../src/records/ledger.js';
import { findPaused, isPaused, pauseDescription, pausedWeight } from '../../src/records/pause.js';
import type { DeploymentRecord } from '../../src/records/types.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { driverTraits } from '../../src/drivers/factory.js';

describe('steps with a pause', () => {
  it.each([
    ['10,25,pause,100', [10, 25, 'pause', 100], { weights: [10, 25, 100], pauseAfter: 2 }],
    ['25, PAUSE, 100%', [25, 'pause', 100], { weights: [25, 100], pauseAfter: 1 }],
    ['10\n50\npause\n75\n100', [10, 50, 'pause', 75, 100], { weights: [10, 50, 75, 100], pauseAfter: 2 }],
    ['10,50,100', [10, 50, 100], { weights: [10, 50, 100] }],
  ])('accepts %j', (text, steps, plan) => {
    const parsed = stepsField().schema.parse(text);
    expect(parsed).toEqual(steps);
    expect(stepPlan(parsed)).toEqual(plan);
    expect(formatSteps(parsed)).toBe(steps.join(','));
  });

  it('takes a pause from a YAML list too', () => {
    expect(stepsField().schema.parse([25, 'pause', 100])).toEqual([25, 'pause', 100]);
  });

  it.each([
    [['pause', '50', '100'], 0, /pause comes first/],
    [['50', '100', 'pause'], 2, /pause comes last/],
    [['10', 'pause', '50', 'pause', '100'], 3, /a second pause \(the first is step 2\); at most one pause/],
    [['50', 'pause', '25', '100'], 2, /25 does not rise above the step before it \(50\)/],
    [['50', 'pause', 'pause', '100'], 2, /a second pause/],
    [['50', 'paused', '100'], 1, /"paused" is not a whole percentage or pause/],
  ])('refuses %j at index %i', (items, index, message) => {
    const result = checkSteps(items);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.index).toBe(index);
      expect(result.message).toMatch(message);
    }
  });
});

const inputs: CanaryInputs = {
  steps: [10, 25, 'pause', 50, 100],
  stepDuration: 60_000,
  analysisInterval: 10_000,
  failureLimit: 3,
  probeRps: 20,
  maxErrorRate: 0.05,
  maxP95: 2000,
  minRequests: 10,
  baselineTolerance: 0.25,
  confidence: 0.98,
  latencyFloor: 5,
  errorRateFloor: 0.005,
  probeUrl: 'http://127.0.0.1:1',
};

describe('the plan of a canary with a pause', () => {
  const o = resolveCanaryOptions(inputs, driverTraits({ driver: 'haproxy' }));
  const plan = planCanary(o, driverTraits({ driver: 'haproxy' }));

  it('keeps the weights apart from the pause', () => {
    expect([o.steps, o.pauseAfter]).toEqual([[10, 25, 50, 100], 2]);
  });

  it('times the steps after the pause from the resume, which first judges the held weight again', () => {
    expect(plan.steps.map((s) => [s.weight, s.startsAtMs, s.endsAtMs, s.afterPause ?? false])).toEqual([
      [10, 0, 60_000, false],
      [25, 60_000, 120_000, false],
      [50, 60_000, 120_000, true],
      [100, 120_000, 180_000, true],
    ]);
    expect(plan.pause).toEqual({ afterStep: 2, weight: 25, beforeMs: 120_000, afterMs: 180_000 });
    expect(plan).toMatchObject({ timeToPromoteMs: 300_000, worstCaseAbortMs: 180_000 });
  });

  it('says where it pauses and what a resume does, in order', () => {
    const lines = planLines(plan, o);
    expect(lines.slice(0, 5)).toEqual([
      'step 1: weight 10% -> 10% (server weights 90/10); from 0ms to 1m, 6 sample(s) every 10s',
      'step 2: weight 25% -> 25% (server weights 75/25); from 1m to 2m, 6 sample(s) every 10s',
      expect.stringMatching(
        /^pause after step 2 \(2m in\): the canary keeps 25% of traffic .*resume: promote judges 25% again and goes on \(3m more\), resume: abort sends all traffic back to stable$/,
      ),
      'step 3: weight 50% -> 50% (server weights 50/50); from resume + 1m to resume + 2m, 6 sample(s) every 10s',
      'step 4: weight 100% -> 100% (server weights 0/100); from resume + 2m to resume + 3m, 6 sample(s) every 10s',
    ]);
    expect(lines[5]).toBe(
      'promoted 3m after a resume: promote when every step passes (5m of steps in all, plus the wait for the decision)',
    );
  });

  it('a plan without a pause is unchanged', () => {
    const plain = planCanary(
      resolveCanaryOptions({ ...inputs, steps: [10, 25, 50, 100] }, driverTraits({ driver: 'haproxy' })),
      driverTraits({ driver: 'haproxy' }),
    );
    expect(plain.pause).toBeUndefined();
    expect(plain).toMatchObject({ timeToPromoteMs: 240_000, worstCaseAbortMs: 240_000 });
  });

  it('the summary of a paused run says paused and shows the pause in the steps', () => {
    const report = buildReport({
      result: 'paused',
      environment: 'production',
      version: '2.0.0',
      driver: 'haproxy',
      weight: 25,
      reason: 'waiting',
      startedAt: 0,
      finishedAt: 120_000,
      options: o,
      metrics: ['error-rate'],
      traffic: [],
      judged: {
        outcome: 'promoted',
        steps: [
          { step: 1, weight: 10, passed: true, reason: 'ok' },
          { step: 2, weight: 25, passed: true, reason: 'ok' },
        ],
        samples: [],
      } as never,
    });
    expect(verdictLine(report)).toBe(
      'Paused 2.0.0 in production at 25%: 2 steps passed; it keeps 25% of traffic until a run with resume: promote or resume: abort',
    );
    expect(report.settings).toMatchObject({ steps: [10, 25, 50, 100], pauseAfter: 2 });
    expect(report.failedMetric).toBeUndefined();
    const summary = new Summary();
    writeCanarySummary(summary, report, []);
    const text = summary.toString();
    expect(text).toContain('- **steps**: 10%, 25%, pause, 50%, 100%\n');
    expect(text).toContain('- **result**: paused\n');
  });
});

function record(over: Partial<DeploymentRecord> & { description?: string }): DeploymentRecord {
  const { description, ...rest } = over;
  return {
    id: '7',
    environment: 'production',
    sha: 'a'.repeat(40),
    ref: 'refs/heads/main',
    createdAt: '2024-05-01T10:00:00Z',
    payload: {
      version: '2.0.0',
      by: 'canary',
      steps: '10,25,pause,100',
      stableVersion: '1.0.0',
      driver: 'local',
      runUrl: 'https://github.com/acme/shop/actions/runs/1',
    },
    state: 'in_progress',
    statusDescription: description ?? pauseDescription(25, [100]),
    stateAt: '2024-05-01T10:05:00Z',
    ...rest,
  };
}

describe('paused records', () => {
  it('writes and reads the marker', () => {
    expect(pauseDescription(25, [50, 100])).toBe('shipline: paused at 25%; resume to go on to 50%, 100%, or abort');
    expect(isPaused(record({}))).toBe(true);
    expect(pausedWeight(record({}))).toBe(25);
    expect(isPaused(record({ description: 'canary of 2.0.0' }))).toBe(false);
    expect(isPaused(record({ state: 'failure' }))).toBe(false);
    expect(isPaused(record({ payload: { version: '2.0.0', by: 'deploy' } }))).toBe(false);
  });

  it('finds the newest pause, but not one that a later success replaced', async () => {
    const store = new LedgerStore(join(mkdtempSync(join(tmpdir(), 'pause-ledger-')), 'deployments.json'));
    const base = { environment: 'production', sha: 'a'.repeat(40), ref: '' };
    const stable = await store.create({ ...base, payload: { version: '1.0.0', by: 'deploy' } });
    await store.setStatus(stable.id, 'success');
    expect(await findPaused(store, 'production')).toBeUndefined();
    const canary = await store.create({ ...base, payload: { version: '2.0.0', by: 'canary', steps: '25,pause,100' } });
    await store.setStatus(canary.id, 'in_progress', { description: pauseDescription(25, [100]) });
    expect((await findPaused(store, 'production'))?.id).toBe(canary.id);
    const later = await store.create({ ...base, payload: { version: '3.0.0', by: 'deploy' } });
    await store.setStatus(later.id, 'success');
    expect(await findPaused(store, 'production')).toBeUndefined();
  });

  it('reads what a resume needs, and refuses another version or driver', () => {
    const expectFor = { environment: 'production', driver: 'local', decision: 'promote' as const };
    expect(readPaused(record({}), expectFor)).toMatchObject({
      version: '2.0.0',
      stableVersion: '1.0.0',
      steps: [10, 25, 'pause', 100],
      weight: 25,
    });
    expect(() => readPaused(record({}), { ...expectFor, version: '2.0.1' })).toThrow(
      /Input "version" is 2\.0\.1, but the canary paused in production .* is 2\.0\.0: nothing was changed/,
    );
    expect(() => readPaused(record({}), { ...expectFor, driver: 'haproxy' })).toThrow(
      /runs on the local driver, and this run's settings give the haproxy driver/,
    );
    expect(() => readPaused(record({ payload: { version: '2.0.0', by: 'canary' } }), expectFor)).toThrow(
      /does not say which steps follow the pause/,
    );
    expect(resumedWeights([10, 25, 'pause', 50, 100])).toEqual([25, 50, 100]);
  });

  it('the gate refuses while a canary is paused, naming its version and weight', () => {
    expect(pausedVerdict('production', undefined)).toMatchObject({ verdict: 'pass' });
    const v = pausedVerdict('production', record({}));
    expect(v.verdict).toBe('refused');
    expect(v.evidence).toBe(
      'production has a paused canary of 2.0.0 at 25% since 2024-05-01 10:05:00 UTC (deployment 7, https://github.com/acme/shop/actions/runs/1); promote or abort it first (resume: promote or resume: abort)',
    );
  });
});
