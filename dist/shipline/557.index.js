export const id = 557;
export const ids = [557];
export const modules = {

/***/ 5557:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  fields: () => (/* reexport */ context_fields),
  run: () => (/* binding */ action_run)
});

// EXTERNAL MODULE: ./build/core/plural.js
var plural = __webpack_require__(5242);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./build/core/errors.js
var errors = __webpack_require__(2807);
// EXTERNAL MODULE: ./build/core/fields.js
var fields = __webpack_require__(2189);
// EXTERNAL MODULE: ./build/core/redact.js
var redact = __webpack_require__(193);
// EXTERNAL MODULE: ./build/core/run.js + 2 modules
var run = __webpack_require__(6645);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./node_modules/tar-stream/index.js
var tar_stream = __webpack_require__(6118);
// EXTERNAL MODULE: ./node_modules/tinyglobby/dist/index.mjs + 1 modules
var dist = __webpack_require__(6448);
// EXTERNAL MODULE: ./build/build/errors.js
var build_errors = __webpack_require__(3784);
;// CONCATENATED MODULE: ./build/build/archive.js










const STREAM_THRESHOLD = 8 * 1024 * 1024;
/** Files read while earlier ones are packed. */
const READ_AHEAD = 8;
const GZIP_OS_UNIX = 3;
/** SOURCE_DATE_EPOCH (reproducible-builds.org) when it is a whole number of seconds, else 0. */
function sourceDateEpoch(env = process.env) {
    const value = env['SOURCE_DATE_EPOCH']?.trim();
    if (value && /^\d+$/.test(value))
        return Number(value);
    return 0;
}
/** Byte-order comparison, the same on every machine and locale. */
function byteOrder(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
function toPosix(path) {
    return external_node_path_.sep === '/' ? path : path.split(external_node_path_.sep).join('/');
}
/** The files the patterns name, relative to cwd, sorted; every positive pattern must match something. */
async function matchFiles(cwd, patterns, exclude = []) {
    const positive = patterns.map((p) => p.trim()).filter((p) => p && !p.startsWith('!'));
    const ignore = [
        ...patterns
            .map((p) => p.trim())
            .filter((p) => p.startsWith('!'))
            .map((p) => p.slice(1)),
        ...exclude,
    ];
    if (positive.length === 0) {
        const problem = 'has no pattern that selects files (accepted: globs such as dist/** or build/app.jar, one a line)';
        throw new build_errors/* BuildConfigError */.t6(`artifact-path ${problem}`, { input: 'artifact-path', problem });
    }
    const found = new Set();
    for (const pattern of positive) {
        const matches = await (0,dist/* glob */.TI)(pattern, { cwd, onlyFiles: true, dot: true, ignore, expandDirectories: true });
        if (matches.length === 0) {
            const problem = `"${pattern}" matched no file in ${cwd}`;
            throw new build_errors/* BuildConfigError */.t6(`artifact-path ${problem}`, { input: 'artifact-path', problem });
        }
        for (const match of matches) {
            const path = toPosix(match);
            if ((0,external_node_path_.isAbsolute)(match) || path === '..' || path.startsWith('../')) {
                const problem = `"${pattern}" reaches outside ${cwd} (${path}); archive entries must be inside the working directory`;
                throw new build_errors/* BuildConfigError */.t6(`artifact-path ${problem}`, { input: 'artifact-path', problem });
            }
            found.add(path);
        }
    }
    return [...found].sort(byteOrder);
}
/** Sets the gzip header's mtime to 0 and its OS byte to Unix, whatever zlib and platform wrote. */
function normalizedGzipHeader() {
    let seen = 0;
    return new external_node_stream_.Transform({
        transform(chunk, _encoding, callback) {
            if (seen < 10) {
                const copy = Buffer.from(chunk);
                for (let i = 0; i < copy.length && seen + i < 10; i += 1) {
                    const at = seen + i;
                    if (at >= 4 && at <= 7)
                        copy[i] = 0;
                    if (at === 9)
                        copy[i] = GZIP_OS_UNIX;
                }
                seen += chunk.length;
                callback(null, copy);
                return;
            }
            callback(null, chunk);
        },
    });
}
/** Gathers the many small writes of tar entries into 64 KiB chunks, so gzip compresses in bulk. */
function batched(size = 64 * 1024) {
    let parts = [];
    let length = 0;
    return new external_node_stream_.Transform({
        transform(chunk, _encoding, callback) {
            parts.push(chunk);
            length += chunk.length;
            if (length >= size) {
                const out = Buffer.concat(parts, length);
                parts = [];
                length = 0;
                callback(null, out);
            }
            else
                callback();
        },
        flush(callback) {
            callback(null, length > 0 ? Buffer.concat(parts, length) : undefined);
        },
    });
}
async function loadFile(absolute) {
    const info = await (0,promises_.stat)(absolute);
    return { info, body: info.size > STREAM_THRESHOLD ? absolute : await (0,promises_.readFile)(absolute) };
}
function addEntry(pack, header, body) {
    return new Promise((resolveEntry, rejectEntry) => {
        if (typeof body !== 'string') {
            pack.entry(header, body, (error) => (error ? rejectEntry(error) : resolveEntry()));
            return;
        }
        const entry = pack.entry(header, (error) => (error ? rejectEntry(error) : resolveEntry()));
        (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(body), entry).catch(rejectEntry);
    });
}
/**
 * Packs the files matched by the globs into one deterministic `.tar.gz`: paths sorted, every entry
 * with the same mtime, owner 0:0 without names, mode 0644 or 0755 (any execute bit), and a gzip
 * header without name or time. The same files give the same bytes, so the same sha256.
 */
async function packArchive(options) {
    const cwd = (0,external_node_path_.resolve)(options.cwd);
    const output = (0,external_node_path_.resolve)(options.output);
    const outputInside = (0,external_node_path_.relative)(cwd, output);
    const exclude = outputInside && !outputInside.startsWith('..') && !(0,external_node_path_.isAbsolute)(outputInside) ? [toPosix(outputInside)] : [];
    const files = await matchFiles(cwd, options.patterns, exclude);
    const mtime = new Date((options.mtime ?? 0) * 1000);
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(output), { recursive: true });
    const hash = (0,external_node_crypto_.createHash)('sha256');
    let bytes = 0;
    const measure = new external_node_stream_.Transform({
        transform(chunk, _encoding, callback) {
            hash.update(chunk);
            bytes += chunk.length;
            callback(null, chunk);
        },
    });
    const pack = (0,tar_stream.pack)();
    const written = (0,external_node_stream_promises_.pipeline)(pack, batched(), (0,external_node_zlib_.createGzip)({ level: external_node_zlib_.constants.Z_DEFAULT_COMPRESSION }), normalizedGzipHeader(), measure, (0,external_node_fs_.createWriteStream)(output));
    const load = (file) => {
        const loading = loadFile((0,external_node_path_.resolve)(cwd, file));
        loading.catch(() => undefined); // awaited below, in order; this only marks it handled meanwhile
        return loading;
    };
    const ahead = files.slice(0, READ_AHEAD).map(load);
    try {
        for (const [index, file] of files.entries()) {
            const { info, body } = await ahead[index];
            const next = files[index + READ_AHEAD];
            if (next !== undefined)
                ahead.push(load(next));
            const header = {
                name: file,
                type: 'file',
                size: info.size,
                mode: info.mode & 0o111 ? 0o755 : 0o644,
                mtime,
                uid: 0,
                gid: 0,
                uname: '',
                gname: '',
            };
            await addEntry(pack, header, body);
        }
        pack.finalize();
    }
    catch (error) {
        pack.destroy(error instanceof Error ? error : new Error(String(error)));
        await written.catch(() => undefined);
        throw error;
    }
    await written;
    return { path: output, sha256: `sha256:${hash.digest('hex')}`, files, bytes };
}

