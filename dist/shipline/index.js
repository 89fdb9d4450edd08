import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 3339:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("module");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 6466:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 4300:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ systemClock)
/* harmony export */ });
/* unused harmony export fixedClock */
/* harmony import */ var _pool_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3506);

const systemClock = { now: () => Date.now(), sleep: _pool_js__WEBPACK_IMPORTED_MODULE_0__/* .sleep */ .y };
/** A clock that stands still at `start` and moves only when slept on or set: for tests and rehearsals. */
function fixedClock(start) {
    let now = typeof start === 'string' ? Date.parse(start) : start;
    if (Number.isNaN(now))
        throw new Error(`fixedClock: ${String(start)} is not a time`);
    const slept = [];
    return {
        now: () => now,
        sleep: async (ms, signal) => {
            if (signal?.aborted)
                throw signal.reason;
            slept.push(ms);
            now += ms;
        },
        set: (at) => {
            now = typeof at === 'string' ? Date.parse(at) : at;
        },
        slept,
    };
}


/***/ }),

/***/ 1420:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   ec: () => (/* binding */ DURATION_FORM)
/* harmony export */ });
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


/***/ }),

/***/ 2807:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Cp: () => (/* binding */ OutsideError),
/* harmony export */   Hb: () => (/* binding */ ExpectedFailure),
/* harmony export */   UK: () => (/* binding */ errnoCode),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   iU: () => (/* binding */ isUserError),
/* harmony export */   "if": () => (/* binding */ isOutsideError),
/* harmony export */   t6: () => (/* binding */ BuildConfigError),
/* harmony export */   uq: () => (/* binding */ kindOfFailure),
/* harmony export */   yo: () => (/* binding */ UserError)
/* harmony export */ });
/**
 * The one expected-failure type. `failureKind` is its kind (not `kind`: several subclasses keep
 * their own detailed `kind`, e.g. HaproxyError's `unreachable`). The message is built by the code
 * that knows what failed, never by editing another error's text.
 */
class ExpectedFailure extends Error {
    name = 'ExpectedFailure';
    failureKind;
    /** The input the failure is about, where there is one. */
    input;
    constructor(failure, message, options) {
        super(message, options?.cause === undefined ? undefined : { cause: options.cause });
        this.failureKind = failure;
        if (options?.input !== undefined)
            this.input = options.input;
    }
}
/**
 * A mistake of the user's (bad input, a refused policy, a failing command they wrote): an
 * ExpectedFailure of kind `input` when it names an input, `refused` otherwise.
 */
class UserError extends ExpectedFailure {
    name = 'UserError';
    constructor(message, options) {
        super(options?.input !== undefined ? 'input' : 'refused', message, options);
    }
}
/**
 * A mistake in what the user asked the build action to do (a bad input, a ref that names no
 * version, a glob that matches nothing). The message is written for the user: it names the
 * input or value and the accepted form. Anything else thrown from src/build is a bug.
 * Here, below build, because the build manifest (src/records/) that later stages read throws it too.
 */
class BuildConfigError extends UserError {
    name = 'BuildConfigError';
    /** The problem alone, where the message also names the input (`input`) or the accepted form. */
    problem;
    constructor(message, parts) {
        super(message, parts?.input !== undefined ? { input: parts.input } : undefined);
        this.problem = parts?.problem ?? message;
    }
}
/** A bad input: `Input "<name>": <problem>. Accepted: <form>.` as the message, the name kept. */
class InputError extends UserError {
    name = 'InputError';
    constructor(input, message, options) {
        super(message, { ...options, input });
    }
}
/**
 * A failure of something outside shipline (GitHub's API after its retries, the network, a file that
 * cannot be read or parsed, a cluster or proxy): an ExpectedFailure of kind `outside`.
 */
class OutsideError extends ExpectedFailure {
    name = 'OutsideError';
    constructor(message, options) {
        super('outside', message, options);
    }
}
/** The kind of an expected failure, or `bug` for anything else. */
function kindOfFailure(err) {
    return err instanceof ExpectedFailure ? err.failureKind : 'bug';
}
/** An expected failure of the user's (`input` or `refused`). */
function isUserError(err) {
    const kind = kindOfFailure(err);
    return kind === 'input' || kind === 'refused';
}
function isOutsideError(err) {
    return kindOfFailure(err) === 'outside';
}
function errorMessage(err) {
    return err instanceof Error ? err.message : String(err);
}
/** The `code` of a Node.js system error (`ENOENT`, `EISDIR`, `EACCES`...), if it is one. */
function errnoCode(err) {
    const code = err?.code;
    return typeof code === 'string' ? code : undefined;
}


/***/ }),

/***/ 8801:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   D4: () => (/* binding */ commandsStopping),
/* harmony export */   aX: () => (/* binding */ stopRunningCommands),
/* harmony export */   cO: () => (/* binding */ userCommandEnv),
/* harmony export */   l$: () => (/* binding */ processExec)
/* harmony export */ });
/* unused harmony exports NOT_FOUND_EXIT_CODE, commandResult, WITHHELD_ENV, STOP_GRACE_MS, processGroupAlive, runArgv, runShell, execFromArgv */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1421);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var _clock_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(4300);
/* harmony import */ var _runner_io_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(9927);




const NOT_FOUND_EXIT_CODE = 127;
/** A whole CommandResult from the parts a fake exec knows (the rest as a normal exit would leave it). */
function commandResult(parts) {
    const stdout = parts.stdout ?? '';
    const stderr = parts.stderr ?? '';
    const tail = parts.tail ?? [...stdout.split('\n'), ...stderr.split('\n')].filter((l) => l !== '').slice(-20);
    return { durationMs: 0, timedOut: false, cancelled: false, notFound: parts.code === NOT_FOUND_EXIT_CODE, ...parts, stdout, stderr, tail };
}
/**
 * Variables never handed to a user's command or app: the action's inputs (`INPUT_GITHUB-TOKEN`,
 * `INPUT_REGISTRY-PASSWORD` hold secrets) and the runner's own credentials.
 */
const WITHHELD_ENV = /^(INPUT_|ACTIONS_RUNTIME_|ACTIONS_ID_TOKEN_|ACTIONS_CACHE_|ACTIONS_RESULTS_)|^GITHUB_TOKEN$/;
/** The parent environment without the withheld variables. */
function userCommandEnv(parent = process.env) {
    return Object.fromEntries(Object.entries(parent).filter(([name, value]) => value !== undefined && !WITHHELD_ENV.test(name)));
}
/** How long a stopped command's process group has between SIGTERM and SIGKILL. */
const STOP_GRACE_MS = 2_000;
/**
 * How long output may keep arriving after the program itself exited. A background process it
 * started (`server &`) may hold the output pipe open for good; past this, shipline stops waiting.
 */
const DRAIN_MS = 1_000;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const running = new Set();
let exitHookInstalled = false;
function signalGroup(pid, signal) {
    try {
        process.kill(-pid, signal);
    }
    catch {
        // the group is gone already
    }
}
/** The state letter of /proc/<pid>/stat and its process group, or undefined when unreadable. */
function procStat(pid) {
    try {
        const stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readFileSync)(`/proc/${pid}/stat`, 'utf8');
        // After the parenthesised command name (which may hold spaces): state ppid pgrp ...
        const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return { state: state, group: Number(group) };
    }
    catch {
        return undefined;
    }
}
/**
 * True while a process of the group is still running. Zombies (dead, waiting to be reaped by a
 * parent that may never do it) do not count; without /proc, kill(0) is the best evidence there is.
 */
function processGroupAlive(pid) {
    try {
        process.kill(-pid, 0);
    }
    catch (err) {
        return err.code === 'EPERM';
    }
    let entries;
    try {
        entries = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.readdirSync)('/proc');
    }
    catch {
        return true;
    }
    for (const entry of entries) {
        if (!/^\d+$/.test(entry))
            continue;
        const stat = procStat(entry);
        if (stat && stat.group === pid && stat.state !== 'Z' && stat.state !== 'X')
            return true;
    }
    return false;
}
/**
 * Ends a command's whole process group, its children and theirs included: SIGTERM, up to
 * `STOP_GRACE_MS` for them to finish, then SIGKILL. Resolves when no process of the group runs.
 */
function stopGroup(entry) {
    entry.stopping ??= (async () => {
        signalGroup(entry.pid, 'SIGTERM');
        const deadline = _clock_js__WEBPACK_IMPORTED_MODULE_2__/* .systemClock */ .m.now() + STOP_GRACE_MS;
        while (processGroupAlive(entry.pid) && _clock_js__WEBPACK_IMPORTED_MODULE_2__/* .systemClock */ .m.now() < deadline)
            await pause(25);
        signalGroup(entry.pid, 'SIGKILL');
        for (let i = 0; i < 40 && processGroupAlive(entry.pid); i++)
            await pause(25);
    })();
    return entry.stopping;
}
/**
 * Ends every command still running (each group: SIGTERM, a grace, SIGKILL) and resolves when they
 * are gone. The cancel path calls it after its cleanups, before the process exits, so that no
 * user command outlives the step.
 */
async function stopRunningCommands() {
    await Promise.all([...running].map((entry) => stopGroup(entry)));
}
/** Resolves when every command being stopped (by its signal or its timeout) has ended. */
async function commandsStopping() {
    await Promise.all([...running].filter((entry) => entry.stopping).map((entry) => entry.stopping));
}
/** The last resort if the process exits while a command still runs: nothing may outlive the step. */
function installExitHook() {
    if (exitHookInstalled)
        return;
    exitHookInstalled = true;
    process.on('exit', () => {
        for (const entry of running)
            signalGroup(entry.pid, 'SIGKILL');
    });
}
/**
 * Runs a program with arguments (no shell); resolves whatever the exit code. The program leads its
 * own process group, so a timeout or the cancel signal ends it with everything it started.
 */
