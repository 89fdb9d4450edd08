export const id = 416;
export const ids = [416];
export const modules = {

/***/ 416:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  fields: () => (/* reexport */ fields_fields),
  notLiveWhy: () => (/* reexport */ notLiveWhy),
  run: () => (/* binding */ action_run)
});

// EXTERNAL MODULE: ./build/core/redact.js
var redact = __webpack_require__(193);
// EXTERNAL MODULE: ./build/notify/index.js + 3 modules
var notify = __webpack_require__(4370);
// EXTERNAL MODULE: ./build/core/run.js + 2 modules
var run = __webpack_require__(6645);
// EXTERNAL MODULE: ./build/drivers/factory.js + 17 modules
var factory = __webpack_require__(4005);
// EXTERNAL MODULE: ./build/records/open.js + 4 modules
var records_open = __webpack_require__(367);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./build/core/duration.js
var duration = __webpack_require__(1420);
// EXTERNAL MODULE: ./build/core/errors.js
var errors = __webpack_require__(2807);
// EXTERNAL MODULE: ./build/core/links.js
var links = __webpack_require__(3163);
// EXTERNAL MODULE: ./build/core/paths.js
var paths = __webpack_require__(6182);
// EXTERNAL MODULE: ./build/core/plural.js
var plural = __webpack_require__(5242);
// EXTERNAL MODULE: ./build/core/summary.js
var core_summary = __webpack_require__(7166);
// EXTERNAL MODULE: ./build/records/stale.js
var stale = __webpack_require__(9288);
// EXTERNAL MODULE: ./build/records/meaning.js
var meaning = __webpack_require__(2062);
;// CONCATENATED MODULE: ./build/rollback/ending.js
/** How a rollback ends, and what every part of it shares: the setup, the not-live and in-progress cases. */



/**
 * Why this rollback changes nothing because the environment is not on the version to roll back
 * from (`from-version`): the release never got there, a canary already aborted, someone rolled back
 * first (a rollback is never itself rolled back). A paused canary is never rolled back either.
 */
function notLiveWhy(choice, from, environment) {
    if (choice.kind === 'paused')
        return choice.why;
    if (from === undefined)
        return undefined;
    if (choice.kind === 'already')
        return `${choice.why}: someone rolled back first, and a rollback is never itself rolled back`;
    const bad = choice.bad;
    if (!bad)
        return `${environment} has no shipline deployment: ${from} never got there`;
    if (bad.payload.version !== from) {
        return (`${environment} is not on ${from}: its newest deployment is ${bad.payload.version} ` +
            `(deployment ${bad.id}, ${bad.state}); ${from} never got there or was replaced since`);
    }
    if (bad.payload.by === 'canary' && (0,meaning/* isFailed */.Ix)(bad)) {
        return (`the canary of ${from} already aborted (deployment ${bad.id}: ` +
            `${bad.statusDescription ?? bad.state}); its traffic went back to stable`);
    }
    return undefined;
}
/** Nothing to do: `result: not-live`, exit 0, and why in the log and the summary. */
function notLive(setup, why, choice) {
    const { ctx } = setup;
    const on = choice.kind === 'paused' ? undefined : choice.kind === 'already' ? choice.current : choice.bad;
    ctx.setOutput('version', on?.payload.version ?? '');
    ctx.setOutput('from-version', '');
    ctx.log.info(`Nothing rolled back: ${why}.`);
    return { result: 'not-live', status: 'pass', verdict: `Nothing rolled back in ${ctx.settings.environment}: ${why}.` };
}
/**
 * An unfinished deployment to roll back from: another run's deploy still under way (refused), or
 * one whose run ended (stale, or this run's own): rolled back like a failed one.
 */
async function unfinishedBad(setup, bad) {
    const { ctx, store } = setup;
    if (!(0,meaning/* isUnfinished */.ui)(bad))
        return undefined;
    if (typeof bad.payload.runId === 'string' && bad.payload.runId === ctx.runner.runId)
        return `it was left ${bad.state} by an earlier job of this run`;
    const why = await (0,stale/* staleWhy */.El)(store, bad, { limitMs: 2 * ctx.settings.timeout, runner: ctx.runner, now: ctx.runtime.clock.now() });
    if (why)
        return `it is stale: ${why}`;
    throw new errors/* UserError */.yo(`A deploy to ${ctx.settings.environment} is still in progress: ` +
        `${(0,stale/* describeRunning */.Rh)(bad)}. Not rolling back under it; wait for it to end, ` +
        `or serialise deploys and rollbacks with \`concurrency: deploy-${ctx.settings.environment}\` in the workflow.`);
}

// EXTERNAL MODULE: ./build/deploy/hooks.js
var hooks = __webpack_require__(2886);
// EXTERNAL MODULE: ./build/checks/runner.js
var runner = __webpack_require__(5236);
;// CONCATENATED MODULE: ./build/rollback/plan.js

/** What the driver is asked to put back: the target's exact version and artifact. */
function rollbackRequest(job) {
    // What the release hooks kept when the deployment being undone was made (its backup's name).
    const kept = (0,hooks/* recordEnv */.$c)(job.bad.payload.record).env;
    return {
        environment: job.environment,
        version: job.target.payload.version,
        artifact: job.target.payload.artifact,
        previousVersion: job.bad.payload.version,
        ...(Object.keys(kept).length > 0 ? { recordEnv: kept } : {}),
        timeoutMs: job.timeoutMs,
    };
}
/** The payload of the rollback's own record: the good version, and what it undid and why. */
function rollbackPayload(job) {
    const t = job.target.payload;
    return {
        version: t.version,
        ...(t.artifact !== undefined ? { artifact: t.artifact } : {}),
        ...(t.channel !== undefined ? { channel: t.channel } : {}),
        ...(job.runUrl ? { runUrl: job.runUrl } : {}),
        rollbackOf: job.bad.id,
        reason: job.reason,
        by: 'rollback',
        ...job.origin,
    };
}
/** The status description written on the bad deployment once the good version is back. */
const badDescription = (job) => `rolled back to ${job.target.payload.version}: ${job.reason}`;
/** What the driver would do: its plan of a rollback, or of a deploy when it rolls back by deploying. */
function driverPlan(driver, req) {
    return driver.plan.rollback?.(req) ?? driver.plan.deploy(req);
}
/** The records a rollback writes, in order, as lines for a dry run. */
function recordPlan(job, sha) {
    return [
        `create deployment: environment ${job.environment}, ref ` +
            `${sha.slice(0, 7) || '(none)'}, payload ${JSON.stringify(rollbackPayload(job))}`,
        'its status in_progress, then success once the good version answers (error if the rollback fails)',
        `status failure on deployment ${job.bad.id} (${job.bad.payload.version}): "${badDescription(job)}"`,
        `the records of ${job.target.payload.version} (deployment ${job.target.id}) are left as they are`,
    ];
}

// EXTERNAL MODULE: ./build/drivers/slots.js
var drivers_slots = __webpack_require__(2885);
;// CONCATENATED MODULE: ./build/rollback/switch-back.js