// EXTERNAL MODULE: ./build/core/exec.js
var core_exec = __webpack_require__(8801);
;// CONCATENATED MODULE: ./build/build/build-command.js


/** The values a build-command sees: environment variables only, never pasted into its text. */
function buildCommandEnv(facts) {
    return {
        SHIPLINE_VERSION: facts.resolved.version,
        SHIPLINE_CHANNEL: facts.resolved.channel,
        SHIPLINE_TAGS: facts.resolved.tags.join(' '),
        SHIPLINE_COMMIT: facts.commit,
        SHIPLINE_REF: facts.ref,
        ...(facts.image ? { SHIPLINE_IMAGE: facts.image } : {}),
    };
}
const TAIL_LINES = 15;
/**
 * Runs the user's build-command through the shell in the workspace, its output streamed to the
 * log. A non-zero exit is the user's failure: the error names the input, the exit code and the
 * last lines of the output. Resolves to the duration in milliseconds.
 */
async function runBuildCommand(command, options) {
    const result = await (options.exec ?? core_exec/* processExec */.l$).shell(command, {
        cwd: options.cwd,
        env: options.env,
        signal: options.signal,
        tailLines: TAIL_LINES,
        ...(options.onLine ? { onLine: options.onLine } : {}),
    });
    if (result.code !== 0) {
        const tail = result.tail.filter((line) => line.trim() !== '');
        const seconds = (result.durationMs / 1000).toFixed(1);
        throw new errors/* UserError */.yo(`Input "build-command" failed with exit code ${result.code} after ${seconds}s` +
            (tail.length ? `. Last lines of its output:\n${tail.join('\n')}` : ' and printed nothing.'));
    }
    return result.durationMs;
}

// EXTERNAL MODULE: ./build/core/links.js
var links = __webpack_require__(3163);
// EXTERNAL MODULE: ./build/core/paths.js
var paths = __webpack_require__(6182);
// EXTERNAL MODULE: ./build/core/runner.js
var core_runner = __webpack_require__(9362);
;// CONCATENATED MODULE: ./build/build/build-summary.js




const seconds = (ms) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
function what(report) {
    const made = [
        ...(report.image ? [`image ${report.image.result.reference}`] : []),
        ...(report.archive ? [`archive of ${(0,plural/* plural */.L)(report.archive.result.files.length, 'file')}`] : []),
    ];
    if (made.length)
        return made.join(' and ');
    return report.command ? 'build-command only (no artifact-path)' : 'version only (no image or artifact-path)';
}
function verdictLine(report) {
    const version = report.resolved ? `${report.resolved.version} (${report.resolved.channel})` : '';
    return `Built ${version}: ${what(report)} in ${seconds(report.totalMs)}`;
}
/**
 * The facts of a build, and its timing; escaped by the Summary. Links and paths come from the
 * runner's context: the commit's page, the run, files named relative to the workspace or the
 * runner's temp folder (never a long /tmp path).
 */
function writeBuildFacts(summary, report, runner = (0,core_runner/* readRunnerContext */.g)()) {
    const r = report.resolved;
    const image = report.image?.result;
    const archive = report.archive?.result;
    // The heading names the version once it is known (it replaces the plain `Build`).
    if (r)
        summary.title(`Build ${r.version}`);
    summary.facts([
        ['version', r?.version],
        ['channel', r?.channel],
        ['tags', r?.tags.join(', ')],
        ['existing tags read from', report.tagSource],
        ['event', report.event],
        ['ref', report.ref],
        ['commit', report.commit ? (0,links/* commitLink */.wn)(runner, report.commit) : undefined],
        ['image', image ? `${image.reference}${image.pushed ? ' (pushed)' : ' (not pushed)'}` : undefined],
        ['builder', image?.builder],
        ['image digest', image?.digest],
        ['archive', archive ? (0,paths/* shownPath */.p)(archive.path, runner) : undefined],
        ['archive digest', archive?.sha256],
        ['archive size', archive ? `${(0,plural/* plural */.L)(archive.files.length, 'file')}, ${(0,plural/* plural */.L)(archive.bytes, 'byte')}` : undefined],
        ['manifest', report.manifest ? (0,paths/* shownPath */.p)(report.manifest, runner) : undefined],
        ['run', (0,links/* runUrl */.Vp)(runner) ? (0,links/* link */.nf)(`run ${runner.runId}`, (0,links/* runUrl */.Vp)(runner)) : undefined],
    ]);
    const timing = [];
    if (report.command)
        timing.push(['build-command', seconds(report.command.ms)]);
    if (report.archive)
        timing.push(['archive', seconds(report.archive.ms)]);
    if (report.image)
        timing.push([`image (${report.image.result.builder})`, seconds(report.image.ms)]);
    timing.push(['total', seconds(report.totalMs)]);
    summary.table(['step', 'time'], timing);
}

;// CONCATENATED MODULE: ./build/build/image-settings.js
/** The org.opencontainers.image.* labels shipline puts on every image. */
function ociLabels(facts) {
    const labels = {};
    if (facts.source)
        labels['org.opencontainers.image.source'] = facts.source;
    labels['org.opencontainers.image.revision'] = facts.revision;
    labels['org.opencontainers.image.version'] = facts.version;
    labels['org.opencontainers.image.created'] = facts.created.toISOString();
    if (facts.title)
        labels['org.opencontainers.image.title'] = facts.title;
    return labels;
}
/** `--flag k=v` for every entry, in the record's order. */
function keyValueFlags(flag, values) {
    return Object.entries(values).flatMap(([key, value]) => [flag, `${key}=${value}`]);
}

