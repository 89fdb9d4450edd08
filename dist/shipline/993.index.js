export const id = 993;
export const ids = [993];
export const modules = {

/***/ 4282:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i1: () => (/* binding */ isOciTag),
/* harmony export */   iP: () => (/* binding */ sanitizeTag),
/* harmony export */   wv: () => (/* binding */ OCI_TAG_PATTERN)
/* harmony export */ });
/** An OCI/Docker tag: `[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}`. */
const OCI_TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
function isOciTag(value) {
    return OCI_TAG_PATTERN.test(value);
}
/**
 * Turns a branch name or version into a valid tag that still reads like the original:
 * `feature/Login-form` -> `feature-Login-form`, `1.2.3+build.7` -> `1.2.3_build.7`. Characters a
 * tag cannot hold become `-`, runs of `-` collapse, leading `.`/`-` and trailing `-`/`.` go, and the
 * result is cut to 128 characters. Returns '' when nothing usable is left.
 */
function sanitizeTag(value) {
    let tag = value
        .replace(/\+/g, '_')
        .replace(/[^A-Za-z0-9_.-]+/g, '-')
        .replace(/-{2,}/g, '-')
        .replace(/^[.-]+/, '');
    tag = tag.slice(0, 128).replace(/[.-]+$/, '');
    return tag;
}


/***/ }),

/***/ 4370:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  A: () => (/* reexport */ targets/* notifyField */.AX),
  w: () => (/* binding */ notifyWhenDone)
});

// EXTERNAL MODULE: ./build/records/manifest-defaults.js
var manifest_defaults = __webpack_require__(5279);
// EXTERNAL MODULE: ./build/core/duration.js
var duration = __webpack_require__(1420);
// EXTERNAL MODULE: ./build/core/redact.js
var redact = __webpack_require__(193);
// EXTERNAL MODULE: ./build/core/clock.js
var clock = __webpack_require__(4300);
;// CONCATENATED MODULE: ./build/notify/deliver.js

