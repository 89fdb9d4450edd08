/**
 * A small simulation of one run of a workflow, for its failure paths: GitHub's own parser
 * (@actions/workflow-parser) reads the file and turns every `if:` into the expression GitHub
 * evaluates (an `if` without a status function becomes `success() && (...)`); GitHub's own
 * evaluator (@actions/expressions) evaluates the job and step conditions and the job outputs, with
 * the status functions given as functions. Nothing is executed: each step's outcome and outputs
 * come from the scenario (`step`), so a test injects faults and sees which jobs run.
 *
 * Semantics modelled (GitHub's documented ones):
 * - jobs start when all their `needs` are done; a job whose `if` is false is `skipped`;
 * - job level: `success()` is true when every ancestor job (needs, transitively) succeeded and the
 *   run was not cancelled (a skipped ancestor is not a success); `failure()` when any ancestor job
 *   failed; `cancelled()` once the run was cancelled; `always()` always;
 * - step level: `success()` while no earlier step of the job failed and the run is not cancelled;
 *   `failure()` once one failed;
 * - the `needs` context holds the direct needs' `result` and `outputs`; job outputs are evaluated
 *   when the job ends (also when it failed or was cancelled), `''` for what is not set;
 * - a cancellation (a step or a job outcome `cancelled`) cancels the run: jobs that start later
 *   see `cancelled()`; jobs that started earlier (fewer needs deep) do not.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';
import {
  convertWorkflowTemplate,
  isBasicExpression,
  isString,
  NoOperationTraceWriter,
  parseWorkflow,
  type WorkflowTemplate,
} from '@actions/workflow-parser';
import { parse as parseYaml } from 'yaml';

export type Outcome = 'success' | 'failure' | 'cancelled';
export type JobResult = Outcome | 'skipped';

export interface SimStep {
  /** The step's id, else the name of the action it uses (`smoke`, `checkout`), else `run`. */
  key: string;
  /** Whether `key` is the step's own id (only those are in the `steps` context). */
  hasId: boolean;
  /** `owner/repo/path` of the action, without the version; undefined for a `run` step. */
  uses?: string;
  with: Record<string, unknown>;
  run?: string;
  condition: string;
}

export interface SimJob {
  id: string;
  needs: string[];
  condition: string;
  outputs: [string, string | { expr: string }][];
  steps: SimStep[];
}

export interface SimWorkflow {
  file: string;
  jobs: SimJob[];
  /** The workflow_call inputs' defaults. */
  inputDefaults: Record<string, unknown>;
}

/** What a step does in the scenario: its outcome and the outputs it set (also when it failed). */
export interface StepResult {
  outcome: Outcome;
  outputs?: Record<string, string>;
}

export interface Scenario {
  inputs?: Record<string, unknown>;
  /** Jobs that end before any step runs: an approval refused (`failure`), a run cancelled while it waited (`cancelled`). */
  jobs?: Record<string, Outcome>;
  /** Each step that runs: its outcome and outputs. */
  step: (job: SimJob, step: SimStep) => StepResult;
}

export interface StepRun {
  step: SimStep;
  ran: boolean;
  outcome: Outcome | 'skipped';
  outputs: Record<string, string>;
}

export interface JobRun {
  result: JobResult;
  outputs: Record<string, string>;
  steps: StepRun[];
}

export type RunResult = Record<string, JobRun>;

/** Parses a workflow file with GitHub's parser; fails on any error it reports. */
export function loadWorkflow(path: string): Promise<SimWorkflow> {
  return loadWorkflowText(basename(path), readFileSync(path, 'utf8'));
}

