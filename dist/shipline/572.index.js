export const id = 572;
export const ids = [572];
export const modules = {

/***/ 3784:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q: () => (/* binding */ CommandError),
/* harmony export */   t: () => (/* binding */ BuildConfigError)
/* harmony export */ });
/**
 * A mistake in what the user asked the build action to do (a bad input, a ref that names no
 * version, a glob that matches nothing). The message is written for the user: it names the
 * input or value and the accepted form. Anything else thrown from src/build is a bug.
 */
class BuildConfigError extends Error {
    name = 'BuildConfigError';
}
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


/***/ }),

/***/ 382:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $h: () => (/* binding */ execChecked),
/* harmony export */   bd: () => (/* binding */ spawnExec)
/* harmony export */ });
/* harmony import */ var _core_exec_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8801);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3784);


/** Exit code reported when the program could not be started at all (not installed). */

const spawnExec = async (command, args, options = {}) => {
    const onOutput = options.onOutput;
    const result = await (0,_core_exec_js__WEBPACK_IMPORTED_MODULE_0__/* .runArgv */ .my)(command, args, {
        cwd: options.cwd,
        baseEnv: options.env ?? process.env,
        onLine: onOutput ? (line) => onOutput(`${line}\n`) : null,
    });
    return { exitCode: result.code, stdout: result.stdout, stderr: result.stderr };
};
/** Runs a command and throws a CommandError (with the tail of its stderr) unless it exits 0. */
async function execChecked(exec, command, args, options) {
    const result = await exec(command, args, options);
    if (result.exitCode !== 0) {
        const tail = (result.stderr || result.stdout).trim().split('\n').slice(-15).join('\n');
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .CommandError */ .Q(`${options?.label ?? `${command} ${args[0] ?? ''}`.trim()} failed with exit code ${result.exitCode}${tail ? `:\n${tail}` : ''}`, command, args, result.exitCode, result.stderr);
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
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3784);
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(382);


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
async function listGitTags(cwd, exec = _exec_js__WEBPACK_IMPORTED_MODULE_1__/* .spawnExec */ .bd) {
    const { stdout } = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .execChecked */ .$h)(exec, 'git', ['tag', '--list'], { cwd });
    return lines(stdout);
}
/** The tags a remote holds (`git ls-remote --tags --refs REMOTE`), without fetching anything. */
async function listRemoteTags(cwd, remote = 'origin', exec = _exec_js__WEBPACK_IMPORTED_MODULE_1__/* .spawnExec */ .bd) {
    if (remote.startsWith('-') || remote.trim() === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .BuildConfigError */ .t(`git remote "${remote}" is not a remote name or URL`);
    }
    const { stdout } = await (0,_exec_js__WEBPACK_IMPORTED_MODULE_1__/* .execChecked */ .$h)(exec, 'git', ['ls-remote', '--tags', '--refs', remote], { cwd });
    return lines(stdout)
        .map((line) => line.split('\t')[1] ?? '')
        .filter((ref) => ref.startsWith('refs/tags/'))
        .map((ref) => ref.slice('refs/tags/'.length));
}


/***/ }),

/***/ 3186:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ek: () => (/* binding */ manifestArtifact),
/* harmony export */   J0: () => (/* binding */ writeBuildManifest),
/* harmony export */   kK: () => (/* binding */ readBuildManifest)
/* harmony export */ });
/* unused harmony exports buildManifestSchema, parseBuildManifest */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _core_parse_errors_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(1589);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2857);
/* harmony import */ var zod__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4377);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3784);
/* harmony import */ var _oci_tag_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(263);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7599);







/**
 * The build manifest: what build made, so every later stage deploys exactly this artifact.
 * Written as JSON by the build action (output `manifest`), read back by deploy, canary, rollback.
 */
