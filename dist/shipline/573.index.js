export const id = 573;
export const ids = [573];
export const modules = {

/***/ 5585:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   YK: () => (/* binding */ MAX_BODY_BYTES),
/* harmony export */   _3: () => (/* binding */ evaluate)
/* harmony export */ });
/* unused harmony exports statusMatches, readJsonPath */
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7975);

/**
 * The most of a response body a check reads: plenty for `body-contains` and `json` on a health or
 * API answer. Past it, the rest of the body is not read (the connection is closed).
 */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const MAX_BODY_TEXT = '4 MiB';
function statusMatches(status, accepted) {
    const list = accepted ?? ['2xx'];
    return list.some((m) => (typeof m === 'number' ? m === status : Math.floor(status / 100) === Number(m[0])));
}
/**
 * Reads `a.b[0].c` or `a.b.0.c` out of a parsed JSON value. Only the value's own properties count:
 * `__proto__`, `constructor` or `toString` are found only when the body has such a key.
 */
function readJsonPath(data, path) {
    const parts = path
        .replace(/\[(\d+)\]/g, '.$1')
        .split('.')
        .filter((p) => p !== '');
    let current = data;
    for (const part of parts) {
        if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part))
            return { found: false };
        current = current[part];
    }
    return { found: true, value: current };
}
const short = (v) => {
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
            reasons.push(`body does not contain ${short(needle)}${got.truncated ? ` in its first ${MAX_BODY_TEXT} (the rest is not read)` : ''}`);
    }
    if (expect.json && got.truncated) {
        reasons.push(`body is larger than ${MAX_BODY_TEXT}, the most smoke reads: not judged as JSON`);
    }
    else if (expect.json) {
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
                else if (!(0,node_util__WEBPACK_IMPORTED_MODULE_0__.isDeepStrictEqual)(value, wanted))
                    reasons.push(`json ${path} is ${short(value)}, expected ${short(wanted)}`);
            }
        }
    }
    for (const [name, wanted] of Object.entries(expect.headers ?? {})) {
        const actual = got.headers[name.toLowerCase()];
        if (actual === undefined)
            reasons.push(`header ${name} is missing`);
        else if (!headerMatches(actual, wanted))
            reasons.push(`header ${name} is ${short(actual)}, expected ${short(wanted)}`);
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


/***/ }),

/***/ 8201:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ checkUrl),
/* harmony export */   x: () => (/* binding */ sendCheck)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4708);
/* harmony import */ var _evaluate_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5585);



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
    const signal = AbortSignal.any(signals);
    const started = performance.now();
    try {
        let url = new URL(target.url);
        let method = check.method;
        for (let hop = 0;; hop++) {
            const res = await send(url, method, headers, body, signal);
            const location = res.headers.location;
            if (!opts.followRedirects || !REDIRECTS.has(res.status) || !location) {
                return {
                    status: res.status,
                    headers: res.headers,
                    body: res.body,
                    ...(res.truncated ? { truncated: true } : {}),
                    latencyMs: performance.now() - started,
                };
            }
            if (hop >= MAX_REDIRECTS)
                throw new Error(`more than ${MAX_REDIRECTS} redirects`);
            const next = new URL(location, url);
            if (next.protocol !== 'http:' && next.protocol !== 'https:')
                throw new Error(`redirect to ${next.protocol} is not followed`);
            // As browsers and fetch do: 303 (and 301/302 after a POST) become a GET without a body.
            // To another origin only harmless headers follow: a check's own headers (x-api-key, a
            // cookie, a token) and the credentials are meant for the host they were written for.
            if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
                method = 'GET';
                body = undefined;
                for (const h of Object.keys(headers))
                    if (h.toLowerCase() === 'content-type')
                        delete headers[h];
            }
            if (next.origin !== url.origin)
                for (const h of Object.keys(headers))
                    if (!CROSS_ORIGIN_SAFE.has(h.toLowerCase()))
                        delete headers[h];
            url = next;
        }
    }
    catch (err) {
        const e = err;
        if (signal.aborted && opts.signal?.aborted !== true)
            throw new Error(`no answer within ${opts.timeoutMs}ms`);
        throw new Error(`request failed: ${e.code ?? e.message}`);
    }
}
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** The headers that follow a redirect to another origin (the CORS-safelisted ones and User-Agent). */
const CROSS_ORIGIN_SAFE = new Set(['accept', 'accept-language', 'content-language', 'content-type', 'user-agent']);
const MAX_REDIRECTS = 10;
/**
 * One HTTP exchange with node:http(s), read to the last byte or to `MAX_BODY_BYTES`, whichever
 * comes first: past the cap the response is destroyed, so a huge body is never held in memory.
 * (Node's fetch loads its HTTP client on first use, which cost the smoke action more than its own start.)
 */