function runArgv(file, args, opts = {}) {
    return new Promise((resolve, reject) => {
        const started = _clock_js__WEBPACK_IMPORTED_MODULE_2__/* .systemClock */ .m.now();
        const env = { ...(opts.baseEnv ?? process.env) };
        for (const [k, v] of Object.entries(opts.env ?? {})) {
            if (v === undefined)
                delete env[k];
            else
                env[k] = v;
        }
        const keep = opts.tailLines ?? 20;
        const tail = [];
        if (opts.signal?.aborted) {
            resolve({
                code: 128 + 15,
                stdout: '',
                stderr: '',
                tail: ['(not started: cancelled)'],
                durationMs: 0,
                timedOut: false,
                cancelled: true,
                notFound: false,
            });
            return;
        }
        // detached: its own process group (and session), which is what lets it be ended as a whole.
        const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(file, [...args], { cwd: opts.cwd, env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
        const entry = child.pid === undefined ? undefined : { pid: child.pid };
        if (entry) {
            running.add(entry);
            installExitHook();
        }
        const collected = { stdout: [], stderr: [] };
        const onLine = opts.onLine === null ? undefined : (opts.onLine ?? ((line) => (0,_runner_io_js__WEBPACK_IMPORTED_MODULE_3__/* .relayLine */ .U7)(line)));
        let finishing = false;
        let finished = false;
        const emit = (line) => {
            onLine?.(line);
            tail.push(line);
            if (tail.length > keep)
                tail.shift();
        };
        const partial = { stdout: '', stderr: '' };
        const feed = (stream) => (chunk) => {
            if (finished)
                return;
            collected[stream].push(chunk);
            const lines = (partial[stream] + chunk.toString('utf8')).split('\n');
            partial[stream] = lines.pop() ?? '';
            for (const line of lines)
                emit(line);
        };
        child.stdout.on('data', feed('stdout'));
        child.stderr.on('data', feed('stderr'));
        let timer;
        let timedOut = false;
        let cancelled = false;
        if (opts.timeoutMs && entry) {
            timer = setTimeout(() => {
                timedOut = true;
                void stopGroup(entry);
            }, opts.timeoutMs);
        }
        const onAbort = () => {
            if (!entry || finishing)
                return;
            cancelled = true;
            void stopGroup(entry);
        };
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        const text = (stream) => Buffer.concat(collected[stream]).toString('utf8');
        let notFound = false;
        let exit;
        let drain;
        const finish = async () => {
            if (finishing)
                return;
            finishing = true;
            if (timer)
                clearTimeout(timer);
            if (drain)
                clearTimeout(drain);
            opts.signal?.removeEventListener('abort', onAbort);
            // A stop under way ends only when the whole group is gone.
            if (entry?.stopping)
                await entry.stopping;
            if (entry)
                running.delete(entry);
            finished = true;
            // Output still held open by a background process is no longer waited for.
            for (const stream of [child.stdout, child.stderr])
                stream.unref?.();
            // A last line without a newline still belongs in the log and the tail.
            for (const stream of ['stdout', 'stderr'])
                if (partial[stream] !== '')
                    emit(partial[stream]);
            if (timedOut)
                tail.push(`(stopped after ${opts.timeoutMs}ms)`);
            else if (cancelled)
                tail.push('(stopped: cancelled)');
            if (notFound)
                tail.push(`${file}: command not found`);
            const { code, signal } = exit ?? { code: null, signal: null };
            resolve({
                code: notFound ? NOT_FOUND_EXIT_CODE : (code ?? (signal ? 128 + 15 : 1)),
                stdout: text('stdout'),
                stderr: notFound ? `${file}: command not found` : text('stderr'),
                tail,
                durationMs: _clock_js__WEBPACK_IMPORTED_MODULE_2__/* .systemClock */ .m.now() - started,
                timedOut,
                cancelled,
                notFound,
            });
        };
        child.on('error', (err) => {
            if (err.code === 'ENOENT')
                notFound = true;
            else if (!exit) {
                finishing = true;
                if (timer)
                    clearTimeout(timer);
                opts.signal?.removeEventListener('abort', onAbort);
                if (entry)
                    running.delete(entry);
                reject(err);
            }
        });
        child.on('exit', (code, signal) => {
            exit = { code, signal };
            // The program is done: what it left running in the background is no longer its timeout's.
            if (timer && !timedOut)
                clearTimeout(timer);
            if (!cancelled)
                opts.signal?.removeEventListener('abort', onAbort);
            if (entry && !entry.stopping)
                running.delete(entry);
            drain = setTimeout(() => void finish(), DRAIN_MS);
        });
        child.on('close', (code, signal) => {
            exit ??= { code, signal };
            void finish();
        });
        child.stdin.on('error', () => {
            // The program may exit before reading its input; its exit code tells what happened.
        });
        child.stdin.end(opts.input ?? '');
    });
}
/**
 * Runs a user's command through `/bin/sh -c`. The command text is the user's own; shipline's
 * values (version, artifact, environment...) travel only in `opts.env`, and the action's inputs
 * and the runner's tokens are withheld from it.
 */
function runShell(command, opts = {}) {
    return runArgv('/bin/sh', ['-c', command], { ...opts, baseEnv: userCommandEnv(opts.baseEnv) });
}
/** Programs as child processes: the production runtime's exec. */
const processExec = { argv: runArgv, shell: runShell };
/** An exec whose `shell` goes through the given `argv` as `/bin/sh -c` (inputs and tokens withheld): for fakes. */
function execFromArgv(argv) {
    return { argv, shell: (command, opts = {}) => argv('/bin/sh', ['-c', command], { ...opts, baseEnv: userCommandEnv(opts.baseEnv) }) };
}


/***/ }),

/***/ 3506:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ mapPool),
/* harmony export */   y: () => (/* binding */ sleep)
/* harmony export */ });
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


/***/ }),

/***/ 4831:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   j: () => (/* binding */ isProcessAlive)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);

/** True while the process exists and is not a zombie waiting to be reaped. */
function isProcessAlive(pid) {
    try {
        process.kill(pid, 0);
    }
    catch (err) {
        return err.code === 'EPERM';
    }
    try {
        const stat = node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(`/proc/${pid}/stat`, 'utf8');
        // Field 3, after the parenthesised command name (which may itself hold spaces or parens).
        return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
    }
    catch {
        return true; // no /proc (macOS): kill(0) succeeding is the best evidence there is
    }
}


/***/ }),

/***/ 193:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   CN: () => (/* binding */ splitUrlCredentials),
/* harmony export */   FI: () => (/* binding */ redactValue),
/* harmony export */   gn: () => (/* binding */ maskUrlCredentials),
/* harmony export */   rJ: () => (/* binding */ secret),
/* harmony export */   sK: () => (/* binding */ redactUrls),
/* harmony export */   um: () => (/* binding */ stripUrlCredentials)
/* harmony export */ });
/* harmony import */ var _runner_io_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(9927);

/**
 * Replaces user:password in every URL of a text with `***` (`https://***@host/`). The user info
 * runs to the last `@` before the path, so a password holding a raw `@` is hidden whole.
 */
function redactUrls(text, mask = '***') {
    return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/?#\s'"]+@/gi, (_, scheme) => `${scheme}${mask}@`);
}
/**
 * One value that may be a URL, made safe to quote in a message: its user info is hidden even
 * when the URL is not valid (a space or a quote in the password), then any URL inside it.
 * Redact first, cut after: a cut value may end before the `@` that marks the credentials.
 */
function redactValue(value) {
    return redactUrls(value.replace(/^(\s*[a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@'));
}
/**
 * A URL without its user info, otherwise exactly as written (`https://user:pass@host/x` ->
 * `https://host/x`): what may be printed, stored in a record or set as an output.
 */
function stripUrlCredentials(raw) {
    return raw.replace(/^(\s*[a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1');
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
        _runner_io_js__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(value);
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


/***/ }),

/***/ 9927:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $e: () => (/* binding */ warning),
/* harmony export */   C1: () => (/* binding */ setFailed),
/* harmony export */   Os: () => (/* binding */ group),
/* harmony export */   Pq: () => (/* binding */ setSecret),
/* harmony export */   U7: () => (/* binding */ relayLine),
/* harmony export */   V4: () => (/* binding */ getInput),
/* harmony export */   YI: () => (/* binding */ neutralize),
/* harmony export */   Yz: () => (/* binding */ debug),
/* harmony export */   lm: () => (/* binding */ notice),
/* harmony export */   pq: () => (/* binding */ info),
/* harmony export */   uH: () => (/* binding */ setOutput),
/* harmony export */   z3: () => (/* binding */ error)
/* harmony export */ });
/* unused harmony exports startGroup, endGroup */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(8161);
/**
 * The runner protocol, as @actions/core speaks it: inputs from `INPUT_*`, outputs appended to
 * `$GITHUB_OUTPUT` in the `name<<delimiter` form, workflow commands (`::error::`, `::add-mask::`,
 * `::group::`) on stdout. Written here because @actions/core loads an HTTP client (undici, for
 * OIDC tokens shipline never asks for) at import, which doubled every action's cold start; a test
 * checks this file writes exactly what @actions/core writes.
 */



const escapeData = (s) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const toValue = (v) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
function issue(command, message) {
    process.stdout.write(`::${command}::${escapeData(toValue(message))}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`);
}
/** `INPUT_<NAME>` (spaces as `_`, upper case, hyphens kept), trimmed; '' when unset. */
function getInput(name) {
    return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
function setOutput(name, value) {
    const file = process.env.GITHUB_OUTPUT;
    const text = toValue(value);
    if (!file) {
        process.stdout.write(`${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}::set-output name=${name}::${escapeData(text)}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`);
        return;
    }
    if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_1__.existsSync)(file))
        throw new Error(`Missing file at path: ${file}`);
    const delimiter = `ghadelimiter_${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomUUID)()}`;
    if (name.includes(delimiter) || text.includes(delimiter))
        throw new Error(`Unexpected input: value contains the delimiter ${delimiter}`);
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.appendFileSync)(file, `${name}<<${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}${text}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}${delimiter}${node_os__WEBPACK_IMPORTED_MODULE_2__.EOL}`, { encoding: 'utf8' });
}
function setSecret(secret) {
    issue('add-mask', secret);
}
/**
 * The runner reads every line of a step's output (stdout and stderr) for workflow commands: a
 * line whose first non-blank characters are `::` (`::error::`, `::add-mask::`, `::set-output`),
 * and the legacy `##[command]` anywhere in a line. Text from outside (inputs, HTTP bodies, metric
 * labels, command output, records, error messages quoting values) goes through here, so that none
 * of its lines can be one: such a line is printed after `> `, and `##[` as `## [`.
 */
function neutralize(text) {
    return text
        .split(/(\r\n|\r|\n)/)
        .map((part, i) => (i % 2 === 1 ? part : neutralizeLine(part)))
        .join('');
}
/** Leading blanks as .NET's TrimStart removes them (JavaScript's \s lacks U+0085). */
const COMMAND_LINE = /^[\s\u0085]*::/;
function neutralizeLine(line) {
    const safe = line.replace(/##\[/g, '## [');
    return COMMAND_LINE.test(safe) ? `> ${safe}` : safe;
}
/** A line of shipline's own log; any line of it that would start a workflow command is neutralized. */
function info(message) {
    process.stdout.write(neutralize(message) + node_os__WEBPACK_IMPORTED_MODULE_2__.EOL);
}
const ADD_MASK = /^[\s\u0085]*::add-mask::/i;
/**
 * A line of a user's command (deploy-command, build-command...) relayed to the log. It cannot
 * issue a workflow command, with one exception: `::add-mask::`, which only hides text, and without
 * which the secret a command asked the runner to hide would be printed in the clear.
 */
function relayLine(line, write = info) {
    if (ADD_MASK.test(line) && !/[\r\n]/.test(line))
        process.stdout.write(line.trimStart() + node_os__WEBPACK_IMPORTED_MODULE_2__.EOL);
    else
        write(line);
}
function debug(message) {
    issue('debug', message);
}
function warning(message) {
    issue('warning', message);
}
function error(message) {
    issue('error', message);
}
function notice(message) {
    issue('notice', message);
}
/** Fails the step: exit code 1 and one `::error::` line. */
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
function startGroup(name) {
    issue('group', name);
}
function endGroup() {
    issue('endgroup', '');
}
async function group(name, fn) {
    startGroup(name);
    try {
        return await fn();
    }
    finally {
        endGroup();
    }
}


/***/ }),

/***/ 3094:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   aB: () => (/* binding */ silentLog),
/* harmony export */   yf: () => (/* binding */ productionRuntime)
/* harmony export */ });
/* unused harmony exports runnerLog, memoryLog, runnerStep */
/* harmony import */ var _exec_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8801);
/* harmony import */ var _clock_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(4300);
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(193);
/* harmony import */ var _runner_io_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(9927);
/**
 * The runtime: everything an action takes from the world outside its inputs (programs it runs,
 * the time, the log, the GitHub client, where its outputs and summary go), as one object passed
 * through the action context. `runAction` makes the production one; tests pass another.
 */






