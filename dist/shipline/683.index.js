export const id = 683;
export const ids = [683];
export const modules = {

/***/ 9507:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C$: () => (/* binding */ ARTIFACT_FORM),
/* harmony export */   CD: () => (/* binding */ environmentField),
/* harmony export */   FA: () => (/* binding */ versionField),
/* harmony export */   Q6: () => (/* binding */ VERSION_PATTERN),
/* harmony export */   _b: () => (/* binding */ VERSION_FORM),
/* harmony export */   bA: () => (/* binding */ githubFields),
/* harmony export */   dG: () => (/* binding */ commonFields),
/* harmony export */   dN: () => (/* binding */ ENVIRONMENT_PATTERN),
/* harmony export */   lF: () => (/* binding */ isVersion),
/* harmony export */   lc: () => (/* binding */ artifactField)
/* harmony export */ });
/* harmony import */ var _fields_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2189);

/** Inputs every action has (README, "Conventions every action follows"). */
const commonFields = {
    config: _fields_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj({ form: 'a path to a YAML config file', configurable: false }),
    'dry-run': _fields_js__WEBPACK_IMPORTED_MODULE_0__/* .bool */ .lc({ default: false }),
};
/** For the actions that call GitHub. */
const githubFields = {
    'github-token': _fields_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj({ form: 'a GitHub token (default: github.token), on one line', secret: true, line: true, configurable: false }),
};
/** The name of a GitHub environment (also each name in the gate's require-successful). */
const ENVIRONMENT_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,254}$/;
/** The name of a GitHub environment. */
const environmentField = (required) => _fields_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj({
    required,
    pattern: ENVIRONMENT_PATTERN,
    form: 'an environment name of letters, digits, ".", "_", "-" and spaces',
});
const VERSION_FORM = 'a version of letters, digits, ".", "_", "+" and "-" (1.2.3, sha-abc1234), at most 128 characters';
/** A version as deploy, canary, rollback and gate take it (never anything a shell would read). */
const versionField = (required) => _fields_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj({ required, pattern: VERSION_PATTERN, form: VERSION_FORM });
/**
 * The one version rule, for every action and every version read back from a deployment record:
 * letters, digits, ".", "_", "+" and "-", not starting with ".", "+" or "-", 1 to 128 characters.
 * The build action adds its own image-tag rule on top (a version it tags an image with must be a tag
 * as written: no "--", no "." or "-" at the end), so every version it makes passes this one.
 */
const VERSION_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9._+-]{0,127}$/;
const isVersion = (value) => VERSION_PATTERN.test(value);
const ARTIFACT_FORM = 'an image reference (repo@sha256:...) or an archive path, on one line, at most 1024 characters';
/** What deploy and canary run: an image reference or an archive path (one line, no control characters). */
const artifactField = () => _fields_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj({ pattern: /^[^\p{Cc}]{1,1024}$/u, form: ARTIFACT_FORM });


/***/ }),

/***/ 2189:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dw: () => (/* binding */ listItems),
/* harmony export */   OZ: () => (/* binding */ url),
/* harmony export */   Wh: () => (/* binding */ int),
/* harmony export */   Yj: () => (/* binding */ string),
/* harmony export */   ai: () => (/* binding */ number),
/* harmony export */   hD: () => (/* binding */ quote),
/* harmony export */   lc: () => (/* binding */ bool),
/* harmony export */   p0: () => (/* binding */ duration),
/* harmony export */   p_: () => (/* binding */ list),
/* harmony export */   ry: () => (/* binding */ splitList),
/* harmony export */   uv: () => (/* binding */ structured),
/* harmony export */   yL: () => (/* binding */ oneOf)
/* harmony export */ });
/* unused harmony exports ok, bad */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(8532);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8815);
/* harmony import */ var _duration_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1420);
/* harmony import */ var _parse_errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(1589);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(193);






/** Builds a field from a function of the value's text (config values are turned into text first). */
function scalar(form, parse, opts) {
    const schema = zod__WEBPACK_IMPORTED_MODULE_4__/* .unknown */ .L5J().transform((value, ctx) => {
        const text = typeof value === 'string' ? value.trim() : String(value);
        const result = parse(text);
        if (result.ok)
            return result.value;
        ctx.issues.push({ code: 'custom', message: result.message, input: value });
        return zod__WEBPACK_IMPORTED_MODULE_5__/* .NEVER */ .tm;
    });
    return { schema, form, ...opts };
}
const ok = (value) => ({ ok: true, value });
const bad = (message) => ({ ok: false, message });
/**
 * A value quoted in an error message: credentials in a URL hidden first, then cut to 80
 * characters (cutting first could drop the `@` that marks where the password ends).
 */
