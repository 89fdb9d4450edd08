export const id = 572;
export const ids = [572];
export const modules = {

/***/ 572:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  fields: () => (/* binding */ action_fields),
  run: () => (/* binding */ action_run)
});

// EXTERNAL MODULE: ./build/core/common-fields.js
var common_fields = __webpack_require__(9507);
// EXTERNAL MODULE: ./build/core/duration.js
var duration = __webpack_require__(1420);
// EXTERNAL MODULE: ./build/core/errors.js
var errors = __webpack_require__(2807);
// EXTERNAL MODULE: ./build/core/fields.js
var fields = __webpack_require__(2189);
// EXTERNAL MODULE: ./build/core/redact.js
var redact = __webpack_require__(193);
// EXTERNAL MODULE: ./build/core/run.js + 3 modules
var run = __webpack_require__(5527);
// EXTERNAL MODULE: ./build/drivers/fields.js
var drivers_fields = __webpack_require__(9735);
// EXTERNAL MODULE: ./build/drivers/command.js
var command = __webpack_require__(1081);
// EXTERNAL MODULE: ./build/drivers/factory.js + 13 modules
var factory = __webpack_require__(684);
// EXTERNAL MODULE: ./build/build/version.js
var build_version = __webpack_require__(7599);
;// CONCATENATED MODULE: ./build/deploy/channel.js

/**
 * The channel of a deploy given no build manifest: the build action's rule for an explicit
 * version (push to a branch -> staging, dispatch -> hotfix, pull request -> preview, a tag ->
 * release or prerelease). Undefined where no rule applies (a local run).
 */
