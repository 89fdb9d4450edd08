export const id = 289;
export const ids = [289];
export const modules = {

/***/ 289:
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
// EXTERNAL MODULE: ./build/core/run.js + 3 modules
var run = __webpack_require__(5527);
// EXTERNAL MODULE: ./build/deploy/manifest.js
var manifest = __webpack_require__(1913);
// EXTERNAL MODULE: ./build/records/open.js + 4 modules
var records_open = __webpack_require__(367);
// EXTERNAL MODULE: ./build/records/pause.js
var pause = __webpack_require__(1655);
;// CONCATENATED MODULE: ./build/gate/clock.js

/** The variable that sets the gate's clock, for tests and rehearsals (`2024-03-31T01:30:00Z`). */
const CLOCK_VARIABLE = 'SHIPLINE_NOW';
/** The time the gate decides at: `SHIPLINE_NOW` when set (an ISO 8601 time with its offset), else now. */
function readClock(env, systemNow = Date.now) {
    const text = env[CLOCK_VARIABLE]?.trim();
    if (!text)
        return { now: systemNow(), fixed: false };
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
    const at = Date.parse(text);
    if (!iso.test(text) || Number.isNaN(at))
        throw new errors/* UserError */.yo(`${CLOCK_VARIABLE}: ${JSON.stringify(text.slice(0, 60))} is not an ISO 8601 time. Accepted: a time with its offset (2024-03-31T01:30:00Z); for tests only, unset it in workflows.`);
    return { now: at, fixed: true };
}

// EXTERNAL MODULE: ./build/records/checks.js
var checks = __webpack_require__(260);
// EXTERNAL MODULE: ./build/records/history.js
var records_history = __webpack_require__(2145);
;// CONCATENATED MODULE: ./build/gate/evidence.js


const evidence_short = (sha) => sha.slice(0, 7);
/**
 * Has this commit (and this version, when given) a successful deployment in `environment` that was
 * not rolled back? With a version this is deploy's `require-promotion-from` check itself; without
 * one, any version built from the commit counts.
 */
async function commitEvidence(store, environment, sha, version) {
    if (version)
        return (0,checks/* promotionEvidence */.vc)(store, environment, sha, version);
    const { found, skipped } = await (0,records_history/* findInHistory */.bk)(store, environment, (r) => (!(0,records_history/* isShipline */.ft)(r) ? 'not a shipline record' : r.sha !== sha ? 'another commit' : (0,records_history/* wasGood */.x3)(r) ? true : `its state is ${r.state}`), 500);
    if (found)
        return { ok: true, record: found, message: `${environment} ran ${(0,checks/* describeRecord */.TV)(found)}` };
    const tried = skipped.filter((s) => s.record.sha === sha && (0,records_history/* isShipline */.ft)(s.record)).slice(0, 3);
    const instead = tried.length > 0 ? `its deployments there did not succeed: ${tried.map((s) => (0,checks/* describeRecord */.TV)(s.record)).join('; ')}` : 'it was never deployed there';
    return { ok: false, message: `commit ${evidence_short(sha)} has no successful deployment in ${environment}: ${instead}` };
}
function successVerdict(environment, evidence) {
    const live = evidence.record?.state === 'success' ? ' (live now)' : evidence.record ? ' (since replaced by a later deployment)' : '';
    return {
        policy: 'require-successful',
        subject: environment,
        verdict: evidence.ok ? 'pass' : 'refused',
        evidence: `${evidence.message}${live}`,
    };
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __webpack_require__(8532);
// EXTERNAL MODULE: ./build/core/duration.js
var duration = __webpack_require__(1420);
;// CONCATENATED MODULE: ./build/gate/zone.js
/**
 * Wall-clock time in IANA time zones through `Intl` (no time zone library): what a clock in
 * `Europe/Vilnius` shows at an instant, and which instant a wall-clock time there is.
 */
const formatters = new Map();
function formatter(zone) {
    let f = formatters.get(zone);
    if (!f) {
        f = new Intl.DateTimeFormat('en-US', {
            timeZone: zone,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
        });
        formatters.set(zone, f);
    }
    return f;
}
/**
 * The canonical name of an IANA time zone (`Europe/Vilnius`, `UTC`), or undefined when `Intl` does
 * not know it or it is an abbreviation: `EST` or `CET` are fixed or borrowed zones in the time zone
 * database whose daylight-saving behaviour surprises (ICU resolves `EST` to America/Panama).
 */
function canonicalZone(name) {
    if (!/^(utc|gmt)$/i.test(name) && !name.includes('/'))
        return undefined;
    try {
        return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    }
    catch {
        return undefined;
    }
}
/** What a clock in `zone` shows at `instant` (ms since the epoch). */
function wallClock(instant, zone) {
    const parts = {};
    for (const p of formatter(zone).formatToParts(new Date(instant))) {
        if (p.type !== 'literal')
            parts[p.type] = Number(p.value);
    }
    const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
    return { year, month, day, hour, minute, second, weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() };
}
/** The zone's offset from UTC at `instant`, in ms (Vilnius in summer: +3 h). */
function offsetAt(instant, zone) {
    const whole = Math.floor(instant / 1000) * 1000;
    const w = wallClock(whole, zone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - whole;
}
/**
 * The instant at which a clock in `zone` shows this wall-clock time. A time that occurs twice
 * (the hour repeated when daylight saving ends) is its first occurrence; a time that does not
 * occur (skipped when it starts) is moved forward by the gap, as a clock that was not changed
 * would read it (03:30 in a 03:00 -> 04:00 jump is 04:30).
 */
function zonedInstant(year, month, day, hour, minute, zone) {
    const asUtc = Date.UTC(year, month - 1, day, hour, minute);
    const DAY = 86_400_000;
    const candidates = [asUtc - offsetAt(asUtc - DAY, zone), asUtc - offsetAt(asUtc + DAY, zone)].sort((a, b) => a - b);
    const matches = candidates.filter((t) => {
        const w = wallClock(t, zone);
        return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) === asUtc;
    });
    return matches[0] ?? asUtc - offsetAt(asUtc - DAY, zone);
}
/** `2024-03-31 04:00 Europe/Vilnius (01:00 UTC)`: an instant as people in the window's zone read it. */
function describeInstant(instant, zone) {
    const w = wallClock(instant, zone);
    const two = (n) => String(n).padStart(2, '0');
    const local = `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}`;
    if (zone === 'UTC')
        return `${local} UTC`;
    const utc = new Date(instant).toISOString();
    return `${local} ${zone} (${utc.slice(0, 10)} ${utc.slice(11, 16)} UTC)`;
}

;// CONCATENATED MODULE: ./build/gate/freeze.js

/**
 * Freeze windows: times in which deploys are refused. Written one a line, in the wall-clock time of
 * a time zone, so `Sun 02:00-04:00 Europe/Vilnius` follows Vilnius through daylight-saving changes:
 *
 *   Sun 02:00-04:00 UTC                  one day, a time range
 *   Sun 23:00-01:00                      an end before the start is the next day (zone: UTC)
 *   Sat 22:00-Mon 06:00 Europe/Vilnius   from a day and time to a day and time, across the week's end
 *   Mon-Fri 18:00-08:00 Europe/Berlin    several days (`Mon-Fri`, `Sat,Sun`): a window on each
 *   02:00-04:00 UTC                      no day: every day
 *   2024-12-24 00:00-2025-01-02 08:00 Europe/Vilnius   once, between two dates
 */
const FREEZE_FORM = 'windows one a line: [days] HH:MM-[day] HH:MM [IANA time zone, default UTC] ' +
    '(Sun 02:00-04:00 UTC, Sat 22:00-Mon 06:00 Europe/Vilnius, Mon-Fri 18:00-08:00 America/New_York, ' +
    '2024-12-24 00:00-2025-01-02 08:00 UTC), or none';
const WEEK = 7 * 1440;
const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const FULL_DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
function parseDay(token) {
    const t = token.toLowerCase();
    const i = DAY_NAMES.indexOf(t);
    return i >= 0 ? i : FULL_DAY_NAMES.indexOf(t) >= 0 ? FULL_DAY_NAMES.indexOf(t) : undefined;
}
/** `Mon`, `Mon-Fri`, `Sat,Sun`, `Fri-Mon` (wrapping the week's end). */
function parseDays(token, problems) {
    const days = new Set();
    for (const part of token.split(',')) {
        const [a, b, ...rest] = part.split('-');
        const first = parseDay(a ?? '');
        const last = b === undefined ? first : parseDay(b);
        if (first === undefined || last === undefined || rest.length > 0) {
            problems.push(`unknown day ${JSON.stringify(part)} (Mon, Tue, Wed, Thu, Fri, Sat, Sun, or a range like Mon-Fri)`);
            continue;
        }
        for (let d = first;; d = (d + 1) % 7) {
            days.add(d);
            if (d === last)
                break;
        }
    }
    return [...days].sort();
}
/** `HH:MM` -> minutes of the day; `24:00` only as an end. */
function parseTime(token, isEnd, problems) {
    const m = /^(\d{1,2}):(\d{2})$/.exec(token);
    const hours = m ? Number(m[1]) : NaN;
    const minutes = m ? Number(m[2]) : NaN;
    const valid = m && minutes < 60 && (hours < 24 || (isEnd && hours === 24 && minutes === 0));
    if (!valid) {
        problems.push(`${JSON.stringify(token)} is not a time of day (00:00 to 23:59${isEnd ? ', or 24:00 as an end' : ''})`);
        return undefined;
    }
    return hours * 60 + minutes;
}
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
function parseDate(token, problems) {
    const m = DATE.exec(token);
    if (!m)
        return undefined;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const check = new Date(Date.UTC(y, mo - 1, d));
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
        problems.push(`${JSON.stringify(token)} is not a date`);
        return undefined;
    }
    return [y, mo, d];
}
function parseZone(token, problems) {
    if (token === undefined)
        return 'UTC';
    const zone = canonicalZone(token);
    if (zone === undefined)
        problems.push(`unknown time zone ${JSON.stringify(token)} (an IANA name like Europe/Vilnius, America/New_York or UTC; abbreviations like CET are not accepted)`);
    return zone;
}
/** Parses one window; says every problem of the line at once. */
function parseFreezeWindow(text) {
    const line = text.trim();
    const problems = [];
    // Split at the range's dash: the first `-` that follows a time (dates and day ranges have dashes too).
    const range = /^(.*?\d:\d{2})\s*-\s*(.*)$/.exec(line);
    if (!range)
        return { ok: false, problems: ['expected a range of times like "Sun 02:00-04:00 UTC"'] };
    const left = range[1].split(/\s+/);
    const right = range[2].split(/\s+/).filter((t) => t !== '');
    if (left.length > 2)
        problems.push(`unexpected ${JSON.stringify(left.slice(0, -2).join(' '))} before the start`);
    const startHead = left.length >= 2 ? left.at(-2) : undefined;
    const startTimeToken = left.at(-1);
    // The end: [day or date] HH:MM [zone]
    let endHead;
    let endTimeToken;
    let zoneToken;
    if (right.length > 0 && /^\d{1,2}:\d{2}$/.test(right[0]))
        [endTimeToken, zoneToken] = [right[0], right[1]];
    else
        [endHead, endTimeToken, zoneToken] = [right[0], right[1], right[2]];
    const extra = right.slice(endHead === undefined ? 2 : 3);
    if (extra.length > 0)
        problems.push(`unexpected ${JSON.stringify(extra.join(' '))} after the time zone`);
    const endTime = () => endTimeToken === undefined ? (problems.push('the range has no end time'), undefined) : parseTime(endTimeToken, true, problems);
    if ((startHead !== undefined && DATE.test(startHead)) || (endHead !== undefined && DATE.test(endHead))) {
        if (startHead === undefined || endHead === undefined || !DATE.test(startHead) || !DATE.test(endHead)) {
            problems.push('a window between dates needs a date at both ends (2024-12-24 00:00-2025-01-02 08:00)');
            return { ok: false, problems };
        }
        const from = parseDate(startHead, problems);
        const fromTime = parseTime(startTimeToken, false, problems);
        const to = parseDate(endHead, problems);
        const toTime = endTime();
        const zone = parseZone(zoneToken, problems);
        if (problems.length > 0 || !from || !to || fromTime === undefined || toTime === undefined || !zone)
            return { ok: false, problems };
        const fromAt = zonedInstant(...from, Math.floor(fromTime / 60), fromTime % 60, zone);
        const toAt = zonedInstant(...to, Math.floor(toTime / 60), toTime % 60, zone);
        if (toAt <= fromAt)
            return { ok: false, problems: ['the end is not after the start'] };
        return { ok: true, window: { kind: 'dates', text: line, zone, from: fromAt, to: toAt } };
    }
    const startDays = startHead === undefined ? [0, 1, 2, 3, 4, 5, 6] : parseDays(startHead, problems);
    const startTime = parseTime(startTimeToken, false, problems);
    const endDay = endHead === undefined ? undefined : parseDay(endHead);
    if (endHead !== undefined && endDay === undefined)
        problems.push(`unknown day ${JSON.stringify(endHead)} (Mon, Tue, Wed, Thu, Fri, Sat, Sun)`);
    if (endHead !== undefined && startHead !== undefined && startDays.length > 1)
        problems.push('a window ending on a named day starts on one day (Sat 22:00-Mon 06:00), not several');
    if (endHead !== undefined && startHead === undefined)
        problems.push('a window ending on a named day needs a start day too');
    const stopTime = endTime();
    const zone = parseZone(zoneToken, problems);
    if (problems.length > 0 || startTime === undefined || stopTime === undefined || !zone)
        return { ok: false, problems };
    const spans = startDays.map((day) => {
        const from = day * 1440 + startTime;
        let to = (endDay ?? day) * 1440 + stopTime;
        if (to < from || (to === from && endDay !== undefined))
            to += endDay === undefined ? 1440 : WEEK;
        return { from, to };
    });
    if (spans.some((s) => s.to === s.from || s.to - s.from >= WEEK))
        return { ok: false, problems: ['the start and the end are the same time; for a whole day write 00:00-24:00'] };
    return { ok: true, window: { kind: 'weekly', text: line, zone, spans } };
}
/** A wall-clock reading in `zone` moved by `minutes` of wall-clock time, back to an instant. */
function wallPlus(now, zone, minutes) {
    const w = wallClock(now, zone);
    const t = new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute + minutes));
    return zonedInstant(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), zone);
}
/**
 * Is `now` inside the window? Weekly windows compare the wall clock of their zone, minute by
 * minute: 02:00 is in `Sun 02:00-04:00`, 04:00 is not; on the night clocks go forward the window is
 * an hour shorter, on the night they go back an hour longer, as its wall-clock times say.
 */
