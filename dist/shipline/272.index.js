export const id = 272;
export const ids = [272];
export const modules = {

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

/***/ 5272:
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
// EXTERNAL MODULE: ./build/notify/index.js + 3 modules
var notify = __webpack_require__(4370);
// EXTERNAL MODULE: ./build/core/run.js + 2 modules
var run = __webpack_require__(6645);
// EXTERNAL MODULE: ./build/records/manifest-defaults.js
var manifest_defaults = __webpack_require__(5279);
// EXTERNAL MODULE: ./build/records/open.js + 4 modules
var records_open = __webpack_require__(367);
// EXTERNAL MODULE: ./build/records/pause.js
var pause = __webpack_require__(1655);
// EXTERNAL MODULE: ./build/records/checks.js
var checks = __webpack_require__(260);
;// CONCATENATED MODULE: ./build/gate/evidence.js

/**
 * Has this commit (and this version, when given) a successful deployment in `environment` that was
 * not rolled back? With a version this is deploy's `require-promotion-from` check itself; without
 * one, any version built from the commit counts.
 */
function commitEvidence(store, environment, sha, version) {
    return (0,checks/* promotionEvidence */.vc)(store, environment, sha, version);
}
function successVerdict(environment, evidence) {
    const live = evidence.live ? ' (live now)' : evidence.record ? ' (since replaced by a later deployment)' : '';
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
// EXTERNAL MODULE: ./build/core/time-format.js
var time_format = __webpack_require__(7293);
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
/** `2024-03-31 04:00 Europe/Vilnius (2024-03-31 01:00:00 UTC)`: an instant as people in the window's zone read it. */
function describeInstant(instant, zone) {
    const w = wallClock(instant, zone);
    const two = (n) => String(n).padStart(2, '0');
    const local = `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}`;
    if (zone === 'UTC')
        return (0,time_format/* formatTime */.f)(instant);
    return `${local} ${zone} (${(0,time_format/* formatTime */.f)(instant)})`;
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
        problems.push(`unknown time zone ${JSON.stringify(token)} (an IANA name like Europe/Vilnius, ` +
            `America/New_York or UTC; abbreviations like CET are not accepted)`);
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





/**
 * The items of a list setting, by the one list grammar (core/fields.ts) with the gate's options:
 * blank lines and `#` comments are layout, but an empty item between separators (`staging,,qa`),
 * an empty config value (`require-successful: ''`) or an empty entry of a YAML list is refused: it
 * hides a name that is missing, and a gate must not quietly check less than was written. `none`
 * says "no entries" on purpose (to switch off what the config file sets).
 */
function items(value, commas, what, ctx) {
    const result = (0,fields/* listItems */.Dw)(value, { commas, comments: true, none: true, refuseEmpty: { what } });
    if (result.ok)
        return result.items;
    ctx.addIssue({ code: 'custom', message: result.message, ...(result.path ? { path: result.path } : {}) });
    return undefined;
}
/** `require-successful`: environments, one a line or separated by commas, or `none`. */
const requireSuccessfulField = {
    form: 'environment names one a line or separated by commas (staging, qa), or none',
    schema: schemas/* unknown */.L5J().transform((value, ctx) => {
        const list = items(value, true, 'the environments', ctx);
        if (!list)
            return core/* NEVER */.tm;
        const bad = list.find((i) => !common_fields/* ENVIRONMENT_PATTERN */.dN.test(i.text));
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
        const list = items(value, false, 'the windows', ctx);
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
        evidence: `${environment} has a paused canary of ${paused.payload.version}${weight !== undefined ? ` at ${weight}%` : ''} ` +
            `since ${(0,time_format/* formatTime */.f)(since)} (deployment ${paused.id}` +
            `${paused.payload.runUrl ? `, ${paused.payload.runUrl}` : ''}); promote or abort it first (resume: promote or resume: abort)`,
    };
}

// EXTERNAL MODULE: ./build/core/links.js
var links = __webpack_require__(3163);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./build/core/paths.js
var paths = __webpack_require__(6182);
// EXTERNAL MODULE: ./build/core/plural.js
var plural = __webpack_require__(5242);
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
/** The policies that refused, each with what it found: `freeze: "Sun 23:00-01:00" is in force until ...`. */
const refusals = (decision) => decision.reasons.join('; ');
/**
 * The gate's summary. Used as a query (`fail: false`), one neutral line: the answer, and why, with
 * no refusal table (a workflow asking "is it live there yet?" is not refused anything). Otherwise
 * the decision first, naming the policies that refused, then every policy with its evidence.
 */
function writeReport(summary, decision, verdicts, facts) {
    if (!decision.allowed && !facts.fail && !facts.dryRun) {
        summary.verdict('info', `${facts.environment}: ${facts.subject} is not allowed there yet ` +
            `(${refusals(decision)}); fail: false, so the step passes with allowed=false.`);
        return;
    }
    summary.heading(`Gate: ${facts.subject} to ${facts.environment}`);
    const inForce = verdicts.filter((v) => v.verdict !== 'off');
    const what = `${facts.subject} ${decision.allowed ? 'may' : 'may not'} go to ${facts.environment} now`;
    if (decision.allowed) {
        const passed = inForce.length === 0
            ? 'no policy set'
            : `${inForce.length === 1 ? 'its 1 policy' : `all ${(0,plural/* plural */.L)(inForce.length, 'policy', 'policies')}`} in force passed`;
        summary.verdict('pass', `${what}: ${passed}`);
    }
    else if (facts.dryRun)
        summary.verdict('info', `Dry run: ${what}: ${refusals(decision)}; the step does not fail in a dry run.`);
    else
        summary.verdict('fail', `${what}: ${refusals(decision)}`);
    summary.table(['policy', 'verdict', 'evidence'], verdicts.map((v) => [policyLabel(v), MARK[v.verdict], v.evidence]));
    const runner = facts.runner;
    summary.facts([
        ['commit', runner ? (0,links/* commitLink */.wn)(runner, facts.commit) : facts.commit],
        ['environment', runner ? (0,links/* link */.nf)(facts.environment, (0,links/* deploymentsUrl */.ek)(runner, facts.environment)) : facts.environment],
        ['decided at', (0,time_format/* formatTime */.f)(facts.at)],
        // GitHub's deployments by name; a local ledger by its path, relative to the workspace.
        [
            'deployment records',
            facts.records === undefined
                ? 'not read (no require-successful policy)'
                : runner && (0,external_node_path_.isAbsolute)(facts.records)
                    ? (0,paths/* shownPath */.p)(facts.records, runner)
                    : facts.records,
        ],
    ]);
}

;// CONCATENATED MODULE: ./build/gate/soak.js

/** `3h 12m`, `45s`, `2d 4h`: a duration as people read it (two units at most). */
function humanDuration(ms) {
    const units = [
        ['d', 86_400_000],
        ['h', 3_600_000],
        ['m', 60_000],
        ['s', 1_000],
    ];
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
const iso = (ms) => (0,time_format/* formatTime */.f)(ms);
/**
 * The soak of a good record at `now`. Whether it is live is its place in the history (the newest
 * good record not undone), never its state: GitHub marks a live record `inactive` when its own
 * job deployment succeeds after it, and never marks production records inactive at all. Its start
 * is its success status when that is the latest status kept, else its creation (the records keep
 * only the latest status, so that span includes the deploy itself); a replaced record ran until
 * the deployment that replaced it was created.
 */
function soakOf(record, standing, now) {
    const created = Date.parse(record.createdAt);
    const since = record.state === 'success' && record.stateAt ? Date.parse(record.stateAt) : created;
    if (standing.live)
        return { live: true, since, until: now, ms: Math.max(0, now - since) };
    const until = standing.replacedBy ? Date.parse(standing.replacedBy.createdAt) : record.stateAt ? Date.parse(record.stateAt) : now;
    return { live: false, since, until, ms: Math.max(0, until - since) };
}
/** The min-soak verdict for the record that proved the commit in `environment`. */
function soakVerdict(environment, record, standing, minSoakMs, now) {
    const base = { policy: 'min-soak', subject: environment };
    const need = `min-soak is ${humanDuration(minSoakMs)}`;
    if (!record)
        return { ...base, verdict: 'refused', evidence: `nothing to measure: no successful deployment in ${environment}; ${need}` };
    const soak = soakOf(record, standing, now);
    const ran = soak.live
        ? `live in ${environment} for ${humanDuration(soak.ms)} (since ${iso(soak.since)})`
        : `ran in ${environment} for ${humanDuration(soak.ms)} (${iso(soak.since)} until replaced at ${iso(soak.until)})`;
    if (soak.ms >= minSoakMs)
        return { ...base, verdict: 'pass', evidence: `${ran}; ${need}` };
    const when = soak.live
        ? `: allowed from ${iso(soak.since + minSoakMs)}`
        : `; it was replaced too soon: deploy it to ${environment} again to soak`;
    return { ...base, verdict: 'refused', evidence: `${ran}; ${need}${when}` };
}

;// CONCATENATED MODULE: ./build/gate/action.js















const action_fields = {
    environment: (0,common_fields/* environmentField */.CD)(true),
    // The same form as deploy's `version`, so a gate and its deploy name a version alike.
    version: (0,common_fields/* versionField */.FA)(false),
    manifest: fields/* string */.Yj({ form: 'the path of the build manifest written by the build action' }),
    'require-successful': requireSuccessfulField,
    'min-soak': minSoakField,
    freeze: freezeField,
    'override-reason': fields/* string */.Yj({ form: 'one line saying why this deploy may pass a freeze', line: true, configurable: false }),
    fail: fields/* bool */.lc({ default: true }),
    'state-dir': fields/* string */.Yj({ form: 'a directory path' }),
    notify: (0,notify/* notifyField */.A)(),
    ...common_fields/* githubFields */.bA,
    ...common_fields/* commonFields */.dG,
};
const action_short = (sha) => sha.slice(0, 7);
/** Entry of the gate action: may this version go to this environment now? */
function action_run(opts) {
    return (0,run/* runAction */.Cs)({ name: 'gate', title: 'shipline gate', fields: action_fields, environmentInput: 'environment', cancelledOutputs: { allowed: 'false' } }, async (ctx) => {
        const s = ctx.settings;
        (0,notify/* notifyWhenDone */.w)(ctx, 'gate');
        const requireSuccessful = s.requireSuccessful ?? [];
        if (s.minSoak !== undefined && requireSuccessful.length === 0)
            throw new errors/* UserError */.yo('Input "min-soak" needs "require-successful" (from the workflow ' +
                'or the config file): the environments where the soak is measured. ' +
                'Accepted: min-soak with require-successful (min-soak: 1h, require-successful: staging).');
        // The one instant every policy is judged at (the runtime's clock: a test's may be fixed).
        const now = ctx.runtime.clock.now();
        const env = s.environment;
        // With a manifest, the commit and version built: a hotfix checks out another ref than GITHUB_SHA.
        const fromManifest = s.manifest ? await (0,manifest_defaults/* readManifestDefaults */.S)(s.manifest) : undefined;
        const version = s.version ?? fromManifest?.version;
        const sha = fromManifest?.commit || ctx.runner.sha || 'local';
        const subject = version ? `${version} (${action_short(sha)})` : `commit ${action_short(sha)}`;
        const verdicts = [];
        const freeze = freezeVerdict(s.freeze ?? [], now, s.overrideReason ? { reason: s.overrideReason, actor: ctx.runner.actor } : undefined);
        const store = (0,records_open/* openRecords */.t)({
            token: s.githubToken,
            runner: ctx.runner,
            stateDir: (0,records_open/* stateRoot */.o)(s.stateDir, ctx.runner),
            runtime: ctx.runtime,
        });
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
                    verdicts.push(soakVerdict(environment, evidence.ok ? evidence.record : undefined, { live: evidence.live ?? false, replacedBy: evidence.replacedBy }, s.minSoak, now));
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
        ctx.setOutput('override-reason', freeze.overrideUsed ? (s.overrideReason ?? '') : '');
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
            at: now,
            records,
            dryRun: s.dryRun,
            fail: s.fail,
            runner: ctx.runner,
        });
        if (decision.allowed)
            return;
        const message = `${subject} may not go to ${env} now: ${decision.reasons.join('; ')}`;
        if (s.dryRun)
            ctx.log.info(`Dry run: ${message}`);
        // A query (fail: false) is answered, not refused: a log line, no warning annotation.
        else if (!s.fail)
            ctx.log.info(message);
        else
            throw new errors/* UserError */.yo(message);
    }, opts);
}


/***/ }),

/***/ 1655:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JW: () => (/* binding */ pauseDescription),
/* harmony export */   N1: () => (/* binding */ pausedWeight),
/* harmony export */   Yz: () => (/* binding */ findPaused),
/* harmony export */   aM: () => (/* reexport safe */ _meaning_js__WEBPACK_IMPORTED_MODULE_0__.aM)
/* harmony export */ });
/* harmony import */ var _meaning_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2062);
/**
 * A canary paused for a decision, as its deployment record shows it: the latest status is
 * `in_progress` and its description starts with a fixed marker (`shipline: paused at 25% ...`).
 * A record's payload cannot change after creation, so the pause lives in the status.
 */