const quote = (value) => {
    const text = (0,_redact_js__WEBPACK_IMPORTED_MODULE_3__/* .redactValue */ .FI)(value);
    return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);
};
/** A line break or another control character (tab aside): never part of a one-line value. */
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f\u0085\u2028\u2029]/;
/**
 * Free text. `line: true` takes one line only (a reason, a name: text printed in the log, where a
 * line break could start a workflow command; a token, which would otherwise fail later as an HTTP
 * header, quoted in that error). A `secret` is never quoted.
 */
function string(opts = {}) {
    const form = opts.form ?? (opts.line ? 'one line of text' : 'text');
    return scalar(form, (text) => {
        if (opts.line && CONTROL.test(text))
            return bad(opts.secret
                ? 'has a line break or another control character (the value is not shown)'
                : 'has a line break or another control character');
        if (opts.pattern && !opts.pattern.test(text))
            return bad(opts.secret ? 'is not valid (the value is not shown)' : `${quote(text)} is not valid`);
        return ok(text);
    }, opts);
}
function bool(opts = {}) {
    return scalar('true or false', (text) => (text === 'true' ? ok(true) : text === 'false' ? ok(false) : bad(`${quote(text)} is not a boolean`)), opts);
}
function duration(opts = {}) {
    return scalar(_duration_js__WEBPACK_IMPORTED_MODULE_2__/* .DURATION_FORM */ .ec, (text) => {
        const ms = (0,_duration_js__WEBPACK_IMPORTED_MODULE_2__/* .parseDuration */ .E9)(text);
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
    const low = opts.above !== undefined ? `greater than ${opts.above}` : opts.min !== undefined ? `of at least ${opts.min}` : undefined;
    const high = opts.below !== undefined ? `less than ${opts.below}` : opts.max !== undefined ? `of at most ${opts.max}` : undefined;
    const range = opts.min !== undefined && opts.max !== undefined && opts.above === undefined && opts.below === undefined
        ? ` from ${opts.min} to ${opts.max}`
        : low && high
            ? ` ${low} and ${high}`
            : low || high
                ? ` ${low ?? high}`
                : '';
    return scalar(`${kind}${range}`, (text) => {
        const n = Number(text);
        if (text === '' || !Number.isFinite(n))
            return bad(`${quote(text)} is not a number`);
        if (opts.integer && !Number.isInteger(n))
            return bad(`${quote(text)} is not a whole number`);
        if ((opts.min !== undefined && n < opts.min) ||
            (opts.max !== undefined && n > opts.max) ||
            (opts.above !== undefined && n <= opts.above) ||
            (opts.below !== undefined && n >= opts.below))
            return bad(`${quote(text)} is out of range`);
        return ok(n);
    }, opts);
}
function int(opts = {}) {
    return number({ ...opts, integer: true });
}
function oneOf(values, opts = {}) {
    return scalar(`one of ${values.join(', ')}`, (text) => (values.includes(text) ? ok(text) : bad(`${quote(text)} is not allowed`)), opts);
}
function url(opts = {}) {
    const schemes = opts.schemes ?? ['http', 'https'];
    return scalar(`an absolute ${schemes.join(' or ')} URL (${schemes[0]}://host[:port][/path])`, (text) => {
        // The URL parser drops line breaks and tabs; the text as written is what gets printed and stored.
        if (CONTROL.test(text) || text.includes('\t'))
            return bad('has a line break or another control character');
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
/** Splits one line on commas outside braces. */
function splitCommas(line) {
    const out = [];
    let depth = 0;
    let current = '';
    for (const c of line) {
        if (c === '{')
            depth++;
        else if (c === '}' && depth > 0)
            depth--;
        if (c === ',' && depth === 0) {
            out.push(current);
            current = '';
        }
        else
            current += c;
    }
    out.push(current);
    return out;
}
/** The items of a list value, by the one list grammar (see ListGrammar). */
function listItems(value, grammar = {}) {
    const commas = grammar.commas ?? true;
    const refuse = grammar.refuseEmpty;
    if (Array.isArray(value)) {
        const items = [];
        for (const [index, entry] of value.entries()) {
            if (entry !== null && entry !== undefined && typeof entry === 'object')
                return { ok: false, message: 'each item must be text, not a list or a mapping', path: [index] };
            const text = entry === null || entry === undefined ? '' : String(entry).trim();
            if (text === '') {
                if (refuse)
                    return { ok: false, message: `is empty; name ${refuse.what}`, path: [index] };
                continue;
            }
            items.push({ text, path: [index] });
        }
        return { ok: true, items };
    }
    const text = typeof value === 'string' ? value.trim() : String(value ?? '').trim();
    if (text === '' && refuse)
        return { ok: false, message: `is empty; name ${refuse.what}${grammar.none ? ', or write none for no policy' : ''}` };
    if (grammar.none && text.toLowerCase() === 'none')
        return { ok: true, items: [] };
    const items = [];
    for (const raw of text.split('\n')) {
        const line = raw.trim();
        if (line === '' || (grammar.comments && line.startsWith('#')))
            continue;
        const parts = (commas ? splitCommas(line) : [line]).map((p) => p.trim());
        if (parts.some((p) => p === '')) {
            if (refuse)
                return { ok: false, message: `${quote(line)} has an empty entry; name ${refuse.what}` };
        }
        for (const part of parts)
            if (part !== '')
                items.push({ text: part, path: [] });
    }
    return { ok: true, items };
}
/** The items of a text, by the one list grammar with its defaults (one a line or comma-separated). */
function splitList(text, grammar = {}) {
    const result = listItems(text, grammar);
    return result.ok ? result.items.map((i) => i.text) : []; // text without refuseEmpty is never refused
}
/**
 * A list field: items by the one list grammar, each checked by `item` (text as it is by default).
 * The item type is inferred from `item`: `list({ item: (t) => ok(Number(t)) })` is a `Field<number[]>`.
 */
function list(opts = {}) {
    const item = opts.item ?? ((text) => ok(text));
    const schema = zod__WEBPACK_IMPORTED_MODULE_4__/* .unknown */ .L5J().transform((value, ctx) => {
        const result = listItems(value, opts.grammar);
        if (!result.ok) {
            ctx.issues.push({ code: 'custom', message: result.message, input: value, ...(result.path ? { path: result.path } : {}) });
            return zod__WEBPACK_IMPORTED_MODULE_5__/* .NEVER */ .tm;
        }
        const out = [];
        result.items.forEach(({ text, path }, index) => {
            const parsed = item(text);
            if (parsed.ok)
                out.push(parsed.value);
            else
                ctx.issues.push({ code: 'custom', message: parsed.message, input: value, path: path.length ? path : [index] });
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
    const schema = zod__WEBPACK_IMPORTED_MODULE_4__/* .unknown */ .L5J().transform((value, ctx) => {
        let data = value;
        if (typeof value === 'string') {
            const text = value.trim();
            const isFile = !/[\n:{}[\]]/.test(text) && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(text) && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(text).isFile();
            const source = isFile ? (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(text, 'utf8') : text;
            try {
                data = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .parse */ .qg)(source, { prettyErrors: true, uniqueKeys: true });
            }
            catch (err) {
                // Where and what, never a snippet: a path may name any file.
                ctx.issues.push({
                    code: 'custom',
                    message: `${isFile ? `file ${quote(text)}` : 'the text'} is not valid ` +
                        `YAML or JSON (${(0,_parse_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .describeSyntaxProblem */ .gi)((0,_parse_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .yamlSyntaxProblem */ .m6)(err))})`,
                    input: value,
                });
                return zod__WEBPACK_IMPORTED_MODULE_5__/* .NEVER */ .tm;
            }
        }
        const result = inner.safeParse(data);
        if (result.success)
            return result.data;
        for (const issue of result.error.issues)
            ctx.issues.push({ ...issue, input: value });
        return zod__WEBPACK_IMPORTED_MODULE_5__/* .NEVER */ .tm;
    });
    return { schema, ...opts };
}


/***/ }),

/***/ 3163:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Vp: () => (/* binding */ runUrl),
/* harmony export */   XH: () => (/* binding */ compareUrl),
/* harmony export */   ek: () => (/* binding */ deploymentsUrl),
/* harmony export */   nf: () => (/* binding */ link),
/* harmony export */   wn: () => (/* binding */ commitLink)
/* harmony export */ });
/* unused harmony exports repoUrl, commitUrl */
/* harmony import */ var _summary_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7166);

/** Where a repository lives on its server: `https://github.com/acme/shop`. */
function repoUrl(runner) {
    if (!runner.repository)
        return undefined;
    return `${runner.serverUrl}/${runner.repository.owner}/${runner.repository.repo}`;
}
const SHA = /^[0-9a-f]{7,64}$/i;
/** A commit's page; undefined without a repository or with a value that is not a commit id. */
function commitUrl(runner, sha) {
    const repo = repoUrl(runner);
    return repo && sha && SHA.test(sha) ? `${repo}/commit/${sha}` : undefined;
}
/** The compare view from the previous commit to the new one (`.../compare/<old>...<new>`). */
function compareUrl(runner, previous, next) {
    const repo = repoUrl(runner);
    if (!repo || !previous || !next || !SHA.test(previous) || !SHA.test(next) || previous === next)
        return undefined;
    return `${repo}/compare/${previous}...${next}`;
}
/** Percent-encodes a path segment, with the characters a Markdown link destination reads too. */
const segment = (text) => encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
/** The environment's deployments page (`.../deployments/<environment>`, the name URL-encoded). */
function deploymentsUrl(runner, environment) {
    const repo = repoUrl(runner);
    return repo && environment ? `${repo}/deployments/${segment(environment)}` : undefined;
}
/** The run's page (`.../actions/runs/<id>`). */
function runUrl(runner) {
    const repo = repoUrl(runner);
    return repo && runner.runId && /^\d+$/.test(runner.runId) ? `${repo}/actions/runs/${runner.runId}` : undefined;
}
/**
 * A Markdown link for a summary: the text escaped, the address in angle brackets with the
 * characters that could end it encoded. Without an address, the text alone (escaped).
 */
function link(text, url) {
    if (!url)
        return (0,_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .raw */ .lS)((0,_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(text));
    const safe = url.replace(/[<>\s]/g, (c) => encodeURIComponent(c));
    return (0,_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .raw */ .lS)(`[${(0,_summary_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(text)}](<${safe}>)`);
}
/** `a1b2c3d` linked to its commit page when the runner names the repository. */
function commitLink(runner, sha) {
    return link(SHA.test(sha) ? sha.slice(0, 7) : sha, commitUrl(runner, sha));
}


/***/ }),

/***/ 1589:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F1: () => (/* binding */ jsonSyntaxProblem),
/* harmony export */   gi: () => (/* binding */ describeSyntaxProblem),
/* harmony export */   m6: () => (/* binding */ yamlSyntaxProblem)
/* harmony export */ });
/**
 * Parser errors without the text they were parsing. JSON.parse and the YAML parser quote a piece
 * of the input in their messages (`Unexpected token 'r', "root:$6$ab"... is not valid JSON`); a
 * path input can name any file (`/etc/shadow`), so errors say what is wrong and where (line and
 * column), never what the file holds.
 */
/** "what is wrong at line L, column C" (or without the place when it is unknown). */
function describeSyntaxProblem(p) {
    return p.line !== undefined ? `${p.problem} at line ${p.line}, column ${p.column ?? 1}` : p.problem;
}
function lineColumn(text, offset) {
    const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
    const lines = before.split('\n');
    return { line: lines.length, column: lines.at(-1).length + 1 };
}
/** The problem JSON.parse found in `text`, without quoting it. */
function jsonSyntaxProblem(err, text) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /\bat position (\d+)/.exec(message);
    let problem;
    if (/end of (JSON )?input/i.test(message))
        problem = 'the JSON ends too early (a truncated file?)';
    else if (/^Unexpected token/i.test(message))
        problem = 'an unexpected character';
    else if (/^Unexpected non-whitespace character after JSON/i.test(message))
        problem = 'text after the end of the JSON value';
    else if (/^Unterminated string/i.test(message))
        problem = 'an unterminated string';
    else if (/^Bad control character/i.test(message))
        problem = 'a control character in a string';
    else if (/^Bad (escaped|Unicode escape)/i.test(message))
        problem = 'a bad escape in a string';
    else if (/^Expected /i.test(message))
        problem = message
            .replace(/\s+in JSON\b.*$/s, '')
            .replace(/"[^"]*"/g, '""')
            .slice(0, 80);
    else
        problem = 'not valid JSON';
    if (/end of (JSON )?input/i.test(message))
        return { problem, ...lineColumn(text, text.length) };
    return at ? { problem, ...lineColumn(text, Number(at[1])) } : { problem };
}
/** The problem the `yaml` parser found, from its error code and position, without its snippet. */
function yamlSyntaxProblem(err) {
    const e = err;
    const code = typeof e?.code === 'string' ? e.code : undefined;
    const problem = code ? code.toLowerCase().replace(/_/g, ' ') : 'not valid YAML';
    const pos = e?.linePos?.[0];
    return pos ? { problem, line: pos.line, column: pos.col } : { problem };
}


