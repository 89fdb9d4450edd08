export const id = 186;
export const ids = [186];
export const modules = {

/***/ 3784:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $h: () => (/* binding */ execChecked),
/* harmony export */   Qd: () => (/* binding */ CommandError),
/* harmony export */   t6: () => (/* reexport safe */ _core_errors_js__WEBPACK_IMPORTED_MODULE_0__.t6)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2807);

/** A tool shipline ran (git, buildah, docker) failed; the message carries its command and output. */
class CommandError extends Error {
    command;
    args;
    exitCode;
    stderr;
    name = 'CommandError';
    constructor(message, command, args, exitCode, stderr) {
        super(message);
        this.command = command;
        this.args = args;
        this.exitCode = exitCode;
        this.stderr = stderr;
    }
}
/**
 * Runs a program through the runtime's exec (argv, no shell; its output to `onLine` only, none by
 * default) and throws a CommandError (with the tail of its stderr) unless it exits 0.
 */
async function execChecked(exec, command, args, options = {}) {
    const { label, ...opts } = options;
    const result = await exec.argv(command, args, { ...opts, onLine: opts.onLine ?? null });
    if (result.code !== 0) {
        const tail = (result.stderr || result.stdout).trim().split('\n').slice(-15).join('\n');
        throw new CommandError(`${label ?? `${command} ${args[0] ?? ''}`.trim()} failed with exit code ${result.code}${tail ? `:\n${tail}` : ''}`, command, args, result.code, result.stderr);
    }
    return result;
}


/***/ }),

/***/ 8761:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ listGitTags),
/* harmony export */   o: () => (/* binding */ listRemoteTags)
/* harmony export */ });
/* harmony import */ var _core_exec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8801);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3784);


function lines(text) {
    return text
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.length > 0);
}
/**
 * The tags of the repository at `cwd`, as `git tag --list` prints them. Note that a shallow
 * checkout (actions/checkout's default `fetch-depth: 1`) has no tags: fetch them first
 * (`fetch-tags: true` or `fetch-depth: 0`), or use listRemoteTags.
 */
async function listGitTags(cwd, exec = _core_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .processExec */ .l$) {
    const { stdout } = await (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .execChecked */ .$h)(exec, 'git', ['tag', '--list'], { cwd });
    return lines(stdout);
}
/** The tags a remote holds (`git ls-remote --tags --refs REMOTE`), without fetching anything. */
async function listRemoteTags(cwd, remote = 'origin', exec = _core_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .processExec */ .l$) {
    if (remote.startsWith('-') || remote.trim() === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BuildConfigError */ .t6(`git remote "${remote}" is not a remote name or URL`);
    }
    const { stdout } = await (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .execChecked */ .$h)(exec, 'git', ['ls-remote', '--tags', '--refs', remote], { cwd });
    return lines(stdout)
        .map((line) => line.split('\t')[1] ?? '')
        .filter((ref) => ref.startsWith('refs/tags/'))
        .map((ref) => ref.slice('refs/tags/'.length));
}


/***/ }),

/***/ 7599:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ resolveVersion)
/* harmony export */ });
/* unused harmony exports parseSemverTag, releaseTags */
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2088);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3784);
/* harmony import */ var _core_oci_tag_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4282);
/* harmony import */ var _git_tags_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8761);
/* harmony import */ var _records_build_manifest_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7287);





const TAG_PREFIX = 'refs/tags/';
const BRANCH_PREFIX = 'refs/heads/';
const PULL_REF = /^refs\/pull\/(\d+)\/(?:merge|head)$/;
/** `v1.2.3` or `1.2.3` (strict SemVer 2.0 after an optional `v`) -> the parsed version, else null. */
function parseSemverTag(tag) {
    const bare = tag.startsWith('v') ? tag.slice(1) : tag;
    if (!/^\d/.test(bare))
        return null;
    const parsed = semver__WEBPACK_IMPORTED_MODULE_0__.parse(bare);
    return parsed && parsed.raw === bare ? parsed : null;
}
function fullVersion(v) {
    return v.build.length ? `${v.version}+${v.build.join('.')}` : v.version;
}
function shortSha(sha) {
    if (!/^[0-9a-fA-F]{7,64}$/.test(sha)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BuildConfigError */ .t6(`commit "${sha}" is not a commit id (expected 7 to 64 hexadecimal characters, as GITHUB_SHA)`);
    }
    return sha.slice(0, 7).toLowerCase();
}
/**
 * Tags of a release version: `X.Y.Z` always; `X.Y`, `X` and `latest` only while no existing release
 * is higher in that line. A hotfix v1.4.9 tagged after v2.0.0 gets `1.4.9`, `1.4`, `1` but never
 * `2` or `latest`.
 */