const runnerLog = {
    info: (m) => _runner_io_js__WEBPACK_IMPORTED_MODULE_3__/* .info */ .pq((0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redactUrls */ .sK)(m)),
    warning: (m) => _runner_io_js__WEBPACK_IMPORTED_MODULE_3__/* .warning */ .$e((0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redactUrls */ .sK)(m)),
    error: (m) => _runner_io_js__WEBPACK_IMPORTED_MODULE_3__/* .error */ .z3((0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redactUrls */ .sK)(m)),
    debug: (m) => _runner_io_js__WEBPACK_IMPORTED_MODULE_3__/* .debug */ .Yz((0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redactUrls */ .sK)(m)),
    group: (title, fn) => _runner_io_js__WEBPACK_IMPORTED_MODULE_3__/* .group */ .Os((0,_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redactUrls */ .sK)(title), fn),
};
/** A log that drops everything (a driver built without one). */
const silentLog = { info: () => { }, warning: () => { }, error: () => { }, debug: () => { }, group: (_title, fn) => fn() };
/**
 * A log kept in memory, each line as the runner would print it (`::warning::text`, `::group::title`),
 * redacted and neutralized the same way: what in-process tests read instead of a step's stdout.
 */
function memoryLog() {
    const lines = [];
    const escape = (m) => redactUrls(m).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    const issue = (command, m) => lines.push(`::${command}::${escape(m)}`);
    return {
        lines,
        info: (m) => lines.push(...core.neutralize(redactUrls(m)).split('\n')),
        warning: (m) => issue('warning', m),
        error: (m) => issue('error', m),
        debug: (m) => issue('debug', m),
        group: async (title, fn) => {
            issue('group', title);
            try {
                return await fn();
            }
            finally {
                lines.push('::endgroup::');
            }
        },
    };
}
/** The step as the runner runs it: `$GITHUB_OUTPUT`, `$GITHUB_STEP_SUMMARY`, the process's signals and exit. */
const runnerStep = {
    setOutput: (name, value) => _runner_io_js__WEBPACK_IMPORTED_MODULE_3__/* .setOutput */ .uH(name, value),
    writeSummary: (summary) => {
        if (summary.write())
            return;
        if (process.env.SHIPLINE_PRINT_SUMMARY !== 'false' && !summary.isEmpty)
            process.stdout.write(`\n${_runner_io_js__WEBPACK_IMPORTED_MODULE_3__/* .neutralize */ .YI(summary.toString())}`);
    },
    fail: (message) => _runner_io_js__WEBPACK_IMPORTED_MODULE_3__/* .setFailed */ .C1(message),
    onCancel: (handler) => {
        process.once('SIGINT', handler);
        process.once('SIGTERM', handler);
        return () => {
            process.removeListener('SIGINT', handler);
            process.removeListener('SIGTERM', handler);
        };
    },
    exit: (code) => process.exit(code),
};
/** The runtime of a step on a runner. */
function productionRuntime() {
    return { exec: _exec_js__WEBPACK_IMPORTED_MODULE_0__/* .processExec */ .l$, clock: _clock_js__WEBPACK_IMPORTED_MODULE_1__/* .systemClock */ .m, log: runnerLog, step: runnerStep };
}


/***/ }),

/***/ 7579:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  JD: () => (/* binding */ dispatch)
});

// UNUSED EXPORTS: ROOT_DEFAULTED_INPUTS, warnIgnoredInputs

// EXTERNAL MODULE: ./build/core/runner-io.js
var runner_io = __nccwpck_require__(9927);
;// CONCATENATED MODULE: ./build/actions.js
/** Every action the root `action.yml` can run with `command:`. */
const ACTIONS = {
    build: () => Promise.all(/* import() */[__nccwpck_require__.e(603), __nccwpck_require__.e(448), __nccwpck_require__.e(88), __nccwpck_require__.e(852), __nccwpck_require__.e(683), __nccwpck_require__.e(557)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5557)),
    scan: () => Promise.all(/* import() */[__nccwpck_require__.e(603), __nccwpck_require__.e(448), __nccwpck_require__.e(819), __nccwpck_require__.e(683), __nccwpck_require__.e(113)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1113)),
    deploy: () => Promise.all(/* import() */[__nccwpck_require__.e(603), __nccwpck_require__.e(27), __nccwpck_require__.e(88), __nccwpck_require__.e(683), __nccwpck_require__.e(993), __nccwpck_require__.e(476), __nccwpck_require__.e(573), __nccwpck_require__.e(186)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3186)),
    smoke: () => Promise.all(/* import() */[__nccwpck_require__.e(603), __nccwpck_require__.e(683), __nccwpck_require__.e(832)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5832)),
    canary: () => Promise.all(/* import() */[__nccwpck_require__.e(603), __nccwpck_require__.e(27), __nccwpck_require__.e(683), __nccwpck_require__.e(993), __nccwpck_require__.e(476), __nccwpck_require__.e(254)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2254)),
    rollback: () => Promise.all(/* import() */[__nccwpck_require__.e(603), __nccwpck_require__.e(27), __nccwpck_require__.e(683), __nccwpck_require__.e(993), __nccwpck_require__.e(476), __nccwpck_require__.e(573), __nccwpck_require__.e(416)]).then(__nccwpck_require__.bind(__nccwpck_require__, 416)),
    gate: () => Promise.all(/* import() */[__nccwpck_require__.e(603), __nccwpck_require__.e(27), __nccwpck_require__.e(683), __nccwpck_require__.e(993), __nccwpck_require__.e(272)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5272)),
};
const ACTION_NAMES = Object.keys(ACTIONS);

;// CONCATENATED MODULE: ./build/dispatch.js


/** The root action: `command: <action>` runs that action with the same inputs. */
async function dispatch(command = runner_io/* getInput */.V4('command').trim()) {
    if (!Object.hasOwn(ACTIONS, command)) {
        const shown = command === '' ? 'is required' : `${JSON.stringify(command)} is not an action`;
        runner_io/* setFailed */.C1(`Input "command" ${shown}. Accepted: one of ${ACTION_NAMES.join(', ')}.`);
        return 1;
    }
    const { run, fields } = await ACTIONS[command]();
    warnIgnoredInputs(command, Object.keys(fields));
    return run();
}
/**
 * Inputs of the root action.yml that have a default: the runner sets them for every command, so
 * they say nothing about what the workflow gave. (A test keeps this list equal to action.yml's.)
 */
const ROOT_DEFAULTED_INPUTS = ['github-token'];
/**
 * The inputs a workflow gave that the chosen action does not take: with the root action every
 * input of every action is accepted, so a misplaced one (`steps` given to deploy) would otherwise
 * be dropped without a word.
 */
function warnIgnoredInputs(command, taken, env = process.env) {
    const known = new Set([...taken, 'command', ...ROOT_DEFAULTED_INPUTS].map((name) => `INPUT_${name.toUpperCase()}`));
    const ignored = Object.entries(env)
        .filter(([name, value]) => name.startsWith('INPUT_') && !known.has(name) && (value ?? '').trim() !== '')
        .map(([name]) => name.slice('INPUT_'.length).toLowerCase())
        .sort();
    if (ignored.length > 0) {
        const list = ignored.map((name) => JSON.stringify(name)).join(', ');
        runner_io/* warning */.$e(`${ignored.length === 1 ? 'Input' : 'Inputs'} ${list} ${ignored.length === 1 ? 'is' : 'are'} ` +
            `not taken by the ${command} action and ${ignored.length === 1 ? 'is' : 'are'} ignored. ` +
            `Accepted with command: ${command}: the inputs of actions/${command} (see its README).`);
    }
    return ignored;
}


