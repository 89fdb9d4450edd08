// One step: its env and `if:`, then a `run:` script in bash, a JavaScript action started as the
// runner starts it (`node <main>` with INPUT_* variables), or one of the built-in actions; then
// what it wrote to GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH and GITHUB_STEP_SUMMARY.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import type { Step } from '@actions/workflow-parser/model/workflow-template';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { runBuiltin } from './builtin.js';
import { parseEnvFile, parsePathFile } from './env-files.js';
import { asString, condition, evaluate, type Contexts, type Json, type Status } from './expressions.js';
import { runProcess } from './process.js';
import type { RunState } from './state.js';
import { field, stringMap, valueOf } from './tokens.js';
import { systemClock } from '../core/clock.js';

/** What the steps of a job have done so far. */
export interface StepRecord {
  failed: boolean;
  cancelled: boolean;
  githubEnv: Record<string, string>;
  path: string[];
  steps: Record<string, { outputs: Record<string, string>; outcome: string; conclusion: string }>;
}

export interface StepInput {
  step: Step;
  raw: TemplateToken | undefined;
  index: number;
  label: string;
  contexts: Contexts;
  /** Workflow and job env. */
  env: Record<string, string>;
  temp: string;
  record: StepRecord;
  deadline: number;
  /** The job's and the workflow's `defaults:` (raw), first wins. */
  defaults: (TemplateToken | undefined)[];
  /** The run was cancelled before this job started (an always() job): its steps run as usual. */
  cancelledBefore: boolean;
}

/** `${{ }}` inside an action.yml default (`${{ github.token }}`), through GitHub's evaluator. */
function interpolate(text: string, contexts: Contexts): string {
  return text.replace(/\$\{\{(.*?)\}\}/gs, (_, expr: string) => asString(evaluate(expr.trim(), contexts)));
}

function shellCommand(shell: string, script: string): [string, string[]] {
  if (shell === '') return ['bash', ['-e', script]];
  if (shell === 'bash') return ['bash', ['--noprofile', '--norc', '-eo', 'pipefail', script]];
  if (shell === 'sh') return ['sh', ['-e', script]];
  if (shell.includes('{0}')) {
    const parts = shell.split(/\s+/).map((p) => (p === '{0}' ? script : p));
    return [parts[0]!, parts.slice(1)];
  }
  throw new Error(`shell: ${shell} is not supported here (bash, sh, or a command with {0})`);
}

function runDefault(defaults: (TemplateToken | undefined)[], key: string, contexts: Contexts): string {
  for (const d of defaults) {
    const v = valueOf(field(field(d, 'run'), key), contexts);
    if (v !== null) return asString(v);
  }
  return '';
}

