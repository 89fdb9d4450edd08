export const id = 113;
export const ids = [113];
export const modules = {

/***/ 1113:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  DEFAULT_OUTPUT_NAME: () => (/* binding */ DEFAULT_OUTPUT_NAME),
  fields: () => (/* binding */ action_fields),
  run: () => (/* binding */ action_run)
});

// EXTERNAL MODULE: ./build/core/plural.js
var plural = __webpack_require__(5242);
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
// EXTERNAL MODULE: ./build/core/run.js + 2 modules
var run = __webpack_require__(6645);
;// CONCATENATED MODULE: ./build/scan/errors.js

/**
 * A problem with what the user gave the scan (a file that is not SARIF, a bad ignore entry, an audit
 * that was required and could not run): an input error, thrown where the failure is known with the
 * input and the file it is about. Its message is the library's (`<file>: <problem>`); the action
 * words it for the log from these parts (scan-error-message.ts), never by editing that text.
 */
class ScanError extends errors/* InputError */.dz {
    scanInput;
    problem;
    file;
    name = 'ScanError';
    constructor(scanInput, 
    /** What is wrong, without the input or the file. */
    problem, 
    /** The file the problem is in (absolute, as read), where it is about one file. */
    file) {
        super(scanInput, file !== undefined ? `${file}: ${problem}` : scanInput === 'npm-audit' ? problem : `${scanInput}: ${problem}`);
        this.scanInput = scanInput;
        this.problem = problem;
        this.file = file;
    }
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./build/scan/ignore-file.js



const DEFAULT_IGNORE_FILE = '.github/shipline-ignore.yml';
const KEYS = new Set(['id', 'reason', 'expires', 'path']);
/**
 * Reads the ignore file. A missing file is no exceptions unless `required` (the user named the file
 * explicitly), which makes it an error.
 */
async function loadIgnoreFile(file, options = {}) {
    let text;
    try {
        text = await (0,promises_.readFile)(file, 'utf8');
    }
    catch (err) {
        const code = err.code;
        if (code === 'ENOENT' && !options.required)
            return [];
        throw new ScanError('ignore-file', `cannot read ${file} (${code ?? String(err)})`);
    }
    return parseIgnoreFile(text, file);
}
/**
 * Parses the ignore file: either a list of entries or a mapping with an `ignore:` list.
 *
 *   ignore:
 *     - id: CVE-2023-0464
 *       reason: not reachable, the service never verifies client certificates
 *       expires: 2025-09-30
 *       path: docker/
 */
function parseIgnoreFile(text, file) {
    let doc;
    try {
        doc = (0,dist/* parse */.qg)(text);
    }
    catch (err) {
        throw new ScanError('ignore-file', `not valid YAML (${err.message.split('\n')[0]})`, file);
    }
    if (doc === null || doc === undefined)
        return [];
    let list;
    if (Array.isArray(doc)) {
        list = doc;
    }
    else if (typeof doc === 'object') {
        const extra = Object.keys(doc).filter((k) => k !== 'ignore');
        if (extra.length)
            throw new ScanError('ignore-file', `unknown key ${JSON.stringify(extra[0])}; expected a list under "ignore:"`, file);
        list = doc.ignore ?? [];
    }
    else {
        throw new ScanError('ignore-file', `expected a list of exceptions under "ignore:", got ${typeof doc}`, file);
    }
    if (!Array.isArray(list))
        throw new ScanError('ignore-file', `"ignore" must be a list of exceptions`, file);
    return list.map((item, index) => toEntry(item, index, file));
}
function toEntry(item, index, file) {
    const where = `ignore[${index}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        throw new ScanError('ignore-file', `${where}: each exception must be a mapping with id, reason and expires`, file);
    }
    const record = item;
    const named = typeof record.id === 'string' && record.id.trim() ? ` (id ${record.id.trim()})` : '';
    for (const key of Object.keys(record)) {
        if (!KEYS.has(key))
            throw new ScanError('ignore-file', `${where}${named}: unknown key "${key}"; accepted keys are id, reason, expires, path`, file);
    }
    if (typeof record.id !== 'string' || !record.id.trim()) {
        throw new ScanError('ignore-file', `${where}: id is required (a rule id, CVE id or GHSA id, as text)`, file);
    }
    if (typeof record.reason !== 'string' || !record.reason.trim()) {
        throw new ScanError('ignore-file', `${where}${named}: reason is required: say why this finding is accepted`, file);
    }
    const entry = { index, id: record.id.trim(), reason: record.reason.trim() };
    if (record.expires !== undefined && record.expires !== null) {
        const expires = toDate(record.expires);
        if (!expires) {
            throw new ScanError('ignore-file', `${where}${named}: expires ${JSON.stringify(String(record.expires))} is not a date; write YYYY-MM-DD, e.g. 2025-09-30`, file);
        }
        entry.expires = expires;
    }
    if (record.path !== undefined && record.path !== null) {
        if (typeof record.path !== 'string' || !record.path.trim()) {
            throw new ScanError('ignore-file', `${where}${named}: path must be a glob or a path prefix, as text`, file);
        }
        entry.path = record.path.trim();
    }
    return entry;
}
/** `YYYY-MM-DD` of a real calendar day, or undefined. */
function toDate(value) {
    if (value instanceof Date && !Number.isNaN(value.getTime()))
        return value.toISOString().slice(0, 10);
    if (typeof value !== 'string')
        return undefined;
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
    if (!m)
        return undefined;
    const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    return date.toISOString().slice(0, 10) === value.trim() ? value.trim() : undefined;
}
/** An exception applies through its `expires` day (UTC) and is expired from the next day on. */
function isExpired(entry, now) {
    return entry.expires !== undefined && now.toISOString().slice(0, 10) > entry.expires;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./build/scan/finding.js

/** Severities, lowest to highest. */
const SEVERITIES = ['none', 'low', 'medium', 'high', 'critical'];
const RANK = { none: 0, low: 1, medium: 2, high: 3, critical: 4 };
function severityRank(severity) {
    return RANK[severity];
}
function isSeverity(value) {
    return typeof value === 'string' && SEVERITIES.includes(value);
}
/** SARIF `security-severity` score buckets, as GitHub code scanning reads them. */
function severityFromScore(score) {
    if (!Number.isFinite(score) || score <= 0)
        return undefined;
    if (score >= 9.0)
        return 'critical';
    if (score >= 7.0)
        return 'high';
    if (score >= 4.0)
        return 'medium';
    return 'low';
}
function severityFromLevel(level) {
    switch (level) {
        case 'error':
            return 'high';
        case 'warning':
            return 'medium';
        case 'note':
            return 'low';
        default:
            return 'none';
    }
}
/** The SARIF level that says the same as a severity (used when writing findings that have no level). */
function levelForSeverity(severity) {
    switch (severity) {
        case 'critical':
        case 'high':
            return 'error';
        case 'medium':
            return 'warning';
        case 'low':
            return 'note';
        default:
            return 'none';
    }
}
/**
 * Parses a `security-severity` value: a string like "9.8" or a number. Anything else
 * (missing, "high", NaN, out of 0..10) is no score.
 */
function parseScore(value) {
    let n;
    if (typeof value === 'number')
        n = value;
    else if (typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value))
        n = Number(value);
    else
        return undefined;
    return Number.isFinite(n) && n >= 0 && n <= 10 ? n : undefined;
}
function highestSeverity(a, b) {
    return RANK[a] >= RANK[b] ? a : b;
}
/** Identity of "rule `id` at `location`"; results without a location are told apart by message. */
function fingerprintOf(id, location, message) {
    const where = location ? `${location.path}:${location.startLine ?? ''}` : `-:${message}`;
    return (0,external_node_crypto_.createHash)('sha256').update(`${id}\u0000${where}`).digest('hex').slice(0, 32);
}
const ALIAS_PATTERN = /\b(CVE-\d{4}-\d{4,}|GHSA(?:-[23456789cfghjmpqrvwx]{4}){3})\b/gi;
/** CVE and GHSA ids mentioned in the given texts, upper-cased CVE / lower-cased GHSA body as GitHub writes them. */
function vulnerabilityIds(...texts) {
    const ids = new Set();
    for (const text of texts) {
        if (!text)
            continue;
        for (const m of text.matchAll(ALIAS_PATTERN)) {
            const id = m[1];
            ids.add(id.toUpperCase().startsWith('CVE') ? id.toUpperCase() : `GHSA${id.slice(4).toLowerCase()}`);
        }
    }
    return [...ids];
}

;// CONCATENATED MODULE: ./build/scan/sarif-writer.js

/** Bytes gathered before a write: large enough to be fast, small enough to keep memory flat. */
const CHUNK = 1 << 20;
/**
 * Writes a SARIF log as JSON, one result a line, in chunks: a merge of tens of thousands of results
 * never becomes one huge string (a pretty-printed copy of 50,000 results is ~40 MB, and its UTF-8
 * buffer as much again). The text parses to the same log (each run's `results` written last).
 */
async function writeSarifLog(file, log) {
    const handle = await (0,promises_.open)(file, 'w');
    try {
        let pending = [];
        let size = 0;
        const push = async (text) => {
            pending.push(text);
            size += text.length;
            if (size >= CHUNK)
                await flush();
        };
        const flush = async () => {
            if (pending.length === 0)
                return;
            const text = pending.join('');
            pending = [];
            size = 0;
            await handle.write(text, null, 'utf8');
        };
        const { runs, ...head } = log;
        await push(`${openObject(head)}"runs":[`);
        for (const [i, run] of runs.entries()) {
            const { results, ...rest } = run;
            await push(`${i === 0 ? '\n' : ',\n'}${openObject(rest)}"results":[`);
            for (const [j, result] of (results ?? []).entries())
                await push(`${j === 0 ? '\n' : ',\n'}${JSON.stringify(result)}`);
            await push(']}');
        }
        await push('\n]}\n');
        await flush();
    }
    finally {
        await handle.close();
    }
}
/** `{"a":1,` for an object with members, `{` for an empty one: the start of an object to continue. */
function openObject(value) {
    const text = JSON.stringify(value);
    return text === '{}' ? '{' : `${text.slice(0, -1)},`;
}

;// CONCATENATED MODULE: ./build/scan/sarif-types.js
/** The parts of SARIF 2.1.0 that shipline reads and writes. Unknown members are kept as they are. */
const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

;// CONCATENATED MODULE: ./build/scan/merge.js





/**
 * One finding per rule and location (the fingerprint), whichever tools reported it: the one with the
 * highest severity (then the highest score) is kept, the names of all the tools are recorded, and
 * CVE/GHSA aliases are pooled. Order follows the first report of each finding.
 */
function dedupeFindings(findings) {
    const byKey = new Map();
    for (const finding of findings) {
        const seen = byKey.get(finding.fingerprint);
        if (!seen) {
            byKey.set(finding.fingerprint, { ...finding, tools: [finding.tool] });
            continue;
        }
        const tools = seen.tools.includes(finding.tool) ? seen.tools : [...seen.tools, finding.tool];
        const aliases = [...new Set([...(seen.aliases ?? []), ...(finding.aliases ?? [])])];
        const winner = stronger(finding, seen) ? finding : seen;
        const merged = { ...winner, tools };
        if (aliases.length)
            merged.aliases = aliases;
        byKey.set(finding.fingerprint, merged);
    }
    return [...byKey.values()];
}
function stronger(candidate, current) {
    const diff = severityRank(candidate.severity) - severityRank(current.severity);
    if (diff !== 0)
        return diff > 0;
    return (candidate.score ?? -1) > (current.score ?? -1);
}
/**
 * One SARIF 2.1.0 log with one run per tool and category (code scanning refuses two runs with the
 * same tool and category in one upload), each rule described once with its `security-severity`,
 * each result with its level, so github/codeql-action/upload-sarif shows the same severities.
 */
function buildMergedSarif(findings, options = {}) {
    const runs = new Map();
    for (const finding of findings) {
        const key = JSON.stringify([finding.tool, finding.category ?? null]);
        let entry = runs.get(key);
        if (!entry) {
            const run = { tool: { driver: { name: finding.tool, rules: [] } }, results: [] };
            if (finding.category)
                run.automationDetails = { id: finding.category };
            entry = { run, ruleIndex: new Map() };
            runs.set(key, entry);
        }
        const rules = entry.run.tool.driver.rules;
        let index = entry.ruleIndex.get(finding.id);
        if (index === undefined) {
            index = rules.length;
            rules.push(ruleFor(finding));
            entry.ruleIndex.set(finding.id, index);
        }
        else {
            raiseRuleScore(rules[index], writtenScore(finding));
        }
        entry.run.results.push(resultFor(finding, index, options));
    }
    return { $schema: SARIF_SCHEMA, version: '2.1.0', runs: [...runs.values()].map((e) => e.run) };
}
/** Writes the merged SARIF to `file` (creating its directory) and returns the log written. */
async function writeMergedSarif(file, findings, options = {}) {
    const log = buildMergedSarif(findings, options);
    await (0,promises_.mkdir)(external_node_path_.dirname(external_node_path_.resolve(file)), { recursive: true });
    await writeSarifLog(file, log);
    return log;
}
function ruleFor(finding) {
    const rule = { id: finding.id };
    const info = finding.rule;
    if (info?.name)
        rule.name = info.name;
    rule.shortDescription = { text: info?.shortDescription ?? finding.id };
    if (info?.fullDescription)
        rule.fullDescription = { text: info.fullDescription };
    if (info?.help)
        rule.help = { ...info.help };
    if (info?.helpUri)
        rule.helpUri = info.helpUri;
    const properties = {};
    const tags = new Set(info?.tags ?? []);
    const score = writtenScore(finding);
    if (finding.source !== 'sarif' || score !== undefined)
        tags.add('security');
    if (tags.size)
        properties.tags = [...tags];
    if (score !== undefined)
        properties['security-severity'] = formatScore(score);
    if (Object.keys(properties).length)
        rule.properties = properties;
    return rule;
}
/** Several results of one rule: the rule carries the highest score (each result keeps its own). */
function raiseRuleScore(rule, score) {
    if (score === undefined)
        return;
    const current = Number(rule.properties?.['security-severity'] ?? -1);
    if (score > current) {
        rule.properties = { ...rule.properties, 'security-severity': formatScore(score) };
        const tags = new Set(rule.properties.tags ?? []);
        tags.add('security');
        rule.properties.tags = [...tags];
    }
}
function resultFor(finding, ruleIndex, options) {
    const result = {
        ruleId: finding.id,
        ruleIndex,
        level: finding.level,
        message: { text: finding.message },
    };
    const where = finding.location ?? { path: fallbackPath(finding, options) };
    const region = where.startLine ? { region: { startLine: where.startLine } } : {};
    result.locations = [{ physicalLocation: { artifactLocation: { uri: toUri(where.path) }, ...region } }];
    const original = finding.raw;
    if (finding.source === 'sarif' && original?.partialFingerprints && finding.location) {
        result.partialFingerprints = { ...original.partialFingerprints };
    }
    const properties = { 'shipline-severity': finding.severity, 'shipline-source': finding.source };
    const score = writtenScore(finding);
    if (score !== undefined)
        properties['security-severity'] = formatScore(score);
    const tools = finding.tools;
    if (tools && tools.length > 1)
        properties['shipline-tools'] = tools;
    if (finding.aliases?.length)
        properties['shipline-aliases'] = finding.aliases;
    result.properties = properties;
    const reason = options.accepted?.get(finding.fingerprint);
    if (reason !== undefined)
        result.suppressions = [{ kind: 'external', status: 'accepted', justification: reason }];
    return result;
}
function fallbackPath(finding, options) {
    if (options.fallbackUri)
        return options.fallbackUri;
    if (finding.origin) {
        const rel = options.workspace ? external_node_path_.relative(options.workspace, external_node_path_.resolve(options.workspace, finding.origin)) : finding.origin;
        if (rel && !rel.startsWith('..') && !external_node_path_.isAbsolute(rel))
            return rel.split(external_node_path_.sep).join('/');
    }
    return '.github';
}
/** A path as a SARIF URI reference: segments percent-encoded, slashes kept. */
function toUri(p) {
    return p
        .split('/')
        .map((segment) => encodeURIComponent(segment))
        .join('/');
}
/** Lowest score of each bucket, for findings whose severity their level alone cannot say. */
const BUCKET_FLOOR = { critical: 9.0, high: 7.0, medium: 4.0, low: 0.1, none: undefined };
/**
 * The score to write: the finding's own, else (an advisory rated `critical` with no CVSS score, say)
 * the bottom of its bucket when the level would read back as another severity.
 */
function writtenScore(finding) {
    if (finding.score !== undefined)
        return finding.score;
    return severityFromLevel(finding.level) === finding.severity ? undefined : BUCKET_FLOOR[finding.severity];
}
/** security-severity is written as a string, exactly as read, so it reads back to the same bucket. */
function formatScore(score) {
    return Number.isInteger(score) ? score.toFixed(1) : String(score);
}

;// CONCATENATED MODULE: ./build/scan/npm-audit-argv.js
/** The `npm audit` command line: JSON report, nothing else changed. */
function npmAuditArgv(options = {}) {
    const argv = ['audit', '--json'];
    if (options.registry)
        argv.push('--registry', options.registry);
    return argv;
}

;// CONCATENATED MODULE: ./build/scan/npm-audit-report.js

const NPM_AUDIT_TOOL = 'npm audit';
const NPM_AUDIT_CATEGORY = 'shipline/npm-audit/';
/**
 * Reads npm's stdout. A report (even with exit code 1, which npm uses for "vulnerabilities found")
 * wins; otherwise npm's error JSON (`{"message", "error": {"code", "summary", "detail"}}`), or the
 * tail of stderr, says what went wrong.
 */
function classifyNpmAuditOutput(stdout, stderr, exitCode) {
    let data;
    try {
        data = stdout.trim() ? JSON.parse(stdout) : undefined;
    }
    catch {
        data = undefined;
    }
    if (isObject(data) && isObject(data.vulnerabilities)) {
        return { kind: 'report', report: data };
    }
    if (isObject(data) && isObject(data.advisories)) {
        return { kind: 'error', message: 'npm printed an npm 6 audit report; npm 7 or later is needed' };
    }
    const parts = [];
    if (isObject(data)) {
        if (typeof data.message === 'string' && data.message)
            parts.push(data.message);
        const error = data.error;
        if (isObject(error)) {
            for (const key of ['code', 'summary', 'detail']) {
                const v = error[key];
                if (typeof v === 'string' && v && !parts.includes(v))
                    parts.push(v);
            }
        }
    }
    if (parts.length === 0) {
        const tail = stderr
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => l && !/^npm (warn|notice) /i.test(l))
            .slice(-3)
            .join(' / ');
        parts.push(tail || `npm audit exited with code ${exitCode ?? 'none'} and printed no report`);
    }
    return { kind: 'error', message: parts.join(': ') };
}
const LABELS = { critical: 'critical', high: 'high', moderate: 'medium', low: 'low', info: 'none' };
/**
 * Severity of an advisory: its CVSS score when it has one (the same buckets as SARIF
 * `security-severity`), else npm's label (critical, high, moderate -> medium, low, info -> none);
 * an advisory without either is `high`, as npm itself assumes.
 */
function advisorySeverity(advisory) {
    const score = parseScore(advisory.cvss?.score);
    const fromScore = score !== undefined ? severityFromScore(score) : undefined;
    if (fromScore)
        return { severity: fromScore, score: score };
    return { severity: LABELS[String(advisory.severity).toLowerCase()] ?? 'high' };
}
/** GHSA id from an advisory URL (https://github.com/advisories/GHSA-xxxx-xxxx-xxxx). */
function ghsaFromUrl(url) {
    return vulnerabilityIds(url).find((id) => id.startsWith('GHSA'));
}
/** One finding per advisory and package; packages that are vulnerable only through a dependency are left to that dependency's finding. */
function npmAuditFindings(report, options) {
    const findings = [];
    const seen = new Set();
    const lockfile = options.lockfileText ? parseLockfile(options.lockfileText) : undefined;
    for (const [key, vuln] of Object.entries(report.vulnerabilities)) {
        if (!isObject(vuln) || !Array.isArray(vuln.via))
            continue;
        const name = typeof vuln.name === 'string' ? vuln.name : key;
        for (const advisory of vuln.via) {
            if (!isObject(advisory))
                continue;
            const id = ghsaFromUrl(advisory.url) ?? `npm-advisory-${advisory.source}`;
            if (seen.has(`${id}\u0000${name}`))
                continue;
            seen.add(`${id}\u0000${name}`);
            const { severity, score } = advisorySeverity(advisory);
            const node = Array.isArray(vuln.nodes) ? vuln.nodes[0] : undefined;
            const location = { path: options.lockfilePath };
            const line = lockfile && node ? lockfile.lines.get(node) : undefined;
            if (line)
                location.startLine = line;
            const versions = lockfile ? installedVersions(lockfile, vuln.nodes ?? []) : [];
            const message = describe(name, versions, advisory, vuln.fixAvailable);
            const finding = {
                id,
                tool: NPM_AUDIT_TOOL,
                category: NPM_AUDIT_CATEGORY,
                severity,
                level: levelForSeverity(severity),
                message,
                location,
                source: 'npm-audit',
                fingerprint: fingerprintOf(id, location, message),
                rule: {
                    shortDescription: advisory.title ?? id,
                    ...(advisory.url ? { helpUri: advisory.url } : {}),
                    tags: ['security', 'dependency', ...(advisory.cwe ?? []).map((c) => `external/cwe/${c.toLowerCase()}`)],
                },
                origin: options.lockfilePath,
                raw: { package: name, advisory },
            };
            if (score !== undefined)
                finding.score = score;
            const aliases = vulnerabilityIds(id, advisory.url);
            if (aliases.length)
                finding.aliases = aliases;
            findings.push(finding);
        }
    }
    return findings;
}
function describe(name, versions, advisory, fix) {
    const installed = versions.length ? `${name}@${versions.join(', ')}` : name;
    const range = advisory.range ? ` (vulnerable: ${advisory.range})` : '';
    let remedy;
    if (fix === true)
        remedy = 'Fix: npm audit fix.';
    else if (isObject(fix))
        remedy = `Fix: ${fix.name}@${fix.version}${fix.isSemVerMajor ? ' (semver-major)' : ''}.`;
    else
        remedy = 'No fix available.';
    return `${installed}: ${advisory.title ?? 'vulnerable dependency'}${range}. ${remedy}`;
}
function parseLockfile(text) {
    const lines = new Map();
    text.split('\n').forEach((line, i) => {
        const m = /^\s*"((?:[^"\\]|\\.)*node_modules\/(?:[^"\\]|\\.)*)"\s*:\s*\{/.exec(line);
        if (m && !lines.has(m[1]))
            lines.set(m[1], i + 1);
    });
    const versions = new Map();
    try {
        const data = JSON.parse(text);
        for (const [key, pkg] of Object.entries(data.packages ?? {})) {
            if (pkg && typeof pkg.version === 'string')
                versions.set(key, pkg.version);
        }
    }
    catch {
        // A lockfile npm could audit is JSON; without versions the messages just name the package.
    }
    return { lines, versions };
}
function installedVersions(lockfile, nodes) {
    return [...new Set(nodes.map((n) => lockfile.versions.get(n)).filter((v) => Boolean(v)))];
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- outside JSON, each field checked where it is read
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// EXTERNAL MODULE: ./build/core/exec.js
var core_exec = __webpack_require__(8801);
;// CONCATENATED MODULE: ./build/scan/npm-audit.js






/** npm's lockfiles, in the order npm prefers them. */
const NPM_LOCKFILES = ['npm-shrinkwrap.json', 'package-lock.json'];
/**
 * Runs `npm audit --json` where an npm lockfile exists and turns its report into findings.
 * `auto`: no lockfile -> skipped; npm failing or its advisory source unreachable -> `ran: false`
 * with a warning (never a silent pass). `true`: both are errors. `false`: not run.
 */
async function runNpmAudit(options) {
    if (options.mode === 'false')
        return { ran: false, reason: 'disabled', note: 'npm-audit is false' };
    const lockfile = await findLockfile(options.cwd);
    if (!lockfile) {
        const note = `no ${NPM_LOCKFILES.join(' or ')} in ${options.cwd}`;
        if (options.mode === 'true')
            throw new ScanError('npm-audit', `npm-audit is true but there is ${note}; commit the lockfile or set npm-audit: auto`);
        return { ran: false, reason: 'no-lockfile', note };
    }
    const command = npmAuditArgv(options.registry ? { registry: options.registry } : {});
    const argv = command.map(redactUrls);
    const exec = options.exec ?? core_exec/* processExec */.l$;
    const npm = options.npm ?? 'npm';
    const timeoutMs = options.timeoutMs ?? 300_000;
    const result = await exec.argv(npm, command, {
        cwd: options.cwd,
        baseEnv: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', ...options.env },
        timeoutMs,
        onLine: null,
    });
    const failed = result.notFound ? `${npm} not found on PATH` : result.timedOut ? `timed out after ${timeoutMs} ms` : undefined;
    const output = failed ? { kind: 'error', message: failed } : classifyNpmAuditOutput(result.stdout, result.stderr, result.code);
    if (output.kind === 'error') {
        const why = redactUrls(output.message);
        if (options.mode === 'true')
            throw new ScanError('npm-audit', `npm-audit is true but npm audit produced no report: ${why}`);
        return {
            ran: false,
            reason: 'unavailable',
            note: why,
            warning: `npm audit could not run, so dependencies were NOT audited: ${why}. Set ` +
                `npm-audit: false to skip it on purpose, or true to fail when it cannot run.`,
            argv,
        };
    }
    const lockfileText = await (0,promises_.readFile)(lockfile, 'utf8').catch(() => undefined);
    const lockfilePath = toPosix(external_node_path_.relative(options.workspace ?? options.cwd, lockfile)) || external_node_path_.basename(lockfile);
    const findings = npmAuditFindings(output.report, { lockfilePath, ...(lockfileText ? { lockfileText } : {}) });
    return { ran: true, findings, lockfile: lockfilePath, argv };
}
async function findLockfile(dir) {
    for (const name of NPM_LOCKFILES) {
        const file = external_node_path_.join(dir, name);
        if (await (0,promises_.access)(file).then(() => true, () => false))
            return file;
    }
    return undefined;
}
/** Credentials in URLs (`https://user:token@host`) never reach a message. */
function redactUrls(text) {
    return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi, '$1***@');
}
function toPosix(p) {
    return p.split(external_node_path_.sep).join('/');
}

;// CONCATENATED MODULE: ./build/scan/path-pattern.js
/**
 * Matches a workspace-relative path against an ignore entry's `path`: a glob (`*` within a
 * segment, `**` across segments, `?`, `{a,b}`, `[abc]`) matched against the whole path, or, with no
 * glob characters, a prefix (`src/legacy` matches `src/legacy` and everything under it).
 */
function matchesPathPattern(pattern, filePath) {
    const p = normalise(pattern);
    const file = normalise(filePath);
    if (!p)
        return false;
    if (!/[*?[\]{}]/.test(p)) {
        const prefix = p.replace(/\/+$/, '');
        return file === prefix || file.startsWith(`${prefix}/`);
    }
    return globToRegExp(p).test(file);
}
function globToRegExp(glob) {
    let out = '';
    let braces = 0;
    for (let i = 0; i < glob.length; i++) {
        const c = glob[i];
        if (c === '*') {
            if (glob[i + 1] === '*') {
                const atStart = i === 0 || glob[i - 1] === '/';
                const slashAfter = glob[i + 2] === '/';
                if (atStart && slashAfter) {
                    out += '(?:.*/)?';
                    i += 2;
                }
                else {
                    out += '.*';
                    i += 1;
                }
            }
            else {
                out += '[^/]*';
            }
        }
        else if (c === '?') {
            out += '[^/]';
        }
        else if (c === '[') {
            const end = glob.indexOf(']', i + 1);
            if (end === -1) {
                out += '\\[';
            }
            else {
                const body = glob
                    .slice(i + 1, end)
                    .replace(/^!/, '^')
                    .replace(/\\/g, '\\\\');
                out += `[${body}]`;
                i = end;
            }
        }
        else if (c === '{') {
            braces++;
            out += '(?:';
        }
        else if (c === '}' && braces > 0) {
            braces--;
            out += ')';
        }
        else if (c === ',' && braces > 0) {
            out += '|';
        }
        else {
            out += c.replace(/[.+^$()|\\/{}]/g, '\\$&');
        }
    }
    return new RegExp(`^${out}$`);
}
function normalise(p) {
    return p
        .trim()
        .replace(/\\/g, '/')
        .replace(/^(\.\/)+/, '')
        .replace(/^\/+/, '');
}

;// CONCATENATED MODULE: ./build/scan/policy.js



/** Whether a severity blocks at a threshold. */
function blocks(severity, threshold) {
    return threshold !== 'none' && severityRank(severity) >= severityRank(threshold);
}
/** Whether an exception names this finding (id or CVE/GHSA alias) at this place (its `path`, if any). */
function exceptionMatches(entry, finding) {
    const id = entry.id.toLowerCase();
    const named = finding.id.toLowerCase() === id || (finding.aliases ?? []).some((a) => a.toLowerCase() === id);
    if (!named)
        return false;
    if (entry.path === undefined)
        return true;
    return finding.location !== undefined && matchesPathPattern(entry.path, finding.location.path);
}
function evaluatePolicy(findings, options) {
    const now = (options.now ?? (() => new Date()))();
    const exceptions = options.exceptions ?? [];
    const live = exceptions.filter((e) => !isExpired(e, now));
    const stale = exceptions.filter((e) => isExpired(e, now));
    const appliedCount = new Map();
    const staleCount = new Map(stale.map((e) => [e, 0]));
    const active = [];
    const ignored = [];
    for (const finding of findings) {
        const exception = live.find((e) => exceptionMatches(e, finding));
        for (const e of stale)
            if (exceptionMatches(e, finding))
                staleCount.set(e, staleCount.get(e) + 1);
        if (exception) {
            ignored.push({ finding, exception });
            appliedCount.set(exception, (appliedCount.get(exception) ?? 0) + 1);
        }
        else {
            active.push(finding);
        }
    }
    active.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
    const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
    const countsBySource = { sarif: 0, secrets: 0, 'npm-audit': 0 };
    for (const f of active) {
        counts[f.severity]++;
        countsBySource[f.source]++;
    }
    const blocking = active.filter((f) => blocks(f.severity, options.threshold));
    return {
        result: blocking.length ? 'fail' : 'pass',
        threshold: options.threshold,
        counts,
        countsBySource,
        active,
        blocking,
        ignored,
        applied: live.filter((e) => appliedCount.has(e)).map((e) => ({ exception: e, matched: appliedCount.get(e) })),
        expired: stale.map((e) => ({ exception: e, matched: staleCount.get(e) })),
        unused: live.filter((e) => !appliedCount.has(e)),
    };
}

// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: ./build/core/parse-errors.js
var parse_errors = __webpack_require__(1589);
;// CONCATENATED MODULE: ./build/scan/sarif.js






/** Reads one SARIF 2.1.0 file into findings. Errors name the file. */
async function readSarifFile(file, options = {}) {
    let text;
    try {
        text = await (0,promises_.readFile)(file, 'utf8');
    }
    catch (err) {
        throw new ScanError('sarif', `cannot read SARIF file (${err.code ?? String(err)})`, file);
    }
    return parseSarif(text, file, options);
}
/** Parses SARIF text; `file` is only used in messages and as the findings' origin. */
function parseSarif(text, file, options = {}) {
    const log = toSarifLog(text, file);
    const findings = [];
    let suppressed = 0;
    log.runs.forEach((run, runIndex) => {
        if (!sarif_isObject(run) || !sarif_isObject(run.tool) || !sarif_isObject(run.tool.driver)) {
            throw new ScanError('sarif', `runs[${runIndex}] has no tool.driver, so it is not valid SARIF 2.1.0`, file);
        }
        const results = Array.isArray(run.results) ? run.results : [];
        for (const result of results) {
            if (!sarif_isObject(result))
                continue;
            if (result.kind === 'pass' || result.kind === 'notApplicable')
                continue;
            if (isSuppressed(result)) {
                suppressed++;
                continue;
            }
            findings.push(toFinding(run, result, file, options));
        }
    });
    return { file, findings, suppressed };
}
function toSarifLog(text, file) {
    let data;
    try {
        data = JSON.parse(text.replace(/^\uFEFF/, ''));
    }
    catch (err) {
        // Where and what, never the file's text: the path may name any file.
        throw new ScanError('sarif', `not valid JSON, so not a SARIF file (${(0,parse_errors/* describeSyntaxProblem */.gi)((0,parse_errors/* jsonSyntaxProblem */.F1)(err, text.replace(/^\uFEFF/, '')))})`, file);
    }
    if (!sarif_isObject(data) || !('version' in data) || !Array.isArray(data.runs)) {
        throw new ScanError('sarif', `JSON but not SARIF: expected an object with "version": "2.1.0" and a "runs" array`, file);
    }
    if (data.version !== '2.1.0') {
        throw new ScanError('sarif', `SARIF version ${JSON.stringify(data.version)} is not supported; expected "2.1.0"`, file);
    }
    return data;
}
function toFinding(run, result, file, options) {
    const rule = findRule(run, result);
    const id = result.ruleId ?? result.rule?.id ?? rule?.id ?? 'unknown-rule';
    const level = levelOf(result, rule);
    const score = parseScore(result.properties?.['security-severity']) ?? parseScore(rule?.properties?.['security-severity']);
    const severity = (score !== undefined ? severityFromScore(score) : undefined) ?? severityFromLevel(level);
    const message = messageOf(result.message, rule) ?? id;
    const location = locationOf(run, result, options.workspace);
    const category = typeof run.automationDetails?.id === 'string' && run.automationDetails.id ? run.automationDetails.id : undefined;
    const aliases = vulnerabilityIds(id, rule?.name, rule?.helpUri);
    const finding = {
        id,
        tool: typeof run.tool.driver.name === 'string' && run.tool.driver.name ? run.tool.driver.name : 'unknown tool',
        severity,
        level,
        message,
        source: options.source ?? 'sarif',
        fingerprint: fingerprintOf(id, location, message),
        origin: file,
        raw: result,
    };
    if (category)
        finding.category = category;
    if (score !== undefined)
        finding.score = score;
    if (location)
        finding.location = location;
    if (aliases.length)
        finding.aliases = aliases;
    if (rule)
        finding.rule = describeRule(rule);
    return finding;
}
/**
 * The rule a result refers to, looked up the way GitHub code scanning does: by `rule.index` /
 * `ruleIndex` in the tool component named by `rule.toolComponent.index` (the driver when absent),
 * then by id across the driver and every extension (CodeQL keeps its rules in extensions).
 */
function findRule(run, result) {
    const driver = run.tool.driver;
    const extensions = Array.isArray(run.tool.extensions) ? run.tool.extensions : [];
    const id = result.ruleId ?? result.rule?.id;
    const componentIndex = result.rule?.toolComponent?.index;
    const component = componentIndex === undefined ? driver : extensions[componentIndex];
    const index = result.rule?.index ?? result.ruleIndex;
    if (component && typeof index === 'number' && index >= 0) {
        const candidate = rulesOf(component)[index];
        if (candidate && (id === undefined || candidate.id === id))
            return candidate;
    }
    if (id === undefined)
        return undefined;
    for (const c of [driver, ...extensions]) {
        const match = rulesOf(c).find((r) => r.id === id);
        if (match)
            return match;
    }
    return undefined;
}
function rulesOf(component) {
    return component && Array.isArray(component.rules) ? component.rules.filter(sarif_isObject) : [];
}
const LEVELS = ['error', 'warning', 'note', 'none'];
function levelOf(result, rule) {
    const explicit = result.level ?? rule?.defaultConfiguration?.level;
    return LEVELS.includes(explicit) ? explicit : 'warning';
}
function messageOf(message, rule) {
    if (message?.text)
        return message.text;
    if (message?.markdown)
        return message.markdown;
    if (message?.id && rule?.messageStrings?.[message.id]?.text) {
        const args = message.arguments ?? [];
        return rule.messageStrings[message.id].text.replace(/\{(\d+)\}/g, (whole, n) => args[Number(n)] ?? whole);
    }
    return rule?.shortDescription?.text ?? rule?.fullDescription?.text;
}
function locationOf(run, result, workspace) {
    const physical = Array.isArray(result.locations) ? result.locations[0]?.physicalLocation : undefined;
    const artifact = physical?.artifactLocation;
    let uri = artifact?.uri;
    if (!uri && typeof artifact?.index === 'number')
        uri = run.artifacts?.[artifact.index]?.location?.uri;
    const filePath = uri ? normalisePath(uri, workspace) : undefined;
    if (!filePath)
        return undefined;
    const startLine = physical?.region?.startLine;
    return typeof startLine === 'number' && startLine > 0 ? { path: filePath, startLine } : { path: filePath };
}
/** A SARIF artifact URI as a workspace-relative path with forward slashes. */
function normalisePath(uri, workspace) {
    let p = uri.trim();
    if (!p)
        return undefined;
    if (/^file:/i.test(p)) {
        try {
            p = (0,external_node_url_.fileURLToPath)(p);
        }
        catch {
            p = safeDecode(p.replace(/^file:\/*/i, '/'));
        }
    }
    else {
        p = safeDecode(p);
    }
    if (workspace && external_node_path_.isAbsolute(p)) {
        const rel = external_node_path_.relative(workspace, p);
        if (rel && !rel.startsWith('..') && !external_node_path_.isAbsolute(rel))
            p = rel;
    }
    p = p.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
    return p || undefined;
}
function safeDecode(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return text;
    }
}
function describeRule(rule) {
    const out = {};
    if (rule.name)
        out.name = rule.name;
    if (rule.shortDescription?.text)
        out.shortDescription = rule.shortDescription.text;
    if (rule.fullDescription?.text)
        out.fullDescription = rule.fullDescription.text;
    if (rule.helpUri)
        out.helpUri = rule.helpUri;
    if (rule.help && (rule.help.text || rule.help.markdown)) {
        out.help = {};
        if (rule.help.text)
            out.help.text = rule.help.text;
        if (rule.help.markdown)
            out.help.markdown = rule.help.markdown;
    }
    const tags = rule.properties?.tags;
    if (Array.isArray(tags))
        out.tags = tags.filter((t) => typeof t === 'string');
    return out;
}
function isSuppressed(result) {
    if (!Array.isArray(result.suppressions) || result.suppressions.length === 0)
        return false;
    return result.suppressions.some((s) => sarif_isObject(s) && (s.status === undefined || s.status === 'accepted'));
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- outside JSON, each field checked where it is read
function sarif_isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// EXTERNAL MODULE: ./node_modules/tinyglobby/dist/index.mjs + 1 modules
var tinyglobby_dist = __webpack_require__(6448);
;// CONCATENATED MODULE: ./build/scan/sarif-files.js




/**
 * Turns the `sarif:` input (paths, directories or globs, relative to `cwd`) into files.
 * A plain path that does not exist is an error; a directory means every `*.sarif` file under it,
 * as github/codeql-action/upload-sarif reads a directory.
 */
async function resolveSarifPaths(patterns, cwd) {
    const files = new Set();
    const unmatched = [];
    for (const raw of patterns) {
        const pattern = raw.trim();
        if (!pattern)
            continue;
        if ((0,tinyglobby_dist/* isDynamicPattern */.ey)(pattern)) {
            const found = await (0,tinyglobby_dist/* glob */.TI)(pattern, { cwd, absolute: true, dot: true, onlyFiles: true, expandDirectories: false });
            if (found.length === 0)
                unmatched.push(pattern);
            for (const f of found)
                files.add(external_node_path_.normalize(f));
            continue;
        }
        const absolute = external_node_path_.resolve(cwd, pattern);
        const info = await (0,promises_.stat)(absolute).catch(() => undefined);
        if (!info)
            throw new ScanError('sarif', `${pattern} does not exist (looked in ${cwd})`);
        if (info.isDirectory()) {
            const found = await (0,tinyglobby_dist/* glob */.TI)('**/*.sarif', { cwd: absolute, absolute: true, dot: true, onlyFiles: true });
            if (found.length === 0)
                unmatched.push(pattern);
            for (const f of found)
                files.add(external_node_path_.normalize(f));
        }
        else {
            files.add(absolute);
        }
    }
    return { files: [...files].sort(), unmatched };
}

// EXTERNAL MODULE: ./node_modules/@secretlint/core/module/index.js + 17 modules
var core_module = __webpack_require__(198);
// EXTERNAL MODULE: ./node_modules/@secretlint/secretlint-rule-preset-recommend/module/index.js
var secretlint_rule_preset_recommend_module = __webpack_require__(1577);
// EXTERNAL MODULE: ./node_modules/ignore/index.js
var ignore = __webpack_require__(298);
;// CONCATENATED MODULE: ./build/scan/workspace-files.js



/** Directories never scanned, at any depth. */
const ALWAYS_SKIPPED_DIRS = ['.git', 'node_modules', 'dist'];
/**
 * Every regular file under `root` that git would not ignore: .gitignore files are read in every
 * directory (a deeper file can re-include what a higher one ignored, as in git), plus
 * .git/info/exclude; `.git`, `node_modules` and `dist` are skipped wherever they are; symbolic links
 * are not followed.
 */
async function listWorkspaceFiles(root, skipDirs = ALWAYS_SKIPPED_DIRS) {
    const absoluteRoot = external_node_path_.resolve(root);
    const files = [];
    let gitignored = 0;
    const skip = new Set(skipDirs);
    const rootMatchers = [];
    const exclude = await readText(external_node_path_.join(absoluteRoot, '.git', 'info', 'exclude'));
    if (exclude)
        rootMatchers.push({ base: '', rules: ignore().add(exclude) });
    async function walk(dir, relDir, inherited) {
        const matchers = [...inherited];
        const gitignore = await readText(external_node_path_.join(dir, '.gitignore'));
        if (gitignore)
            matchers.push({ base: relDir, rules: ignore().add(gitignore) });
        const entries = await (0,promises_.readdir)(dir, { withFileTypes: true }).catch(() => []);
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        for (const entry of entries) {
            const relative = relDir ? `${relDir}/${entry.name}` : entry.name;
            if (entry.isDirectory()) {
                if (skip.has(entry.name))
                    continue;
                if (isIgnored(matchers, relative, true)) {
                    gitignored++;
                    continue;
                }
                await walk(external_node_path_.join(dir, entry.name), relative, matchers);
            }
            else if (entry.isFile()) {
                if (isIgnored(matchers, relative, false)) {
                    gitignored++;
                    continue;
                }
                files.push({ absolute: external_node_path_.join(dir, entry.name), relative });
            }
        }
    }
    await walk(absoluteRoot, '', rootMatchers);
    return { files, gitignored };
}
/** Git's rule: the deepest .gitignore with an opinion wins, and within one file the last matching line. */
function isIgnored(matchers, relative, isDir) {
    let ignored = false;
    for (const m of matchers) {
        const local = m.base ? relative.slice(m.base.length + 1) : relative;
        const verdict = m.rules.test(isDir ? `${local}/` : local);
        if (verdict.ignored)
            ignored = true;
        else if (verdict.unignored)
            ignored = false;
    }
    return ignored;
}
async function readText(file) {
    try {
        return await (0,promises_.readFile)(file, 'utf8');
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./build/scan/secrets.js





const SECRETS_TOOL = 'secretlint';
const SECRETS_CATEGORY = 'shipline/secrets/';
/** Files larger than this are not read (lockfiles and bundles are big; keys and configs are small). */
const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
const AWS_RULE_ID = '@secretlint/secretlint-rule-aws';
const upstreamAws = secretlint_rule_preset_recommend_module/* rules */.a.find((rule) => rule.meta.id === AWS_RULE_ID);
/**
 * An AWS secret access key as the files that hold one write it (`aws_secret_access_key = ...`,
 * `AWS_SECRET_ACCESS_KEY=...`, `"SecretAccessKey": "..."`): secretlint's own pattern, but ended by
 * "no further key character" where secretlint asks for a word boundary. A key whose last character
 * is `/` or `+` (about 3% of real keys) has no word boundary after it, so secretlint misses it.
 */
const AWS_SECRET_KEY_PATTERN = /["']?(?:AWS|aws|Aws)?_?(?:SECRET|secret|Secret)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)["']?\s*(?::|=>|=)\s*["']?([A-Za-z0-9/+=]{40})["']?(?![A-Za-z0-9/+=])/g;
/**
 * secretlint's AWS rule, plus the secret keys it misses (ending in `/` or `+`), reported under the
 * same rule and message, so an ignore entry or a SARIF rule covers every AWS secret key alike.
 */
const awsRule = {
    ...upstreamAws,
    create(context, options) {
        const upstream = upstreamAws.create(context, options);
        const t = context.createTranslator(upstreamAws.messages);
        return {
            ...upstream,
            file(source) {
                void upstream.file?.(source);
                for (const match of source.content.matchAll(AWS_SECRET_KEY_PATTERN)) {
                    const key = match[1];
                    // Keys ending in a word character are secretlint's own findings already.
                    if (/\w$/.test(key))
                        continue;
                    const start = (match.index ?? 0) + match[0].lastIndexOf(key);
                    context.report({ message: t('AWSSecretAccessKey', { KEY: key }), range: [start, start + key.length] });
                }
            },
        };
    },
};
/**
 * The recommended secretlint rules, with AWS access key ids reported too (an id next to its secret
 * key is half of a leaked pair, and GitHub's own secret scanning reports it), and the AWS rule
 * completed for secret keys ending in `/` or `+` (`awsRule`).
 */
function secretlintConfig() {
    return {
        // The preset's rules one by one, the AWS rule replaced (a preset rule cannot be swapped out).
        rules: secretlint_rule_preset_recommend_module/* rules */.a.map((rule) => rule.meta.id === AWS_RULE_ID ? { id: AWS_RULE_ID, rule: awsRule, options: { enableIDScanRule: true } } : { id: rule.meta.id, rule }),
    };
}
/**
 * Scans the workspace for secrets with secretlint. Every finding is at least `high`. Messages
 * name the kind of secret and where it is, never its value.
 */
async function scanSecrets(workspace, options = {}) {
    const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    const listing = await listWorkspaceFiles(workspace);
    const config = secretlintConfig();
    const findings = [];
    const skipped = { gitignored: listing.gitignored, binary: 0, large: 0 };
    let filesScanned = 0;
    for (const file of listing.files) {
        const content = await readTextFile(file.absolute, maxBytes);
        if (content === 'large' || content === 'binary') {
            skipped[content]++;
            continue;
        }
        if (content === undefined)
            continue;
        filesScanned++;
        const result = await (0,core_module/* lintSource */.n)({
            source: { content, filePath: file.absolute, contentType: 'text' },
            options: { config, maskSecrets: true },
        });
        for (const message of result.messages) {
            if (message.type === 'message')
                findings.push(secrets_toFinding(message, file.relative, workspace));
        }
    }
    return { findings, filesScanned, skipped };
}
function secrets_toFinding(message, relative, workspace) {
    const id = message.ruleId;
    const startLine = message.loc.start.line;
    const location = { path: relative, startLine };
    const text = `Possible secret (${message.messageId}) found by ${id}. Remove it from ` +
        `the repository and revoke it; rewriting history does not un-leak it.`;
    return {
        id,
        tool: SECRETS_TOOL,
        category: SECRETS_CATEGORY,
        severity: 'high',
        level: 'error',
        message: text,
        location,
        source: 'secrets',
        fingerprint: fingerprintOf(id, location, text),
        aliases: [message.messageId],
        rule: {
            shortDescription: `Secret in the workspace (${id.replace(/^@secretlint\/secretlint-rule-/, '')})`,
            ...(message.docsUrl ? { helpUri: message.docsUrl } : {}),
            tags: ['security', 'secret'],
        },
        origin: workspace,
        // Only where and which rule: secretlint's message and data hold (masked) secret material.
        raw: { ruleId: id, messageId: message.messageId, loc: message.loc, range: message.range },
    };
}
/** The file as UTF-8 text, or why it is not scanned. NUL bytes in the first 8000 mean binary, as git decides. */
async function readTextFile(file, maxBytes) {
    let handle;
    try {
        handle = await (0,promises_.open)(file, 'r');
    }
    catch {
        return undefined;
    }
    try {
        const { size } = await handle.stat();
        if (size > maxBytes)
            return 'large';
        const buffer = await handle.readFile();
        if (buffer.subarray(0, 8000).includes(0))
            return 'binary';
        return buffer.toString('utf8');
    }
    catch {
        return undefined;
    }
    finally {
        await handle.close();
    }
}

;// CONCATENATED MODULE: ./build/scan/run-scan.js









/**
 * Runs the scan: reads the ignore file first (a bad one stops everything before any work), then the
 * SARIF files, the secret scan and npm audit; de-duplicates; applies the policy; writes the merged
 * SARIF (accepted findings marked as suppressed) and returns what the action reports.
 */
async function runScan(settings, seams = {}) {
    const workspace = external_node_path_.resolve(settings.workspace);
    const exceptions = await loadIgnoreFile(external_node_path_.resolve(workspace, settings.ignoreFile), { required: settings.ignoreFileRequired ?? false });
    const warnings = [];
    const collected = [];
    const { files, unmatched } = await resolveSarifPaths(settings.sarif, workspace);
    for (const pattern of unmatched)
        warnings.push(`sarif: ${pattern} matched no file`);
    let toolSuppressed = 0;
    for (const file of files) {
        const read = await readSarifFile(file, { workspace });
        collected.push(...read.findings);
        toolSuppressed += read.suppressed;
    }
    let secrets;
    if (settings.secrets) {
        const { findings, ...rest } = await scanSecrets(workspace);
        collected.push(...findings);
        secrets = rest;
    }
    const npmAudit = await runNpmAudit({
        cwd: external_node_path_.resolve(workspace, settings.npmAuditDirectory ?? '.'),
        workspace,
        mode: settings.npmAudit,
        ...(settings.registry ? { registry: settings.registry } : {}),
        ...(seams.exec ? { exec: seams.exec } : {}),
        ...(seams.env ? { env: seams.env } : {}),
    });
    if (npmAudit.ran)
        collected.push(...npmAudit.findings);
    else if (npmAudit.warning)
        warnings.push(npmAudit.warning);
    const findings = dedupeFindings(collected);
    const policy = evaluatePolicy(findings, { threshold: settings.threshold, exceptions, ...(seams.now ? { now: seams.now } : {}) });
    for (const { exception } of policy.expired) {
        warnings.push(`${settings.ignoreFile}: exception ignore[${exception.index}] for ` +
            `${exception.id} expired on ${exception.expires}; it no longer applies`);
    }
    const output = external_node_path_.resolve(workspace, settings.output);
    const accepted = new Map(policy.ignored.map(({ finding, exception }) => [finding.fingerprint, exception.reason]));
    try {
        await writeMergedSarif(output, findings, { workspace, accepted });
    }
    catch (err) {
        const code = (0,errors/* errnoCode */.UK)(err);
        if (!code)
            throw err;
        throw new errors/* UserError */.yo(`Input "output": the merged SARIF cannot be written to ${output} (${code}). Accepted: a file path in a writable directory.`);
    }
    return {
        outputs: {
            result: policy.result,
            critical: policy.counts.critical,
            high: policy.counts.high,
            medium: policy.counts.medium,
            low: policy.counts.low,
            blocking: policy.blocking.length,
            sarif: output,
        },
        policy,
        findings,
        sarifFiles: files,
        toolSuppressed,
        ...(secrets ? { secrets } : {}),
        npmAudit,
        warnings,
    };
}

;// CONCATENATED MODULE: ./build/scan/scan-error-message.js

/**
 * One clear line for a problem the scan library found in what the user gave it, built from the
 * error's parts (input, file, problem), naming the input and the file:
 * `Input "sarif", file reports/trivy.sarif: not valid JSON, ... Accepted: ...`.
 */
function describeScanError(err, context) {
    const workspace = external_node_path_.resolve(context.workspace);
    const inWorkspace = (text) => text.split(`${workspace}${external_node_path_.sep}`).join('');
    const head = err.file !== undefined ? `Input "${err.scanInput}", file ${toRelative(err.file, workspace)}` : `Input "${err.scanInput}"`;
    const described = `${head}: ${inWorkspace(err.problem)}`;
    return described.includes('Accepted:') ? described : `${described.replace(/\.?$/, '.')} Accepted: ${ACCEPTED[err.scanInput]}.`;
}
/** The accepted form of each input a scan error can be about. */
const ACCEPTED = {
    sarif: 'paths or globs of SARIF 2.1.0 JSON files, one a line or separated by commas',
    'ignore-file': 'a YAML file with "ignore:", a list of exceptions of id, reason and expires (YYYY-MM-DD), and optionally path',
    'npm-audit': 'auto, true (needs a lockfile and the advisory source) or false',
};
function toRelative(file, workspace) {
    const rel = external_node_path_.relative(workspace, external_node_path_.resolve(workspace, file));
    return rel && !rel.startsWith('..') && !external_node_path_.isAbsolute(rel) ? rel : file;
}

;// CONCATENATED MODULE: ./build/scan/sarif-input.js

const SARIF_INPUT_FORM = 'SARIF file paths, directories or globs, one a line or separated by commas (reports/*.sarif)';
/**
 * Splits the `sarif:` input into patterns by the one list grammar (core/fields.ts): one a line, or
 * separated by commas outside braces, so `reports/*.{sarif,json}` stays one glob.
 */
function splitPatterns(text) {
    return f.splitList(text);
}
/** The `sarif:` field: text as above, or a YAML list in the config file. */
function sarifPatternsField() {
    return fields/* list */.p_({ form: SARIF_INPUT_FORM, default: [] });
}

// EXTERNAL MODULE: ./build/core/links.js
var links = __webpack_require__(3163);
// EXTERNAL MODULE: ./build/core/paths.js
var paths = __webpack_require__(6182);
// EXTERNAL MODULE: ./build/core/summary.js
var core_summary = __webpack_require__(7166);
;// CONCATENATED MODULE: ./build/scan/summary.js






/** Rows shown before a list is folded away or cut (the job summary is limited to 1 MiB). */
const INLINE_ROWS = 25;
const MAX_ROWS = 200;
const SHOWN = ['critical', 'high', 'medium', 'low'];
const MARK = { critical: '🟥 critical', high: '🟧 high', medium: '🟨 medium', low: '🟦 low', none: '⬜ none' };
/** The verdict line: what the scan decided, and what it could not check. */
function scanVerdict(report, failOnFindings) {
    const { policy } = report;
    const auditMissed = !report.npmAudit.ran && report.npmAudit.reason === 'unavailable';
    const caveat = auditMissed ? '; npm audit did NOT run, so dependencies were not audited' : '';
    if (policy.result === 'fail') {
        const how = failOnFindings ? '' : ' (reported only: fail-on-findings is false)';
        return { status: 'fail', text: `${(0,plural/* plural */.L)(policy.blocking.length, 'blocking finding')} at or above ${policy.threshold}${how}${caveat}` };
    }
    const total = policy.active.length;
    const text = policy.threshold === 'none'
        ? `Nothing blocks (severity-threshold: none); ${(0,plural/* plural */.L)(total, 'finding')} reported${caveat}`
        : `No finding at or above ${policy.threshold}; ${(0,plural/* plural */.L)(total, 'finding')} below it${caveat}`;
    return { status: 'pass', text };
}
/** `path:line`, or a dash when the finding has no location. */
function locationText(finding) {
    if (!finding.location)
        return '—';
    return finding.location.startLine ? `${finding.location.path}:${finding.location.startLine}` : finding.location.path;
}
/** Who reported a finding: every tool after de-duplication. */
function sourceText(finding) {
    const tools = finding.tools ?? [finding.tool];
    return tools.join(', ');
}
/** The first line of a message, cut to a readable length. */
function shortMessage(message, max = 160) {
    const line = message
        .split(/\r?\n/)
        .find((l) => l.trim() !== '')
        ?.trim() ?? '';
    return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
/** Findings in force by source (tool) and severity, with a total row. */
function countsBySourceRows(findings) {
    const bySource = new Map();
    const zero = () => ({ none: 0, low: 0, medium: 0, high: 0, critical: 0 });
    const total = zero();
    for (const f of findings) {
        const key = f.source === 'sarif' ? f.tool : f.source === 'secrets' ? `secret scan (${f.tool})` : f.tool;
        const counts = bySource.get(key) ?? zero();
        counts[f.severity]++;
        total[f.severity]++;
        bySource.set(key, counts);
    }
    const withNone = total.none > 0;
    const row = (name, c) => {
        const cells = [name, ...SHOWN.map((s) => c[s])];
        if (withNone)
            cells.push(c.none);
        cells.push(Object.values(c).reduce((a, b) => a + b, 0));
        return cells;
    };
    const rows = [...bySource.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, c]) => row(name, c));
    rows.push(row((0,core_summary/* raw */.lS)('**total**'), total));
    return rows;
}
function findingRows(findings) {
    return findings.map((f) => [(0,core_summary/* raw */.lS)(MARK[f.severity]), f.id, locationText(f), sourceText(f), shortMessage(f.message)]);
}
const FINDING_HEADERS = ['severity', 'rule', 'location', 'source', 'message'];
function findingTable(findings) {
    const shown = findings.slice(0, MAX_ROWS);
    const part = new core_summary/* Summary */.BD().table(FINDING_HEADERS, findingRows(shown));
    if (findings.length > shown.length)
        part.text(`… and ${findings.length - shown.length} more, all in the merged SARIF.`);
    return part;
}
/**
 * Writes the scan's job summary: the verdict, warnings, counts by source and severity, the blocking
 * findings first, the other findings folded, the exceptions applied and expired, and the sources.
 * Every text that came from a tool or a file goes through the Summary's escaping.
 */
function renderScanSummary(summary, report, options) {
    const { policy } = report;
    const verdict = scanVerdict(report, options.failOnFindings);
    summary.verdict(verdict.status, verdict.text);
    if (options.runner?.sha)
        summary.facts([['commit', (0,links/* commitLink */.wn)(options.runner, options.runner.sha)]]);
    if (report.warnings.length > 0) {
        summary.heading('⚠️ Warnings', 3);
        summary.list(report.warnings);
    }
    summary.heading('Findings by source', 3);
    if (policy.active.length === 0)
        summary.text('No finding in force.');
    else {
        const headers = ['source', ...SHOWN];
        if (policy.counts.none > 0)
            headers.push('none');
        headers.push('total');
        summary.table(headers, countsBySourceRows(policy.active));
    }
    summary.text(`Threshold: ${policy.threshold}. Accepted by exceptions: ${policy.ignored.length}. ` +
        `Suppressed by the tools themselves: ${report.toolSuppressed}.`);
    if (policy.blocking.length > 0) {
        summary.heading(`Blocking findings (${policy.blocking.length})`, 3);
        const inline = policy.blocking.slice(0, INLINE_ROWS);
        summary.table(FINDING_HEADERS, findingRows(inline));
        const rest = policy.blocking.slice(INLINE_ROWS);
        if (rest.length > 0)
            summary.details(`${(0,plural/* plural */.L)(rest.length, 'more blocking finding')}`, findingTable(rest));
    }
    const blocking = new Set(policy.blocking);
    const others = policy.active.filter((f) => !blocking.has(f));
    if (others.length > 0) {
        const sorted = [...others].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
        summary.details(`${(0,plural/* plural */.L)(others.length, 'finding')} below the threshold`, findingTable(sorted));
    }
    renderExceptions(summary, report, options);
    renderSources(summary, report, options);
    return summary;
}
function renderExceptions(summary, report, options) {
    const { policy } = report;
    if (policy.applied.length === 0 && policy.expired.length === 0 && policy.unused.length === 0)
        return;
    summary.heading(`Exceptions (${options.ignoreFile})`, 3);
    if (policy.applied.length > 0) {
        summary.text('Applied:');
        summary.table(['id', 'path', 'reason', 'expires', 'findings accepted'], policy.applied.map(({ exception, matched }) => [
            exception.id,
            exception.path ?? 'any',
            exception.reason,
            exception.expires ?? 'never',
            matched,
        ]));
    }
    if (policy.expired.length > 0) {
        summary.text('Expired (no longer applied; renew or remove them):');
        summary.table(['id', 'expired after', 'reason', 'findings it would cover'], policy.expired.map(({ exception, matched }) => [exception.id, exception.expires, exception.reason, matched]));
    }
    if (policy.unused.length > 0) {
        const unused = new core_summary/* Summary */.BD().table(['id', 'path', 'reason', 'expires'], policy.unused.map((e) => [e.id, e.path ?? 'any', e.reason, e.expires ?? 'never']));
        summary.details(`${policy.unused.length === 1 ? '1 exception' : `${policy.unused.length} exceptions`} matched no finding`, unused);
    }
}
function renderSources(summary, report, options) {
    const rel = (file) => {
        const r = external_node_path_.relative(options.workspace, file);
        return r && !r.startsWith('..') && !external_node_path_.isAbsolute(r) ? r : file;
    };
    // The merged SARIF defaults to the runner's temp folder: named there, not by its /tmp path.
    const shown = (file) => options.runner ? (0,paths/* shownPath */.p)(file, { workspace: options.workspace, temp: options.runner.temp }) : rel(file);
    const audit = report.npmAudit;
    const facts = [
        ['SARIF files', report.sarifFiles.length === 0 ? 'none' : report.sarifFiles.length],
        [
            'secret scan',
            report.secrets
                ? `${(0,plural/* plural */.L)(report.secrets.filesScanned, 'file')} scanned; skipped ${report.secrets.skipped.gitignored} ` +
                    `git-ignored, ${report.secrets.skipped.binary} binary, ${report.secrets.skipped.large} large`
                : 'off (secrets: false)',
        ],
        [
            'npm audit',
            audit.ran ? `ran on ${rel(audit.lockfile)}: ${(0,plural/* plural */.L)(audit.findings.length, 'advisory finding')}` : `did not run: ${audit.note}`,
        ],
        ['merged SARIF', shown(report.outputs.sarif)],
    ];
    const body = new core_summary/* Summary */.BD().facts(facts);
    if (report.sarifFiles.length > 0)
        body.list(report.sarifFiles.slice(0, MAX_ROWS).map(rel));
    summary.details('Sources', body);
}

;// CONCATENATED MODULE: ./build/scan/action.js















const action_fields = {
    sarif: sarifPatternsField(),
    secrets: fields/* bool */.lc({ default: true }),
    'npm-audit': fields/* oneOf */.yL(['auto', 'true', 'false'], { default: 'auto' }),
    'severity-threshold': fields/* oneOf */.yL(['critical', 'high', 'medium', 'low', 'none'], { default: 'high' }),
    'ignore-file': fields/* string */.Yj({ form: 'a path to a YAML file of exceptions (id, reason, expires)' }),
    'fail-on-findings': fields/* bool */.lc({ default: true }),
    'allow-missing': fields/* bool */.lc({ default: false }),
    output: fields/* string */.Yj({ form: 'a file path for the merged SARIF' }),
    ...common_fields/* commonFields */.dG,
};
/** The merged SARIF's default place: the job's temporary directory, outside the scanned workspace. */
const DEFAULT_OUTPUT_NAME = 'shipline-scan.sarif';
function action_run(opts) {
    return (0,run/* runAction */.Cs)({ name: 'scan', title: 'shipline scan', fields: action_fields, cancelledOutputs: { result: 'fail' } }, async (ctx) => {
        const s = ctx.settings;
        const workspace = external_node_path_.resolve(ctx.runner.workspace);
        const ignoreFile = s.ignoreFile ?? DEFAULT_IGNORE_FILE;
        const settings = {
            workspace,
            sarif: s.sarif,
            secrets: s.secrets,
            npmAudit: s.npmAudit,
            threshold: s.severityThreshold,
            ignoreFile,
            ignoreFileRequired: s.ignoreFile !== undefined,
            output: s.output ?? external_node_path_.join(ctx.runner.temp, DEFAULT_OUTPUT_NAME),
        };
        if (settings.sarif.length === 0 && !settings.secrets && settings.npmAudit === 'false')
            throw new errors/* UserError */.yo('Nothing to scan: "sarif" is empty, "secrets" is false and "npm-audit" is false. Accepted: at least one source.');
        const outputPath = external_node_path_.resolve(workspace, settings.output);
        if (isDirectory(outputPath))
            throw new errors/* UserError */.yo(`Input "output": ${fields/* quote */.hD(s.output ?? settings.output)} is a directory. Accepted: ${action_fields.output.form} (reports/scan.sarif).`);
        ctx.summary.heading(ctx.runner.sha ? `Scan of commit ${ctx.runner.sha.slice(0, 7)}` : 'Scan');
        let report;
        try {
            await checkSarifPatterns(settings, s.allowMissing);
            if (s.dryRun)
                return await dryRun(ctx, settings);
            ctx.log.info(`Scanning: ${describePlan(settings)}.`);
            report = await runScan(settings, { exec: ctx.runtime.exec, now: () => new Date(ctx.runtime.clock.now()) });
        }
        catch (err) {
            if (err instanceof ScanError)
                throw new errors/* InputError */.dz(err.scanInput, describeScanError(err, { workspace }), { cause: err });
            throw err;
        }
        ctx.setOutput('result', report.outputs.result);
        ctx.setOutput('critical', report.outputs.critical);
        ctx.setOutput('high', report.outputs.high);
        ctx.setOutput('medium', report.outputs.medium);
        ctx.setOutput('low', report.outputs.low);
        ctx.setOutput('blocking', report.outputs.blocking);
        ctx.setOutput('sarif', report.outputs.sarif);
        for (const warning of report.warnings)
            ctx.log.warning(oneLine(warning));
        logReport(ctx, report);
        renderScanSummary(ctx.summary, report, { workspace, ignoreFile, failOnFindings: s.failOnFindings, runner: ctx.runner });
        const { blocking, threshold } = report.policy;
        if (blocking.length === 0)
            return;
        const named = blocking.slice(0, 5).map((b) => `${b.id} (${b.severity}, ${locationText(b)})`);
        const more = blocking.length > named.length ? ` and ${blocking.length - named.length} more` : '';
        const message = `${(0,plural/* plural */.L)(blocking.length, 'blocking finding')} at or above ${threshold}: ` +
            `${named.join('; ')}${more}. See the job summary and ${report.outputs.sarif}.`;
        if (!s.failOnFindings) {
            ctx.log.warning(`${message} Not failing the step: fail-on-findings is false.`);
            return;
        }
        throw new errors/* UserError */.yo(message);
    }, opts);
}
function isDirectory(path) {
    try {
        return (0,external_node_fs_.statSync)(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
    }
    catch {
        return false; // ENOTDIR and the like: the write says so, naming the input.
    }
}
/** Every `sarif:` glob must match a file unless allow-missing: a scanner that did not run is not a pass. */
async function checkSarifPatterns(settings, allowMissing) {
    const { unmatched } = await resolveSarifPaths(settings.sarif, settings.workspace);
    if (unmatched.length === 0 || allowMissing)
        return;
    const list = unmatched.map((p) => JSON.stringify(p)).join(', ');
    throw new errors/* UserError */.yo(`Input "sarif": ${list} matched no file in ${settings.workspace}. Accepted: paths or globs ` +
        `of SARIF files that exist; set allow-missing: true when a scanner may not have produced one.`);
}
/** Validates every file the scan would read and says what it would do; scans and writes nothing. */
async function dryRun(ctx, settings) {
    await loadIgnoreFile(external_node_path_.resolve(settings.workspace, settings.ignoreFile), { required: settings.ignoreFileRequired ?? false });
    const { files } = await resolveSarifPaths(settings.sarif, settings.workspace);
    const rows = [];
    for (const file of files) {
        const read = await readSarifFile(file, { workspace: settings.workspace });
        rows.push([external_node_path_.relative(settings.workspace, file) || file, read.findings.length]);
    }
    const plan = `Dry run: would ${describePlan(settings, files.length)}; nothing was scanned or written.`;
    ctx.summary.verdict('info', plan);
    ctx.summary.table(['SARIF file', 'results'], rows);
    ctx.log.info(plan);
}
/** What the scan reads and does, in one line. */
function describePlan(settings, sarifFiles) {
    const sources = [
        sarifFiles === undefined ? `SARIF from ${(0,plural/* plural */.L)(settings.sarif.length, 'pattern')}` : (0,plural/* plural */.L)(sarifFiles, 'SARIF file'),
        settings.secrets ? 'a secret scan of the workspace' : undefined,
        settings.npmAudit === 'false' ? undefined : `npm audit (${settings.npmAudit})`,
    ].filter(Boolean);
    return `read ${sources.join(', ')}, judge at threshold ${settings.threshold} and write ${settings.output}`;
}
/** The log's account: counts, then each blocking finding on one line (tool text never starts a line). */
function logReport(ctx, report) {
    const o = report.outputs;
    ctx.log.info(`Findings in force: ${o.critical} critical, ${o.high} high, ${o.medium} ` +
        `medium, ${o.low} low; ${o.blocking} blocking at ${report.policy.threshold}.`);
    for (const b of report.policy.blocking.slice(0, 100)) {
        ctx.log.info(`  BLOCKING ${b.severity} ${oneLine(b.id)} at ${oneLine(locationText(b))} [${oneLine(sourceText(b))}]: ${shortMessage(b.message)}`);
    }
    if (report.policy.blocking.length > 100)
        ctx.log.info(`  ... and ${(0,plural/* plural */.L)(report.policy.blocking.length - 100, 'more blocking finding')}`);
    ctx.log.info(`Merged SARIF: ${o.sarif}`);
}
const oneLine = (text) => text.replace(/[\r\n]+/g, ' ');


/***/ })

};