/***/ }),

/***/ 7448:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  GZ: () => (/* reexport */ LOCAL_PROXY_FLAG),
  UM: () => (/* reexport */ localDriver),
  Hb: () => (/* reexport */ localTraits),
  hn: () => (/* reexport */ runLocalProxy)
});

// UNUSED EXPORTS: LocalDriverError, createLocalDriver, environmentPaths, readState, resolveLocalSettings, startLocalProxy

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: ./build/core/errors.js
var errors = __nccwpck_require__(2807);
// EXTERNAL MODULE: ./build/core/runtime.js
var runtime = __nccwpck_require__(3094);
;// CONCATENATED MODULE: ./build/drivers/local/errors.js

/** The user's settings and app are theirs; the weighted proxy and the state file are outside. */
const FAILURE = {
    settings: 'refused',
    unhealthy: 'refused',
    'no-stable': 'refused',
    'no-canary': 'refused',
    proxy: 'outside',
    state: 'outside',
};
class LocalDriverError extends errors/* ExpectedFailure */.Hb {
    name = 'LocalDriverError';
    kind;
    constructor(kind, message) {
        super(FAILURE[kind], message);
        this.kind = kind;
    }
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: ./build/core/exec.js
var exec = __nccwpck_require__(8801);
;// CONCATENATED MODULE: ./build/drivers/local/app-env.js

/** The app's environment: the parent's (minus credentials), the extras, then shipline's values. */
function appEnvironment(parent, extra, launch) {
    const env = (0,exec/* userCommandEnv */.cO)(parent);
    Object.assign(env, extra);
    env.PORT = String(launch.port);
    env.SHIPLINE_VERSION = launch.version;
    env.SHIPLINE_ENVIRONMENT = launch.environment;
    env.SHIPLINE_ARTIFACT = launch.artifact ?? '';
    return env;
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __nccwpck_require__(7067);
;// CONCATENATED MODULE: ./build/drivers/local/http-client.js

/** One small request to a loopback service, with a time limit; rejects on any network error. */
function request(url, options = {}) {
    return new Promise((resolve, reject) => {
        const req = external_node_http_.request(url, { method: options.method ?? 'GET', agent: false, timeout: options.timeoutMs ?? 2000 }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
            res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${options.timeoutMs ?? 2000} ms`)));
        req.on('error', reject);
        req.end(options.body);
    });
}

// EXTERNAL MODULE: ./build/core/clock.js
var clock = __nccwpck_require__(4300);
;// CONCATENATED MODULE: ./build/drivers/local/health.js


const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * Asks `url` until it answers 2xx, the process ends (`exited` settles), or `timeoutMs` passes.
 * The last thing seen (status or network error) becomes the reason.
 */
async function waitForHealthy(url, options) {
    let exitReason;
    void options.exited?.then((reason) => {
        exitReason = reason;
    });
    const deadline = clock/* systemClock */.m.now() + options.timeoutMs;
    let attempts = 0;
    let last = 'no answer yet';
    for (;;) {
        if (exitReason !== undefined)
            return { healthy: false, reason: `the process ${exitReason}`, attempts };
        attempts++;
        try {
            const left = Math.max(1, deadline - clock/* systemClock */.m.now());
            const res = await request(url, { timeoutMs: Math.min(2000, Math.max(250, left)) });
            if (res.status >= 200 && res.status < 300)
                return { healthy: true, attempts };
            last = `GET ${url} answered ${res.status}`;
        }
        catch (err) {
            last = `GET ${url} failed: ${err.message}`;
        }
        if (clock/* systemClock */.m.now() >= deadline) {
            return { healthy: false, reason: `${last} (gave up after ${options.timeoutMs} ms)`, attempts };
        }
        await sleep(Math.min(options.intervalMs ?? 100, Math.max(0, deadline - clock/* systemClock */.m.now())));
        if (exitReason !== undefined)
            return { healthy: false, reason: `the process ${exitReason}`, attempts };
    }
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __nccwpck_require__(1421);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __nccwpck_require__(7030);
// EXTERNAL MODULE: ./build/core/process.js
var core_process = __nccwpck_require__(4831);
;// CONCATENATED MODULE: ./build/drivers/local/processes.js







const processes_sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function signal(pid, name) {
    // The processes are started detached, so each leads its own group: the shell and the app in it.
    try {
        process.kill(-pid, name);
        return;
    }
    catch {
        // not a group leader (or gone): fall back to the process itself
    }
    try {
        process.kill(pid, name);
    }
    catch {
        // already gone
    }
}
/**
 * Stops a process group started by this driver: SIGTERM, wait up to `graceMs` for the leader to
 * exit, then SIGKILL the group (which also sweeps up anything the leader left behind).
 * Resolves true when the process is gone.
 */
async function stopProcessGroup(pid, graceMs) {
    if (!(0,core_process/* isProcessAlive */.j)(pid)) {
        signal(pid, 'SIGKILL');
        return true;
    }
    signal(pid, 'SIGTERM');
    const deadline = clock/* systemClock */.m.now() + graceMs;
    while ((0,core_process/* isProcessAlive */.j)(pid) && clock/* systemClock */.m.now() < deadline)
        await processes_sleep(20);
    signal(pid, 'SIGKILL');
    for (let i = 0; i < 100 && (0,core_process/* isProcessAlive */.j)(pid); i++)
        await processes_sleep(20);
    return !(0,core_process/* isProcessAlive */.j)(pid);
}
/**
 * Starts a process that outlives the caller: its own process group, output appended to `log`,
 * not holding the caller's event loop open.
 */
function spawnDetached(file, args, options) {
    external_node_fs_.mkdirSync(external_node_path_.dirname(options.log), { recursive: true });
    const out = external_node_fs_.openSync(options.log, 'a');
    try {
        const child = (0,external_node_child_process_.spawn)(file, args, {
            cwd: options.cwd,
            env: options.env,
            detached: true,
            stdio: ['ignore', out, out],
        });
        const exited = new Promise((resolve) => {
            child.once('exit', (code, sig) => resolve(sig ? `killed by ${sig}` : `exited with code ${code}`));
            child.once('error', (err) => resolve(`could not start: ${err.message}`));
        });
        child.unref();
        if (child.pid === undefined) {
            throw new Error(`could not start ${file}`);
        }
        return { pid: child.pid, exited };
    }
    finally {
        external_node_fs_.closeSync(out);
    }
}
/** A port nothing listens on right now, on 127.0.0.1. */
function freePort() {
    return new Promise((resolve, reject) => {
        const server = external_node_net_.createServer();
        server.unref();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}
/** The last `lines` lines of a log file ('' when there is none). */
function tailFile(file, lines = 20, maxBytes = 16_384) {
    let fd;
    try {
        fd = external_node_fs_.openSync(file, 'r');
    }
    catch {
        return '';
    }
    try {
        const size = external_node_fs_.fstatSync(fd).size;
        const length = Math.min(size, maxBytes);
        const buffer = Buffer.alloc(length);
        external_node_fs_.readSync(fd, buffer, 0, length, size - length);
        return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
    }
    finally {
        external_node_fs_.closeSync(fd);
    }
}

;// CONCATENATED MODULE: ./build/drivers/local/settings.js


/** Fills in defaults and checks the values; pure given its context. */
function resolveLocalSettings(settings, context) {
    const cwd = external_node_path_.resolve(context.cwd, settings.cwd ?? '.');
    const stateDir = external_node_path_.resolve(cwd, settings.stateDir ?? (context.env.SHIPLINE_STATE_DIR || external_node_path_.join('.shipline', 'local')));
    if (settings.port !== undefined && !(Number.isInteger(settings.port) && settings.port >= 1 && settings.port <= 65535)) {
        throw new LocalDriverError('settings', `local driver: port ${settings.port} is not a port number (1-65535)`);
    }
    const healthPath = settings.healthPath ?? '/health';
    if (!healthPath.startsWith('/')) {
        throw new LocalDriverError('settings', `local driver: health path "${healthPath}" must start with "/"`);
    }
    const command = settings.command?.trim() ? settings.command : undefined;
    return {
        ...(command !== undefined ? { command } : {}),
        stateDir,
        ...(settings.port !== undefined ? { port: settings.port } : {}),
        healthPath,
        cwd,
        ...(settings.environment !== undefined ? { environment: settings.environment } : {}),
        env: { ...settings.env },
        proxyEntry: external_node_path_.resolve(cwd, settings.proxyEntry ?? context.script),
        stopGraceMs: settings.stopGraceMs ?? 5000,
    };
}
/** The command, or a clear refusal: starting a version needs one. */
function requireCommand(settings) {
    if (!settings.command) {
        throw new LocalDriverError('settings', 'local driver: no start command; set `command` to the shell command that starts the app ' +
            '(it gets PORT, SHIPLINE_VERSION, SHIPLINE_ENVIRONMENT and SHIPLINE_ARTIFACT as environment variables)');
    }
    return settings.command;
}

;// CONCATENATED MODULE: ./build/drivers/local/launch.js






/** `<role>-<version>-<time>.log`, with anything odd in the version replaced. */
function logFileName(role, version, now) {
    const safe = version.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
    return `${role}-${safe}-${now.toISOString().replace(/[:.]/g, '-')}.log`;
}
/**
 * Starts one version of the app on a free loopback port, detached, and waits until its health
 * path answers 2xx. If it does not in time (or exits), stops it and rejects with the end of its log.
 */
async function launchVersion(settings, logDir, req, parentEnv = process.env, now = () => new Date()) {
    const command = requireCommand(settings);
    const port = await freePort();
    const startedAt = now();
    const log = external_node_path_.join(logDir, logFileName(req.role, req.version, startedAt));
    const env = appEnvironment(parentEnv, settings.env, {
        version: req.version,
        environment: req.environment,
        port,
        ...(req.artifact !== undefined ? { artifact: req.artifact } : {}),
    });
    const child = spawnDetached('/bin/sh', ['-c', command], { cwd: settings.cwd, env, log });
    const health = await waitForHealthy(`http://127.0.0.1:${port}${settings.healthPath}`, {
        timeoutMs: req.timeoutMs,
        exited: child.exited,
    });
    if (!health.healthy) {
        await stopProcessGroup(child.pid, Math.min(settings.stopGraceMs, 2000));
        const tail = tailFile(log, 20);
        throw new LocalDriverError('unhealthy', `local driver: ${req.role} ${req.version} did not become healthy: ${health.reason}. ` +
            `It was stopped; ${req.stillServing ? `${req.stillServing} keeps serving` : 'nothing else was changed'}. ` +
            `Last lines of its log (${log}):\n${tail || '(empty)'}`);
    }
    return {
        version: req.version,
        ...(req.artifact !== undefined ? { artifact: req.artifact } : {}),
        pid: child.pid,
        port,
        startedAt: startedAt.toISOString(),
        log,
    };
}

// EXTERNAL MODULE: ./build/core/duration.js
var duration = __nccwpck_require__(1420);
;// CONCATENATED MODULE: ./build/drivers/local/plan.js

function who(record) {
    return `${record.version} (pid ${record.pid}, port ${record.port})`;
}
function publicAddress(settings, state) {
    const port = settings.port ?? state?.publicPort;
    return port ? `http://127.0.0.1:${port}` : 'http://127.0.0.1:<a free port, kept for later steps>';
}
function startLines(settings, req, role) {
    const values = [
        'PORT=<a free port>',
        `SHIPLINE_VERSION=${req.version}`,
        `SHIPLINE_ENVIRONMENT=${req.environment}`,
        `SHIPLINE_ARTIFACT=${req.artifact ?? ''}`,
    ].join(', ');
    return [
        `start ${role} ${req.version}: /bin/sh -c ${JSON.stringify(settings.command ?? '<command not set>')} in ${settings.cwd} with ${values}`,
        `wait up to ${(0,duration/* formatDuration */.a3)(req.timeoutMs)} for GET ${settings.healthPath} ` +
            `to answer 2xx; if it does not, stop it and leave traffic as it is`,
    ];
}
/** What `deploy` will do, given the settings and the environment's state (pure). */
function planLocalDeploy(settings, state, req) {
    const lines = [
        `local driver, environment ${req.environment} (state in ${settings.stateDir})`,
        ...startLines(settings, req, 'version'),
        `send all traffic of ${publicAddress(settings, state)} to ${req.version}`,
    ];
    if (state?.stable)
        lines.push(`then stop the previous version ${who(state.stable)}`);
    else
        lines.push('no previous version runs');
    if (state?.canary)
        lines.push(`then stop the canary ${who(state.canary)}`);
    return lines;
}
/** What `startCanary` will do (pure). */
function planLocalCanary(settings, state, req) {
    const lines = [`local driver, environment ${req.environment} (state in ${settings.stateDir})`];
    if (state?.canary)
        lines.push(`stop the running canary ${who(state.canary)} first`);
    lines.push(...startLines(settings, req, 'canary'));
    lines.push(`run it beside stable ${state?.stable ? who(state.stable) : '<none deployed: the canary will be refused>'} ` +
        `with 0% of ${publicAddress(settings, state)}`);
    return lines;
}
/** The traffic steps of a canary, one line each (pure). */
function planLocalTraffic(settings, state, weights) {
    const stable = state?.stable?.version ?? 'stable';
    const canary = state?.canary?.version ?? 'canary';
    return weights.map((w) => `route ${w}% of ${publicAddress(settings, state)} to ${canary} and ${100 - w}% to ${stable} (local proxy, takes effect at once)`);
}

;// CONCATENATED MODULE: ./build/drivers/local/weighted.js
function createWeightedPicker(weights) {
    const valid = weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 0));
    const total = valid.reduce((sum, w) => sum + w, 0);
    const scores = valid.map(() => 0);
    return {
        next() {
            if (total === 0)
                return -1;
            let best = -1;
            for (let i = 0; i < valid.length; i++) {
                if (valid[i] === 0)
                    continue;
                scores[i] += valid[i];
                if (best === -1 || scores[i] > scores[best])
                    best = i;
            }
            scores[best] -= total;
            return best;
        },
    };
}
/** The canary's share as backend weights: [stable, canary]. */
function canaryWeights(weight) {
    const w = Math.min(100, Math.max(0, weight));
    return [100 - w, w];
}

;// CONCATENATED MODULE: ./build/drivers/local/proxy-server.js


const VERSION_HEADER = 'x-shipline-version';
const ROLE_HEADER = 'x-shipline-role';
const HOP_BY_HOP = new Set([
    'connection',
    'keep-alive',
    'proxy-authenticate',
    'proxy-authorization',
    'te',
    'trailer',
    'transfer-encoding',
    'upgrade',
]);
function withoutHopByHop(headers) {
    const out = {};
    const named = new Set(String(headers.connection ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase()));
    for (const [name, value] of Object.entries(headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(name) && !named.has(name))
            out[name] = value;
    }
    return out;
}
/**
 * A reverse proxy on loopback that picks stable or canary per request (smooth weighted
 * round-robin), streams bodies both ways, keeps status and headers, and tags every answer with
 * the version that served it. A backend that does not answer gives 502.
 */
function createWeightedProxy(initial) {
    let current = initial;
    let picker = createWeightedPicker(canaryWeights(initial.canary ? initial.weight : 0));
    const counts = { stable: 0, canary: 0 };
    const inflight = new Map();
    const agent = new external_node_http_.Agent({ keepAlive: false });
    function choose() {
        const { stable, canary } = current;
        if (!stable && !canary)
            return null;
        if (!canary)
            return { role: 'stable', backend: stable };
        if (!stable)
            return { role: 'canary', backend: canary };
        return picker.next() === 1 ? { role: 'canary', backend: canary } : { role: 'stable', backend: stable };
    }
    const server = external_node_http_.createServer((req, res) => {
        const target = choose();
        if (!target) {
            res.writeHead(503, { 'content-type': 'text/plain' });
            res.end('shipline local proxy: no version is deployed here\n');
            req.resume();
            return;
        }
        counts[target.role]++;
        const { role, backend } = target;
        inflight.set(backend.port, (inflight.get(backend.port) ?? 0) + 1);
        res.once('close', () => {
            const left = (inflight.get(backend.port) ?? 1) - 1;
            if (left > 0)
                inflight.set(backend.port, left);
            else
                inflight.delete(backend.port);
        });
        const headers = withoutHopByHop(req.headers);
        const remote = req.socket.remoteAddress ?? '';
        headers['x-forwarded-for'] = req.headers['x-forwarded-for'] ? `${req.headers['x-forwarded-for']}, ${remote}` : remote;
        headers['x-forwarded-host'] ??= req.headers.host ?? '';
        headers['x-forwarded-proto'] ??= 'http';
        const upstream = external_node_http_.request({
            host: '127.0.0.1',
            port: backend.port,
            method: req.method,
            path: req.url,
            headers,
            agent,
        });
        upstream.on('response', (answer) => {
            const out = withoutHopByHop(answer.headers);
            out[VERSION_HEADER] = backend.version;
            out[ROLE_HEADER] = role;
            res.writeHead(answer.statusCode ?? 502, answer.statusMessage, out);
            answer.pipe(res);
            answer.on('error', () => res.destroy());
        });
        upstream.on('error', (err) => {
            if (res.headersSent) {
                res.destroy();
                return;
            }
            res.writeHead(502, { 'content-type': 'text/plain', [VERSION_HEADER]: backend.version, [ROLE_HEADER]: role });
            res.end(`shipline local proxy: ${role} version ${backend.version} on port ${backend.port} ` +
                `did not answer: ${err.code ?? err.message}\n`);
        });
        res.on('close', () => {
            if (!res.writableFinished)
                upstream.destroy();
        });
        req.on('error', () => upstream.destroy());
        req.pipe(upstream);
    });
    return {
        server,
        setRoutes(routes) {
            const weightChanged = routes.weight !== current.weight || Boolean(routes.canary) !== Boolean(current.canary);
            current = routes;
            if (weightChanged)
                picker = createWeightedPicker(canaryWeights(routes.canary ? routes.weight : 0));
        },
        routes: () => current,
        counts: () => ({ ...counts }),
        inflight: () => Object.fromEntries(inflight),
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: ./build/drivers/local/state.js




const SAFE = /^[A-Za-z0-9._-]+$/;
/**
 * A directory name for an environment: the name itself when it is plain, else a sanitised form
 * with a short hash, so `my env` and `my_env` never share a directory.
 */
function environmentDirName(environment) {
    if (SAFE.test(environment) && environment !== '.' && environment !== '..')
        return environment;
    const hash = (0,external_node_crypto_.createHash)('sha256').update(environment).digest('hex').slice(0, 8);
    return `${environment.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_')}-${hash}`;
}
function environmentPaths(stateDir, environment) {
    const dir = external_node_path_.join(stateDir, environmentDirName(environment));
    return {
        dir,
        stateFile: external_node_path_.join(dir, 'state.json'),
        proxyFile: external_node_path_.join(dir, 'proxy.json'),
        proxyLog: external_node_path_.join(dir, 'proxy.log'),
        logDir: external_node_path_.join(dir, 'logs'),
    };
}
function emptyState(environment, publicPort) {
    return {
        schema: 1,
        environment,
        publicPort,
        proxy: null,
        stable: null,
        canary: null,
        weight: 0,
        revision: 0,
        updatedAt: new Date(0).toISOString(),
    };
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function fail(where, problem) {
    throw new LocalDriverError('state', `local driver: state file ${where}: ${problem}`);
}
function port(value, where) {
    if (!Number.isInteger(value) || value < 1 || value > 65535)
        fail(where, 'is not a port');
    return value;
}
function pid(value, where) {
    if (!Number.isInteger(value) || value < 1)
        fail(where, 'is not a process id');
    return value;
}
function state_text(value, where) {
    if (typeof value !== 'string')
        fail(where, 'is not a string');
    return value;
}
function processRecord(value, where) {
    if (value === null)
        return null;
    if (!isObject(value))
        fail(where, 'is not an object or null');
    const record = {
        version: state_text(value.version, `${where}.version`),
        pid: pid(value.pid, `${where}.pid`),
        port: port(value.port, `${where}.port`),
        startedAt: state_text(value.startedAt, `${where}.startedAt`),
        log: state_text(value.log, `${where}.log`),
    };
    if (value.artifact !== undefined)
        record.artifact = state_text(value.artifact, `${where}.artifact`);
    if (value.slot !== undefined) {
        if (value.slot !== 'blue' && value.slot !== 'green')
            fail(`${where}.slot`, 'is not "blue" or "green"');
        record.slot = value.slot;
    }
    return record;
}
function proxyRecord(value, where) {
    if (value === null)
        return null;
    if (!isObject(value))
        fail(where, 'is not an object or null');
    return {
        pid: pid(value.pid, `${where}.pid`),
        controlPort: port(value.controlPort, `${where}.controlPort`),
        startedAt: state_text(value.startedAt, `${where}.startedAt`),
    };
}
/** Checks a parsed state file field by field; errors name the field (`stable.port`). */
function parseState(value) {
    if (!isObject(value))
        fail('', 'is not a JSON object');
    if (value.schema !== 1)
        fail('schema', `is ${JSON.stringify(value.schema)}, expected 1`);
    const weight = value.weight;
    if (typeof weight !== 'number' || !(weight >= 0 && weight <= 100))
        fail('weight', 'is not a number from 0 to 100');
    if (!Number.isInteger(value.revision) || value.revision < 0)
        fail('revision', 'is not a count');
    return {
        schema: 1,
        environment: state_text(value.environment, 'environment'),
        publicPort: port(value.publicPort, 'publicPort'),
        proxy: proxyRecord(value.proxy ?? null, 'proxy'),
        stable: processRecord(value.stable ?? null, 'stable'),
        canary: processRecord(value.canary ?? null, 'canary'),
        weight,
        revision: value.revision,
        updatedAt: state_text(value.updatedAt, 'updatedAt'),
    };
}
function readJson(file) {
    let raw;
    try {
        raw = external_node_fs_.readFileSync(file, 'utf8');
    }
    catch (err) {
        if (err.code === 'ENOENT')
            return undefined;
        throw err;
    }
    try {
        return JSON.parse(raw);
    }
    catch {
        throw new LocalDriverError('state', `local driver: ${file} is not valid JSON; remove it to start over`);
    }
}
/** The environment's state, or null when nothing was ever deployed there. */
function readState(file) {
    const json = readJson(file);
    if (json === undefined)
        return null;
    try {
        return parseState(json);
    }
    catch (err) {
        if (err instanceof LocalDriverError) {
            throw new LocalDriverError('state', `${err.message} (in ${file}; remove it to start over)`);
        }
        throw err;
    }
}
/** Writes JSON so a reader sees the old file or the new one, never half of one. */
function writeJsonAtomic(file, value) {
    external_node_fs_.mkdirSync(external_node_path_.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
        external_node_fs_.writeFileSync(temp, JSON.stringify(value, null, 2) + '\n');
        external_node_fs_.renameSync(temp, file);
    }
    catch (err) {
        external_node_fs_.rmSync(temp, { force: true });
        throw err;
    }
}
/** Saves a new revision of the state and returns it. */
function writeState(file, state, now = new Date()) {
    const next = { ...state, revision: state.revision + 1, updatedAt: now.toISOString() };
    writeJsonAtomic(file, next);
    return next;
}
function readProxyReady(file) {
    const json = readJson(file);
    if (!isObject(json))
        return null;
    const { pid: p, port: q, controlPort: c } = json;
    if (!Number.isInteger(p) || !Number.isInteger(q) || !Number.isInteger(c))
        return null;
    return { pid: p, port: q, controlPort: c };
}

;// CONCATENATED MODULE: ./build/drivers/local/proxy-main.js





/** The first argument that makes a shipline bundle run the local proxy instead of its action. */
const LOCAL_PROXY_FLAG = '--shipline-local-proxy';
/** How often the proxy looks at the state file on its own (the control endpoint is the fast path). */
const POLL_MS = 500;
function routesOf(state) {
    return {
        stable: state.stable && { version: state.stable.version, port: state.stable.port },
        canary: state.canary && { version: state.canary.version, port: state.canary.port },
        weight: state.canary ? state.weight : 0,
        revision: state.revision,
    };
}
/**
 * Serves an environment from its state file: the weighted proxy on 127.0.0.1:<publicPort>, and a
 * control endpoint on another loopback port (`GET /routes`, `POST /reload` re-reads the state file
 * and answers with the routes now in force). Writes `proxy.json` beside the state file once both
 * listen. Also re-reads the state file every 500 ms, and shuts down when it disappears.
 */
async function startLocalProxy(stateFile) {
    const state = readState(stateFile);
    if (!state)
        throw new Error(`no state file at ${stateFile}`);
    const proxy = createWeightedProxy(routesOf(state));
    function reload() {
        const next = readState(stateFile);
        if (next && next.revision !== proxy.routes().revision)
            proxy.setRoutes(routesOf(next));
        return proxy.routes();
    }
    const describe = () => JSON.stringify({ pid: process.pid, ...proxy.routes(), served: proxy.counts(), inflight: proxy.inflight() }) + '\n';
    const control = external_node_http_.createServer((req, res) => {
        req.resume();
        try {
            if (req.method === 'POST' && req.url === '/reload')
                reload();
            else if (!(req.method === 'GET' && req.url === '/routes')) {
                res.writeHead(404).end();
                return;
            }
            res.writeHead(200, { 'content-type': 'application/json' }).end(describe());
        }
        catch (err) {
            res.writeHead(500, { 'content-type': 'text/plain' }).end(`${err.message}\n`);
        }
    });
    const listen = (server, port) => new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
            server.off('error', reject);
            resolve(server.address().port);
        });
    });
    const publicPort = await listen(proxy.server, state.publicPort);
    let controlPort;
    try {
        controlPort = await listen(control, 0);
    }
    catch (err) {
        proxy.server.close();
        throw err;
    }
    let closing;
    const timer = setInterval(() => {
        if (!external_node_fs_.existsSync(stateFile)) {
            void close();
            return;
        }
        try {
            reload();
        }
        catch (err) {
            console.error(`shipline local proxy: ${err.message}`);
        }
    }, POLL_MS);
    function close() {
        closing ??= (async () => {
            clearInterval(timer);
            const done = (server) => new Promise((resolve) => server.close(() => resolve()));
            const closed = Promise.all([done(proxy.server), done(control)]);
            proxy.server.closeIdleConnections();
            control.closeIdleConnections();
            await closed;
        })();
        return closing;
    }
    const ready = { pid: process.pid, port: publicPort, controlPort };
    writeJsonAtomic(external_node_path_.join(external_node_path_.dirname(stateFile), 'proxy.json'), ready);
    return { publicPort, controlPort, close };
}
/**
 * The proxy process's main: `runLocalProxy(['--state', '/path/state.json'])`. A bundle's entry
 * calls it when its first argument is LOCAL_PROXY_FLAG. Runs until SIGTERM/SIGINT or until the
 * state file is removed.
 */