function windowState(window, now) {
    if (window.kind === 'dates') {
        const active = now >= window.from && now < window.to;
        return { window, active, endsAt: active ? window.to : undefined, startsAt: now < window.from ? window.from : undefined };
    }
    const w = wallClock(now, window.zone);
    const minute = w.weekday * 1440 + w.hour * 60 + w.minute;
    let best = { window, active: false };
    let soonest = Infinity;
    for (const span of window.spans) {
        for (const m of [minute, minute + WEEK]) {
            if (m >= span.from && m < span.to) {
                const endsAt = wallPlus(now, window.zone, span.to - m);
                if (!best.active || endsAt > best.endsAt)
                    best = { window, active: true, endsAt };
            }
        }
        const until = (((span.from - minute) % WEEK) + WEEK) % WEEK;
        if (!best.active && until < soonest)
            soonest = until;
    }
    if (!best.active && soonest !== Infinity)
        best.startsAt = wallPlus(now, window.zone, soonest);
    return best;
}

;// CONCATENATED MODULE: ./build/gate/fields.js




const ENVIRONMENT = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,254}$/;
/**
 * The items of a list setting. Text (an input, or a string in the config file) is split by `split`;
 * blank lines are layout and skipped, but an empty item between separators (`staging,,qa`), an
 * empty config value (`require-successful: ''`) or an empty entry of a YAML list is refused: it
 * hides a name that is missing, and a gate must not quietly check less than was written.
 * `none` says "no entries" on purpose (to switch off what the config file sets).
 */