/***/ }),

/***/ 6182:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   p: () => (/* binding */ shownPath)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);

const inside = (root, file) => {
    const rel = node_path__WEBPACK_IMPORTED_MODULE_0__.relative(root, file);
    return rel && !rel.startsWith('..') && !node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute(rel) ? rel : undefined;
};
/**
 * A file's path as a person reading a summary wants it: relative to the workspace (`dist/app.tgz`),
 * or named in the runner's temporary folder (`runner temp: shipline/manifest.json`) rather than a
 * long `/tmp` or `/home/runner/work/_temp` path that means nothing outside the job.
 */
function shownPath(file, runner) {
    const abs = node_path__WEBPACK_IMPORTED_MODULE_0__.resolve(runner.workspace, file);
    // The workspace first: a workspace inside the temp folder (a test, a local run) still reads relative.
    const inWorkspace = inside(runner.workspace, abs);
    if (inWorkspace)
        return inWorkspace;
    const inTemp = inside(runner.temp, abs);
    if (inTemp)
        return `runner temp: ${inTemp}`;
    return file;
}


/***/ }),

/***/ 5242:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   L: () => (/* binding */ plural)
/* harmony export */ });
/** `1 file`, `2 files`, `0 files`: a count with its noun, never `file(s)`. */
function plural(count, one, many = `${one}s`) {
    return `${count} ${count === 1 ? one : many}`;
}