async function runLocalProxy(argv) {
    const at = argv.indexOf('--state');
    const stateFile = at >= 0 ? argv[at + 1] : undefined;
    if (!stateFile) {
        console.error(`usage: <bundle> ${LOCAL_PROXY_FLAG} --state <state.json>`);
        process.exitCode = 2;
        return;
    }
    try {
        const running = await startLocalProxy(external_node_path_.resolve(stateFile));
        console.log(`shipline local proxy ${process.pid}: 127.0.0.1:${running.publicPort}, control 127.0.0.1:${running.controlPort}`);
        const stop = () => void running.close().then(() => process.exit(0));
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
    }
    catch (err) {
        console.error(`shipline local proxy: ${err.message}`);
        process.exitCode = 1;
    }
}

;// CONCATENATED MODULE: ./build/drivers/local/proxy-control.js







const proxy_control_sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function parseView(body) {
    const view = JSON.parse(body);
    if (typeof view.pid !== 'number' || typeof view.revision !== 'number')
        throw new Error('not a proxy answer');
    return view;
}
/** What the proxy on `controlPort` routes now; null when nothing (or another process) answers. */
async function queryProxy(controlPort, pid) {
    try {
        const res = await request(`http://127.0.0.1:${controlPort}/routes`, { timeoutMs: 1000 });
        if (res.status !== 200)
            return null;
        const view = parseView(res.body);
        return view.pid === pid ? view : null;
    }
    catch {
        return null;
    }
}
/**
 * Makes the proxy re-read the state file now, and checks it took `revision`: once this returns,
 * every new request follows the new routes.
 */