function items(value, split, what, ctx) {
    if (Array.isArray(value)) {
        const out = value.map((v, i) => ({ text: v === null || v === undefined ? '' : String(v).trim(), path: [i] }));
        const empty = out.find((i) => i.text === '');
        if (empty) {
            ctx.addIssue({ code: 'custom', message: `is empty; name ${what}`, path: empty.path });
            return undefined;
        }
        return out;
    }
    const text = typeof value === 'string' ? value.trim() : String(value ?? '').trim();
    if (text === '') {
        ctx.addIssue({ code: 'custom', message: `is empty; name ${what}, or write none for no policy` });
        return undefined;
    }
    if (text.toLowerCase() === 'none')
        return [];
    const lines = text.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
    const out = [];
    for (const line of lines) {
        const parts = (split ? line.split(split) : [line]).map((p) => p.trim());
        if (parts.some((p) => p === '')) {
            ctx.addIssue({ code: 'custom', message: `${(0,fields/* quote */.hD)(line)} has an empty entry; name ${what}` });
            return undefined;
        }
        out.push(...parts.map((p) => ({ text: p, path: [] })));
    }
    return out;
}
/** `require-successful`: environments, one a line or separated by commas, or `none`. */
const requireSuccessfulField = {
    form: 'environment names one a line or separated by commas (staging, qa), or none',
    schema: schemas/* unknown */.L5J().transform((value, ctx) => {
        const list = items(value, /,/, 'the environments', ctx);
        if (!list)
            return core/* NEVER */.tm;
        const bad = list.find((i) => !ENVIRONMENT.test(i.text));
        if (bad) {
            ctx.addIssue({ code: 'custom', message: `${(0,fields/* quote */.hD)(bad.text)} is not an environment name`, path: bad.path });
            return core/* NEVER */.tm;
        }
        return [...new Set(list.map((i) => i.text))];
    }),
};
/** `min-soak`: a duration; days are written in hours. */
const minSoakField = {
    form: `${duration/* DURATION_FORM */.ec}; a day is 24h, a week 168h`,
    schema: schemas/* unknown */.L5J().transform((value, ctx) => {
        const text = String(value ?? '').trim();
        const ms = (0,duration/* parseDuration */.E9)(text);
        if (ms === undefined) {
            ctx.addIssue({ code: 'custom', message: `${(0,fields/* quote */.hD)(text)} is not a duration` });
            return core/* NEVER */.tm;
        }
        return ms;
    }),
};
/** `freeze`: windows one a line (or a YAML list in the config file), or `none`. */
const freezeField = {
    form: FREEZE_FORM,
    schema: schemas/* unknown */.L5J().transform((value, ctx) => {
        const list = items(value, undefined, 'the windows', ctx);
        if (!list)
            return core/* NEVER */.tm;
        const windows = [];
        for (const item of list) {
            const parsed = parseFreezeWindow(item.text);
            if (parsed.ok)
                windows.push(parsed.window);
            else {
                ctx.addIssue({ code: 'custom', message: `${(0,fields/* quote */.hD)(item.text)}: ${parsed.problems.join('; ')}`, path: item.path });
                return core/* NEVER */.tm;
            }
        }
        return windows;
    }),
};