/** How long the bad deployment's previous slot is kept: from its latest status (the switch). */
function keptUntil(job) {
    const ms = job.bad.payload.keepPreviousMs;
    if (typeof ms !== 'number')
        return undefined;
    const since = Date.parse(job.bad.stateAt ?? job.bad.createdAt);
    return Number.isFinite(since) ? since + ms : undefined;
}
/** Decides how a blue-green deployment is undone; undefined when the bad one was not blue-green. */
async function planSlotRollback(job, driver, now) {
    const bad = job.bad.payload;
    const slots = driver.slots;
    if (bad.strategy !== 'blue-green' || !slots || !(0,drivers_slots/* isSlot */.RK)(bad.slot))
        return undefined;
    const target = job.target.payload.version;
    const live = (await slots.live()) ?? bad.slot;
    const previous = (0,drivers_slots/* isSlot */.RK)(bad.previousSlot) ? bad.previousSlot : undefined;
    const until = keptUntil(job);
    const onPrevious = previous && previous !== live ? await slots.versionOn(previous) : undefined;
    // The driver's own reading wins; a driver that cannot tell (command, haproxy) trusts the record.
    const runsTarget = previous !== undefined && previous !== live && (onPrevious !== undefined ? onPrevious === target : bad.previousVersion === target);
    const inTime = until !== undefined && now < until;
    const payloadOf = (slot) => ({ strategy: 'blue-green', slot, previousSlot: live, previousVersion: bad.version });
    if (runsTarget && inTime && previous) {
        return {
            kind: 'switch-back',
            slot: previous,
            why: `slot ${previous} still runs ${target} (kept until ${new Date(until).toISOString()})`,
            payload: payloadOf(previous),
            plan: () => [`switch all traffic back to slot ${previous}, which still runs ${target} (no redeploy)`],
            async run(req, log) {
                const started = performance.now();
                await log.group(`Switching all traffic back to slot ${previous} (${target})`, () => slots.switchTo(previous, req));
                return {
                    details: {
                        strategy: 'blue-green',
                        'rolled back by': `switch back to slot ${previous}`,
                        'switch took': `${Math.round(performance.now() - started)} ms`,
                    },
                };
            },
        };
    }
    const idle = (0,drivers_slots/* otherSlot */.jx)(live);
    const why = !runsTarget
        ? `slot ${idle} does not run ${target}${onPrevious ? ` (it runs ${onPrevious})` : ''}`
        : `slot ${idle}'s keep-previous (${(0,duration/* formatDuration */.a3)(Number(bad.keepPreviousMs))}) ` +
            `ran out${until ? ` at ${new Date(until).toISOString()}` : ''}`;
    return {
        kind: 'redeploy',
        slot: idle,
        why,
        payload: payloadOf(idle),
        plan: (req) => [...slots.plan(idle, req)],
        async run(req, log) {
            if (runsTarget && !inTime) {
                const stopped = await slots.stopSlot(idle).catch(() => false);
                if (stopped)
                    log.info(`stopped slot ${idle}: its keep-previous ran out`);
            }
            const started = await log.group(`Starting ${target} on the idle slot ${idle} (${why})`, () => slots.startOn(idle, req));
            await log.group(`Switching all traffic to slot ${idle} (${target})`, () => slots.switchTo(idle, req));
            return {
                url: started.url,
                details: { ...started.details, strategy: 'blue-green', 'rolled back by': `redeploy to slot ${idle}, then switch` },
            };
        },
    };
}

;// CONCATENATED MODULE: ./build/rollback/perform.js







/** The rollback did not complete: its record says `error`; the environment needs a person. */
class RollbackFailed extends errors/* UserError */.yo {
    job;
    recordId;
    failure;
    constructor(job, recordId, failure) {
        super(`ROLLBACK FAILED: putting ${job.target.payload.version} back in ${job.environment} failed: ${(0,redact/* redactUrls */.sK)((0,errors/* errorMessage */.gJ)(failure))}. ` +
            `${job.environment} may still run ${job.bad.payload.version} or be half changed; deployment ${recordId} is marked error, ` +
            `and the records of ${job.target.payload.version} and ${job.bad.payload.version} ` +
            `were left as they were. Fix it by hand or run the rollback again.`);
        this.job = job;
        this.recordId = recordId;
        this.failure = failure;
    }
}
/** The environment URL the good version answers on: the input, the driver's, or the records'. */
const environmentUrlOf = (job, inputUrl, outcome) => inputUrl ?? outcome?.url ?? job.bad.environmentUrl ?? job.target.environmentUrl;
/**
 * Puts the good version back: its own record (in_progress), the driver's rollback (which waits until
 * healthy), the optional smoke checks, then `failure` on the bad deployment and `success` on its own.
 * If anything before that fails, only its own record changes (to `error`).
 */
async function performRollback(job, verify, deps) {
    const { store, driver, log } = deps;
    const started = performance.now();
    // A blue-green deployment is undone by its slots: a switch back while the previous one still runs the target.
    const slotRollback = await planSlotRollback(job, driver, deps.now());
    if (slotRollback)
        log.info(`Blue-green: ${slotRollback.kind === 'switch-back' ? 'switching back' : 'redeploying to the idle slot'}: ${slotRollback.why}`);
    const record = await store.create({
        environment: job.environment,
        sha: job.target.sha,
        ref: job.target.ref || job.target.sha,
        payload: { ...rollbackPayload(job), ...slotRollback?.payload },
        description: `shipline rollback to ${job.target.payload.version}`,
        productionEnvironment: /^prod/i.test(job.environment),
    });
    deps.onRecord(record);
    await store.setStatus(record.id, 'in_progress', { description: `rolling back to ${job.target.payload.version}`, logUrl: job.runUrl });
    const unregister = deps.onAbort(async () => {
        await store.setStatus(record.id, 'error', { description: 'cancelled while rolling back', logUrl: job.runUrl });
    });
    let outcome;
    let results = [];
    let environmentUrl;
    try {
        const req = rollbackRequest(job);
        for (const problem of (0,hooks/* recordEnv */.$c)(job.bad.payload.record).problems)
            log.warning(`Deployment ${job.bad.id}: ${problem}`);
        const roll = driver.deployer.rollback ?? driver.deployer.deploy;
        outcome = slotRollback
            ? await slotRollback.run(req, log)
            : await log.group(`Rolling back ${job.environment} to ${req.version} (${driver.name} driver)`, () => roll.call(driver.deployer, req));
        environmentUrl = environmentUrlOf(job, verify?.url, outcome);
        if (verify) {
            const base = verify.url ?? environmentUrl;
            results = await log.group(`Verifying ${req.version} with ${verify.checks.length} smoke check(s)`, () => (0,runner/* runChecks */.JT)(verify.checks, {
                baseUrl: base,
                authorization: verify.authorization,
                attempts: 5,
                retryDelayMs: 1_000,
                timeoutMs: 10_000,
                concurrency: 4,
                followRedirects: true,
                signal: deps.signal,
                onAttempt: (check, attempt, reasons) => log.info(`${check.name}: attempt ${attempt}/5 failed: ${reasons.join('; ')}`),
            }));
            const failed = results.filter((r) => r.verdict === 'fail');
            if (failed.length > 0)
                throw new errors/* UserError */.yo(`smoke checks failed after the rollback: ${failed.map((r) => `${r.name} (${r.reason})`).join('; ')}`);
        }
    }
    catch (err) {
        // Cancelled: the cancel handler marks the record cancelled and sets the outputs.
        if (deps.signal?.aborted)
            await (0,run/* untilExit */.dF)();
        unregister();
        try {
            await store.setStatus(record.id, 'error', {
                description: `rollback failed: ${(0,redact/* redactUrls */.sK)((0,errors/* errorMessage */.gJ)(err)).split('\n')[0]}`,
                logUrl: job.runUrl,
            });
        }
        catch (recordErr) {
            log.warning(`The failure could not be recorded on deployment ${record.id}: ${(0,errors/* errorMessage */.gJ)(recordErr)}`);
        }
        if (!(0,errors/* isUserError */.iU)(err) && !(0,errors/* isOutsideError */["if"])(err) && err instanceof Error && err.stack)
            log.info((0,redact/* redactUrls */.sK)(err.stack));
        throw new RollbackFailed(job, record.id, err);
    }
    unregister();
    let warning;
    try {
        await store.setStatus(job.bad.id, 'failure', { description: badDescription(job), logUrl: job.runUrl });
    }
    catch (err) {
        warning =
            `${job.target.payload.version} is back, but deployment ${job.bad.id} ` +
                `(${job.bad.payload.version}) could not be marked failed: ${(0,errors/* errorMessage */.gJ)(err)}`;
        log.warning(warning);
    }
    try {
        await store.setStatus(record.id, 'success', {
            description: `rolled back from ${job.bad.payload.version}`,
            environmentUrl,
            logUrl: job.runUrl,
        });
    }
    catch (err) {
        throw new errors/* UserError */.yo(`${job.target.payload.version} is back in ${job.environment}, but its record ` +
            `(deployment ${record.id}) could not be marked successful: ${(0,errors/* errorMessage */.gJ)(err)}. ` +
            'Gates and later rollbacks will not see it until the record is fixed.');
    }
    return { record, environmentUrl, driver: outcome, checks: results, tookMs: Math.round(performance.now() - started), warning };
}

