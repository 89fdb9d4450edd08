// Runs a prepared workflow: each job in `needs` order when its `if:` holds (the status functions
// answering for its ancestors), a job that calls a workflow runs that workflow's jobs.
import type { WorkflowJob } from '@actions/workflow-parser/model/workflow-template';
import { isMapping } from '@actions/workflow-parser';
import { asString, condition, type Contexts, type Json } from './expressions.js';
import { resolveInputs, resolveSecrets } from './inputs.js';
import { concurrencyOf, runJob } from './job.js';
import { acquire } from './lock.js';
import type { Plan } from './plan.js';
import type { JobOutcome, Result, RunState } from './state.js';
import { field, stringMap, valueOf } from './tokens.js';

export interface Call {
  event: string;
  inputs: Record<string, Json>;
  secrets: Record<string, string>;
  /** `release / ` for the jobs of a workflow called by job `release`. */
  prefix: string;
}

export interface WorkflowOutcome {
  result: Exclude<Result, 'skipped'>;
  outputs: Record<string, string>;
}

function ancestors(job: WorkflowJob, byId: Map<string, WorkflowJob>, seen = new Set<string>()): Set<string> {
  for (const need of job.needs ?? []) {
    if (seen.has(need.value)) continue;
    seen.add(need.value);
    ancestors(byId.get(need.value)!, byId, seen);
  }
  return seen;
}

export async function runPlan(state: RunState, plan: Plan, call: Call): Promise<WorkflowOutcome> {
  const { wf } = plan;
  const where = wf.path;
  const secrets = resolveSecrets(wf.template, call.event, call.secrets, where);
  const github = state.github;
  const inputs = resolveInputs(wf, call.event, call.inputs, { github }, where);
  const base: Contexts = { github, inputs, secrets, vars: state.vars, runner: state.runner, strategy: {}, matrix: {} };
  const env = stringMap(wf.template.env, base);
  const defaults = field(wf.raw, 'defaults');

  const group = concurrencyOf(valueOf(wf.template.concurrency, { github, inputs, vars: state.vars }));
  const lock = group
    ? await acquire(group.group, {
        owner: state.runId,
        cancelInProgress: group.cancelInProgress,
        cancellation: state.cancellation,
        onWait: (pid) => state.log.info(`… waiting for concurrency group ${group.group} (held by process ${pid})`),
      })
    : undefined;
  try {
    return await runJobs(state, plan, call, { base, env, github, inputs, defaults });
  } finally {
    lock?.release();
  }
}

interface Shared {
  base: Contexts;
  env: Record<string, string>;
  github: Record<string, Json>;
  inputs: Record<string, Json>;
  defaults: ReturnType<typeof field>;
}

async function runJobs(state: RunState, plan: Plan, call: Call, { base, env, github, inputs, defaults }: Shared): Promise<WorkflowOutcome> {
  const { wf } = plan;
  const byId = new Map(plan.order.map((j) => [j.id.value, j]));
  const outcomes: Record<string, JobOutcome> = {};
  for (const job of plan.order) {
    const id = job.id.value;
    const label = `${call.prefix}${id}`;
    const needs: Record<string, Json> = {};
    for (const need of job.needs ?? [])
      needs[need.value] = { result: outcomes[need.value]!.result, outputs: outcomes[need.value]!.outputs };
    const above = [...ancestors(job, byId)].map((a) => outcomes[a]!.result);
    const cancelled = state.cancellation.cancelled;
    const failure = above.includes('failure');
    const direct = (job.needs ?? []).map((n) => outcomes[n.value]!.result);
    const status = {
      success: !cancelled && !failure && !above.includes('cancelled') && direct.every((r) => r === 'success'),
      failure,
      cancelled,
    };
    const contexts: Contexts = { ...base, env, needs };
    let go: boolean;
    try {
      go = condition(job.if.expression, contexts, status);
    } catch (err) {
      state.log.info(`✗ ${label}: if: ${(err as Error).message}`);
      outcomes[id] = { result: 'failure', outputs: {} };
      state.jobs[label] = outcomes[id];
      continue;
    }
    if (!go) {
      state.log.info(`⤼ job ${label}: skipped (if: ${job.if.expression})`);
      outcomes[id] = { result: 'skipped', outputs: {} };
    } else if (job.type === 'reusableWorkflowJob') {
      outcomes[id] = await runCalled(state, plan.called.get(id)!, job, contexts, `${label} / `);
    } else {
      outcomes[id] = await runJob(state, { job, raw: field(field(wf.raw, 'jobs'), id), label, contexts, defaults });
    }
    state.jobs[label] = outcomes[id];
  }

  const results = Object.values(outcomes).map((o) => o.result);
  const result = state.cancellation.cancelled
    ? 'cancelled'
    : results.includes('failure')
      ? 'failure'
      : results.includes('cancelled')
        ? 'cancelled'
        : 'success';
  const outputs: Record<string, string> = {};
  const defs = field(field(field(wf.raw, 'on'), 'workflow_call'), 'outputs');
  if (call.event === 'workflow_call' && defs) {
    const jobs = Object.fromEntries(Object.entries(outcomes).map(([k, o]) => [k, { result: o.result, outputs: o.outputs }]));
    if (isMapping(defs)) {
      for (const pair of defs)
        outputs[asString(valueOf(pair.key, {}))] = asString(
          valueOf(field(pair.value, 'value'), { github, inputs, vars: state.vars, jobs }),
        );
    }
  }
  return { result, outputs };
}

async function runCalled(
  state: RunState,
  plan: Plan,
  job: Extract<WorkflowJob, { type: 'reusableWorkflowJob' }>,
  contexts: Contexts,
  prefix: string,
): Promise<JobOutcome> {
  const label = prefix.slice(0, -3);
  try {
    const given = (valueOf(job['input-values'], contexts) ?? {}) as Record<string, Json>;
    const secrets = job['inherit-secrets'] ? (contexts.secrets as Record<string, string>) : stringMap(job['secret-values'], contexts);
    state.log.info(`▶ job ${label}: calls ${plan.wf.path}`);
    const outcome = await runPlan(state, plan, { event: 'workflow_call', inputs: given, secrets, prefix });
    state.log.info(`${outcome.result === 'success' ? '✓' : '✗'} job ${label}: ${outcome.result}`);
    return outcome;
  } catch (err) {
    state.log.info(`✗ ${label}: ${(err as Error).message}`);
    return { result: 'failure', outputs: {} };
  }
}