;// CONCATENATED MODULE: ./build/gate/freeze-policy.js


/**
 * The freeze verdict at `now`: refused while any window is in force, unless an override reason
 * is given (then `overridden`, and the reason is the evidence). A reason given outside a freeze is
 * not used.
 */
function freezeVerdict(windows, now, override) {
    const base = { policy: 'freeze', overrideUsed: false };
    if (windows.length === 0)
        return { ...base, verdict: 'off', evidence: 'no freeze windows' };
    const states = windows.map((w) => windowState(w, now));
    const active = states.filter((s) => s.active);
    if (active.length === 0) {
        const next = states.filter((s) => s.startsAt !== undefined).sort((a, b) => a.startsAt - b.startsAt)[0];
        const upcoming = next ? `; next: "${next.window.text}" from ${describeInstant(next.startsAt, next.window.zone)}` : '';
        return { ...base, verdict: 'pass', evidence: `no window in force at ${describeInstant(now, 'UTC')}${upcoming}` };
    }
    const inForce = active.map((s) => `"${s.window.text}" is in force until ${describeInstant(s.endsAt, s.window.zone)}`).join('; ');
    if (!override)
        return { ...base, verdict: 'refused', evidence: inForce };
    const by = override.actor ? ` by ${override.actor}` : '';
    return { ...base, overrideUsed: true, verdict: 'overridden', evidence: `${inForce}; overridden${by}: ${override.reason}` };
}