function releaseTags(version, existingTags) {
    const releases = existingTags.map(parseSemverTag).filter((v) => v !== null && v.prerelease.length === 0);
    const outranked = (sameLine) => releases.some((other) => sameLine(other) && semver__WEBPACK_IMPORTED_MODULE_0__.gt(other, version));
    const tags = [(0,_core_oci_tag_js__WEBPACK_IMPORTED_MODULE_4__/* .sanitizeTag */ .iP)(fullVersion(version))];
    if (!outranked((o) => o.major === version.major && o.minor === version.minor)) {
        tags.push(`${version.major}.${version.minor}`);
    }
    if (!outranked((o) => o.major === version.major))
        tags.push(`${version.major}`);
    if (!outranked(() => true))
        tags.push('latest');
    return tags;
}
function fromSemver(v, existingTags) {
    if (v.prerelease.length > 0) {
        return { version: fullVersion(v), channel: 'prerelease', tags: [(0,_core_oci_tag_js__WEBPACK_IMPORTED_MODULE_4__/* .sanitizeTag */ .iP)(fullVersion(v))] };
    }
    return { version: fullVersion(v), channel: 'release', tags: releaseTags(v, existingTags) };
}
function pullRequestNumber(ref, payload) {
    const candidates = [payload?.['number'], payload?.['pull_request']?.['number']];
    for (const candidate of candidates) {
        if (typeof candidate === 'number' && Number.isInteger(candidate) && candidate > 0)
            return candidate;
    }
    const match = PULL_REF.exec(ref);
    return match ? Number(match[1]) : null;
}
function tagVersion(ref) {
    return ref.startsWith(TAG_PREFIX) ? parseSemverTag(ref.slice(TAG_PREFIX.length)) : null;
}
/** The version the event itself gives, or a BuildConfigError saying why there is none. */
function fromEvent(input) {
    const { eventName, ref } = input;
    if (eventName === 'pull_request' || eventName === 'pull_request_target') {
        const number = pullRequestNumber(ref, input.payload);
        if (number === null) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BuildConfigError */ .t6(`cannot tell the pull request number: the ${eventName} event payload ` +
                `has no "number" and ref "${ref}" is not refs/pull/<number>/merge`);
        }
        return { version: `pr-${number}`, channel: 'preview', tags: [`pr-${number}`] };
    }
    if (eventName === 'workflow_dispatch') {
        const tagged = tagVersion(ref);
        if (tagged) {
            const version = fullVersion(tagged);
            return { version, channel: 'hotfix', tags: [(0,_core_oci_tag_js__WEBPACK_IMPORTED_MODULE_4__/* .sanitizeTag */ .iP)(version)] };
        }
        const version = `hotfix-${shortSha(input.sha)}`;
        return { version, channel: 'hotfix', tags: [version] };
    }
    if (ref.startsWith(TAG_PREFIX)) {
        const tagged = tagVersion(ref);
        if (!tagged) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BuildConfigError */ .t6(`tag "${ref.slice(TAG_PREFIX.length)}" is not a semantic version: release ` +
                `tags look like v1.2.3 or v1.2.3-rc.1; set the version input to build it anyway`);
        }
        return fromSemver(tagged, input.existingTags);
    }
    if (ref.startsWith(BRANCH_PREFIX)) {
        const version = `sha-${shortSha(input.sha)}`;
        const branchTag = (0,_core_oci_tag_js__WEBPACK_IMPORTED_MODULE_4__/* .sanitizeTag */ .iP)(ref.slice(BRANCH_PREFIX.length));
        const tags = branchTag && branchTag !== version ? [version, branchTag] : [version];
        return { version, channel: 'staging', tags };
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BuildConfigError */ .t6(`ref "${ref}" is neither a semantic version tag (refs/tags/v1.2.3) nor a ` +
        `branch (refs/heads/NAME), so no version follows from it; set the version input`);
}
/**
 * Channel of an overridden version: pull requests stay previews, dispatches hotfixes, branch pushes
 * staging; on a tag (or any other ref) a semantic version decides release or prerelease, and a
 * version that is not one is a release on a tag, staging elsewhere.
 */
function overrideChannel(input, parsed) {
    if (input.eventName === 'pull_request' || input.eventName === 'pull_request_target')
        return 'preview';
    if (input.eventName === 'workflow_dispatch')
        return 'hotfix';
    if (input.ref.startsWith(BRANCH_PREFIX))
        return 'staging';
    if (parsed)
        return parsed.prerelease.length ? 'prerelease' : 'release';
    return input.ref.startsWith(TAG_PREFIX) ? 'release' : 'staging';
}
/** The `version` input wins over the event: its channel comes from the event where one applies. */
function fromOverride(input, override) {
    const parsed = parseSemverTag(override);
    const version = parsed ? fullVersion(parsed) : override;
    const tag = (0,_core_oci_tag_js__WEBPACK_IMPORTED_MODULE_4__/* .sanitizeTag */ .iP)(version);
    if (tag !== version.replace(/\+/g, '_') || !(0,_core_oci_tag_js__WEBPACK_IMPORTED_MODULE_4__/* .isOciTag */ .i1)(tag)) {
        const problem = `input "${override}" cannot be an image tag: use letters, digits, "_", "." and "-" ` +
            `(and "+" in a semantic version), at most 128 characters, not starting with "." or "-"`;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BuildConfigError */ .t6(`version ${problem}`, { input: 'version', problem });
    }
    const channel = overrideChannel(input, parsed);
    if (channel === 'release' && parsed)
        return { version, channel, tags: releaseTags(parsed, input.existingTags) };
    return { version, channel, tags: [tag] };
}
/** Version, channel and image tags for this event (the table in actions/build/README.md, "What it does"). */
function resolveVersion(input) {
    const override = input.override?.trim();
    if (override)
        return fromOverride(input, override);
    return fromEvent(input);
}


/***/ }),

/***/ 3186:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  fields: () => (/* reexport */ context_fields),
  run: () => (/* binding */ action_run)
});

// EXTERNAL MODULE: ./build/core/common-fields.js
var common_fields = __webpack_require__(9507);
// EXTERNAL MODULE: ./build/core/errors.js
var errors = __webpack_require__(2807);
// EXTERNAL MODULE: ./build/core/redact.js
var redact = __webpack_require__(193);
// EXTERNAL MODULE: ./build/core/run.js + 2 modules
var run = __webpack_require__(6645);
// EXTERNAL MODULE: ./build/drivers/factory.js + 17 modules
var factory = __webpack_require__(4005);
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
        return (0,build_version/* resolveVersion */.x)({
            eventName: runner.eventName,
            ref: runner.ref,
            sha: runner.sha,
            payload: runner.payload,
            existingTags: [],
            override: version,
        }).channel;
    }
    catch {
        return undefined;
    }
}

// EXTERNAL MODULE: ./build/records/manifest-defaults.js
var manifest_defaults = __webpack_require__(5279);
// EXTERNAL MODULE: ./build/records/open.js + 4 modules
var records_open = __webpack_require__(367);
// EXTERNAL MODULE: ./build/records/preflight.js
var preflight = __webpack_require__(1830);
// EXTERNAL MODULE: ./build/records/stale.js
var stale = __webpack_require__(9288);
// EXTERNAL MODULE: ./build/notify/index.js + 3 modules
var notify = __webpack_require__(4370);
// EXTERNAL MODULE: ./build/core/fields.js
var fields = __webpack_require__(2189);
// EXTERNAL MODULE: ./build/drivers/fields.js
var drivers_fields = __webpack_require__(9735);
// EXTERNAL MODULE: ./build/core/duration.js
var duration = __webpack_require__(1420);
// EXTERNAL MODULE: ./build/drivers/slots.js
var drivers_slots = __webpack_require__(2885);
// EXTERNAL MODULE: ./build/checks/schema.js
var schema = __webpack_require__(8997);
// EXTERNAL MODULE: ./build/checks/runner.js
var runner = __webpack_require__(5236);
;// CONCATENATED MODULE: ./build/deploy/blue-green.js