const sha256Digest = zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().regex(/^sha256:[0-9a-f]{64}$/, 'expected sha256: followed by 64 lowercase hex digits');
const imageSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    /** `ghcr.io/acme/web`. */
    repository: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().min(1),
    /** `repository@sha256:...` once pushed; `repository:<first tag>` for a local build. */
    reference: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().min(1),
    digest: sha256Digest.optional(),
    /** Full tagged references: `ghcr.io/acme/web:1.2.3`. */
    tags: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().min(1)),
    platforms: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().min(1)).optional(),
    pushed: zod__WEBPACK_IMPORTED_MODULE_4__/* .boolean */ .zMY(),
});
const archiveSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    path: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().min(1),
    sha256: sha256Digest,
    bytes: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().nonnegative(),
    /** How many files the archive holds. */
    files: zod__WEBPACK_IMPORTED_MODULE_4__/* .number */ .aig().int().nonnegative(),
});
const buildManifestSchema = zod__WEBPACK_IMPORTED_MODULE_4__/* .object */ .Ikc({
    schemaVersion: zod__WEBPACK_IMPORTED_MODULE_4__/* .literal */ .euz(1),
    version: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().min(1),
    channel: zod__WEBPACK_IMPORTED_MODULE_4__/* ["enum"] */ .k5n(_version_js__WEBPACK_IMPORTED_MODULE_3__/* .CHANNELS */ .l_),
    commit: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().regex(/^[0-9a-f]{7,64}$/, 'expected a lowercase hex commit id'),
    ref: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().min(1),
    /** Tag names computed from the version, whether or not an image was built. */
    tags: zod__WEBPACK_IMPORTED_MODULE_4__/* .array */ .YOg(zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().regex(_oci_tag_js__WEBPACK_IMPORTED_MODULE_5__/* .OCI_TAG_PATTERN */ .wv, 'expected a valid image tag')),
    image: imageSchema.optional(),
    archive: archiveSchema.optional(),
    builtAt: zod__WEBPACK_IMPORTED_MODULE_6__/* .datetime */ .w$({ offset: true }),
    sbom: zod__WEBPACK_IMPORTED_MODULE_4__/* .string */ .YjP().min(1).optional(),
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
    return error.issues
        .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
        .join('; ');
}
/** Validates JSON text as a build manifest; `source` names it in errors (a path). */
function parseBuildManifest(text, source) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (error) {
        // Never the parser's message: it quotes the file's first bytes, whatever file the path names.
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BuildConfigError */ .t(`build manifest ${source} is not JSON: ${(0,_core_parse_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .describeSyntaxProblem */ .gi)((0,_core_parse_errors_js__WEBPACK_IMPORTED_MODULE_7__/* .jsonSyntaxProblem */ .F1)(error, text))}`);
    }
    const result = buildManifestSchema.safeParse(data);
    if (!result.success) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BuildConfigError */ .t(`build manifest ${source} is not valid: ${describeIssues(result.error)}`);
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
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .BuildConfigError */ .t(`build manifest ${path} does not exist: pass the manifest output of the build step (and download it when it comes from another job)`);
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

/***/ 263:
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

/***/ 7599:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l_: () => (/* binding */ CHANNELS),
/* harmony export */   x: () => (/* binding */ resolveVersion)
/* harmony export */ });
/* unused harmony exports parseSemverTag, releaseTags */
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2088);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3784);
/* harmony import */ var _oci_tag_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(263);
/* harmony import */ var _git_tags_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8761);




const CHANNELS = ['release', 'prerelease', 'staging', 'hotfix', 'preview'];
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BuildConfigError */ .t(`commit "${sha}" is not a commit id (expected 7 to 64 hexadecimal characters, as GITHUB_SHA)`);
    }
    return sha.slice(0, 7).toLowerCase();
}
/**
 * Tags of a release version: `X.Y.Z` always; `X.Y`, `X` and `latest` only while no existing release
 * is higher in that line. A hotfix v1.4.9 tagged after v2.0.0 gets `1.4.9`, `1.4`, `1` but never
 * `2` or `latest`.
 */
