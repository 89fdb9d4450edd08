// The reusable workflows' failure paths, each job failing in turn, evaluated with GitHub's own
// workflow parser and expression evaluator (test/helpers/workflow-sim.ts): an environment this run
// did not change is never rolled back, and one it changed and then broke is always restored.
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  loadWorkflow,
  simulate,
  type RunResult,
  type SimJob,
  type SimStep,
  type SimWorkflow,
  type StepResult,
} from '../helpers/workflow-sim.js';

const DIR = join(resolve(import.meta.dirname, '..', '..'), '.github', 'workflows');
const VERSION = '1.4.0';

/** A step's scripted result; `changes` says whether a deploy or canary got as far as changing its environment. */
type Fault = StepResult & { changes?: boolean };

/** What each shipline action outputs when it succeeds (the defaults of every scenario). */
function success(step: SimStep): Record<string, string> {
  const action = step.uses?.match(/^shipline\/shipline\/actions\/([a-z]+)$/)?.[1];
  switch (action) {
    case 'build':
      return {
        version: VERSION,
        channel: 'release',
        artifact: `ghcr.io/acme/shop@sha256:${'e'.repeat(64)}`,
        manifest: '/home/runner/work/_temp/shipline-build-manifest-1.json',
      };
    case 'scan':
      return { result: 'pass', sarif: '/home/runner/work/_temp/shipline.sarif', blocking: '0' };
    case 'gate':
      return { allowed: 'true', reasons: '' };
    case 'deploy':
      return {
        result: 'success',
        'deployment-id': '7',
        version: VERSION,
        'previous-version': '1.3.0',
        'environment-url': 'https://example.com',
      };
    case 'canary':
      return { result: 'promoted', weight: '100', 'failed-metric': '' };
    case 'smoke':
      return { result: 'pass' };
    case 'rollback':
      return step.with.bake !== undefined
        ? { result: 'healthy', trigger: '', version: VERSION }
        : { result: 'success', version: '1.3.0', 'from-version': VERSION };
    default:
      return {};
  }
}

const F = {
  fails: { outcome: 'failure', outputs: {} },
  scanBlocks: { outcome: 'failure', outputs: { result: 'fail', sarif: '/home/runner/work/_temp/shipline.sarif', blocking: '2' } },
  /** Refused before any change: another deploy in progress, a paused canary, a promotion missing. */
  deployRefused: { outcome: 'failure', outputs: { result: 'refused', version: VERSION, 'previous-version': '1.3.0' }, changes: false },
  deployFails: {
    outcome: 'failure',
    outputs: { result: 'failure', 'deployment-id': '7', version: VERSION, 'previous-version': '1.3.0' },
    changes: true,
  },
  /** Cancelled while the driver ran: the record says so, `result` may be unset. */
  deployCancelled: { outcome: 'cancelled', outputs: { 'deployment-id': '7', version: VERSION }, changes: true },
  smokeFails: { outcome: 'failure', outputs: { result: 'fail' } },
  notYetOnStaging: { outcome: 'success', outputs: { allowed: 'false', reasons: 'require-successful (staging): no successful deployment' } },
  alreadyOnStaging: { outcome: 'success', outputs: { allowed: 'true', reasons: '' } },
  gateRefuses: { outcome: 'failure', outputs: { allowed: 'false', reasons: 'min-soak (staging): 4m of 10m' } },
  canaryRefused: { outcome: 'failure', outputs: {}, changes: false },
  canaryAborts: { outcome: 'failure', outputs: { result: 'aborted', weight: '0', 'failed-metric': 'error-rate' }, changes: true },
  canaryPaused: { outcome: 'success', outputs: { result: 'paused', weight: '25', 'failed-metric': '' }, changes: true },
  canaryCancelled: { outcome: 'cancelled', outputs: { result: 'aborted', weight: '0' }, changes: true },
  /** Verify mode: a trigger fired and the rollback it did succeeded (the step passes). */
  verifyRolledBack: { outcome: 'success', outputs: { result: 'success', trigger: 'health', version: '1.3.0', 'from-version': VERSION } },
  verifyRollbackFails: { outcome: 'failure', outputs: { result: 'failure', trigger: 'error-rate' } },
  verifyCancelled: { outcome: 'cancelled', outputs: {} },
} satisfies Record<string, Fault>;