/**
 * `strategy: blue-green`: the new version starts on the idle slot beside the live
 * one, the smoke `checks` run against the idle slot's URL (`preview-url`), and only if they pass
 * does all traffic switch at once. The previous slot keeps running for `keep-previous`, so a
 * rollback in that time is one switch back (src/rollback/switch-back.ts); the next deploy or
 * rollback after that time replaces or stops it. The live slot is kept in the deployment record.
 */
const SLOT_PLACEHOLDER = '{{slot}}';
const KEEP_PREVIOUS_DEFAULT = 30 * 60_000;
const blueGreenFields = {
    strategy: fields/* oneOf */.yL(['rolling', 'blue-green']),
    checks: fields/* structured */.uv(schema/* checksSchema */.dJ, { form: schema/* CHECKS_FORM */.tX }),
    'preview-url': fields/* string */.Yj({
        form: `the idle slot's http(s) URL with ${SLOT_PLACEHOLDER} where the slot's ` +
            `name (blue, green) goes, e.g. https://${SLOT_PLACEHOLDER}.shop.example.com`,
    }),
    'switch-command': fields/* string */.Yj({ form: 'a shell command' }),
    'keep-previous': fields/* duration */.p0({ min: 0, max: 7 * 24 * 3_600_000, default: KEEP_PREVIOUS_DEFAULT }),
};
/** The slot a record says is live after it (a blue-green deploy's or a switch-back's). */
function recordedSlot(r) {
    const slot = r?.payload.slot;
    return (0,drivers_slots/* isSlot */.RK)(slot) ? slot : undefined;
}
/** The preview URL of a slot: `{{slot}}` replaced by its name. */
const previewUrlFor = (template, slot) => template.split(SLOT_PLACEHOLDER).join(slot);
/**
 * Checks the blue-green inputs against the driver before anything happens; undefined for rolling.
 * One clear error each: a driver without slots, a preview-url without {{slot}} or not a URL,
 * checks with nowhere to send them, the command driver without switch-command.
 */
