// Everything checked before a run starts: the workflow parses, every job in `needs` exists (and
// no cycle), every `uses:` can be run here, every called workflow too, with its required inputs.
import type { Job, ReusableWorkflowJob, WorkflowJob } from '@actions/workflow-parser/model/workflow-template';
import { isString } from '@actions/workflow-parser';
import { loadWorkflow, WorkflowError, type LoadedWorkflow } from './load.js';
import { resolveAction, resolveWorkflow, type StepAction } from './uses.js';

export interface Plan {
  wf: LoadedWorkflow;
  /** Jobs in an order where each comes after its `needs`. */
  order: WorkflowJob[];
  /** The plan of each job that calls a workflow, by job id. */
  called: Map<string, Plan>;
}

const MAX_DEPTH = 4;

function order(wf: LoadedWorkflow): WorkflowJob[] {
  const byId = new Map(wf.template.jobs.map((j) => [j.id.value, j]));
  for (const job of wf.template.jobs) {
    for (const need of job.needs ?? []) {
      if (!byId.has(need.value))
        throw new WorkflowError(
          `${wf.path}: job ${job.id.value} needs ${need.value}, which is not a job of this workflow (jobs: ${[...byId.keys()].join(', ')})`,
        );
    }
  }
  const out: WorkflowJob[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (job: WorkflowJob, path: string[]) => {
    const id = job.id.value;
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw new WorkflowError(`${wf.path}: jobs need each other in a cycle: ${[...path, id].join(' -> ')}`);
    state.set(id, 'visiting');
    for (const need of job.needs ?? []) visit(byId.get(need.value)!, [...path, id]);
    state.set(id, 'done');
    out.push(job);
  };
  for (const job of wf.template.jobs) visit(job, []);
  return out;
}

function stepName(job: Job, index: number): string {
  const name = job.steps[index]!.name;
  return name && isString(name) ? `"${name.value}"` : `${index + 1}`;
}

function checkCall(job: ReusableWorkflowJob, called: LoadedWorkflow, where: string) {
  const defs = called.template.events.workflow_call;
  if (!defs) throw new WorkflowError(`${where}: ${called.path} has no workflow_call trigger, so it cannot be called`);
  const given = new Set<string>();
  for (const pair of job['input-values'] ?? []) given.add(String((pair.key as unknown as { value: unknown }).value));
  for (const name of given)
    if (!(name in (defs.inputs ?? {})))
      throw new WorkflowError(
        `${where}: with: ${name} is not an input of ${called.path} (inputs: ${Object.keys(defs.inputs ?? {}).join(', ')})`,
      );
  for (const [name, def] of Object.entries(defs.inputs ?? {})) {
    if (def.required && def.default === undefined && !given.has(name))
      throw new WorkflowError(`${where}: input ${name} of ${called.path} is required and not given in with:`);
  }
}

export async function prepare(path: string, workspace: string, actions: Map<string, StepAction>, depth = 0): Promise<Plan> {
  const wf = await loadWorkflow(path);
  const plan: Plan = { wf, order: order(wf), called: new Map() };
  for (const job of plan.order) {
    const where = `${wf.path}: job ${job.id.value}`;
    if (job.type === 'reusableWorkflowJob') {
      if (depth + 1 > MAX_DEPTH) throw new WorkflowError(`${where}: workflows call each other more than ${MAX_DEPTH} deep`);
      let file: string;
      try {
        file = resolveWorkflow(job.ref.value, workspace);
      } catch (err) {
        throw new WorkflowError(`${where}: ${(err as Error).message}`);
      }
      const called = await prepare(file, workspace, actions, depth + 1);
      checkCall(job, called.wf, where);
      plan.called.set(job.id.value, called);
      continue;
    }
    if (job.strategy) throw new WorkflowError(`${where}: strategy (matrix) is not supported by this runner`);
    if (job.container || job.services) throw new WorkflowError(`${where}: container and services are not supported by this runner`);
    job.steps.forEach((step, i) => {
      if (!('uses' in step) && !('run' in step))
        throw new WorkflowError(`${where}, step ${stepName(job, i)}: only run: and uses: steps are supported`);
      if (!('uses' in step) || actions.has(step.uses.value)) return;
      try {
        actions.set(step.uses.value, resolveAction(step.uses.value, workspace));
      } catch (err) {
        throw new WorkflowError(`${where}, step ${stepName(job, i)}: ${(err as Error).message}`);
      }
    });
  }
  return plan;
}