// EXTERNAL MODULE: ./build/core/runner.js
var core_runner = __webpack_require__(9362);
// EXTERNAL MODULE: ./build/core/time-format.js
var time_format = __webpack_require__(7293);
;// CONCATENATED MODULE: ./build/rollback/report.js







const SHOWN_SKIPS = 25;
/**
 * A record's last status as it reads to a person: GitHub's `inactive` means another deployment
 * replaced it, not that something broke.
 */
function stateText(state) {
    switch (state) {
        case 'inactive':
            return 'replaced (no longer live)';
        case 'success':
            return 'succeeded';
        case 'failure':
            return 'failed';
        case 'error':
            return 'errored';
        case 'in_progress':
            return 'in progress';
        default:
            return state;
    }
}
function skipRow(s) {
    return [s.record.id, s.record.payload.version || '—', stateText(s.record.state), (0,time_format/* formatTime */.f)(s.record.createdAt), s.why];
}
const deployment = (r) => `deployment ${r.id}, ${stateText(r.state)}`;
/**
 * The choice, and the records passed over on the way (and why), for the summary: what is rolled
 * back to what (with the compare view and the environment's deployments page when the runner names
 * the repository), why and by which trigger when given, then the records passed over, folded.
 */
function reportChoice(summary, choice, records, cause = {}, runner = (0,core_runner/* readRunnerContext */.g)(), 
/** What the rollback did (its deployment, driver, duration): in the same list, not a second one. */
outcome = []) {
    const facts = [];
    if (choice.kind === 'target') {
        const env = choice.bad.environment || choice.target.environment;
        facts.push(['environment', (0,links/* link */.nf)(env, (0,links/* deploymentsUrl */.ek)(runner, env))]);
        facts.push(['rolling back', `${choice.bad.payload.version} (${deployment(choice.bad)})`]);
        facts.push(['to', `${choice.target.payload.version} (${deployment(choice.target)}, deployed ${(0,time_format/* formatTime */.f)(choice.target.createdAt)})`]);
        const compare = (0,links/* compareUrl */.XH)(runner, choice.bad.sha, choice.target.sha);
        if (compare)
            facts.push(['changes undone', (0,links/* link */.nf)(`${choice.bad.sha.slice(0, 7)} → ${choice.target.sha.slice(0, 7)}`, compare)]);
        facts.push(['artifact', choice.target.payload.artifact ?? '(none recorded)']);
    }
    else if (choice.kind === 'already') {
        facts.push(['current', `${choice.current.payload.version} (deployment ${choice.current.id})`]);
        if (choice.undone)
            facts.push(['rolled back', `${choice.undone.payload.version} (deployment ${choice.undone.id})`]);
    }
    if (cause.trigger)
        facts.push(['trigger', cause.trigger]);
    if (cause.reason)
        facts.push(['reason', cause.reason]);
    facts.push(...outcome);
    // How many records were read says how far back the choice looked; API call counts are internals.
    facts.push(['records read', `${choice.seen} from ${(0,external_node_path_.isAbsolute)(records.where) ? (0,paths/* shownPath */.p)(records.where, runner) : records.where}`]);
    summary.facts(facts);
    if (choice.skipped.length === 0)
        return;
    const shown = choice.skipped.slice(0, SHOWN_SKIPS);
    const rest = choice.skipped.length - shown.length;
    const table = new core_summary/* Summary */.BD().table(['deployment', 'version', 'last status', 'created', 'skipped because'], shown.map(skipRow));
    if (rest > 0) {
        const reasons = new Map();
        for (const s of choice.skipped.slice(SHOWN_SKIPS))
            reasons.set(s.why, (reasons.get(s.why) ?? 0) + 1);
        table.text(`… and ${rest} more: ${[...reasons].map(([why, n]) => `${n} × ${why}`).join('; ')}`);
    }
    summary.details(`${(0,plural/* plural */.L)(choice.skipped.length, 'record')} passed over`, table);
}
/** The triggers the watch uses, with their thresholds. */
function reportTriggers(summary, health, metrics, failureLimit) {
    summary.table(['trigger', 'fires when', 'source'], [
        ['health', `${failureLimit} failing health samples in a row`, `${(0,plural/* plural */.L)(health.checks, 'check')} against ${health.url}`],
        ...metrics.map((m) => [m.trigger, `above ${m.show(m.max)} in ${failureLimit} samples in a row`, m.query]),
    ]);
}
const mark = (v) => (v === 'pass' ? '✅' : v === 'fail' ? '❌' : '—');
/** Every sample of the watch, folded. */
function reportSamples(summary, result) {
    if (result.samples.length === 0)
        return;
    const triggers = [...new Set(result.samples.flatMap((s) => s.readings.map((r) => r.trigger)))];
    const rows = result.samples.map((s) => [
        `${(s.at / 1000).toFixed(1)} s`,
        ...triggers.map((t) => {
            const r = s.readings.find((x) => x.trigger === t);
            return r ? (0,core_summary/* raw */.lS)(`${mark(r.verdict)} ${new core_summary/* Summary */.BD().text(r.value).toString().trim()}`) : '';
        }),
    ]);
    summary.details(`${(0,plural/* plural */.L)(result.samples.length, 'sample')} over ${(result.elapsedMs / 1000).toFixed(1)} s`, new core_summary/* Summary */.BD().table(['at', ...triggers], rows));
}
function reportChecks(summary, results) {
    summary.table(['check', 'verdict', 'status', 'attempts', 'reason'], results.map((r) => [r.name, (0,core_summary/* raw */.lS)(r.verdict === 'pass' ? '✅ pass' : '❌ fail'), r.status ?? '—', r.attempts, r.reason ?? '']));
}

;// CONCATENATED MODULE: ./build/rollback/apply.js
/** Acting on the chosen target: nothing to do, a dry-run plan, or the rollback itself. */