interface Case {
  name: string;
  /** Step faults by `job/step` (the step's id, else its action's name). */
  faults?: Record<string, Fault>;
  /** Jobs that end before their steps: an approval refused, a cancel while waiting. */
  jobs?: Record<string, 'failure' | 'cancelled'>;
  inputs?: Record<string, unknown>;
  /** Environments this run changed and then broke: exactly these are rolled back. */
  restores: string[];
  /** Further expected job results. */
  expect?: Record<string, string>;
}

function run(wf: SimWorkflow, c: Case): RunResult {
  return simulate(wf, {
    ...(c.inputs ? { inputs: c.inputs } : {}),
    ...(c.jobs ? { jobs: c.jobs } : {}),
    step: (job: SimJob, step: SimStep): StepResult => {
      const fault = c.faults?.[`${job.id}/${step.key}`];
      if (fault) return { outcome: fault.outcome, outputs: { ...fault.outputs } };
      // A run step that ends with `exit 1` is there to fail the job.
      if (step.run !== undefined) return { outcome: /\bexit 1\s*$/.test(step.run) ? 'failure' : 'success', outputs: {} };
      return { outcome: 'success', outputs: success(step) };
    },
  });
}

const action = (step: SimStep) => step.uses?.match(/^shipline\/shipline\/actions\/([a-z]+)$/)?.[1];
const environmentOf = (step: SimStep) => (typeof step.with.environment === 'string' ? step.with.environment : undefined);
/** Jobs that roll an environment back (the rollback action without `bake`). */
const rollbackJobs = (wf: SimWorkflow) =>
  wf.jobs.flatMap((job) =>
    job.steps
      .filter((s) => action(s) === 'rollback' && s.with.bake === undefined)
      .map((s) => ({ job: job.id, environment: environmentOf(s)! })),
  );

function descendants(wf: SimWorkflow, id: string): Set<string> {
  const out = new Set([id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const j of wf.jobs) if (!out.has(j.id) && j.needs.some((n) => out.has(n))) grew = out.add(j.id).size > 0;
  }
  return out;
}

/**
 * The ground truth, from the scripted steps (not from the workflow's own outputs): which
 * environments this run changed (a deploy or canary got as far as changing it), and which of those
 * it then broke (that job, or a later one acting on the same environment, failed or was cancelled).
 */
function truth(wf: SimWorkflow, c: Case, result: RunResult): { changed: Set<string>; broke: Set<string> } {
  const changed = new Set<string>();
  const broke = new Set<string>();
  const rollbacks = new Set(rollbackJobs(wf).map((r) => r.job));
  for (const job of wf.jobs) {
    for (const s of result[job.id]!.steps) {
      if (!s.ran || !['deploy', 'canary'].includes(action(s.step) ?? '')) continue;
      const fault = c.faults?.[`${job.id}/${s.step.key}`];
      if (fault && fault.changes === false) continue;
      const env = environmentOf(s.step)!;
      changed.add(env);
      for (const later of descendants(wf, job.id)) {
        if (rollbacks.has(later)) continue;
        const acts = wf.jobs.find((j) => j.id === later)!.steps.some((st) => environmentOf(st) === env);
        if (acts && ['failure', 'cancelled'].includes(result[later]!.result)) broke.add(env);
      }
    }
  }
  return { changed, broke };
}

const ran = (result: RunResult) => Object.keys(result).filter((id) => result[id]!.result !== 'skipped');