function releaseTags(version, existingTags) {
    const releases = existingTags
        .map(parseSemverTag)
        .filter((v) => v !== null && v.prerelease.length === 0);
    const outranked = (sameLine) => releases.some((other) => sameLine(other) && semver__WEBPACK_IMPORTED_MODULE_0__.gt(other, version));
    const tags = [(0,_oci_tag_js__WEBPACK_IMPORTED_MODULE_3__/* .sanitizeTag */ .iP)(fullVersion(version))];
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
        return { version: fullVersion(v), channel: 'prerelease', tags: [(0,_oci_tag_js__WEBPACK_IMPORTED_MODULE_3__/* .sanitizeTag */ .iP)(fullVersion(v))] };
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
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BuildConfigError */ .t(`cannot tell the pull request number: the ${eventName} event payload has no "number" and ref "${ref}" is not refs/pull/<number>/merge`);
        }
        return { version: `pr-${number}`, channel: 'preview', tags: [`pr-${number}`] };
    }
    if (eventName === 'workflow_dispatch') {
        const tagged = tagVersion(ref);
        if (tagged) {
            const version = fullVersion(tagged);
            return { version, channel: 'hotfix', tags: [(0,_oci_tag_js__WEBPACK_IMPORTED_MODULE_3__/* .sanitizeTag */ .iP)(version)] };
        }
        const version = `hotfix-${shortSha(input.sha)}`;
        return { version, channel: 'hotfix', tags: [version] };
    }
    if (ref.startsWith(TAG_PREFIX)) {
        const tagged = tagVersion(ref);
        if (!tagged) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BuildConfigError */ .t(`tag "${ref.slice(TAG_PREFIX.length)}" is not a semantic version: release tags look like v1.2.3 or v1.2.3-rc.1; set the version input to build it anyway`);
        }
        return fromSemver(tagged, input.existingTags);
    }
    if (ref.startsWith(BRANCH_PREFIX)) {
        const version = `sha-${shortSha(input.sha)}`;
        const branchTag = (0,_oci_tag_js__WEBPACK_IMPORTED_MODULE_3__/* .sanitizeTag */ .iP)(ref.slice(BRANCH_PREFIX.length));
        const tags = branchTag && branchTag !== version ? [version, branchTag] : [version];
        return { version, channel: 'staging', tags };
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BuildConfigError */ .t(`ref "${ref}" is neither a semantic version tag (refs/tags/v1.2.3) nor a branch (refs/heads/NAME), so no version follows from it; set the version input`);
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
    const tag = (0,_oci_tag_js__WEBPACK_IMPORTED_MODULE_3__/* .sanitizeTag */ .iP)(version);
    if (tag !== version.replace(/\+/g, '_') || !(0,_oci_tag_js__WEBPACK_IMPORTED_MODULE_3__/* .isOciTag */ .i1)(tag)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .BuildConfigError */ .t(`version input "${override}" cannot be an image tag: use letters, digits, "_", "." and "-" (and "+" in a semantic version), at most 128 characters, not starting with "." or "-"`);
    }
    const channel = overrideChannel(input, parsed);
    if (channel === 'release' && parsed)
        return { version, channel, tags: releaseTags(parsed, input.existingTags) };
    return { version, channel, tags: [tag] };
}
/** Version, channel and image tags for this event (SPEC §3 build, "Version rules"). */
function resolveVersion(input) {
    const override = input.override?.trim();
    if (override)
        return fromOverride(input, override);
    return fromEvent(input);
}


/***/ }),

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
// EXTERNAL MODULE: ./build/records/stale.js
var stale = __webpack_require__(9288);
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
    return (0,run/* runAction */.Cs)({ name: 'deploy', title: 'shipline deploy', fields: action_fields, environmentInput: 'environment', cancelledOutputs: { result: 'failure' } }, async (ctx) => {
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
            ctx.summary.list(driver.planDeploy(req));
            ctx.summary.list([
                ...unfinished.stale.map(({ record, why }) => `mark deployment ${record.id} (${record.payload.version}) error: it is stale (${why})`),
                `create deployment: environment ${env}, ref ${sha}, payload ${JSON.stringify(payload)}`,
                'status in_progress, then success or failure',
            ]);
            for (const line of driver.planDeploy(req))
                ctx.log.info(`would ${line}`);
            return;
        }
        const started = Date.now();
        await (0,stale/* markStale */.ZU)(store, unfinished.stale, { log: ctx.log, runUrl: ctx.runner.runUrl });
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
            throw new errors/* UserError */.yo(`Another deploy to ${env} started at the same time and first: ${(0,stale/* describeRunning */.Rh)(first)}. Nothing was changed; deployment ${record.id} is marked error. ` +
                `Serialise deploys with \`concurrency: deploy-${env}\` in the workflow.`);
        }
        const unregister = ctx.onAbort(async () => {
            await store.setStatus(record.id, 'failure', { description: 'cancelled while deploying', logUrl: ctx.runner.runUrl });
        });
        let outcome;
        try {
            outcome = await ctx.log.group(`Deploying ${version} to ${env} (${driver.name} driver)`, () => driver.deploy(req));
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


/***/ }),

/***/ 1913:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ readManifestDefaults)
/* harmony export */ });
/* harmony import */ var _build_manifest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3186);
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


/***/ })

};