const DELIVERY_DEFAULTS = { timeoutMs: 10_000, tries: 3, backoffMs: 1_000, maxWaitMs: 10_000 };
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** The wait a `Retry-After` header asks for (seconds or an HTTP date), if any. */
function retryAfterMs(header, now = clock/* systemClock */.m.now()) {
    if (!header)
        return undefined;
    const text = header.trim();
    if (/^\d+$/.test(text))
        return Number(text) * 1000;
    const at = Date.parse(text);
    return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
/** What went wrong on the network, without the URL (a fetch error's cause may quote the address). */
function networkProblem(err) {
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
        return 'no answer in time';
    const cause = err instanceof Error ? err.cause : undefined;
    const code = cause && typeof cause.code === 'string' ? cause.code : undefined;
    return code ? `network error ${code}` : 'network error';
}
/**
 * POSTs one JSON message to one webhook: a timeout per try, retries with back-off on network
 * errors, 5xx and 429 (Retry-After honoured up to `maxWaitMs`), none on another 4xx. Never throws;
 * the problem it reports never holds the URL.
 */
async function deliver(target, message, opts = DELIVERY_DEFAULTS) {
    const body = JSON.stringify(message);
    let problem = 'not tried';
    for (let attempt = 1; attempt <= opts.tries; attempt++) {
        let wait = opts.backoffMs * 2 ** (attempt - 1);
        try {
            const res = await fetch(target.url, {
                method: 'POST',
                headers: { 'content-type': 'application/json', 'user-agent': 'shipline' },
                body,
                redirect: 'error',
                signal: AbortSignal.timeout(opts.timeoutMs),
            });
            // The body is not read into any message (it may echo the URL); drained so the socket is freed.
            await res.body?.cancel().catch(() => { });
            if (res.ok)
                return { ok: true, tries: attempt };
            problem = `HTTP ${res.status}`;
            if (res.status !== 429 && res.status < 500)
                return { ok: false, tries: attempt, problem };
            const asked = retryAfterMs(res.headers.get('retry-after'));
            if (asked !== undefined)
                wait = Math.min(asked, opts.maxWaitMs);
        }
        catch (err) {
            problem = networkProblem(err);
        }
        if (attempt < opts.tries)
            await sleep(wait);
    }
    return { ok: false, tries: opts.tries, problem };
}

;// CONCATENATED MODULE: ./build/notify/event.js
/** Which results of each action are worth a notification, and how they are said. */
const VERDICTS = {
    deploy: {
        success: { verdict: 'succeeded', ok: true },
        failure: { verdict: 'failed', ok: false },
        refused: { verdict: 'refused', ok: false },
    },
    canary: {
        promoted: { verdict: 'promoted', ok: true },
        aborted: { verdict: 'aborted', ok: false },
        paused: { verdict: 'paused', ok: true },
    },
    rollback: {
        success: { verdict: 'done', ok: true },
        failure: { verdict: 'failed', ok: false },
    },
    gate: {
        false: { verdict: 'refused', ok: false },
    },
};
const RESULT_OUTPUT = { deploy: 'result', canary: 'result', rollback: 'result', gate: 'allowed' };
const NAME = { deploy: 'Deploy', canary: 'Canary', rollback: 'Rollback', gate: 'Gate' };
/** One line of text: line breaks and runs of spaces folded, cut to `max` characters. */
function oneLine(text, max = 600) {
    const line = text.replace(/\s+/g, ' ').trim();
    return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
/** The event of a finished step, or undefined when its outcome is not one to notify (dry run, nothing to do). */
function eventOf(facts) {
    const { action, outputs } = facts;
    let result = outputs.get(RESULT_OUTPUT[action]);
    // A failure before the action said its result (its records could not be read, say).
    if (result === undefined && facts.code !== 0)
        result = action === 'canary' ? 'aborted' : action === 'gate' ? 'false' : 'failure';
    const known = result === undefined ? undefined : VERDICTS[action][result];
    if (!known)
        return undefined;
    const version = facts.version || undefined;
    const env = facts.environment;
    let subject;
    if (action === 'deploy' || action === 'canary')
        subject = `${version ?? '(unknown version)'} to ${env}`;
    else if (action === 'rollback')
        subject = `${env}${outputs.get('from-version') ? ` from ${outputs.get('from-version')}` : ''}${version ? ` to ${version}` : ''}`;
    else
        subject = `${version ? `${version} to ` : ''}${env}`;
    const title = oneLine(`${NAME[action]} ${known.verdict}: ${subject}`, 140);
    const evidence = [];
    const failedMetric = outputs.get('failed-metric');
    if (failedMetric)
        evidence.push(`failed metric: ${failedMetric}`);
    if (action === 'canary' && outputs.get('weight') !== undefined && outputs.get('result') === 'paused')
        evidence.push(`weight ${outputs.get('weight')}%`);
    const trigger = outputs.get('trigger');
    if (trigger)
        evidence.push(`trigger: ${trigger}`);
    const reasons = outputs.get('reasons');
    let reason = facts.code !== 0 && facts.error ? facts.error : reasons || facts.verdictText || facts.error || title;
    // What the reason does not say already (a canary's abort names its metric and weight itself).
    const missing = evidence.filter((e) => !reason.includes(e.replace(/^[a-z ]+: /, '')));
    if (missing.length)
        reason = `${reason} (${missing.join('; ')})`;
    const runner = facts.runner;
    const repo = runner.repository ? `${runner.repository.owner}/${runner.repository.repo}` : undefined;
    const repoUrl = repo ? `${runner.serverUrl}/${repo}` : undefined;
    const commit = facts.commit && /^[0-9a-f]{7,64}$/i.test(facts.commit) ? facts.commit : undefined;
    const previous = facts.previousCommit && /^[0-9a-f]{7,64}$/i.test(facts.previousCommit) ? facts.previousCommit : undefined;
    return {
        event: `${action}.${known.verdict}`,
        action,
        verdict: known.verdict,
        ok: known.ok,
        title,
        version,
        previousVersion: facts.previousVersion || outputs.get('from-version') || undefined,
        environment: env,
        reason: oneLine(reason),
        repository: repo,
        commit,
        runUrl: runner.runUrl,
        commitUrl: repoUrl && commit ? `${repoUrl}/commit/${commit}` : undefined,
        compareUrl: repoUrl && commit && previous && previous !== commit ? `${repoUrl}/compare/${previous}...${commit}` : undefined,
    };
}

;// CONCATENATED MODULE: ./build/notify/formats.js
/** Slack's limits: a header's plain text, a section's or context element's text. */
const SLACK_HEADER_MAX = 150;
const SLACK_TEXT_MAX = 3000;
const cut = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
/** Escapes text for Slack mrkdwn: `&`, `<` and `>` are control characters there (and nothing else is). */
function slackEscape(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
const icon = (event) => (event.ok ? (event.verdict === 'paused' ? '⏸️' : '✅') : '❌');
function links(event) {
    const out = [];
    if (event.runUrl)
        out.push({ label: 'Run', url: event.runUrl });
    if (event.commitUrl && event.commit)
        out.push({ label: `Commit ${event.commit.slice(0, 7)}`, url: event.commitUrl });
    if (event.compareUrl)
        out.push({ label: 'Compare', url: event.compareUrl });
    return out;
}
function facts(event) {
    const out = [];
    if (event.version)
        out.push(['Version', event.version]);
    out.push(['Environment', event.environment]);
    if (event.previousVersion)
        out.push([event.action === 'rollback' ? 'From' : 'Previous', event.previousVersion]);
    if (event.repository)
        out.push(['Repository', event.repository]);
    return out;
}
/** The plain-text line every format carries (Slack's notification text, JSON's `text`). */
function plainText(event) {
    const parts = [`${icon(event)} ${event.title}`, event.reason];
    const linkText = links(event).map((l) => `${l.label}: ${l.url}`);
    return [...parts, ...linkText].join('\n');
}
/** A Slack incoming-webhook message: verdict first (header), the facts and reason, the links. */
function slackMessage(event) {
    const header = {
        type: 'header',
        text: { type: 'plain_text', text: cut(`${icon(event)} ${event.title}`, SLACK_HEADER_MAX), emoji: true },
    };
    const factLines = facts(event).map(([k, v]) => `*${k}:* ${slackEscape(v)}`);
    const section = {
        type: 'section',
        text: { type: 'mrkdwn', text: cut(`${factLines.join('\n')}\n*Reason:* ${slackEscape(event.reason)}`, SLACK_TEXT_MAX) },
    };
    const blocks = [header, section];
    const linkList = links(event);
    if (linkList.length) {
        // A URL inside <url|label> must not hold `|` or `>`; the label is escaped text.
        const context = {
            type: 'context',
            elements: [
                {
                    type: 'mrkdwn',
                    text: cut(linkList.map((l) => `<${l.url.replace(/[|>]/g, encodeURIComponent)}|${slackEscape(l.label)}>`).join(' · '), SLACK_TEXT_MAX),
                },
            ],
        };
        blocks.push(context);
    }
    return { text: cut(slackEscape(`${icon(event)} ${event.title}: ${event.reason}`), SLACK_TEXT_MAX), blocks };
}
/** A Microsoft Teams workflow message: one Adaptive Card (1.4) with the verdict, facts and links. */
function teamsMessage(event) {
    const body = [
        {
            type: 'TextBlock',
            text: `${icon(event)} ${event.title}`,
            weight: 'Bolder',
            size: 'Medium',
            wrap: true,
            color: event.ok ? 'Good' : 'Attention',
        },
        { type: 'TextBlock', text: event.reason, wrap: true },
        { type: 'FactSet', facts: facts(event).map(([title, value]) => ({ title, value })) },
    ];
    const linkList = links(event);
    if (linkList.length)
        body.push({ type: 'ActionSet', actions: linkList.map((l) => ({ type: 'Action.OpenUrl', title: l.label, url: l.url })) });
    return {
        type: 'message',
        attachments: [
            {
                contentType: 'application/vnd.microsoft.card.adaptive',
                contentUrl: null,
                content: { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.4', body },
            },
        ],
    };
}
/** Any other webhook: `text` for chat tools that read it, and the structured event. */
function jsonMessage(event) {
    return { text: plainText(event), event };
}
function messageFor(format, event) {
    if (format === 'slack')
        return slackMessage(event);
    if (format === 'teams')
        return teamsMessage(event);
    return jsonMessage(event);
}

// EXTERNAL MODULE: ./build/notify/targets.js
var targets = __webpack_require__(7494);
;// CONCATENATED MODULE: ./build/notify/index.js







/**
 * Notifies the `notify` webhooks once the step has finished (outputs set, summary written), on
 * success and failure alike. Returns the facts object the action may fill in as it learns them.
 */
function notifyWhenDone(ctx, action) {
    const s = ctx.settings;
    const facts = {};
    const targets = s.notify ?? [];
    if (targets.length === 0)
        return facts;
    // The runner masks each line as given; the URL without its format prefix is masked too.
    for (const target of targets)
        (0,redact/* secret */.rJ)(target.url);
    ctx.onFinish(async (end) => {
        let version = facts.version || end.outputs.get('version') || s.version;
        if (!version && s.manifest)
            version = await (0,manifest_defaults/* readManifestDefaults */.S)(s.manifest).then((m) => m.version, () => undefined);
        const event = eventOf({
            action,
            code: end.code,
            outputs: end.outputs,
            error: end.error,
            verdictText: ctx.summary.verdictText,
            environment: s.environment,
            version,
            previousVersion: end.outputs.get('previous-version'),
            commit: facts.commit || ctx.runner.sha,
            previousCommit: facts.previousCommit,
            runner: ctx.runner,
        });
        if (!event)
            return;
        const opts = { ...DELIVERY_DEFAULTS };
        const timeout = process.env.SHIPLINE_NOTIFY_TIMEOUT ? (0,duration/* parseDuration */.E9)(process.env.SHIPLINE_NOTIFY_TIMEOUT) : undefined;
        if (timeout)
            opts.timeoutMs = timeout;
        await Promise.all(targets.map(async (target) => {
            const result = await deliver(target, messageFor(target.format, event), opts);
            if (result.ok)
                ctx.log.info(`Notified notify line ${target.line} (${target.format}): ${event.event}.`);
            else
                ctx.log.warning(`Notification ${event.event} to notify line ${target.line} (${target.format}) not ` +
                    `delivered after ${result.tries} ${result.tries === 1 ? 'try' : 'tries'}: ${result.problem}.`);
        }));
    });
    return facts;
}


/***/ }),

/***/ 7494:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AX: () => (/* binding */ notifyField)
/* harmony export */ });
/* unused harmony exports NOTIFY_FORM, formatOfHost, parseTargets */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8532);