;// CONCATENATED MODULE: ./build/gate/paused.js

/**
 * The paused-canary verdict: while a canary waits for a decision in the target environment, no
 * other deploy may go there (it would replace what the canary is judged against).
 */
function pausedVerdict(environment, paused) {
    const base = { policy: 'paused-canary', subject: environment };
    if (!paused)
        return { ...base, verdict: 'pass', evidence: `no canary is paused in ${environment}` };
    const weight = (0,pause/* pausedWeight */.N1)(paused);
    const since = paused.stateAt ?? paused.createdAt;
    return {
        ...base,
        verdict: 'refused',
        evidence: `${environment} has a paused canary of ${paused.payload.version}${weight !== undefined ? ` at ${weight}%` : ''} since ${since} (deployment ${paused.id}` +
            `${paused.payload.runUrl ? `, ${paused.payload.runUrl}` : ''}); promote or abort it first (resume: promote or resume: abort)`,
    };
}

;// CONCATENATED MODULE: ./build/gate/verdict.js
const policyLabel = (v) => (v.subject ? `${v.policy} (${v.subject})` : v.policy);
/** Allowed when no policy refused; an overridden freeze does not refuse. */
function decide(verdicts) {
    const refused = verdicts.filter((v) => v.verdict === 'refused');
    return { allowed: refused.length === 0, reasons: refused.map((v) => `${policyLabel(v)}: ${v.evidence}`) };
}

;// CONCATENATED MODULE: ./build/gate/report.js

const MARK = {
    pass: '✅ pass',
    refused: '❌ refused',
    overridden: '⚠️ overridden',
    off: '➖ not set',
};
/** The gate's summary: the decision first, then every policy with its verdict and evidence. */
function writeReport(summary, decision, verdicts, facts) {
    summary.heading(`Gate: ${facts.subject} to ${facts.environment}`);
    const what = `${facts.subject} ${decision.allowed ? 'may' : 'may not'} go to ${facts.environment} now`;
    if (decision.allowed)
        summary.verdict('pass', what);
    else if (facts.dryRun)
        summary.verdict('info', `Dry run: ${what}; the step does not fail in a dry run.`);
    else if (!facts.fail)
        summary.verdict('info', `${what} (fail: false, so the step passes with allowed=false).`);
    else
        summary.verdict('fail', what);
    summary.table(['policy', 'verdict', 'evidence'], verdicts.map((v) => [policyLabel(v), MARK[v.verdict], v.evidence]));
    summary.facts([
        ['commit', facts.commit],
        ['decided at', `${facts.at}${facts.clockFixed ? ' (clock set by SHIPLINE_NOW, for tests)' : ''}`],
        ['deployment records', facts.records ?? 'not read (no require-successful policy)'],
    ]);
}

;// CONCATENATED MODULE: ./build/gate/soak.js
/** `3h 12m`, `45s`, `2d 4h`: a duration as people read it (two units at most). */
function humanDuration(ms) {
    const units = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1_000]];
    const parts = [];
    let rest = Math.max(0, Math.floor(ms));
    for (const [name, size] of units) {
        if (rest >= size && parts.length < 2) {
            parts.push(`${Math.floor(rest / size)}${name}`);
            rest %= size;
        }
        else if (parts.length > 0)
            break;
    }
    if (parts.length > 0)
        return parts.join(' ');
    return rest === 0 ? '0s' : `${rest}ms`;
}
const iso = (ms) => new Date(ms).toISOString().replace(/\.000Z$/, 'Z');
/**
 * The soak of a successful record at `now`. A live record has soaked since its success status
 * (`stateAt`). A record that a later deployment replaced (`inactive`) ran from its creation to
 * its replacement; the records keep only the latest status, so that span includes the deploy itself.
 */
function soakOf(record, now) {
    const created = Date.parse(record.createdAt);
    const stateAt = record.stateAt ? Date.parse(record.stateAt) : created;
    if (record.state === 'success')
        return { live: true, since: stateAt, until: now, ms: Math.max(0, now - stateAt) };
    return { live: false, since: created, until: stateAt, ms: Math.max(0, stateAt - created) };
}
/** The min-soak verdict for the record that proved the commit in `environment`. */
function soakVerdict(environment, record, minSoakMs, now) {
    const base = { policy: 'min-soak', subject: environment };
    const need = `min-soak is ${humanDuration(minSoakMs)}`;
    if (!record)
        return { ...base, verdict: 'refused', evidence: `nothing to measure: no successful deployment in ${environment}; ${need}` };
    const soak = soakOf(record, now);
    const ran = soak.live
        ? `live in ${environment} for ${humanDuration(soak.ms)} (since ${iso(soak.since)})`
        : `ran in ${environment} for ${humanDuration(soak.ms)} (${iso(soak.since)} until replaced at ${iso(soak.until)})`;
    if (soak.ms >= minSoakMs)
        return { ...base, verdict: 'pass', evidence: `${ran}; ${need}` };
    const when = soak.live ? `: allowed from ${iso(soak.since + minSoakMs)}` : `; it was replaced too soon: deploy it to ${environment} again to soak`;
    return { ...base, verdict: 'refused', evidence: `${ran}; ${need}${when}` };
}

