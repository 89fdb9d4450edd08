export const id = 476;
export const ids = [476];
export const modules = {

/***/ 5528:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  UW: () => (/* binding */ DriverCommandError),
  SC: () => (/* binding */ commandDriver),
  zz: () => (/* binding */ commandEnv),
  Pc: () => (/* binding */ commandTraits),
  uC: () => (/* binding */ createCommandDriver)
});

// EXTERNAL MODULE: ./build/core/errors.js
var errors = __webpack_require__(2807);
// EXTERNAL MODULE: ./build/core/exec.js
var core_exec = __webpack_require__(8801);
// EXTERNAL MODULE: ./build/core/runner-io.js
var runner_io = __webpack_require__(9927);
;// CONCATENATED MODULE: ./build/drivers/command-slots.js

/**
 * Blue-green with the user's commands: `deploy-command` with `SHIPLINE_SLOT` puts the version on
 * the idle slot, `switch-command` with `SHIPLINE_SLOT` sends all traffic there. The commands alone
 * know which slot is live, so `live()` cannot tell: the deployment record says (src/deploy/blue-green.ts).
 */
function createCommandSlots(s, run, envOf, need) {
    const SWITCH_TIMEOUT = 600_000;
    return {
        reportsPreviewUrl: false,
        check({ previewUrl }) {
            if (!s.switchCommand)
                throw new errors/* UserError */.yo('Input "switch-command" is required by the command driver with strategy: ' +
                    'blue-green (it sends all traffic to SHIPLINE_SLOT). Accepted: a shell command.');
            if (previewUrl === undefined)
                throw new errors/* UserError */.yo('Input "preview-url" is required by the command driver with strategy: blue-green (the smoke checks ' +
                    "run against the idle slot there). Accepted: an http(s) URL with {{slot}} where the slot's name goes.");
        },
        live: async () => undefined,
        versionOn: async () => undefined,
        async startOn(slot, req) {
            const result = await run('deploy-command', need('deploy-command', s.deployCommand), envOf(req, { SHIPLINE_SLOT: slot }), req.timeoutMs);
            return { details: { 'deploy-command': `exit ${result.code} in ${result.durationMs} ms on slot ${slot}` } };
        },
        async switchTo(slot, req) {
            await run('switch-command', need('switch-command', s.switchCommand), envOf(req, { SHIPLINE_SLOT: slot }), Math.min(req.timeoutMs, SWITCH_TIMEOUT));
        },
        stopSlot: async () => false,
        plan: (idle, req) => [
            `run deploy-command with SHIPLINE_SLOT=${idle}, SHIPLINE_VERSION=${req.version}: ${s.deployCommand ?? '(none)'}`,
            `run switch-command with SHIPLINE_SLOT=${idle}: ${s.switchCommand ?? '(none)'}`,
        ],
    };
}

;// CONCATENATED MODULE: ./build/drivers/command.js




/** Fails a driver step with the command's exit code and the last lines of its output. */
class DriverCommandError extends errors/* UserError */.yo {
    what;
    code;
    tail;
    constructor(what, code, tail) {
        super(`${what} exited with code ${code}${tail.length ? `; last output:\n${tail.join('\n')}` : ''}`);
        this.what = what;
        this.code = code;
        this.tail = tail;
    }
}
/**
 * The SHIPLINE_* variables every user command of a deploy gets (deploy-command, the release hooks),
 * with `SHIPLINE_RECORD_<NAME>` when the request carries a record's values (rollback).
 */
function commandEnv(req, extra = {}) {
    return {
        ...req?.recordEnv,
        SHIPLINE_VERSION: req?.version,
        SHIPLINE_ARTIFACT: req?.artifact ?? '',
        SHIPLINE_ENVIRONMENT: req?.environment,
        SHIPLINE_PREVIOUS_VERSION: req?.previousVersion ?? '',
        ...extra,
    };
}
/** What the command driver declares: without deploy-command a canary moves traffic only. */
function commandTraits(s) {
    return {
        name: 'command',
        reportsUrls: false,
        startsCanary: Boolean(s.deployCommand),
        share: (weight) => `${weight}% as set-weight-command applies it`,
    };
}
/** The command driver with its capabilities: deploy, traffic through the user's commands, plans. */
function commandDriver(s, log, signal, exec = core_exec/* processExec */.l$) {
    const d = createCommandDriver(s, log, signal, exec);
    return {
        name: d.name,
        traits: commandTraits(s),
        deployer: { deploy: d.deploy, rollback: d.rollback },
        plan: { deploy: d.planDeploy, traffic: d.planTraffic, rollback: d.planRollback },
        traffic: { startCanary: d.startCanary, setWeight: d.setWeight, promote: d.promote, abort: d.abort },
        slots: d.slots,
    };
}
/**
 * The user's own shell commands. shipline's values reach them only as environment variables
 * (SHIPLINE_VERSION, SHIPLINE_ARTIFACT, SHIPLINE_ENVIRONMENT, SHIPLINE_PREVIOUS_VERSION,
 * SHIPLINE_WEIGHT), never pasted into the command text.
 */
function createCommandDriver(s, log, signal, exec = core_exec/* processExec */.l$) {
    let last;
    const envOf = commandEnv;
    async function sh(input, command, env, timeoutMs) {
        const result = await log.group(`${input}`, () => exec.shell(command, { env, timeoutMs, signal, onLine: (l) => (0,runner_io/* relayLine */.U7)(l, log.info) }));
        if (result.code !== 0)
            throw new DriverCommandError(input, result.code, result.tail.slice(-10));
        return result;
    }
    const need = (name, value) => {
        if (!value)
            throw new errors/* UserError */.yo(`Input "${name}" is required by the command driver for this step. Accepted: a shell command.`);
        return value;
    };
    const trafficTimeout = 600_000;
    return {
        name: 'command',
        planDeploy: (req) => [
            `run deploy-command with SHIPLINE_VERSION=${req.version}, SHIPLINE_ENVIRONMENT=${req.environment}` +
                (req.artifact ? `, SHIPLINE_ARTIFACT=${req.artifact}` : '') +
                `: ${s.deployCommand ?? '(none)'}`,
        ],
        async deploy(req) {
            last = req;
            const result = await sh('deploy-command', need('deploy-command', s.deployCommand), envOf(req), req.timeoutMs);
            return { details: { 'exit code': result.code, duration: `${result.durationMs} ms` } };
        },
        async startCanary(req) {
            last = req;
            // Without deploy-command the canary version is taken to be running already: only traffic moves.
            if (!s.deployCommand)
                return { details: {} };
            const result = await sh('deploy-command', need('deploy-command', s.deployCommand), envOf(req, { SHIPLINE_WEIGHT: '0', SHIPLINE_CANARY: 'true' }), req.timeoutMs);
            return { details: { 'exit code': result.code } };
        },
        async setWeight(weight) {
            await sh('set-weight-command', need('set-weight-command', s.setWeightCommand), envOf(last, { SHIPLINE_WEIGHT: String(weight) }), trafficTimeout);
            return { weight };
        },
        async promote() {
            if (s.promoteCommand)
                await sh('promote-command', s.promoteCommand, envOf(last, { SHIPLINE_WEIGHT: '100' }), trafficTimeout);
            else if (s.setWeightCommand)
                await sh('set-weight-command', s.setWeightCommand, envOf(last, { SHIPLINE_WEIGHT: '100' }), trafficTimeout);
        },
        async abort() {
            if (s.abortCommand)
                await sh('abort-command', s.abortCommand, envOf(last, { SHIPLINE_WEIGHT: '0' }), trafficTimeout);
            else if (s.setWeightCommand)
                await sh('set-weight-command', s.setWeightCommand, envOf(last, { SHIPLINE_WEIGHT: '0' }), trafficTimeout);
        },
        async rollback(req) {
            last = req;
            const [input, command] = s.rollbackCommand
                ? ['rollback-command', s.rollbackCommand]
                : ['deploy-command', need('deploy-command', s.deployCommand)];
            const result = await sh(input, command, envOf(req), req.timeoutMs);
            return { details: { 'exit code': result.code, command: input } };
        },
        planTraffic: (weights) => weights.map((w) => `set-weight-command with SHIPLINE_WEIGHT=${w}`),
        planRollback(req) {
            const [input, command] = s.rollbackCommand
                ? ['rollback-command', s.rollbackCommand]
                : ['deploy-command', s.deployCommand ?? '(none)'];
            const vars = [
                `SHIPLINE_VERSION=${req.version}`,
                `SHIPLINE_ENVIRONMENT=${req.environment}`,
                ...(req.artifact ? [`SHIPLINE_ARTIFACT=${req.artifact}`] : []),
                ...(req.previousVersion ? [`SHIPLINE_PREVIOUS_VERSION=${req.previousVersion}`] : []),
                ...Object.entries(req.recordEnv ?? {}).map(([name, value]) => `${name}=${value}`),
            ];
            return [`run ${input} with ${vars.join(', ')}: ${command}`];
        },
        slots: createCommandSlots(s, sh, (req, extra) => {
            last = req;
            return envOf(req, extra);
        }, need),
    };
}