function jobOf(setup, choice, reason) {
    const s = setup.ctx.settings;
    return {
        environment: s.environment,
        bad: choice.bad,
        target: choice.target,
        reason,
        timeoutMs: s.timeout,
        runUrl: setup.ctx.runner.runUrl,
        origin: (0,stale/* origin */.TG)(setup.ctx.runner),
    };
}
async function planLines(setup, job) {
    const { ctx, driver } = setup;
    // Blue-green: the same decision the rollback itself makes (a switch back, or a redeploy to the idle slot).
    const slotRollback = await planSlotRollback(job, driver, ctx.runtime.clock.now());
    const req = rollbackRequest(job);
    const lines = slotRollback
        ? [
            slotRollback.kind === 'switch-back'
                ? `switch back to slot ${slotRollback.slot}, nothing redeployed: ${slotRollback.why}`
                : `redeploy ${job.target.payload.version} to the idle slot ${slotRollback.slot}, then switch: ${slotRollback.why}`,
            ...slotRollback.plan(req),
        ]
        : driverPlan(driver, req);
    const checks = setup.checks
        ? [`then ${(0,plural/* plural */.L)(setup.checks.length, 'smoke check')} against ${environmentUrlOf(job, setup.url) ?? 'the URL the driver reports'}`]
        : [];
    ctx.summary.text(`The ${driver.name} driver would:`).list([...lines, ...checks]);
    ctx.summary.text('Records that would be written:').list(recordPlan(job, job.target.sha));
    for (const line of [...lines, ...checks, ...recordPlan(job, job.target.sha)])
        ctx.log.info(`would ${line}`);
}
/** Acts on the choice: nothing to do, a dry-run plan, or the rollback itself. */
async function apply(setup, choice, reason, fired) {
    const { ctx, store, driver } = setup;
    const s = ctx.settings;
    // The choice with why and by which trigger, and (once done) what the rollback did: one list of facts.
    const report = (outcome = []) => reportChoice(ctx.summary, choice, store, { trigger: fired?.trigger ?? 'manual', reason }, ctx.runner, outcome);
    if (choice.kind !== 'target')
        report();
    if (choice.kind === 'paused')
        return notLive(setup, choice.why, choice);
    if (choice.kind === 'none') {
        if (choice.bad)
            ctx.setOutput('from-version', choice.bad.payload.version);
        const input = s.toVersion ? 'to-version' : 'environment';
        const accepted = s.toVersion
            ? 'a version with a good deployment in the environment'
            : 'an environment with a good deployment before the current one';
        throw new errors/* UserError */.yo(fired
            ? `Trigger ${fired.trigger} fired, but there is nothing to roll back to: ${choice.why}.`
            : `Input "${input}": ${choice.why}. Accepted: ${accepted}.`);
    }
    if (choice.kind === 'already') {
        ctx.setOutput('version', choice.current.payload.version);
        ctx.setOutput('from-version', choice.undone?.payload.version ?? '');
        ctx.setOutput('deployment-id', choice.current.id);
        if (fired) {
            throw new errors/* UserError */.yo(`Trigger ${fired.trigger} fired, but ${choice.why}: the good version fails ` +
                `too. Not rolling back again by itself; roll back by hand with to-version.`);
        }
        ctx.log.info(`${choice.why}; nothing to do.`);
        return { result: 'already-rolled-back', status: 'pass', verdict: `${choice.why}; nothing to do.` };
    }
    const job = jobOf(setup, choice, reason);
    // The heading names the versions once they are known (a watch keeps its own heading).
    if (!fired)
        ctx.summary.title(`Rollback of ${s.environment}: ${job.bad.payload.version} → ${job.target.payload.version}`);
    ctx.setOutput('version', job.target.payload.version);
    ctx.setOutput('from-version', job.bad.payload.version);
    ctx.log.info(`Rolling back ${s.environment} from ${job.bad.payload.version} (deployment ` +
        `${job.bad.id}) to ${job.target.payload.version} (deployment ${job.target.id}): ${reason}`);
    const verify = setup.checks ? { checks: setup.checks, url: setup.url, authorization: setup.authorization } : undefined;
    if (verify && !environmentUrlOf(job, setup.url) && !driver.traits.reportsUrls && verify.checks.some((c) => c.path !== undefined)) {
        report();
        throw new errors/* UserError */.yo('Input "url" is required: the checks have paths and the records hold no environment URL. Accepted: an absolute http or https URL.');
    }
    if (s.dryRun) {
        report();
        await planLines(setup, job);
        return {
            result: 'dry-run',
            status: 'info',
            verdict: `Dry run: would roll ${s.environment} back from ${job.bad.payload.version} to ` +
                `${job.target.payload.version} with the ${driver.name} driver; nothing changed.`,
        };
    }
    let outcome;
    try {
        outcome = await performRollback(job, verify, {
            store,
            driver,
            log: ctx.log,
            now: () => ctx.runtime.clock.now(),
            signal: ctx.signal,
            onAbort: ctx.onAbort,
            onRecord: (record) => ctx.setOutput('deployment-id', record.id),
        });
    }
    catch (err) {
        report();
        ctx.summary.verdict('fail', `ROLLBACK FAILED: ${s.environment} was not put back on ${job.target.payload.version}; it needs a person now.`);
        throw err;
    }
    const where = store.kind === 'ledger' && (0,external_node_path_.isAbsolute)(store.where) ? (0,paths/* shownPath */.p)(store.where, ctx.runner) : store.where;
    const deployment = store.kind === 'github'
        ? (0,core_summary/* raw */.lS)(`${(0,links/* link */.nf)(String(outcome.record.id), (0,links/* deploymentsUrl */.ek)(ctx.runner, s.environment)).markdown}`)
        : `${outcome.record.id} in ${where}`;
    report([
        ['driver', driver.name],
        ['environment URL', outcome.environmentUrl],
        ['deployment', deployment],
        ['took', (0,duration/* formatDuration */.a3)(outcome.tookMs < 1_000 ? outcome.tookMs : Math.round(outcome.tookMs / 1_000) * 1_000)],
    ]);
    // Driver internals (pids, ports, log files) folded, paths shown relative.
    const internals = new core_summary/* Summary */.BD().facts(Object.entries(outcome.driver.details)
        .filter(([k]) => k !== 'duration')
        .map(([k, v]) => [k, typeof v === 'string' && (0,external_node_path_.isAbsolute)(v) ? (0,paths/* shownPath */.p)(v, ctx.runner) : String(v)]));
    if (!internals.isEmpty)
        ctx.summary.details(`${driver.name} driver details`, internals);
    if (outcome.checks.length > 0)
        reportChecks(ctx.summary, outcome.checks);
    if (outcome.warning)
        ctx.summary.text(outcome.warning);
    return {
        result: 'success',
        status: 'pass',
        verdict: `Rolled ${s.environment} back from ${job.bad.payload.version} to ` +
            `${job.target.payload.version}${fired ? ` (trigger: ${fired.trigger})` : ''}`,
    };
}

// EXTERNAL MODULE: ./build/checks/schema.js
var schema = __webpack_require__(8997);
// EXTERNAL MODULE: ./build/verify/sources/prometheus.js
var prometheus = __webpack_require__(9477);
;// CONCATENATED MODULE: ./build/verify/sources/smoke.js

async function readSmokeSignal(checks, o) {
    const results = await (0,runner/* runChecks */.JT)(checks, {
        baseUrl: o.url,
        authorization: o.authorization,
        attempts: 1,
        retryDelayMs: 0,
        timeoutMs: Math.min(10_000, Math.max(1_000, o.timeoutMs)),
        concurrency: 4,
        followRedirects: true,
        signal: o.signal,
    });
    const failed = results.filter((r) => r.verdict === 'fail');
    return { verdict: failed.length === 0 ? 'pass' : 'fail', results, first: failed[0] ?? results[0], failed: failed.length };
}

;// CONCATENATED MODULE: ./build/rollback/signals.js



/** Default queries on the usual HTTP metrics (`http_requests_total{code}`, `http_request_duration_seconds`). */
const DEFAULT_QUERIES = {
    'error-rate': 'sum(rate(http_requests_total{version="{{version}}",code=~"5.."}[1m])) / sum(rate(http_requests_total{version="{{version}}"}[1m]))',
    p95: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{version="{{version}}"}[1m])))',
};
const percent = (v) => `${(v * 100).toFixed(1).replace(/\.0$/, '')}%`;
const millis = (v) => `${Math.round(v * 1000)} ms`;
/** The metric triggers that apply: error rate and p95 whenever Prometheus is given, memory only with its query. */
function metricTriggers(s) {
    if (!s.prometheusUrl)
        return [];
    const out = [
        { trigger: 'error-rate', query: s.errorRateQuery ?? DEFAULT_QUERIES['error-rate'], max: s.maxErrorRate, show: percent },
        { trigger: 'p95', query: s.p95Query ?? DEFAULT_QUERIES.p95, max: s.maxP95 / 1000, show: millis },
    ];
    if (s.memoryQuery)
        out.push({ trigger: 'memory', query: s.memoryQuery, max: s.maxMemory, show: percent });
    return out;
}
/** One health reading: every check must pass on its one attempt. */
async function healthReading(s) {
    const reading = await readSmokeSignal(s.checks, {
        url: s.url,
        authorization: s.authorization,
        timeoutMs: s.intervalMs,
        signal: s.signal,
    });
    const { first, results } = reading;
    const failed = reading.failed;
    const value = first.status !== undefined ? `${first.status} in ${Math.round(first.latencyMs ?? 0)} ms` : 'no answer';
    return {
        trigger: 'health',
        verdict: reading.verdict,
        value: failed === 0 ? `${results.length} check(s) passed` : `${first.name}: ${value}`,
        threshold: `${s.checks.length} check(s) pass`,
        detail: failed === 0 ? undefined : first.reason,
    };
}
/** One metric reading; no data or an unreachable Prometheus is `none`, never a failure. */
async function metricReading(s, m) {
    const threshold = m.show(m.max);
    try {
        const sample = await (0,prometheus/* queryPrometheus */.$k)({
            url: s.prometheusUrl,
            query: m.query,
            vars: s.vars,
            timeoutMs: Math.min(10_000, Math.max(1_000, s.intervalMs)),
        });
        if (sample.value === null)
            return { trigger: m.trigger, verdict: 'none', value: 'no data', threshold, detail: sample.reason };
        return { trigger: m.trigger, verdict: sample.value > m.max ? 'fail' : 'pass', value: m.show(sample.value), threshold };
    }
    catch (err) {
        return { trigger: m.trigger, verdict: 'none', value: 'no data', threshold, detail: (0,errors/* errorMessage */.gJ)(err) };
    }
}
/** The sampler the watch calls: health and every metric, at once. */
function sampler(s) {
    return () => Promise.all([healthReading(s), ...s.metrics.map((m) => metricReading(s, m))]);
}