function send(url, method, headers, body, signal) {
    return new Promise((resolve, reject) => {
        const request = (url.protocol === 'https:' ? node_https__WEBPACK_IMPORTED_MODULE_1__.request : node_http__WEBPACK_IMPORTED_MODULE_0__.request)(url, { method, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) }, signal }, (res) => {
            const chunks = [];
            let size = 0;
            let done = false;
            const finish = (truncated) => {
                if (done)
                    return;
                done = true;
                const out = {};
                for (const [name, value] of Object.entries(res.headers)) {
                    if (value !== undefined)
                        out[name] = Array.isArray(value) ? value.join(', ') : value;
                }
                const bytes = Buffer.concat(chunks);
                resolve({ status: res.statusCode ?? 0, headers: out, body: bytes.subarray(0, _evaluate_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_BODY_BYTES */ .YK).toString('utf8'), truncated });
            };
            res.on('data', (c) => {
                if (done)
                    return;
                chunks.push(c);
                size += c.length;
                if (size > _evaluate_js__WEBPACK_IMPORTED_MODULE_2__/* .MAX_BODY_BYTES */ .YK) {
                    // Enough read: stop here and close the connection rather than take in the rest.
                    finish(true);
                    res.destroy();
                }
            });
            res.on('error', (err) => {
                if (!done)
                    reject(err);
            });
            res.on('end', () => finish(false));
        });
        request.on('error', reject);
        request.end(body);
    });
}


/***/ }),

/***/ 5236:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JT: () => (/* binding */ runChecks)
/* harmony export */ });
/* unused harmony exports backoff, runCheck */
/* harmony import */ var _core_pool_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3506);
/* harmony import */ var _core_redact_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(193);
/* harmony import */ var _evaluate_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5585);
/* harmony import */ var _request_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8201);




/** The pause before attempt n+1: retry-delay, doubled each time, at most 30 s. */
function backoff(retryDelayMs, attempt) {
    return Math.min(retryDelayMs * 2 ** (attempt - 1), 30_000);
}
/**
 * Runs one check until it passes or its attempts are spent. Any failure is retried, a 404 like a
 * 503: a service that was just deployed may still be starting.
 */
async function runCheck(check, opts) {
    const url = (0,_request_js__WEBPACK_IMPORTED_MODULE_2__/* .checkUrl */ .C)(check, opts.baseUrl);
    const target = { url, authorization: check.url ? undefined : opts.authorization };
    const send = opts.send ?? ((c, t) => (0,_request_js__WEBPACK_IMPORTED_MODULE_2__/* .sendCheck */ .x)(c, t, { timeoutMs: opts.timeoutMs, followRedirects: opts.followRedirects, signal: opts.signal }));
    const pause = opts.pause ?? ((ms) => (0,_core_pool_js__WEBPACK_IMPORTED_MODULE_3__/* .sleep */ .y)(ms, opts.signal));
    const started = performance.now();
    let last = { reason: 'not run' };
    for (let attempt = 1; attempt <= opts.attempts; attempt++) {
        try {
            const got = await send(check, target);
            const verdict = (0,_evaluate_js__WEBPACK_IMPORTED_MODULE_1__/* .evaluate */ ._3)(check, got);
            if (verdict.ok) {
                return {
                    name: check.name,
                    method: check.method,
                    url: (0,_core_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .redactUrls */ .sK)(url),
                    verdict: 'pass',
                    status: got.status,
                    latencyMs: got.latencyMs,
                    attempts: attempt,
                    durationMs: performance.now() - started,
                };
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
    return {
        name: check.name,
        method: check.method,
        url: (0,_core_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .redactUrls */ .sK)(url),
        verdict: 'fail',
        status: last.status,
        latencyMs: last.latencyMs,
        attempts: opts.attempts,
        reason: last.reason,
        durationMs: performance.now() - started,
    };
}
async function runChecks(checks, opts) {
    return (0,_core_pool_js__WEBPACK_IMPORTED_MODULE_3__/* .mapPool */ .P)(checks, opts.concurrency, (check) => runCheck(check, opts));
}


/***/ }),

/***/ 8997:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   UK: () => (/* binding */ DEFAULT_CHECKS),
/* harmony export */   dJ: () => (/* binding */ checksSchema),
/* harmony export */   tX: () => (/* binding */ CHECKS_FORM)
/* harmony export */ });
/* unused harmony exports expectSchema, checkSchema */
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8532);
/* harmony import */ var _core_duration_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1420);


const statusItem = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([
    zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig().int().min(100).max(599),
    zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
        .trim()
        .regex(/^([1-5]xx|[1-5]\d\d)$/i, 'must be a status code like 200 or a class like 2xx')
        .transform((s) => (/^\d+$/.test(s) ? Number(s) : s.toLowerCase())),
]);
const statusSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .preprocess */ .vkY((v) => (typeof v === 'string' && v.includes(',') ? v.split(',').map((p) => p.trim()) : v), zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([statusItem.transform((s) => [s]), zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(statusItem).min(1)], {
    error: 'must be a status code like 200, a class like 2xx, or a list of them',
}))
    .transform((v) => v);
const durationSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig()]).transform((v, ctx) => {
    const ms = typeof v === 'number' ? v : (0,_core_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .parseDuration */ .E9)(v);
    if (ms === undefined || ms <= 0) {
        ctx.issues.push({ code: 'custom', message: `must be a duration: ${_core_duration_js__WEBPACK_IMPORTED_MODULE_0__/* .DURATION_FORM */ .ec}`, input: v });
        return zod__WEBPACK_IMPORTED_MODULE_2__/* .NEVER */ .tm;
    }
    return ms;
});
/**
 * A mapping whose keys are kept as the user wrote them, `__proto__` and `constructor` included (as
 * own properties: z.record would turn `__proto__` into the object's prototype and drop the key).
 */
function ownRecord(value) {
    return zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J().transform((input, ctx) => {
        if (input === null || typeof input !== 'object' || Array.isArray(input)) {
            ctx.issues.push({ code: 'custom', message: 'must be a mapping', input });
            return zod__WEBPACK_IMPORTED_MODULE_2__/* .NEVER */ .tm;
        }
        const out = {};
        for (const [key, item] of Object.entries(input)) {
            const result = value.safeParse(item);
            if (!result.success) {
                for (const issue of result.error.issues)
                    ctx.issues.push({ ...issue, path: [key, ...issue.path] });
                continue;
            }
            Object.defineProperty(out, key, { value: result.data, enumerable: true, writable: true, configurable: true });
        }
        return out;
    });
}
const stringList = zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().transform((s) => [s]), zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()).min(1)]);
const expectSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    status: statusSchema.optional(),
    'body-contains': stringList.optional(),
    json: ownRecord(zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J()).optional(),
    headers: ownRecord(zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig()]).transform(String)).optional(),
    'max-latency': durationSchema.optional(),
})
    .strict();
const httpUrl = zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
    .url('must be an absolute URL')
    .refine((u) => /^https?:$/.test(new URL(u).protocol), 'must be an http or https URL');
const checkSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .object */ .Ikc({
    name: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
        .min(1)
        .regex(/^[^\u0000-\u001f\u007f\u0085\u2028\u2029]*$/, 'must be one line of text')
        .optional(),
    path: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP().startsWith('/', 'must start with /').optional(),
    url: httpUrl.optional(),
    method: zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP()
        .regex(/^[A-Za-z]+$/, 'must be an HTTP method like GET')
        .transform((m) => m.toUpperCase())
        .default('GET'),
    headers: zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .number */ .aig()]).transform(String)).default({}),
    body: zod__WEBPACK_IMPORTED_MODULE_1__/* .union */ .KCZ([zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .record */ .g1P(zod__WEBPACK_IMPORTED_MODULE_1__/* .string */ .YjP(), zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J()), zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_1__/* .unknown */ .L5J())]).optional(),
    expect: expectSchema.default({}),
})
    .strict()
    .refine((c) => (c.path === undefined) !== (c.url === undefined), {
    message: 'a check needs exactly one of path or url',
});
/** `checks:` is a list of checks, or a mapping with a `checks:` list (a whole file of them). */
const checksSchema = zod__WEBPACK_IMPORTED_MODULE_1__/* .preprocess */ .vkY((v) => (v !== null && typeof v === 'object' && !Array.isArray(v) && 'checks' in v ? v.checks : v), zod__WEBPACK_IMPORTED_MODULE_1__/* .array */ .YOg(checkSchema, { error: 'must be a list of checks (or a mapping with a checks list)' }).min(1, 'needs at least one check'))
    .transform((checks) => checks.map((c, i) => ({ ...c, name: c.name ?? (`${c.method} ${c.path ?? c.url ?? ''}`.trim() || `check ${i + 1}`) })));
const CHECKS_FORM = 'YAML or JSON (text or a file path): a list of checks, each with name, path or url, ' +
    'method, headers, body and expect (status, body-contains, json, headers, max-latency)';
/** The check used when none are given: the base URL answers 2xx. */
const DEFAULT_CHECKS = [{ name: 'GET /', path: '/', method: 'GET', headers: {}, expect: {} }];


/***/ }),

/***/ 7293:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ formatTime)
/* harmony export */ });
/**
 * The one time format of every summary: UTC, to the second (`2026-11-23 22:04:05 UTC`). No
 * milliseconds and no `T`, so a time reads as one unit and does not wrap mid-token.
 */
function formatTime(at) {
    const date = at instanceof Date ? at : new Date(at);
    if (Number.isNaN(date.getTime()))
        return String(at);
    const iso = date.toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
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
/* harmony import */ var _drivers_command_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(5528);






/** A record line's name: what can become part of an environment variable's name. */
const RECORD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const RECORD_VALUE_MAX = 1024;
/** At most this many values and this many bytes of record file (a deployment payload is small). */
const RECORD_MAX_ENTRIES = 32;
const RECORD_MAX_BYTES = 8 * 1024;
const RECORD_FORM = `name=value lines (name: a letter or "_" then letters, digits or "_", ` +
    `at most 64; value: one line of at most ${RECORD_VALUE_MAX} characters)`;
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
        const result = await opts.log.group(input, () => (opts.exec ?? _core_exec_js__WEBPACK_IMPORTED_MODULE_2__/* .processExec */ .l$).shell(command, {
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