/** The same, from the workflow's text. */
export async function loadWorkflowText(name: string, content: string): Promise<SimWorkflow> {
  const path = name;
  const parsed = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (errors.length > 0 || !parsed.value) throw new Error(`${path}: ${errors.join('; ')}`);
  const template: WorkflowTemplate = await convertWorkflowTemplate(parsed.context, parsed.value);
  if (template.errors?.length) throw new Error(`${path}: ${template.errors.map((e) => e.Message).join('; ')}`);
  // `with:` and the inputs' defaults, which the converted template does not keep, from the YAML.
  const raw = parseYaml(content) as {
    on: { workflow_call?: { inputs?: Record<string, { default?: unknown }> } };
    jobs: Record<string, { steps?: { with?: Record<string, unknown> }[] }>;
  };
  const jobs = template.jobs.map((job): SimJob => {
    const id = job.id.value;
    if (job.type !== 'job') throw new Error(`${path}: job ${id} calls a workflow; not simulated`);
    const outputs: SimJob['outputs'] = [];
    for (const { key, value } of job.outputs ?? []) {
      const name = isString(key) ? key.value : String(key);
      outputs.push([name, isBasicExpression(value) ? { expr: value.expression } : isString(value) ? value.value : String(value)]);
    }
    const steps = job.steps.map((step, index): SimStep => {
      const s = step as { id: string; uses?: { value: string }; run?: { toString(): string }; if?: { expression: string } };
      const uses = s.uses?.value.replace(/@.*$/, '');
      const key = !s.id.startsWith('__') ? s.id : uses ? uses.split('/').pop()! : 'run';
      const run = s.run && isString(s.run as never) ? (s.run as unknown as { value: string }).value : undefined;
      return {
        key,
        hasId: !s.id.startsWith('__'),
        ...(uses ? { uses } : {}),
        ...(run !== undefined ? { run } : {}),
        with: raw.jobs[id]?.steps?.[index]?.with ?? {},
        condition: s.if?.expression ?? 'success()',
      };
    });
    return { id, needs: (job.needs ?? []).map((n) => n.value), condition: job.if.expression, outputs, steps };
  });
  const inputDefaults = Object.fromEntries(Object.entries(raw.on.workflow_call?.inputs ?? {}).map(([k, v]) => [k, v?.default ?? '']));
  return { file: name, jobs, inputDefaults };
}

const CONTEXTS = ['github', 'inputs', 'needs', 'steps', 'env', 'secrets', 'runner', 'vars', 'matrix', 'strategy', 'job', 'jobs'];
const STATUS = ['success', 'failure', 'cancelled', 'always'] as const;
type Status = Record<(typeof STATUS)[number], () => boolean>;

/** Evaluates one expression with GitHub's evaluator; the status functions are the given ones. */
export function evaluate(expression: string, context: Record<string, unknown>, status: Status): data.ExpressionData {
  const tokens = new Lexer(expression).lex().tokens;
  const ast = new Parser(
    tokens,
    CONTEXTS,
    STATUS.map((name) => ({ name, minArgs: 0, maxArgs: 0 })),
  ).parse();
  const functions = new Map(
    STATUS.map((name) => [name, { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(status[name]()) }]),
  );
  const dictionary = JSON.parse(JSON.stringify(context), data.reviver) as data.Dictionary;
  return new Evaluator(ast, dictionary, functions).evaluate();
}

/** A job output's text, as the runner stores it: `''` for null, `true`/`false` for booleans. */
function asText(value: data.ExpressionData): string {
  switch (value.kind) {
    case data.Kind.Null:
      return '';
    case data.Kind.Boolean:
      return String((value as data.BooleanData).value);
    case data.Kind.Number:
      return String((value as data.NumberData).value);
    case data.Kind.String:
      return (value as data.StringData).value;
    default:
      return JSON.stringify(value);
  }
}