;// CONCATENATED MODULE: ./build/build/image.js

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = /^(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])$/;
const PORT = /^\d{1,5}$/;
const ACCEPTED = 'accepted form: [registry[:port]/]name[/name...] in lowercase, e.g. ghcr.io/acme/web';
function looksLikeRegistry(first) {
    return first.includes('.') || first.includes(':') || first === 'localhost';
}
function validRegistry(registry) {
    const [host = '', port, extra] = registry.split(':');
    if (extra !== undefined)
        return false;
    if (port !== undefined && (!PORT.test(port) || Number(port) > 65535))
        return false;
    return host.split('.').every((part) => DOMAIN_COMPONENT.test(part));
}
/** Parses and validates the `image` input; throws BuildConfigError with the reason and the accepted form. */
function parseImageName(input) {
    const name = input.trim();
    const refuse = (problem) => {
        throw new build_errors/* BuildConfigError */.t6(`image "${name}" ${problem} (${ACCEPTED})`, { input: 'image', problem: `"${name}" ${problem}` });
    };
    if (name === '')
        refuse('is empty');
    if (name.includes('@'))
        refuse('must not carry a digest: shipline pushes the image and reports its digest');
    const parts = name.split('/');
    const first = parts[0] ?? '';
    const registry = parts.length > 1 && looksLikeRegistry(first) ? first : undefined;
    const pathParts = registry ? parts.slice(1) : parts;
    const last = pathParts[pathParts.length - 1] ?? '';
    if (last.includes(':'))
        refuse('must not carry a tag: tags are computed from the version (use the version input to choose one)');
    if (registry && !validRegistry(registry))
        refuse(`has an invalid registry host "${registry}"`);
    if (pathParts.length === 0 || pathParts.some((part) => part === ''))
        refuse('has an empty path component');
    for (const part of pathParts) {
        if (PATH_COMPONENT.test(part))
            continue;
        if (PATH_COMPONENT.test(part.toLowerCase()))
            refuse('is not valid: repository names must be lowercase');
        refuse(`has an invalid path component "${part}": use lowercase letters, digits and single separators . _ __ -`);
    }
    if (name.length > 255)
        refuse('is longer than 255 characters');
    return { ...(registry ? { registry } : {}), path: pathParts.join('/'), name };
}
/** `repo:tag` for each tag. */
function taggedReferences(image, tags) {
    return tags.map((tag) => `${image}:${tag}`);
}
/** `repo@sha256:...`: the immutable reference later stages deploy. */
function digestReference(image, digest) {
    return `${image}@${digest}`;
}
/** Architectures (and their variants) that image builders and registries know, per OS, in display order. */
const KNOWN_PLATFORMS = new Map([
    [
        'linux',
        new Map([
            ['amd64', ['v1', 'v2', 'v3', 'v4']],
            ['arm64', ['v8', 'v9']],
            ['arm', ['v5', 'v6', 'v7', 'v8']],
            ['386', []],
            ['ppc64le', []],
            ['s390x', []],
            ['riscv64', []],
            ['mips64le', []],
            ['mips64', []],
            ['loong64', []],
        ]),
    ],
    [
        'windows',
        new Map([
            ['amd64', []],
            ['arm64', []],
        ]),
    ],
]);
function acceptedPlatforms() {
    return [...KNOWN_PLATFORMS].flatMap(([os, arches]) => [...arches.keys()].map((arch) => `${os}/${arch}`)).join(', ');
}
/**
 * Validates `platforms` (comma- or newline-separated, or a list) as `os/arch[/variant]` from the
 * known list; returns them trimmed and without duplicates. Empty input means the builder's default.
 */
function parsePlatforms(input) {
    const items = (typeof input === 'string' ? input.split(/[\n,]/) : [...input]).map((item) => item.trim()).filter(Boolean);
    const result = [];
    for (const item of items) {
        const [os = '', arch = '', variant, extra] = item.split('/');
        const arches = KNOWN_PLATFORMS.get(os);
        const variants = arches?.get(arch);
        const problem = extra !== undefined || !arch
            ? 'is not of the form os/arch[/variant]'
            : !arches
                ? `names an unknown operating system "${os}"`
                : !variants
                    ? `names an unknown architecture "${arch}" for ${os}`
                    : variant !== undefined && !variants.includes(variant)
                        ? `names an unknown variant "${variant}" for ` +
                            `${os}/${arch}${variants.length ? ` (known: ${variants.join(', ')})` : ' (it has none)'}`
                        : null;
        if (problem) {
            throw new build_errors/* BuildConfigError */.t6(`platform "${item}" ${problem}; accepted: os/arch[/variant] with ${acceptedPlatforms()}`, {
                input: 'platforms',
                problem: `platform "${item}" ${problem}`,
            });
        }
        if (!result.includes(item))
            result.push(item);
    }
    return result;
}

;// CONCATENATED MODULE: ./build/build/buildah-argv.js



function globalFlags(settings) {
    const flags = ['--storage-driver', settings.storageDriver ?? 'vfs'];
    if (settings.root)
        flags.push('--root', settings.root);
    if (settings.runroot)
        flags.push('--runroot', settings.runroot);
    return flags;
}
/**
 * buildah commands for these settings. A single-platform build tags an image; a multi-platform
 * build creates a manifest list named after the first tag (removed first, since buildah appends
 * to an existing list) and pushes it with `manifest push --all`.
 */
function buildahArgv(settings) {
    const global = globalFlags(settings);
    const references = taggedReferences(settings.image, settings.tags);
    const local = references[0];
    if (local === undefined)
        throw new Error('buildahArgv needs at least one tag');
    const multiPlatform = settings.platforms.length > 1;
    const tls = `--tls-verify=${settings.tlsVerify}`;
    const auth = settings.authFile ? ['--authfile', settings.authFile] : [];
    const build = ['bud', '--isolation', settings.isolation ?? 'chroot', tls, ...auth];
    if (settings.format)
        build.push('--format', settings.format);
    if (settings.file)
        build.push('-f', settings.file);
    if (settings.platforms.length > 0)
        build.push('--platform', settings.platforms.join(','));
    build.push(...keyValueFlags('--build-arg', settings.buildArgs));
    build.push(...keyValueFlags('--label', settings.labels));
    let iidFile;
    if (multiPlatform) {
        build.push('--manifest', local);
    }
    else {
        iidFile = (0,external_node_path_.join)(settings.workDir, 'iid');
        build.push('--iidfile', iidFile);
        for (const reference of references)
            build.push('--tag', reference);
    }
    build.push(settings.context);
    const digestFiles = settings.push ? references.map((_, index) => (0,external_node_path_.join)(settings.workDir, `digest-${index}`)) : [];
    const push = digestFiles.map((digestFile, index) => ({
        command: 'buildah',
        args: [
            ...global,
            ...(multiPlatform ? ['manifest', 'push', '--all'] : ['push']),
            tls,
            ...auth,
            '--digestfile',
            digestFile,
            local,
            `docker://${references[index]}`,
        ],
    }));
    return {
        cleanup: multiPlatform ? [{ command: 'buildah', args: [...global, 'manifest', 'rm', local] }] : [],
        build: { command: 'buildah', args: [...global, ...build] },
        push,
        digestFiles,
        ...(iidFile ? { iidFile } : {}),
    };
}

;// CONCATENATED MODULE: ./build/build/buildx-argv.js


/**
 * `docker buildx build` for these settings. Pushes with `--push`; otherwise loads the image into
 * the engine with `--load`, which a multi-platform build cannot do (the classic image store holds
 * one platform), so a multi-platform build without push only exercises the build and its cache.
 */