/***/ }),

/***/ 4005:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  fO: () => (/* binding */ createDriver),
  Qc: () => (/* binding */ driverTraits)
});

// UNUSED EXPORTS: driverName

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./build/core/errors.js
var errors = __webpack_require__(2807);
// EXTERNAL MODULE: ./build/drivers/command.js + 1 modules
var command = __webpack_require__(5528);
;// CONCATENATED MODULE: ./build/drivers/haproxy/address.js
/**
 * Reads the `haproxy-socket` setting: `/run/haproxy/admin.sock`, `unix:///run/haproxy/admin.sock`
 * or `tcp://127.0.0.1:9999`. Returns null when the value is none of these.
 */
function parseSocketAddress(raw) {
    const value = raw.trim();
    if (value.startsWith('unix://')) {
        const path = value.slice('unix://'.length);
        return path.startsWith('/') ? { path } : null;
    }
    if (value.startsWith('tcp://')) {
        const match = /^tcp:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})\/?$/.exec(value);
        if (!match)
            return null;
        const port = Number(match[2]);
        if (port < 1 || port > 65535)
            return null;
        return { host: match[1].replace(/^\[|\]$/g, ''), port };
    }
    if (value.startsWith('/') || value.startsWith('./'))
        return { path: value };
    return null;
}
function describeSocketAddress(address) {
    return 'path' in address ? address.path : `tcp://${address.host}:${address.port}`;
}
/** Backend and server names as HAProxy allows them; anything else could smuggle a second command. */
const NAME = /^[A-Za-z0-9_.:-]+$/;
function isHaproxyName(name) {
    return NAME.test(name);
}

;// CONCATENATED MODULE: ./build/drivers/haproxy/errors.js

/** A backend or server the settings name is the input's fault; HAProxy unreachable or refusing is outside. */
const FAILURE = {
    unreachable: 'outside',
    not_found: 'refused',
    permission: 'outside',
    rejected: 'outside',
    mismatch: 'outside',
    unsupported: 'refused',
};
class HaproxyError extends errors/* ExpectedFailure */.Hb {
    name = 'HaproxyError';
    kind;
    constructor(kind, message) {
        super(FAILURE[kind], message);
        this.kind = kind;
    }
}

;// CONCATENATED MODULE: ./build/drivers/haproxy/responses.js