/***/ }),

/***/ 6645:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Cs: () => (/* binding */ runAction),
  dF: () => (/* binding */ untilExit)
});

// UNUSED EXPORTS: runnerLog

// EXTERNAL MODULE: ./build/core/errors.js
var errors = __webpack_require__(2807);
// EXTERNAL MODULE: ./build/core/exec.js
var exec = __webpack_require__(8801);
// EXTERNAL MODULE: ./build/core/runner-io.js
var runner_io = __webpack_require__(9927);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./build/core/parse-errors.js
var parse_errors = __webpack_require__(1589);
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
/** What a key of the config file looks like (`defaults`, `step-duration`): safe to repeat in errors. */
const SETTING_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
/**
 * Loads the config: an explicit path must exist; the default path is used only when it exists.
 */
function loadConfig(explicitPath, cwd = process.cwd()) {
    const path = explicitPath || DEFAULT_CONFIG_PATH;
    const full = path.startsWith('/') ? path : `${cwd}/${path}`;
    if (!(0,external_node_fs_.existsSync)(full)) {
        if (explicitPath)
            throw new errors/* UserError */.yo(`Input "config": the file ${JSON.stringify(path)} does not exist. Accepted: a path to a YAML file.`);
        return undefined;
    }
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(full, 'utf8');
    }
    catch (err) {
        throw new errors/* UserError */.yo(`Input "config": the file ${JSON.stringify(path)} cannot be read ` +
            `(${(0,errors/* errnoCode */.UK)(err) ?? 'read error'}). Accepted: a path to a readable YAML file.`);
    }
    const doc = (0,dist/* parseDocument */.Tp)(text, { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length > 0) {
        throw new errors/* UserError */.yo(`Config ${path}: not valid YAML (${(0,parse_errors/* describeSyntaxProblem */.gi)((0,parse_errors/* yamlSyntaxProblem */.m6)(doc.errors[0]))}). ` +
            `Accepted: a YAML mapping with defaults and environments.`);
    }
    const data = doc.toJS() ?? {};
    if (!isObject(data))
        throw new errors/* UserError */.yo(`Config ${path}: the top level is not a mapping. Accepted: a YAML mapping with defaults and environments.`);
    for (const key of Object.keys(data)) {
        // A key is named only when it looks like a setting name: the path may name any file, whose
        // contents never belong in an error.
        if (key !== 'defaults' && key !== 'environments')
            throw new errors/* UserError */.yo(`Config ${path}: ${SETTING_NAME.test(key) ? `unknown key ${JSON.stringify(key)}` : 'a key that is not a setting name'} ` +
                `at the top level. Accepted: defaults, environments.`);
    }
    if (data.defaults !== undefined && !isObject(data.defaults))
        throw new errors/* UserError */.yo(`Config ${path}, defaults: is not a mapping. Accepted: a mapping of settings (timeout: 10m) and of action names to settings.`);
    if (data.environments !== undefined) {
        if (!isObject(data.environments))
            throw new errors/* UserError */.yo(`Config ${path}, environments: is not a mapping. Accepted: a mapping of environment names to settings.`);
        for (const [name, env] of Object.entries(data.environments)) {
            if (!isObject(env))
                throw new errors/* UserError */.yo(`Config ${path}, environments.${name}: is not a mapping. Accepted: a mapping of settings and of action names to settings.`);
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
        candidates.push([
            isObject(env[action]) ? env[action][input] : undefined,
            `environments.${environment}.${action}.${input}`,
        ]);
        candidates.push([env[input], `environments.${environment}.${input}`]);
    }
    const defaults = config.data.defaults;
    if (defaults) {
        candidates.push([
            isObject(defaults[action]) ? defaults[action][input] : undefined,
            `defaults.${action}.${input}`,
        ]);
        candidates.push([defaults[input], `defaults.${input}`]);
    }
    for (const [value, path] of candidates) {
        if (value !== undefined && value !== null)
            return { value, path };
    }
    return undefined;
}

;// CONCATENATED MODULE: ./build/core/inputs.js



const runnerInputs = (name) => runner_io/* getInput */.V4(name);
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
/** Masks a secret input; each line of a multi-line one too, since the runner masks line by line. */
function maskSecret(text) {
    runner_io/* setSecret */.Pq(text);
    const lines = text.split(/\r\n|\r|\n/).map((l) => l.trim());
    if (lines.length > 1)
        for (const line of lines)
            if (line !== '')
                runner_io/* setSecret */.Pq(line);
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
                maskSecret(text);
        }
        else {
            const fromConfig = field.configurable === false ? undefined : lookupConfig(config, opts.action, name, environment);
            if (!fromConfig) {
                if (field.required)
                    throw new errors/* InputError */.dz(name, `Input "${name}" is required. Accepted: ${field.form}.`);
                out[camel(name)] = field.default;
                continue;
            }
            value = fromConfig.value;
            where = { input: name, file: config.path, configPath: fromConfig.path };
        }
        const result = field.schema.safeParse(value);
        if (!result.success)
            throw new errors/* InputError */.dz(name, describeIssue(result.error, where, field));
        out[camel(name)] = result.data;
    }
    return out;
}