function buildxArgv(settings) {
    const args = ['buildx', 'build'];
    if (settings.builder)
        args.push('--builder', settings.builder);
    if (settings.file)
        args.push('--file', settings.file);
    if (settings.platforms.length > 0)
        args.push('--platform', settings.platforms.join(','));
    args.push(...keyValueFlags('--build-arg', settings.buildArgs));
    args.push(...keyValueFlags('--label', settings.labels));
    for (const reference of taggedReferences(settings.image, settings.tags))
        args.push('--tag', reference);
    args.push('--metadata-file', settings.metadataFile);
    if (settings.push)
        args.push('--push');
    else if (settings.platforms.length <= 1)
        args.push('--load');
    args.push(settings.context);
    return { command: 'docker', args };
}

;// CONCATENATED MODULE: ./build/build/container.js





const DIGEST = /^sha256:[0-9a-f]{64}$/;
async function readDigest(path, what) {
    let digest;
    try {
        digest = (await (0,promises_.readFile)(path, 'utf8')).trim();
    }
    catch (error) {
        if (error.code === 'ENOENT')
            throw new Error(`${what} succeeded but wrote no digest to ${path}`);
        throw error;
    }
    if (!DIGEST.test(digest))
        throw new Error(`${what} wrote "${digest.slice(0, 100)}" to ${path}, not a sha256 digest`);
    return digest;
}
async function readOptional(path) {
    if (!path)
        return undefined;
    try {
        return (await (0,promises_.readFile)(path, 'utf8')).trim() || undefined;
    }
    catch {
        return undefined;
    }
}
function result(builder, settings, digest, imageId) {
    const references = taggedReferences(settings.image, settings.tags);
    const pushed = settings.push;
    return {
        builder,
        ...(digest ? { digest } : {}),
        reference: digest ? digestReference(settings.image, digest) : (references[0] ?? settings.image),
        references,
        ...(imageId ? { imageId } : {}),
        pushed,
    };
}
/**
 * Builds with buildah and pushes every tag (when settings.push), reading the digest each push
 * wrote. All tags of one build must have the same digest; anything else is reported as an error.
 */
async function buildWithBuildah(settings, options) {
    const { exec, onLine, cwd } = options;
    const plan = buildahArgv(settings);
    await (0,promises_.mkdir)(settings.workDir, { recursive: true });
    for (const stale of [plan.iidFile, ...plan.digestFiles])
        if (stale)
            await (0,promises_.rm)(stale, { force: true });
    for (const step of plan.cleanup)
        await exec.argv(step.command, step.args, { cwd, onLine: null });
    await (0,build_errors/* execChecked */.$h)(exec, plan.build.command, plan.build.args, { cwd, onLine, label: 'buildah bud' });
    const imageId = await readOptional(plan.iidFile);
    const digests = [];
    for (const [index, step] of plan.push.entries()) {
        const label = step.args.includes('manifest') ? 'buildah manifest push' : 'buildah push';
        await (0,build_errors/* execChecked */.$h)(exec, step.command, step.args, { cwd, onLine, label: `${label} ${settings.tags[index]}` });
        digests.push(await readDigest(plan.digestFiles[index], 'buildah push'));
    }
    const distinct = [...new Set(digests)];
    if (distinct.length > 1) {
        const pairs = settings.tags.map((tag, index) => `${tag}=${digests[index]}`).join(', ');
        throw new Error(`the tags of one build were pushed with different digests (${pairs})`);
    }
    return result('buildah', settings, distinct[0], imageId);
}
/** Builds with `docker buildx build` and reads the digest from its metadata file. */
async function buildWithBuildx(settings, options) {
    const { exec, onLine, cwd } = options;
    const line = buildxArgv(settings);
    await (0,build_errors/* execChecked */.$h)(exec, line.command, line.args, { cwd, onLine, label: 'docker buildx build' });
    const metadata = JSON.parse(await (0,promises_.readFile)(settings.metadataFile, 'utf8'));
    const digest = metadata['containerimage.digest'];
    const config = metadata['containerimage.config.digest'];
    if (settings.push && (typeof digest !== 'string' || !DIGEST.test(digest))) {
        throw new Error(`docker buildx pushed the image but its metadata file ${settings.metadataFile} has no containerimage.digest`);
    }
    return result('buildx', settings, settings.push ? digest : undefined, typeof config === 'string' ? config : undefined);
}
/** The manifest's `image` record for a build. */
function imageRecord(build, settings) {
    return {
        repository: settings.image,
        reference: build.reference,
        ...(build.digest ? { digest: build.digest } : {}),
        tags: build.references,
        ...(settings.platforms.length ? { platforms: [...settings.platforms] } : {}),
        pushed: build.pushed,
    };
}

// EXTERNAL MODULE: ./build/core/common-fields.js
var common_fields = __webpack_require__(9507);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __webpack_require__(8532);
// EXTERNAL MODULE: ./build/core/oci-tag.js
var oci_tag = __webpack_require__(4282);
;// CONCATENATED MODULE: ./build/build/inputs.js






/** A field whose value goes through `parse`, which throws a BuildConfigError with the reason. */
function parsed(form, parse, opts) {
    const schema = schemas/* unknown */.L5J().transform((value, ctx) => {
        try {
            return parse(value);
        }
        catch (error) {
            if (!(error instanceof build_errors/* BuildConfigError */.t6))
                throw error;
            ctx.issues.push({ code: 'custom', message: error.message, input: value });
            return core/* NEVER */.tm;
        }
    });
    return { schema, form, ...opts };
}
const inputs_text = (value) => (typeof value === 'string' ? value.trim() : String(value));
/**
 * Items one a line, never split on commas (build args hold commas), or a YAML list: the one list
 * grammar (core/fields.ts) without commas. A nested list or mapping as an item is refused.
 */