const NOTIFY_FORM = 'webhook URLs, one a line (https://hooks.slack.com/services/..., a Teams workflow URL, ' +
    'any other https URL for JSON), each optionally prefixed with slack:, teams: or json:';
const PREFIX = /^(slack|teams|json):(?=[a-z][a-z0-9+.-]*:\/\/)/i;
/**
 * The format a webhook gets from its host: Slack incoming webhooks, Microsoft Teams workflow
 * webhooks (Power Automate: `*.logic.azure.com`, `*.powerplatform.com`; the older Office 365
 * connector URLs `*.webhook.office.com`), anything else JSON.
 */
function formatOfHost(host) {
    const h = host.toLowerCase();
    if (h === 'hooks.slack.com' || h === 'hooks.slack-gov.com')
        return 'slack';
    if (/(^|\.)logic\.azure\.com$/.test(h) || /(^|\.)webhook\.office\.com$/.test(h) || /(^|\.)powerplatform\.com$/.test(h))
        return 'teams';
    return 'json';
}
/** Parses the `notify` text: one target a line; blank lines and `#` comments skipped. Never quotes a URL. */
function parseTargets(text) {
    const targets = [];
    const lines = text.split(/\r\n|\r|\n/);
    for (let i = 0; i < lines.length; i++) {
        const line = i + 1;
        const raw = lines[i].trim();
        if (raw === '' || raw.startsWith('#'))
            continue;
        const prefix = PREFIX.exec(raw);
        const rest = prefix ? raw.slice(prefix[0].length) : raw;
        if (/[\s\u0000-\u001f\u007f]/.test(rest))
            return { ok: false, message: `line ${line} has a space or a control character inside the URL` };
        let url;
        try {
            url = new URL(rest);
        }
        catch {
            return { ok: false, message: `line ${line} is not a URL` };
        }
        if (url.protocol !== 'https:' && url.protocol !== 'http:')
            return { ok: false, message: `line ${line} is not an http or https URL` };
        if (url.username || url.password)
            return { ok: false, message: `line ${line} has user info in the URL (put the token in the path, as webhooks do)` };
        const format = prefix?.[1]?.toLowerCase() ?? formatOfHost(url.hostname);
        targets.push({ url: rest, format, line });
    }
    return { ok: true, targets };
}
/** The `notify` input of deploy, canary, rollback and gate: secret, never from the config file. */
function notifyField() {
    const schema = zod__WEBPACK_IMPORTED_MODULE_0__/* .unknown */ .L5J().transform((value, ctx) => {
        const result = parseTargets(typeof value === 'string' ? value : '');
        if (result.ok)
            return result.targets;
        ctx.issues.push({ code: 'custom', message: result.message, input: '' });
        return zod__WEBPACK_IMPORTED_MODULE_1__/* .NEVER */ .tm;
    });
    return { schema, form: NOTIFY_FORM, secret: true, configurable: false, default: [] };
}


/***/ }),

/***/ 7287:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ek: () => (/* binding */ manifestArtifact),
/* harmony export */   J0: () => (/* binding */ writeBuildManifest),
/* harmony export */   kK: () => (/* binding */ readBuildManifest)
/* harmony export */ });
/* unused harmony exports CHANNELS, buildManifestSchema, parseBuildManifest */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _core_parse_errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1589);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4377);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2807);
/* harmony import */ var _core_oci_tag_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4282);






const CHANNELS = ['release', 'prerelease', 'staging', 'hotfix', 'preview'];
/**
 * The build manifest: what build made, so every later stage deploys exactly this artifact.
 * Written as JSON by the build action (output `manifest`), read back by deploy, canary, rollback.
 */