async function reloadProxy(controlPort, revision) {
    let res;
    try {
        res = await request(`http://127.0.0.1:${controlPort}/reload`, { method: 'POST', timeoutMs: 2000 });
    }
    catch (err) {
        throw new LocalDriverError('proxy', `local driver: the proxy's control endpoint did not answer: ${err.message}`);
    }
    if (res.status !== 200) {
        throw new LocalDriverError('proxy', `local driver: the proxy refused the new routes: ${res.body.trim()}`);
    }
    const view = parseView(res.body);
    if (view.revision < revision) {
        throw new LocalDriverError('proxy', `local driver: the proxy still routes revision ${view.revision}, expected ${revision}`);
    }
    return view;
}
/**
 * Waits until the proxy has no request under way to the backend on `port` (those it routed there
 * before the switch), so stopping that backend cuts no answer short. Gives up after `timeoutMs`.
 */
async function waitForDrain(controlPort, pid, port, timeoutMs) {
    const deadline = clock/* systemClock */.m.now() + timeoutMs;
    for (;;) {
        const view = await queryProxy(controlPort, pid);
        if (!view || !view.inflight?.[String(port)])
            return true;
        if (clock/* systemClock */.m.now() >= deadline)
            return false;
        await proxy_control_sleep(10);
    }
}
/** The command line that starts the proxy: node, the bundle, the flag, the state file. */
function proxyCommandLine(entry, stateFile) {
    return { file: process.execPath, args: [entry, LOCAL_PROXY_FLAG, '--state', stateFile] };
}
/** Starts the environment's proxy as a detached process and waits until it listens. */
async function startProxyProcess(entry, paths, options) {
    external_node_fs_.rmSync(paths.proxyFile, { force: true });
    const { file, args } = proxyCommandLine(entry, paths.stateFile);
    const child = spawnDetached(file, args, { cwd: options.cwd, env: options.env, log: paths.proxyLog });
    let exit;
    void child.exited.then((reason) => {
        exit = reason;
    });
    const deadline = clock/* systemClock */.m.now() + (options.timeoutMs ?? 10_000);
    while (clock/* systemClock */.m.now() < deadline && exit === undefined) {
        const ready = readProxyReady(paths.proxyFile);
        if (ready && ready.pid === child.pid && (await queryProxy(ready.controlPort, ready.pid)))
            return ready;
        await proxy_control_sleep(25);
    }
    if ((0,core_process/* isProcessAlive */.j)(child.pid)) {
        try {
            process.kill(child.pid, 'SIGKILL');
        }
        catch {
            // gone meanwhile
        }
    }
    throw new LocalDriverError('proxy', `local driver: the proxy did not start (${exit ?? 'no answer within the time limit'}); ` +
        `${file} ${args.join(' ')}\n${tailFile(paths.proxyLog, 15)}`);
}