function checkBlueGreen(s, driver) {
    if ((s.strategy ?? 'rolling') === 'rolling')
        return undefined;
    if (!driver.slots)
        throw new errors/* UserError */.yo(`Input "strategy": the ${driver.name} driver has no blue-green slots. Accepted: rolling.`);
    if (s.previewUrl !== undefined) {
        if (!s.previewUrl.includes(SLOT_PLACEHOLDER))
            throw new errors/* UserError */.yo(`Input "preview-url" has no ${SLOT_PLACEHOLDER}: the idle slot ` +
                `alternates between blue and green, so one fixed URL cannot name it. ` +
                `Accepted: an http(s) URL with ${SLOT_PLACEHOLDER} where the slot's name goes (https://${SLOT_PLACEHOLDER}.shop.example.com).`);
        for (const slot of ['blue', 'green']) {
            let ok;
            try {
                const u = new URL(previewUrlFor(s.previewUrl, slot));
                ok = u.protocol === 'http:' || u.protocol === 'https:';
            }
            catch {
                ok = false;
            }
            if (!ok)
                throw new errors/* UserError */.yo(`Input "preview-url" is not an http(s) URL once ${SLOT_PLACEHOLDER} is ` +
                    `replaced by "${slot}". Accepted: an http(s) URL with ${SLOT_PLACEHOLDER} in it.`);
        }
        (0,redact/* maskUrlCredentials */.gn)(previewUrlFor(s.previewUrl, 'blue'));
        (0,redact/* maskUrlCredentials */.gn)(previewUrlFor(s.previewUrl, 'green'));
    }
    driver.slots.check?.({ previewUrl: s.previewUrl });
    const given = s.checks;
    const canPreview = s.previewUrl !== undefined || driver.slots.reportsPreviewUrl;
    if (given && !canPreview && given.some((c) => c.path !== undefined))
        throw new errors/* UserError */.yo(`Input "preview-url" is required: the checks have paths, and the ${driver.name} driver ` +
            `cannot tell the idle slot's URL. Accepted: an http(s) URL with ${SLOT_PLACEHOLDER} in it.`);
    const checks = given ?? (canPreview ? schema/* DEFAULT_CHECKS */.UK : []);
    return new BlueGreen(driver.slots, s, checks);
}
class BlueGreen {
    slots;
    s;
    checks;
    live;
    idle = 'blue';
    previousVersion;
    switched = false;
    previewUrl;
    setSlot;
    constructor(slots, s, checks) {
        this.slots = slots;
        this.s = s;
        this.checks = checks;
    }
    /** Settles the slots from the driver (its own reading first) and the newest record; fills the payload. */
    async decide(payload, current) {
        this.live = (await this.slots.live()) ?? recordedSlot(current);
        this.idle = this.live ? (0,drivers_slots/* otherSlot */.jx)(this.live) : 'blue';
        this.previousVersion = this.live ? ((await this.slots.versionOn(this.live)) ?? current?.payload.version) : undefined;
        const slots = {
            strategy: 'blue-green',
            slot: this.idle,
            ...(this.live ? { previousSlot: this.live } : {}),
            ...(this.previousVersion ? { previousVersion: this.previousVersion } : {}),
            keepPreviousMs: this.s.keepPrevious,
        };
        Object.assign(payload, slots);
        return slots;
    }
    describeLive() {
        return this.live ? `slot ${this.live}${this.previousVersion ? ` (${this.previousVersion})` : ''}` : 'no slot (nothing was live)';
    }
    plan(req) {
        const preview = this.s.previewUrl ? (0,redact/* redactUrls */.sK)(previewUrlFor(this.s.previewUrl, this.idle)) : 'the URL the driver reports';
        const lines = this.slots.plan(this.idle, req);
        lines.splice(lines.length - 1, 0, this.checks.length
            ? `run ${this.checks.length} smoke check(s) against slot ${this.idle} at ${preview}; traffic moves only if they pass`
            : 'no smoke checks (give `checks`)');
        lines.push(this.s.keepPrevious > 0
            ? `keep ${this.describeLive()} running for ${(0,duration/* formatDuration */.a3)(this.s.keepPrevious)} ` +
                `(an instant rollback); the next deploy or rollback after that stops it`
            : `stop ${this.describeLive()} once the switch is done (keep-previous: 0s)`);
        return lines;
    }
    /** Start on the idle slot, check it, switch. Throws (traffic unmoved) when the checks fail or the switch does. */
    async deploy(req, run) {
        const { log, summary } = run;
        const idle = this.idle;
        this.setSlot = (slot) => run.setOutput('slot', slot);
        run.setOutput('slot', this.live ?? '');
        const started = await log.group(`Starting ${req.version} on the idle slot ${idle}${this.live ? ` (${this.describeLive()} keeps all traffic)` : ''}`, () => this.slots.startOn(idle, req));
        const template = this.s.previewUrl ? previewUrlFor(this.s.previewUrl, idle) : started.previewUrl;
        this.previewUrl = template;
        const shown = template ? (0,redact/* redactUrls */.sK)(template) : undefined;
        run.setOutput('preview-url', shown ?? '');
        let results = [];
        if (this.checks.length > 0) {
            const { url: baseUrl, authorization } = (0,redact/* splitUrlCredentials */.CN)(template);
            results = await log.group(`Checking slot ${idle} at ${shown} with ${this.checks.length} smoke check(s)`, () => (0,runner/* runChecks */.JT)(this.checks, {
                baseUrl,
                authorization,
                attempts: 3,
                retryDelayMs: 1_000,
                timeoutMs: 10_000,
                concurrency: 4,
                followRedirects: true,
                signal: run.signal,
                onAttempt: (check, attempt, reasons) => log.info(`${check.name}: attempt ${attempt}/3 failed: ${reasons.join('; ')}`),
            }));
            for (const r of results)
                log.info(`${r.verdict === 'pass' ? 'pass' : 'FAIL'} ${r.name}: ${r.method} ` +
                    `${r.url}${r.status !== undefined ? ` -> ${r.status}` : ''}${r.reason ? ` (${r.reason})` : ''}`);
        }
        const failed = results.filter((r) => r.verdict === 'fail');
        if (failed.length > 0) {
            this.report(summary, results, false);
            throw new errors/* UserError */.yo(`Smoke checks failed on the idle slot ${idle} (${shown}): ${failed.map((r) => `${r.name} (${r.reason})`).join('; ')}. ` +
                `Traffic was not moved: all of it stays on ${this.describeLive()}; ` +
                `${req.version} stays on slot ${idle} without traffic for inspection.`);
        }
        // Cancelled before the switch began: traffic stays (checked in the same tick as the switch's first change).
        if (run.signal?.aborted)
            throw new errors/* UserError */.yo(`cancelled before the switch: all traffic stays on ${this.describeLive()}`);
        try {
            await log.group(`Switching all traffic to slot ${idle} (${req.version})`, () => this.slots.switchTo(idle, req));
        }
        catch (err) {
            const seen = await this.slots.live().catch(() => undefined);
            const where = seen === idle ? `slot ${idle} (${req.version}) — the driver reports it live` : seen ? `slot ${seen}` : this.describeLive();
            if (seen === idle)
                this.switched = true;
            else {
                this.report(summary, results, false);
                throw new errors/* UserError */.yo(`Switching traffic to slot ${idle} failed: ${(0,redact/* redactUrls */.sK)((0,errors/* errorMessage */.gJ)(err))}\nTraffic ` +
                    `was left on ${where}; ${req.version} runs on slot ${idle} without traffic.`);
            }
        }
        this.switched = true;
        run.setOutput('slot', idle);
        log.info(`all traffic goes to slot ${idle} (${req.version})${this.live ? `; ${this.describeLive()} has none` : ''}`);
        if (this.live) {
            if (this.s.keepPrevious === 0) {
                const stopped = await this.slots.stopSlot(this.live).catch((err) => {
                    log.warning(`${this.describeLive()} could not be stopped: ${(0,errors/* errorMessage */.gJ)(err)}`);
                    return false;
                });
                if (stopped)
                    log.info(`stopped ${this.describeLive()} (keep-previous: 0s)`);
            }
            else {
                log.info(`${this.describeLive()} keeps running for ${(0,duration/* formatDuration */.a3)(this.s.keepPrevious)}: a rollback ` +
                    `in that time is one switch back; the next deploy or rollback after that stops or replaces it`);
            }
        }
        this.report(summary, results, true);
        return {
            slot: idle,
            previousSlot: this.live,
            previewUrl: shown,
            checks: results,
            outcome: { url: started.url, details: started.details },
        };
    }
    /** The record's state and description when the runner cancels: which slot has all traffic. */
    async cancelled(req) {
        const version = req.version;
        const seen = this.switched ? this.idle : await this.slots.live().catch(() => undefined);
        // The driver has the new slot live (its switch was cut short after the change): finish it, so
        // what the record says is what serves.
        if (seen === this.idle && !this.switched)
            await this.slots.switchTo(this.idle, req).catch(() => undefined);
        this.setSlot?.(seen === this.idle ? this.idle : (this.live ?? ''));
        if (seen === this.idle)
            return { state: 'success', description: `cancelled after the switch: all traffic on slot ${this.idle} (${version})` };
        return {
            state: 'failure',
            description: `cancelled before the switch: all traffic stays on ${seen && seen !== this.live ? `slot ${seen}` : this.describeLive()}`,
        };
    }
    /** Which slot is live and what was checked, for the summary. */
    report(summary, results, switched) {
        summary.facts([
            ['strategy', 'blue-green'],
            ['live slot', switched ? this.idle : (this.live ?? '(none)')],
            ...(this.live
                ? [
                    [
                        switched ? 'previous slot' : 'idle slot',
                        switched ? `${this.describeLive()}, kept ${(0,duration/* formatDuration */.a3)(this.s.keepPrevious)}` : this.idle,
                    ],
                ]
                : []),
            ['preview URL', this.previewUrl ? (0,redact/* redactUrls */.sK)(this.previewUrl) : '(none)'],
        ]);
        if (results.length)
            summary.table(['check', 'request', 'status', 'verdict'], results.map((r) => [r.name, `${r.method} ${r.url}`, r.status ?? '', r.verdict === 'pass' ? 'pass' : `fail: ${r.reason ?? ''}`]));
        else
            summary.text('No smoke checks ran on the idle slot.');
    }
}

;// CONCATENATED MODULE: ./build/deploy/context.js
/** The deploy action's inputs and context, and the job its phases share. */





const context_fields = {
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
    ...blueGreenFields,
    ...drivers_fields/* driverFields */.Op,
    ...common_fields/* githubFields */.bA,
    ...common_fields/* commonFields */.dG,
};

;// CONCATENATED MODULE: ./build/deploy/record.js
/** The deployment record a deploy writes: opened in progress, then marked successful; the hooks' options. */


