// `shipline workflow run <file>`: runs a workflow file on this machine as written.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Cancellation } from './cancel.js';
import type { Json } from './expressions.js';
import { fullRef, githubContext } from './github.js';
import { WorkflowError } from './load.js';
import { createLog } from './log.js';
import { prepare } from './plan.js';
import { runPlan } from './run.js';
import type { RunState } from './state.js';
import type { StepAction } from './uses.js';
import { asString } from './expressions.js';
import { field, valueOf } from './tokens.js';
import { systemClock } from '../core/clock.js';

export const USAGE = `usage: shipline workflow run <file> [--event push|workflow_dispatch|workflow_call] [--ref REF]
       [--input name=value ...] [--secret name=value ...] [--var name=value ...] [--approve] [--reject ENVIRONMENT ...]
       [--workspace DIR] [--json] [--verbose]

  --json      the run's result, jobs and outputs as JSON on stdout (the log goes to stderr)
  --verbose   also every sample's line (the canary's per-look lines); a step summary on a
              terminal is shown rendered, its folded sections unfolded`;

const EVENTS = ['push', 'workflow_dispatch', 'workflow_call'];

function pairs(list: string[] | undefined, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const eq = item.indexOf('=');
    if (eq <= 0)
      throw new WorkflowError(
        `${flag === 'secret' ? '--secret (value not shown)' : `--${flag} ${JSON.stringify(item)}`}: expected --${flag} name=value`,
      );
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  interactive: boolean;
  /** Whether a stream is a terminal: step summaries logged to one are rendered for it (else the Markdown as written). */
  isTerminal?: (stream: 'stdout' | 'stderr') => boolean;
}

/** Returns the exit code: 0 the run succeeded, 1 it failed or was cancelled, 2 bad input (nothing run). */
export async function workflowCli(argv: string[], io: CliIo, cancellation = new Cancellation()): Promise<number> {
  let args: ReturnType<typeof parse>;
  const parse = (a: string[]) =>
    parseArgs({
      args: a,
      allowPositionals: true,
      options: {
        event: { type: 'string' },
        ref: { type: 'string' },
        input: { type: 'string', multiple: true },
        secret: { type: 'string', multiple: true },
        var: { type: 'string', multiple: true },
        approve: { type: 'boolean' },
        reject: { type: 'string', multiple: true },
        workspace: { type: 'string' },
        json: { type: 'boolean' },
        verbose: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  const bad = (message: string) => {
    io.stderr(`shipline workflow: ${message}\n${USAGE}\n`);
    return 2;
  };
  try {
    args = parse(argv);
  } catch (err) {
    return bad((err as Error).message);
  }
  const [command, file, ...extra] = args.positionals;
  if (args.values.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (command !== 'run' || !file)
    return bad(command && command !== 'run' ? `unknown command ${JSON.stringify(command)}` : 'which workflow file?');
  if (extra.length > 0) return bad(`unexpected argument ${JSON.stringify(extra[0])}`);
  const v = args.values;
  const verbose = v.verbose === true;
  // The renderer (and its Markdown library) is loaded only for a terminal.
  const render = io.isTerminal?.(v.json ? 'stderr' : 'stdout') ? (await import('../cli/terminal.js')).render : undefined;
  const log = createLog(v.json ? io.stderr : io.stdout, { verbose, renderSummary: render && ((md) => render(md, { verbose })) });
  const runDir = mkdtempSync(join(tmpdir(), 'shipline-workflow-'));
  try {
    const inputs = pairs(v.input, 'input');
    const secrets = pairs(v.secret, 'secret');
    const vars = pairs(v.var, 'var');
    const workspace = resolve(v.workspace ?? process.cwd());
    const actions = new Map<string, StepAction>();
    const plan = await prepare(resolve(file), workspace, actions);
    const declared = Object.keys(plan.wf.template.events).filter((e) => plan.wf.template.events[e] !== undefined);
    const event = v.event ?? EVENTS.find((e) => declared.includes(e)) ?? declared[0] ?? 'push';
    if (!EVENTS.includes(event)) return bad(`--event ${event}: accepted: ${EVENTS.join(', ')}`);
    if (!declared.includes(event)) throw new WorkflowError(`${file} does not run on ${event} (on: ${declared.join(', ')})`);
    const token = secrets.GITHUB_TOKEN ?? process.env.GITHUB_TOKEN ?? '';
    const ref = fullRef(workspace, v.ref);
    mkdirSync(join(runDir, 'artifacts'), { recursive: true });
    const name = asString(valueOf(field(plan.wf.raw, 'name'), {})) || file;
    const { github, runner, env } = githubContext({ workspace, event, ref, inputs, token, runDir, workflow: name });
    for (const value of [...Object.values(secrets), token]) if (value) log.mask(value);
    const state: RunState = {
      runId: `${process.pid}:${runDir}`,
      workspace,
      github,
      runner,
      baseEnv: env,
      approvals: { approve: v.approve === true, reject: v.reject ?? [], interactive: io.interactive },
      log,
      cancellation,
      runDir,
      artifacts: join(runDir, 'artifacts'),
      actions,
      vars,
      jobs: {},
    };
    const started = systemClock.now();
    log.info(`shipline workflow run ${file}: ${event} on ${ref} (${String(github.sha).slice(0, 12)}) in ${workspace}`);
    const outcome = await runPlan(state, plan, {
      event,
      inputs: inputs as Record<string, Json>,
      secrets: { ...secrets, GITHUB_TOKEN: token },
      prefix: '',
    });
    log.info(`\n━━━━ ${outcome.result} in ${((systemClock.now() - started) / 1000).toFixed(1)} s ━━━━`);
    for (const [label, o] of Object.entries(state.jobs)) log.info(`  ${o.result.padEnd(9)} ${label}`);
    if (v.json) io.stdout(`${JSON.stringify({ result: outcome.result, jobs: state.jobs, outputs: outcome.outputs }, null, 2)}\n`);
    return outcome.result === 'success' ? 0 : 1;
  } catch (err) {
    if (err instanceof WorkflowError) return bad(log.redact(err.message));
    throw err;
  } finally {
    rmSync(runDir, { recursive: true, force: true });
  }
}