function lines(value) {
    const result = (0,fields/* listItems */.Dw)(value, { commas: false });
    if (!result.ok)
        throw new build_errors/* BuildConfigError */.t6(result.message);
    return result.items.map((i) => i.text);
}
// The build action's own input fields: each one reuses the validators in image.ts (image names,
// platforms) so the input is refused with their reason, before anything runs.
const IMAGE_FORM = '[registry[:port]/]name[/name...] in lowercase, without tag or digest (ghcr.io/acme/web)';
function imageField() {
    return parsed(IMAGE_FORM, (value) => {
        const name = inputs_text(value);
        try {
            return parseImageName(name).name;
        }
        catch (error) {
            if (!(error instanceof build_errors/* BuildConfigError */.t6))
                throw error;
            // The problem alone: the input's name and form are added once, by readSettings.
            throw new build_errors/* BuildConfigError */.t6(error.problem);
        }
    }, {});
}
const PLATFORMS_FORM = 'platforms os/arch[/variant], one a line or separated by commas (linux/amd64, linux/arm64, linux/arm/v7, ...)';
function platformsField() {
    return parsed(PLATFORMS_FORM, (value) => {
        try {
            return parsePlatforms(lines(value).flatMap((line) => (0,fields/* splitList */.ry)(line)));
        }
        catch (error) {
            if (!(error instanceof build_errors/* BuildConfigError */.t6))
                throw error;
            throw new build_errors/* BuildConfigError */.t6(error.problem);
        }
    }, { default: [] });
}
const BUILD_ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const BUILD_ARGS_FORM = 'NAME=value lines, one a line (or a mapping in the config file)';
/** `NAME=value` one a line, a YAML list of such, or (in the config file) a mapping. */
function buildArgsField() {
    return parsed(BUILD_ARGS_FORM, (value) => {
        const entries = typeof value === 'object' && value !== null && !Array.isArray(value)
            ? Object.entries(value).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)])
            : lines(value).map((line) => {
                const at = line.indexOf('=');
                if (at < 0)
                    throw new build_errors/* BuildConfigError */.t6(`${(0,fields/* quote */.hD)(line)} has no "="`);
                return [line.slice(0, at).trim(), line.slice(at + 1)];
            });
        const out = {};
        for (const [name, arg] of entries) {
            if (!BUILD_ARG_NAME.test(name))
                throw new build_errors/* BuildConfigError */.t6(`${(0,fields/* quote */.hD)(name)} is not a build argument name`);
            out[name] = arg;
        }
        return out;
    }, { default: {} });
}
const GLOBS_FORM = 'globs relative to the workspace, one a line (dist/**, build/app.jar; !pattern excludes)';
function globsField() {
    return parsed(GLOBS_FORM, lines, { default: [] });
}
/**
 * What `resolveVersion` accepts as an override: a version by the one rule (core/common-fields.ts)
 * that is also an image tag as written (`+` aside, which becomes `_`): no "--", no "." or "-" at the end.
 */
function isBuildVersion(version) {
    const tag = version.replace(/\+/g, '_');
    return (0,common_fields/* isVersion */.lF)(version) && (0,oci_tag/* sanitizeTag */.iP)(tag) === tag;
}
const VERSION_FORM = 'a version usable as an image tag: letters, digits, ".", "_", "-" and "+", at most 128 characters (1.2.3, 2024.06.1-hotfix)';
function versionField() {
    return parsed(VERSION_FORM, (value) => {
        const version = inputs_text(value);
        if (!isBuildVersion(version))
            throw new build_errors/* BuildConfigError */.t6(`${(0,fields/* quote */.hD)(version)} cannot be an image tag`);
        return version;
    }, {});
}

;// CONCATENATED MODULE: ./build/build/context.js
/** The build action's inputs and context, and the inputs checked together. */



const context_fields = {
    version: versionField(),
    image: imageField(),
    push: fields/* bool */.lc({ default: false }),
    platforms: platformsField(),
    context: fields/* string */.Yj({ form: 'a directory path relative to the workspace', default: '.' }),
    file: fields/* string */.Yj({ form: 'a Dockerfile path relative to the workspace' }),
    'build-args': buildArgsField(),
    builder: fields/* oneOf */.yL(['auto', 'buildx', 'buildah'], { default: 'auto' }),
    'build-command': fields/* string */.Yj({ form: 'a shell command' }),
    'artifact-path': globsField(),
    'registry-username': fields/* string */.Yj({ form: 'a registry user name' }),
    'registry-password': fields/* string */.Yj({ form: 'a registry password or access token', secret: true, configurable: false }),
    ...common_fields/* commonFields */.dG,
};

// EXTERNAL MODULE: ./build/core/runner-io.js
var runner_io = __webpack_require__(9927);
;// CONCATENATED MODULE: ./build/build/detect-builder.js

async function answers(exec, command, args) {
    try {
        const result = await exec.argv(command, args, { onLine: null });
        const why = (result.stderr || result.stdout).trim().split('\n')[0] ?? '';
        return { ok: result.code === 0, why: why || `exit code ${result.code}` };
    }
    catch (error) {
        return { ok: false, why: error instanceof Error ? error.message : String(error) };
    }
}
/**
 * Docker Buildx where a Docker engine answers (`docker info`) and has buildx; buildah where it is
 * installed; otherwise a BuildConfigError saying what was tried. `choice` forces one builder.
 */
async function detectBuilder(exec, choice = 'auto') {
    const tried = [];
    if (choice !== 'buildah') {
        const engine = await answers(exec, 'docker', ['info', '--format', '{{.ServerVersion}}']);
        const buildx = engine.ok ? await answers(exec, 'docker', ['buildx', 'version']) : engine;
        if (engine.ok && buildx.ok)
            return 'buildx';
        tried.push(engine.ok ? `docker buildx: ${buildx.why}` : `docker engine: ${engine.why}`);
    }
    if (choice !== 'buildx') {
        const buildah = await answers(exec, 'buildah', ['--version']);
        if (buildah.ok)
            return 'buildah';
        tried.push(`buildah: ${buildah.why}`);
    }
    const wanted = choice === 'auto' ? 'a Docker engine with buildx or buildah' : choice === 'buildx' ? 'a Docker engine with buildx' : 'buildah';
    throw new build_errors/* BuildConfigError */.t6(`no container builder available: the image input needs ${wanted} on the runner (${tried.join('; ')}). ` +
        `GitHub-hosted runners have Docker; on self-hosted ones install Docker or buildah`);
}

;// CONCATENATED MODULE: ./build/build/image-plan.js




/**
 * Registries on the loopback interface are spoken to over plain HTTP, as the Docker engine does
 * by default (127.0.0.0/8 is an insecure registry there); every other registry needs TLS.
 */