;// CONCATENATED MODULE: ./build/gate/action.js















/** The same form as deploy's `version`, so a gate and its deploy name a version alike. */
const action_fields = {
    environment: (0,common_fields/* environmentField */.CD)(true),
    version: (0,common_fields/* versionField */.FA)(false),
    manifest: fields/* string */.Yj({ form: 'the path of the build manifest written by the build action' }),
    'require-successful': requireSuccessfulField,
    'min-soak': minSoakField,
    freeze: freezeField,
    'override-reason': fields/* string */.Yj({ form: 'one line saying why this deploy may pass a freeze', line: true, configurable: false }),
    fail: fields/* bool */.lc({ default: true }),
    'state-dir': fields/* string */.Yj({ form: 'a directory path' }),
    ...common_fields/* githubFields */.bA,
    ...common_fields/* commonFields */.dG,
};
const action_short = (sha) => sha.slice(0, 7);
/** Entry of the gate action: may this version go to this environment now? */
function action_run(opts) {
    return (0,run/* runAction */.C)({ name: 'gate', title: 'shipline gate', fields: action_fields, environmentInput: 'environment' }, async (ctx) => {
        const s = ctx.settings;
        const requireSuccessful = s.requireSuccessful ?? [];
        if (s.minSoak !== undefined && requireSuccessful.length === 0)
            throw new errors/* UserError */.yo('Input "min-soak" needs "require-successful" (from the workflow or the config file): the environments where the soak is measured. ' +
                'Accepted: min-soak with require-successful (min-soak: 1h, require-successful: staging).');
        const clock = readClock(opts?.env ?? process.env);
        if (clock.fixed)
            ctx.log.warning(`The gate decides at ${new Date(clock.now).toISOString()}, the time SHIPLINE_NOW sets (meant for tests).`);
        const env = s.environment;
        // With a manifest, the commit and version built: a hotfix checks out another ref than GITHUB_SHA.
        const fromManifest = s.manifest ? await (0,manifest/* readManifestDefaults */.S)(s.manifest) : undefined;
        const version = s.version ?? fromManifest?.version;
        const sha = fromManifest?.commit || ctx.runner.sha || 'local';
        const subject = version ? `${version} (${action_short(sha)})` : `commit ${action_short(sha)}`;
        const verdicts = [];
        const freeze = freezeVerdict(s.freeze ?? [], clock.now, s.overrideReason ? { reason: s.overrideReason, actor: ctx.runner.actor } : undefined);
        const store = (0,records_open/* openRecords */.t)({ token: s.githubToken, runner: ctx.runner, stateDir: (0,records_open/* stateRoot */.o)(s.stateDir, ctx.runner), warn: ctx.log.warning });
        const records = store.where;
        const unreadable = (environment, policy, err) => {
            // Fail closed: a gate that cannot read its evidence does not allow.
            ctx.setOutput('allowed', 'false');
            ctx.setOutput('reasons', `${policy} (${environment}): the deployment records could not be read`);
            return new errors/* UserError */.yo(`Cannot read the deployment records of ${environment} (${store.where}): ${(0,errors/* errorMessage */.gJ)(err)}. ` +
                'The gate does not allow what it cannot check; the token needs `deployments: read`.');
        };
        if (requireSuccessful.length > 0) {
            for (const environment of requireSuccessful) {
                let evidence;
                try {
                    evidence = await commitEvidence(store, environment, sha, version);
                }
                catch (err) {
                    throw unreadable(environment, 'require-successful', err);
                }
                verdicts.push(successVerdict(environment, evidence));
                if (s.minSoak !== undefined)
                    verdicts.push(soakVerdict(environment, evidence.ok ? evidence.record : undefined, s.minSoak, clock.now));
            }
        }
        else {
            verdicts.push({ policy: 'require-successful', verdict: 'off', evidence: 'no environments required' });
        }
        if (s.minSoak === undefined)
            verdicts.push({ policy: 'min-soak', verdict: 'off', evidence: 'no minimum soak time' });
        verdicts.push(freeze);
        try {
            verdicts.push(pausedVerdict(env, await (0,pause/* findPaused */.Yz)(store, env)));
        }
        catch (err) {
            throw unreadable(env, 'paused-canary', err);
        }
        const decision = decide(verdicts);
        ctx.setOutput('allowed', decision.allowed);
        ctx.setOutput('reasons', decision.reasons.join('\n'));
        ctx.setOutput('override-reason', freeze.overrideUsed ? s.overrideReason ?? '' : '');
        for (const v of verdicts)
            ctx.log.info(`${v.policy}${v.subject ? ` (${v.subject})` : ''}: ${v.verdict}: ${v.evidence}`);
        if (freeze.overrideUsed)
            ctx.log.warning(`Freeze overridden for ${env}${ctx.runner.actor ? ` by ${ctx.runner.actor}` : ''}: ${s.overrideReason}`);
        else if (s.overrideReason)
            ctx.log.info('override-reason was given but no freeze window is in force; it was not used.');
        writeReport(ctx.summary, decision, verdicts, {
            subject,
            environment: env,
            commit: sha,
            at: new Date(clock.now).toISOString(),
            clockFixed: clock.fixed,
            records,
            dryRun: s.dryRun,
            fail: s.fail,
        });
        if (decision.allowed)
            return;
        const message = `${subject} may not go to ${env} now: ${decision.reasons.join('; ')}`;
        if (s.dryRun)
            ctx.log.info(`Dry run: ${message}`);
        else if (!s.fail)
            ctx.log.warning(message);
        else
            throw new errors/* UserError */.yo(message);
    }, opts);
}