/** Messages of HAProxy 2.x that mean "the name you gave does not exist". */
const NOT_FOUND = /^(No such (backend|server)|Can't find backend)/i;
const PERMISSION = /Permission denied/i;
/** Turns a non-empty answer of a command that normally answers nothing into the right error. */
function errorFromReply(command, reply) {
    const text = reply.trim();
    const first = text.split('\n')[0] ?? '';
    if (NOT_FOUND.test(first)) {
        return new HaproxyError('not_found', `HAProxy: ${first.replace(/\.$/, '')} (command \`${command}\`)`);
    }
    if (PERMISSION.test(text)) {
        return new HaproxyError('permission', `HAProxy refused \`${command}\`: permission denied; declare the stats socket with \`level admin\``);
    }
    if (/^Unknown command/i.test(first)) {
        return new HaproxyError('rejected', `HAProxy does not know the command \`${command}\``);
    }
    return new HaproxyError('rejected', `HAProxy refused \`${command}\`: ${first}`);
}
/** `set weight`, `enable server`, `disable server` answer nothing when they succeed. */
function expectEmptyReply(command, reply) {
    if (reply.trim() !== '')
        throw errorFromReply(command, reply);
}
/** Parses `get weight be/srv`: `25 (initial 100)`. */
function parseGetWeight(command, reply) {
    const match = /^(\d+) \(initial (\d+)\)\s*$/.exec(reply.trim());
    if (!match)
        throw errorFromReply(command, reply);
    return { current: Number(match[1]), initial: Number(match[2]) };
}
/**
 * Parses `show servers state [<backend>]`: a format version line (`1`), a `#` header naming the
 * columns, then one line per server. Columns are read by name so newer formats still parse.
 */
function parseServersState(command, reply) {
    const lines = reply
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line !== '');
    const headerAt = lines.findIndex((line) => line.startsWith('#'));
    if (headerAt < 0)
        throw errorFromReply(command, reply);
    const columns = lines[headerAt].replace(/^#\s*/, '').split(/\s+/);
    const col = (name) => {
        const index = columns.indexOf(name);
        if (index < 0)
            throw new HaproxyError('rejected', `HAProxy's \`${command}\` has no column ${name}`);
        return index;
    };
    const at = {
        beId: col('be_id'),
        be: col('be_name'),
        srvId: col('srv_id'),
        srv: col('srv_name'),
        addr: col('srv_addr'),
        op: col('srv_op_state'),
        admin: col('srv_admin_state'),
        uweight: col('srv_uweight'),
        iweight: col('srv_iweight'),
    };
    const portAt = columns.indexOf('srv_port');
    return lines.slice(headerAt + 1).map((line) => {
        const f = line.split(/\s+/);
        const num = (index) => Number(f[index]);
        return {
            backendId: num(at.beId),
            backend: f[at.be] ?? '',
            serverId: num(at.srvId),
            server: f[at.srv] ?? '',
            address: f[at.addr] ?? '',
            port: portAt >= 0 && /^\d+$/.test(f[portAt] ?? '') ? num(portAt) : null,
            opState: num(at.op),
            adminState: num(at.admin),
            weight: num(at.uweight),
            initialWeight: num(at.iweight),
        };
    });
}
/** A server takes traffic when it is up (or starting) and neither in maintenance nor draining. */
function isServing(state) {
    return state.adminState === 0 && (state.opState === 1 || state.opState === 2);
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(7030);
;// CONCATENATED MODULE: ./build/drivers/haproxy/socket.js



const HINTS = {
    ENOENT: 'no socket at that path; is HAProxy running with `stats socket <path> level admin`?',
    ECONNREFUSED: 'nothing listens there; is HAProxy running and is the stats socket declared?',
    EACCES: 'the runner user may not open the socket (check its owner and `mode`)',
};
/**
 * Opens one connection per command (HAProxy's non-interactive mode: it answers and closes).
 * A socket that does not answer within `timeoutMs` counts as unreachable.
 */
function socketSender(address, timeoutMs) {
    const where = describeSocketAddress(address);
    return (command) => new Promise((resolve, reject) => {
        const socket = 'path' in address ? external_node_net_.connect(address.path) : external_node_net_.connect(address.port, address.host);
        const chunks = [];
        let settled = false;
        const fail = (message) => {
            if (settled)
                return;
            settled = true;
            socket.destroy();
            reject(new HaproxyError('unreachable', `HAProxy admin socket ${where}: ${message}`));
        };
        socket.setTimeout(timeoutMs, () => fail(`no answer within ${timeoutMs} ms to \`${command}\``));
        socket.on('connect', () => socket.write(`${command}\n`));
        socket.on('data', (chunk) => chunks.push(chunk));
        socket.on('error', (err) => {
            const hint = err.code ? HINTS[err.code] : undefined;
            fail(`cannot connect (${err.code ?? err.message})${hint ? `: ${hint}` : ''}`);
        });
        socket.on('close', () => {
            if (settled)
                return;
            settled = true;
            resolve(Buffer.concat(chunks).toString('utf8'));
        });
    });
}

;// CONCATENATED MODULE: ./build/drivers/haproxy/client.js




/** HAProxy accepts absolute weights in this range. */
const MAX_WEIGHT = 256;
/** The few runtime API commands shipline uses, each checked and parsed. */
class HaproxyRuntimeClient {
    send;
    constructor(send) {
        this.send = send;
    }
    /** A client for `haproxy-socket` (a unix socket path or `tcp://host:port`). */
    static connect(socket, timeoutMs = 5000) {
        const address = parseSocketAddress(socket);
        if (!address) {
            throw new HaproxyError('unreachable', `haproxy-socket "${socket}" is neither a unix socket path (/run/haproxy/admin.sock) nor tcp://HOST:PORT`);
        }
        return new HaproxyRuntimeClient(socketSender(address, timeoutMs));
    }
    async setWeight(backend, server, weight) {
        if (!Number.isInteger(weight) || weight < 0 || weight > MAX_WEIGHT) {
            throw new HaproxyError('rejected', `weight ${weight} is not an integer from 0 to ${MAX_WEIGHT}`);
        }
        const command = `set weight ${serverRef(backend, server)} ${weight}`;
        expectEmptyReply(command, await this.send(command));
    }
    async getWeight(backend, server) {
        const command = `get weight ${serverRef(backend, server)}`;
        return parseGetWeight(command, await this.send(command));
    }
    /** Servers of one backend (or of all backends); a missing backend is a `not_found` error. */
    async serversState(backend) {
        const command = backend === undefined ? 'show servers state' : `show servers state ${client_name(backend, 'backend')}`;
        return parseServersState(command, await this.send(command));
    }
    async enableServer(backend, server) {
        const command = `enable server ${serverRef(backend, server)}`;
        expectEmptyReply(command, await this.send(command));
    }
    async disableServer(backend, server) {
        const command = `disable server ${serverRef(backend, server)}`;
        expectEmptyReply(command, await this.send(command));
    }
}
function client_name(value, what) {
    if (!isHaproxyName(value)) {
        throw new HaproxyError('rejected', `HAProxy ${what} name "${value}" may only hold letters, digits, "-", "_", "." and ":"`);
    }
    return value;
}
function serverRef(backend, server) {
    return `${client_name(backend, 'backend')}/${client_name(server, 'server')}`;
}

;// CONCATENATED MODULE: ./build/drivers/haproxy/commands.js
/**
 * The two weight changes that move the canary from `fromCanary` to `toCanary` percent, in a safe
 * order: the server gaining traffic first, the one losing it last, so the backend never has a
 * total weight of 0 (which would answer 503 to every request in between).
 */
function weightChanges(target, fromCanary, toCanary) {
    const canary = { server: target.canaryServer, weight: toCanary };
    const stable = { server: target.stableServer, weight: 100 - toCanary };
    return toCanary >= fromCanary ? [canary, stable] : [stable, canary];
}
function weightCommand(target, change) {
    return `set weight ${target.backend}/${change.server} ${change.weight}`;
}
/** The runtime API commands of each canary step, as the plan and the dry-run print them. */
function planWeightCommands(target, weights, socket) {
    const lines = [];
    let from = 0;
    for (const weight of weights) {
        const commands = weightChanges(target, from, weight).map((change) => weightCommand(target, change));
        lines.push(`canary ${weight}% via ${socket}: ${commands.join('; ')}`);
        from = weight;
    }
    return lines;
}

;// CONCATENATED MODULE: ./build/drivers/haproxy/driver.js





const DEPLOY_UNSUPPORTED = 'the haproxy driver moves traffic only; pair it with deploy-command to deploy the new version to the canary server';
/** Checks the settings without touching HAProxy, so a typo fails before any traffic moves. */
function checkHaproxySettings(settings) {
    if (!parseSocketAddress(settings.haproxySocket)) {
        throw new HaproxyError('unreachable', `haproxy-socket "${settings.haproxySocket}" is neither a unix socket path (/run/haproxy/admin.sock) nor tcp://HOST:PORT`);
    }
    const names = [
        ['backend', settings.backend],
        ['stable-server', settings.stableServer],
        ['canary-server', settings.canaryServer],
    ];
    for (const [what, value] of names) {
        if (!isHaproxyName(value)) {
            throw new HaproxyError('rejected', `${what} "${value}" is not an HAProxy name (letters, digits, "-", "_", ".", ":")`);
        }
    }
    if (settings.stableServer === settings.canaryServer) {
        throw new HaproxyError('rejected', `stable-server and canary-server are both "${settings.stableServer}"`);
    }
}
/**
 * Canary traffic through HAProxy's runtime API: the stable server gets `100 - p`, the canary `p`.
 * Every change is read back from HAProxy, so the weight reported is the one in effect.
 */
function createHaproxyDriver(settings, client) {
    checkHaproxySettings(settings);
    const api = client ?? HaproxyRuntimeClient.connect(settings.haproxySocket, settings.timeoutMs ?? 5000);
    const { backend, stableServer, canaryServer } = settings;
    async function readPair() {
        const servers = await api.serversState(backend);
        const find = (server) => {
            const state = servers.find((s) => s.server === server);
            if (!state) {
                const known = servers.map((s) => s.server).join(', ') || 'none';
                throw new HaproxyError('not_found', `HAProxy backend ${backend} has no server "${server}" (servers: ${known})`);
            }
            return state;
        };
        return { stable: find(stableServer), canary: find(canaryServer) };
    }
    async function moveTo(canaryWeight) {
        if (!Number.isInteger(canaryWeight) || canaryWeight < 0 || canaryWeight > 100) {
            throw new HaproxyError('rejected', `canary weight ${canaryWeight} is not an integer from 0 to 100`);
        }
        const before = await readPair();
        for (const change of weightChanges(settings, before.canary.weight, canaryWeight)) {
            await api.setWeight(backend, change.server, change.weight);
        }
        const after = await readPair();
        if (after.canary.weight !== canaryWeight || after.stable.weight !== 100 - canaryWeight) {
            throw new HaproxyError('mismatch', `HAProxy reports ${backend}/${canaryServer} ${after.canary.weight} and ${backend}/${stableServer} ` +
                `${after.stable.weight} after setting ${canaryWeight} and ${100 - canaryWeight}`);
        }
        return trafficState(after);
    }
    /**
     * A canary starts by setting the canary server to 0: when that server carries all the traffic
     * (a blue-green deploy made slot green, the canary server, live), that would take it off the live
     * version, and deploy-command would first replace the version it runs. Refused before any change.
     */
    let refused;
    async function checkCanaryStart() {
        const { stable, canary } = await readPair();
        if (canary.weight > 0 && stable.weight === 0) {
            throw (refused = new HaproxyError('unsupported', `${backend}/${canaryServer} (canary-server) carries all traffic (weight ${canary.weight}; ${stableServer} weight 0), ` +
                'as after a promoted canary or a blue-green deploy that made slot green live; ' +
                'a canary would deploy onto it and move its traffic away. Nothing was changed. ' +
                'Swap stable-server and canary-server for this release (the live server is now the stable one), ' +
                'deploy with strategy: blue-green, or switch back to blue (stable-server) first.'));
        }
    }
    return {
        name: 'haproxy',
        planDeploy(req) {
            return [`haproxy driver: nothing to deploy for ${req.version}; ${DEPLOY_UNSUPPORTED}`];
        },
        async deploy() {
            throw new HaproxyError('unsupported', DEPLOY_UNSUPPORTED);
        },
        async startCanary(req) {
            await checkCanaryStart();
            const state = await moveTo(0);
            return {
                details: { version: req.version, backend, stableServer, canaryServer, weight: state.weight },
            };
        },
        // After a refused start nothing was changed: no weight moves, and an abort has nothing to restore.
        async setWeight(weight) {
            if (refused)
                throw refused;
            return moveTo(weight);
        },
        async promote() {
            if (refused)
                throw refused;
            await moveTo(100);
        },
        async abort() {
            if (refused)
                return;
            await moveTo(0);
        },
        checkCanaryStart,
        planTraffic(weights) {
            return planWeightCommands(settings, weights, settings.haproxySocket);
        },
    };
}
/** The canary's share as HAProxy has it, and its real share when a server does not serve. */
function trafficState(pair) {
    const { stable, canary } = pair;
    const total = stable.weight + canary.weight;
    const weight = total === 0 ? 0 : Math.round((100 * canary.weight) / total);
    const note = `${stable.backend}/${stable.server} weight ${stable.weight}, ${canary.backend}/${canary.server} weight ${canary.weight}`;
    const stableServes = isServing(stable) && stable.weight > 0;
    const canaryServes = isServing(canary) && canary.weight > 0;
    const effectiveWeight = canaryServes ? (stableServes ? weight : 100) : 0;
    if (effectiveWeight !== weight) {
        const down = canaryServes ? stable : canary;
        return { weight, effectiveWeight, note: `${note}; ${down.server} is down or in maintenance` };
    }
    return { weight, note };
}

// EXTERNAL MODULE: ./build/drivers/slots.js
var slots = __webpack_require__(2885);
;// CONCATENATED MODULE: ./build/drivers/haproxy/slots.js



/**
 * Blue-green through HAProxy: slot `blue` is `stable-server`, slot `green` is `canary-server`. The
 * live slot's server has weight 100 and the idle one's 0 (read back from the runtime API, so a later
 * deploy, on another runner, knows which is live; the deployment record keeps it too). The user's
 * `deploy-command` puts the version on the idle server (`SHIPLINE_SLOT`, `SHIPLINE_SERVER`); a switch
 * sets the idle server to 100 and then the live one to 0, so no moment is without a server.
 */
function createHaproxySlots(settings, deployer, client) {
    const api = client ?? HaproxyRuntimeClient.connect(settings.haproxySocket, settings.timeoutMs ?? 5000);
    const { backend } = settings;
    const serverOf = (slot) => (slot === 'blue' ? settings.stableServer : settings.canaryServer);
    async function weights() {
        const servers = await api.serversState(backend);
        const weightOf = (slot) => {
            const server = servers.find((s) => s.server === serverOf(slot));
            if (!server)
                throw new HaproxyError('not_found', `HAProxy backend ${backend} has no server "${serverOf(slot)}" (servers: ${servers.map((s) => s.server).join(', ') || 'none'})`);
            return server.weight;
        };
        return { blue: weightOf('blue'), green: weightOf('green') };
    }
    async function live() {
        const w = await weights();
        if (w.blue > 0 && w.green === 0)
            return 'blue';
        if (w.green > 0 && w.blue === 0)
            return 'green';
        return undefined;
    }
    return {
        reportsPreviewUrl: false,
        live,
        versionOn: async () => undefined,
        async startOn(slot, req) {
            const w = await weights();
            if (w[slot] > 0 && w[(0,slots/* otherSlot */.jx)(slot)] === 0)
                throw new HaproxyError('rejected', `slot ${slot} (${backend}/${serverOf(slot)}) takes all traffic; a new version goes to the idle server`);
            if (w[slot] > 0)
                await api.setWeight(backend, serverOf(slot), 0);
            const outcome = await deployer.slots.startOn(slot, { ...req, recordEnv: { ...req.recordEnv, SHIPLINE_SERVER: serverOf(slot) } });
            return { details: { ...outcome.details, server: `${backend}/${serverOf(slot)} (weight 0)` } };
        },
        async switchTo(slot) {
            await api.setWeight(backend, serverOf(slot), 100);
            await api.setWeight(backend, serverOf((0,slots/* otherSlot */.jx)(slot)), 0);
            const w = await weights();
            if (w[slot] !== 100 || w[(0,slots/* otherSlot */.jx)(slot)] !== 0)
                throw new HaproxyError('mismatch', `HAProxy reports ${backend}/${serverOf(slot)} ${w[slot]} and ` +
                    `${backend}/${serverOf((0,slots/* otherSlot */.jx)(slot))} ${w[(0,slots/* otherSlot */.jx)(slot)]} after the switch to slot ${slot}`);
        },
        stopSlot: async () => false,
        plan: (idle, req) => [
            `run deploy-command with SHIPLINE_SLOT=${idle}, SHIPLINE_SERVER=${serverOf(idle)}, SHIPLINE_VERSION=${req.version}`,
            `set weight ${backend}/${serverOf(idle)} 100, then ${backend}/${serverOf((0,slots/* otherSlot */.jx)(idle))} 0 through ${settings.haproxySocket}`,
        ],
    };
}

;// CONCATENATED MODULE: ./build/drivers/haproxy/compose.js


/** What the haproxy driver declares: exact server weights, no URLs of its own. */
const haproxyTraits = {
    name: 'haproxy',
    reportsUrls: false,
    startsCanary: true,
    share: (weight) => `${weight}% (server weights ${100 - weight}/${weight})`,
};
/**
 * The haproxy driver: HAProxy moves traffic (runtime API); the user's deploy-command (the command
 * driver) puts the version on the canary server, and rolls back.
 */
function haproxyDriver(settings, deployer) {
    const traffic = createHaproxyDriver(settings);
    return {
        name: 'haproxy',
        traits: haproxyTraits,
        deployer: { deploy: deployer.deploy, rollback: deployer.rollback },
        plan: { deploy: deployer.planDeploy, traffic: traffic.planTraffic, rollback: deployer.planRollback },
        traffic: {
            startCanary: async (req) => {
                // Before deploy-command touches the canary server: it may be the one carrying all traffic.
                await traffic.checkCanaryStart();
                const outcome = await deployer.deploy(req);
                await traffic.startCanary(req);
                return outcome;
            },
            setWeight: traffic.setWeight,
            promote: traffic.promote,
            abort: traffic.abort,
        },
        slots: createHaproxySlots(settings, deployer),
    };
}

;// CONCATENATED MODULE: ./build/drivers/haproxy/index.js







;// CONCATENATED MODULE: ./build/drivers/kubernetes/argv.js
const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const CANARY_WEIGHT = 'nginx.ingress.kubernetes.io/canary-weight';
const ns = (s) => (s.namespace ? ['-n', s.namespace] : []);
/** `--timeout` of `rollout status`: whole seconds, rounded up, at least 1. */
function timeoutFlag(timeoutMs) {
    return `--timeout=${Math.max(1, Math.ceil(timeoutMs / 1000))}s`;
}
function getDeploymentArgv(s, name, opts = {}) {
    return ['kubectl', 'get', 'deployment', name, '-o', 'json', ...(opts.ignoreNotFound ? ['--ignore-not-found'] : []), ...ns(s)];
}
function setImageArgv(s, name, container, image) {
    return ['kubectl', 'set', 'image', `deployment/${name}`, `${container}=${image}`, ...ns(s)];
}
function changeCauseArgv(s, name, cause) {
    return ['kubectl', 'annotate', `deployment/${name}`, `${CHANGE_CAUSE}=${cause}`, '--overwrite', ...ns(s)];
}
function rolloutStatusArgv(s, name, timeoutMs) {
    return ['kubectl', 'rollout', 'status', `deployment/${name}`, timeoutFlag(timeoutMs), ...ns(s)];
}
function applyKustomizeArgv(s, dir) {
    return ['kubectl', 'apply', `--kustomize=${dir}`, ...ns(s)];
}
/** Applies the manifest given on standard input. */
function applyStdinArgv(s) {
    return ['kubectl', 'apply', '-f', '-', ...ns(s)];
}
function rolloutUndoArgv(s, name, toRevision) {
    return ['kubectl', 'rollout', 'undo', `deployment/${name}`, ...(toRevision ? [`--to-revision=${toRevision}`] : []), ...ns(s)];
}
function scaleArgv(s, name, replicas) {
    return ['kubectl', 'scale', `deployment/${name}`, `--replicas=${replicas}`, ...ns(s)];
}
function canaryWeightArgv(s, ingress, weight) {
    return ['kubectl', 'annotate', `ingress/${ingress}`, `${CANARY_WEIGHT}=${weight}`, '--overwrite', ...ns(s)];
}
function deleteDeploymentArgv(s, name) {
    return ['kubectl', 'delete', `deployment/${name}`, '--ignore-not-found', ...ns(s)];
}
/** Change causes shipline writes, so `kubectl rollout history` tells what each revision was. */
function changeCause(action, version) {
    return `shipline ${action} ${version}`;
}
/** A command line as a reader would type it: arguments quoted for a POSIX shell where needed. */
function formatArgv(argv) {
    return argv.map((a) => (/^[A-Za-z0-9_\-.,:/@=%+{}]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`)).join(' ');
}

// EXTERNAL MODULE: ./build/core/exec.js
var core_exec = __webpack_require__(8801);
// EXTERNAL MODULE: ./build/core/runtime.js
var runtime = __webpack_require__(3094);
;// CONCATENATED MODULE: ./build/drivers/kubernetes/kubectl.js


/** kubectl (the cluster, its API server) failed: an outside failure, one line, no stack. */
class KubectlError extends errors/* OutsideError */.Cp {
    argv;
    result;
    constructor(message, argv, result) {
        super(message);
        this.argv = argv;
        this.result = result;
    }
}
/** The last non-empty lines of stdout and stderr, which is where kubectl says what went wrong. */
function lastWords(result, lines = 2) {
    const tail = (text) => text
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .slice(-lines);
    const words = [...tail(result.stdout), ...tail(result.stderr)];
    return words.length > 0 ? words.join(' / ') : `no output, exit code ${result.code}`;
}
function commandFailed(argv, result) {
    return new KubectlError(`\`${formatArgv(argv)}\` failed (exit code ${result.code}): ${lastWords(result)}`, argv, result);
}
/**
 * Runs one command line whose first word is the program (kubectl), its output collected, not
 * relayed. Not installed: a UserError saying what to install; stopped at its timeout: said at the
 * end of stderr, where lastWords finds it.
 */
async function runKubectl(exec, argv, opts = {}) {
    const [file, ...args] = argv;
    const result = await exec.argv(file, args, {
        baseEnv: opts.env ?? process.env,
        timeoutMs: opts.timeoutMs,
        input: opts.input ?? '',
        onLine: null,
    });
    if (result.notFound) {
        throw new errors/* UserError */.yo(`${file} was not found on PATH: install kubectl (and a kubeconfig in KUBECONFIG) before this step`);
    }
    return result.timedOut ? { ...result, stderr: `${result.stderr}\n${file} was stopped after ${opts.timeoutMs} ms` } : result;
}

;// CONCATENATED MODULE: ./build/drivers/kubernetes/objects.js
/**
 * Pure functions over Deployments as `kubectl get -o json` prints them: which container to set,
 * the canary's manifest made from the stable Deployment, and the replica split for a weight.
 */

/** The label that tells canary pods from stable ones (the Service selects both). */
const TRACK_LABEL = 'track';
const VERSION_ANNOTATION = 'shipline/version';
const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
function parseDeployment(json, name) {
    let d;
    try {
        d = JSON.parse(json);
    }
    catch {
        throw new errors/* UserError */.yo(`kubectl printed no JSON for deployment/${name}`);
    }
    const o = d;
    if (o?.kind !== 'Deployment' || !Array.isArray(o.spec?.template?.spec?.containers)) {
        throw new errors/* UserError */.yo(`deployment/${name} as kubectl printed it has no pod template with containers`);
    }
    return o;
}
/** The container whose image the driver sets: the one named, or the Deployment's only one. */
function containerOf(d, wanted) {
    const names = d.spec.template.spec.containers.map((c) => c.name);
    if (wanted !== undefined) {
        if (!names.includes(wanted)) {
            throw new errors/* UserError */.yo(`deployment/${d.metadata.name} has no container "${wanted}" (containers: ${names.join(', ')})`);
        }
        return wanted;
    }
    if (names.length !== 1) {
        throw new errors/* UserError */.yo(`deployment/${d.metadata.name} has ${names.length} containers (${names.join(', ')}): set container to the one to update`);
    }
    return names[0];
}
function imageOf(d, container) {
    const image = d.spec.template.spec.containers.find((c) => c.name === container)?.image;
    if (!image)
        throw new errors/* UserError */.yo(`deployment/${d.metadata.name} has no image for container "${container}"`);
    return image;
}
function replicasOf(d) {
    return d ? (d.spec.replicas ?? 1) : 0;
}
/** A Deployment made from `base`: its spec with the new image, its own name, and `labels` added. */
function derivedManifest(base, opts) {
    const spec = structuredClone(base.spec);
    const label = opts.labels;
    spec.replicas = opts.replicas;
    spec.selector = { ...(spec.selector ?? {}), matchLabels: { ...(spec.selector?.matchLabels ?? {}), ...label } };
    spec.template.metadata = { ...(spec.template.metadata ?? {}), labels: { ...(spec.template.metadata?.labels ?? {}), ...label } };
    spec.template.spec.containers = spec.template.spec.containers.map((c) => (c.name === opts.container ? { ...c, image: opts.image } : c));
    return {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
            name: opts.name,
            ...(base.metadata.namespace ? { namespace: base.metadata.namespace } : {}),
            labels: { ...(base.metadata.labels ?? {}), ...label },
            annotations: { [VERSION_ANNOTATION]: opts.version, 'kubernetes.io/change-cause': opts.changeCause },
        },
        spec,
    };
}
/**
 * The canary Deployment: a copy of the stable one's spec with the new image, its own name, and
 * `track: canary` added to its labels and selector, so its pods are its own while a Service that
 * selects the app's labels reaches both.
 */
function canaryManifest(stable, opts) {
    return derivedManifest(stable, { ...opts, labels: { [TRACK_LABEL]: 'canary' } });
}
/** canary = round(total × weight / 100), at least 1 when weight > 0; stable gets the rest. */
function splitReplicas(total, weight) {
    if (!Number.isInteger(total) || total < 1) {
        throw new errors/* UserError */.yo(`a replica canary needs at least 1 replica in all, found ${total}`);
    }
    if (!(weight >= 0 && weight <= 100))
        throw new errors/* UserError */.yo(`canary weight ${weight} is outside 0-100`);
    const canary = weight > 0 ? Math.min(total, Math.max(1, Math.round((total * weight) / 100))) : 0;
    return { canary, stable: total - canary, effectiveWeight: Math.round((canary / total) * 10_000) / 100 };
}

// EXTERNAL MODULE: ./build/drivers/fields.js
var fields = __webpack_require__(9735);
;// CONCATENATED MODULE: ./build/drivers/kubernetes/settings.js
/** The kubernetes driver's settings, checked before kubectl runs. */


function canaryName(s) {
    return s.canaryDeployment ?? `${s.deployment}-canary`;
}
/** Names kubectl will accept, so a typo fails before anything changes (and never reads as a flag). */
function checkKubernetesSettings(s) {
    const names = [
        ['deployment', s.deployment, 'subdomain'],
        ['namespace', s.namespace, 'label'],
        ['container', s.container, 'label'],
        ['canary-deployment', s.canaryDeployment, 'subdomain'],
        ['ingress', s.ingress, 'subdomain'],
    ];
    for (const [what, value, kind] of names) {
        if (value === undefined)
            continue;
        if (!(0,fields/* isKubernetesName */.aN)(value, kind)) {
            throw new errors/* UserError */.yo(`Input "${what}": ${what} "${value}" is not a Kubernetes name. Accepted: ${fields/* KUBERNETES_NAME */.vx[kind].accepted}.`);
        }
    }
    if (canaryName(s) === s.deployment) {
        throw new errors/* UserError */.yo(`Input "canary-deployment": canary-deployment is the stable deployment "${s.deployment}". ` +
            `Accepted: another Deployment name, the canary's own (default: ${s.deployment}-canary).`);
    }
    if (s.kustomize !== undefined && s.kustomize.trim() === '')
        throw new errors/* UserError */.yo('Input "kustomize": kustomize is empty. Accepted: a directory with a kustomization.yaml.');
}

;// CONCATENATED MODULE: ./build/drivers/kubernetes/slots.js
/**
 * Blue-green on Kubernetes: a Deployment per slot (`<deployment>-blue`, `<deployment>-green`), made
 * from `<deployment>` (the pod template) with `slot: <name>` added to its labels and selector, and the
 * Service named `<deployment>` whose selector gets `slot: <live slot>`, so switching is one patch of
 * the selector. The live slot is read back from the Service, so any later step knows it.
 */




const SLOT_LABEL = 'slot';
const nsArgs = (s) => (s.namespace ? ['-n', s.namespace] : []);
const slotDeployment = (s, slot) => `${s.deployment}-${slot}`;
const getServiceArgv = (s, name) => ['kubectl', 'get', 'service', name, '-o', 'json', ...nsArgs(s)];
const selectSlotArgv = (s, name, slot) => [
    'kubectl',
    'patch',
    'service',
    name,
    '--type',
    'merge',
    '-p',
    JSON.stringify({ spec: { selector: { [SLOT_LABEL]: slot } } }),
    ...nsArgs(s),
];
/** The slot's Deployment: the template Deployment's spec with the image, its name and `slot` labels. */
function slotManifest(base, opts) {
    const { slot, ...rest } = opts;
    return derivedManifest(base, { ...rest, labels: { [SLOT_LABEL]: slot }, changeCause: changeCause('deploy', opts.version) });
}
function createKubernetesSlots(d) {
    const s = d.settings;
    const service = s.deployment;
    const where = s.namespace ? ` in namespace ${s.namespace}` : '';
    async function selector() {
        const out = (await d.run(getServiceArgv(s, service))).stdout;
        let svc;
        try {
            svc = JSON.parse(out);
        }
        catch {
            throw new errors/* UserError */.yo(`kubectl printed no JSON for service/${service}${where}`);
        }
        return svc.spec?.selector ?? {};
    }
    const live = async () => {
        const slot = (await selector())[SLOT_LABEL];
        return slot === 'blue' || slot === 'green' ? slot : undefined;
    };
    return {
        reportsPreviewUrl: false,
        live,
        async versionOn(slot) {
            const dep = await d.find(slotDeployment(s, slot));
            return dep && replicasOf(dep) > 0 ? dep.metadata.annotations?.[VERSION_ANNOTATION] : undefined;
        },
        async startOn(slot, req) {
            if (!req.artifact)
                throw new errors/* UserError */.yo('Input "artifact" is required by the kubernetes driver to deploy. Accepted: an image reference (repo@sha256:... or repo:tag).');
            if ((await live()) === slot)
                throw new errors/* UserError */.yo(`slot ${slot} takes all traffic of service/${service}${where}; a new version goes to the idle slot (${(0,slots/* otherSlot */.jx)(slot)})`);
            const base = await d.get(s.deployment);
            const container = containerOf(base, s.container);
            const name = slotDeployment(s, slot);
            const manifest = slotManifest(base, {
                name,
                slot,
                container,
                image: req.artifact,
                version: req.version,
                replicas: Math.max(1, replicasOf(base)),
            });
            await d.run(applyStdinArgv(s), { input: JSON.stringify(manifest) });
            await d.waitReady(name, req.timeoutMs);
            return { details: { deployment: name, image: req.artifact, replicas: replicasOf(manifest) } };
        },
        async switchTo(slot) {
            await d.run(selectSlotArgv(s, service, slot));
            const now = await live();
            if (now !== slot)
                throw new errors/* UserError */.yo(`service/${service}${where} selects slot ${now ?? '(none)'} after the patch to ${slot}`);
        },
        async stopSlot(slot) {
            if ((await live()) === slot)
                throw new errors/* UserError */.yo(`slot ${slot} takes all traffic of service/${service}${where}; it is not stopped`);
            if (await d.find(slotDeployment(s, slot)))
                await d.run(scaleArgv(s, slotDeployment(s, slot), 0));
            return true;
        },
        plan: (idle, req) => [
            `kubectl apply -f - (deployment/${slotDeployment(s, idle)}: the pod template of ` +
                `deployment/${s.deployment} with image ${req.artifact ?? '{artifact}'} and label ${SLOT_LABEL}=${idle})`,
            formatArgv(rolloutStatusArgv(s, slotDeployment(s, idle), req.timeoutMs)),
            formatArgv(selectSlotArgv(s, service, idle)),
        ],
    };
}

;// CONCATENATED MODULE: ./build/drivers/kubernetes/driver.js
/**
 * The kubernetes driver (actions/deploy/README.md, "kubernetes"): kubectl against the user's cluster, with the kubeconfig from
 * `KUBECONFIG`. Deploy sets the Deployment's image (or applies a kustomize directory) and waits for
 * the rollout; a canary is a second Deployment whose share of the replicas (and, with `ingress`,
 * the NGINX canary weight) follows the weight; rollback sets the old image or undoes the rollout.
 */








/** Bound for commands that do not wait for a rollout (get, annotate, scale, apply, delete). */
const COMMAND_TIMEOUT_MS = 60_000;
/** How long past its own `--timeout` a `rollout status` may take before it is stopped. */
const ROLLOUT_GRACE_MS = 30_000;
const CONTAINER_PLACEHOLDER = '{container}';
/** What the kubernetes driver declares: an ingress sets exact weights; without one the weight is a share of replicas. */
function kubernetesTraits(s) {
    return {
        name: 'kubernetes',
        reportsUrls: false,
        startsCanary: true,
        share: (weight) => s.ingress
            ? `${weight}% (ingress canary-weight)`
            : `share of replicas: ${[2, 4, 10].map((n) => `${splitReplicas(n, weight).effectiveWeight}% of ${n}`).join(', ')}`,
    };
}
/** The kubernetes driver with its capabilities. */
function kubernetesDriver(settings, options = {}) {
    const d = createKubernetesDriver(settings, options);
    return {
        name: d.name,
        traits: kubernetesTraits(settings),
        deployer: { deploy: d.deploy, rollback: d.rollback },
        plan: { deploy: d.planDeploy, traffic: d.planTraffic },
        traffic: { startCanary: d.startCanary, setWeight: d.setWeight, promote: d.promote, abort: d.abort },
        slots: d.slots,
    };
}
function createKubernetesDriver(settings, options = {}) {
    checkKubernetesSettings(settings);
    const s = settings;
    const exec = options.exec ?? core_exec/* processExec */.l$;
    const env = options.env ?? process.env;
    const log = options.log ?? runtime/* silentLog */.aB;
    const canary = canaryName(s);
    const where = s.namespace ? ` in namespace ${s.namespace}` : '';
    let waitMs = options.timeoutMs ?? 600_000;
    async function run(argv, opts = {}) {
        log.info(`$ ${formatArgv(argv)}`);
        const result = await runKubectl(exec, argv, { env, timeoutMs: COMMAND_TIMEOUT_MS, input: opts.input });
        if (result.code !== 0)
            throw commandFailed(argv, result);
        return result;
    }
    async function get(name) {
        return parseDeployment((await run(getDeploymentArgv(s, name))).stdout, name);
    }
    async function find(name) {
        const out = (await run(getDeploymentArgv(s, name, { ignoreNotFound: true }))).stdout;
        return out.trim() === '' ? undefined : parseDeployment(out, name);
    }
    /**
     * After a blue-green deploy the Service named after the deployment selects a slot's Deployment
     * (`slot: blue|green`), so deployment/<deployment> and its canary serve none of its traffic: a
     * rolling deploy, rollback or canary there would report success while the live slot stays as it
     * was. Refused before any change.
     */
    async function refuseWhileSlotLive(what) {
        const out = (await run([
            'kubectl',
            'get',
            'service',
            s.deployment,
            '-o',
            'json',
            '--ignore-not-found',
            ...(s.namespace ? ['-n', s.namespace] : []),
        ])).stdout;
        if (out.trim() === '')
            return;
        let slot;
        try {
            slot = JSON.parse(out).spec?.selector?.[SLOT_LABEL];
        }
        catch {
            return;
        }
        if (slot === 'blue' || slot === 'green')
            throw new errors/* UserError */.yo(`service/${s.deployment}${where} selects slot ${slot} (${s.deployment}-${slot}, made live by a blue-green deploy), ` +
                `so ${what} of deployment/${s.deployment} would not reach its traffic. Nothing was changed. Deploy with strategy: blue-green.`);
    }
    async function waitReady(name, timeoutMs) {
        const argv = rolloutStatusArgv(s, name, timeoutMs);
        log.info(`$ ${formatArgv(argv)}`);
        const result = await runKubectl(exec, argv, { env, timeoutMs: timeoutMs + ROLLOUT_GRACE_MS });
        if (result.code !== 0) {
            const within = timeoutFlag(timeoutMs).slice('--timeout='.length);
            throw new KubectlError(`deployment/${name}${where} did not become ready within ${within}: ${lastWords(result)}`, argv, result);
        }
    }
    async function scale(name, replicas, wait) {
        await run(scaleArgv(s, name, replicas));
        if (wait)
            await waitReady(name, waitMs);
    }
    async function setWeightAnnotation(weight) {
        if (s.ingress)
            await run(canaryWeightArgv(s, s.ingress, weight));
    }
    async function outcome(name, extra) {
        const d = await get(name);
        const details = {
            deployment: name,
            ...(d.metadata.namespace ? { namespace: d.metadata.namespace } : {}),
            ...extra,
            replicas: replicasOf(d),
            readyReplicas: d.status?.readyReplicas ?? 0,
        };
        const revision = d.metadata.annotations?.[REVISION_ANNOTATION];
        if (revision !== undefined)
            details.revision = revision;
        return { details };
    }
    function requireImage(req, what) {
        if (!req.artifact)
            throw new errors/* UserError */.yo(`Input "artifact" is required by the kubernetes driver to ${what}. Accepted: an image reference (repo@sha256:... or repo:tag).`);
        return req.artifact;
    }
    /** Sets the image of the stable Deployment, records why, and waits for the rollout. */
    async function setImage(req, cause) {
        const image = requireImage(req, 'deploy');
        const container = s.container ?? containerOf(await get(s.deployment));
        await run(setImageArgv(s, s.deployment, container, image));
        await run(changeCauseArgv(s, s.deployment, cause));
        await waitReady(s.deployment, req.timeoutMs);
        return outcome(s.deployment, { container, image });
    }
    const driver = {
        name: 'kubernetes',
        planDeploy(req) {
            const first = s.kustomize
                ? applyKustomizeArgv(s, s.kustomize)
                : setImageArgv(s, s.deployment, s.container ?? CONTAINER_PLACEHOLDER, req.artifact ?? '{artifact}');
            return [
                first,
                changeCauseArgv(s, s.deployment, changeCause('deploy', req.version)),
                rolloutStatusArgv(s, s.deployment, req.timeoutMs),
            ].map(formatArgv);
        },
        async deploy(req) {
            await refuseWhileSlotLive('a rolling deploy');
            if (!s.kustomize)
                return setImage(req, changeCause('deploy', req.version));
            await run(applyKustomizeArgv(s, s.kustomize));
            await run(changeCauseArgv(s, s.deployment, changeCause('deploy', req.version)));
            await waitReady(s.deployment, req.timeoutMs);
            return outcome(s.deployment, { kustomize: s.kustomize });
        },
        /** With the image of the version to return to, sets it; without, undoes the last rollout. */
        async rollback(req) {
            await refuseWhileSlotLive('a rollback');
            if (req.artifact)
                return setImage(req, changeCause('rollback', req.version));
            await run(rolloutUndoArgv(s, s.deployment));
            await waitReady(s.deployment, req.timeoutMs);
            return outcome(s.deployment, { undo: 'previous revision' });
        },
        async startCanary(req) {
            waitMs = req.timeoutMs;
            const image = requireImage(req, 'start a canary');
            await refuseWhileSlotLive('a canary');
            const stable = await get(s.deployment);
            const container = containerOf(stable, s.container);
            const leftover = await find(canary);
            if (leftover && replicasOf(leftover) > 0) {
                // A canary left by an earlier run holds part of the replicas: give them back first.
                await scale(s.deployment, replicasOf(stable) + replicasOf(leftover), true);
            }
            await setWeightAnnotation(0);
            const manifest = canaryManifest(stable, {
                name: canary,
                container,
                image,
                version: req.version,
                replicas: 0,
                changeCause: changeCause('canary', req.version),
            });
            await run(applyStdinArgv(s), { input: JSON.stringify(manifest) });
            return outcome(canary, { container, image, stableReplicas: replicasOf(stable) + replicasOf(leftover) });
        },
        /**
         * Moves replicas (and the ingress weight) so the canary gets `weight` percent. Capacity moves
         * before traffic: the side that grows is scaled and ready before the other shrinks.
         */
        async setWeight(weight) {
            const stable = await get(s.deployment);
            const current = await find(canary);
            if (!current)
                throw new errors/* UserError */.yo(`there is no canary deployment/${canary}${where}: start the canary first`);
            const total = replicasOf(stable) + replicasOf(current);
            const split = splitReplicas(total, weight);
            if (split.canary >= replicasOf(current)) {
                if (split.canary !== replicasOf(current))
                    await scale(canary, split.canary, true);
                await setWeightAnnotation(weight);
                if (split.stable !== replicasOf(stable))
                    await scale(s.deployment, split.stable, false);
            }
            else {
                await scale(s.deployment, split.stable, true);
                await setWeightAnnotation(weight);
                await scale(canary, split.canary, false);
            }
            if (s.ingress)
                return { weight, note: `${split.canary} canary and ${split.stable} stable replicas; ingress ${s.ingress} sends ${weight}%` };
            return {
                weight,
                effectiveWeight: split.effectiveWeight,
                note: `${split.canary} of ${total} replicas run the canary`,
            };
        },
        async promote() {
            const current = await find(canary);
            if (!current)
                throw new errors/* UserError */.yo(`there is no canary deployment/${canary}${where} to promote`);
            const stable = await get(s.deployment);
            const container = containerOf(stable, s.container);
            const image = imageOf(current, container);
            const total = replicasOf(stable) + replicasOf(current);
            if (replicasOf(stable) !== total)
                await run(scaleArgv(s, s.deployment, total));
            await run(setImageArgv(s, s.deployment, container, image));
            await run(changeCauseArgv(s, s.deployment, changeCause('promote', current.metadata.annotations?.[VERSION_ANNOTATION] ?? image)));
            await waitReady(s.deployment, waitMs);
            await setWeightAnnotation(0);
            await run(scaleArgv(s, canary, 0));
            await run(deleteDeploymentArgv(s, canary));
        },
        /** Traffic first, then capacity: every step is skipped when already done, so twice is safe. */
        async abort() {
            let ingressFailure;
            try {
                await setWeightAnnotation(0);
            }
            catch (err) {
                ingressFailure = err; // still give the stable Deployment its replicas back
            }
            const current = await find(canary);
            if (current) {
                const stable = await get(s.deployment);
                const total = replicasOf(stable) + replicasOf(current);
                if (replicasOf(stable) !== total)
                    await scale(s.deployment, total, true);
                if (replicasOf(current) > 0)
                    await run(scaleArgv(s, canary, 0));
                await run(deleteDeploymentArgv(s, canary));
            }
            if (ingressFailure)
                throw ingressFailure;
        },
        planTraffic(weights) {
            const lines = [];
            for (const w of weights) {
                lines.push(`# weight ${w}%: replicas of deployment/${s.deployment} and deployment/${canary} split ${100 - w}:${w}`);
                lines.push(formatArgv(scaleArgv(s, canary, w === 0 ? 0 : `{${w}%}`)));
                if (s.ingress)
                    lines.push(formatArgv(canaryWeightArgv(s, s.ingress, w)));
                lines.push(formatArgv(scaleArgv(s, s.deployment, `{${100 - w}%}`)));
            }
            return lines;
        },
        slots: createKubernetesSlots({ settings: s, run, get, find, waitReady }),
    };
    return driver;
}

;// CONCATENATED MODULE: ./build/drivers/kubernetes/index.js






// EXTERNAL MODULE: ./build/drivers/local/index.js + 16 modules
var local = __webpack_require__(7448);
;// CONCATENATED MODULE: ./build/drivers/factory.js






/** `driver:` as given; else a deploy-command alone implies `command`; else the embedded `local`. */
function driverName(s) {
    if (s.driver)
        return s.driver;
    if (s.deployCommand || s.rollbackCommand)
        return 'command';
    return 'local';
}
const required = (driver, input, value, form) => {
    if (value === undefined || value === '')
        throw new errors/* UserError */.yo(`Input "${input}" is required by the ${driver} driver. Accepted: ${form}.`);
};
/** What the chosen driver declares (name, URLs, how weights become traffic), without building it. */
function driverTraits(s) {
    switch (driverName(s)) {
        case 'command':
            return (0,command/* commandTraits */.Pc)(s);
        case 'kubernetes':
            return kubernetesTraits(s);
        case 'haproxy':
            return haproxyTraits;
        case 'local':
            return local/* localTraits */.Hb;
    }
}
/**
 * Checks the settings of the chosen driver and builds it with its capabilities; nothing runs yet.
 * Each driver's state lives under `ctx.stateRoot` where it keeps any (the local driver's in `local/`).
 */
function createDriver(s, ctx) {
    const name = driverName(s);
    const commandSettings = {
        deployCommand: s.deployCommand,
        setWeightCommand: s.setWeightCommand,
        promoteCommand: s.promoteCommand,
        abortCommand: s.abortCommand,
        rollbackCommand: s.rollbackCommand,
        switchCommand: s.switchCommand,
    };
    switch (name) {
        case 'command': {
            if (ctx.use === 'rollback' && !s.rollbackCommand)
                required('command', 'deploy-command', s.deployCommand, 'a shell command (or rollback-command)');
            // A canary without deploy-command: the new version is already running (at probe-url); only traffic moves.
            if (ctx.use !== 'rollback' && ctx.use !== 'canary')
                required('command', 'deploy-command', s.deployCommand, 'a shell command');
            if (ctx.use === 'canary')
                required('command', 'set-weight-command', s.setWeightCommand, 'a shell command that reads SHIPLINE_WEIGHT');
            return (0,command/* commandDriver */.SC)(commandSettings, ctx.log, ctx.signal, ctx.exec);
        }
        case 'kubernetes': {
            required('kubernetes', 'deployment', s.deployment, 'the name of the Deployment');
            return kubernetesDriver({
                deployment: s.deployment,
                namespace: s.namespace,
                container: s.container,
                kustomize: s.kustomize,
                canaryDeployment: s.canaryDeployment,
                ingress: s.ingress,
            }, { log: ctx.log, timeoutMs: ctx.timeoutMs, exec: ctx.exec });
        }
        case 'haproxy': {
            required('haproxy', 'haproxy-socket', s.haproxySocket, 'a unix socket path or tcp://host:port');
            required('haproxy', 'haproxy-backend', s.haproxyBackend, 'an HAProxy backend name');
            required('haproxy', 'stable-server', s.stableServer, 'an HAProxy server name');
            required('haproxy', 'canary-server', s.canaryServer, 'an HAProxy server name');
            required('haproxy', 'deploy-command', s.deployCommand, 'a shell command that deploys the version to the canary server (HAProxy moves traffic only)');
            return haproxyDriver({ haproxySocket: s.haproxySocket, backend: s.haproxyBackend, stableServer: s.stableServer, canaryServer: s.canaryServer }, (0,command/* createCommandDriver */.uC)(commandSettings, ctx.log, ctx.signal, ctx.exec));
        }
        case 'local': {
            required('local', 'app-command', s.appCommand, 'the shell command that starts one version of the app, e.g. node server.js (it reads PORT)');
            return (0,local/* localDriver */.UM)({
                command: s.appCommand,
                stateDir: (0,external_node_path_.join)(ctx.stateRoot, 'local'),
                port: s.port,
                healthPath: s.healthPath,
                cwd: ctx.cwd,
                environment: ctx.environment,
            }, { log: ctx.log });
        }
    }
}


/***/ }),