const sha256Digest = zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().regex(/^sha256:[0-9a-f]{64}$/, 'expected sha256: followed by 64 lowercase hex digits');
const imageSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
    /** `ghcr.io/acme/web`. */
    repository: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().min(1),
    /** `repository@sha256:...` once pushed; `repository:<first tag>` for a local build. */
    reference: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().min(1),
    digest: sha256Digest.optional(),
    /** Full tagged references: `ghcr.io/acme/web:1.2.3`. */
    tags: zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().min(1)),
    platforms: zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().min(1)).optional(),
    pushed: zod__WEBPACK_IMPORTED_MODULE_3__/* .boolean */ .zMY(),
});
const archiveSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
    path: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().min(1),
    sha256: sha256Digest,
    bytes: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int().nonnegative(),
    /** How many files the archive holds. */
    files: zod__WEBPACK_IMPORTED_MODULE_3__/* .number */ .aig().int().nonnegative(),
});
const buildManifestSchema = zod__WEBPACK_IMPORTED_MODULE_3__/* .object */ .Ikc({
    schemaVersion: zod__WEBPACK_IMPORTED_MODULE_3__/* .literal */ .euz(1),
    version: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().min(1),
    channel: zod__WEBPACK_IMPORTED_MODULE_3__/* ["enum"] */ .k5n(CHANNELS),
    commit: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().regex(/^[0-9a-f]{7,64}$/, 'expected a lowercase hex commit id'),
    ref: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().min(1),
    /** Tag names computed from the version, whether or not an image was built. */
    tags: zod__WEBPACK_IMPORTED_MODULE_3__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().regex(_core_oci_tag_js__WEBPACK_IMPORTED_MODULE_4__/* .OCI_TAG_PATTERN */ .wv, 'expected a valid image tag')),
    image: imageSchema.optional(),
    archive: archiveSchema.optional(),
    builtAt: zod__WEBPACK_IMPORTED_MODULE_5__/* .datetime */ .w$({ offset: true }),
    sbom: zod__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP().min(1).optional(),
})
    .superRefine((manifest, ctx) => {
    const image = manifest.image;
    if (!image)
        return;
    if (image.pushed && !image.digest) {
        ctx.addIssue({ code: 'custom', path: ['image', 'digest'], message: 'a pushed image needs its digest' });
    }
    if (image.digest && image.reference !== `${image.repository}@${image.digest}`) {
        ctx.addIssue({ code: 'custom', path: ['image', 'reference'], message: 'must be repository@digest' });
    }
});
function describeIssues(error) {
    return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`).join('; ');
}
/** Validates JSON text as a build manifest; `source` names it in errors (a path). */
function parseBuildManifest(text, source) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (error) {
        // Never the parser's message: it quotes the file's first bytes, whatever file the path names.
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BuildConfigError */ .t6(`build manifest ${source} is not JSON: ${(0,_core_parse_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .describeSyntaxProblem */ .gi)((0,_core_parse_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .jsonSyntaxProblem */ .F1)(error, text))}`);
    }
    const result = buildManifestSchema.safeParse(data);
    if (!result.success) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BuildConfigError */ .t6(`build manifest ${source} is not valid: ${describeIssues(result.error)}`);
    }
    return result.data;
}
/** Reads and validates a manifest written by writeBuildManifest. */
async function readBuildManifest(path) {
    let text;
    try {
        text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(path, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT') {
            throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BuildConfigError */ .t6(`build manifest ${path} does not exist: pass the manifest output ` +
                `of the build step (and download it when it comes from another job)`);
        }
        throw error;
    }
    return parseBuildManifest(text, path);
}
/** Validates and writes the manifest as indented JSON, creating its directory. */
async function writeBuildManifest(path, manifest) {
    const result = buildManifestSchema.safeParse(manifest);
    if (!result.success)
        throw new Error(`refusing to write an invalid build manifest: ${describeIssues(result.error)}`);
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.dirname)(path), { recursive: true });
    await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(path, `${JSON.stringify(result.data, null, 2)}\n`);
}
/** What later stages deploy: the image reference (by digest once pushed), else the archive path. */
function manifestArtifact(manifest) {
    return manifest.image?.reference ?? manifest.archive?.path;
}


/***/ }),

/***/ 260:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TV: () => (/* binding */ describeRecord),
/* harmony export */   be: () => (/* binding */ environmentView),
/* harmony export */   vc: () => (/* binding */ promotionEvidence)
/* harmony export */ });
/* harmony import */ var _meaning_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2062);

const short = (sha) => sha.slice(0, 7);
const describeRecord = (r) => `${r.payload.version || '(no version)'} at ${short(r.sha)} (deployment ${r.id}, ` +
    `${r.state}${r.statusDescription ? `: ${r.statusDescription}` : ''}, ${r.createdAt})`;
/**
 * Has this commit and version a successful deployment in `environment` that was not rolled back?
 * (`success` or `inactive`, live or replaced since; not `failure`, not undone by a rollback.)
 * Without a version, any version built from the commit counts.
 */
async function promotionEvidence(store, environment, sha, version) {
    const seenForCommit = [];
    let newestGood;
    let seen = 0;
    for await (const read of (0,_meaning_js__WEBPACK_IMPORTED_MODULE_0__/* .readHistory */ .Lu)(store.history(environment))) {
        const r = read.record;
        const good = read.meaning === 'live' || read.meaning === 'replaced';
        if (good && !newestGood)
            newestGood = r;
        if (read.meaning !== 'foreign' && r.sha === sha && (version === undefined || r.payload.version === version)) {
            if (good) {
                return {
                    ok: true,
                    record: r,
                    live: read.meaning === 'live',
                    replacedBy: read.replacedBy,
                    message: `${environment} ran ${describeRecord(r)}`,
                };
            }
            seenForCommit.push(read);
        }
        if (++seen >= 500)
            break;
    }
    const what = version !== undefined ? `${version} at ${short(sha)}` : `commit ${short(sha)}`;
    const why = (read) => (read.meaning === 'undone' ? ', rolled back' : read.meaning === 'paused' ? ', a paused canary' : '');
    const instead = seenForCommit.length > 0
        ? `its deployments there did not succeed: ${seenForCommit
            .slice(0, 3)
            .map((x) => `${describeRecord(x.record)}${why(x)}`)
            .join('; ')}`
        : `it was never deployed ` +
            `there${newestGood ? `; ${environment} runs ${describeRecord(newestGood)}` : `; ${environment} has no successful deployment`}`;
    return { ok: false, message: `${what} has no successful deployment in ${environment}: ${instead}` };
}
/** One read of the newest records: what runs now, whether a canary is paused, whether another deploy is under way. */
async function environmentView(store, environment, depth = 100) {
    const view = { unfinished: [] };
    let seen = 0;
    for await (const read of (0,_meaning_js__WEBPACK_IMPORTED_MODULE_0__/* .readHistory */ .Lu)(store.history(environment))) {
        if (read.meaning === 'live') {
            view.current = read.record;
            break;
        }
        if (read.meaning === 'unfinished')
            view.unfinished.push(read.record);
        if (read.meaning === 'paused' && !view.paused)
            view.paused = read.record;
        if (++seen >= depth)
            break;
    }
    return view;
}


/***/ }),

/***/ 5279:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ readManifestDefaults)
/* harmony export */ });
/* harmony import */ var _build_manifest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7287);
/* harmony import */ var _core_common_fields_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9507);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2807);
/* harmony import */ var _core_fields_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2189);




const MANIFEST_FORM = 'the manifest output of the build action';
const REF_FORM = 'a git ref (refs/heads/main, refs/tags/v1.2.3) on one line';
/** The ref goes into the records as it is: one line, no control characters. */
const REF_FIELD = _core_fields_js__WEBPACK_IMPORTED_MODULE_3__/* .string */ .Yj({ pattern: /^[^\p{Cc}\s][^\p{Cc}]{0,254}$/u, form: REF_FORM });
/**
 * Reads a build manifest given as the `manifest` input. Every value taken from it is checked as
 * strictly as the input it stands for (`version`, `artifact`), before anything is done with it: a
 * manifest is a file anyone with write access to the workspace can change.
 */
async function readManifestDefaults(path) {
    let m;
    try {
        m = await (0,_build_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .readBuildManifest */ .kK)(path);
    }
    catch (err) {
        throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`Input "manifest": ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(err)}. Accepted: ${MANIFEST_FORM}.`);
    }
    const version = check(path, 'version', m.version, (0,_core_common_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .versionField */ .FA)(true), _core_common_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .VERSION_FORM */ ._b);
    const raw = (0,_build_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .manifestArtifact */ .Ek)(m);
    const artifact = raw === undefined ? undefined : check(path, m.image ? 'image.reference' : 'archive.path', raw, (0,_core_common_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .artifactField */ .lc)(), _core_common_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .ARTIFACT_FORM */ .C$);
    const ref = check(path, 'ref', m.ref, REF_FIELD, REF_FORM);
    return { version, channel: m.channel, ...(artifact !== undefined ? { artifact } : {}), commit: m.commit, ref };
}
/** One value of the manifest through the field of the input it stands for; the error names both. */
function check(path, key, value, field, form) {
    const result = field.schema.safeParse(value);
    if (result.success)
        return result.data;
    const problem = result.error.issues[0]?.message ?? 'is not valid';
    throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .UserError */ .yo(`Input "manifest": build manifest ${path}, field "${key}": ${problem}. Accepted: ${form}.`);
}


/***/ }),

/***/ 2062:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D8: () => (/* binding */ undoes),
/* harmony export */   IN: () => (/* binding */ cutText),
/* harmony export */   Ix: () => (/* binding */ isFailed),
/* harmony export */   Kg: () => (/* binding */ isGood),
/* harmony export */   Lu: () => (/* binding */ readHistory),
/* harmony export */   aM: () => (/* binding */ PAUSE_MARKER),
/* harmony export */   ft: () => (/* binding */ isShipline),
/* harmony export */   lP: () => (/* binding */ isPaused),
/* harmony export */   ui: () => (/* binding */ isUnfinished),
/* harmony export */   wD: () => (/* binding */ notShiplineWhy),
/* harmony export */   z1: () => (/* binding */ isRollback)
/* harmony export */ });
/* unused harmony exports WRITERS, payloadProblem, names, reader */
/* harmony import */ var _core_common_fields_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9507);
/**
 * What a deployment record means: the one reading of a record's state that deploy, canary,
 * rollback and gate all use (a record means the same thing whichever action reads it).
 *
 * - `success` and `inactive` are both "deployed and healthy": GitHub marks an earlier successful
 *   deployment `inactive` when a later one in the environment succeeds (`auto_inactive`), and that
 *   later one may be GitHub's own deployment for a job that names an `environment:`, which carries
 *   no shipline payload. Whether a good record is what runs now is a question of its place in the
 *   history (the newest good shipline record that no rollback undid), never of `success` alone:
 *   GitHub does not mark production deployments inactive at all.
 * - `in_progress` with the pause marker is a paused canary: deliberately unfinished, not a failure.
 * - `in_progress`, `queued` and `pending` otherwise: a deploy under way, or one whose run ended
 *   without finishing its record (stale, see `stale.ts`).
 * - `failure` and `error`: did not succeed.
 * - a record that a later successful rollback names in `rollbackOf` was undone, whatever its state.
 * - a record is shipline's only when its payload's `by` names a shipline action and its version
 *   (and artifact) pass the same checks as the inputs; anything else is another tool's.
 */

const WRITERS = ['deploy', 'canary', 'rollback'];
/** The status description of a paused canary starts with this (`shipline: paused at 25% ...`). */
const PAUSE_MARKER = 'shipline: paused at ';
/** The artifact input's own check, applied to an artifact read back from a record. */
const ARTIFACT = (0,_core_common_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .artifactField */ .lc)();
/** Why a record's payload cannot be used (a version or artifact no input would accept), or undefined. */
function payloadProblem(r) {
    const p = r.payload;
    if (!_core_common_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .VERSION_PATTERN */ .Q6.test(p.version))
        return `its version ${JSON.stringify(p.version.slice(0, 40))} is not a valid version`;
    if (p.artifact !== undefined && (typeof p.artifact !== 'string' || p.artifact === '' || !ARTIFACT.schema.safeParse(p.artifact).success))
        return 'its artifact is not an image reference or a path on one line';
    if (p.stableVersion !== undefined && (typeof p.stableVersion !== 'string' || !_core_common_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .VERSION_PATTERN */ .Q6.test(p.stableVersion)))
        return 'its stableVersion is not a valid version';
    return undefined;
}
/** Written by shipline (its payload's `by`), with a payload that passes the input checks. */
function isShipline(r) {
    return typeof r.payload.by === 'string' && WRITERS.includes(r.payload.by) && payloadProblem(r) === undefined;
}
/** Why a record is not counted as shipline's, for summaries. */
function notShiplineWhy(r) {
    if (typeof r.payload.by !== 'string' || !WRITERS.includes(r.payload.by))
        return 'not a shipline record (no "by" in its payload)';
    return `a shipline record that cannot be used: ${payloadProblem(r)}`;
}
/** Deployed and healthy (maybe replaced since): `success`, or `inactive` after a later success. */
const isGood = (r) => r.state === 'success' || r.state === 'inactive';
/** Did not succeed. */
const isFailed = (r) => r.state === 'failure' || r.state === 'error';
/** A canary waiting for promote or abort: deliberately in progress, not a failure, not stale. */
function isPaused(r) {
    return r.state === 'in_progress' && r.payload.by === 'canary' && (r.statusDescription ?? '').startsWith(PAUSE_MARKER);
}
/** Not finished: under way, or left so by a run that ended (a paused canary is not counted here). */
const isUnfinished = (r) => (r.state === 'in_progress' || r.state === 'queued' || r.state === 'pending') && !isPaused(r);
/** The record of a rollback (never itself the bad side of a later rollback). */
const isRollback = (r) => r.payload.by === 'rollback';
/** Does this id (a REST id or a GraphQL node id, as kept in `rollbackOf`) name this record? */
const names = (id, r) => id === r.id || (r.nodeId !== undefined && id === r.nodeId);
/** The id a successful rollback record undid. */
function undoes(r) {
    return isShipline(r) && isRollback(r) && isGood(r) && typeof r.payload.rollbackOf === 'string' && r.payload.rollbackOf !== ''
        ? r.payload.rollbackOf
        : undefined;
}
/**
 * Reads a history (newest first) into meanings, one record at a time, so a caller stops as soon
 * as it knows. The only place that turns states into meanings.
 */
function reader() {
    const undone = new Map();
    let newerGood;
    return (record) => {
        const target = undoes(record);
        if (target && !undone.has(target))
            undone.set(target, record.id);
        if (!isShipline(record))
            return { record, meaning: 'foreign' };
        const by = undone.get(record.id) ?? (record.nodeId ? undone.get(record.nodeId) : undefined);
        if (by)
            return { record, meaning: 'undone', undoneBy: by };
        if (isPaused(record))
            return { record, meaning: 'paused' };
        if (isUnfinished(record))
            return { record, meaning: 'unfinished' };
        if (isFailed(record))
            return { record, meaning: 'failed' };
        const replacedBy = newerGood;
        newerGood ??= record;
        return replacedBy ? { record, meaning: 'replaced', replacedBy } : { record, meaning: 'live' };
    };
}
/** Reads the history with meanings, newest first, only as far as the caller goes. */
async function* readHistory(history) {
    const read = reader();
    for await (const r of history)
        yield read(r);
}
/** Cuts text to at most `max` UTF-16 units without splitting a surrogate pair. */
function cutText(text, max) {
    if (text.length <= max)
        return text;
    let end = max;
    const code = text.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff)
        end--;
    return text.slice(0, end);
}


/***/ }),

/***/ 367:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  t: () => (/* binding */ openRecords),
  o: () => (/* binding */ stateRoot)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@octokit/rest/dist-src/index.js + 21 modules
var dist_src = __webpack_require__(9988);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(2116);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
// EXTERNAL MODULE: ./node_modules/bottleneck/light.js
var light = __webpack_require__(3251);
;// CONCATENATED MODULE: ./build/core/github.js




const ShiplineOctokit = dist_src/* Octokit */.E.plugin(dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
/**
 * One request at a time, each as soon as the one before has answered. GitHub asks clients to make
 * requests serially and to pause a second between writes only when making a large number of them
 * (REST API best practices); a step makes a handful, so plugin-throttling's default spacing (writes
 * and GraphQL queries 1 s apart, searches 2 s, notification-triggering writes 3 s) only added
 * seconds to every step. The plugin takes its Bottleneck groups from its options: `global` (every
 * request goes through it; the plugin's own allows 10 at once) is read like the other three,
 * though its types list only those.
 */
function serialGroups() {
    const serial = () => new light.Group({ maxConcurrent: 1, minTime: 0 });
    return { global: serial(), write: serial(), search: serial(), notifications: serial() };
}
/**
 * The one GitHub client every action uses: requests one at a time without fixed spacing, retries
 * 5xx, waits out primary and secondary rate limits as GitHub's `retry-after`/`x-ratelimit-reset`
 * headers say (a few times), paginates with `octokit.paginate`.
 */
function createGitHub(opts) {
    const retries = opts.retries ?? 3;
    const warn = opts.warn ?? (() => undefined);
    return new ShiplineOctokit({
        auth: opts.token,
        baseUrl: (opts.baseUrl || process.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, ''),
        userAgent: 'shipline',
        // plugin-retry backs off on 5xx; 403 and 429 are left to plugin-throttling, which waits as
        // GitHub's retry-after and x-ratelimit-reset say; other 4xx are answers, not faults.
        retry: { retries, doNotRetry: [400, 401, 403, 404, 409, 410, 422, 429, 451] },
        throttle: {
            ...serialGroups(),
            onRateLimit: (retryAfter, options, _o, retryCount) => {
                warn(`GitHub rate limit hit on ${options.method} ${options.url}; retrying in ${retryAfter}s`);
                return retryCount < retries && retryAfter <= 120;
            },
            onSecondaryRateLimit: (retryAfter, options, _o, retryCount) => {
                warn(`GitHub secondary rate limit on ${options.method} ${options.url}; retrying in ${retryAfter}s`);
                return retryCount < retries && retryAfter <= 120;
            },
        },
    });
}

// EXTERNAL MODULE: ./build/core/errors.js
var errors = __webpack_require__(2807);
;// CONCATENATED MODULE: ./build/core/github-errors.js

const isRequestError = (err) => err instanceof Error && err.name === 'HttpError' && typeof err.status === 'number';
const isGraphqlError = (err) => err instanceof Error && err.name === 'GraphqlResponseError';
/** The first message GitHub gave, one line, short. */
function gitHubSays(err) {
    const data = 'response' in err ? err.response?.data : undefined;
    const graphql = 'errors' in err ? err.errors?.[0]?.message : undefined;
    const text = typeof data?.message === 'string' ? data.message : (graphql ?? err.message);
    const line = String(text).split('\n')[0].trim();
    return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
/** The deepest cause of a failed fetch: its system error code (ECONNREFUSED, ENOTFOUND) where there is one. */
function networkCause(err) {
    let deepest = err;
    for (let depth = 0; depth < 5 && deepest instanceof Error && deepest.cause !== undefined; depth++)
        deepest = deepest.cause;
    const code = deepest?.code;
    if (typeof code === 'string')
        return code;
    return deepest instanceof Error ? deepest.message : err.message;
}
/**
 * Turns a failed GitHub API call into an OutsideError that names GitHub, what shipline was doing
 * (`what`: "reading the deployments of production") and what to do; other errors are returned as
 * they are. The client has already retried 5xx answers and waited out rate limits by then.
 */
function gitHubFailure(err, what, apiUrl) {
    if (isGraphqlError(err)) {
        return new errors/* OutsideError */.Cp(`GitHub's GraphQL API at ${apiUrl} answered with an error while ${what}: ${gitHubSays(err)}. ` +
            `Re-run the job; if it persists, check github-token's permissions (deployments: read).`, { cause: err });
    }
    if (!isRequestError(err))
        return err;
    if (!err.response) {
        // No answer at all: @octokit/request reports a network failure as status 500 without a response.
        const cause = networkCause(err);
        return new errors/* OutsideError */.Cp(`GitHub's API at ${apiUrl} could not be reached while ${what} (${cause}). Check ` +
            `GITHUB_API_URL and the runner's network access to GitHub, then re-run the job.`, { cause: err });
    }
    const status = err.status;
    if (status >= 500) {
        return new errors/* OutsideError */.Cp(`GitHub's API at ${apiUrl} answered ${status} (${gitHubSays(err)}) while ${what}, also when ` +
            `tried again. GitHub may be having an outage (https://www.githubstatus.com): re-run the job later.`, { cause: err });
    }
    if (status === 401) {
        return new errors/* OutsideError */.Cp(`GitHub's API at ${apiUrl} refused github-token (401 ${gitHubSays(err)}) ` +
            `while ${what}. Give a valid token (the default, \${{ github.token }}, is one).`, { cause: err });
    }
    if (status === 403 || status === 404) {
        return new errors/* OutsideError */.Cp(`GitHub's API at ${apiUrl} answered ${status} (${gitHubSays(err)}) while ${what}. Check that ` +
            `github-token may read and write deployments (permissions: deployments: write) in this repository.`, { cause: err });
    }
    return new errors/* OutsideError */.Cp(`GitHub's API at ${apiUrl} answered ${status} (${gitHubSays(err)}) while ${what}.`, { cause: err });
}