/** How the pre- and post-deploy hooks run: the runtime's exec, the step's log, cancel and timeout. */
function hookOptions(ctx) {
    return { log: ctx.log, signal: ctx.signal, tempDir: ctx.runner.temp, timeoutMs: ctx.settings.timeout, exec: ctx.runtime.exec };
}
/** Creates this deploy's record (its status is the caller's to set) and outputs its id at once. */
async function createRecord(ctx, job) {
    const { store, env, version, sha, ref, payload } = job;
    const record = await store.create({
        environment: env,
        sha,
        ref,
        payload,
        description: `shipline deploy ${version}`,
        productionEnvironment: /^prod/i.test(env),
    });
    ctx.setOutput('deployment-id', record.id);
    return record;
}
/** Writes the in-progress record; of two deploys that checked at the same moment, the earliest goes on. */
async function openRecord(ctx, job, cleared, pre) {
    const { store, env, version } = job;
    const record = await createRecord(ctx, job);
    await store.setStatus(record.id, 'in_progress', { description: `deploying ${version}`, logUrl: ctx.runner.runUrl });
    // Two deploys that checked at the same moment both wrote a record: the earliest one goes on.
    const first = (await (0,stale/* earlierRunning */.QE)(store, env, record, cleared.staleOpts))[0];
    if (first) {
        ctx.setOutput('result', 'failure');
        try {
            await store.setStatus(record.id, 'error', {
                description: `refused: deployment ${first.id} to ${env} started first`,
                logUrl: ctx.runner.runUrl,
            });
        }
        catch (err) {
            ctx.log.warning(`Deployment ${record.id} could not be marked refused: ${(0,errors/* errorMessage */.gJ)(err)}`);
        }
        ctx.summary.verdict('fail', `Refused: another deploy to ${env} started first; nothing was changed.`);
        throw new errors/* UserError */.yo(`Another deploy to ${env} started at the same time and first: ${(0,stale/* describeRunning */.Rh)(first)}. ` +
            `${pre ? 'The driver was not called (pre-deploy-command had run already)' : 'Nothing was changed'}; ` +
            `deployment ${record.id} is marked error. ` +
            `Serialise deploys with \`concurrency: deploy-${env}\` in the workflow.`);
    }
    return record;
}
async function recordSuccess(ctx, job, record, environmentUrl, postFailed) {
    const { version, env } = job;
    try {
        await job.store.setStatus(record.id, 'success', {
            description: postFailed ? `${version} deployed; ${postFailed}` : `${version} deployed`,
            environmentUrl,
            logUrl: ctx.runner.runUrl,
        });
    }
    catch (err) {
        ctx.setOutput('result', 'failure');
        throw new errors/* UserError */.yo(`${version} was deployed to ${env}, but its record (deployment ${record.id}) could not be marked successful: ${(0,errors/* errorMessage */.gJ)(err)}. ` +
            'The environment runs the new version; rollback and gates will not see it until the record is fixed.');
    }
}

// EXTERNAL MODULE: ./build/deploy/hooks.js
var hooks = __webpack_require__(2886);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./build/core/links.js
var links = __webpack_require__(3163);
// EXTERNAL MODULE: ./build/core/paths.js
var paths = __webpack_require__(6182);
// EXTERNAL MODULE: ./build/core/plural.js
var plural = __webpack_require__(5242);
// EXTERNAL MODULE: ./build/core/summary.js
var summary = __webpack_require__(7166);
// EXTERNAL MODULE: ./build/core/time-format.js
var time_format = __webpack_require__(7293);
// EXTERNAL MODULE: ./build/drivers/command.js + 1 modules
var command = __webpack_require__(5528);
;// CONCATENATED MODULE: ./build/deploy/report.js
/** What a deploy tells its reader: the summary (verdict first) and the outputs of each ending. */










/** Dry run: the plan and the records that would be written; nothing changes. */
function reportDryRun(ctx, job, stale) {
    const s = ctx.settings;
    const { version, env, driver, previous, sha, payload } = job;
    ctx.setOutput('result', 'dry-run');
    ctx.summary.verdict('info', `Dry run: would deploy ${version} to ${env} with the ${driver.name} driver; nothing changed.`);
    ctx.summary.facts([
        ['driver', driver.name],
        ['previous version', previous ?? '(none)'],
        ['records', where(ctx, job)],
    ]);
    const plan = [
        ...(s.preDeployCommand ? [`run pre-deploy-command (a failure refuses the deploy): ${s.preDeployCommand}`] : []),
        ...(job.blueGreen ? job.blueGreen.plan(job.req) : driver.plan.deploy(job.req)),
        ...(s.postDeployCommand ? [`run post-deploy-command once ${version} is live: ${s.postDeployCommand}`] : []),
    ];
    ctx.summary.list(plan);
    ctx.summary.list([
        ...stale.map(({ record, why }) => `mark deployment ${record.id} (${record.payload.version}) error: it is stale (${why})`),
        `create deployment: environment ${env}, ref ${sha}, payload ${JSON.stringify(payload)}`,
        'status in_progress, then success or failure',
    ]);
    for (const line of plan)
        ctx.log.info(`would ${line}`);
}
/**
 * Where the records are, as a reader wants it: `acme/shop deployments`, or the ledger's path
 * (workspace-relative or in the runner's temp).
 */