;// CONCATENATED MODULE: ./build/drivers/local/status.js



/** Reads the state file and checks every process in it (any process may call this). */
async function readLocalStatus(paths, environment) {
    const state = readState(paths.stateFile);
    if (!state) {
        return { environment, deployed: false, url: null, stateFile: paths.stateFile, proxy: null, stable: null, canary: null, weight: 0 };
    }
    const live = (record) => record && { ...record, alive: (0,core_process/* isProcessAlive */.j)(record.pid) };
    let proxy = null;
    let proxyWeight;
    if (state.proxy) {
        const alive = (0,core_process/* isProcessAlive */.j)(state.proxy.pid);
        const view = alive ? await queryProxy(state.proxy.controlPort, state.proxy.pid) : null;
        proxy = { ...state.proxy, alive, answering: view !== null, ...(view ? { revision: view.revision } : {}) };
        if (view)
            proxyWeight = view.weight;
    }
    return {
        environment,
        deployed: state.stable !== null,
        url: `http://127.0.0.1:${state.publicPort}`,
        stateFile: paths.stateFile,
        proxy,
        stable: live(state.stable),
        canary: live(state.canary),
        weight: state.weight,
        ...(proxyWeight !== undefined ? { proxyWeight } : {}),
    };
}

// EXTERNAL MODULE: ./build/drivers/slots.js
var slots = __nccwpck_require__(2885);
;// CONCATENATED MODULE: ./build/drivers/local/slots.js





/** The live slot of a state: the stable version's (blue for one deployed by rolling). */
const liveSlotOf = (state) => (state?.stable ? (state.stable.slot ?? 'blue') : undefined);
/**
 * Blue-green on the local driver: the live slot is the proxy's stable version (all traffic), the
 * idle slot a second process kept as the proxy's canary at weight 0. A switch swaps the two in one
 * state write and one proxy reload, so no process starts or stops while traffic moves.
 */
function createLocalSlots(d) {
    const current = (environment) => {
        const name = d.target(environment);
        const paths = d.pathsOf(name);
        return { name, paths, state: readState(paths.stateFile) };
    };
    /** The process on a slot: the stable one if it is that slot, else the canary if it is. */
    const onSlot = (state, slot) => {
        if (!state)
            return null;
        if (state.stable && liveSlotOf(state) === slot)
            return state.stable;
        if (state.canary?.slot === slot)
            return state.canary;
        return null;
    };
    return {
        reportsPreviewUrl: true,
        async live() {
            return liveSlotOf(current().state);
        },
        async versionOn(slot) {
            const record = onSlot(current().state, slot);
            return record && (0,core_process/* isProcessAlive */.j)(record.pid) ? record.version : undefined;
        },
        async startOn(slot, req) {
            const name = d.target(req.environment);
            const paths = d.pathsOf(name);
            let state = await d.loadState(name, paths);
            const live = liveSlotOf(state);
            if (live === slot)
                throw new LocalDriverError('settings', `local driver: slot ${slot} is live in ${name}; a new version starts on the idle slot (${(0,slots/* otherSlot */.jx)(slot)})`);
            if (state.canary) {
                const old = state.canary;
                state = d.save(paths, { ...state, canary: null, weight: 0 });
                if (state.stable)
                    state = await d.applyRoutes(paths, state);
                await d.stopRecord(old, old.slot ? `slot ${old.slot}` : 'canary', state.proxy);
            }
            const record = {
                ...(await launchVersion(d.settings, paths.logDir, {
                    environment: name,
                    version: req.version,
                    timeoutMs: req.timeoutMs,
                    role: slot,
                    ...(req.artifact !== undefined ? { artifact: req.artifact } : {}),
                    ...(state.stable ? { stillServing: `${live} (${state.stable.version})` } : {}),
                }, d.parentEnv, d.now)),
                slot,
            };
            d.log.info(`started ${record.version} on slot ${slot} (pid ${record.pid}, port ${record.port}); healthy; no traffic`);
            try {
                state = d.save(paths, { ...state, canary: record, weight: 0 });
                if (state.stable)
                    state = await d.applyRoutes(paths, state);
            }
            catch (err) {
                d.save(paths, { ...state, canary: null, weight: 0 });
                await d.stopRecord(record, `slot ${slot}`);
                throw err;
            }
            return {
                url: `http://127.0.0.1:${state.publicPort}`,
                previewUrl: `http://127.0.0.1:${record.port}`,
                details: { [`${slot} pid`]: record.pid, [`${slot} port`]: record.port, log: record.log },
            };
        },
        async switchTo(slot, req) {
            const { name, paths, state } = current(req.environment);
            const live = liveSlotOf(state);
            if (!state)
                return;
            // Already live in the state (a switch cut short after its write): make sure the proxy serves it.
            if (live === slot) {
                await d.applyRoutes(paths, state);
                return;
            }
            const next = onSlot(state, slot);
            if (!next)
                throw new LocalDriverError('no-canary', `local driver: nothing runs on slot ${slot} in ${name}; start a version there before switching to it`);
            const previous = state.stable ? { ...state.stable, slot: live } : null;
            const after = await d.applyRoutes(paths, d.save(paths, { ...state, stable: next, canary: previous, weight: 0 }));
            d.log.info(`all traffic of http://127.0.0.1:${after.publicPort} goes to slot ${slot} (${next.version})`);
        },
        async stopSlot(slot) {
            const { name, paths, state } = current();
            if (!state)
                return true;
            if (liveSlotOf(state) === slot)
                throw new LocalDriverError('settings', `local driver: slot ${slot} is live in ${name}; it is not stopped`);
            const record = onSlot(state, slot);
            if (!record)
                return true;
            let next = d.save(paths, { ...state, canary: null, weight: 0 });
            if (next.stable)
                next = await d.applyRoutes(paths, next);
            await d.stopRecord(record, `slot ${slot}`, next.proxy);
            return true;
        },
        plan(idle, req) {
            const state = current(req.environment).state;
            const live = liveSlotOf(state);
            return [
                ...(state?.canary ? [`stop ${state.canary.version} (pid ${state.canary.pid}) on the idle slot ${idle}`] : []),
                `start ${req.version} on slot ${idle} (a new process on a free port, ` +
                    `\`${d.settings.command ?? ''}\`) and wait for ${d.settings.healthPath}`,
                `switch all traffic of the proxy to slot ` +
                    `${idle}${live && state?.stable ? `; ${state.stable.version} stays on slot ${live} without traffic` : ''}`,
            ];
        },
    };
}

;// CONCATENATED MODULE: ./build/drivers/local/driver.js