;// CONCATENATED MODULE: ./build/rollback/target.js

const failedAttempt = (r) => (0,meaning/* isRollback */.z1)(r) && !(0,meaning/* isGood */.Kg)(r);
const describe = (r) => `${r.payload.version} (deployment ${r.id})`;
/** Why a record older than the bad one is no place to go back to; true when it is. */
function judgeCandidate(r, ctx) {
    if (!(0,meaning/* isShipline */.ft)(r))
        return (0,meaning/* notShiplineWhy */.wD)(r);
    const by = ctx.rolledBack.get(r.id) ?? (r.nodeId ? ctx.rolledBack.get(r.nodeId) : undefined);
    if (by)
        return `rolled back by deployment ${by}`;
    if (r.state === 'failure' || r.state === 'error')
        return `its last status is ${r.state}${r.statusDescription ? ` (${r.statusDescription})` : ''}`;
    if ((0,meaning/* isPaused */.lP)(r))
        return 'a canary that was paused, never promoted';
    if (!(0,meaning/* isGood */.Kg)(r))
        return `it never finished (last status ${r.state})`;
    if (ctx.toVersion !== undefined && r.payload.version !== ctx.toVersion)
        return `not the version asked for (${ctx.toVersion})`;
    if (ctx.toVersion === undefined && r.payload.version === ctx.bad.payload.version)
        return 'the same version as the deployment being rolled back';
    return true;
}
/**
 * Reads the environment's records newest first, only as far as needed (one GitHub call per 100),
 * and picks what to roll back and where to. The bad deployment is the newest record (earlier
 * rollback attempts that failed are passed over, so a retry rolls back the same deployment). The
 * target is the newest older record whose last status is `success` or `inactive` (live until a
 * later success replaced it), that no successful rollback undid, and that has another version —
 * or, with `toVersion`, the newest such record of that version.
 */
async function chooseTarget(history, opts) {
    const limit = opts.limit ?? 1000;
    const skipped = [];
    const rolledBack = new Map();
    const seenVersions = new Set();
    const toVersionRecords = [];
    let seen = 0;
    let bad;
    let already;
    for await (const r of history) {
        seen++;
        const undone = (0,meaning/* undoes */.D8)(r);
        if (undone && !rolledBack.has(undone))
            rolledBack.set(undone, r.id);
        if (already) {
            if (r.id === already.current.payload.rollbackOf || r.nodeId === already.current.payload.rollbackOf)
                return { kind: 'already', ...already, undone: r, skipped, seen };
        }
        else if (!bad) {
            if (!(0,meaning/* isShipline */.ft)(r))
                skipped.push({ record: r, why: (0,meaning/* notShiplineWhy */.wD)(r) });
            else if (failedAttempt(r))
                skipped.push({ record: r, why: `an earlier rollback attempt that did not succeed (${r.state})` });
            else if ((0,meaning/* isPaused */.lP)(r)) {
                return {
                    kind: 'paused',
                    paused: r,
                    why: `a canary of ${describe(r)} is paused in ${opts.environment} (${r.statusDescription}): a paused canary is ` +
                        `not a failure and is not rolled back; promote or abort it (canary with resume: promote or resume: abort)`,
                    skipped,
                    seen,
                };
            }
            else {
                bad = r;
                // A rollback is never itself rolled back (its record is never the bad side of another).
                if (opts.toVersion === undefined && (0,meaning/* isRollback */.z1)(r)) {
                    already = { current: r, why: `${opts.environment} was already rolled back to ${r.payload.version} by deployment ${r.id}` };
                    if (!r.payload.rollbackOf)
                        return { kind: 'already', ...already, skipped, seen };
                }
                else if (opts.toVersion !== undefined && (0,meaning/* isGood */.Kg)(r) && r.payload.version === opts.toVersion) {
                    return { kind: 'already', current: r, why: `${opts.environment} already runs ${describe(r)}`, skipped, seen };
                }
            }
        }
        else {
            if ((0,meaning/* isShipline */.ft)(r))
                seenVersions.add(r.payload.version);
            const verdict = judgeCandidate(r, { bad, rolledBack, toVersion: opts.toVersion });
            if (verdict === true)
                return { kind: 'target', bad, target: r, skipped, seen };
            const skip = { record: r, why: verdict };
            skipped.push(skip);
            if (opts.toVersion !== undefined && r.payload.version === opts.toVersion)
                toVersionRecords.push(skip);
        }
        if (seen >= limit)
            break;
    }
    if (already)
        return { kind: 'already', ...already, skipped, seen };
    const read = { skipped, seen };
    const depth = seen >= limit ? ` (stopped after ${limit} records)` : '';
    if (seen === 0)
        return { kind: 'none', why: `${opts.environment} has no deployment records: nothing to roll back`, ...read };
    if (!bad)
        return {
            kind: 'none',
            why: `${opts.environment} has no shipline deployment records (${seen} from other tools): nothing to roll back`,
            ...read,
        };
    if (opts.toVersion !== undefined) {
        if (toVersionRecords.length > 0) {
            const reasons = toVersionRecords
                .slice(0, 3)
                .map((s) => `deployment ${s.record.id}: ${s.why}`)
                .join('; ');
            return {
                kind: 'none',
                bad,
                why: `${opts.toVersion} was deployed to ${opts.environment} before ` +
                    `${describe(bad)}, but never in a state to go back to: ${reasons}${depth}`,
                ...read,
            };
        }
        const known = [...seenVersions].slice(0, 10);
        const also = opts.toVersion === bad.payload.version
            ? `; it is the version of the newest deployment, ${describe(bad)}, whose last status is ${bad.state}`
            : '';
        return {
            kind: 'none',
            bad,
            why: `${opts.toVersion} was never deployed to ${opts.environment} before ${describe(bad)}${also} ` +
                `(${seen} records read${depth}); versions deployed there: ${known.join(', ') || 'none'}`,
            ...read,
        };
    }
    return {
        kind: 'none',
        bad,
        why: `${opts.environment} has no good deployment older than ${describe(bad)} to roll back to (${seen} records read${depth})`,
        ...read,
    };
}

// EXTERNAL MODULE: ./build/core/pool.js
var pool = __webpack_require__(3506);
// EXTERNAL MODULE: ./build/verify/window.js
var verify_window = __webpack_require__(282);
;// CONCATENATED MODULE: ./build/rollback/verify.js


const LABEL = {
    health: 'health checks',
    'error-rate': 'error rate',
    p95: 'p95 latency',
    memory: 'memory use',
};
/** The reason line of a trigger that fired after `count` failing samples in a row (or `count` of the last `of`). */
function firedReason(reading, count, of) {
    const what = reading.trigger === 'health' ? `${LABEL.health} failed` : `${LABEL[reading.trigger]} above ${reading.threshold}`;
    const how = of === undefined ? `${count} time${count === 1 ? '' : 's'} in a row` : `in ${count} of the last ${of} samples`;
    return `${what} ${how} (last: ${reading.value}${reading.detail ? `, ${reading.detail}` : ''})`;
}
/**
 * Watches an environment for the bake period: one sample every `intervalMs` (on a fixed schedule,
 * so a slow sample does not stretch the bake), each signal judged on its own with the engine's
 * window rule (src/verify/window.ts): `failureLimit` failing samples in a row, or among the signal's
 * last 2 x `failureLimit` samples, fire it (so a failure broken by single passes still does), and
 * the watch ends at once. No-data policy of a bake: a sample without data neither counts nor
 * clears; it never rolls back on missing data alone, and the watch reports how often it happened.
 */
