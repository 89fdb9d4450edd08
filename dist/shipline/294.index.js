export const id = 294;
export const ids = [294];
export const modules = {

/***/ 3294:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  fields: () => (/* binding */ fields),
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 15 modules
var schemas = __webpack_require__(9691);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __webpack_require__(8532);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./build/core/duration.js
const UNITS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/;
const DURATION_FORM = 'a number followed by ms, s, m or h (250ms, 10s, 5m, 1h)';
/** `250ms`, `10s`, `1.5m`, `1h` -> milliseconds; undefined when the text is not a duration. */
function parseDuration(text) {
    const match = DURATION.exec(text.trim());
    if (!match)
        return undefined;
    return Math.round(Number(match[1]) * UNITS[match[2]]);
}
/** Milliseconds -> the shortest exact form (`1500ms`, `90s`, `5m`). */
function formatDuration(ms) {
    if (ms !== 0 && ms % 3_600_000 === 0)
        return `${ms / 3_600_000}h`;
    if (ms !== 0 && ms % 60_000 === 0)
        return `${ms / 60_000}m`;
    if (ms !== 0 && ms % 1_000 === 0)
        return `${ms / 1_000}s`;
    return `${Math.round(ms)}ms`;
}

;// CONCATENATED MODULE: ./build/core/fields.js




/** Builds a field from a function of the value's text (config values are turned into text first). */
function scalar(form, parse, opts) {
    const schema = schemas/* unknown */.L5J().transform((value, ctx) => {
        const text = typeof value === 'string' ? value.trim() : String(value);
        const result = parse(text);
        if (result.ok)
            return result.value;
        ctx.issues.push({ code: 'custom', message: result.message, input: value });
        return core/* NEVER */.tm;
    });
    return { schema, form, ...opts };
}
const ok = (value) => ({ ok: true, value });
const bad = (message) => ({ ok: false, message });
const quote = (text) => JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
function string(opts = {}) {
    const form = opts.form ?? 'text';
    return scalar(form, (text) => (opts.pattern && !opts.pattern.test(text) ? bad(`${quote(text)} is not valid`) : ok(text)), opts);
}
function bool(opts = {}) {
    return scalar('true or false', (text) => (text === 'true' ? ok(true) : text === 'false' ? ok(false) : bad(`${quote(text)} is not a boolean`)), opts);
}
function duration(opts = {}) {
    return scalar(DURATION_FORM, (text) => {
        const ms = parseDuration(text);
        if (ms === undefined)
            return bad(`${quote(text)} is not a duration`);
        if (opts.min !== undefined && ms < opts.min)
            return bad(`${quote(text)} is shorter than ${opts.min}ms`);
        if (opts.max !== undefined && ms > opts.max)
            return bad(`${quote(text)} is longer than ${opts.max}ms`);
        return ok(ms);
    }, opts);
}
function number(opts = {}) {
    const kind = opts.integer ? 'a whole number' : 'a number';
    const range = opts.min !== undefined && opts.max !== undefined
        ? ` from ${opts.min} to ${opts.max}`
        : opts.min !== undefined
            ? ` of at least ${opts.min}`
            : opts.max !== undefined
                ? ` of at most ${opts.max}`
                : '';
    return scalar(`${kind}${range}`, (text) => {
        const n = Number(text);
        if (text === '' || !Number.isFinite(n))
            return bad(`${quote(text)} is not a number`);
        if (opts.integer && !Number.isInteger(n))
            return bad(`${quote(text)} is not a whole number`);
        if ((opts.min !== undefined && n < opts.min) || (opts.max !== undefined && n > opts.max))
            return bad(`${quote(text)} is out of range`);
        return ok(n);
    }, opts);
}
function fields_int(opts = {}) {
    return number({ ...opts, integer: true });
}
function oneOf(values, opts = {}) {
    return scalar(`one of ${values.join(', ')}`, (text) => (values.includes(text) ? ok(text) : bad(`${quote(text)} is not allowed`)), opts);
}
function url(opts = {}) {
    const schemes = opts.schemes ?? ['http', 'https'];
    return scalar(`an absolute ${schemes.join(' or ')} URL (${schemes[0]}://host[:port][/path])`, (text) => {
        let parsed;
        try {
            parsed = new URL(text);
        }
        catch {
            return bad(opts.secret ? 'is not a URL' : `${quote(text)} is not a URL`);
        }
        if (!schemes.includes(parsed.protocol.replace(/:$/, '')))
            return bad(`the scheme ${quote(parsed.protocol)} is not accepted`);
        return ok(text);
    }, opts);
}
/** A list written one item a line or comma-separated (or a YAML list in the config file). */
function list(opts = {}) {
    const item = opts.item ?? ((text) => ok(text));
    const schema = z.unknown().transform((value, ctx) => {
        const items = Array.isArray(value)
            ? value.map((v) => String(v).trim())
            : String(value)
                .split(/[\n,]/)
                .map((s) => s.trim())
                .filter((s) => s !== '');
        const out = [];
        items.forEach((text, index) => {
            const result = item(text);
            if (result.ok)
                out.push(result.value);
            else
                ctx.issues.push({ code: 'custom', message: result.message, input: value, path: [index] });
        });
        return out;
    });
    return { schema, ...opts, form: opts.form ?? 'a list, one item a line or separated by commas' };
}
/**
 * Structured settings (smoke checks, canary metrics): YAML or JSON text, a path to such a file, or
 * (in the config file) the YAML value itself; then checked by `inner`, whose issues keep their path.
 */
function structured(inner, opts) {
    const schema = schemas/* unknown */.L5J().transform((value, ctx) => {
        let data = value;
        if (typeof value === 'string') {
            const text = value.trim();
            const isFile = !/[\n:{}[\]]/.test(text) && (0,external_node_fs_.existsSync)(text) && (0,external_node_fs_.statSync)(text).isFile();
            const source = isFile ? (0,external_node_fs_.readFileSync)(text, 'utf8') : text;
            try {
                data = (0,dist/* parse */.qg)(source, { prettyErrors: true, uniqueKeys: true });
            }
            catch (err) {
                const first = (err instanceof Error ? err.message : String(err)).split('\n')[0];
                ctx.issues.push({
                    code: 'custom',
                    message: `${isFile ? `file ${quote(text)}` : 'the text'} is not valid YAML or JSON (${first})`,
                    input: value,
                });
                return core/* NEVER */.tm;
            }
        }
        const result = inner.safeParse(data);
        if (result.success)
            return result.data;
        for (const issue of result.error.issues)
            ctx.issues.push({ ...issue, input: value });
        return core/* NEVER */.tm;
    });
    return { schema, ...opts };
}

;// CONCATENATED MODULE: ./build/core/common-fields.js

/** Inputs every action has (SPEC §2). */
const commonFields = {
    config: string({ form: 'a path to a YAML config file', configurable: false }),
    'dry-run': bool({ default: false }),
};
/** For the actions that call GitHub. */
const githubFields = {
    'github-token': string({ form: 'a GitHub token (default: github.token)', secret: true, configurable: false }),
};
/** The name of a GitHub environment. */
const environmentField = (required) => string({
    required,
    pattern: /^[A-Za-z0-9][A-Za-z0-9._ -]{0,254}$/,
    form: 'an environment name of letters, digits, ".", "_", "-" and spaces',
});

;// CONCATENATED MODULE: ./build/core/errors.js
/**
 * A mistake of the user's (bad input, a refused policy, a failing command they wrote): reported as
 * one clear line, without a stack trace. Anything else that escapes an action is treated as a bug.
 */
class UserError extends Error {
    name = 'UserError';
}
function isUserError(err) {
    return err instanceof UserError;
}
function errorMessage(err) {
    return err instanceof Error ? err.message : String(err);
}

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 20 modules
var lib_core = __webpack_require__(3218);
;// CONCATENATED MODULE: ./build/core/redact.js

/** Replaces user:password in every URL of a text with `***` (`https://***@host/`). */
function redactUrls(text) {
    return text.replace(/([a-z][a-z0-9+.-]*:\/\/)([^/\s@'"]+)@/gi, '$1***@');
}
/** Splits credentials out of a URL so they can travel as a header, never in a printed URL. */
function splitUrlCredentials(raw) {
    const url = new URL(raw);
    if (!url.username && !url.password)
        return { url: url.toString() };
    const user = decodeURIComponent(url.username);
    const pass = decodeURIComponent(url.password);
    url.username = '';
    url.password = '';
    const authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    return { url: url.toString(), authorization };
}
/** Registers a value with the runner so it is masked in every log line, and returns it. */
function secret(value) {
    if (value)
        lib_core/* setSecret */.Pq(value);
    return value;
}
/**
 * Masks the secret part of a URL's credentials with the runner: the password (raw and decoded),
 * the base64 `user:password` pair sent as basic auth, or a lone user part used as a token.
 * A short user name beside a password is not masked: it would blank out every match in the log.
 */
function maskUrlCredentials(raw) {
    let url;
    try {
        url = new URL(raw);
    }
    catch {
        return;
    }
    const user = decodeURIComponent(url.username);
    const pass = decodeURIComponent(url.password);
    const secrets = new Set();
    if (url.password) {
        secrets.add(url.password).add(pass);
        secrets.add(Buffer.from(`${user}:${pass}`).toString('base64'));
    }
    else if (url.username) {
        secrets.add(url.username).add(user);
    }
    for (const value of secrets)
        secret(value);
}

;// CONCATENATED MODULE: ./build/core/config.js



/**
 * The shipline config file (`.github/shipline.yml`): the same settings as the inputs, so workflows
 * stay short. Layout:
 *
 *   defaults:                 # every action, every environment
 *     timeout: 10m
 *     smoke: { attempts: 5 }  # one action, every environment
 *   environments:
 *     production:
 *       driver: haproxy       # every action in production
 *       canary:               # one action in production
 *         steps: [5, 25, 50, 100]
 *
 * An input given in the workflow wins over all of these; then the most specific config entry.
 */
const DEFAULT_CONFIG_PATH = '.github/shipline.yml';
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/**
 * Loads the config: an explicit path must exist; the default path is used only when it exists.
 */
function loadConfig(explicitPath, cwd = process.cwd()) {
    const path = explicitPath || DEFAULT_CONFIG_PATH;
    const full = path.startsWith('/') ? path : `${cwd}/${path}`;
    if (!(0,external_node_fs_.existsSync)(full)) {
        if (explicitPath)
            throw new UserError(`Input "config": the file ${JSON.stringify(path)} does not exist. Accepted: a path to a YAML file.`);
        return undefined;
    }
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(full, 'utf8');
    }
    catch (err) {
        throw new UserError(`Config ${path}: cannot be read (${err.message}).`);
    }
    const doc = (0,dist/* parseDocument */.Tp)(text, { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
        throw new UserError(`Config ${path}: not valid YAML (${doc.errors[0].message.split('\n')[0]}).`);
    }
    const data = doc.toJS() ?? {};
    if (!isObject(data))
        throw new UserError(`Config ${path}: the top level must be a mapping with defaults and environments.`);
    for (const key of Object.keys(data)) {
        if (key !== 'defaults' && key !== 'environments')
            throw new UserError(`Config ${path}: unknown key ${JSON.stringify(key)} at the top level. Accepted: defaults, environments.`);
    }
    if (data.defaults !== undefined && !isObject(data.defaults))
        throw new UserError(`Config ${path}, defaults: must be a mapping of settings.`);
    if (data.environments !== undefined) {
        if (!isObject(data.environments))
            throw new UserError(`Config ${path}, environments: must be a mapping of environment names.`);
        for (const [name, env] of Object.entries(data.environments)) {
            if (!isObject(env))
                throw new UserError(`Config ${path}, environments.${name}: must be a mapping of settings.`);
        }
    }
    return { path, data };
}
/** The most specific config value for one input of one action in one environment. */
function lookupConfig(config, action, input, environment) {
    if (!config)
        return undefined;
    const candidates = [];
    const envs = config.data.environments;
    if (environment && envs?.[environment]) {
        const env = envs[environment];
        candidates.push([isObject(env[action]) ? env[action][input] : undefined, `environments.${environment}.${action}.${input}`]);
        candidates.push([env[input], `environments.${environment}.${input}`]);
    }
    const defaults = config.data.defaults;
    if (defaults) {
        candidates.push([isObject(defaults[action]) ? defaults[action][input] : undefined, `defaults.${action}.${input}`]);
        candidates.push([defaults[input], `defaults.${input}`]);
    }
    for (const [value, path] of candidates) {
        if (value !== undefined && value !== null)
            return { value, path };
    }
    return undefined;
}

;// CONCATENATED MODULE: ./build/core/inputs.js



const runnerInputs = (name) => lib_core/* getInput */.V4(name);
const camel = (name) => name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
/** `steps[2]`, `checks[0].expect.status` */
function formatPath(path) {
    let out = '';
    for (const part of path) {
        if (typeof part === 'number')
            out += `[${part}]`;
        else
            out += out === '' ? String(part) : `.${String(part)}`;
    }
    return out;
}
function describeIssue(error, where, field) {
    const issue = error.issues[0];
    const at = formatPath(issue.path);
    let location;
    if (where.configPath !== undefined) {
        const path = at === '' ? where.configPath : at.startsWith('[') ? `${where.configPath}${at}` : `${where.configPath}.${at}`;
        location = `Config ${where.file}, ${path}`;
    }
    else {
        location = at === '' ? `Input "${where.input}"` : `Input "${where.input}" at ${at}`;
    }
    return `${location}: ${issue.message}. Accepted: ${field.form}.`;
}
/**
 * Parses every input of an action into one typed settings object before anything else happens.
 * An input given in the workflow wins over the config file; the first problem fails with one
 * message naming the input (or the config path), the problem and the accepted form.
 */
function readSettings(fields, opts) {
    const source = opts.source ?? runnerInputs;
    const raw = (name) => (name in fields ? source(name).trim() : '');
    let config;
    if ('config' in fields)
        config = loadConfig(raw('config') || undefined, opts.cwd);
    const environment = opts.environmentInput ? raw(opts.environmentInput) || undefined : undefined;
    const out = {};
    for (const [name, field] of Object.entries(fields)) {
        const text = raw(name);
        let value;
        let where;
        if (text !== '') {
            value = text;
            where = { input: name };
            if (field.secret)
                lib_core/* setSecret */.Pq(text);
        }
        else {
            const fromConfig = field.configurable === false ? undefined : lookupConfig(config, opts.action, name, environment);
            if (!fromConfig) {
                if (field.required)
                    throw new UserError(`Input "${name}" is required. Accepted: ${field.form}.`);
                out[camel(name)] = field.default;
                continue;
            }
            value = fromConfig.value;
            where = { input: name, file: config.path, configPath: fromConfig.path };
        }
        const result = field.schema.safeParse(value);
        if (!result.success)
            throw new UserError(describeIssue(result.error, where, field));
        out[camel(name)] = result.data;
    }
    return out;
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
;// CONCATENATED MODULE: ./build/core/runner.js


function readRunnerContext(env = process.env) {
    const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/$/, '');
    const apiUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, '');
    const [owner, repo] = (env.GITHUB_REPOSITORY || '').split('/');
    const repository = owner && repo ? { owner, repo } : undefined;
    let payload = {};
    if (env.GITHUB_EVENT_PATH && (0,external_node_fs_.existsSync)(env.GITHUB_EVENT_PATH)) {
        try {
            payload = JSON.parse((0,external_node_fs_.readFileSync)(env.GITHUB_EVENT_PATH, 'utf8'));
        }
        catch {
            payload = {};
        }
    }
    const runId = env.GITHUB_RUN_ID || undefined;
    return {
        eventName: env.GITHUB_EVENT_NAME || 'local',
        ref: env.GITHUB_REF || '',
        sha: env.GITHUB_SHA || '',
        repository,
        serverUrl,
        apiUrl,
        runId,
        runUrl: repository && runId ? `${serverUrl}/${owner}/${repo}/actions/runs/${runId}` : undefined,
        workspace: env.GITHUB_WORKSPACE || process.cwd(),
        temp: env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(),
        actor: env.GITHUB_ACTOR || undefined,
        payload,
    };
}

;// CONCATENATED MODULE: ./build/core/summary.js

/** Markup the summary trusts as written (built by shipline itself, never from outside text). */
class Raw {
    markdown;
    constructor(markdown) {
        this.markdown = markdown;
    }
}
const raw = (markdown) => new Raw(markdown);
/**
 * Escapes text from outside (HTTP bodies, metric labels, user names) so it shows as text in a
 * GitHub-flavoured Markdown summary: no HTML, no links, no table breaks, no formatting.
 */
function escapeText(text) {
    return text
        .replace(/([\\`*_[\]#!~])/g, '\\$1')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/\|/g, '&#124;')
        .replace(/\r?\n/g, ' ');
}
function cell(value) {
    if (value instanceof Raw)
        return value.markdown;
    if (value === undefined || value === null || value === '')
        return '';
    return escapeText(String(value));
}
/** The job summary of one step: verdict first, evidence in tables, long detail folded. */
class Summary {
    parts = [];
    /** Whether a verdict line has been written. */
    hasVerdict = false;
    heading(text, level = 2) {
        this.parts.push(`${'#'.repeat(level)} ${escapeText(text)}`);
        return this;
    }
    /** The one line a reader needs: what happened. */
    verdict(status, text) {
        this.hasVerdict = true;
        const mark = status === 'pass' ? '✅' : status === 'fail' ? '❌' : 'ℹ️';
        this.parts.push(`**${mark} ${escapeText(text)}**`);
        return this;
    }
    text(text) {
        this.parts.push(escapeText(text));
        return this;
    }
    raw(markdown) {
        this.parts.push(markdown);
        return this;
    }
    list(items) {
        if (items.length > 0)
            this.parts.push(items.map((i) => `- ${cell(i)}`).join('\n'));
        return this;
    }
    table(headers, rows) {
        if (rows.length === 0)
            return this;
        const head = `| ${headers.map(escapeText).join(' | ')} |`;
        const rule = `|${headers.map(() => ' --- ').join('|')}|`;
        const body = rows.map((row) => `| ${row.map(cell).join(' | ')} |`);
        this.parts.push([head, rule, ...body].join('\n'));
        return this;
    }
    /** Key-value facts as a two-column table. */
    facts(entries) {
        return this.table(['', ''], entries.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, v]));
    }
    code(text, lang = '') {
        const fence = text.includes('```') ? '````' : '```';
        this.parts.push(`${fence}${lang}\n${text}\n${fence}`);
        return this;
    }
    details(title, body) {
        const inner = typeof body === 'string' ? escapeText(body) : body.toString();
        this.parts.push(`<details><summary>${escapeText(title)}</summary>\n\n${inner}\n\n</details>`);
        return this;
    }
    get isEmpty() {
        return this.parts.length === 0;
    }
    toString() {
        return this.parts.join('\n\n') + '\n';
    }
    /** Appends to `$GITHUB_STEP_SUMMARY`; returns false when there is no such file (local runs). */
    write(path = process.env.GITHUB_STEP_SUMMARY) {
        if (!path || this.isEmpty)
            return false;
        (0,external_node_fs_.appendFileSync)(path, this.toString() + '\n');
        return true;
    }
}

;// CONCATENATED MODULE: ./build/core/run.js






const runnerLog = {
    info: (m) => lib_core/* info */.pq(redactUrls(m)),
    warning: (m) => lib_core/* warning */.$e(redactUrls(m)),
    debug: (m) => lib_core/* debug */.Yz(redactUrls(m)),
    group: (title, fn) => lib_core/* group */.Os(redactUrls(title), fn),
};
/** How long cleanup may take after the runner's cancel signal (it kills the job after 7.5 s). */
const CLEANUP_BUDGET_MS = 6_000;
/**
 * The one error path of every action: inputs are parsed before anything else; a user's mistake is
 * one clear `::error::` line, a bug also gets its stack in the log; outputs set by the body stay
 * set; the summary is written in every case; cancellation runs the registered cleanups first.
 * Resolves to the exit code (also set on `process.exitCode`).
 */
async function runAction(def, body, opts = {}) {
    const summary = new Summary();
    const controller = new AbortController();
    const cleanups = new Set();
    let cleaned = false;
    const runCleanups = async (why) => {
        if (cleaned)
            return;
        cleaned = true;
        for (const cleanup of [...cleanups].reverse()) {
            try {
                await withTimeout(cleanup(), CLEANUP_BUDGET_MS);
            }
            catch (err) {
                lib_core/* error */.z3(`Cleanup after ${why} failed: ${redactUrls(errorMessage(err))}`);
            }
        }
    };
    const onSignal = (signal) => {
        controller.abort(new Error(`cancelled by ${signal}`));
        void (async () => {
            lib_core/* error */.z3(`${def.title} was cancelled (${signal}); restoring a safe state before exiting.`);
            await runCleanups(`cancellation (${signal})`);
            summary.verdict('fail', `Cancelled by the runner (${signal}); safe state restored.`);
            writeSummary(summary);
            process.exit(1);
        })();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    let code = 0;
    try {
        const settings = readSettings(def.fields, {
            action: def.name,
            source: opts.source,
            environmentInput: def.environmentInput,
        });
        const ctx = {
            settings,
            summary,
            runner: readRunnerContext(opts.env),
            log: runnerLog,
            setOutput: (name, value) => lib_core/* setOutput */.uH(name, String(value)),
            signal: controller.signal,
            onAbort: (cleanup) => {
                cleanups.add(cleanup);
                return () => cleanups.delete(cleanup);
            },
        };
        await body(ctx);
    }
    catch (err) {
        code = 1;
        if (isUserError(err)) {
            lib_core/* setFailed */.C1(redactUrls(err.message));
        }
        else {
            await runCleanups('an unexpected error');
            const message = redactUrls(errorMessage(err));
            lib_core/* setFailed */.C1(`${def.title} failed unexpectedly: ${message}`);
            if (err instanceof Error && err.stack)
                lib_core/* info */.pq(redactUrls(err.stack));
        }
        if (!summary.hasVerdict)
            summary.verdict('fail', redactUrls(errorMessage(err)));
    }
    finally {
        process.removeListener('SIGINT', onSignal);
        process.removeListener('SIGTERM', onSignal);
        writeSummary(summary);
    }
    if (code !== 0)
        process.exitCode = code;
    return code;
}
function writeSummary(summary) {
    try {
        if (!summary.write()) {
            if (process.env.SHIPLINE_PRINT_SUMMARY !== 'false' && !summary.isEmpty)
                process.stdout.write(`\n${summary.toString()}`);
        }
    }
    catch (err) {
        lib_core/* warning */.$e(`Could not write the job summary: ${errorMessage(err)}`);
    }
}
async function withTimeout(promise, ms) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`did not finish within ${ms}ms`)), ms);
    });
    try {
        return await Promise.race([promise, timeout]);
    }
    finally {
        if (timer)
            clearTimeout(timer);
    }
}

;// CONCATENATED MODULE: ./build/smoke/checks.js


const statusItem = schemas/* union */.KCZ([
    schemas/* number */.aig().int().min(100).max(599),
    schemas/* string */.YjP()
        .trim()
        .regex(/^([1-5]xx|[1-5]\d\d)$/i, 'must be a status code like 200 or a class like 2xx')
        .transform((s) => (/^\d+$/.test(s) ? Number(s) : s.toLowerCase())),
]);
const statusSchema = schemas/* preprocess */.vkY((v) => (typeof v === 'string' && v.includes(',') ? v.split(',').map((p) => p.trim()) : v), schemas/* union */.KCZ([statusItem.transform((s) => [s]), schemas/* array */.YOg(statusItem).min(1)], {
    error: 'must be a status code like 200, a class like 2xx, or a list of them',
}))
    .transform((v) => v);
const durationSchema = schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()])
    .transform((v, ctx) => {
    const ms = typeof v === 'number' ? v : parseDuration(v);
    if (ms === undefined || ms <= 0) {
        ctx.issues.push({ code: 'custom', message: `must be a duration: ${DURATION_FORM}`, input: v });
        return core/* NEVER */.tm;
    }
    return ms;
});
const stringList = schemas/* union */.KCZ([schemas/* string */.YjP().transform((s) => [s]), schemas/* array */.YOg(schemas/* string */.YjP()).min(1)]);
const expectSchema = schemas/* object */.Ikc({
    status: statusSchema.optional(),
    'body-contains': stringList.optional(),
    json: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional(),
    headers: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()]).transform(String)).optional(),
    'max-latency': durationSchema.optional(),
})
    .strict();
const httpUrl = schemas/* string */.YjP()
    .url('must be an absolute URL')
    .refine((u) => /^https?:$/.test(new URL(u).protocol), 'must be an http or https URL');
const checkSchema = schemas/* object */.Ikc({
    name: schemas/* string */.YjP().min(1).optional(),
    path: schemas/* string */.YjP().startsWith('/', 'must start with /').optional(),
    url: httpUrl.optional(),
    method: schemas/* string */.YjP()
        .regex(/^[A-Za-z]+$/, 'must be an HTTP method like GET')
        .transform((m) => m.toUpperCase())
        .default('GET'),
    headers: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* number */.aig()]).transform(String)).default({}),
    body: schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()), schemas/* array */.YOg(schemas/* unknown */.L5J())]).optional(),
    expect: expectSchema.default({}),
})
    .strict()
    .refine((c) => (c.path === undefined) !== (c.url === undefined), {
    message: 'a check needs exactly one of path or url',
});
/** `checks:` is a list of checks, or a mapping with a `checks:` list (a whole file of them). */
const checksSchema = schemas/* preprocess */.vkY((v) => (v !== null && typeof v === 'object' && !Array.isArray(v) && 'checks' in v ? v.checks : v), schemas/* array */.YOg(checkSchema, { error: 'must be a list of checks (or a mapping with a checks list)' }).min(1, 'needs at least one check'))
    .transform((checks) => checks.map((c, i) => ({ ...c, name: c.name ?? (`${c.method} ${c.path ?? c.url ?? ''}`.trim() || `check ${i + 1}`) })));
const CHECKS_FORM = 'YAML or JSON (text or a file path): a list of checks, each with name, path or url, method, headers, body and expect (status, body-contains, json, headers, max-latency)';
/** The check used when none are given: the base URL answers 2xx. */
const DEFAULT_CHECKS = [{ name: 'GET /', path: '/', method: 'GET', headers: {}, expect: {} }];

;// CONCATENATED MODULE: ./build/smoke/report.js
const xml = (text) => text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
const seconds = (ms) => ((ms ?? 0) / 1000).toFixed(3);
/** A JUnit XML report that test-report actions and CI systems read. */
function junitReport(results, suite = 'shipline smoke') {
    const failures = results.filter((r) => r.verdict === 'fail').length;
    const total = results.reduce((sum, r) => sum + r.durationMs, 0);
    const cases = results.map((r) => {
        const open = `    <testcase classname="${xml(suite)}" name="${xml(r.name)}" time="${seconds(r.durationMs)}">`;
        const props = `      <system-out>${xml(`${r.method} ${r.url} -> ${r.status ?? 'no response'} in ${Math.round(r.latencyMs ?? 0)}ms after ${r.attempts} attempt(s)`)}</system-out>`;
        const failure = r.verdict === 'fail' ? `\n      <failure message="${xml(r.reason ?? 'failed')}" type="SmokeCheckFailed">${xml(r.reason ?? '')}</failure>` : '';
        return `${open}${failure}\n${props}\n    </testcase>`;
    });
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="${xml(suite)}" tests="${results.length}" failures="${failures}" time="${seconds(total)}">`,
        `  <testsuite name="${xml(suite)}" tests="${results.length}" failures="${failures}" errors="0" skipped="0" time="${seconds(total)}">`,
        ...cases,
        '  </testsuite>',
        '</testsuites>',
        '',
    ].join('\n');
}

;// CONCATENATED MODULE: ./build/smoke/request.js
/** Where a check goes: its own `url`, or `path` joined to the base URL (keeping the base's path). */
function checkUrl(check, base) {
    if (check.url)
        return check.url;
    if (!base)
        throw new Error(`check "${check.name}" has a path but there is no base url`);
    const u = new URL(base);
    const basePath = u.pathname.replace(/\/$/, '');
    const [path, query] = check.path.split('?', 2);
    u.pathname = `${basePath}${path}`;
    if (query !== undefined)
        u.search = `?${query}`;
    return u.toString();
}
/** Sends one request of a check and times it to the last byte of the body. */
async function sendCheck(check, target, opts) {
    const headers = { 'user-agent': 'shipline-smoke', ...check.headers };
    if (target.authorization && !Object.keys(headers).some((h) => h.toLowerCase() === 'authorization'))
        headers.authorization = target.authorization;
    let body;
    if (check.body !== undefined) {
        body = typeof check.body === 'string' ? check.body : JSON.stringify(check.body);
        if (typeof check.body !== 'string' && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
            headers['content-type'] = 'application/json';
    }
    const signals = [AbortSignal.timeout(opts.timeoutMs)];
    if (opts.signal)
        signals.push(opts.signal);
    const started = performance.now();
    try {
        const res = await fetch(target.url, {
            method: check.method,
            headers,
            body,
            redirect: opts.followRedirects ? 'follow' : 'manual',
            signal: AbortSignal.any(signals),
        });
        const text = await res.text();
        const latencyMs = performance.now() - started;
        const responseHeaders = {};
        res.headers.forEach((value, name) => {
            responseHeaders[name] = value;
        });
        return { status: res.status, headers: responseHeaders, body: text, latencyMs };
    }
    catch (err) {
        const e = err;
        if (e.name === 'TimeoutError')
            throw new Error(`no answer within ${opts.timeoutMs}ms`);
        const cause = e.cause?.code ?? e.cause?.message;
        throw new Error(cause ? `request failed: ${cause}` : `request failed: ${e.message}`);
    }
}

;// CONCATENATED MODULE: ./build/core/pool.js
/** Maps items with at most `limit` in flight, keeping the input order in the result. */
async function mapPool(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await fn(items[index], index);
        }
    };
    await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
    return results;
}
const sleep = (ms, signal) => new Promise((resolve, reject) => {
    if (signal?.aborted)
        return reject(signal.reason);
    const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
    }, ms);
    const onAbort = () => {
        clearTimeout(timer);
        reject(signal.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
});

// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./build/smoke/evaluate.js

function statusMatches(status, accepted) {
    const list = accepted ?? ['2xx'];
    return list.some((m) => (typeof m === 'number' ? m === status : Math.floor(status / 100) === Number(m[0])));
}
/** Reads `a.b[0].c` or `a.b.0.c` out of a parsed JSON value. */
function readJsonPath(data, path) {
    const parts = path
        .replace(/\[(\d+)\]/g, '.$1')
        .split('.')
        .filter((p) => p !== '');
    let current = data;
    for (const part of parts) {
        if (current === null || typeof current !== 'object' || !(part in current))
            return { found: false };
        current = current[part];
    }
    return { found: true, value: current };
}
const evaluate_short = (v) => {
    const text = JSON.stringify(v) ?? String(v);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};
/** Judges one response against a check's expectations. Pure. */
function evaluate(check, got) {
    const reasons = [];
    const expect = check.expect;
    if (!statusMatches(got.status, expect.status)) {
        reasons.push(`status ${got.status}, expected ${(expect.status ?? ['2xx']).join(' or ')}`);
    }
    for (const needle of expect['body-contains'] ?? []) {
        if (!got.body.includes(needle))
            reasons.push(`body does not contain ${evaluate_short(needle)}`);
    }
    if (expect.json) {
        let data;
        let parsed = true;
        try {
            data = JSON.parse(got.body);
        }
        catch {
            parsed = false;
            reasons.push('body is not JSON');
        }
        if (parsed) {
            for (const [path, wanted] of Object.entries(expect.json)) {
                const { found, value } = readJsonPath(data, path);
                if (!found)
                    reasons.push(`json ${path} is missing`);
                else if (!(0,external_node_util_.isDeepStrictEqual)(value, wanted))
                    reasons.push(`json ${path} is ${evaluate_short(value)}, expected ${evaluate_short(wanted)}`);
            }
        }
    }
    for (const [name, wanted] of Object.entries(expect.headers ?? {})) {
        const actual = got.headers[name.toLowerCase()];
        if (actual === undefined)
            reasons.push(`header ${name} is missing`);
        else if (!headerMatches(actual, wanted))
            reasons.push(`header ${name} is ${evaluate_short(actual)}, expected ${evaluate_short(wanted)}`);
    }
    const maxLatency = expect['max-latency'];
    if (maxLatency !== undefined && got.latencyMs > maxLatency) {
        reasons.push(`latency ${Math.round(got.latencyMs)}ms over ${maxLatency}ms`);
    }
    return { ok: reasons.length === 0, reasons };
}
/** A header expectation is the exact value, or `/regex/` to match against. */
function headerMatches(actual, wanted) {
    const regex = /^\/(.+)\/([i]?)$/.exec(wanted);
    if (regex)
        return new RegExp(regex[1], regex[2]).test(actual);
    return actual.trim() === wanted.trim();
}

;// CONCATENATED MODULE: ./build/smoke/runner.js




/** The pause before attempt n+1: retry-delay, doubled each time, at most 30 s. */
function backoff(retryDelayMs, attempt) {
    return Math.min(retryDelayMs * 2 ** (attempt - 1), 30_000);
}
/**
 * Runs one check until it passes or its attempts are spent. Any failure is retried, a 404 like a
 * 503: a service that was just deployed may still be starting.
 */
async function runCheck(check, opts) {
    const url = checkUrl(check, opts.baseUrl);
    const target = { url, authorization: check.url ? undefined : opts.authorization };
    const send = opts.send ?? ((c, t) => sendCheck(c, t, { timeoutMs: opts.timeoutMs, followRedirects: opts.followRedirects, signal: opts.signal }));
    const pause = opts.pause ?? ((ms) => sleep(ms, opts.signal));
    const started = performance.now();
    let last = { reason: 'not run' };
    for (let attempt = 1; attempt <= opts.attempts; attempt++) {
        try {
            const got = await send(check, target);
            const verdict = evaluate(check, got);
            if (verdict.ok) {
                return { name: check.name, method: check.method, url: redactUrls(url), verdict: 'pass', status: got.status, latencyMs: got.latencyMs, attempts: attempt, durationMs: performance.now() - started };
            }
            last = { status: got.status, latencyMs: got.latencyMs, reason: verdict.reasons.join('; ') };
        }
        catch (err) {
            if (opts.signal?.aborted)
                throw err;
            last = { reason: err.message };
        }
        opts.onAttempt?.(check, attempt, [last.reason]);
        if (attempt < opts.attempts)
            await pause(backoff(opts.retryDelayMs, attempt));
    }
    return { name: check.name, method: check.method, url: redactUrls(url), verdict: 'fail', status: last.status, latencyMs: last.latencyMs, attempts: opts.attempts, reason: last.reason, durationMs: performance.now() - started };
}
async function runChecks(checks, opts) {
    return mapPool(checks, opts.concurrency, (check) => runCheck(check, opts));
}

;// CONCATENATED MODULE: ./build/smoke/action.js












const fields = {
    url: url({ secret: false }),
    checks: structured(checksSchema, { form: CHECKS_FORM }),
    attempts: fields_int({ min: 1, max: 100, default: 3 }),
    'retry-delay': duration({ min: 0, max: 600_000, default: 2_000 }),
    timeout: duration({ min: 1, max: 600_000, default: 10_000 }),
    concurrency: fields_int({ min: 1, max: 100, default: 4 }),
    'follow-redirects': bool({ default: true }),
    report: string({ form: 'a file path for the JUnit XML report' }),
    environment: environmentField(false),
    ...commonFields,
};
function run(opts) {
    return runAction({ name: 'smoke', title: 'shipline smoke', fields, environmentInput: 'environment' }, async (ctx) => {
        const s = ctx.settings;
        const checks = s.checks ?? DEFAULT_CHECKS;
        let baseUrl;
        let authorization;
        if (s.url) {
            maskUrlCredentials(s.url);
            ({ url: baseUrl, authorization } = splitUrlCredentials(s.url));
        }
        const withoutUrl = checks.find((c) => c.path !== undefined);
        if (withoutUrl && !baseUrl)
            throw new UserError(`Input "url" is required: check "${withoutUrl.name}" has a path. Accepted: an absolute http or https URL (http://host[:port][/path]).`);
        const reportPath = s.report || (0,external_node_path_.join)(ctx.runner.temp, `shipline-smoke-${process.pid}.xml`);
        const jsonPath = reportPath.replace(/\.xml$/i, '') + '.json';
        ctx.summary.heading(`Smoke${s.environment ? ` — ${s.environment}` : ''}`);
        if (s.dryRun) {
            ctx.summary.verdict('info', `Dry run: ${checks.length} check(s) planned, no request sent.`);
            ctx.summary.table(['check', 'request', 'expect'], checks.map((c) => [c.name, `${c.method} ${redactUrls(checkUrl(c, baseUrl))}`, JSON.stringify(c.expect)]));
            for (const c of checks)
                ctx.log.info(`would check ${c.name}: ${c.method} ${redactUrls(checkUrl(c, baseUrl))}`);
            ctx.setOutput('result', 'pass');
            ctx.setOutput('passed', 0);
            ctx.setOutput('failed', 0);
            return;
        }
        const results = await ctx.log.group(`Running ${checks.length} smoke check(s)`, () => runChecks(checks, {
            baseUrl,
            authorization,
            attempts: s.attempts,
            retryDelayMs: s.retryDelay,
            timeoutMs: s.timeout,
            concurrency: s.concurrency,
            followRedirects: s.followRedirects,
            signal: ctx.signal,
            onAttempt: (check, attempt, reasons) => ctx.log.info(`${check.name}: attempt ${attempt}/${s.attempts} failed: ${reasons.join('; ')}`),
        }));
        const passed = results.filter((r) => r.verdict === 'pass').length;
        const failed = results.length - passed;
        (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(reportPath), { recursive: true });
        (0,external_node_fs_.writeFileSync)(reportPath, junitReport(results));
        (0,external_node_fs_.writeFileSync)(jsonPath, JSON.stringify({ result: failed === 0 ? 'pass' : 'fail', passed, failed, checks: results }, null, 2));
        ctx.setOutput('result', failed === 0 ? 'pass' : 'fail');
        ctx.setOutput('passed', passed);
        ctx.setOutput('failed', failed);
        ctx.setOutput('report', reportPath);
        ctx.summary.verdict(failed === 0 ? 'pass' : 'fail', failed === 0 ? `All ${passed} smoke check(s) passed` : `${failed} of ${results.length} smoke check(s) failed`);
        ctx.summary.table(['check', 'verdict', 'status', 'latency', 'attempts', 'reason'], results.map(row));
        ctx.summary.text(`JUnit report: ${reportPath}; JSON: ${jsonPath}`);
        for (const r of results)
            ctx.log.info(`${r.verdict === 'pass' ? 'PASS' : 'FAIL'} ${r.name} (${r.method} ${r.url})${r.reason ? `: ${r.reason}` : ''}`);
        if (failed > 0) {
            const names = results.filter((r) => r.verdict === 'fail').map((r) => `${r.name} (${r.reason})`);
            throw new UserError(`Smoke checks failed: ${names.join('; ')}`);
        }
    }, opts);
}
function row(r) {
    return [
        r.name,
        raw(r.verdict === 'pass' ? '✅ pass' : '❌ fail'),
        r.status ?? '—',
        r.latencyMs === undefined ? '—' : `${Math.round(r.latencyMs)} ms`,
        r.attempts,
        r.reason ?? '',
    ];
}


/***/ })

};
