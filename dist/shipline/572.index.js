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
// EXTERNAL MODULE: ./build/drivers/factory.js + 15 modules
var factory = __webpack_require__(257);
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
// EXTERNAL MODULE: ./build/records/stale.js
var stale = __webpack_require__(9288);
// EXTERNAL MODULE: ./build/notify/index.js + 3 modules
var notify = __webpack_require__(4370);
// EXTERNAL MODULE: ./build/deploy/hooks.js
var hooks = __webpack_require__(2886);
;// CONCATENATED MODULE: ./build/deploy/action.js















const action_fields = {
    environment: (0,common_fields/* environmentField */.CD)(true),
    version: (0,common_fields/* versionField */.FA)(false),
    artifact: (0,common_fields/* artifactField */.lc)(),
    manifest: fields/* string */.Yj({ form: 'the path of the build manifest written by the build action' }),
    url: fields/* url */.OZ(),
    'require-promotion-from': (0,common_fields/* environmentField */.CD)(false),
    timeout: fields/* duration */.p0({ min: 1_000, max: 6 * 3_600_000, default: 600_000 }),
    'pre-deploy-command': fields/* string */.Yj({ form: 'a shell command' }),
    'post-deploy-command': fields/* string */.Yj({ form: 'a shell command' }),
    notify: (0,notify/* notifyField */.A)(),
    ...drivers_fields/* driverFields */.Op,
    ...common_fields/* githubFields */.bA,
    ...common_fields/* commonFields */.dG,
};
/** Entry of the deploy action: one artifact to one environment, recorded. */
function action_run(opts) {
    return (0,run/* runAction */.Cs)({ name: 'deploy', title: 'shipline deploy', fields: action_fields, environmentInput: 'environment', cancelledOutputs: { result: 'failure' } }, async (ctx) => {
        const s = ctx.settings;
        const notice = (0,notify/* notifyWhenDone */.w)(ctx, 'deploy');
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
        const driver = (0,factory/* createDriver */.fO)(s, {
            environment: env,
            stateRoot: root,
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
        Object.assign(notice, { version, commit: sha, previousCommit: view.current?.sha });
        ctx.setOutput('previous-version', previous ?? '');
        if (view.paused) {
            ctx.setOutput('result', 'refused');
            throw new errors/* UserError */.yo(`A canary of ${view.paused.payload.version} is paused in ${env} (${view.paused.statusDescription}). ` +
                'Resume it (canary with resume: promote) or abort it (resume: abort) before deploying.');
        }
        const staleOpts = { limitMs: 2 * s.timeout, runner: ctx.runner };
        const unfinished = await (0,stale/* sortUnfinished */.eg)(store, view.unfinished, staleOpts);
        if (unfinished.running.length > 0) {
            ctx.setOutput('result', 'failure');
            throw new errors/* UserError */.yo(`Another deploy to ${env} is still in progress: ${(0,stale/* describeRunning */.Rh)(unfinished.running[0])}. ` +
                `Wait for it, or serialise deploys with \`concurrency: deploy-${env}\` in the workflow.`);
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
        const payload = { version, artifact, channel, by: 'deploy', ...(0,stale/* origin */.TG)(ctx.runner) };
        if (s.dryRun) {
            ctx.setOutput('result', 'dry-run');
            ctx.summary.verdict('info', `Dry run: would deploy ${version} to ${env} with the ${driver.name} driver; nothing changed.`);
            ctx.summary.facts([
                ['driver', driver.name],
                ['previous version', previous ?? '(none)'],
                ['records', store.where],
            ]);
            const plan = [
                ...(s.preDeployCommand ? [`run pre-deploy-command (a failure refuses the deploy): ${s.preDeployCommand}`] : []),
                ...driver.plan.deploy(req),
                ...(s.postDeployCommand ? [`run post-deploy-command once ${version} is live: ${s.postDeployCommand}`] : []),
            ];
            ctx.summary.list(plan);
            ctx.summary.list([
                ...unfinished.stale.map(({ record, why }) => `mark deployment ${record.id} (${record.payload.version}) error: it is stale (${why})`),
                `create deployment: environment ${env}, ref ${sha}, payload ${JSON.stringify(payload)}`,
                'status in_progress, then success or failure',
            ]);
            for (const line of plan)
                ctx.log.info(`would ${line}`);
            return;
        }
        const started = Date.now();
        /** The values kept in the record: in the summary (escaped, as data from outside) and the log. */
        const showRecord = (values) => {
            if (!values || Object.keys(values).length === 0)
                return;
            ctx.summary.text('Kept in the deployment record (from $SHIPLINE_RECORD):');
            ctx.summary.facts(Object.entries(values));
        };
        await (0,stale/* markStale */.ZU)(store, unfinished.stale, { log: ctx.log, runUrl: ctx.runner.runUrl });
        const hookOpts = { log: ctx.log, signal: ctx.signal, tempDir: ctx.runner.temp, timeoutMs: s.timeout };
        // The pre-deploy hook runs before the record is written: a deployment's payload is fixed when
        // it is created, and it keeps what the hook wrote to $SHIPLINE_RECORD (the backup's name).
        let pre;
        if (s.preDeployCommand) {
            pre = await (0,hooks/* runHook */.DB)('pre-deploy-command', s.preDeployCommand, req, hookOpts);
            // Cancelled: nothing was deployed and nothing recorded; the cancel path sets the outputs.
            if (ctx.signal.aborted)
                return (0,run/* untilExit */.dF)();
            if (Object.keys(pre.record).length > 0)
                payload.record = pre.record;
            for (const [name, value] of Object.entries(pre.record))
                ctx.log.info(`kept in the record: ${name}=${value}`);
            if (pre.code !== 0) {
                const outcome = (0,hooks/* hookOutcome */.Od)(pre, s.timeout);
                payload.hookFailure = { hook: pre.input, exitCode: pre.code, outcome, lastLines: pre.tail };
                ctx.setOutput('result', 'refused');
                const refused = await store.create({ environment: env, sha, ref, payload, description: `shipline deploy ${version}`, productionEnvironment: /^prod/i.test(env) });
                ctx.setOutput('deployment-id', refused.id);
                try {
                    await store.setStatus(refused.id, 'error', { description: `refused: ${outcome}; nothing was deployed`, logUrl: ctx.runner.runUrl });
                }
                catch (err) {
                    ctx.log.warning(`Deployment ${refused.id} could not be marked refused: ${(0,errors/* errorMessage */.gJ)(err)}`);
                }
                ctx.summary.verdict('fail', `Refused: ${outcome}; ${version} was not deployed to ${env}${previous ? ` (${previous} still runs)` : ''}.`);
                ctx.summary.facts([
                    ['hook', pre.input],
                    ['exit code', pre.code],
                    ['deployment', `${refused.id} in ${store.where}, marked error (refused)`],
                ]);
                showRecord(payload.record);
                if (pre.tail.length)
                    ctx.summary.text(`Last ${pre.tail.length} line(s) of pre-deploy-command's output:`).code(pre.tail.join('\n'));
                throw new errors/* UserError */.yo(`Refusing to deploy ${version} to ${env}: ${outcome}${pre.tail.length ? `; last output:\n${pre.tail.join('\n')}` : ''}\n` +
                    `The driver was not called; deployment ${refused.id} is marked error.`);
            }
        }
        const record = await store.create({ environment: env, sha, ref, payload, description: `shipline deploy ${version}`, productionEnvironment: /^prod/i.test(env) });
        ctx.setOutput('deployment-id', record.id);
        await store.setStatus(record.id, 'in_progress', { description: `deploying ${version}`, logUrl: ctx.runner.runUrl });
        // Two deploys that checked at the same moment both wrote a record: the earliest one goes on.
        const first = (await (0,stale/* earlierRunning */.QE)(store, env, record, staleOpts))[0];
        if (first) {
            ctx.setOutput('result', 'failure');
            try {
                await store.setStatus(record.id, 'error', { description: `refused: deployment ${first.id} to ${env} started first`, logUrl: ctx.runner.runUrl });
            }
            catch (err) {
                ctx.log.warning(`Deployment ${record.id} could not be marked refused: ${(0,errors/* errorMessage */.gJ)(err)}`);
            }
            ctx.summary.verdict('fail', `Refused: another deploy to ${env} started first; nothing was changed.`);
            throw new errors/* UserError */.yo(`Another deploy to ${env} started at the same time and first: ${(0,stale/* describeRunning */.Rh)(first)}. ` +
                `${pre ? 'The driver was not called (pre-deploy-command had run already)' : 'Nothing was changed'}; deployment ${record.id} is marked error. ` +
                `Serialise deploys with \`concurrency: deploy-${env}\` in the workflow.`);
        }
        const unregister = ctx.onAbort(async () => {
            await store.setStatus(record.id, 'failure', { description: 'cancelled while deploying', logUrl: ctx.runner.runUrl });
        });
        let outcome;
        try {
            outcome = await ctx.log.group(`Deploying ${version} to ${env} (${driver.name} driver)`, () => driver.deployer.deploy(req));
        }
        catch (err) {
            // Cancelled: the cancel handler marks the record cancelled and sets the outputs.
            if (ctx.signal.aborted)
                return (0,run/* untilExit */.dF)();
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
            if (err instanceof command/* DriverCommandError */.UW) {
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
        // The post-deploy hook runs once the new version is live. The record then says success whatever
        // the hook does (it is what runs, and what rollback must undo); a failed hook fails the step.
        let post;
        if (s.postDeployCommand) {
            const unregisterPost = ctx.onAbort(async () => {
                await store.setStatus(record.id, 'success', { description: `${version} deployed; cancelled in post-deploy-command`, environmentUrl, logUrl: ctx.runner.runUrl });
            });
            post = await (0,hooks/* runHook */.DB)('post-deploy-command', s.postDeployCommand, req, { ...hookOpts, env: (0,hooks/* recordEnv */.$c)(payload.record).env });
            if (ctx.signal.aborted)
                return (0,run/* untilExit */.dF)();
            unregisterPost();
            if (Object.keys(post.record).length > 0)
                ctx.log.warning(`post-deploy-command wrote ${Object.keys(post.record).length} value(s) to $SHIPLINE_RECORD; they are not kept: a deployment's record is fixed when the deploy starts. Write them in pre-deploy-command.`);
        }
        const postFailed = post !== undefined && post.code !== 0 ? (0,hooks/* hookOutcome */.Od)(post, s.timeout) : undefined;
        try {
            await store.setStatus(record.id, 'success', { description: postFailed ? `${version} deployed; ${postFailed}` : `${version} deployed`, environmentUrl, logUrl: ctx.runner.runUrl });
        }
        catch (err) {
            ctx.setOutput('result', 'failure');
            throw new errors/* UserError */.yo(`${version} was deployed to ${env}, but its record (deployment ${record.id}) could not be marked successful: ${(0,errors/* errorMessage */.gJ)(err)}. ` +
                'The environment runs the new version; rollback and gates will not see it until the record is fixed.');
        }
        if (post && postFailed) {
            ctx.setOutput('result', 'failure');
            ctx.summary.verdict('fail', `${version} is live in ${env}${previous ? ` (was ${previous})` : ''}, but ${postFailed} after it went live.`);
            ctx.summary.facts([
                ['hook', post.input],
                ['exit code', post.code],
                ['deployment', `${record.id} in ${store.where}, marked success (${version} runs)`],
            ]);
            showRecord(payload.record);
            if (post.tail.length)
                ctx.summary.text(`Last ${post.tail.length} line(s) of post-deploy-command's output:`).code(post.tail.join('\n'));
            throw new errors/* UserError */.yo(`${version} was deployed to ${env} and is live, but ${postFailed}${post.tail.length ? `; last output:\n${post.tail.join('\n')}` : ''}\n` +
                `Deployment ${record.id} is marked success because ${version} runs; roll back if it must not stay.`);
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
        showRecord(payload.record);
        if (store.kind === 'github')
            ctx.summary.text(`GitHub API calls: ${store.calls}`);
    }, opts);
}


/***/ }),

/***/ 2886:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $c: () => (/* binding */ recordEnv),
/* harmony export */   DB: () => (/* binding */ runHook),
/* harmony export */   Od: () => (/* binding */ hookOutcome)
/* harmony export */ });
/* unused harmony exports RECORD_NAME, RECORD_VALUE_MAX, RECORD_MAX_ENTRIES, RECORD_MAX_BYTES, RECORD_FORM, parseRecordLines */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _core_exec_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8801);
/* harmony import */ var _core_redact_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(193);
/* harmony import */ var _core_runner_io_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9927);
/* harmony import */ var _drivers_command_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1081);