async function watch(opts) {
    const now = opts.now ?? (() => performance.now());
    const pause = opts.sleep ?? pool/* sleep */.y;
    const start = now();
    const windows = new Map();
    const streaks = new Map();
    const noData = {};
    const samples = [];
    for (let tick = 0;; tick++) {
        const at = now() - start;
        if (at >= opts.bakeMs)
            break;
        const readings = await opts.sample();
        const sample = { at: Math.round(at), readings };
        samples.push(sample);
        let fired;
        for (const reading of readings) {
            let window = windows.get(reading.trigger);
            if (!window)
                windows.set(reading.trigger, (window = new verify_window/* SampleWindow */.r(opts.failureLimit, 'ignored')));
            const state = window.push(reading.verdict === 'none' ? 'inconclusive' : reading.verdict);
            if (reading.verdict === 'none') {
                noData[reading.trigger] = (noData[reading.trigger] ?? 0) + 1;
                if (noData[reading.trigger] === 1)
                    opts.onNoData?.(reading);
                continue;
            }
            streaks.set(reading.trigger, state.streak);
            if (!fired && state.tripped) {
                const reason = state.streak >= opts.failureLimit ? firedReason(reading, state.streak) : firedReason(reading, state.notPassing, state.seen);
                fired = { trigger: reading.trigger, reason, at: Math.round(now() - start) };
            }
        }
        opts.onSample?.(sample, streaks);
        if (fired)
            return { fired, samples, elapsedMs: Math.round(now() - start), noData };
        const next = (tick + 1) * opts.intervalMs;
        const wait = Math.min(next, opts.bakeMs) - (now() - start);
        if (wait > 0)
            await pause(wait, opts.signal);
    }
    return { samples, elapsedMs: Math.round(now() - start), noData };
}

;// CONCATENATED MODULE: ./build/rollback/bake.js
/** Verify mode (`bake`): watch the live version for a while, roll back at once when a trigger fires. */











async function verifyMode(setup, bakeMs) {
    const { ctx, store } = setup;
    const s = ctx.settings;
    ctx.setOutput('trigger', '');
    ctx.summary.title(`Verify ${s.environment} for ${(0,duration/* formatDuration */.a3)(bakeMs)}, roll back on a trigger`);
    const choice = await chooseTarget(store.history(s.environment), { environment: s.environment, toVersion: s.toVersion });
    const nl = notLiveWhy(choice, s.fromVersion, s.environment);
    if (nl)
        return notLive(setup, nl, choice);
    if (choice.kind === 'paused')
        throw new Error('a paused canary is not watched');
    const watched = choice.kind === 'already' ? choice.current : choice.bad;
    if (!watched) {
        throw new errors/* UserError */.yo(`Input "environment": ${choice.kind === 'none' ? choice.why : 'nothing to watch'}. ` +
            `Accepted: an environment with a deployment from the deploy action.`);
    }
    ctx.setOutput('version', watched.payload.version);
    let fired;
    let noDataLine;
    if (!(0,meaning/* isGood */.Kg)(watched)) {
        // The deploy itself failed (or its run ended without finishing it): nothing to watch, roll back at once.
        const unfinished = await unfinishedBad(setup, watched);
        fired = {
            trigger: 'deploy-failed',
            reason: `deployment ${watched.id} (${watched.payload.version}) did not succeed: ` +
                `its last status is ${watched.state}${unfinished ? ` (${unfinished})` : ''}`,
            at: 0,
        };
        ctx.summary.facts([['watching', `${watched.payload.version} (deployment ${watched.id}, ${watched.state})`]]);
    }
    else {
        const url = setup.url ?? watched.environmentUrl;
        if (!url) {
            throw new errors/* UserError */.yo(`Input "url" is required in verify mode: deployment ${watched.id} (${watched.payload.version}) ` +
                `has no environment URL to watch. Accepted: an absolute http or https URL.`);
        }
        const metrics = metricTriggers(s);
        for (const m of metrics)
            await checkQuery(s.prometheusUrl, m.query, { version: watched.payload.version, environment: s.environment });
        const checks = setup.checks ?? (s.healthPath ? [{ ...schema/* DEFAULT_CHECKS */.UK[0], name: `GET ${s.healthPath}`, path: s.healthPath }] : schema/* DEFAULT_CHECKS */.UK);
        ctx.summary.facts([
            ['watching', `${watched.payload.version} (deployment ${watched.id}, ${watched.state})`],
            ['URL', url],
            ['bake', `${(0,duration/* formatDuration */.a3)(bakeMs)}, a sample every ${(0,duration/* formatDuration */.a3)(s.checkInterval)}`],
        ]);
        reportTriggers(ctx.summary, { checks: checks.length, url }, metrics, s.failureLimit);
        if (!s.dryRun) {
            const result = await ctx.log.group(`Watching ${s.environment} for ${(0,duration/* formatDuration */.a3)(bakeMs)}`, () => watch({
                bakeMs,
                intervalMs: s.checkInterval,
                failureLimit: s.failureLimit,
                signal: ctx.signal,
                sample: sampler({
                    url,
                    authorization: setup.url ? setup.authorization : undefined,
                    checks,
                    intervalMs: s.checkInterval,
                    prometheusUrl: s.prometheusUrl,
                    metrics,
                    vars: { version: watched.payload.version, environment: s.environment },
                    signal: ctx.signal,
                }),
                onSample: (sample) => ctx.log.info(`${(sample.at / 1000).toFixed(1)}s ` +
                    `${sample.readings.map((r) => `${r.trigger} ${r.verdict} (${r.value}${r.detail ? `: ${r.detail}` : ''})`).join(', ')}`),
                onNoData: (r) => ctx.log.warning(`No data for ${r.trigger} in ${s.environment}${r.detail ? ` (${r.detail})` : ''}: the ` +
                    `bake cannot judge it while this lasts, and never rolls back on missing data alone.`),
            }));
            reportSamples(ctx.summary, result);
            noDataLine = describeNoData(result.noData, result.samples.length);
            if (noDataLine)
                ctx.summary.text(`⚠️ ${noDataLine}`);
            fired = result.fired;
        }
    }
    if (s.dryRun) {
        const then = choice.kind === 'target' ? `roll back to ${choice.target.payload.version}` : choice.why;
        ctx.summary.text(fired ? `${fired.reason}: would ${then} at once.` : `If a trigger fires: ${then}.`);
        reportChoice(ctx.summary, choice, store, { trigger: fired?.trigger, reason: fired?.reason }, ctx.runner);
        if (choice.kind === 'target')
            await planLines(setup, jobOf(setup, choice, `automatic rollback: ${fired?.reason ?? '<trigger>'}`));
        return {
            result: 'dry-run',
            status: 'info',
            verdict: `Dry run: would ${fired ? 'roll back' : 'watch'} ${watched.payload.version} in ` +
                `${s.environment}${fired ? '' : ` for ${(0,duration/* formatDuration */.a3)(bakeMs)}`}; nothing changed.`,
        };
    }
    if (!fired) {
        if (!noDataLine)
            return {
                result: 'healthy',
                status: 'pass',
                verdict: `${watched.payload.version} stayed healthy in ${s.environment} for ${(0,duration/* formatDuration */.a3)(bakeMs)}; no rollback.`,
            };
        ctx.log.warning(`${noDataLine} ${watched.payload.version} is not proven healthy on those signals.`);
        return {
            result: 'healthy',
            status: 'info',
            verdict: `${watched.payload.version} in ${s.environment}: no trigger fired in ${(0,duration/* formatDuration */.a3)(bakeMs)}, ` +
                `but ${noDataLine.charAt(0).toLowerCase()}${noDataLine.slice(1)} No rollback.`,
        };
    }
    ctx.setOutput('trigger', fired.trigger);
    ctx.log.warning(`Rollback trigger "${fired.trigger}" fired in ${s.environment}: ${fired.reason}`);
    ctx.summary.text(`Trigger ${fired.trigger} fired after ${(fired.at / 1000).toFixed(1)} s: ${fired.reason}`);
    const reason = `${s.reason ? `${s.reason}; ` : ''}automatic rollback: ${fired.reason}`;
    return apply(setup, choice, reason, fired);
}
/** "error-rate had no data in 4 of 6 samples." or undefined when every signal had data every time. */
function describeNoData(noData, samples) {
    const parts = Object.entries(noData).map(([trigger, n]) => `${trigger} had no data in ${n} of ${samples} samples`);
    return parts.length > 0 ? `${parts.join('; ')}.` : undefined;
}
/** A bad query fails the step before the watch; an unreachable Prometheus only warns (no data is not a failure). */
async function checkQuery(url, query, vars) {
    try {
        await (0,prometheus/* queryPrometheus */.$k)({ url, query, vars });
    }
    catch (err) {
        if (err instanceof prometheus/* PrometheusError */.HH && (err.kind === 'bad_query' || err.kind === 'auth')) {
            throw new errors/* UserError */.yo(`Input "prometheus-url" or a query: ${err.message}. Accepted: a Prometheus that answers the query with one number.`);
        }
    }
}