/** What the local driver declares: it knows every URL (the proxy's, each version's). */
const localTraits = {
    name: 'local',
    reportsUrls: true,
    startsCanary: true,
    share: (weight) => `${weight}% (local proxy)`,
};
/** The local driver with its capabilities; a later run finds a canary again through its state. */
function localDriver(input, seams = {}) {
    const d = createLocalDriver(input, seams);
    return {
        name: d.name,
        traits: localTraits,
        deployer: { deploy: d.deploy, rollback: d.rollback },
        plan: { deploy: d.planDeploy, canary: d.planCanary, traffic: d.planTraffic },
        traffic: { startCanary: d.startCanary, setWeight: d.setWeight, promote: d.promote, abort: d.abort },
        status: { reattach: (environment) => reattach(d, environment) },
        slots: d.slots,
    };
}
/** The canary's and stable's URLs read again from the state; refuses when either process is gone. */
async function reattach(d, environment) {
    const status = await d.status(environment);
    if (!status.canary?.alive)
        throw new errors/* UserError */.yo(`The paused canary in ${environment} no longer runs (its process is gone): it cannot be promoted.`);
    if (!status.stable?.alive)
        throw new errors/* UserError */.yo(`The stable version in ${environment} no longer runs (its process is gone): the canary cannot be judged against it.`);
    return { 'canary-url': `http://127.0.0.1:${status.canary.port}`, 'stable-url': `http://127.0.0.1:${status.stable.port}` };
}
const describe = (record) => `${record.version} (pid ${record.pid}, port ${record.port})`;
function createLocalDriver(input, seams = {}) {
    const parentEnv = seams.env ?? process.env;
    const settings = resolveLocalSettings(input, {
        env: parentEnv,
        cwd: seams.cwd ?? process.cwd(),
        script: seams.script ?? process.argv[1] ?? '',
    });
    const now = seams.now ?? (() => new Date());
    const log = seams.log ?? runtime/* silentLog */.aB;
    let environment = settings.environment;
    function target(name) {
        if (name !== undefined)
            environment = name;
        if (environment === undefined) {
            throw new LocalDriverError('settings', 'local driver: no environment given; set `environment` in the driver settings');
        }
        return environment;
    }
    const pathsOf = (name) => environmentPaths(settings.stateDir, name);
    const save = (paths, state) => writeState(paths.stateFile, state, now());
    const url = (state) => `http://127.0.0.1:${state.publicPort}`;
    /** Stops a version the proxy no longer routes to, once the requests it still serves are done. */
    async function stopRecord(record, what, proxy) {
        if (!record)
            return;
        if (proxy && !(await waitForDrain(proxy.controlPort, proxy.pid, record.port, settings.stopGraceMs))) {
            log.info(`${what} ${describe(record)} still had requests under way after ${settings.stopGraceMs} ms`);
        }
        const gone = await stopProcessGroup(record.pid, settings.stopGraceMs);
        log.info(gone ? `stopped ${what} ${describe(record)}` : `could not stop ${what} ${describe(record)}`);
    }
    /** Makes sure the proxy serves the state just written; starts (or restarts) it if needed. */
    async function applyRoutes(paths, state) {
        const proxy = state.proxy;
        if (proxy && (0,core_process/* isProcessAlive */.j)(proxy.pid)) {
            const view = await queryProxy(proxy.controlPort, proxy.pid);
            if (view) {
                await reloadProxy(proxy.controlPort, state.revision);
                return state;
            }
            log.info(`proxy pid ${proxy.pid} does not answer; starting a new one`);
            await stopProcessGroup(proxy.pid, 1000);
        }
        const ready = await startProxyProcess(settings.proxyEntry, paths, {
            cwd: settings.cwd,
            env: Object.fromEntries(Object.entries(parentEnv).filter((e) => e[1] !== undefined)),
        });
        log.info(`started the proxy on ${url(state)} (pid ${ready.pid})`);
        const next = save(paths, { ...state, proxy: { pid: ready.pid, controlPort: ready.controlPort, startedAt: now().toISOString() } });
        await reloadProxy(ready.controlPort, next.revision);
        return next;
    }
    /** The environment's state, with the public port settled (and a proxy on an old port stopped). */
    async function loadState(name, paths) {
        const state = readState(paths.stateFile);
        if (!state)
            return emptyState(name, settings.port ?? (await freePort()));
        if (settings.port !== undefined && settings.port !== state.publicPort) {
            if (state.proxy)
                await stopProcessGroup(state.proxy.pid, 1000);
            return { ...state, publicPort: settings.port, proxy: null };
        }
        return state;
    }
    async function deploy(req) {
        const name = target(req.environment);
        const paths = pathsOf(name);
        let state = await loadState(name, paths);
        const previous = { stable: state.stable, canary: state.canary };
        const record = await launchVersion(settings, paths.logDir, {
            environment: name,
            version: req.version,
            timeoutMs: req.timeoutMs,
            role: 'version',
            ...(req.artifact !== undefined ? { artifact: req.artifact } : {}),
            ...(previous.stable ? { stillServing: `version ${previous.stable.version}` } : {}),
        }, parentEnv, now);
        log.info(`started ${describe(record)}; healthy`);
        try {
            state = save(paths, { ...state, stable: record, canary: null, weight: 0 });
            state = await applyRoutes(paths, state);
        }
        catch (err) {
            save(paths, { ...state, ...previous });
            await stopRecord(record, 'new version');
            throw err;
        }
        log.info(`all traffic of ${url(state)} goes to ${record.version}`);
        if (previous.stable)
            await stopRecord(previous.stable, 'previous version', state.proxy);
        if (previous.canary)
            await stopRecord(previous.canary, 'canary', state.proxy);
        return {
            url: url(state),
            details: {
                version: record.version,
                pid: record.pid,
                port: record.port,
                log: record.log,
                'proxy-pid': state.proxy?.pid ?? 0,
                ...(previous.stable ? { 'previous-version': previous.stable.version } : {}),
            },
        };
    }
    async function removeCanary(paths, state) {
        const canary = state.canary;
        let next = save(paths, { ...state, canary: null, weight: 0 });
        if (next.stable)
            next = await applyRoutes(paths, next);
        await stopRecord(canary, 'canary', next.proxy);
        return next;
    }
    async function startCanary(req) {
        const name = target(req.environment);
        const paths = pathsOf(name);
        let state = readState(paths.stateFile);
        if (!state?.stable) {
            throw new LocalDriverError('no-stable', `local driver: no version is deployed in ${name}; deploy one before starting a canary beside it`);
        }
        if (state.canary)
            state = await removeCanary(paths, state);
        const stable = state.stable;
        const record = await launchVersion(settings, paths.logDir, {
            environment: name,
            version: req.version,
            timeoutMs: req.timeoutMs,
            role: 'canary',
            stillServing: `stable ${stable.version}`,
            ...(req.artifact !== undefined ? { artifact: req.artifact } : {}),
        }, parentEnv, now);
        log.info(`started canary ${describe(record)}; healthy; 0% of traffic`);
        try {
            state = await applyRoutes(paths, save(paths, { ...state, canary: record, weight: 0 }));
        }
        catch (err) {
            save(paths, { ...state, canary: null, weight: 0 });
            await stopRecord(record, 'canary');
            throw err;
        }
        return {
            url: url(state),
            details: {
                version: record.version,
                pid: record.pid,
                port: record.port,
                log: record.log,
                'canary-url': `http://127.0.0.1:${record.port}`,
                'stable-url': `http://127.0.0.1:${stable.port}`,
                'stable-version': stable.version,
            },
        };
    }
    async function setWeight(weight) {
        if (!Number.isFinite(weight) || weight < 0 || weight > 100) {
            throw new LocalDriverError('settings', `local driver: weight ${weight} is not a percentage from 0 to 100`);
        }
        const name = target();
        const paths = pathsOf(name);
        const state = readState(paths.stateFile);
        if (!state?.canary) {
            if (weight === 0)
                return { weight: 0, note: 'no canary runs' };
            throw new LocalDriverError('no-canary', `local driver: no canary runs in ${name}; start one before moving traffic to it`);
        }
        const next = await applyRoutes(paths, save(paths, { ...state, weight }));
        const view = next.proxy ? await queryProxy(next.proxy.controlPort, next.proxy.pid) : null;
        log.info(`canary ${state.canary.version} now takes ${view?.weight ?? weight}% of ${url(next)}`);
        return { weight: view?.weight ?? weight };
    }
    async function promote() {
        const name = target();
        const paths = pathsOf(name);
        const state = readState(paths.stateFile);
        if (!state?.canary)
            throw new LocalDriverError('no-canary', `local driver: no canary runs in ${name}; nothing to promote`);
        const old = state.stable;
        const next = await applyRoutes(paths, save(paths, { ...state, stable: state.canary, canary: null, weight: 0 }));
        log.info(`promoted ${describe(state.canary)}: all traffic of ${url(next)}`);
        await stopRecord(old, 'previous stable', next.proxy);
    }
    async function abort() {
        const name = target();
        const paths = pathsOf(name);
        const state = readState(paths.stateFile);
        if (!state)
            return;
        if (state.canary) {
            const canary = state.canary;
            await removeCanary(paths, state);
            log.info(`aborted canary ${canary.version}: all traffic back to ${state.stable?.version ?? 'nothing'}`);
        }
        else if (state.weight !== 0) {
            save(paths, { ...state, weight: 0 });
        }
    }
    async function stop(name) {
        const env = target(name);
        const paths = pathsOf(env);
        const state = readState(paths.stateFile);
        if (!state)
            return { stopped: [] };
        const records = [state.proxy, state.canary, state.stable].filter((r) => r !== null);
        const stopped = [];
        await Promise.all(records.map(async (record) => {
            if (await stopProcessGroup(record.pid, settings.stopGraceMs))
                stopped.push(record.pid);
        }));
        external_node_fs_.rmSync(paths.stateFile, { force: true });
        external_node_fs_.rmSync(paths.proxyFile, { force: true });
        log.info(`stopped everything in ${env} (pids ${stopped.join(', ') || 'none'})`);
        return { stopped };
    }
    const stateFor = (name) => readState(pathsOf(name).stateFile);
    return {
        name: 'local',
        settings,
        planDeploy: (req) => planLocalDeploy(settings, stateFor(req.environment), req),
        planCanary: (req) => planLocalCanary(settings, stateFor(req.environment), req),
        planTraffic: (weights) => planLocalTraffic(settings, environment ? stateFor(environment) : null, weights),
        deploy,
        rollback: deploy,
        startCanary,
        setWeight,
        promote,
        abort,
        status: async (name) => readLocalStatus(pathsOf(target(name)), target(name)),
        stop,
        slots: createLocalSlots({ settings, parentEnv, now, log, target, pathsOf, loadState, save, applyRoutes, stopRecord }),
    };
}

;// CONCATENATED MODULE: ./build/drivers/local/index.js
/** The `local` driver: versions of an app as local processes behind a small weighted proxy. */







/***/ }),

/***/ 2885:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   RK: () => (/* binding */ isSlot),
/* harmony export */   jx: () => (/* binding */ otherSlot)
/* harmony export */ });
/* unused harmony export SLOTS */
/**
 * Blue-green (`strategy: blue-green`, actions/deploy/README.md): two slots, `blue` and `green`, one of which
 * takes all traffic (live) while the other (idle) runs the previous version or the next one.
 * Each driver implements it in its own module; the orchestration is src/deploy/blue-green.ts and
 * src/rollback/switch-back.ts.
 */
const SLOTS = (/* unused pure expression or super */ null && (['blue', 'green']));
const otherSlot = (slot) => (slot === 'blue' ? 'green' : 'blue');
const isSlot = (value) => value === 'blue' || value === 'green';


/***/ }),

/***/ 6155:
/***/ ((__webpack_module__, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(__webpack_module__, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _dispatch_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7579);
/* harmony import */ var _drivers_local_index_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(7448);


// The local driver starts its traffic proxy as this same bundle with a flag.
if (process.argv[2] === _drivers_local_index_js__WEBPACK_IMPORTED_MODULE_1__/* .LOCAL_PROXY_FLAG */ .GZ)
    await (0,_drivers_local_index_js__WEBPACK_IMPORTED_MODULE_1__/* .runLocalProxy */ .hn)(process.argv.slice(3));
else
    await (0,_dispatch_js__WEBPACK_IMPORTED_MODULE_0__/* .dispatch */ .JD)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat */
/******/ 
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = new URL('.', import.meta.url).pathname.slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(6155);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