/** The status description of a paused canary: the marker, the weight it holds, what comes next. */
function pauseDescription(weight, rest) {
    return (0,_meaning_js__WEBPACK_IMPORTED_MODULE_0__/* .cutText */ .IN)(`${_meaning_js__WEBPACK_IMPORTED_MODULE_0__/* .PAUSE_MARKER */ .aM}${weight}%; resume to go on to ${rest.map((w) => `${w}%`).join(', ')}, or abort`, 140);
}
/** The weight a paused record holds, read back from its status description. */
function pausedWeight(r) {
    const m = /^shipline: paused at (\d{1,3})%/.exec(r.statusDescription ?? '');
    return m ? Number(m[1]) : undefined;
}
/**
 * The paused canary of `environment`: the newest paused record not older than what runs now (a
 * pause that a later successful deployment replaced no longer holds traffic), not rolled back.
 */
async function findPaused(store, environment, depth = 100) {
    let seen = 0;
    for await (const read of (0,_meaning_js__WEBPACK_IMPORTED_MODULE_0__/* .readHistory */ .Lu)(store.history(environment))) {
        if (++seen > depth)
            break;
        if (read.meaning === 'paused')
            return read.record;
        if (read.meaning === 'live')
            break;
    }
    return undefined;
}


/***/ })

};