// EXTERNAL MODULE: ./build/records/meaning.js
var meaning = __webpack_require__(2062);
;// CONCATENATED MODULE: ./build/records/github.js



// `databaseId` is a 32-bit GraphQL Int while REST ids are 64-bit: records are read by their node
// `id`, and the REST id is taken from it (see restIdOf), never from `databaseId`.
const HISTORY_QUERY = `query($owner: String!, $repo: String!, $environments: [String!], $first: Int!, $after: String) {
  repository(owner: $owner, name: $repo) {
    deployments(environments: $environments, first: $first, after: $after, orderBy: {field: CREATED_AT, direction: DESC}) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id createdAt commitOid environment payload description
        latestStatus { state description environmentUrl createdAt }
        statuses(first: 30) { nodes { environmentUrl createdAt } }
      }
    }
  }
}`;
function parsePayload(text) {
    if (!text)
        return { version: '' };
    try {
        const value = JSON.parse(text);
        // GitHub stores a payload sent as a JSON string as that string; read through one level.
        const data = typeof value === 'string' ? JSON.parse(value) : value;
        if (data && typeof data === 'object' && !Array.isArray(data)) {
            const payload = data;
            return { ...payload, version: typeof payload.version === 'string' ? payload.version : '' };
        }
    }
    catch {
        /* a payload another tool wrote: no version */
    }
    return { version: '' };
}
/** Reads the unsigned integers of a MessagePack array (the body of GitHub's node ids). */
function msgpackInts(bytes) {
    let at = 0;
    const head = bytes[at++];
    if (head === undefined || (head & 0xf0) !== 0x90)
        return undefined;
    const out = [];
    for (let i = 0; i < (head & 0x0f); i++) {
        const b = bytes[at++];
        if (b === undefined)
            return undefined;
        const size = b <= 0x7f ? 0 : b === 0xcc ? 1 : b === 0xcd ? 2 : b === 0xce ? 4 : b === 0xcf ? 8 : -1;
        if (size < 0 || at + size > bytes.length)
            return undefined;
        if (size === 0)
            out.push(BigInt(b));
        else {
            let v = 0n;
            for (let k = 0; k < size; k++)
                v = (v << 8n) | BigInt(bytes[at + k]);
            out.push(v);
            at += size;
        }
    }
    return out;
}
/**
 * The REST id inside a deployment's GraphQL node id: `DE_` + base64url(MessagePack [0, repository
 * id, deployment id]) in GitHub's current format, `base64("010:Deployment<id>")` in the legacy one.
 * Undefined when it is neither (the store then looks the id up through REST).
 */