// EXTERNAL MODULE: ./build/core/redact.js
var redact = __webpack_require__(193);
// EXTERNAL MODULE: ./build/core/runner.js
var runner = __webpack_require__(9362);
// EXTERNAL MODULE: ./build/core/runtime.js
var core_runtime = __webpack_require__(3094);
// EXTERNAL MODULE: ./build/core/summary.js
var core_summary = __webpack_require__(7166);
;// CONCATENATED MODULE: ./build/core/run.js








/**
 * What the body awaits once the runner has cancelled the job: the cancel handler owns the rest
 * (the records, the outputs, the summary, the exit), so nothing the body would still do can race it.
 */
function untilExit() {
    return new Promise(() => { });
}
/** How long cleanup may take after the runner's cancel signal (it kills the job after 7.5 s). */
const CLEANUP_BUDGET_MS = 6_000;
/**
 * The one error path of every action: inputs are parsed before anything else; a user's mistake or
 * a failure outside shipline (OutsideError) is one clear `::error::` line, a bug also gets its
 * stack in the log; outputs set by the body stay set; the summary is written in every case;
 * cancellation runs the registered cleanups first.
 * Resolves to the exit code (the runner's step sink also sets it on `process.exitCode`).
 */
async function runAction(def, body, opts = {}) {
    const runtime = opts.runtime ?? (0,core_runtime/* productionRuntime */.yf)();
    const { log, step } = runtime;
    const summary = new core_summary/* Summary */.BD();
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
                log.error(`Cleanup after ${why} failed: ${(0,redact/* redactUrls */.sK)((0,errors/* errorMessage */.gJ)(err))}`);
            }
        }
    };
    const outputsSet = new Map();
    const setOutput = (name, value) => {
        outputsSet.set(name, String(value));
        step.setOutput(name, String(value));
    };
    const onSignal = (signal) => {
        controller.abort(new Error(`cancelled by ${signal}`));
        void (async () => {
            log.error(`${def.title} was cancelled (${signal}); restoring a safe state before exiting.`);
            // The commands that took the signal are being ended (their whole process group) meanwhile.
            await Promise.all([runCleanups(`cancellation (${signal})`), (0,exec/* commandsStopping */.D4)()]);
            // Whatever still runs (a command started without the signal) does not outlive the step either.
            await (0,exec/* stopRunningCommands */.aX)();
            for (const [name, value] of Object.entries(def.cancelledOutputs ?? {}))
                if (!outputsSet.has(name))
                    setOutput(name, value);
            summary.verdict('fail', `Cancelled by the runner (${signal}); safe state restored.`);
            writeSummary(step, log, summary);
            step.exit(1);
        })();
    };
    const stopListening = step.onCancel(onSignal);
    const finishers = [];
    let failure;
    let code = 0;
    try {
        const settings = readSettings(def.fields, {
            action: def.name,
            source: opts.source,
            environmentInput: def.environmentInput,
            cwd: opts.cwd,
        });
        const ctx = {
            settings,
            summary,
            runner: (0,runner/* readRunnerContext */.g)(opts.env),
            runtime,
            log,
            setOutput,
            signal: controller.signal,
            onAbort: (cleanup) => {
                cleanups.add(cleanup);
                return () => cleanups.delete(cleanup);
            },
            onFinish: (work) => {
                finishers.push(work);
            },
        };
        await body(ctx);
        // Cancelled while finishing: the cancel handler records, sets the outputs and exits.
        if (controller.signal.aborted)
            await untilExit();
    }
    catch (err) {
        // Whatever the cancellation made fail is the cancel handler's to report, not a failure of its own.
        if (controller.signal.aborted)
            await untilExit();
        code = 1;
        const kind = (0,errors/* kindOfFailure */.uq)(err);
        if (kind === 'input' || kind === 'refused') {
            step.fail((0,redact/* redactUrls */.sK)((0,errors/* errorMessage */.gJ)(err)));
        }
        else if (kind === 'outside') {
            // Something outside failed (GitHub, the network, a file): restore a safe state as for a bug,
            // but say who failed and what to do, without a stack that would point at shipline.
            await runCleanups(`a failure outside ${def.title}`);
            step.fail((0,redact/* redactUrls */.sK)((0,errors/* errorMessage */.gJ)(err)));
        }
        else {
            await runCleanups('an unexpected error');
            const message = (0,redact/* redactUrls */.sK)((0,errors/* errorMessage */.gJ)(err));
            step.fail(`${def.title} failed unexpectedly: ${message}`);
            if (err instanceof Error && err.stack)
                log.info((0,redact/* redactUrls */.sK)(err.stack));
        }
        failure = (0,redact/* redactUrls */.sK)((0,errors/* errorMessage */.gJ)(err));
        if (!summary.hasVerdict)
            summary.verdict('fail', failure);
    }
    finally {
        stopListening();
        writeSummary(step, log, summary);
    }
    for (const work of finishers) {
        try {
            await work({ code, error: failure, outputs: outputsSet });
        }
        catch (err) {
            log.warning(`After ${def.title}: ${(0,redact/* redactUrls */.sK)((0,errors/* errorMessage */.gJ)(err))}`);
        }
    }
    return code;
}
function writeSummary(step, log, summary) {
    try {
        step.writeSummary(summary);
    }
    catch (err) {
        log.warning(`Could not write the job summary: ${(0,errors/* errorMessage */.gJ)(err)}`);
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


/***/ }),