function where(ctx, job) {
    const w = job.store.where;
    return job.store.kind === 'ledger' && (0,external_node_path_.isAbsolute)(w) ? (0,paths/* shownPath */.p)(w, ctx.runner) : w;
}
/** `deployment 1003` linked to the environment's deployments page (GitHub), or `1 in <ledger>`. */
function deploymentCell(ctx, job, record, state) {
    const after = state ? `, ${state}` : '';
    if (job.store.kind === 'github')
        return (0,summary/* raw */.lS)(`${(0,links/* link */.nf)(String(record.id), (0,links/* deploymentsUrl */.ek)(ctx.runner, job.env)).markdown}${(0,summary/* escapeText */.X1)(after)}`);
    return `${record.id} in ${where(ctx, job)}${after}`;
}
/** One duration, as a person reads it: `8ms` under a second, else whole seconds (`3s`, `95s`). */
function humanDuration(ms) {
    return (0,duration/* formatDuration */.a3)(ms < 1_000 ? ms : Math.round(ms / 1_000) * 1_000);
}
/** The values kept in the record: in the summary (escaped, as data from outside) and the log. */
function showRecord(ctx, values) {
    if (!values || Object.keys(values).length === 0)
        return;
    ctx.summary.text('Kept in the deployment record (from $SHIPLINE_RECORD):');
    ctx.summary.facts(Object.entries(values));
}
function reportPreHookRefused(ctx, job, refused, pre, outcome) {
    const { version, env, previous } = job;
    ctx.summary.verdict('fail', `Refused: ${outcome}; ${version} was not deployed to ${env}${previous ? ` (${previous} still runs)` : ''}.`);
    ctx.summary.facts([
        ['hook', pre.input],
        ['exit code', pre.code],
        ['deployment', deploymentCell(ctx, job, refused, 'marked error (refused)')],
    ]);
    showRecord(ctx, job.payload.record);
    if (pre.tail.length)
        ctx.summary.text(`Last ${(0,plural/* plural */.L)(pre.tail.length, 'line')} of pre-deploy-command's output:`).code(pre.tail.join('\n'));
}
function reportDeployFailed(ctx, job, record, err) {
    const { version, env, previous } = job;
    ctx.summary.verdict('fail', `Deploying ${version} to ${env} failed; ${previous ? `${previous} was running before` : 'nothing was running before'}.`);
    if (err instanceof command/* DriverCommandError */.UW) {
        // What the command said last: redacted, and fenced so none of it is read as Markdown.
        ctx.summary.facts([
            ['command', err.what],
            ['exit code', err.code],
            ['deployment', deploymentCell(ctx, job, record, 'marked failure')],
        ]);
        if (err.tail.length)
            ctx.summary.text(`Last ${(0,plural/* plural */.L)(err.tail.length, 'line')} of ${err.what}'s output:`).code((0,redact/* redactUrls */.sK)(err.tail.join('\n')));
    }
}
/** A failed post-deploy hook: the new version is live and recorded, the step fails; returns the error to throw. */
function postHookFailed(ctx, job, record, post, postFailed) {
    const { version, env, previous } = job;
    ctx.setOutput('result', 'failure');
    ctx.summary.verdict('fail', `${version} is live in ${env}${previous ? ` (was ${previous})` : ''}, but ${postFailed} after it went live.`);
    ctx.summary.facts([
        ['hook', post.input],
        ['exit code', post.code],
        ['deployment', deploymentCell(ctx, job, record, `marked success (${version} runs)`)],
    ]);
    showRecord(ctx, job.payload.record);
    if (post.tail.length)
        ctx.summary.text(`Last ${(0,plural/* plural */.L)(post.tail.length, 'line')} of post-deploy-command's output:`).code(post.tail.join('\n'));
    return new errors/* UserError */.yo(`${version} was deployed to ${env} and is live, but ` +
        `${postFailed}${post.tail.length ? `; last output:\n${post.tail.join('\n')}` : ''}\n` +
        `Deployment ${record.id} is marked success because ${version} runs; roll back if it must not stay.`);
}
/** Driver details a reader rarely needs (pids, ports, log files): folded, paths shown relative. */
const FOLDED_OUT = new Set(['version', 'duration']);
function reportDeployed(ctx, job, d) {
    const { version, env, previous, store, sha } = job;
    const runner = ctx.runner;
    ctx.setOutput('result', 'success');
    ctx.summary.verdict('pass', `Deployed ${version} to ${env}${previous ? ` (was ${previous})` : ''} in ${humanDuration(d.tookMs)}`);
    const compare = (0,links/* compareUrl */.XH)(runner, job.previousSha, sha);
    ctx.summary.facts([
        ['commit', (0,links/* commitLink */.wn)(runner, sha)],
        ['changes', compare ? (0,links/* link */.nf)(`${previous ?? job.previousSha.slice(0, 7)} → ${version}`, compare) : undefined],
        ['environment', (0,links/* link */.nf)(env, (0,links/* deploymentsUrl */.ek)(runner, env))],
        ['environment URL', d.environmentUrl],
        ['promoted from', job.promotion ? promotionCell(ctx, job) : undefined],
        ['deployment', deploymentCell(ctx, job, d.record)],
        ['run', (0,links/* runUrl */.Vp)(runner) ? (0,links/* link */.nf)(`run ${runner.runId}`, (0,links/* runUrl */.Vp)(runner)) : undefined],
        ['driver', job.driver.name],
        ['artifact', job.artifact],
    ]);
    showRecord(ctx, job.payload.record);
    const internals = new summary/* Summary */.BD().facts(Object.entries(d.outcome.details)
        .filter(([k]) => !FOLDED_OUT.has(k))
        .map(([k, v]) => [k, typeof v === 'string' && (0,external_node_path_.isAbsolute)(v) ? (0,paths/* shownPath */.p)(v, runner) : String(v)]));
    if (store.kind === 'github')
        internals.text(`GitHub API calls: ${store.calls}`);
    if (!internals.isEmpty)
        ctx.summary.details(`${job.driver.name} driver details`, internals);
}
/** The deployment in the earlier environment that proved this commit and version, when, and whether it still runs there. */
function promotionCell(ctx, job) {
    const p = job.promotion;
    const r = p.record;
    const where = (0,links/* link */.nf)(p.environment, (0,links/* deploymentsUrl */.ek)(ctx.runner, p.environment)).markdown;
    const state = p.live
        ? 'still live there'
        : `since replaced${p.replacedBy ? ` by ${p.replacedBy.payload.version || 'another version'}` : ''}`;
    return (0,summary/* raw */.lS)(`${where}: deployment ${(0,summary/* escapeText */.X1)(String(r.id))} ran ` +
        `${(0,summary/* escapeText */.X1)(r.payload.version || job.version)} at ${(0,links/* commitLink */.wn)(ctx.runner, r.sha).markdown}, ` +
        `deployed ${(0,summary/* escapeText */.X1)((0,time_format/* formatTime */.f)(r.createdAt))} (${(0,summary/* escapeText */.X1)(state)})`);
}

;// CONCATENATED MODULE: ./build/deploy/action.js

