/** Runs the workflow's jobs in `needs` order under the scenario. */
export function simulate(wf: SimWorkflow, scenario: Scenario): RunResult {
  const byId = new Map(wf.jobs.map((j) => [j.id, j]));
  const depth = new Map<string, number>();
  const depthOf = (id: string): number => {
    if (!depth.has(id)) depth.set(id, Math.max(-1, ...byId.get(id)!.needs.map(depthOf)) + 1);
    return depth.get(id)!;
  };
  const ancestors = (id: string, seen = new Set<string>()): Set<string> => {
    for (const n of byId.get(id)!.needs) if (!seen.has(n)) ancestors(n, seen.add(n));
    return seen;
  };
  const order = [...wf.jobs].sort((a, b) => depthOf(a.id) - depthOf(b.id));
  const inputs = { ...wf.inputDefaults, ...scenario.inputs };
  const github = {
    event_name: 'push',
    ref: 'refs/heads/main',
    server_url: 'https://github.com',
    repository: 'acme/shop',
    run_id: '4242',
    event: { repository: { default_branch: 'main' } },
  };
  const base = {
    github,
    inputs,
    env: {},
    secrets: {},
    vars: {},
    runner: { temp: '/home/runner/work/_temp', os: 'Linux' },
    matrix: {},
    strategy: {},
  };
  const results: RunResult = {};
  /** Depth at which the run was cancelled: jobs starting deeper see cancelled(). */
  let cancelledAt = Infinity;

  for (const job of order) {
    const d = depthOf(job.id);
    const cancelled = d > cancelledAt;
    const before = [...ancestors(job.id)].map((a) => results[a]!.result);
    const needs = Object.fromEntries(job.needs.map((n) => [n, { result: results[n]!.result, outputs: results[n]!.outputs }]));
    const jobStatus: Status = {
      success: () => !cancelled && before.every((r) => r === 'success'),
      failure: () => before.includes('failure'),
      cancelled: () => cancelled,
      always: () => true,
    };
    if (!truthy(evaluate(job.condition, { ...base, needs }, jobStatus))) {
      results[job.id] = { result: 'skipped', outputs: {}, steps: [] };
      continue;
    }
    const preset = scenario.jobs?.[job.id];
    if (preset) {
      if (preset === 'cancelled') cancelledAt = Math.min(cancelledAt, d);
      results[job.id] = { result: preset, outputs: {}, steps: [] };
      continue;
    }
    const steps: StepRun[] = [];
    const stepsContext: Record<string, { outcome: string; conclusion: string; outputs: Record<string, string> }> = {};
    let failed = false;
    // A job that starts after a cancellation (an always() job) runs its steps as usual.
    let jobCancelled = false;
    for (const step of job.steps) {
      const stepStatus: Status = {
        success: () => !failed && !jobCancelled,
        failure: () => failed,
        cancelled: () => jobCancelled,
        always: () => true,
      };
      const runs = truthy(
        evaluate(step.condition, { ...base, needs, steps: stepsContext, job: { status: failed ? 'failure' : 'success' } }, stepStatus),
      );
      const result: StepResult = runs ? scenario.step(job, step) : { outcome: 'success', outputs: {} };
      const run: StepRun = { step, ran: runs, outcome: runs ? result.outcome : 'skipped', outputs: runs ? { ...result.outputs } : {} };
      steps.push(run);
      if (step.hasId) stepsContext[step.key] = { outcome: run.outcome, conclusion: run.outcome, outputs: run.outputs };
      if (run.outcome === 'failure') failed = true;
      if (run.outcome === 'cancelled') {
        jobCancelled = true;
        cancelledAt = Math.min(cancelledAt, d);
      }
    }
    const outputs = Object.fromEntries(
      job.outputs.map(([name, value]) => [
        name,
        typeof value === 'string'
          ? value
          : asText(
              evaluate(
                value.expr,
                { ...base, needs, steps: stepsContext },
                { success: () => true, failure: () => false, cancelled: () => false, always: () => true },
              ),
            ),
      ]),
    );
    results[job.id] = { result: jobCancelled ? 'cancelled' : failed ? 'failure' : 'success', outputs, steps };
  }
  return results;
}