function isLoopbackRegistry(registry) {
    if (!registry)
        return false;
    const host = registry.split(':')[0] ?? '';
    return host === 'localhost' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
/** The registry host an image is pushed to (`docker.io` for Docker Hub short names). */
function registryHost(image) {
    return parseImageName(image).registry ?? 'docker.io';
}
function buildahSettings(input) {
    const { authFile, workDir, ...common } = input;
    return {
        ...common,
        workDir,
        storageDriver: 'vfs',
        isolation: 'chroot',
        tlsVerify: !isLoopbackRegistry(parseImageName(input.image).registry),
        ...(authFile ? { authFile } : {}),
    };
}
function buildxSettings(input) {
    const { authFile: _authFile, workDir, ...common } = input;
    return { ...common, metadataFile: (0,external_node_path_.join)(workDir, 'buildx-metadata.json') };
}
/** The exact commands a builder will run for this plan, in order (for dry-run and the log). */
function imageCommandLines(builder, input) {
    if (builder === 'buildx')
        return [buildxArgv(buildxSettings(input))];
    const plan = buildahArgv(buildahSettings(input));
    return [...plan.cleanup, plan.build, ...plan.push];
}
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;
/** A command line as one could paste it into sh: arguments quoted where needed. */
function shellLine(line) {
    return [line.command, ...line.args].map((arg) => (SAFE.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}

;// CONCATENATED MODULE: ./build/build/registry-auth.js




/** A containers-auth.json / docker config.json holding one registry's credentials. */
function authFileContent(credentials) {
    const auth = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
    return `${JSON.stringify({ auths: { [credentials.registry]: { auth } } }, null, 2)}\n`;
}
/**
 * Writes an auth file readable only by this user, for buildah's `--authfile`; returns a function
 * that removes it. The user's own credential stores are left alone.
 */
async function writeAuthFile(path, credentials) {
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(path), { recursive: true });
    await (0,promises_.writeFile)(path, authFileContent(credentials), { mode: 0o600 });
    await (0,promises_.chmod)(path, 0o600);
    return () => (0,promises_.rm)(path, { force: true });
}
/**
 * `docker login` for buildx (which reads the engine's credential store), the password on stdin;
 * returns a function that logs out again. Throws with docker's own last lines when it refuses.
 */
async function dockerLogin(credentials, onLine, exec = core_exec/* processExec */.l$) {
    const login = await exec.argv('docker', ['login', '--username', credentials.username, '--password-stdin', credentials.registry], {
        input: credentials.password,
        onLine,
    });
    if (login.code !== 0) {
        throw new errors/* UserError */.yo(`Inputs "registry-username"/"registry-password": docker login ${credentials.registry} ` +
            `failed with exit code ${login.code}: ${login.tail.join(' ').trim()}`);
    }
    return async () => {
        await exec.argv('docker', ['logout', credentials.registry], { onLine });
    };
}

;// CONCATENATED MODULE: ./build/build/produce.js
/** What a build produces: the archive's path, the image built by buildah or buildx, and the dry run's plan of both. */













/**
 * Turns the library's user-facing errors into the one-line failures of the run wrapper, prefixed
 * with `what` (`Input "artifact-path"`); the library's own mention of the input is not repeated.
 */
async function userFacing(what, fn) {
    try {
        return await fn();
    }
    catch (error) {
        const input = /^Input "([a-z-]+)"$/.exec(what)?.[1];
        if (error instanceof build_errors/* BuildConfigError */.t6)
            throw new errors/* UserError */.yo(`${what}: ${input && error.input === input ? error.problem : error.message}.`, input ? { input } : undefined);
        if (error instanceof build_errors/* CommandError */.Qd)
            throw new errors/* UserError */.yo(`${what}: ${error.message}`);
        throw error;
    }
}
/** The image builder on this runner, or the refusal naming image (and builder) and what they need. */
async function findBuilder(exec, choice) {
    try {
        return await detectBuilder(exec, choice);
    }
    catch (error) {
        if (!(error instanceof build_errors/* BuildConfigError */.t6))
            throw error;
        const inputs = choice === 'auto' ? 'Input "image"' : 'Inputs "image" and "builder"';
        const builders = choice === 'buildah' ? 'buildah' : choice === 'buildx' ? 'a Docker engine with buildx' : 'a Docker engine with buildx, or buildah';
        throw new errors/* UserError */.yo(`${inputs}: ${error.message}. Accepted: image on a runner with ${builders}; or no image input (files only).`);
    }
}
function archivePath(runner, resolved) {
    const name = (runner.repository?.repo ?? (0,external_node_path_.basename)(runner.workspace)).replace(/[^A-Za-z0-9._-]+/g, '-') || 'artifact';
    return (0,external_node_path_.join)(runner.temp, 'shipline-artifacts', `${name}-${resolved.tags[0] ?? resolved.version}.tar.gz`);
}
function imagePlanInput(s, checked, resolved, runner, commit, workDir) {
    const epoch = process.env.SOURCE_DATE_EPOCH ? sourceDateEpoch() : undefined;
    const repository = runner.repository;
    return {
        image: s.image,
        tags: resolved.tags,
        context: checked.context,
        ...(checked.file ? { file: checked.file } : {}),
        platforms: s.platforms,
        labels: ociLabels({
            ...(repository ? { source: `${runner.serverUrl}/${repository.owner}/${repository.repo}` } : {}),
            revision: commit,
            version: resolved.version,
            created: epoch === undefined ? new Date() : new Date(epoch * 1000),
            title: repository?.repo ?? s.image.split('/').pop(),
        }),
        buildArgs: s.buildArgs,
        push: s.push,
        workDir,
        ...(checked.credentials ? { authFile: (0,external_node_path_.join)(workDir, 'auth.json') } : {}),
    };
}
/** Dry run: the version, the tags and every command that would run; nothing is built. */
async function dryRun(ctx, checked, resolved, commit, exec, report) {
    const s = ctx.settings;
    const plan = [];
    if (s.buildCommand) {
        const env = buildCommandEnv({ resolved, commit, ref: ctx.runner.ref, ...(s.image ? { image: s.image } : {}) });
        plan.push(`# build-command, in ${ctx.runner.workspace}, with ${Object.keys(env).join(', ')}`);
        plan.push(shellLine({ command: '/bin/sh', args: ['-c', s.buildCommand] }));
    }
    if (s.artifactPath.length) {
        plan.push(`# archive (deterministic .tar.gz) of ${s.artifactPath.join(', ')} -> ${archivePath(ctx.runner, resolved)}`);
    }
    if (s.image) {
        let builder;
        try {
            builder = await detectBuilder(exec, s.builder);
        }
        catch (error) {
            builder = s.builder === 'buildx' ? 'buildx' : 'buildah';
            ctx.log.warning(`${error.message}; showing the ${builder} commands.`);
        }
        const input = imagePlanInput(s, checked, resolved, ctx.runner, commit, (0,external_node_path_.join)(ctx.runner.temp, 'shipline-build-XXXXXX'));
        if (checked.credentials)
            plan.push(builder === 'buildx'
                ? `docker login --username ${checked.credentials.username} --password-stdin ${checked.credentials.registry}`
                : `# registry credentials for ${checked.credentials.registry} in ${input.authFile} (mode 0600)`);
        plan.push(`# image with ${builder}${s.push ? ', pushed' : ', not pushed'}`);
        for (const line of imageCommandLines(builder, input))
            plan.push(shellLine(line));
    }
    ctx.log.info(`version ${resolved.version}, channel ${resolved.channel}, tags ${resolved.tags.join(', ')}`);
    for (const line of plan)
        ctx.log.info(line);
    ctx.summary.heading('Build');
    ctx.summary.verdict('info', `Dry run: version ${resolved.version} (${resolved.channel}); nothing built.`);
    writeBuildFacts(ctx.summary, report);
    if (plan.length)
        ctx.summary.code(plan.join('\n'), 'sh');
}
async function buildImage(ctx, checked, resolved, commit, exec, builder) {
    const s = ctx.settings;
    const workDir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(ctx.runner.temp, 'shipline-build-'));
    const input = imagePlanInput(s, checked, resolved, ctx.runner, commit, workDir);
    const onLine = (line) => ctx.log.info(line);
    return ctx.log.group(`Building ${s.image} with ${builder}${s.push ? ' and pushing' : ''}`, async () => {
        for (const line of imageCommandLines(builder, input))
            ctx.log.info(`$ ${shellLine(line)}`);
        let release;
        if (checked.credentials) {
            release =
                builder === 'buildah'
                    ? await writeAuthFile(input.authFile, checked.credentials)
                    : await dockerLogin(checked.credentials, onLine, exec);
        }
        const unregister = release ? ctx.onAbort(release) : undefined;
        const options = { exec, cwd: ctx.runner.workspace, onLine: (line) => (0,runner_io/* relayLine */.U7)(line, ctx.log.info) };
        try {
            return await userFacing('Image build failed', () => builder === 'buildah' ? buildWithBuildah(buildahSettings(input), options) : buildWithBuildx(buildxSettings(input), options));
        }
        finally {
            unregister?.();
            await release?.();
        }
    });
}

// EXTERNAL MODULE: ./build/build/git-tags.js
var git_tags = __webpack_require__(8761);
;// CONCATENATED MODULE: ./build/build/tag-source.js


/** git never waits for a password on a terminal: a step has none. */
function noPrompt(exec) {
    return {
        argv: (command, args, options = {}) => exec.argv(command, args, { ...options, env: { ...options.env, GIT_TERMINAL_PROMPT: '0' } }),
        shell: (command, options = {}) => exec.shell(command, { ...options, env: { ...options.env, GIT_TERMINAL_PROMPT: '0' } }),
    };
}
/**
 * The tags that decide whether a release takes `X.Y`, `X` and `latest`. A shallow checkout (the
 * default of actions/checkout) has none locally, so the remote `origin` is asked when there is
 * one (`git ls-remote --tags origin`, nothing fetched); else the local `git tag`.
 */
async function readExistingTags(cwd, exec) {
    const git = noPrompt(exec);
    const origin = await git.argv('git', ['remote', 'get-url', 'origin'], { cwd, onLine: null });
    let remoteProblem;
    if (origin.code === 0) {
        try {
            return { tags: await (0,git_tags/* listRemoteTags */.o)(cwd, 'origin', git), source: 'git ls-remote --tags origin' };
        }
        catch (error) {
            remoteProblem = (0,errors/* errorMessage */.gJ)(error).split('\n').slice(-1)[0];
        }
    }
    try {
        const tags = await (0,git_tags/* listGitTags */.g)(cwd, git);
        const source = remoteProblem ? 'local git tag (git ls-remote --tags origin failed)' : 'local git tag (no remote origin)';
        return {
            tags,
            source,
            ...(remoteProblem
                ? { warning: `Could not list the tags of origin (${remoteProblem}); using the local tags, which a shallow checkout may lack.` }
                : {}),
        };
    }
    catch (error) {
        return {
            tags: [],
            source: 'none (the workspace is not a git repository)',
            warning: `Could not read the repository's tags (${(0,errors/* errorMessage */.gJ)(error).split('\n').slice(-1)[0]}); ` +
                `the release is treated as the highest one.`,
        };
    }
}

// EXTERNAL MODULE: ./build/build/version.js
var version = __webpack_require__(7599);
;// CONCATENATED MODULE: ./build/build/identity.js
/** What is being built: the commit checked out and the version it gets. */





const COMMIT = /^[0-9a-f]{7,64}$/;
/**
 * The commit built: HEAD of the workspace, the commit actually checked out (a hotfix checks out
 * the ref it was given, while GITHUB_SHA stays the head of the branch it was dispatched on); else
 * GITHUB_SHA, for a workspace that is not a git checkout.
 */
async function commitOf(runner, exec, log) {
    const event = runner.sha.trim().toLowerCase();
    const head = await exec
        .argv('git', ['rev-parse', '--verify', '-q', 'HEAD'], { cwd: runner.workspace, onLine: null })
        .catch(() => undefined);
    const checkedOut = head?.code === 0 ? head.stdout.trim().toLowerCase() : '';
    if (COMMIT.test(checkedOut)) {
        if (COMMIT.test(event) && event !== checkedOut)
            log.info(`Building ${checkedOut}, the commit checked out in the workspace (the event's GITHUB_SHA is ${event}).`);
        return checkedOut;
    }
    if (!event)
        throw new errors/* UserError */.yo('GITHUB_SHA is not set and the workspace is not a git repository, so the commit being built is unknown.');
    if (!COMMIT.test(event))
        throw new errors/* UserError */.yo(`GITHUB_SHA ${JSON.stringify(event)} is not a commit id (7 to 64 hexadecimal characters).`);
    return event;
}
async function resolveBuildVersion(s, runner, commit, exec, log) {
    const input = { eventName: runner.eventName, ref: runner.ref, sha: commit, payload: runner.payload, override: s.version };
    const what = s.version ? 'Input "version"' : 'Cannot compute the version';
    const first = await userFacing(what, async () => (0,version/* resolveVersion */.x)({ ...input, existingTags: [] }));
    // Only a release's floating tags (X.Y, X, latest) depend on the other tags: read them only then.
    if (first.channel !== 'release')
        return { resolved: first };
    const existing = await readExistingTags(runner.workspace, exec);
    if (existing.warning)
        log.warning(existing.warning);
    const resolved = await userFacing(what, async () => (0,version/* resolveVersion */.x)({ ...input, existingTags: existing.tags }));
    return { resolved, tagSource: `${existing.source}, ${(0,plural/* plural */.L)(existing.tags.length, 'tag')}` };
}

// EXTERNAL MODULE: ./build/records/build-manifest.js
var build_manifest = __webpack_require__(7287);
;// CONCATENATED MODULE: ./build/build/action.js

















/** The real path of `path` (symbolic links followed) where it exists, else the path itself. */
function real(path) {
    try {
        return (0,external_node_fs_.realpathSync)(path);
    }
    catch {
        return path;
    }
}
/** Whether `path` (resolved, links followed) is the workspace or inside it. */
function insideWorkspace(workspace, path) {
    const rel = (0,external_node_path_.relative)(real(workspace), real(path));
    return rel === '' || (!(0,external_node_path_.isAbsolute)(rel) && rel !== '..' && !rel.startsWith(`..${external_node_path_.sep}`));
}
function checkCombinations(s, workspace) {
    const warnings = [];
    if (s.push && !s.image)
        throw new errors/* UserError */.yo('Input "push": true needs the image input (only container images are pushed). Accepted: true together with image, or false.');
    if (!s.image) {
        for (const [input, given] of [
            ['platforms', s.platforms.length > 0],
            ['build-args', Object.keys(s.buildArgs).length > 0],
            ['file', s.file !== undefined],
        ]) {
            if (given)
                warnings.push(`Input "${input}" applies only to container images and is ignored without image.`);
        }
    }
    if (!!s.registryUsername !== !!s.registryPassword) {
        const [missing, given] = s.registryUsername ? ['registry-password', 'registry-username'] : ['registry-username', 'registry-password'];
        throw new errors/* UserError */.yo(`Input "${missing}" is required when ${given} is given. ` + "Accepted: both, or neither to use the runner's own registry login.");
    }
    for (const pattern of s.artifactPath) {
        const path = pattern.replace(/^!/, '');
        if ((0,external_node_path_.isAbsolute)(path) || path.split(/[\\/]/).includes('..'))
            throw new errors/* UserError */.yo(`Input "artifact-path": ${fields/* quote */.hD(pattern)} reaches outside the workspace; ` +
                `archive entries must be inside it. Accepted: ${context_fields['artifact-path'].form}.`);
    }
    const context = (0,external_node_path_.resolve)(workspace, s.context);
    if (!insideWorkspace(workspace, context))
        throw new errors/* UserError */.yo(`Input "context": ${fields/* quote */.hD(s.context)} is outside the workspace. Accepted: ${context_fields.context.form}.`);
    if (s.file && !insideWorkspace(workspace, (0,external_node_path_.resolve)(workspace, s.file)))
        throw new errors/* UserError */.yo(`Input "file": ${fields/* quote */.hD(s.file)} is outside the workspace. Accepted: ${context_fields.file.form}.`);
    let file;
    let credentials;
    if (s.image) {
        if (!(0,external_node_fs_.existsSync)(context) || !(0,external_node_fs_.statSync)(context).isDirectory())
            throw new errors/* UserError */.yo(`Input "context": ${fields/* quote */.hD(s.context)} is not a directory in the workspace. Accepted: a directory path relative to the workspace.`);
        if (s.file) {
            file = (0,external_node_path_.resolve)(workspace, s.file);
            if (!(0,external_node_fs_.existsSync)(file) || !(0,external_node_fs_.statSync)(file).isFile())
                throw new errors/* UserError */.yo(`Input "file": ${fields/* quote */.hD(s.file)} is not a file in the workspace. Accepted: a Dockerfile path relative to the workspace.`);
        }
        if (s.registryUsername && s.registryPassword)
            credentials = { registry: registryHost(s.image), username: s.registryUsername, password: s.registryPassword };
    }
    return { context, ...(file ? { file } : {}), ...(credentials ? { credentials } : {}), warnings };
}
function action_run(opts = {}) {
    return (0,run/* runAction */.Cs)({ name: 'build', title: 'shipline build', fields: context_fields }, async (ctx) => {
        const exec = ctx.runtime.exec;
        const started = performance.now();
        const s = ctx.settings;
        const report = { totalMs: 0, event: ctx.runner.eventName, ref: ctx.runner.ref };
        try {
            const { checked, commit, resolved } = await identify(ctx, exec, report);
            if (s.dryRun) {
                report.totalMs = performance.now() - started;
                await dryRun(ctx, checked, resolved, commit, exec, report);
                return;
            }
            // The builder is looked for before build-command runs: a runner without one fails first.
            const builder = s.image ? await findBuilder(exec, s.builder) : undefined;
            await buildCommand(ctx, resolved, commit, report);
            const archive = await archiveFiles(ctx, resolved, report);
            const image = builder ? await imageOf(ctx, { checked, resolved, commit, exec, builder }, report) : undefined;
            await writeManifest(ctx, { resolved, commit, archive, image }, report);
            report.totalMs = performance.now() - started;
            ctx.summary.heading('Build');
            ctx.summary.verdict('pass', verdictLine(report));
            writeBuildFacts(ctx.summary, report);
        }
        catch (error) {
            report.totalMs = performance.now() - started;
            if (!ctx.summary.hasVerdict) {
                ctx.summary.heading('Build');
                ctx.summary.verdict('fail', (0,redact/* redactUrls */.sK)((0,errors/* errorMessage */.gJ)(error)).split('\n')[0] ?? 'build failed');
                writeBuildFacts(ctx.summary, report);
            }
            throw error;
        }
    }, opts);
}
/** The inputs checked together, the commit and the version: set as outputs before anything is built. */
async function identify(ctx, exec, report) {
    const s = ctx.settings;
    const checked = checkCombinations(s, ctx.runner.workspace);
    for (const warning of checked.warnings)
        ctx.log.warning(warning);
    const commit = await commitOf(ctx.runner, exec, ctx.log);
    report.commit = commit;
    const { resolved, tagSource } = await resolveBuildVersion(s, ctx.runner, commit, exec, ctx.log);
    report.resolved = resolved;
    if (tagSource)
        report.tagSource = tagSource;
    ctx.setOutput('version', resolved.version);
    ctx.setOutput('channel', resolved.channel);
    ctx.setOutput('tags', resolved.tags.join('\n'));
    return { checked, commit, resolved };
}
async function buildCommand(ctx, resolved, commit, report) {
    const s = ctx.settings;
    if (!s.buildCommand)
        return;
    const env = buildCommandEnv({ resolved, commit, ref: ctx.runner.ref, ...(s.image ? { image: s.image } : {}) });
    const ms = await ctx.log.group('Running build-command', () => runBuildCommand(s.buildCommand, { cwd: ctx.runner.workspace, env, signal: ctx.signal, exec: ctx.runtime.exec }));
    report.command = { ms };
}
async function archiveFiles(ctx, resolved, report) {
    const s = ctx.settings;
    if (!s.artifactPath.length)
        return undefined;
    const at = performance.now();
    const archive = await userFacing('Input "artifact-path"', () => packArchive({
        cwd: ctx.runner.workspace,
        patterns: s.artifactPath,
        output: archivePath(ctx.runner, resolved),
        mtime: sourceDateEpoch(),
    }));
    report.archive = { result: archive, ms: performance.now() - at };
    ctx.log.info(`Archived ${(0,plural/* plural */.L)(archive.files.length, 'file')} into ${archive.path} (${archive.sha256})`);
    if (!s.image) {
        ctx.setOutput('digest', archive.sha256);
        ctx.setOutput('artifact', archive.path);
    }
    return archive;
}
async function imageOf(ctx, j, report) {
    const at = performance.now();
    const image = await buildImage(ctx, j.checked, j.resolved, j.commit, j.exec, j.builder);
    report.image = { result: image, ms: performance.now() - at };
    if (image.digest)
        ctx.setOutput('digest', image.digest);
    ctx.setOutput('artifact', image.reference);
    return image;
}
async function writeManifest(ctx, b, report) {
    const s = ctx.settings;
    const { resolved, commit, archive, image } = b;
    const manifest = {
        schemaVersion: 1,
        version: resolved.version,
        channel: resolved.channel,
        commit,
        ref: ctx.runner.ref || 'HEAD',
        tags: resolved.tags,
        ...(image ? { image: imageRecord(image, { image: s.image, platforms: s.platforms }) } : {}),
        ...(archive ? { archive: { path: archive.path, sha256: archive.sha256, bytes: archive.bytes, files: archive.files.length } } : {}),
        builtAt: new Date().toISOString(),
    };
    const manifestPath = (0,external_node_path_.join)(ctx.runner.temp, `shipline-build-manifest-${process.pid}.json`);
    await (0,build_manifest/* writeBuildManifest */.J0)(manifestPath, manifest);
    ctx.setOutput('manifest', manifestPath);
    report.manifest = manifestPath;
}


/***/ }),

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


/***/ })

};