function restIdOf(nodeId) {
    if (nodeId.startsWith('DE_')) {
        const ints = msgpackInts(Buffer.from(nodeId.slice(3), 'base64url'));
        return ints && ints.length >= 2 ? String(ints.at(-1)) : undefined;
    }
    const legacy = /^\d+:Deployment(\d+)$/.exec(Buffer.from(nodeId, 'base64').toString('latin1'));
    return legacy?.[1];
}
/** The newest environment URL among a deployment's statuses (GitHub shows it until another replaces it). */
function carriedUrl(node) {
    if (node.latestStatus?.environmentUrl)
        return node.latestStatus.environmentUrl;
    const withUrl = (node.statuses?.nodes ?? []).map((s, i) => ({ ...s, i })).filter((s) => s.environmentUrl);
    withUrl.sort((a, b) => (a.createdAt === b.createdAt ? b.i - a.i : a.createdAt < b.createdAt ? 1 : -1));
    return withUrl[0]?.environmentUrl ?? undefined;
}
/**
 * Records kept as GitHub Deployments: written with REST (deployment, then statuses), read with one
 * GraphQL query per 100 records that carries each deployment's latest status, so a history 120
 * records deep costs two calls instead of one per record. A read stops after `foreignPages` pages
 * in a row that hold no shipline record (an environment full of other tools' deployments).
 */