/***/ 9362:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ readRunnerContext)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8161);


function readRunnerContext(env = process.env) {
    const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/$/, '');
    const apiUrl = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, '');
    const [owner, repo] = (env.GITHUB_REPOSITORY || '').split('/');
    const repository = owner && repo ? { owner, repo } : undefined;
    let payload = {};
    if (env.GITHUB_EVENT_PATH && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(env.GITHUB_EVENT_PATH)) {
        try {
            payload = JSON.parse((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(env.GITHUB_EVENT_PATH, 'utf8'));
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
        runAttempt: env.GITHUB_RUN_ATTEMPT || undefined,
        runUrl: repository && runId ? `${serverUrl}/${owner}/${repo}/actions/runs/${runId}` : undefined,
        workspace: env.GITHUB_WORKSPACE || process.cwd(),
        temp: env.RUNNER_TEMP || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.tmpdir)(),
        actor: env.GITHUB_ACTOR || undefined,
        payload,
    };
}


/***/ }),

/***/ 7166:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BD: () => (/* binding */ Summary),
/* harmony export */   X1: () => (/* binding */ escapeText),
/* harmony export */   lS: () => (/* binding */ raw)
/* harmony export */ });
/* unused harmony export Raw */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(193);


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
/**
 * The job summary of one step: title, verdict, evidence in tables, long detail folded.
 * The verdict has its own slot: it renders right under the title, before everything else,
 * whenever it is set (an action may write its facts as it learns them and decide at the end).
 */