/***/ 9735:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Op: () => (/* binding */ driverFields),
/* harmony export */   aN: () => (/* binding */ isKubernetesName),
/* harmony export */   vx: () => (/* binding */ KUBERNETES_NAME)
/* harmony export */ });
/* harmony import */ var _core_fields_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2189);

/**
 * The one Kubernetes-name rule (RFC 1123), for the inputs and for the kubernetes driver's own check:
 * a label (namespace, container) or a subdomain, dot-separated labels (Deployment, Ingress).
 */
const KUBERNETES_NAME = {
    label: {
        pattern: /^(?=.{1,63}$)[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/,
        accepted: 'lower-case letters, digits and "-", at most 63 characters',
    },
    subdomain: {
        pattern: /^(?=.{1,253}$)[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*$/,
        accepted: 'lower-case letters, digits and "-", ".", at most 253 characters',
    },
};
const isKubernetesName = (value, kind) => KUBERNETES_NAME[kind].pattern.test(value);
const k8sName = (kind) => ({
    pattern: KUBERNETES_NAME[kind].pattern,
    form: `a Kubernetes name: ${KUBERNETES_NAME[kind].accepted}`,
});
/**
 * The driver settings, the same inputs on every action that changes an environment
 * (deploy, canary, rollback). Which ones matter depends on `driver`.
 */
const driverFields = {
    driver: _core_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .oneOf */ .yL(['command', 'kubernetes', 'haproxy', 'local']),
    // command
    'deploy-command': _core_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj({ form: 'a shell command' }),
    'set-weight-command': _core_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj({ form: 'a shell command' }),
    'promote-command': _core_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj({ form: 'a shell command' }),
    'abort-command': _core_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj({ form: 'a shell command' }),
    'rollback-command': _core_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj({ form: 'a shell command' }),
    // kubernetes
    deployment: _core_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj(k8sName('subdomain')),
    namespace: _core_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj(k8sName('label')),
    container: _core_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj(k8sName('label')),
    kustomize: _core_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj({ form: 'a directory with a kustomization.yaml' }),
    'canary-deployment': _core_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj(k8sName('subdomain')),
    ingress: _core_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj(k8sName('subdomain')),
    // haproxy
    'haproxy-socket': _core_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj({ form: 'a unix socket path or tcp://host:port of the HAProxy admin socket' }),
    'haproxy-backend': _core_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj({ pattern: /^[A-Za-z0-9_.:-]+$/, form: 'an HAProxy backend name' }),
    'stable-server': _core_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj({ pattern: /^[A-Za-z0-9_.:-]+$/, form: 'an HAProxy server name' }),
    'canary-server': _core_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj({ pattern: /^[A-Za-z0-9_.:-]+$/, form: 'an HAProxy server name' }),
    // local
    'app-command': _core_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj({ form: 'the shell command that starts one version of the app (it reads PORT)' }),
    'state-dir': _core_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj({ form: 'a directory path' }),
    port: _core_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .int */ .Wh({ min: 1, max: 65535 }),
    'health-path': _core_fields_js__WEBPACK_IMPORTED_MODULE_0__/* .string */ .Yj({ pattern: /^\//, form: 'a path starting with /' }),
};


/***/ }),

/***/ 9288:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   El: () => (/* binding */ staleWhy),
/* harmony export */   QE: () => (/* binding */ earlierRunning),
/* harmony export */   Rh: () => (/* binding */ describeRunning),
/* harmony export */   TG: () => (/* binding */ origin),
/* harmony export */   ZU: () => (/* binding */ markStale),
/* harmony export */   eg: () => (/* binding */ sortUnfinished)
/* harmony export */ });
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8161);
/* harmony import */ var _core_duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1420);
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2807);
/* harmony import */ var _checks_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(260);
/* harmony import */ var _meaning_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2062);
/* harmony import */ var _core_process_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4831);
/* harmony import */ var _core_clock_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(4300);
/**
 * Records left in progress: a deploy under way, or one whose run ended without finishing its
 * record (a status write that failed after the driver succeeded, a canary whose promotion could
 * not be recorded, a cancel whose cleanup ran out of time). Left alone, such a record would refuse
 * every later deploy of its environment for good; it is stale, and the next deploy or rollback
 * says so, marks it `error` and goes on. A paused canary is deliberately in progress: never stale.
 */