/** A record line's name: what can become part of an environment variable's name. */
const RECORD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const RECORD_VALUE_MAX = 1024;
/** At most this many values and this many bytes of record file (a deployment payload is small). */
const RECORD_MAX_ENTRIES = 32;
const RECORD_MAX_BYTES = 8 * 1024;
const RECORD_FORM = `name=value lines (name: a letter or "_" then letters, digits or "_", at most 64; value: one line of at most ${RECORD_VALUE_MAX} characters)`;
/** A value is one line of printable text: no control characters (a newline would split it). */
const validValue = (value) => value.length <= RECORD_VALUE_MAX && !/[\u0000-\u001f\u007f\u0085\u2028\u2029]/.test(value);
/** Reads the `name=value` lines of a record file; a malformed line is a problem and is skipped. */
function parseRecordLines(text, source) {
    const values = {};
    const problems = [];
    if (Buffer.byteLength(text, 'utf8') > RECORD_MAX_BYTES) {
        problems.push(`${source} holds more than ${RECORD_MAX_BYTES} bytes; only its first ${RECORD_MAX_BYTES} bytes are read`);
        text = Buffer.from(text, 'utf8').subarray(0, RECORD_MAX_BYTES).toString('utf8');
        // The cut may fall inside a line: that last piece is not read.
        text = text.slice(0, text.lastIndexOf('\n') + 1);
    }
    const lines = text.split('\n');
    if (lines.at(-1) === '')
        lines.pop();
    lines.forEach((raw, i) => {
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (line.trim() === '')
            return;
        const eq = line.indexOf('=');
        const name = eq > 0 ? line.slice(0, eq) : '';
        const value = eq > 0 ? line.slice(eq + 1) : '';
        if (!RECORD_NAME.test(name) || !validValue(value)) {
            problems.push(`line ${i + 1} of ${source} is not ${RECORD_FORM}; it is ignored`);
            return;
        }
        if (!(name in values) && Object.keys(values).length >= RECORD_MAX_ENTRIES) {
            problems.push(`line ${i + 1} of ${source}: more than ${RECORD_MAX_ENTRIES} values; it is ignored`);
            return;
        }
        values[name] = value;
    });
    return { values, problems };
}
/**
 * The values of a deployment's record as environment variables (`backup` -> `SHIPLINE_RECORD_BACKUP`).
 * Records are data from outside: each value is checked by the same rule as when it was written.
 */