/***/ }),

/***/ 2145:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   bk: () => (/* binding */ findInHistory),
/* harmony export */   ft: () => (/* binding */ isShipline),
/* harmony export */   k2: () => (/* binding */ undoneTracker),
/* harmony export */   ui: () => (/* binding */ isUnfinished),
/* harmony export */   x3: () => (/* binding */ wasGood)
/* harmony export */ });
/* unused harmony export current */
/** A record shipline wrote (other tools' deployments in the same environment carry no version). */
const isShipline = (r) => r.payload.version !== '';
/**
 * Deployed and healthy: its latest status is success, or inactive because a later success replaced
 * it. A later success may be GitHub's own deployment for a job that names an `environment:` (it
 * carries no shipline payload); that is why `inactive` still counts here.
 */
const wasGood = (r) => r.state === 'success' || r.state === 'inactive';
/**
 * Tracks, while a history is read newest first, the deployments that a later rollback undid (its
 * payload's `rollbackOf`), so a bad deployment never counts as good whatever its last status says.
 */
function undoneTracker() {
    const ids = new Set();
    return {
        see: (r) => {
            if (typeof r.payload.rollbackOf === 'string' && r.payload.rollbackOf !== '')
                ids.add(r.payload.rollbackOf);
        },
        undone: (r) => ids.has(r.id),
    };
}
/** What runs now: the newest shipline record that was deployed successfully and not undone. */
async function current(store, environment) {
    const tracker = undoneTracker();
    for await (const r of store.history(environment)) {
        tracker.see(r);
        if (isShipline(r) && wasGood(r) && !tracker.undone(r))
            return r;
    }
    return undefined;
}
/** The newest record still `in_progress` or `queued`/`pending` from a run that is not this one. */
function isUnfinished(r) {
    return r.state === 'in_progress' || r.state === 'queued';
}
/** Reads the history newest first until `accept` says yes; says why each record was passed over. */
async function findInHistory(store, environment, accept, limit = 1000) {
    const skipped = [];
    let seen = 0;
    for await (const r of store.history(environment)) {
        seen++;
        const verdict = accept(r);
        if (verdict === true)
            return { found: r, skipped, seen };
        skipped.push({ record: r, why: verdict });
        if (seen >= limit)
            break;
    }
    return { skipped, seen };
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
        return new errors/* OutsideError */.Cp(`GitHub's GraphQL API at ${apiUrl} answered with an error while ${what}: ${gitHubSays(err)}. Re-run the job; if it persists, check github-token's permissions (deployments: read).`, { cause: err });
    }
    if (!isRequestError(err))
        return err;
    if (!err.response) {
        // No answer at all: @octokit/request reports a network failure as status 500 without a response.
        const cause = networkCause(err);
        return new errors/* OutsideError */.Cp(`GitHub's API at ${apiUrl} could not be reached while ${what} (${cause}). Check GITHUB_API_URL and the runner's network access to GitHub, then re-run the job.`, { cause: err });
    }
    const status = err.status;
    if (status >= 500) {
        return new errors/* OutsideError */.Cp(`GitHub's API at ${apiUrl} answered ${status} (${gitHubSays(err)}) while ${what}, also when tried again. GitHub may be having an outage (https://www.githubstatus.com): re-run the job later.`, { cause: err });
    }
    if (status === 401) {
        return new errors/* OutsideError */.Cp(`GitHub's API at ${apiUrl} refused github-token (401 ${gitHubSays(err)}) while ${what}. Give a valid token (the default, \${{ github.token }}, is one).`, { cause: err });
    }
    if (status === 403 || status === 404) {
        return new errors/* OutsideError */.Cp(`GitHub's API at ${apiUrl} answered ${status} (${gitHubSays(err)}) while ${what}. Check that github-token may read and write deployments (permissions: deployments: write) in this repository.`, { cause: err });
    }
    return new errors/* OutsideError */.Cp(`GitHub's API at ${apiUrl} answered ${status} (${gitHubSays(err)}) while ${what}.`, { cause: err });
}

;// CONCATENATED MODULE: ./build/records/github.js