export async function runStep(state: RunState, s: StepInput): Promise<void> {
  const { step, record, label } = s;
  const log = state.log;
  const id = step.id;
  const cancelledNow = state.cancellation.cancelled && !s.cancelledBefore;
  const status: Status = { success: !record.failed && !cancelledNow, failure: record.failed, cancelled: cancelledNow };
  const ctx: Contexts = { ...s.contexts, steps: record.steps as unknown as Json, env: { ...s.env, ...record.githubEnv } };
  const uses = 'uses' in step ? step.uses.value : undefined;
  let name = uses ? `Run ${uses}` : 'run' in step ? `Run ${asString(valueOf(step.run, { ...ctx })).split('\n')[0]}` : `step ${s.index + 1}`;
  const finish = (
    outcome: 'success' | 'failure' | 'skipped' | 'cancelled',
    outputs: Record<string, string> = {},
    continueOnError = false,
  ) => {
    const conclusion = outcome === 'failure' && continueOnError ? 'success' : outcome;
    if (conclusion === 'failure') record.failed = true;
    if (conclusion === 'cancelled') record.cancelled = true;
    record.steps[id] = { outputs, outcome, conclusion };
  };
  let stepEnv: Record<string, string>;
  let run: boolean;
  let continueOnError = false;
  try {
    if (step.name) name = asString(valueOf(step.name, ctx));
    stepEnv = 'env' in step ? stringMap(step.env, ctx) : {};
    (ctx.env as Record<string, string>) = { ...(ctx.env as Record<string, string>), ...stepEnv };
    const coe = step['continue-on-error'];
    continueOnError = typeof coe === 'boolean' ? coe : coe ? asString(valueOf(coe, ctx)) === 'true' : false;
    run = 'if' in step && step.if ? condition(step.if.expression, ctx, status) : status.success;
  } catch (err) {
    log.step(label, `::error::${name}: ${(err as Error).message}`);
    finish('failure', {}, continueOnError);
    return;
  }
  if (!run) {
    log.info(`  ⤼ ${label}: ${name} (skipped)`);
    finish('skipped');
    return;
  }
  log.info(`  ▸ ${label}: ${name}`);

  const n = `${s.index}`;
  const files = {
    output: join(s.temp, `output-${n}`),
    env: join(s.temp, `env-${n}`),
    path: join(s.temp, `path-${n}`),
    summary: join(s.temp, `summary-${n}.md`),
  };
  for (const f of Object.values(files)) writeFileSync(f, '');
  const env: NodeJS.ProcessEnv = {
    ...state.baseEnv,
    ...(ctx.env as Record<string, string>),
    GITHUB_JOB: label.split(' / ').pop(),
    GITHUB_ACTION: id,
    GITHUB_OUTPUT: files.output,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: s.temp,
  };
  if (record.path.length > 0) env.PATH = [...record.path, env.PATH ?? ''].join(delimiter);
  const timeoutMinutes = valueOf(field(s.raw, 'timeout-minutes'), ctx);
  const timeoutMs = Math.max(
    1,
    Math.min(timeoutMinutes === null ? Infinity : Number(timeoutMinutes) * 60_000, s.deadline - systemClock.now()),
  );
  const onLine = (line: string) => log.step(label, line);

  let code: number;
  let timedOut = false;
  try {
    if (uses) {
      const action = state.actions.get(uses)!;
      const given = stringMap(field(s.raw, 'with'), ctx);
      if (action.kind === 'builtin') {
        runBuiltin(action.name, { workspace: state.workspace, artifacts: state.artifacts, with: given, print: onLine });
        code = 0;
      } else {
        for (const key of Object.keys(env)) if (key.startsWith('INPUT_')) delete env[key];
        const inputName = (k: string) => `INPUT_${k.replace(/ /g, '_').toUpperCase()}`;
        for (const [k, spec] of Object.entries(action.inputs))
          if (spec.default !== undefined) env[inputName(k)] = interpolate(spec.default, ctx);
        for (const [k, v] of Object.entries(given)) env[inputName(k)] = v;
        env.GITHUB_ACTION_PATH = action.dir;
        ({ code, timedOut } = await runProcess({
          command: process.execPath,
          args: [action.main],
          cwd: state.workspace,
          env,
          onLine,
          cancellation: state.cancellation,
          timeoutMs: isFinite(timeoutMs) ? timeoutMs : undefined,
        }));
      }
    } else {
      const script = asString(valueOf((step as { run: TemplateToken }).run, ctx));
      const shell = asString(valueOf(field(s.raw, 'shell'), ctx)) || runDefault(s.defaults, 'shell', ctx);
      const dir = asString(valueOf(field(s.raw, 'working-directory'), ctx)) || runDefault(s.defaults, 'working-directory', ctx);
      const file = join(s.temp, `run-${n}.sh`);
      writeFileSync(file, script);
      const [command, args] = shellCommand(shell, file);
      ({ code, timedOut } = await runProcess({
        command,
        args,
        cwd: resolve(state.workspace, dir),
        env,
        onLine,
        cancellation: state.cancellation,
        timeoutMs: isFinite(timeoutMs) ? timeoutMs : undefined,
      }));
    }
  } catch (err) {
    log.step(label, `::error::${name}: ${(err as Error).message}`);
    code = 1;
  }

  let outputs: Record<string, string> = {};
  try {
    outputs = parseEnvFile(readFileSync(files.output, 'utf8'), 'GITHUB_OUTPUT');
    Object.assign(record.githubEnv, parseEnvFile(readFileSync(files.env, 'utf8'), 'GITHUB_ENV'));
    record.path.unshift(...parsePathFile(readFileSync(files.path, 'utf8')).reverse());
  } catch (err) {
    log.step(label, `::error::${name}: ${(err as Error).message}`);
    code = code || 1;
  }
  const summary = existsSync(files.summary) ? readFileSync(files.summary, 'utf8').trim() : '';
  if (summary) log.summary(`${label}: ${name}`, summary);
  if (timedOut) log.step(label, `::error::${name}: timed out`);
  const cancelled = state.cancellation.cancelled && !s.cancelledBefore && code !== 0;
  finish(cancelled ? 'cancelled' : code === 0 ? 'success' : 'failure', outputs, continueOnError);
  if (code !== 0)
    log.info(`  ✗ ${label}: ${name} ${cancelled ? 'cancelled' : `failed (exit ${code})`}${continueOnError ? ' (continue-on-error)' : ''}`);
}
