import { maskUrlCredentials, splitUrlCredentials } from '../core/redact.js';
import { notifyWhenDone } from '../notify/index.js';
import { runAction, type RunOptions } from '../core/run.js';
import { createDriver } from '../drivers/factory.js';
import { openRecords, stateRoot } from '../records/open.js';
import type { Check } from '../checks/schema.js';
import { apply } from './apply.js';
import { verifyMode } from './bake.js';
import { notLive, notLiveWhy, unfinishedBad, type Ctx, type Ending, type Setup } from './ending.js';
import { fields } from './fields.js';
import { chooseTarget } from './target.js';

export { fields, notLiveWhy };

/** Entry of the rollback action: put the environment back on its last good version, by hand or when a trigger fires. */
export function run(opts?: RunOptions): Promise<number> {
  return runAction(
    { name: 'rollback', title: 'shipline rollback', fields, environmentInput: 'environment', cancelledOutputs: { result: 'failure' } },
    rollback,
    opts,
  );
}

async function rollback(ctx: Ctx): Promise<void> {
  notifyWhenDone(ctx, 'rollback');
  ctx.summary.title('Rollback');
  let ending: Ending;
  try {
    const setup = prepare(ctx);
    ending = ctx.settings.bake !== undefined ? await verifyMode(setup, ctx.settings.bake) : await manualMode(setup);
  } catch (err) {
    settle(ctx, undefined);
    throw err;
  }
  settle(ctx, ending);
}

/**
 * The one place `result` is decided: every way out sets it (a failure before any decision
 * included), for `if: failure()` steps; the verdict goes with it. A failure's verdict is the
 * error's own line, unless the failure wrote a better one (ROLLBACK FAILED).
 */
function settle(ctx: Ctx, ending: Ending | undefined): void {
  ctx.setOutput('result', ending?.result ?? 'failure');
  if (ending) ctx.summary.verdict(ending.status, ending.verdict);
}

/** The driver, the records, the URL and its credentials: nothing read from the environment yet. */
function prepare(ctx: Ctx): Setup {
  const s = ctx.settings;
  if (s.url) maskUrlCredentials(s.url);
  if (s.prometheusUrl) maskUrlCredentials(s.prometheusUrl);
  const { url, authorization } = s.url ? splitUrlCredentials(s.url) : { url: undefined, authorization: undefined };
  const root = stateRoot(s.stateDir, ctx.runner);
  const driver = createDriver(s, {
    environment: s.environment,
    stateRoot: root,
    use: 'rollback',
    log: ctx.log,
    exec: ctx.runtime.exec,
    signal: ctx.signal,
    cwd: ctx.runner.workspace,
    timeoutMs: s.timeout,
  });
  const store = openRecords({ token: s.githubToken, runner: ctx.runner, stateDir: root, runtime: ctx.runtime });
  return { ctx, driver, store, checks: s.checks as Check[] | undefined, url, authorization };
}

async function manualMode(setup: Setup): Promise<Ending> {
  const { ctx, store } = setup;
  const s = ctx.settings;
  ctx.setOutput('trigger', 'manual');
  ctx.summary.title(`Rollback of ${s.environment}${s.toVersion ? ` to ${s.toVersion}` : ''}`);
  const choice = await chooseTarget(store.history(s.environment), { environment: s.environment, toVersion: s.toVersion });
  const nl = notLiveWhy(choice, s.fromVersion, s.environment);
  if (nl) return notLive(setup, nl, choice);
  if (choice.kind === 'target') {
    const why = await unfinishedBad(setup, choice.bad);
    if (why) ctx.log.warning(`Deployment ${choice.bad.id} (${choice.bad.payload.version}) never finished; ${why}. Rolling back from it.`);
  }
  const reason = s.reason ?? `rollback requested${ctx.runner.actor ? ` by ${ctx.runner.actor}` : ''}`;
  return apply(setup, choice, reason);
}