/** The checks every scenario must pass, then the scenario's own expectations. */
function check(wf: SimWorkflow, c: Case): RunResult {
  const result = run(wf, c);
  const { changed, broke } = truth(wf, c, result);
  const summary = Object.fromEntries(Object.entries(result).map(([id, r]) => [id, r.result]));
  expect([...broke].sort(), `${wf.file} ${c.name}: the environments this run broke`).toEqual([...c.restores].sort());
  const rolledBack = new Set<string>();
  for (const r of rollbackJobs(wf)) {
    const did = result[r.job]!.result !== 'skipped';
    if (did) rolledBack.add(r.environment);
    expect(
      !did || changed.has(r.environment),
      `${wf.file} ${c.name}: job ${r.job} rolls back ${r.environment}, which this run did not change (${JSON.stringify(summary)})`,
    ).toBe(true);
    expect(
      did,
      `${wf.file} ${c.name}: job ${r.job} ${did ? 'ran' : 'did not run'}; ${r.environment} broken: ${broke.has(r.environment)} (${JSON.stringify(summary)})`,
    ).toBe(broke.has(r.environment));
  }
  for (const env of broke)
    expect(rolledBack.has(env), `${wf.file} ${c.name}: ${env} was broken and nothing restores it (${JSON.stringify(summary)})`).toBe(true);
  for (const [job, want] of Object.entries(c.expect ?? {})) expect(result[job]?.result, `${wf.file} ${c.name}: job ${job}`).toBe(want);
  return result;
}

const workflows: Record<string, SimWorkflow> = {};
beforeAll(async () => {
  for (const file of ['release.yml', 'staging.yml', 'hotfix.yml']) workflows[file] = await loadWorkflow(join(DIR, file));
});

const releaseBase = { 'staging/there': F.notYetOnStaging };
const release: Case[] = [
  { name: 'everything passes', restores: [], expect: { verify: 'success', rollback: 'skipped', 'rollback-staging': 'skipped' } },
  { name: 'the build fails', faults: { ...releaseBase, 'build/build': F.fails }, restores: [] },
  {
    name: 'the scan blocks',
    faults: { ...releaseBase, 'scan/scan': F.scanBlocks },
    restores: [],
    expect: { staging: 'skipped', rollback: 'skipped' },
  },
  {
    name: 'the staging deploy is refused (another deploy in progress)',
    faults: { ...releaseBase, 'staging/deploy': F.deployRefused },
    restores: [],
  },
  {
    name: 'the staging deploy fails',
    faults: { ...releaseBase, 'staging/deploy': F.deployFails },
    restores: ['staging'],
    expect: { 'rollback-staging': 'success', rollback: 'skipped' },
  },
  {
    name: 'the staging smoke fails',
    faults: { ...releaseBase, 'staging/smoke': F.smokeFails },
    restores: ['staging'],
    expect: { 'rollback-staging': 'success', gate: 'skipped', rollback: 'skipped' },
  },
  {
    name: 'the staging smoke fails on a commit that was already live there',
    faults: { 'staging/there': F.alreadyOnStaging, 'staging/smoke': F.smokeFails },
    restores: [],
    expect: { 'rollback-staging': 'skipped', rollback: 'skipped' },
  },
  {
    name: 'the gate refuses (soak, freeze)',
    faults: { ...releaseBase, 'gate/gate': F.gateRefuses },
    restores: [],
    expect: { production: 'skipped', rollback: 'skipped', 'rollback-staging': 'skipped' },
  },
  {
    name: 'the production approval is refused',
    faults: releaseBase,
    jobs: { production: 'failure' },
    restores: [],
    expect: { rollback: 'skipped' },
  },
  {
    name: 'the run is cancelled while production waits for approval',
    faults: releaseBase,
    jobs: { production: 'cancelled' },
    restores: [],
    expect: { rollback: 'skipped', 'rollback-staging': 'skipped' },
  },
  {
    name: 'the canary is refused (a canary is paused there)',
    faults: { ...releaseBase, 'production/canary': F.canaryRefused },
    restores: [],
    expect: { rollback: 'skipped' },
  },
  {
    name: 'the canary aborts',
    faults: { ...releaseBase, 'production/canary': F.canaryAborts },
    restores: ['production'],
    expect: { rollback: 'success', verify: 'skipped', 'rollback-staging': 'skipped' },
  },
  {
    name: 'the canary pauses for approval',
    faults: { ...releaseBase, 'production/canary': F.canaryPaused },
    restores: [],
    expect: { production: 'success', verify: 'skipped', rollback: 'skipped' },
  },
  {
    name: 'the run is cancelled during the canary',
    faults: { ...releaseBase, 'production/canary': F.canaryCancelled },
    restores: ['production'],
    expect: { rollback: 'success', 'rollback-staging': 'skipped' },
  },
  {
    name: 'verify finds a regression and rolls back',
    faults: { ...releaseBase, 'verify/verify': F.verifyRolledBack },
    restores: ['production'],
    expect: { verify: 'failure', rollback: 'success' },
  },
  {
    name: "verify's own rollback fails",
    faults: { ...releaseBase, 'verify/verify': F.verifyRollbackFails },
    restores: ['production'],
    expect: { rollback: 'success' },
  },
  {
    name: 'the run is cancelled during the bake',
    faults: { ...releaseBase, 'verify/verify': F.verifyCancelled },
    restores: ['production'],
    expect: { rollback: 'success', 'rollback-staging': 'skipped' },
  },
  {
    name: 'the run is cancelled during the staging deploy',
    faults: { ...releaseBase, 'staging/deploy': F.deployCancelled },
    restores: ['staging'],
    expect: { 'rollback-staging': 'success', rollback: 'skipped' },
  },
];
release[0]!.faults = releaseBase;