function channelOf(runner, version) {
    if (!runner.ref)
        return undefined;
    try {
        return (0,build_version/* resolveVersion */.x)({ eventName: runner.eventName, ref: runner.ref, sha: runner.sha, payload: runner.payload, existingTags: [], override: version }).channel;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./build/deploy/manifest.js
var manifest = __webpack_require__(1913);
// EXTERNAL MODULE: ./build/records/checks.js
var checks = __webpack_require__(260);
// EXTERNAL MODULE: ./build/records/open.js + 4 modules
var records_open = __webpack_require__(367);
// EXTERNAL MODULE: ./build/records/pause.js
var pause = __webpack_require__(1655);
;// CONCATENATED MODULE: ./build/deploy/action.js














const action_fields = {
    environment: (0,common_fields/* environmentField */.CD)(true),
    version: (0,common_fields/* versionField */.FA)(false),
    artifact: (0,common_fields/* artifactField */.lc)(),
    manifest: fields/* string */.Yj({ form: 'the path of the build manifest written by the build action' }),
    url: fields/* url */.OZ(),
    'require-promotion-from': (0,common_fields/* environmentField */.CD)(false),
    timeout: fields/* duration */.p0({ min: 1_000, max: 6 * 3_600_000, default: 600_000 }),
    ...drivers_fields/* driverFields */.O,
    ...common_fields/* githubFields */.bA,
    ...common_fields/* commonFields */.dG,
};
/** Entry of the deploy action: one artifact to one environment, recorded. */
function action_run(opts) {
    return (0,run/* runAction */.C)({ name: 'deploy', title: 'shipline deploy', fields: action_fields, environmentInput: 'environment' }, async (ctx) => {
        const s = ctx.settings;
        if (s.requirePromotionFrom === s.environment)
            throw new errors/* UserError */.yo(`Input "require-promotion-from": ${JSON.stringify(s.requirePromotionFrom)} is the environment being deployed, so no deploy could ever pass it. ` +
                'Accepted: the name of an earlier environment (staging), different from "environment".');
        // The environment URL is shown to everyone who can read the repository (the deployment
        // status), set as an output and printed: credentials in it are masked and never kept.
        if (s.url)
            (0,redact/* maskUrlCredentials */.gn)(s.url);
        const inputUrl = s.url ? (0,redact/* stripUrlCredentials */.um)(s.url) : undefined;
        const fromManifest = s.manifest ? await (0,manifest/* readManifestDefaults */.S)(s.manifest) : undefined;
        const version = s.version ?? fromManifest?.version;
        if (!version)
            throw new errors/* UserError */.yo(`Input "version" is required (or a manifest from the build action). Accepted: ${common_fields/* VERSION_FORM */._b}.`);
        const artifact = s.artifact ?? fromManifest?.artifact;
        const channel = fromManifest?.channel ?? channelOf(ctx.runner, version);
        const env = s.environment;
        const root = (0,records_open/* stateRoot */.o)(s.stateDir, ctx.runner);
        const driver = (0,factory/* createDriver */.f)({ ...s, stateDir: s.driver === 'local' || (0,factory/* driverName */.i)(s) === 'local' ? `${root}/local` : s.stateDir }, {
            environment: env,
            use: 'deploy',
            log: ctx.log,
            signal: ctx.signal,
            cwd: ctx.runner.workspace,
            timeoutMs: s.timeout,
        });
        const store = (0,records_open/* openRecords */.t)({ token: s.githubToken, runner: ctx.runner, stateDir: root, warn: ctx.log.warning });
        // The commit built, as the manifest names it: a hotfix checks out another ref than GITHUB_SHA.
        const sha = fromManifest?.commit || ctx.runner.sha || 'local';
        const ref = fromManifest?.ref || ctx.runner.ref || '';
        ctx.setOutput('version', version);
        ctx.summary.heading(`Deploy ${version} to ${env}`);
        const view = await (0,checks/* environmentView */.be)(store, env);
        const previous = view.current?.payload.version;
        ctx.setOutput('previous-version', previous ?? '');
        if (view.unfinished && (0,pause/* isPaused */.lP)(view.unfinished)) {
            ctx.setOutput('result', 'refused');
            throw new errors/* UserError */.yo(`A canary of ${view.unfinished.payload.version} is paused in ${env} (${view.unfinished.statusDescription}). ` +
                'Resume it (canary with resume: promote) or abort it (resume: abort) before deploying.');
        }
        if (view.unfinished && view.unfinished.payload.runUrl !== ctx.runner.runUrl) {
            const age = Date.now() - Date.parse(view.unfinished.stateAt ?? view.unfinished.createdAt);
            if (age < 2 * s.timeout) {
                ctx.setOutput('result', 'failure');
                throw new errors/* UserError */.yo(`Another deploy to ${env} is still in progress: ${(0,checks/* describeRecord */.TV)(view.unfinished)}${view.unfinished.payload.runUrl ? ` by ${view.unfinished.payload.runUrl}` : ''}. ` +
                    `Wait for it, or serialise deploys with \`concurrency: deploy-${env}\` in the workflow.`);
            }
            ctx.log.warning(`Deployment ${view.unfinished.id} to ${env} has been in progress for ${(0,duration/* formatDuration */.a3)(age)}, twice the timeout: treating it as abandoned.`);
        }
        if (s.requirePromotionFrom) {
            const evidence = await (0,checks/* promotionEvidence */.vc)(store, s.requirePromotionFrom, sha, version);
            if (!evidence.ok) {
                ctx.setOutput('result', 'refused');
                throw new errors/* UserError */.yo(`Refusing to deploy to ${env}: ${evidence.message}.`);
            }
            ctx.log.info(`Promotion evidence: ${evidence.message}`);
        }
        const req = { environment: env, version, artifact, previousVersion: previous, timeoutMs: s.timeout };
        const payload = { version, artifact, channel, runUrl: ctx.runner.runUrl, by: 'deploy' };
        if (s.dryRun) {
            ctx.setOutput('result', 'dry-run');
            ctx.summary.verdict('info', `Dry run: would deploy ${version} to ${env} with the ${driver.name} driver; nothing changed.`);
            ctx.summary.facts([
                ['driver', driver.name],
                ['previous version', previous ?? '(none)'],
                ['records', store.where],
            ]);
            ctx.summary.list(driver.planDeploy(req));
            ctx.summary.list([
                `create deployment: environment ${env}, ref ${sha}, payload ${JSON.stringify(payload)}`,
                'status in_progress, then success or failure',
            ]);
            for (const line of driver.planDeploy(req))
                ctx.log.info(`would ${line}`);
            return;
        }
        const started = Date.now();
        const record = await store.create({ environment: env, sha, ref, payload, description: `shipline deploy ${version}`, productionEnvironment: /^prod/i.test(env) });
        ctx.setOutput('deployment-id', record.id);
        await store.setStatus(record.id, 'in_progress', { description: `deploying ${version}`, logUrl: ctx.runner.runUrl });
        const unregister = ctx.onAbort(async () => {
            await store.setStatus(record.id, 'failure', { description: 'cancelled while deploying', logUrl: ctx.runner.runUrl });
        });
        let outcome;
        try {
            outcome = await ctx.log.group(`Deploying ${version} to ${env} (${driver.name} driver)`, () => driver.deploy(req));
        }
        catch (err) {
            unregister();
            ctx.setOutput('result', 'failure');
            ctx.setOutput('environment-url', inputUrl ?? '');
            const reason = (0,redact/* redactUrls */.sK)((0,errors/* errorMessage */.gJ)(err));
            try {
                await store.setStatus(record.id, 'failure', { description: reason.replace(/\s*\n\s*/g, ' '), environmentUrl: inputUrl, logUrl: ctx.runner.runUrl });
            }
            catch (recordErr) {
                ctx.log.warning(`The failure could not be recorded on deployment ${record.id}: ${(0,errors/* errorMessage */.gJ)(recordErr)}`);
            }
            ctx.summary.verdict('fail', `Deploying ${version} to ${env} failed; ${previous ? `${previous} was running before` : 'nothing was running before'}.`);
            if (err instanceof command/* DriverCommandError */.U) {
                // What the command said last: redacted, and fenced so none of it is read as Markdown.
                ctx.summary.facts([
                    ['command', err.what],
                    ['exit code', err.code],
                    ['deployment', `${record.id} in ${store.where}, marked failure`],
                ]);
                if (err.tail.length)
                    ctx.summary.text(`Last ${err.tail.length} line(s) of ${err.what}'s output:`).code((0,redact/* redactUrls */.sK)(err.tail.join('\n')));
            }
            throw err;
        }
        unregister();
        const environmentUrl = inputUrl ?? (outcome.url ? (0,redact/* stripUrlCredentials */.um)(outcome.url) : undefined);
        ctx.setOutput('environment-url', environmentUrl ?? '');
        try {
            await store.setStatus(record.id, 'success', { description: `${version} deployed`, environmentUrl, logUrl: ctx.runner.runUrl });
        }
        catch (err) {
            ctx.setOutput('result', 'failure');
            throw new errors/* UserError */.yo(`${version} was deployed to ${env}, but its record (deployment ${record.id}) could not be marked successful: ${(0,errors/* errorMessage */.gJ)(err)}. ` +
                'The environment runs the new version; rollback and gates will not see it until the record is fixed.');
        }
        ctx.setOutput('result', 'success');
        ctx.summary.verdict('pass', `Deployed ${version} to ${env}${previous ? ` (was ${previous})` : ''}`);
        ctx.summary.facts([
            ['driver', driver.name],
            ['artifact', artifact],
            ['environment URL', environmentUrl],
            ['deployment', `${record.id} in ${store.where}`],
            ['took', `${Date.now() - started} ms`],
            ...Object.entries(outcome.details).map(([k, v]) => [k, String(v)]),
        ]);
        if (store.kind === 'github')
            ctx.summary.text(`GitHub API calls: ${store.calls}`);
    }, opts);
}


/***/ })

};