// EXTERNAL MODULE: ./build/core/common-fields.js
var common_fields = __webpack_require__(9507);
// EXTERNAL MODULE: ./build/core/fields.js
var fields = __webpack_require__(2189);
// EXTERNAL MODULE: ./build/drivers/fields.js
var drivers_fields = __webpack_require__(9735);
// EXTERNAL MODULE: ./build/notify/targets.js
var targets = __webpack_require__(7494);
;// CONCATENATED MODULE: ./build/rollback/fields.js






/** Defaults of the automatic triggers, from the teams' runbooks (3 failed health checks, 5%, 2 s, 80%). */
const TRIGGER_DEFAULTS = {
    failureLimit: 3,
    maxErrorRate: 0.05,
    maxP95Ms: 2_000,
    maxMemory: 0.8,
    checkIntervalMs: 10_000,
};
/** The inputs of the rollback action; `bake` switches on the automatic (verify) mode. */
const fields_fields = {
    environment: (0,common_fields/* environmentField */.CD)(true),
    'to-version': (0,common_fields/* versionField */.FA)(false),
    'from-version': (0,common_fields/* versionField */.FA)(false),
    reason: fields/* string */.Yj({ line: true }),
    url: fields/* url */.OZ(),
    checks: fields/* structured */.uv(schema/* checksSchema */.dJ, { form: schema/* CHECKS_FORM */.tX }),
    timeout: fields/* duration */.p0({ min: 1_000, max: 6 * 3_600_000, default: 600_000 }),
    // verify mode
    bake: fields/* duration */.p0({ min: 1_000, max: 6 * 3_600_000 }),
    'check-interval': fields/* duration */.p0({ min: 100, max: 600_000, default: TRIGGER_DEFAULTS.checkIntervalMs }),
    'failure-limit': fields/* int */.Wh({ min: 1, max: 100, default: TRIGGER_DEFAULTS.failureLimit }),
    'prometheus-url': fields/* url */.OZ(),
    'error-rate-query': fields/* string */.Yj({
        form: 'a PromQL query giving the error rate as a fraction (0-1); may use {{version}} and {{environment}}',
    }),
    'p95-query': fields/* string */.Yj({ form: 'a PromQL query giving the p95 latency in seconds; may use {{version}} and {{environment}}' }),
    'memory-query': fields/* string */.Yj({
        form: 'a PromQL query giving memory use as a fraction of the limit (0-1); may use {{version}} and {{environment}}',
    }),
    'max-error-rate': fields/* number */.ai({ min: 0, max: 1, default: TRIGGER_DEFAULTS.maxErrorRate }),
    'max-p95': fields/* duration */.p0({ min: 1, max: 600_000, default: TRIGGER_DEFAULTS.maxP95Ms }),
    'max-memory': fields/* number */.ai({ min: 0, max: 1, default: TRIGGER_DEFAULTS.maxMemory }),
    ...drivers_fields/* driverFields */.Op,
    'switch-command': fields/* string */.Yj({ form: 'a shell command' }),
    notify: (0,targets/* notifyField */.AX)(),
    ...common_fields/* githubFields */.bA,
    ...common_fields/* commonFields */.dG,
};

;// CONCATENATED MODULE: ./build/rollback/action.js











/** Entry of the rollback action: put the environment back on its last good version, by hand or when a trigger fires. */
function action_run(opts) {
    return (0,run/* runAction */.Cs)({ name: 'rollback', title: 'shipline rollback', fields: fields_fields, environmentInput: 'environment', cancelledOutputs: { result: 'failure' } }, rollback, opts);
}
async function rollback(ctx) {
    (0,notify/* notifyWhenDone */.w)(ctx, 'rollback');
    ctx.summary.title('Rollback');
    let ending;
    try {
        const setup = prepare(ctx);
        ending = ctx.settings.bake !== undefined ? await verifyMode(setup, ctx.settings.bake) : await manualMode(setup);
    }
    catch (err) {
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
function settle(ctx, ending) {
    ctx.setOutput('result', ending?.result ?? 'failure');
    if (ending)
        ctx.summary.verdict(ending.status, ending.verdict);
}
/** The driver, the records, the URL and its credentials: nothing read from the environment yet. */
function prepare(ctx) {
    const s = ctx.settings;
    if (s.url)
        (0,redact/* maskUrlCredentials */.gn)(s.url);
    if (s.prometheusUrl)
        (0,redact/* maskUrlCredentials */.gn)(s.prometheusUrl);
    const { url, authorization } = s.url ? (0,redact/* splitUrlCredentials */.CN)(s.url) : { url: undefined, authorization: undefined };
    const root = (0,records_open/* stateRoot */.o)(s.stateDir, ctx.runner);
    const driver = (0,factory/* createDriver */.fO)(s, {
        environment: s.environment,
        stateRoot: root,
        use: 'rollback',
        log: ctx.log,
        exec: ctx.runtime.exec,
        signal: ctx.signal,
        cwd: ctx.runner.workspace,
        timeoutMs: s.timeout,
    });
    const store = (0,records_open/* openRecords */.t)({ token: s.githubToken, runner: ctx.runner, stateDir: root, runtime: ctx.runtime });
    return { ctx, driver, store, checks: s.checks, url, authorization };
}
async function manualMode(setup) {
    const { ctx, store } = setup;
    const s = ctx.settings;
    ctx.setOutput('trigger', 'manual');
    ctx.summary.title(`Rollback of ${s.environment}${s.toVersion ? ` to ${s.toVersion}` : ''}`);
    const choice = await chooseTarget(store.history(s.environment), { environment: s.environment, toVersion: s.toVersion });
    const nl = notLiveWhy(choice, s.fromVersion, s.environment);
    if (nl)
        return notLive(setup, nl, choice);
    if (choice.kind === 'target') {
        const why = await unfinishedBad(setup, choice.bad);
        if (why)
            ctx.log.warning(`Deployment ${choice.bad.id} (${choice.bad.payload.version}) never finished; ${why}. Rolling back from it.`);
    }
    const reason = s.reason ?? `rollback requested${ctx.runner.actor ? ` by ${ctx.runner.actor}` : ''}`;
    return apply(setup, choice, reason);
}


/***/ }),

/***/ 9477:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $k: () => (/* binding */ queryPrometheus),
/* harmony export */   B4: () => (/* binding */ validateQuery),
/* harmony export */   HH: () => (/* binding */ PrometheusError)
/* harmony export */ });
/* unused harmony exports renderQuery, escapeLabelValue */
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2807);
/* harmony import */ var _core_redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(193);


/** A query Prometheus rejects is the user's; Prometheus unreachable, refusing the token or failing is outside. */
const FAILURE = {
    unreachable: 'outside',
    bad_query: 'refused',
    auth: 'outside',
    server: 'outside',
};
class PrometheusError extends _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ExpectedFailure */ .Hb {
    name = 'PrometheusError';
    kind;
    constructor(kind, message) {
        super(FAILURE[kind], message);
        this.kind = kind;
    }
}
const DEFAULT_TIMEOUT_MS = 10_000;
/** Runs one instant query and reduces its answer to one number, or null with the reason. */
async function queryPrometheus(opts) {
    const query = renderQuery(opts.query, opts.vars);
    const body = await postQuery(opts, query);
    const sample = reduceResult(query, body);
    const warnings = Array.isArray(body.warnings) ? body.warnings.map(String) : undefined;
    return warnings && warnings.length > 0 ? { ...sample, warnings } : sample;
}
/**
 * Runs the query once before any traffic moves, so a typo fails the step with Prometheus's own
 * message. No data yet is fine (the canary has no traffic); a rejected query is not.
 */