class Summary {
    titleLine;
    verdicts = [];
    parts = [];
    /** Whether a verdict line has been written. */
    hasVerdict = false;
    /** The text of the latest verdict line, as given (for notifications). */
    verdictText;
    /** The summary's top heading; a later call replaces it. It always renders first. */
    title(text) {
        this.titleLine = `## ${escapeText(text)}`;
        return this;
    }
    /** A heading; a level-2 heading written before anything else (and no title) is the title. */
    heading(text, level = 2) {
        if (level === 2 && this.titleLine === undefined && this.parts.length === 0)
            return this.title(text);
        this.parts.push(`${'#'.repeat(level)} ${escapeText(text)}`);
        return this;
    }
    /** The one line a reader needs: what happened. Renders under the title, before all else, in the order given. */
    verdict(status, text) {
        this.hasVerdict = true;
        this.verdictText = text;
        const mark = status === 'pass' ? '✅' : status === 'fail' ? '❌' : 'ℹ️';
        this.verdicts.push(`**${mark} ${escapeText(text)}**`);
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
    /**
     * Key-value facts as a list of `**name**: value` lines: GitHub shows no empty header row above
     * them (a two-column table needs one), and each value keeps the table cells' escaping.
     */
    facts(entries) {
        const shown = entries.filter(([, v]) => v !== undefined && v !== null && v !== '');
        if (shown.length > 0)
            this.parts.push(shown.map(([k, v]) => `- **${escapeText(k)}**: ${cell(v)}`).join('\n'));
        return this;
    }
    /** A fenced block: shown as written, never read as Markdown or HTML (the fence outlasts any run of backticks in it). */
    code(text, lang = '') {
        const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
        const fence = '`'.repeat(Math.max(3, longest + 1));
        this.parts.push(`${fence}${lang}\n${text}\n${fence}`);
        return this;
    }
    details(title, body) {
        const inner = typeof body === 'string' ? escapeText(body) : body.toString();
        this.parts.push(`<details><summary>${escapeText(title)}</summary>\n\n${inner}\n\n</details>`);
        return this;
    }
    get isEmpty() {
        return this.titleLine === undefined && this.verdicts.length === 0 && this.parts.length === 0;
    }
    blocks() {
        return [...(this.titleLine === undefined ? [] : [this.titleLine]), ...this.verdicts, ...this.parts];
    }
    /** The Markdown, with the credentials of any URL in it hidden (`https://***@host/`, escaped). */
    toString() {
        return (0,_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redactUrls */ .sK)(this.blocks().join('\n\n'), '\\*\\*\\*') + '\n';
    }
    /** Appends to `$GITHUB_STEP_SUMMARY`; returns false when there is no such file (local runs). */
    write(path = process.env.GITHUB_STEP_SUMMARY) {
        if (!path || this.isEmpty)
            return false;
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.appendFileSync)(path, this.toString() + '\n');
        return true;
    }
}


/***/ })

};
