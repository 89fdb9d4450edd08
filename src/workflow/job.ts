// One job of `runs-on` type: environment approval, concurrency group, then its steps in order.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Job } from '@actions/workflow-parser/model/workflow-template';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { isSequence } from '@actions/workflow-parser';
import { approval } from './approval.js';
import { asString, type Contexts, type Json } from './expressions.js';
import { acquire, type HeldLock } from './lock.js';
import type { JobOutcome, RunState } from './state.js';
import { runStep, type StepRecord } from './step.js';
import { field, stringMap, valueOf } from './tokens.js';
import { systemClock } from '../core/clock.js';

export interface JobInput {
  job: Job;
  raw: TemplateToken | undefined;
  /** `build`, or `release / build` in a called workflow. */
  label: string;
  /** github, inputs, secrets, vars, needs, env (the workflow's), runner, strategy, matrix. */
  contexts: Contexts;
  /** The workflow's `defaults:` (raw), under the job's own. */
  defaults: TemplateToken | undefined;
}

export function concurrencyOf(value: Json): { group: string; cancelInProgress: boolean } | undefined {
  if (value === null || value === '') return undefined;
  if (typeof value === 'string') return { group: value, cancelInProgress: false };
  const v = value as Record<string, Json>;
  return { group: asString(v.group), cancelInProgress: v['cancel-in-progress'] === true || v['cancel-in-progress'] === 'true' };
}

function environmentOf(value: Json): { name: string; url: string } | undefined {
  if (value === null || value === '') return undefined;
  if (typeof value === 'string') return { name: value, url: '' };
  const v = value as Record<string, Json>;
  return { name: asString(v.name), url: asString(v.url) };
}

export async function runJob(state: RunState, input: JobInput): Promise<JobOutcome> {
  const { job, label } = input;
  const log = state.log;
  const contexts: Contexts = { ...input.contexts, steps: {}, job: { status: 'success', services: {}, container: {} } };
  const cancelledAtStart = state.cancellation.cancelled;
  const fail = (message: string): JobOutcome => {
    log.info(`✗ ${label}: ${message}`);
    return { result: 'failure', outputs: {} };
  };

  let jobEnv: Record<string, string>;
  let environment: { name: string; url: string } | undefined;
  let concurrency: { group: string; cancelInProgress: boolean } | undefined;
  try {
    jobEnv = stringMap(job.env, contexts);
    environment = environmentOf(valueOf(job.environment, contexts));
    concurrency = concurrencyOf(valueOf(job.concurrency, contexts));
  } catch (err) {
    return fail((err as Error).message);
  }

  let lock: HeldLock | undefined;
  const cleanups: (() => void)[] = [];
  if (concurrency) {
    lock = await acquire(concurrency.group, {
      owner: state.runId,
      cancelInProgress: concurrency.cancelInProgress,
      cancellation: state.cancellation,
      onWait: (pid) => log.info(`… ${label}: waiting for concurrency group ${concurrency!.group} (held by process ${pid})`),
    });
    if (!lock) return { result: 'cancelled', outputs: {} };
  }
  try {
    if (environment?.name) {
      const answer = await approval(environment.name, label, state.approvals);
      if (!answer.approved) return fail(answer.reason);
      log.info(`✓ ${label}: environment ${environment.name} ${answer.reason}${environment.url ? ` (${environment.url})` : ''}`);
    }
    log.info(`▶ job ${label}`);
    // Each job has a RUNNER_TEMP of its own, emptied when it ends (a hosted job gets a new machine):
    // what a later job needs goes through artifacts or outputs.
    const temp = mkdtempSync(join(state.runDir, 'job-'));
    cleanups.push(() => rmSync(temp, { recursive: true, force: true }));
    contexts.runner = { ...(contexts.runner as Record<string, Json>), temp };
    const rawSteps = field(input.raw, 'steps');
    const jobEnvAll = { ...(contexts.env as Record<string, string>), ...jobEnv };
    const record: StepRecord = { failed: false, cancelled: false, githubEnv: {}, path: [], steps: {} };
    const timeout = Number(valueOf(field(input.raw, 'timeout-minutes'), contexts) ?? 360);
    const deadline = systemClock.now() + timeout * 60_000;
    for (let i = 0; i < job.steps.length; i++) {
      const raw = rawSteps && isSequence(rawSteps) ? rawSteps.get(i) : undefined;
      await runStep(state, {
        step: job.steps[i]!,
        raw,
        index: i,
        label,
        contexts,
        env: jobEnvAll,
        temp,
        record,
        deadline,
        defaults: [field(input.raw, 'defaults'), input.defaults],
        cancelledBefore: cancelledAtStart,
      });
      (contexts.job as Record<string, Json>).status =
        record.cancelled || (state.cancellation.cancelled && !cancelledAtStart) ? 'cancelled' : record.failed ? 'failure' : 'success';
    }
    const outputs: Record<string, string> = {};
    try {
      for (const [name, value] of Object.entries(
        stringMap(job.outputs, { ...contexts, steps: record.steps as unknown as Json, env: jobEnvAll }),
      )) {
        if (log.redact(value) !== value) log.info(`warning: ${label}: output ${name} holds a secret and is left out`);
        else outputs[name] = value;
      }
    } catch (err) {
      log.info(`✗ ${label}: outputs: ${(err as Error).message}`);
      record.failed = true;
    }
    const result =
      state.cancellation.cancelled && !cancelledAtStart
        ? 'cancelled'
        : record.cancelled
          ? 'cancelled'
          : record.failed
            ? 'failure'
            : 'success';
    log.info(`${result === 'success' ? '✓' : '✗'} job ${label}: ${result}`);
    return { result, outputs };
  } finally {
    for (const c of cleanups) c();
    lock?.release();
  }
}