class GitHubStore {
    octokit;
    owner;
    repo;
    pageSize;
    foreignPages;
    kind = 'github';
    calls = 0;
    constructor(octokit, owner, repo, pageSize = 100, foreignPages = 3) {
        this.octokit = octokit;
        this.owner = owner;
        this.repo = repo;
        this.pageSize = pageSize;
        this.foreignPages = foreignPages;
    }
    get where() {
        return `${this.owner}/${this.repo} deployments`;
    }
    /** One API call; a failure (after the client's retries) names GitHub and what was being done. */
    async call(what, fn) {
        this.calls++;
        try {
            return await fn();
        }
        catch (err) {
            throw gitHubFailure(err, what, this.octokit.request.endpoint.DEFAULTS.baseUrl);
        }
    }
    async create(record) {
        const res = await this.call(`creating a deployment of ${this.owner}/${this.repo} in ${record.environment}`, () => this.octokit.rest.repos.createDeployment({
            owner: this.owner,
            repo: this.repo,
            ref: record.sha || record.ref,
            environment: record.environment,
            auto_merge: false,
            required_contexts: [],
            payload: record.payload,
            description: record.description === undefined ? undefined : (0,meaning/* cutText */.IN)(record.description, 140),
            transient_environment: false,
            production_environment: record.productionEnvironment,
        }));
        if (res.status !== 201 || !('id' in res.data)) {
            throw new errors/* OutsideError */.Cp(`GitHub did not create the deployment in ${record.environment} ` +
                `(${res.status}: ${JSON.stringify(res.data).slice(0, 200)}). Re-run the job.`);
        }
        return {
            id: String(res.data.id),
            nodeId: res.data.node_id,
            environment: record.environment,
            sha: res.data.sha,
            ref: record.ref,
            createdAt: res.data.created_at,
            payload: record.payload,
            state: 'pending',
        };
    }
    /** A REST id for `id`: itself when numeric, else the deployment whose node id it is. */
    async restId(id) {
        if (/^\d+$/.test(id))
            return id;
        const inside = restIdOf(id);
        if (inside)
            return inside;
        let page = 0;
        for await (const res of this.octokit.paginate.iterator(this.octokit.rest.repos.listDeployments, {
            owner: this.owner,
            repo: this.repo,
            per_page: 100,
        })) {
            this.calls++;
            const found = res.data.find((d) => d.node_id === id);
            if (found)
                return String(found.id);
            if (++page >= 10)
                break;
        }
        throw new Error(`no deployment with node id ${id} in ${this.owner}/${this.repo}`);
    }
    async setStatus(id, state, update = {}) {
        const restId = await this.restId(id);
        await this.call(`setting deployment ${restId} of ${this.owner}/${this.repo} to ${state}`, () => this.octokit.request('POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
            owner: this.owner,
            repo: this.repo,
            // A 64-bit id as written: the URL template takes it as text, so no Number() rounding.
            deployment_id: restId,
            state,
            description: update.description === undefined ? undefined : (0,meaning/* cutText */.IN)(update.description, 140),
            environment_url: update.environmentUrl,
            log_url: update.logUrl,
            auto_inactive: update.autoInactive,
        }));
    }
    async runState(runId) {
        if (!/^\d+$/.test(runId))
            return undefined;
        this.calls++;
        try {
            const res = await this.octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', {
                owner: this.owner,
                repo: this.repo,
                run_id: runId,
            });
            return { status: String(res.data.status), conclusion: res.data.conclusion, attempt: res.data.run_attempt ?? 1 };
        }
        catch {
            // 404 is also what a token without `actions: read` gets: not knowing is not "ended".
            return undefined;
        }
    }
    async *history(environment) {
        let after = null;
        let foreignInARow = 0;
        for (;;) {
            const page = await this.call(`reading the deployments of ${this.owner}/${this.repo} in ${environment}`, () => this.octokit.graphql(HISTORY_QUERY, {
                owner: this.owner,
                repo: this.repo,
                environments: [environment],
                first: this.pageSize,
                after,
            }));
            const deployments = page.repository?.deployments;
            if (!deployments)
                return;
            let ours = false;
            for (const node of deployments.nodes) {
                const record = {
                    id: restIdOf(node.id) ?? node.id,
                    nodeId: node.id,
                    environment: node.environment,
                    sha: node.commitOid,
                    ref: '',
                    createdAt: node.createdAt,
                    payload: parsePayload(node.payload),
                    state: (node.latestStatus?.state.toLowerCase() ?? 'pending'),
                    statusDescription: node.latestStatus?.description ?? undefined,
                    environmentUrl: carriedUrl(node),
                    stateAt: node.latestStatus?.createdAt,
                };
                if ((0,meaning/* isShipline */.ft)(record))
                    ours = true;
                yield record;
            }
            foreignInARow = ours ? 0 : foreignInARow + 1;
            if (foreignInARow >= this.foreignPages)
                return;
            if (!deployments.pageInfo.hasNextPage || !deployments.pageInfo.endCursor)
                return;
            after = deployments.pageInfo.endCursor;
        }
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./build/core/parse-errors.js
var parse_errors = __webpack_require__(1589);
// EXTERNAL MODULE: ./build/core/pool.js
var pool = __webpack_require__(3506);
// EXTERNAL MODULE: ./build/core/process.js
var core_process = __webpack_require__(4831);
// EXTERNAL MODULE: ./build/core/clock.js
var clock = __webpack_require__(4300);
;// CONCATENATED MODULE: ./build/records/ledger.js








/** How long a writer may wait for the ledger's lock, and when a lock nobody released counts as stale. */
const LEDGER_LOCK = { waitMs: 15_000, staleMs: 10_000 };
/**
 * An exclusive lock beside the ledger: a directory created with `mkdir` (atomic: exactly one
 * writer creates it), holding its owner's pid and host. A lock whose owner process is gone (same
 * host), or older than `staleMs` (a write takes milliseconds), is taken over; a writer waits at
 * most `waitMs` for it, then fails saying who holds it.
 */
async function withLock(path, work) {
    const lock = `${path}.lock`;
    const unwritable = (err) => new errors/* OutsideError */.Cp(`The deployment ledger ${path} cannot be written ` +
        `(${(0,errors/* errnoCode */.UK)(err) ?? 'write error'}): it still holds the records before this change. ` +
        'Check the state directory (state-dir) is writable and has free space, then re-run the job.', { cause: err });
    try {
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(path), { recursive: true });
    }
    catch (err) {
        throw unwritable(err);
    }
    const deadline = clock/* systemClock */.m.now() + LEDGER_LOCK.waitMs;
    for (let attempt = 0;; attempt++) {
        try {
            (0,external_node_fs_.mkdirSync)(lock);
            break;
        }
        catch (err) {
            if (err.code !== 'EEXIST')
                throw unwritable(err);
        }
        let owner = {};
        let age = 0;
        try {
            age = clock/* systemClock */.m.now() - (0,external_node_fs_.statSync)(lock).mtimeMs;
            owner = JSON.parse((0,external_node_fs_.readFileSync)(`${lock}/owner`, 'utf8'));
        }
        catch {
            /* gone meanwhile, or its owner has not written the file yet */
        }
        const ownerGone = owner.host === (0,external_node_os_.hostname)() && typeof owner.pid === 'number' && !(0,core_process/* isProcessAlive */.j)(owner.pid);
        if (ownerGone || age > LEDGER_LOCK.staleMs) {
            // Renamed away first, so two writers that both find it stale do not both remove a fresh lock.
            try {
                const aside = `${lock}.stale-${process.pid}-${attempt}`;
                (0,external_node_fs_.renameSync)(lock, aside);
                (0,external_node_fs_.rmSync)(aside, { recursive: true, force: true });
            }
            catch {
                /* another writer took it over first */
            }
            continue;
        }
        if (clock/* systemClock */.m.now() > deadline) {
            const holder = owner.pid ? `process ${owner.pid} on ${owner.host ?? 'an unknown host'}` : 'another writer';
            throw new errors/* OutsideError */.Cp(`The deployment ledger ${path} is locked by ${holder} (for ${Math.round(age / 1000)} s); ` +
                `remove ${lock} if no shipline step is running`);
        }
        await (0,pool/* sleep */.y)(5 + Math.floor(Math.random() * 20));
    }
    try {
        (0,external_node_fs_.writeFileSync)(`${lock}/owner`, JSON.stringify({ pid: process.pid, host: (0,external_node_os_.hostname)(), at: new Date().toISOString() }));
        return work();
    }
    finally {
        (0,external_node_fs_.rmSync)(lock, { recursive: true, force: true });
    }
}
/**
 * The deployment records of runs without a GitHub token (local runs, the demo): one JSON file,
 * written atomically under a lock (parallel steps sharing a state directory lose no record), with
 * the same meaning as GitHub's deployments and statuses.
 */