/** Where a record comes from: the run (and attempt) that wrote it, and its process on this machine. */
function origin(runner) {
    return {
        runUrl: runner.runUrl,
        ...(runner.runId ? { runId: runner.runId, runAttempt: runner.runAttempt ?? '1' } : {}),
        host: (0,node_os__WEBPACK_IMPORTED_MODULE_0__.hostname)(),
        pid: process.pid,
    };
}
/**
 * Why an unfinished record is stale, or undefined when it may still be under way. Its run has ended
 * (asked of GitHub when the records are there: completed, unknown, or re-run since), the process
 * that wrote it is gone (the ledger, on this machine), or it is older than the limit.
 */
async function staleWhy(store, r, opts) {
    if ((0,_meaning_js__WEBPACK_IMPORTED_MODULE_4__/* .isPaused */ .lP)(r) || !(0,_meaning_js__WEBPACK_IMPORTED_MODULE_4__/* .isUnfinished */ .ui)(r))
        return undefined;
    const p = r.payload;
    const runId = typeof p.runId === 'string' ? p.runId : undefined;
    const attempt = Number(typeof p.runAttempt === 'string' ? p.runAttempt : '1') || 1;
    if (runId && runId === opts.runner.runId && attempt < (Number(opts.runner.runAttempt ?? '1') || 1)) {
        return `it was written by attempt ${attempt} of this run, which has ended (this is attempt ${opts.runner.runAttempt})`;
    }
    if (runId && store.runState && runId !== opts.runner.runId) {
        const run = await store.runState(runId);
        if (run && run.status === 'completed')
            return `its run ${runId} has ended${run.conclusion ? ` (${run.conclusion})` : ''}`;
        if (run && run.attempt > attempt)
            return `its run ${runId} was re-run since (attempt ${run.attempt}; the record is from attempt ${attempt})`;
    }
    if (store.kind === 'ledger' && typeof p.pid === 'number' && p.host === (0,node_os__WEBPACK_IMPORTED_MODULE_0__.hostname)() && p.pid !== process.pid && !(0,_core_process_js__WEBPACK_IMPORTED_MODULE_5__/* .isProcessAlive */ .j)(p.pid)) {
        return `the process that wrote it (pid ${p.pid} on ${p.host}) is gone`;
    }
    const age = (opts.now ?? _core_clock_js__WEBPACK_IMPORTED_MODULE_6__/* .systemClock */ .m.now()) - Date.parse(r.stateAt ?? r.createdAt);
    if (age > opts.limitMs)
        return `it has been in progress for ${(0,_core_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(age)}, more than ${(0,_core_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(opts.limitMs)} (twice the timeout)`;
    return undefined;
}
/** Sorts the unfinished records newer than what runs now into running and stale. */
async function sortUnfinished(store, records, opts) {
    const out = { running: [], stale: [] };
    for (const r of records) {
        const why = await staleWhy(store, r, opts);
        if (why)
            out.stale.push({ record: r, why });
        else
            out.running.push(r);
    }
    return out;
}
/** Marks stale records `error`, saying why; a failed write is a warning (the next run tries again). */
async function markStale(store, stale, by) {
    for (const { record, why } of stale) {
        by.log.warning(`Deployment ${record.id} (${record.payload.version}) was left in progress and is stale: ${why}. Marking it error and going on.`);
        try {
            await store.setStatus(record.id, 'error', { description: `found stale: ${why}`, logUrl: by.runUrl });
        }
        catch (err) {
            by.log.warning(`Deployment ${record.id} could not be marked stale: ${(0,_core_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorMessage */ .gJ)(err)}`);
        }
    }
}
/**
 * After this run created its record: the other unfinished records of the environment that are not
 * stale and were created before it (the earliest in-progress record wins). Empty: this run goes on.
 * Two runs that both checked before either wrote both see each other here, and only the later yields.
 */
async function earlierRunning(store, environment, mine, opts, depth = 100) {
    const others = [];
    let seenMine = false;
    let seen = 0;
    for await (const read of (0,_meaning_js__WEBPACK_IMPORTED_MODULE_4__/* .readHistory */ .Lu)(store.history(environment))) {
        const r = read.record;
        if (r.id === mine.id) {
            seenMine = true;
            continue;
        }
        if (read.meaning === 'live' && seenMine)
            break;
        if (seenMine && (read.meaning === 'unfinished' || read.meaning === 'paused'))
            others.push(r);
        if (++seen >= depth)
            break;
    }
    const earlier = [];
    for (const r of others)
        if ((0,_meaning_js__WEBPACK_IMPORTED_MODULE_4__/* .isPaused */ .lP)(r) || !(await staleWhy(store, r, opts)))
            earlier.push(r);
    return earlier;
}
const describeRunning = (r) => `${(0,_checks_js__WEBPACK_IMPORTED_MODULE_3__/* .describeRecord */ .TV)(r)}${r.payload.runUrl ? ` by ${r.payload.runUrl}` : ''}`;


/***/ })

};
