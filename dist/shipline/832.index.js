export const id = 832;
export const ids = [832];
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

/***/ 5832:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  fields: () => (/* binding */ action_fields),
  run: () => (/* binding */ action_run)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./build/core/common-fields.js
var common_fields = __webpack_require__(9507);
// EXTERNAL MODULE: ./build/core/errors.js
var errors = __webpack_require__(2807);
// EXTERNAL MODULE: ./build/core/fields.js
var fields = __webpack_require__(2189);
// EXTERNAL MODULE: ./build/core/redact.js
var redact = __webpack_require__(193);
// EXTERNAL MODULE: ./build/core/plural.js
var plural = __webpack_require__(5242);
// EXTERNAL MODULE: ./build/core/run.js + 2 modules
var run = __webpack_require__(6645);
// EXTERNAL MODULE: ./build/checks/schema.js
var schema = __webpack_require__(8997);
// EXTERNAL MODULE: ./build/core/links.js
var links = __webpack_require__(3163);
// EXTERNAL MODULE: ./build/core/paths.js
var paths = __webpack_require__(6182);
// EXTERNAL MODULE: ./build/core/summary.js
var summary = __webpack_require__(7166);
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
        const attempt = `${r.method} ${r.url} -> ${r.status ?? 'no response'} ` +
            `in ${Math.round(r.latencyMs ?? 0)}ms after ${(0,plural/* plural */.L)(r.attempts, 'attempt')}`;
        const props = `      <system-out>${xml(attempt)}</system-out>`;
        const failure = r.verdict === 'fail'
            ? `\n      <failure message="${xml(r.reason ?? 'failed')}" type="SmokeCheckFailed">${xml(r.reason ?? '')}</failure>`
            : '';
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
/** The request a check made, credentials hidden: `GET https://***@host/health`. */
const requestText = (r) => `${r.method} ${(0,redact/* redactUrls */.sK)(r.url)}`;
function row(r) {
    return [
        r.name,
        (0,summary/* raw */.lS)(r.verdict === 'pass' ? '✅ pass' : '❌ fail'),
        r.status ?? '—',
        r.latencyMs === undefined ? '—' : `${Math.round(r.latencyMs)} ms`,
        r.attempts,
        // A failing row says what was asked, so the reader can try the same request.
        r.verdict === 'fail' ? `${requestText(r)}: ${r.reason ?? 'failed'}` : (r.reason ?? ''),
    ];
}
/** The smoke summary after the checks ran: the verdict with its count, one row per check, where the reports are. */
function writeSmokeSummary(summary, results, files, runner, environment) {
    const failed = results.filter((r) => r.verdict === 'fail').length;
    const checks = (0,plural/* plural */.L)(results.length, 'smoke check');
    summary.verdict(failed === 0 ? 'pass' : 'fail', failed === 0 ? `All ${checks} passed` : `${failed} of ${checks} failed`);
    summary.table(['check', 'verdict', 'status', 'latency', 'attempts', 'reason'], results.map(row));
    const run = (0,links/* runUrl */.Vp)(runner);
    summary.facts([
        ['environment', environment ? (0,links/* link */.nf)(environment, (0,links/* deploymentsUrl */.ek)(runner, environment)) : undefined],
        ['run', run ? (0,links/* link */.nf)(`run ${runner.runId}`, run) : undefined],
    ]);
    summary.text(`JUnit report: ${(0,paths/* shownPath */.p)(files.junit, runner)}; JSON: ${(0,paths/* shownPath */.p)(files.json, runner)} (full paths in the step's outputs and log)`);
}

// EXTERNAL MODULE: ./build/checks/request.js
var request = __webpack_require__(8201);
// EXTERNAL MODULE: ./build/checks/runner.js
var runner = __webpack_require__(5236);
;// CONCATENATED MODULE: ./build/smoke/action.js












const action_fields = {
    url: fields/* url */.OZ({ secret: false }),
    checks: fields/* structured */.uv(schema/* checksSchema */.dJ, { form: schema/* CHECKS_FORM */.tX }),
    attempts: fields/* int */.Wh({ min: 1, max: 100, default: 3 }),
    'retry-delay': fields/* duration */.p0({ min: 0, max: 600_000, default: 2_000 }),
    timeout: fields/* duration */.p0({ min: 1, max: 600_000, default: 10_000 }),
    concurrency: fields/* int */.Wh({ min: 1, max: 100, default: 4 }),
    'follow-redirects': fields/* bool */.lc({ default: true }),
    report: fields/* string */.Yj({ form: 'a file path for the JUnit XML report' }),
    environment: (0,common_fields/* environmentField */.CD)(false),
    ...common_fields/* commonFields */.dG,
};
function action_run(opts) {
    return (0,run/* runAction */.Cs)({ name: 'smoke', title: 'shipline smoke', fields: action_fields, environmentInput: 'environment', cancelledOutputs: { result: 'fail' } }, async (ctx) => {
        const s = ctx.settings;
        const checks = s.checks ?? schema/* DEFAULT_CHECKS */.UK;
        let baseUrl;
        let authorization;
        if (s.url) {
            (0,redact/* maskUrlCredentials */.gn)(s.url);
            ({ url: baseUrl, authorization } = (0,redact/* splitUrlCredentials */.CN)(s.url));
        }
        const withoutUrl = checks.find((c) => c.path !== undefined);
        if (withoutUrl && !baseUrl)
            throw new errors/* UserError */.yo(`Input "url" is required: check "${withoutUrl.name}" has a path. ` +
                `Accepted: an absolute http or https URL (http://host[:port][/path]).`);
        const reportPath = s.report || (0,external_node_path_.join)(ctx.runner.temp, `shipline-smoke-${process.pid}.xml`);
        const jsonPath = reportPath.replace(/\.xml$/i, '') + '.json';
        ctx.summary.heading(`Smoke${s.environment ? ` — ${s.environment}` : ''}`);
        if (s.dryRun) {
            ctx.summary.verdict('info', `Dry run: ${(0,plural/* plural */.L)(checks.length, 'check')} planned, no request sent.`);
            ctx.summary.table(['check', 'request', 'expect'], checks.map((c) => [c.name, `${c.method} ${(0,redact/* redactUrls */.sK)((0,request/* checkUrl */.C)(c, baseUrl))}`, JSON.stringify(c.expect)]));
            for (const c of checks)
                ctx.log.info(`would check ${c.name}: ${c.method} ${(0,redact/* redactUrls */.sK)((0,request/* checkUrl */.C)(c, baseUrl))}`);
            ctx.setOutput('result', 'dry-run');
            ctx.setOutput('passed', 0);
            ctx.setOutput('failed', 0);
            return;
        }
        const results = await ctx.log.group(`Running ${(0,plural/* plural */.L)(checks.length, 'smoke check')}`, () => (0,runner/* runChecks */.JT)(checks, {
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
        writeSmokeSummary(ctx.summary, results, { junit: reportPath, json: jsonPath }, ctx.runner, s.environment);
        ctx.log.info(`JUnit report: ${reportPath}; JSON: ${jsonPath}`);
        for (const r of results)
            ctx.log.info(`${r.verdict === 'pass' ? 'PASS' : 'FAIL'} ${r.name} (${r.method} ${r.url})${r.reason ? `: ${r.reason}` : ''}`);
        if (failed > 0) {
            const names = results.filter((r) => r.verdict === 'fail').map((r) => `${r.name} (${r.reason})`);
            throw new errors/* UserError */.yo(`Smoke checks failed: ${names.join('; ')}`);
        }
    }, opts);
}


/***/ })

};