const HISTORY_QUERY = `query($owner: String!, $repo: String!, $environments: [String!], $first: Int!, $after: String) {
  repository(owner: $owner, name: $repo) {
    deployments(environments: $environments, first: $first, after: $after, orderBy: {field: CREATED_AT, direction: DESC}) {
      pageInfo { hasNextPage endCursor }
      nodes {
        databaseId createdAt commitOid environment payload description
        latestStatus { state description environmentUrl createdAt }
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
/**
 * Records kept as GitHub Deployments: written with REST (deployment, then statuses), read with one
 * GraphQL query per 100 records that carries each deployment's latest status, so a history 120
 * records deep costs two calls instead of one per record.
 */
class GitHubStore {
    octokit;
    owner;
    repo;
    pageSize;
    kind = 'github';
    calls = 0;
    constructor(octokit, owner, repo, pageSize = 100) {
        this.octokit = octokit;
        this.owner = owner;
        this.repo = repo;
        this.pageSize = pageSize;
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
            description: record.description?.slice(0, 140),
            transient_environment: false,
            production_environment: record.productionEnvironment,
        }));
        if (res.status !== 201 || !('id' in res.data)) {
            throw new errors/* OutsideError */.Cp(`GitHub did not create the deployment in ${record.environment} (${res.status}: ${JSON.stringify(res.data).slice(0, 200)}). Re-run the job.`);
        }
        return {
            id: String(res.data.id),
            environment: record.environment,
            sha: res.data.sha,
            ref: record.ref,
            createdAt: res.data.created_at,
            payload: record.payload,
            state: 'pending',
        };
    }
    async setStatus(id, state, update = {}) {
        await this.call(`setting deployment ${id} of ${this.owner}/${this.repo} to ${state}`, () => this.octokit.rest.repos.createDeploymentStatus({
            owner: this.owner,
            repo: this.repo,
            deployment_id: Number(id),
            state,
            description: update.description?.slice(0, 140),
            environment_url: update.environmentUrl,
            log_url: update.logUrl,
            auto_inactive: update.autoInactive,
        }));
    }
    async *history(environment) {
        let after = null;
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
            for (const node of deployments.nodes) {
                yield {
                    id: String(node.databaseId),
                    environment: node.environment,
                    sha: node.commitOid,
                    ref: '',
                    createdAt: node.createdAt,
                    payload: parsePayload(node.payload),
                    state: (node.latestStatus?.state.toLowerCase() ?? 'pending'),
                    statusDescription: node.latestStatus?.description ?? undefined,
                    environmentUrl: node.latestStatus?.environmentUrl ?? undefined,
                    stateAt: node.latestStatus?.createdAt,
                };
            }
            if (!deployments.pageInfo.hasNextPage || !deployments.pageInfo.endCursor)
                return;
            after = deployments.pageInfo.endCursor;
        }
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: ./build/core/parse-errors.js
var parse_errors = __webpack_require__(1589);
;// CONCATENATED MODULE: ./build/records/ledger.js




/**
 * The deployment records of runs without a GitHub token (local runs, the demo): one JSON file,
 * written atomically, with the same meaning as GitHub's deployments and statuses.
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
            throw new errors/* OutsideError */.Cp(`The deployment ledger ${this.where} cannot be read (${(0,errors/* errnoCode */.UK)(err) ?? 'read error'}). ${fix}`, { cause: err });
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
            throw new errors/* OutsideError */.Cp(`The deployment ledger ${this.where} cannot be written (${(0,errors/* errnoCode */.UK)(err) ?? 'write error'}): it still holds the records before this change. ` +
                'Check the state directory (state-dir) is writable and has free space, then re-run the job.', { cause: err });
        }
    }
    async create(record) {
        const data = this.read();
        const entry = {
            id: String(data.next++),
            environment: record.environment,
            sha: record.sha,
            ref: record.ref,
            createdAt: this.now().toISOString(),
            payload: record.payload,
            statuses: [],
        };
        data.deployments.push(entry);
        this.write(data);
        return toRecord(entry);
    }
    async setStatus(id, state, update = {}) {
        const data = this.read();
        const entry = data.deployments.find((d) => d.id === id);
        if (!entry)
            throw new errors/* OutsideError */.Cp(`Deployment ${id} is no longer in the deployment ledger ${this.where} (replaced or edited meanwhile?): its status ${state} was not recorded.`);
        const at = this.now().toISOString();
        entry.statuses.push({ state, description: update.description, environmentUrl: update.environmentUrl, logUrl: update.logUrl, at });
        if (state === 'success' && update.autoInactive !== false) {
            for (const other of data.deployments) {
                if (other.id === id || other.environment !== entry.environment)
                    continue;
                if (other.statuses.at(-1)?.state === 'success')
                    other.statuses.push({ state: 'inactive', at });
            }
        }
        this.write(data);
    }
    async *history(environment) {
        const entries = this.read().deployments.filter((d) => d.environment === environment);
        for (const entry of entries.reverse())
            yield toRecord(entry);
    }
}
function toRecord(entry) {
    const latest = entry.statuses.at(-1);
    const { statuses: _statuses, ...rest } = entry;
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
    // An expression the runner did not expand (`${{ github.token }}` outside Actions) is no token.
    if (opts.token?.includes('${{')) {
        opts.warn('github-token holds an unexpanded expression; keeping the records in the local ledger');
        opts.token = undefined;
    }
    if (opts.token && opts.runner.repository) {
        const octokit = createGitHub({ token: opts.token, baseUrl: opts.runner.apiUrl, warn: opts.warn });
        return new GitHubStore(octokit, opts.runner.repository.owner, opts.runner.repository.repo);
    }
    return new LedgerStore((0,external_node_path_.join)(opts.stateDir, 'deployments.json'));
}


/***/ })

};