/** Entry of the deploy action: one artifact to one environment, recorded. */
function action_run(opts) {
    return (0,run/* runAction */.Cs)({ name: 'deploy', title: 'shipline deploy', fields: context_fields, environmentInput: 'environment', cancelledOutputs: { result: 'failure' } }, deploy, opts);
}
async function deploy(ctx) {
    const s = ctx.settings;
    const notice = (0,notify/* notifyWhenDone */.w)(ctx, 'deploy');
    const job = await prepare(ctx);
    const cleared = await mayChange(ctx, job, notice);
    if (s.dryRun)
        return reportDryRun(ctx, job, cleared.stale);
    const started = ctx.runtime.clock.now();
    await (0,stale/* markStale */.ZU)(job.store, cleared.stale, { log: ctx.log, runUrl: ctx.runner.runUrl });
    const pre = await preDeploy(ctx, job);
    const record = await openRecord(ctx, job, cleared, pre);
    const outcome = await rollOut(ctx, job, record);
    const environmentUrl = job.inputUrl ?? (outcome.url ? (0,redact/* stripUrlCredentials */.um)(outcome.url) : undefined);
    ctx.setOutput('environment-url', environmentUrl ?? '');
    const post = await postDeploy(ctx, job, record, environmentUrl);
    const postFailed = post !== undefined && post.code !== 0 ? (0,hooks/* hookOutcome */.Od)(post, s.timeout) : undefined;
    await recordSuccess(ctx, job, record, environmentUrl, postFailed);
    if (post && postFailed)
        throw postHookFailed(ctx, job, record, post, postFailed);
    reportDeployed(ctx, job, { record, outcome, environmentUrl, tookMs: ctx.runtime.clock.now() - started });
}
/** The inputs, the manifest, the driver and the records: nothing read from the environment yet. */
async function prepare(ctx) {
    const s = ctx.settings;
    if (s.requirePromotionFrom === s.environment)
        throw new errors/* UserError */.yo(`Input "require-promotion-from": ${JSON.stringify(s.requirePromotionFrom)} ` +
            `is the environment being deployed, so no deploy could ever pass it. ` +
            'Accepted: the name of an earlier environment (staging), different from "environment".');
    // The environment URL is shown to everyone who can read the repository (the deployment
    // status), set as an output and printed: credentials in it are masked and never kept.
    if (s.url)
        (0,redact/* maskUrlCredentials */.gn)(s.url);
    const inputUrl = s.url ? (0,redact/* stripUrlCredentials */.um)(s.url) : undefined;
    const fromManifest = s.manifest ? await (0,manifest_defaults/* readManifestDefaults */.S)(s.manifest) : undefined;
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
        exec: ctx.runtime.exec,
        signal: ctx.signal,
        cwd: ctx.runner.workspace,
        timeoutMs: s.timeout,
    });
    const blueGreen = checkBlueGreen(s, driver);
    const store = (0,records_open/* openRecords */.t)({ token: s.githubToken, runner: ctx.runner, stateDir: root, runtime: ctx.runtime });
    // The commit built, as the manifest names it: a hotfix checks out another ref than GITHUB_SHA.
    const sha = fromManifest?.commit || ctx.runner.sha || 'local';
    const ref = fromManifest?.ref || ctx.runner.ref || '';
    ctx.setOutput('version', version);
    ctx.summary.heading(`Deploy ${version} to ${env}`);
    const req = { environment: env, version, artifact, previousVersion: undefined, timeoutMs: s.timeout };
    const payload = { version, artifact, channel, by: 'deploy', ...(0,stale/* origin */.TG)(ctx.runner) };
    return { env, version, artifact, inputUrl, driver, ...(blueGreen ? { blueGreen } : {}), store, sha, ref, req, payload };
}
/** May the environment change now (preflight): refused with `result` set, or cleared with what runs there. */
async function mayChange(ctx, job, notice) {
    const s = ctx.settings;
    const promotion = s.requirePromotionFrom ? { from: s.requirePromotionFrom, sha: job.sha, version: job.version } : undefined;
    const cleared = await (0,preflight/* preflight */.M)(job.store, {
        action: 'deploy',
        environment: job.env,
        runner: ctx.runner,
        staleAfterMs: 2 * s.timeout,
        now: ctx.runtime.clock.now(),
        ...(promotion ? { promotion } : {}),
    });
    const view = cleared.view;
    job.previous = view.current?.payload.version;
    job.previousSha = view.current?.sha;
    job.promotion = cleared.promotionEvidence;
    job.req.previousVersion = job.previous;
    Object.assign(notice, { version: job.version, commit: job.sha, previousCommit: view.current?.sha });
    ctx.setOutput('previous-version', job.previous ?? '');
    if (cleared.refusal) {
        ctx.setOutput('result', cleared.refusal.result);
        throw cleared.refusal;
    }
    if (cleared.promotion)
        ctx.log.info(`Promotion evidence: ${cleared.promotion}`);
    if (job.blueGreen)
        await job.blueGreen.decide(job.payload, view.current);
    return cleared;
}
/**
 * The pre-deploy hook runs before the record is written: a deployment's payload is fixed when
 * it is created, and it keeps what the hook wrote to $SHIPLINE_RECORD (the backup's name).
 * A failed hook refuses the deploy: recorded as such, the driver never called.
 */