function recordEnv(record) {
    const env = {};
    const problems = [];
    if (record === undefined || record === null)
        return { env, problems };
    if (typeof record !== 'object' || Array.isArray(record))
        return { env, problems: ['its record values are not a mapping; none are passed on'] };
    for (const [name, value] of Object.entries(record).slice(0, RECORD_MAX_ENTRIES)) {
        if (!RECORD_NAME.test(name) || typeof value !== 'string' || !validValue(value)) {
            problems.push(`a record value${RECORD_NAME.test(name) ? ` (${name})` : ''} is not ${RECORD_FORM}; it is not passed on`);
            continue;
        }
        env[`SHIPLINE_RECORD_${name.toUpperCase()}`] = value;
    }
    return { env, problems };
}
/** Runs one hook with the deploy's SHIPLINE_* variables and a fresh, empty `$SHIPLINE_RECORD`. */
async function runHook(input, command, req, opts) {
    const dir = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.mkdtempSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(opts.tempDir, 'shipline-record-'));
    const file = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(dir, 'record');
    (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync)(file, '', { mode: 0o600 });
    try {
        const result = await opts.log.group(input, () => (0,_core_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .runShell */ .E5)(command, {
            env: { ...(0,_drivers_command_js__WEBPACK_IMPORTED_MODULE_5__/* .commandEnv */ .zz)(req), ...opts.env, SHIPLINE_RECORD: file },
            timeoutMs: opts.timeoutMs,
            signal: opts.signal,
            onLine: (l) => (0,_core_runner_io_js__WEBPACK_IMPORTED_MODULE_4__/* .relayLine */ .U7)(l, opts.log.info),
        }));
        let record = {};
        let text = '';
        try {
            text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(file, 'utf8');
        }
        catch {
            opts.log.warning(`${input}: the file $SHIPLINE_RECORD could not be read (removed?); no record values kept from it`);
        }
        if (text) {
            const parsed = parseRecordLines(text, '$SHIPLINE_RECORD');
            for (const problem of parsed.problems)
                opts.log.warning(`${input}: ${problem}`);
            record = parsed.values;
        }
        return {
            input,
            code: result.code,
            tail: result.tail.slice(-10).map((l) => (0,_core_redact_js__WEBPACK_IMPORTED_MODULE_3__/* .redactUrls */ .sK)(l).slice(0, 300)),
            durationMs: result.durationMs,
            timedOut: result.timedOut,
            cancelled: result.cancelled,
            record,
        };
    }
    finally {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.rmSync)(dir, { recursive: true, force: true });
    }
}
/** One line saying how a hook ended, for records and errors. */
function hookOutcome(h, timeoutMs) {
    if (h.timedOut)
        return `${h.input} was stopped after ${timeoutMs} ms (timeout)`;
    if (h.cancelled)
        return `${h.input} was cancelled`;
    return `${h.input} exited with code ${h.code}`;
}


/***/ })

};
