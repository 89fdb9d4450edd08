import { commonFields, environmentField, githubFields, versionField } from '../core/common-fields.js';
import { errorMessage, UserError } from '../core/errors.js';
import * as f from '../core/fields.js';
import { notifyField, notifyWhenDone } from '../notify/index.js';
import { runAction, type RunOptions } from '../core/run.js';
import { readManifestDefaults } from '../records/manifest-defaults.js';
import { openRecords, stateRoot } from '../records/open.js';
import { findPaused } from '../records/pause.js';
import { commitEvidence, successVerdict } from './evidence.js';
import { freezeField, minSoakField, requireSuccessfulField } from './fields.js';
import { freezeVerdict } from './freeze-policy.js';
import { pausedVerdict } from './paused.js';
import { writeReport } from './report.js';
import { soakVerdict } from './soak.js';
import { decide, type PolicyVerdict } from './verdict.js';

export const fields = {
  environment: environmentField(true),
  // The same form as deploy's `version`, so a gate and its deploy name a version alike.
  version: versionField(false),
  manifest: f.string({ form: 'the path of the build manifest written by the build action' }),
  'require-successful': requireSuccessfulField,
  'min-soak': minSoakField,
  freeze: freezeField,
  'override-reason': f.string({ form: 'one line saying why this deploy may pass a freeze', line: true, configurable: false }),
  fail: f.bool({ default: true }),
  'state-dir': f.string({ form: 'a directory path' }),
  notify: notifyField(),
  ...githubFields,
  ...commonFields,
};

const short = (sha: string) => sha.slice(0, 7);

/** Entry of the gate action: may this version go to this environment now? */
export function run(opts?: RunOptions): Promise<number> {
  return runAction(
    { name: 'gate', title: 'shipline gate', fields, environmentInput: 'environment', cancelledOutputs: { allowed: 'false' } },
    async (ctx) => {
      const s = ctx.settings;
      notifyWhenDone(ctx, 'gate');
      const requireSuccessful = s.requireSuccessful ?? [];
      if (s.minSoak !== undefined && requireSuccessful.length === 0)
        throw new UserError(
          'Input "min-soak" needs "require-successful" (from the workflow ' +
            'or the config file): the environments where the soak is measured. ' +
            'Accepted: min-soak with require-successful (min-soak: 1h, require-successful: staging).',
        );
      // The one instant every policy is judged at (the runtime's clock: a test's may be fixed).
      const now = ctx.runtime.clock.now();
      const env = s.environment;
      // With a manifest, the commit and version built: a hotfix checks out another ref than GITHUB_SHA.
      const fromManifest = s.manifest ? await readManifestDefaults(s.manifest) : undefined;
      const version = s.version ?? fromManifest?.version;
      const sha = fromManifest?.commit || ctx.runner.sha || 'local';
      const subject = version ? `${version} (${short(sha)})` : `commit ${short(sha)}`;

      const verdicts: PolicyVerdict[] = [];
      const freeze = freezeVerdict(
        s.freeze ?? [],
        now,
        s.overrideReason ? { reason: s.overrideReason, actor: ctx.runner.actor } : undefined,
      );

      const store = openRecords({
        token: s.githubToken,
        runner: ctx.runner,
        stateDir: stateRoot(s.stateDir, ctx.runner),
        runtime: ctx.runtime,
      });
      const records = store.where;
      const unreadable = (environment: string, policy: string, err: unknown) => {
        // Fail closed: a gate that cannot read its evidence does not allow.
        ctx.setOutput('allowed', 'false');
        ctx.setOutput('reasons', `${policy} (${environment}): the deployment records could not be read`);
        return new UserError(
          `Cannot read the deployment records of ${environment} (${store.where}): ${errorMessage(err)}. ` +
            'The gate does not allow what it cannot check; the token needs `deployments: read`.',
        );
      };
      if (requireSuccessful.length > 0) {
        for (const environment of requireSuccessful) {
          let evidence;
          try {
            evidence = await commitEvidence(store, environment, sha, version);
          } catch (err) {
            throw unreadable(environment, 'require-successful', err);
          }
          verdicts.push(successVerdict(environment, evidence));
          if (s.minSoak !== undefined)
            verdicts.push(
              soakVerdict(
                environment,
                evidence.ok ? evidence.record : undefined,
                { live: evidence.live ?? false, replacedBy: evidence.replacedBy },
                s.minSoak,
                now,
              ),
            );
        }
      } else {
        verdicts.push({ policy: 'require-successful', verdict: 'off', evidence: 'no environments required' });
      }

      if (s.minSoak === undefined) verdicts.push({ policy: 'min-soak', verdict: 'off', evidence: 'no minimum soak time' });
      verdicts.push(freeze);
      try {
        verdicts.push(pausedVerdict(env, await findPaused(store, env)));
      } catch (err) {
        throw unreadable(env, 'paused-canary', err);
      }
      const decision = decide(verdicts);
      ctx.setOutput('allowed', decision.allowed);
      ctx.setOutput('reasons', decision.reasons.join('\n'));
      ctx.setOutput('override-reason', freeze.overrideUsed ? (s.overrideReason ?? '') : '');
      for (const v of verdicts) ctx.log.info(`${v.policy}${v.subject ? ` (${v.subject})` : ''}: ${v.verdict}: ${v.evidence}`);
      if (freeze.overrideUsed)
        ctx.log.warning(`Freeze overridden for ${env}${ctx.runner.actor ? ` by ${ctx.runner.actor}` : ''}: ${s.overrideReason}`);
      else if (s.overrideReason) ctx.log.info('override-reason was given but no freeze window is in force; it was not used.');

      writeReport(ctx.summary, decision, verdicts, {
        subject,
        environment: env,
        commit: sha,
        at: now,
        records,
        dryRun: s.dryRun,
        fail: s.fail,
        runner: ctx.runner,
      });
      if (decision.allowed) return;
      const message = `${subject} may not go to ${env} now: ${decision.reasons.join('; ')}`;
      if (s.dryRun) ctx.log.info(`Dry run: ${message}`);
      // A query (fail: false) is answered, not refused: a log line, no warning annotation.
      else if (!s.fail) ctx.log.info(message);
      else throw new UserError(message);
    },
    opts,
  );
}