class LedgerStore {
    where;
    now;
    kind = 'ledger';
    calls = 0;
    constructor(where, now = () => new Date()) {
        this.where = where;
        this.now = now;
    }
    /**
     * The ledger as stored. A ledger that cannot be read or parsed (truncated by a full disk, edited
     * by hand) is an outside failure naming the file; it is never overwritten, so no record is lost.
     */
    read() {
        if (!(0,external_node_fs_.existsSync)(this.where))
            return { version: 1, next: 1, deployments: [] };
        const fix = 'Repair it or restore it from a backup; moving it away starts an empty ledger, without the records it holds.';
        let text;
        try {
            text = (0,external_node_fs_.readFileSync)(this.where, 'utf8');
        }
        catch (err) {
            throw new errors/* OutsideError */.Cp(`The deployment ledger ${this.where} cannot be read (${(0,errors/* errnoCode */.UK)(err) ?? 'read error'}). ${fix}`, {
                cause: err,
            });
        }
        let data;
        try {
            data = JSON.parse(text);
        }
        catch (err) {
            throw new errors/* OutsideError */.Cp(`The deployment ledger ${this.where} is not valid JSON (${(0,parse_errors/* describeSyntaxProblem */.gi)((0,parse_errors/* jsonSyntaxProblem */.F1)(err, text))}). ${fix}`, { cause: err });
        }
        const file = data;
        if (!file || typeof file !== 'object' || !Array.isArray(file.deployments) || typeof file.next !== 'number') {
            throw new errors/* OutsideError */.Cp(`The deployment ledger ${this.where} is JSON but not a shipline ledger (no "next" number and "deployments" list). ${fix}`);
        }
        return file;
    }
    write(data) {
        const tmp = `${this.where}.${process.pid}.tmp`;
        try {
            (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(this.where), { recursive: true });
            (0,external_node_fs_.writeFileSync)(tmp, JSON.stringify(data, null, 2));
            (0,external_node_fs_.renameSync)(tmp, this.where);
        }
        catch (err) {
            // The ledger itself is untouched (written to a temporary file, then renamed over it).
            throw new errors/* OutsideError */.Cp(`The deployment ledger ${this.where} cannot be written ` +
                `(${(0,errors/* errnoCode */.UK)(err) ?? 'write error'}): it still holds the records before this change. ` +
                'Check the state directory (state-dir) is writable and has free space, then re-run the job.', { cause: err });
        }
    }
    create(record) {
        return withLock(this.where, () => {
            const data = this.read();
            const entry = {
                id: String(data.next++),
                environment: record.environment,
                sha: record.sha,
                ref: record.ref,
                createdAt: this.now().toISOString(),
                payload: record.payload,
                production: record.productionEnvironment ?? record.environment === 'production',
                statuses: [],
            };
            data.deployments.push(entry);
            this.write(data);
            return toRecord(entry);
        });
    }
    setStatus(id, state, update = {}) {
        return withLock(this.where, () => {
            const data = this.read();
            const entry = data.deployments.find((d) => d.id === id);
            if (!entry)
                throw new errors/* OutsideError */.Cp(`Deployment ${id} is no longer in the deployment ledger ${this.where} ` +
                    `(replaced or edited meanwhile?): its status ${state} was not recorded.`);
            const at = this.now().toISOString();
            entry.statuses.push({ state, description: update.description, environmentUrl: update.environmentUrl, logUrl: update.logUrl, at });
            // GitHub's auto_inactive: prior successful, non-production deployments of the environment.
            if (state === 'success' && update.autoInactive !== false) {
                for (const other of data.deployments) {
                    if (other.id === id || other.environment !== entry.environment || other.production)
                        continue;
                    if (Number(other.id) > Number(id))
                        continue;
                    if (other.statuses.at(-1)?.state === 'success')
                        other.statuses.push({ state: 'inactive', at });
                }
            }
            this.write(data);
        });
    }
    async *history(environment) {
        const entries = this.read().deployments.filter((d) => d.environment === environment);
        for (const entry of entries.reverse())
            yield toRecord(entry);
    }
}
function toRecord(entry) {
    const latest = entry.statuses.at(-1);
    const { statuses: _statuses, production: _production, ...rest } = entry;
    return {
        ...rest,
        state: latest?.state ?? 'pending',
        statusDescription: latest?.description,
        environmentUrl: [...entry.statuses].reverse().find((s) => s.environmentUrl)?.environmentUrl,
        stateAt: latest?.at,
    };
}

;// CONCATENATED MODULE: ./build/records/open.js




/** Where shipline keeps local state: the `state-dir` input, `SHIPLINE_STATE_DIR`, or `.shipline`. */
function stateRoot(input, runner, env = process.env) {
    const dir = input || env.SHIPLINE_STATE_DIR || '.shipline';
    return (0,external_node_path_.isAbsolute)(dir) ? dir : (0,external_node_path_.join)(runner.workspace, dir);
}
/**
 * GitHub Deployments when there is a token and a repository; otherwise the local ledger in the
 * state directory (local runs and the demo), with the same records and meaning.
 */
function openRecords(opts) {
    const { github = createGitHub, log } = opts.runtime;
    // An expression the runner did not expand (`${{ github.token }}` outside Actions) is no token.
    if (opts.token?.includes('${{')) {
        log.warning('github-token holds an unexpanded expression; keeping the records in the local ledger');
        opts.token = undefined;
    }
    if (opts.token && opts.runner.repository) {
        const octokit = github({ token: opts.token, baseUrl: opts.runner.apiUrl, warn: log.warning });
        return new GitHubStore(octokit, opts.runner.repository.owner, opts.runner.repository.repo);
    }
    return new LedgerStore((0,external_node_path_.join)(opts.stateDir, 'deployments.json'), () => new Date(opts.runtime.clock.now()));
}


/***/ })

};