async function validateQuery(opts) {
    return queryPrometheus(opts);
}
// ---- placeholders --------------------------------------------------------------------------
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/y;
/**
 * Fills `{{version}}` and `{{environment}}` in. Inside a quoted string the value is escaped for
 * that quote (a version can never end the string and add a matcher); outside strings it must be
 * a bare identifier (part of a metric name); inside a `raw` string it must not hold a backtick.
 */
function renderQuery(template, vars) {
    let out = '';
    let quote = null;
    for (let i = 0; i < template.length;) {
        const ch = template[i];
        PLACEHOLDER.lastIndex = i;
        const match = PLACEHOLDER.exec(template);
        if (match) {
            const name = match[1];
            const value = vars[name];
            if (value === undefined) {
                const known = Object.keys(vars)
                    .map((k) => `{{${k}}}`)
                    .join(', ');
                throw new PrometheusError('bad_query', `unknown placeholder {{${name}}} in query; known: ${known}`);
            }
            out += placeValue(name, value, quote);
            i += match[0].length;
            continue;
        }
        out += ch;
        if (quote === null) {
            if (ch === '"' || ch === "'" || ch === '`')
                quote = ch;
        }
        else if (ch === '\\' && quote !== '`' && i + 1 < template.length) {
            out += template[i + 1];
            i += 2;
            continue;
        }
        else if (ch === quote) {
            quote = null;
        }
        i += 1;
    }
    return out;
}
function placeValue(name, value, quote) {
    if (quote === null) {
        if (!/^[A-Za-z0-9_:]+$/.test(value)) {
            throw new PrometheusError('bad_query', `{{${name}}} is outside quotes but its value "${value}" is not a ` +
                `bare name; write it inside a label value, e.g. ${name}="{{${name}}}"`);
        }
        return value;
    }
    if (quote === '`') {
        if (value.includes('`')) {
            throw new PrometheusError('bad_query', `{{${name}}} is in a \`raw\` string but its value holds a backtick`);
        }
        return value;
    }
    return escapeLabelValue(value, quote);
}
/** Escapes a value for a PromQL string in `quote` (Go string escapes). */
function escapeLabelValue(value, quote = '"') {
    let out = '';
    for (const ch of value) {
        if (ch === '\\')
            out += '\\\\';
        else if (ch === quote)
            out += `\\${ch}`;
        else if (ch === '\n')
            out += '\\n';
        else if (ch === '\r')
            out += '\\r';
        else if (ch === '\t')
            out += '\\t';
        else if (ch < ' ' || ch === '\u007f')
            out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
        else
            out += ch;
    }
    return out;
}
async function postQuery(opts, query) {
    const { endpoint, headers, shown } = request(opts);
    const form = new URLSearchParams({ query });
    if (opts.time)
        form.set('time', (opts.time.getTime() / 1000).toFixed(3));
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const doFetch = opts.fetch ?? fetch;
    let response;
    let text;
    try {
        response = await doFetch(endpoint, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
            body: form.toString(),
            signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.text();
    }
    catch (err) {
        throw new PrometheusError('unreachable', `Prometheus at ${shown} is unreachable: ${describeFetchError(err, timeoutMs)}`);
    }
    let body;
    try {
        body = JSON.parse(text);
    }
    catch {
        body = undefined;
    }
    if (response.status === 401 || response.status === 403) {
        throw new PrometheusError('auth', `Prometheus at ${shown} answered ${response.status}: check its credentials (URL user info, bearer or basic auth)`);
    }
    if (body && body.status === 'error') {
        const kind = body.errorType === 'bad_data' || response.status === 400 || response.status === 422 ? 'bad_query' : 'server';
        const what = kind === 'bad_query' ? 'rejected the query' : `failed (${body.errorType ?? response.status})`;
        throw new PrometheusError(kind, `Prometheus ${what}: ${(0,_core_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redactUrls */ .sK)(body.error ?? 'no message')} (query: ${query})`);
    }
    if (!response.ok || !body || body.status !== 'success') {
        const snippet = text.slice(0, 200).replace(/\s+/g, ' ').trim();
        throw new PrometheusError('server', `Prometheus at ${shown} answered ${response.status} without a query result${snippet ? `: ${(0,_core_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redactUrls */ .sK)(snippet)}` : ''}`);
    }
    return body;
}
function request(opts) {
    let split;
    try {
        split = (0,_core_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .splitUrlCredentials */ .CN)(opts.url);
    }
    catch {
        throw new PrometheusError('unreachable', `prometheus-url "${(0,_core_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redactUrls */ .sK)(opts.url)}" is not a URL`);
    }
    const base = new URL(split.url);
    base.search = '';
    base.hash = '';
    const shown = base.toString().replace(/\/$/, '');
    const endpoint = `${shown}/api/v1/query`;
    const headers = {};
    if (opts.auth?.bearer)
        headers.authorization = `Bearer ${opts.auth.bearer}`;
    else if (opts.auth?.basic) {
        const { username, password } = opts.auth.basic;
        headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    }
    else if (split.authorization)
        headers.authorization = split.authorization;
    return { endpoint, headers, shown };
}
function describeFetchError(err, timeoutMs) {
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
        return `no answer within ${timeoutMs} ms`;
    }
    const cause = err instanceof Error ? err.cause : undefined;
    const message = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
    return (0,_core_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redactUrls */ .sK)(message);
}
// ---- result ----------------------------------------------------------------------------------
function reduceResult(query, body) {
    const type = body.data?.resultType;
    const result = body.data?.result;
    if (type === 'scalar')
        return fromNumber(query, result[1]);
    if (type === 'vector') {
        const series = result;
        if (series.length === 0)
            return { query, value: null, reason: 'no data (empty result)' };
        if (series.length > 1) {
            return {
                query,
                value: null,
                reason: `the query returned ${series.length} series, not one; aggregate it (sum, max, ...)`,
            };
        }
        return fromNumber(query, series[0].value[1]);
    }
    throw new PrometheusError('bad_query', `the query gives a ${type ?? 'missing'} result, not one number; use an instant vector such as sum(rate(x[1m])) (query: ${query})`);
}
function fromNumber(query, text) {
    if (/^[+-]?Inf$/.test(text))
        return { query, value: null, reason: `no usable data (${text})` };
    const value = Number(text);
    if (Number.isNaN(value))
        return { query, value: null, reason: 'no data (NaN, e.g. 0 requests divided by 0)' };
    if (!Number.isFinite(value))
        return { query, value: null, reason: `no usable data (${text})` };
    return { query, value };
}


/***/ }),

/***/ 282:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ describeWindow),
/* harmony export */   r: () => (/* binding */ SampleWindow)
/* harmony export */ });
class SampleWindow {
    limit;
    noData;
    window;
    recent = [];
    streak = 0;
    constructor(limit, noData = 'counts') {
        this.limit = limit;
        this.noData = noData;
        if (!Number.isInteger(limit) || limit < 1)
            throw new RangeError(`failureLimit must be a positive integer, got ${limit}`);
        this.window = 2 * limit;
    }
    push(verdict) {
        if (verdict === 'inconclusive' && this.noData === 'ignored')
            return this.state();
        this.recent.push(verdict);
        if (this.recent.length > this.window)
            this.recent.shift();
        this.streak = verdict === 'pass' ? 0 : this.streak + 1;
        return this.state();
    }
    state() {
        const notPassing = this.recent.filter((v) => v !== 'pass').length;
        return {
            streak: this.streak,
            notPassing,
            seen: this.recent.length,
            sawFail: this.recent.includes('fail'),
            tripped: notPassing >= this.limit,
        };
    }
}
/** "3 in a row" or "3 of the last 6", for reasons. */
function describeWindow(state, limit) {
    return state.streak >= limit
        ? `${state.streak} samples in a row did not pass`
        : `${state.notPassing} of the last ${state.seen} samples did not pass`;
}


/***/ })

};