async function preDeploy(ctx, job) {
    const s = ctx.settings;
    if (!s.preDeployCommand)
        return undefined;
    const { store, env, version, payload } = job;
    const pre = await (0,hooks/* runHook */.DB)('pre-deploy-command', s.preDeployCommand, job.req, hookOptions(ctx));
    // Cancelled: nothing was deployed and nothing recorded; the cancel path sets the outputs.
    if (ctx.signal.aborted)
        return (0,run/* untilExit */.dF)();
    if (Object.keys(pre.record).length > 0)
        payload.record = pre.record;
    for (const [name, value] of Object.entries(pre.record))
        ctx.log.info(`kept in the record: ${name}=${value}`);
    if (pre.code === 0)
        return pre;
    const outcome = (0,hooks/* hookOutcome */.Od)(pre, s.timeout);
    payload.hookFailure = { hook: pre.input, exitCode: pre.code, outcome, lastLines: pre.tail };
    ctx.setOutput('result', 'refused');
    const refused = await createRecord(ctx, job);
    try {
        await store.setStatus(refused.id, 'error', { description: `refused: ${outcome}; nothing was deployed`, logUrl: ctx.runner.runUrl });
    }
    catch (err) {
        ctx.log.warning(`Deployment ${refused.id} could not be marked refused: ${(0,errors/* errorMessage */.gJ)(err)}`);
    }
    reportPreHookRefused(ctx, job, refused, pre, outcome);
    throw new errors/* UserError */.yo(`Refusing to deploy ${version} to ${env}: ${outcome}${pre.tail.length ? `; last output:\n${pre.tail.join('\n')}` : ''}\n` +
        `The driver was not called; deployment ${refused.id} is marked error.`);
}
/** The driver deploys; a failure is recorded on the deployment and reported, a cancel left to its handler. */
async function rollOut(ctx, job, record) {
    const { store, driver, env, version, inputUrl, blueGreen } = job;
    const unregister = ctx.onAbort(async () => {
        const end = blueGreen ? await blueGreen.cancelled(job.req) : { state: 'failure', description: 'cancelled while deploying' };
        if (blueGreen)
            ctx.setOutput('result', end.state === 'success' ? 'success' : 'failure');
        await store.setStatus(record.id, end.state, { description: end.description, logUrl: ctx.runner.runUrl });
    });
    try {
        if (blueGreen)
            ctx.log.info(`Deploying ${version} to ${env} (${driver.name} driver, blue-green)`);
        const outcome = blueGreen
            ? (await blueGreen.deploy(job.req, { log: ctx.log, summary: ctx.summary, signal: ctx.signal, setOutput: ctx.setOutput })).outcome
            : await ctx.log.group(`Deploying ${version} to ${env} (${driver.name} driver)`, () => driver.deployer.deploy(job.req));
        unregister();
        return outcome;
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
            await store.setStatus(record.id, 'failure', {
                description: reason.replace(/\s*\n\s*/g, ' '),
                environmentUrl: inputUrl,
                logUrl: ctx.runner.runUrl,
            });
        }
        catch (recordErr) {
            ctx.log.warning(`The failure could not be recorded on deployment ${record.id}: ${(0,errors/* errorMessage */.gJ)(recordErr)}`);
        }
        reportDeployFailed(ctx, job, record, err);
        throw err;
    }
}
/**
 * The post-deploy hook runs once the new version is live. The record then says success whatever
 * the hook does (it is what runs, and what rollback must undo); a failed hook fails the step.
 */
async function postDeploy(ctx, job, record, environmentUrl) {
    const s = ctx.settings;
    if (!s.postDeployCommand)
        return undefined;
    const unregisterPost = ctx.onAbort(async () => {
        await job.store.setStatus(record.id, 'success', {
            description: `${job.version} deployed; cancelled in post-deploy-command`,
            environmentUrl,
            logUrl: ctx.runner.runUrl,
        });
    });
    const post = await (0,hooks/* runHook */.DB)('post-deploy-command', s.postDeployCommand, job.req, {
        ...hookOptions(ctx),
        env: (0,hooks/* recordEnv */.$c)(job.payload.record).env,
    });
    if (ctx.signal.aborted)
        return (0,run/* untilExit */.dF)();
    unregisterPost();
    if (Object.keys(post.record).length > 0)
        ctx.log.warning(`post-deploy-command wrote ${Object.keys(post.record).length} value(s) to $SHIPLINE_RECORD; they are ` +
            `not kept: a deployment's record is fixed when the deploy starts. Write them in pre-deploy-command.`);
    return post;
}


/***/ }),

/***/ 1830:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ preflight)
/* harmony export */ });
/* unused harmony export Refusal */
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2807);
/* harmony import */ var _checks_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(260);
/* harmony import */ var _stale_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9288);
/**
 * May this environment change now? The one check deploy and canary make before they touch an
 * environment: no canary paused there for a decision, no other deploy or canary still under way
 * (records left in progress by runs that ended are stale, and marked so once the run goes on), and,
 * where asked, the commit's successful deployment in an earlier environment.
 */



/** A refusal: the user's error, with why and the `result` output deploy sets for it. */
class Refusal extends _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo {
    reason;
    result;
    constructor(reason, result, message) {
        super(message);
        this.reason = reason;
        this.result = result;
    }
}
/** Reads the environment's records once and says whether it may change now; it writes nothing. */
async function preflight(store, o) {
    const env = o.environment;
    const view = await (0,_checks_js__WEBPACK_IMPORTED_MODULE_1__/* .environmentView */ .be)(store, env);
    const staleOpts = { limitMs: o.staleAfterMs, runner: o.runner, ...(o.now !== undefined ? { now: o.now } : {}) };
    const cleared = { view, stale: [], staleOpts };
    if (view.paused)
        return { ...cleared, refusal: pausedRefusal(o.action, env, view.paused) };
    const unfinished = await (0,_stale_js__WEBPACK_IMPORTED_MODULE_2__/* .sortUnfinished */ .eg)(store, view.unfinished, staleOpts);
    cleared.stale = unfinished.stale;
    if (unfinished.running.length > 0)
        return { ...cleared, refusal: runningRefusal(o.action, env, unfinished.running[0]) };
    if (o.promotion) {
        const evidence = await (0,_checks_js__WEBPACK_IMPORTED_MODULE_1__/* .promotionEvidence */ .vc)(store, o.promotion.from, o.promotion.sha, o.promotion.version);
        if (!evidence.ok)
            return { ...cleared, refusal: new Refusal('no-promotion', 'refused', `Refusing to deploy to ${env}: ${evidence.message}.`) };
        cleared.promotion = evidence.message;
        cleared.promotionEvidence = { ...evidence, environment: o.promotion.from };
    }
    return cleared;
}
function pausedRefusal(action, env, paused) {
    return new Refusal('paused', 'refused', action === 'deploy'
        ? `A canary of ${paused.payload.version} is paused in ${env} (${paused.statusDescription}). ` +
            'Resume it (canary with resume: promote) or abort it (resume: abort) before deploying.'
        : `A canary is paused in ${env}: ${(0,_checks_js__WEBPACK_IMPORTED_MODULE_1__/* .describeRecord */ .TV)(paused)}${paused.payload.runUrl ? ` by ${paused.payload.runUrl}` : ''}. ` +
            'Resume or abort it first: run the canary action with resume: promote or resume: abort (the approval workflow does).');
}
function runningRefusal(action, env, running) {
    return new Refusal('in-progress', 'failure', action === 'deploy'
        ? `Another deploy to ${env} is still in progress: ${(0,_stale_js__WEBPACK_IMPORTED_MODULE_2__/* .describeRunning */ .Rh)(running)}. ` +
            `Wait for it, or serialise deploys with \`concurrency: deploy-${env}\` in the workflow.`
        : `Another deploy or canary in ${env} is still in progress: ${(0,_stale_js__WEBPACK_IMPORTED_MODULE_2__/* .describeRunning */ .Rh)(running)}. ` +
            `Wait for it, or serialise them with \`concurrency: deploy-${env}\` in the workflow.`);
}


/***/ })

};