const staging: Case[] = [
  { name: 'everything passes', restores: [], expect: { rollback: 'skipped' } },
  { name: 'the build fails', faults: { 'build/build': F.fails }, restores: [], expect: { rollback: 'skipped' } },
  {
    name: 'the scan blocks',
    faults: { 'scan/scan': F.scanBlocks },
    restores: [],
    expect: { 'deploy-staging': 'skipped', rollback: 'skipped' },
  },
  {
    name: 'the deploy is refused (another deploy in progress)',
    faults: { 'deploy-staging/deploy': F.deployRefused },
    restores: [],
    expect: { rollback: 'skipped' },
  },
  { name: 'the deploy fails', faults: { 'deploy-staging/deploy': F.deployFails }, restores: ['staging'], expect: { rollback: 'success' } },
  { name: 'the smoke fails', faults: { 'deploy-staging/smoke': F.smokeFails }, restores: ['staging'], expect: { rollback: 'success' } },
  {
    name: 'the run is cancelled during the deploy',
    faults: { 'deploy-staging/deploy': F.deployCancelled },
    restores: ['staging'],
    expect: { rollback: 'success' },
  },
  {
    name: 'the run is cancelled during the scan',
    faults: { 'scan/scan': { outcome: 'cancelled', outputs: {} } },
    restores: [],
    expect: { rollback: 'skipped' },
  },
];

const hotfix: Case[] = [
  { name: 'the canary passes', restores: [], expect: { production: 'success', rollback: 'skipped' } },
  {
    name: 'the deploy passes (skip-canary)',
    inputs: { 'skip-canary': true },
    restores: [],
    expect: { production: 'success', rollback: 'skipped' },
  },
  { name: 'the build fails', faults: { 'build/build': F.fails }, restores: [] },
  { name: 'the scan blocks', faults: { 'scan/scan': F.scanBlocks }, restores: [], expect: { production: 'skipped', rollback: 'skipped' } },
  { name: 'the production approval is refused', jobs: { production: 'failure' }, restores: [], expect: { rollback: 'skipped' } },
  { name: 'the gate refuses', faults: { 'production/gate': F.gateRefuses }, restores: [], expect: { rollback: 'skipped' } },
  {
    name: 'the deploy is refused',
    inputs: { 'skip-canary': true },
    faults: { 'production/deploy': F.deployRefused },
    restores: [],
    expect: { rollback: 'skipped' },
  },
  {
    name: 'the deploy fails',
    inputs: { 'skip-canary': true },
    faults: { 'production/deploy': F.deployFails },
    restores: ['production'],
    expect: { rollback: 'success' },
  },
  {
    name: 'the smoke fails after the deploy',
    inputs: { 'skip-canary': true },
    faults: { 'production/smoke': F.smokeFails },
    restores: ['production'],
    expect: { rollback: 'success' },
  },
  { name: 'the canary is refused', faults: { 'production/canary': F.canaryRefused }, restores: [], expect: { rollback: 'skipped' } },
  { name: 'the canary aborts', faults: { 'production/canary': F.canaryAborts }, restores: ['production'], expect: { rollback: 'success' } },
  {
    name: 'the smoke fails after the canary',
    faults: { 'production/smoke': F.smokeFails },
    restores: ['production'],
    expect: { rollback: 'success' },
  },
  {
    name: 'the run is cancelled during the canary',
    faults: { 'production/canary': F.canaryCancelled },
    restores: ['production'],
    expect: { rollback: 'success' },
  },
];

describe('failure paths of the reusable workflows (GitHub’s parser and expression evaluator)', () => {
  it.each(release.map((c) => [c.name, c] as const))('release.yml: %s', (_name, c) => {
    check(workflows['release.yml']!, c);
  });
  it.each(staging.map((c) => [c.name, c] as const))('staging.yml: %s', (_name, c) => {
    check(workflows['staging.yml']!, c);
  });
  it.each(hotfix.map((c) => [c.name, c] as const))('hotfix.yml: %s', (_name, c) => {
    check(workflows['hotfix.yml']!, c);
  });

  it('release.yml: a paused canary is not verified, not failed and not rolled back', () => {
    const result = check(workflows['release.yml']!, {
      name: 'paused',
      faults: { ...releaseBase, 'production/canary': F.canaryPaused },
      restores: [],
    });
    expect(result.production!.outputs.result).toBe('paused');
    expect(ran(result).sort()).toEqual(['build', 'gate', 'production', 'scan', 'staging']);
  });

  it('release.yml: a failed staging never touches production, a failed production never touches staging', () => {
    const smoke = check(workflows['release.yml']!, {
      name: 'staging smoke',
      faults: { ...releaseBase, 'staging/smoke': F.smokeFails },
      restores: ['staging'],
    });
    expect(ran(smoke).filter((j) => /rollback/.test(j))).toEqual(['rollback-staging']);
    const canary = check(workflows['release.yml']!, {
      name: 'canary',
      faults: { ...releaseBase, 'production/canary': F.canaryAborts },
      restores: ['production'],
    });
    expect(ran(canary).filter((j) => /rollback/.test(j))).toEqual(['rollback']);
  });

  it.each(['release.yml', 'staging.yml', 'hotfix.yml'])(
    '%s: every rollback names the version this run deployed, and is never itself rolled back',
    (file) => {
      const wf = workflows[file]!;
      const steps = wf.jobs.flatMap((j) => j.steps.filter((s) => action(s) === 'rollback'));
      expect(steps.length).toBeGreaterThan(0);
      for (const s of steps)
        expect(s.with['from-version'], `${file}: a rollback step without from-version`).toBe('${{ needs.build.outputs.version }}');
      const rollbacks = new Set(rollbackJobs(wf).map((r) => r.job));
      for (const job of wf.jobs)
        for (const n of job.needs) expect(rollbacks.has(n), `${file}: job ${job.id} needs the rollback job ${n}`).toBe(false);
    },
  );

  it('hotfix.yml: build, gate, deploy and canary take the commit checked out from the ref (the manifest), not GITHUB_SHA', () => {
    const wf = workflows['hotfix.yml']!;
    const checkouts = wf.jobs
      .filter((j) => j.id === 'build' || j.id === 'scan' || j.id === 'production')
      .map((j) => j.steps.find((s) => s.uses === 'actions/checkout')!);
    for (const c of checkouts) expect(c.with.ref).toBe('${{ inputs.ref }}');
    const production = wf.jobs.find((j) => j.id === 'production')!;
    for (const name of ['gate', 'deploy', 'canary']) {
      const step = production.steps.find((s) => action(s) === name)!;
      expect(step.with.manifest, `${name} without the manifest`).toBe('${{ runner.temp }}/shipline/manifest.json');
      expect(step.with.version, `${name} given a version apart from the manifest`).toBeUndefined();
    }
  });
});
