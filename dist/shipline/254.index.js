export const id = 254;
export const ids = [254];
export const modules = {

/***/ 2254:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  fields: () => (/* reexport */ context_fields),
  run: () => (/* binding */ action_run)
});

// EXTERNAL MODULE: ./build/core/common-fields.js
var common_fields = __webpack_require__(9507);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./build/core/duration.js
var duration = __webpack_require__(1420);
// EXTERNAL MODULE: ./build/core/errors.js
var errors = __webpack_require__(2807);
// EXTERNAL MODULE: ./build/core/redact.js
var redact = __webpack_require__(193);
// EXTERNAL MODULE: ./build/core/run.js + 2 modules
var run = __webpack_require__(6645);
// EXTERNAL MODULE: ./build/core/runner-io.js
var runner_io = __webpack_require__(9927);
// EXTERNAL MODULE: ./build/records/manifest-defaults.js
var manifest_defaults = __webpack_require__(5279);
// EXTERNAL MODULE: ./build/notify/index.js + 3 modules
var notify = __webpack_require__(4370);
// EXTERNAL MODULE: ./build/drivers/factory.js + 17 modules
var factory = __webpack_require__(4005);
// EXTERNAL MODULE: ./build/records/open.js + 4 modules
var records_open = __webpack_require__(367);
// EXTERNAL MODULE: ./build/records/pause.js
var pause = __webpack_require__(1655);
// EXTERNAL MODULE: ./build/records/preflight.js
var preflight = __webpack_require__(1830);
// EXTERNAL MODULE: ./build/verify/sources/prometheus.js
var sources_prometheus = __webpack_require__(9477);
// EXTERNAL MODULE: ./build/core/fields.js
var fields = __webpack_require__(2189);
// EXTERNAL MODULE: ./build/drivers/fields.js
var drivers_fields = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(2857);
;// CONCATENATED MODULE: ./build/canary/metrics.js
/**
 * The `metrics` input: Prometheus queries the canary is judged on, each with a threshold.
 *
 *   - name: error-rate
 *     query: (sum(rate(http_requests_total{version="{{version}}",code=~"5.."}[1m])) or vector(0))
 *            / sum(rate(http_requests_total{version="{{version}}"}[1m]))
 *     max: 0.05
 */

const METRICS_FORM = 'a YAML or JSON list (or a path to such a file) of name, query (PromQL; may use {{version}} and {{environment}}) and max or min';
/** Names the built-in probe gives its metrics; a Prometheus metric may not take them while it runs. */
const PROBE_METRICS = ['error-rate', 'p95-latency', 'baseline-latency', 'baseline-error-rate'];
const metricSchema = schemas/* object */.Ikc({
    name: schemas/* string */.YjP().regex(/^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/, 'must be a name of letters, digits, "_", ".", ":" and "-" (at most 64)'),
    query: schemas/* string */.YjP().trim().min(1, 'must be a PromQL query'),
    max: schemas/* number */.aig().finite().optional(),
    min: schemas/* number */.aig().finite().optional(),
})
    .strict()
    .refine((m) => m.max !== undefined || m.min !== undefined, { message: 'needs a threshold: max, min or both' })
    .refine((m) => m.max === undefined || m.min === undefined || m.min <= m.max, { message: 'min is above max' });
const metricsSchema = schemas/* array */.YOg(metricSchema, { error: 'must be a list of metrics' })
    .min(1, 'must hold at least one metric')
    .superRefine((list, ctx) => {
    const seen = new Set();
    list.forEach((m, index) => {
        if (seen.has(m.name))
            ctx.addIssue({ code: 'custom', message: `the name "${m.name}" is used twice`, path: [index, 'name'] });
        seen.add(m.name);
    });
});

// EXTERNAL MODULE: ./node_modules/zod/v4/core/core.js
var core = __webpack_require__(8532);
;// CONCATENATED MODULE: ./build/canary/steps.js
/**
 * The canary's traffic steps: weights in percent that rise strictly, each 1..100, the last 100
 * (the canary is promoted only after it carried all traffic). `10,25,50,100` or a YAML list.
 * One `pause` may stand between two weights (`10,25,pause,100`): the canary holds its weight
 * there and waits for a later run to promote or abort it.
 */


const DEFAULT_STEPS = [10, 25, 50, 100];
const STEPS_FORM = 'canary weights in percent, rising, each from 1 to 100, the last 100, with ' +
    'at most one pause between two weights (10,25,50,100 or 10,25,pause,100)';
/** Checks parsed steps (pure); `index` points at the offending step. */
function checkSteps(items) {
    if (items.length === 0)
        return { ok: false, message: 'no steps given' };
    const steps = [];
    let previous;
    let pauseAt;
    for (const [index, text] of items.entries()) {
        if (text.toLowerCase() === 'pause') {
            if (pauseAt !== undefined)
                return { ok: false, index, message: `a second pause (the first is step ${pauseAt + 1}); at most one pause` };
            if (previous === undefined)
                return { ok: false, index, message: 'pause comes first: the canary must carry traffic before it waits for a decision' };
            pauseAt = index;
            steps.push('pause');
            continue;
        }
        const weight = Number(text.replace(/%$/, ''));
        if (text === '' || !Number.isInteger(weight))
            return { ok: false, index, message: `${JSON.stringify(text)} is not a whole percentage or pause` };
        if (weight < 1 || weight > 100)
            return { ok: false, index, message: `${weight} is outside 1..100` };
        if (previous !== undefined && weight <= previous) {
            return { ok: false, index, message: `${weight} does not rise above the step before it (${previous}); steps must rise` };
        }
        steps.push(weight);
        previous = weight;
    }
    const last = steps.length - 1;
    if (steps[last] === 'pause')
        return { ok: false, index: last, message: 'pause comes last: the canary must go on to 100 after the decision' };
    if (previous !== 100) {
        return {
            ok: false,
            index: last,
            message: `the last step is ${previous}, not 100: the canary must carry all traffic before it is promoted`,
        };
    }
    return { ok: true, steps };
}
/** Splits checked steps into the weights and the pause's place. */
function stepPlan(steps) {
    const weights = steps.filter((s) => s !== 'pause');
    const at = steps.indexOf('pause');
    return at < 0 ? { weights } : { weights, pauseAfter: at };
}
/** `10,25,pause,100`: the form the steps are written in (and kept in a canary's record). */
const formatSteps = (steps) => steps.join(',');
/** The `steps` input: comma- or line-separated text, or a YAML list in the config file. */
function stepsField() {
    const schema = schemas/* unknown */.L5J().transform((value, ctx) => {
        const split = (0,fields/* listItems */.Dw)(value);
        if (!split.ok) {
            ctx.issues.push({ code: 'custom', message: split.message, input: value, ...(split.path ? { path: split.path } : {}) });
            return core/* NEVER */.tm;
        }
        const result = checkSteps(split.items.map((i) => i.text));
        if (result.ok)
            return result.steps;
        // The step's place in a YAML list (empty entries are skipped), or among the written steps.
        const at = result.index === undefined ? undefined : (split.items[result.index]?.path[0] ?? result.index);
        ctx.issues.push({ code: 'custom', message: result.message, input: value, ...(at !== undefined ? { path: [at] } : {}) });
        return core/* NEVER */.tm;
    });
    return { schema, form: STEPS_FORM, default: DEFAULT_STEPS };
}

;// CONCATENATED MODULE: ./build/canary/fields.js



/**
 * The canary's own settings: the steps and how each is judged (the action adds the environment,
 * version, driver and GitHub inputs). `CanaryInputs` is derived from them, so the two cannot drift.
 */
const canaryFields = {
    steps: stepsField(),
    'step-duration': fields/* duration */.p0({ min: 100, max: 24 * 3_600_000, default: 60_000 }),
    'analysis-interval': fields/* duration */.p0({ min: 100, max: 3_600_000, default: 10_000 }),
    'failure-limit': fields/* int */.Wh({ min: 1, max: 1000, default: 3 }),
    'prometheus-url': fields/* url */.OZ(),
    'prometheus-token': fields/* string */.Yj({ form: 'a bearer token for Prometheus, on one line', secret: true, line: true, configurable: false }),
    metrics: fields/* structured */.uv(metricsSchema, { form: METRICS_FORM }),
    'probe-url': fields/* url */.OZ(),
    'stable-url': fields/* url */.OZ(),
    'probe-rps': fields/* number */.ai({ above: 0, max: 1000, default: 30 }),
    'max-error-rate': fields/* number */.ai({ min: 0, max: 1, default: 0.05 }),
    'max-p95': fields/* duration */.p0({ min: 1, max: 600_000, default: 2_000 }),
    'min-requests': fields/* int */.Wh({ min: 1, max: 1_000_000, default: 10 }),
    'baseline-tolerance': fields/* number */.ai({ min: 0, max: 10, default: 0.25 }),
    confidence: fields/* number */.ai({ above: 0.5, below: 1, default: 0.98 }),
    'latency-floor': fields/* duration */.p0({ min: 0, max: 60_000, default: 5 }),
    'error-rate-floor': fields/* number */.ai({ min: 0, max: 1, default: 0.005 }),
};

;// CONCATENATED MODULE: ./build/canary/context.js
/** The canary action's inputs and context. */





const context_fields = {
    environment: (0,common_fields/* environmentField */.CD)(true),
    version: (0,common_fields/* versionField */.FA)(false),
    artifact: (0,common_fields/* artifactField */.lc)(),
    manifest: fields/* string */.Yj({ form: 'the path of the build manifest written by the build action' }),
    resume: fields/* oneOf */.yL(['promote', 'abort'], { configurable: false }),
    ...canaryFields,
    timeout: fields/* duration */.p0({ min: 1_000, max: 6 * 3_600_000, default: 600_000 }),
    report: fields/* string */.Yj({ form: 'a file path for the JSON report' }),
    notify: (0,notify/* notifyField */.A)(),
    ...drivers_fields/* driverFields */.Op,
    ...common_fields/* githubFields */.bA,
    ...common_fields/* commonFields */.dG,
};

// EXTERNAL MODULE: ./build/core/plural.js
var plural = __webpack_require__(5242);
;// CONCATENATED MODULE: ./build/verify/stats.js
/**
 * Descriptive statistics and the standard normal distribution, as used by the canary analysis.
 * Pure functions, no dependencies.
 */
/** Arithmetic mean; NaN for an empty list. */
function mean(values) {
    if (values.length === 0)
        return Number.NaN;
    let sum = 0;
    for (const v of values)
        sum += v;
    return sum / values.length;
}
/**
 * The p-th percentile (0..100) with linear interpolation between the closest ranks
 * (Hyndman & Fan type 7, the default of numpy and of most spreadsheets). NaN for an empty list.
 * The input is not modified.
 */
function stats_percentile(values, p) {
    if (!(p >= 0 && p <= 100))
        throw new RangeError(`percentile must be within 0..100, got ${p}`);
    if (values.length === 0)
        return Number.NaN;
    const sorted = Float64Array.from(values).sort();
    return percentileOfSorted(sorted, p);
}
/** As `percentile`, for values already sorted ascending. */
function percentileOfSorted(sorted, p) {
    const n = sorted.length;
    if (n === 0)
        return Number.NaN;
    const h = (n - 1) * (p / 100);
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, n - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
/** The median (50th percentile). */
function median(values) {
    return stats_percentile(values, 50);
}
/**
 * Complementary error function, Chebyshev fit from Numerical Recipes (`erfcc`):
 * fractional error below 1.2e-7 everywhere, ample for p-values compared with 0.02.
 */
function erfc(x) {
    const z = Math.abs(x);
    const t = 1 / (1 + 0.5 * z);
    const r = t *
        Math.exp(-z * z -
            1.26551223 +
            t *
                (1.00002368 +
                    t *
                        (0.37409196 +
                            t *
                                (0.09678418 +
                                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
    return x >= 0 ? r : 2 - r;
}
/** Standard normal cumulative distribution function, P(Z <= z). */
function normalCdf(z) {
    return 0.5 * erfc(-z / Math.SQRT2);
}
/** Standard normal survival function, P(Z > z), accurate in the upper tail. */
function normalSf(z) {
    return 0.5 * erfc(z / Math.SQRT2);
}

;// CONCATENATED MODULE: ./build/verify/sample.js
const DEFAULT_MIN_REQUESTS = 10;
/**
 * No data, a value that is not a finite number, or fewer requests than `minRequests` are
 * inconclusive (never a pass); above `max` or below `min` fails; anything else passes.
 */
function evaluateSample(sample, options = {}) {
    const minRequests = options.minRequests ?? DEFAULT_MIN_REQUESTS;
    const judged = (verdict, reason) => ({ ...sample, verdict, reason });
    const { value, threshold, requests } = sample;
    if (value === null || value === undefined)
        return judged('inconclusive', 'no data');
    if (Number.isNaN(value))
        return judged('inconclusive', 'value is NaN');
    if (!Number.isFinite(value))
        return judged('inconclusive', `value is ${value}`);
    if (requests !== undefined) {
        if (!Number.isFinite(requests))
            return judged('inconclusive', `request count is ${requests}`);
        if (requests < minRequests) {
            return judged('inconclusive', `only ${requests} requests, at least ${minRequests} needed`);
        }
    }
    if (threshold?.max !== undefined && value > threshold.max) {
        return judged('fail', `${sample_formatNumber(value)} is above the maximum ${sample_formatNumber(threshold.max)}`);
    }
    if (threshold?.min !== undefined && value < threshold.min) {
        return judged('fail', `${sample_formatNumber(value)} is below the minimum ${sample_formatNumber(threshold.min)}`);
    }
    if (threshold?.max === undefined && threshold?.min === undefined)
        return judged('pass', 'no threshold; recorded');
    return judged('pass', 'within threshold');
}
/** Up to 4 significant decimals, no exponent noise: 0.0525, 2013.5, 12. */
function sample_formatNumber(value) {
    if (!Number.isFinite(value))
        return String(value);
    const abs = Math.abs(value);
    const digits = abs >= 100 ? 1 : abs >= 1 ? 2 : 4;
    return String(Number(value.toFixed(digits)));
}

;// CONCATENATED MODULE: ./build/verify/sequential.js
/**
 * Anytime-valid tests by betting (Waudby-Smith & Ramdas, "Estimating means of bounded random
 * variables by betting", JRSS-B 2024; Shafer & Vovk's testing by betting).
 *
 * The null hypothesis: a stream of bounded increments D_1, D_2, ... in [-lower, upper] whose
 * conditional mean, given everything before, is at most 0. A bettor starts with wealth 1 and
 * stakes a fraction lambda_i (chosen from the past only) on each increment: W_n = prod (1 + lambda_i D_i).
 * Under the null W is a non-negative supermartingale, so by Ville's inequality
 *   P(W_n >= 1/alpha for some n, ever) <= alpha.
 * The test can be looked at after every observation, forever, and its false-alarm probability
 * stays below alpha: this is what makes evidence accumulate without inflating false aborts.
 *
 * The stake is the plug-in Kelly bet (aGRAPA): lambda = mean / mean of squares of the past
 * increments, with a weak prior at 0, clipped to [0, cap / lower]. Only positive stakes: the
 * test is one-sided (it looks for evidence that the mean is above 0).
 */
class BettingTest {
    maxStake;
    prior;
    priorSquare;
    n = 0;
    sum = 0;
    sumSquares = 0;
    /** Natural log of the current wealth (the e-value). */
    logWealth = 0;
    /** The largest log wealth reached so far. */
    maxLogWealth = 0;
    constructor(options) {
        if (!(options.lower > 0) || !Number.isFinite(options.lower))
            throw new RangeError(`lower must be a positive number, got ${options.lower}`);
        const cap = options.cap ?? 0.5;
        if (!(cap > 0 && cap < 1))
            throw new RangeError(`cap must be within (0, 1), got ${cap}`);
        this.maxStake = cap / options.lower;
        this.prior = options.priorWeight ?? 10;
        // The prior's mean square keeps early stakes small until the increments' scale is known.
        this.priorSquare = options.priorSquare ?? (options.lower / 4) ** 2;
    }
    /** The stake the next increment will be bet with (from the past only). */
    stake() {
        if (this.n + this.prior === 0)
            return 0;
        const m = this.sum / (this.n + this.prior);
        if (m <= 0)
            return 0;
        const s = (this.sumSquares + this.prior * this.priorSquare) / (this.n + this.prior);
        return Math.min(this.maxStake, m / s);
    }
    observe(d) {
        const lambda = this.stake();
        if (lambda > 0) {
            this.logWealth += Math.log1p(lambda * d);
            if (this.logWealth > this.maxLogWealth)
                this.maxLogWealth = this.logWealth;
        }
        this.n += 1;
        this.sum += d;
        this.sumSquares += d * d;
    }
    get observations() {
        return this.n;
    }
    /** True once the wealth has reached 1/alpha at some look: the null is rejected at level alpha. */
    rejected(alpha) {
        return this.maxLogWealth >= Math.log(1 / alpha);
    }
}

;// CONCATENATED MODULE: ./build/verify/compare.js
/**
 * The comparison with stable, on everything seen since the canary started and re-tested at every
 * look, with anytime-valid tests (sequential.ts): `confidence` bounds the probability that a canary
 * no worse than the allowance is ever aborted by it, over all looks and both metrics together.
 *
 * The requests of both versions are paired in the order they were made within one interval (the
 * i-th canary request with the i-th stable request of the same interval), so a load swing that
 * hits both versions alike cancels out; unpaired requests of an interval only add to the
 * descriptive figures.
 *
 * Error rate. The allowance: the canary may have an error rate up to
 * max((1 + tolerance) x stable, stable + floor). Its null hypothesis is the union of two half-planes,
 * p_c <= (1 + tolerance) p_s and p_c <= p_s + floor; each has its own betting test on the pairs
 * (D = y - (1 + tolerance) z and D = y - z - floor, where y and z are 1 for an error), and the
 * canary fails only when both have rejected (an intersection-union test: each at the full level).
 *
 * Latency. The allowance: every quantile of the canary up to max((1 + tolerance) q, q + latency-floor)
 * of stable's. Deflating each canary latency x to min(x / (1 + tolerance), x - floor) makes the null
 * "deflated canary is stochastically no slower than stable". At the stable's p50, p95 and p99 (from
 * the intervals before, so the thresholds are fixed before the pairs are seen) a betting test on
 * D = [deflated x > t] - [y > t] looks for the canary exceeding the threshold more often than
 * stable: the median test sees a shift of the whole distribution, the p95 and p99 tests a slower
 * tail with an unchanged median. The latency budget is split evenly over the three (Bonferroni).
 *
 * Budget: alpha = 1 - confidence, half to the error rate, half to latency.
 */



const COMPARE_DEFAULTS = {
    tolerance: 0.25,
    confidence: 0.98,
    latencyFloorMs: 5,
    errorRateFloor: 0.005,
    minRequests: 10,
};
/** The stable quantiles the latency test compares at. */
const LATENCY_QUANTILES = [0.5, 0.95, 0.99];
const BASELINE_METRICS = (/* unused pure expression or super */ null && (['baseline-error-rate', 'baseline-latency']));
/** Sorted values with cheap insertion of a batch (merge). */
class SortedValues {
    values = new Float64Array(0);
    add(batch) {
        if (batch.length === 0)
            return;
        const b = Float64Array.from(batch).sort();
        const a = this.values;
        const out = new Float64Array(a.length + b.length);
        let i = 0;
        let j = 0;
        let k = 0;
        while (i < a.length && j < b.length)
            out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
        while (i < a.length)
            out[k++] = a[i++];
        while (j < b.length)
            out[k++] = b[j++];
        this.values = out;
    }
    quantile(p) {
        return percentileOfSorted(this.values, p * 100);
    }
}
function compare_createComparison(options = {}) {
    const o = { ...COMPARE_DEFAULTS, ...options };
    const alpha = 1 - o.confidence;
    const alphaErrors = alpha / 2;
    const alphaQuantile = alpha / 2 / LATENCY_QUANTILES.length;
    const ratio = 1 + o.tolerance;
    const relative = new BettingTest({ lower: ratio, priorSquare: 0.01 });
    const absolute = new BettingTest({ lower: 1 + o.errorRateFloor, priorSquare: 0.01 });
    const tails = LATENCY_QUANTILES.map(() => new BettingTest({ lower: 1, priorSquare: 0.25 }));
    const canaryLatencies = new SortedValues();
    const stableLatencies = new SortedValues();
    const totals = { canary: 0, canaryErrors: 0, stable: 0, stableErrors: 0 };
    let errorFailed = false;
    let latencyFailed;
    const deflate = (x) => Math.min(x / ratio, x - o.latencyFloorMs);
    const inflate = (q) => Math.max(q * ratio, q + o.latencyFloorMs);
    const errorBar = Math.log(1 / alphaErrors);
    const quantileBar = Math.log(1 / alphaQuantile);
    return {
        alpha: { errorRate: alphaErrors, latencyPerQuantile: alphaQuantile },
        look(canary, stable, at) {
            const pairs = Math.min(canary.length, stable.length);
            // Thresholds from the intervals before this one only.
            const thresholds = stableLatencies.values.length > 0 ? LATENCY_QUANTILES.map((p) => stableLatencies.quantile(p)) : undefined;
            for (let i = 0; i < pairs; i++) {
                const c = canary[i];
                const s = stable[i];
                const y = c.error ? 1 : 0;
                const z = s.error ? 1 : 0;
                relative.observe(y - ratio * z);
                absolute.observe(y - z - o.errorRateFloor);
                if (thresholds) {
                    const x = deflate(c.latencyMs);
                    for (let k = 0; k < thresholds.length; k++) {
                        const t = thresholds[k];
                        tails[k].observe((x > t ? 1 : 0) - (s.latencyMs > t ? 1 : 0));
                    }
                }
            }
            for (const r of canary) {
                totals.canary += 1;
                if (r.error)
                    totals.canaryErrors += 1;
            }
            for (const r of stable) {
                totals.stable += 1;
                if (r.error)
                    totals.stableErrors += 1;
            }
            canaryLatencies.add(canary.map((r) => r.latencyMs));
            stableLatencies.add(stable.map((r) => r.latencyMs));
            const enough = pairs >= o.minRequests;
            // Error rate.
            if (!errorFailed && relative.rejected(alphaErrors) && absolute.rejected(alphaErrors))
                errorFailed = true;
            const rate = totals.canary > 0 ? totals.canaryErrors / totals.canary : null;
            const stableRate = totals.stable > 0 ? totals.stableErrors / totals.stable : null;
            const allowedRate = stableRate === null ? undefined : Math.max(stableRate * ratio, stableRate + o.errorRateFloor);
            const eErrors = Math.min(relative.maxLogWealth, absolute.maxLogWealth);
            const counts = `${totals.canaryErrors}/${totals.canary} vs stable ${totals.stableErrors}/${totals.stable}`;
            const errorStat = `e=${formatE(eErrors)}, abort at ${formatE(errorBar)}`;
            const allowance = `${sample_formatNumber(o.tolerance * 100)}% or ${sample_formatNumber(o.errorRateFloor * 100)} points`;
            const errorRate = {
                metric: 'baseline-error-rate',
                value: rate,
                requests: totals.canary,
                at,
                ...(allowedRate !== undefined ? { threshold: { max: allowedRate } } : {}),
                statistic: eValue(eErrors),
                statisticLimit: 1 / alphaErrors,
                decisive: true,
                ...(errorFailed
                    ? {
                        verdict: 'fail',
                        reason: `canary error rate above stable by more than ${allowance} since the start (${counts}; ${errorStat})`,
                    }
                    : enough
                        ? {
                            verdict: 'pass',
                            reason: `no evidence yet of an error rate above stable by more than ${allowance} (${counts}; ${errorStat})`,
                        }
                        : {
                            verdict: 'inconclusive',
                            reason: `too few requests this interval (${pairs} pairs, at least ${o.minRequests} needed; ${counts})`,
                        }),
            };
            // Latency: the quantile with the most evidence is the one shown.
            if (latencyFailed === undefined) {
                const k = tails.findIndex((t) => t.rejected(alphaQuantile));
                if (k >= 0)
                    latencyFailed = k;
            }
            let shown = latencyFailed ?? 0;
            if (latencyFailed === undefined)
                for (let k = 1; k < tails.length; k++)
                    if (tails[k].maxLogWealth > tails[shown].maxLogWealth)
                        shown = k;
            const q = LATENCY_QUANTILES[shown];
            const name = `p${Math.round(q * 100)}`;
            const cq = canaryLatencies.values.length > 0 ? canaryLatencies.quantile(q) : null;
            const sq = stableLatencies.values.length > 0 ? stableLatencies.quantile(q) : null;
            const eLatency = tails[shown].maxLogWealth;
            const quantiles = `${name} ${cq === null ? 'none' : sample_formatNumber(cq)} ms vs stable ${sq === null ? 'none' : sample_formatNumber(sq)} ms`;
            const latencyStat = `e=${formatE(eLatency)}, abort at ${formatE(quantileBar)}`;
            const latAllowance = `${sample_formatNumber(o.tolerance * 100)}% or ${sample_formatNumber(o.latencyFloorMs)} ms`;
            const latency = {
                metric: 'baseline-latency',
                value: cq,
                requests: totals.canary,
                at,
                ...(sq !== null ? { threshold: { max: inflate(sq) } } : {}),
                statistic: eValue(eLatency),
                statisticLimit: 1 / alphaQuantile,
                decisive: true,
                ...(latencyFailed !== undefined
                    ? {
                        verdict: 'fail',
                        reason: `canary slower than stable by more than ${latAllowance} at ${name} since the start (${quantiles}; ${latencyStat})`,
                    }
                    : !enough
                        ? {
                            verdict: 'inconclusive',
                            reason: `too few requests this interval (${pairs} pairs, at least ${o.minRequests} needed; ${quantiles})`,
                        }
                        : {
                            verdict: 'pass',
                            reason: `no evidence yet of a canary slower than stable by more than ` +
                                `${latAllowance} at p50, p95 or p99 (${quantiles}; ${latencyStat})`,
                        }),
            };
            return { errorRate, latency };
        },
    };
}
function eValue(logWealth) {
    return Math.exp(Math.min(logWealth, 700));
}
/** An e-value (given as its log) in plain figures: 1.8, 240, 3.1e+6. */
function formatE(logWealth) {
    const e = eValue(logWealth);
    return e < 1000 ? sample_formatNumber(e) : e.toExponential(1);
}

// EXTERNAL MODULE: ./build/verify/window.js
var verify_window = __webpack_require__(282);
;// CONCATENATED MODULE: ./build/verify/judge.js
/**
 * The canary judge: a state machine fed evaluated samples in time order, step by step.
 *
 * - Absolute guardrails (per sample): a metric aborts the canary when `failureLimit` of its last
 *   2 x `failureLimit` samples did not pass (fail and inconclusive both count: window.ts), so a run
 *   of failing samples broken by single passes still ends it.
 * - A sequential comparison (a sample marked `decisive`) aborts at its first failing sample: its
 *   evidence already covers everything since the start (compare.ts).
 * - A step passes when the canary has not aborted and every metric in `metrics` has at least one
 *   passing sample in it; otherwise the step ends the canary with an abort.
 * - The canary is promoted only when every step passed: it never promotes on missing evidence.
 */



function judge_createJudge(options) {
    const { failureLimit } = options;
    if (!Number.isInteger(failureLimit) || failureLimit < 1) {
        throw new RangeError(`failureLimit must be a positive integer, got ${failureLimit}`);
    }
    const samples = [];
    const steps = [];
    const windows = new Map();
    let step;
    let abort;
    let finished = false;
    let lastAt = Number.NEGATIVE_INFINITY;
    const report = () => ({
        outcome: abort ? 'aborted' : finished ? 'promoted' : 'running',
        ...(abort?.failedMetric !== undefined ? { failedMetric: abort.failedMetric } : {}),
        ...(abort ? { abort: { ...abort } } : {}),
        steps: steps.map((s) => ({ ...s })),
        samples: samples.map((s) => ({ ...s })),
    });
    const push = (evaluation) => {
        if (!step)
            throw new Error('no step is open: call startStep() before recording samples');
        if (!Number.isFinite(evaluation.at))
            throw new RangeError(`sample time must be a finite number, got ${evaluation.at}`);
        if (evaluation.at < lastAt)
            throw new RangeError(`samples must come in time order: ${evaluation.at} after ${lastAt}`);
        lastAt = evaluation.at;
        let window = windows.get(evaluation.metric);
        if (!window)
            windows.set(evaluation.metric, (window = new verify_window/* SampleWindow */.r(failureLimit, 'counts')));
        const state = window.push(evaluation.verdict);
        const record = { ...evaluation, step: step.number, weight: step.weight, streak: state.streak, recent: state.notPassing };
        samples.push(record);
        step.last.set(record.metric, record);
        if (record.verdict === 'pass')
            step.passed.add(record.metric);
        if (!abort && evaluation.decisive && evaluation.verdict === 'fail') {
            abort = {
                failedMetric: record.metric,
                cause: 'fail',
                reason: `${record.metric}: ${record.reason}`,
                step: step.number,
                weight: step.weight,
            };
        }
        else if (!abort && state.tripped) {
            abort = {
                failedMetric: record.metric,
                cause: state.sawFail ? 'fail' : 'inconclusive',
                reason: `${record.metric}: ${(0,verify_window/* describeWindow */.O)(state, failureLimit)} (last: ${record.reason})`,
                step: step.number,
                weight: step.weight,
            };
        }
        return record;
    };
    const closeStep = (open) => {
        const result = (passed, reason) => ({ step: open.number, weight: open.weight, passed, reason });
        if (abort)
            return result(false, `aborted: ${abort.reason}`);
        const stepAbort = (failedMetric, cause, reason) => {
            abort = { ...(failedMetric !== undefined ? { failedMetric } : {}), cause, reason, step: open.number, weight: open.weight };
            return result(false, reason);
        };
        if (open.last.size === 0)
            return stepAbort(undefined, 'inconclusive', 'the step ended without any sample');
        const missing = (options.metrics ?? []).find((m) => !open.last.has(m));
        if (missing !== undefined)
            return stepAbort(missing, 'inconclusive', `${missing}: no sample during the step`);
        const metrics = options.metrics ?? [...open.last.keys()];
        const unproven = metrics.find((m) => !open.passed.has(m));
        if (unproven !== undefined) {
            const last = open.last.get(unproven);
            const cause = last.verdict === 'fail' ? 'fail' : 'inconclusive';
            return stepAbort(unproven, cause, `${unproven}: no sample passed during the step (last: ${last.reason})`);
        }
        return result(true, `every one of ${(0,plural/* plural */.L)(metrics.length, 'metric')} passed at least once and none reached its limit`);
    };
    return {
        startStep(weight) {
            if (finished)
                throw new Error('the judge has finished');
            if (abort)
                throw new Error(`the canary has aborted: ${abort.reason}`);
            if (step)
                throw new Error(`step ${step.number} is still open: call endStep() first`);
            step = { number: steps.length + 1, weight, last: new Map(), passed: new Set() };
        },
        observe: (sample) => push(evaluateSample(sample, options)),
        push,
        endStep() {
            if (!step)
                throw new Error('no step is open');
            const result = closeStep(step);
            steps.push(result);
            step = undefined;
            return result;
        },
        finish() {
            if (step)
                throw new Error(`step ${step.number} is still open: call endStep() first`);
            if (!abort && steps.length === 0) {
                abort = { cause: 'inconclusive', reason: 'the canary ran no steps', step: 0, weight: 0 };
            }
            finished = true;
            return report();
        },
        get abort() {
            return abort ? { ...abort } : undefined;
        },
        report,
    };
}

;// CONCATENATED MODULE: ./build/verify/evidence.js

const EVIDENCE_HEADER = (/* unused pure expression or super */ null && (['step', 'weight', 'time', 'metric', 'value', 'threshold', 'verdict', 'reason']));
function formatThreshold(threshold) {
    const parts = [];
    if (threshold?.min !== undefined)
        parts.push(`>= ${sample_formatNumber(threshold.min)}`);
    if (threshold?.max !== undefined)
        parts.push(`<= ${sample_formatNumber(threshold.max)}`);
    return parts.length > 0 ? parts.join(' and ') : '-';
}
function evidenceRows(records) {
    return records.map((r) => [
        String(r.step),
        `${r.weight}%`,
        new Date(r.at).toISOString(),
        r.metric,
        r.value === null ? 'no data' : formatNumber(r.value),
        formatThreshold(r.threshold),
        r.verdict,
        r.reason,
    ]);
}

;// CONCATENATED MODULE: ./build/verify/simulation.js
/**
 * Runs one whole canary on synthetic traffic through the real engine: every step, every analysis
 * interval, the metrics the canary action judges with its built-in probe (error rate and p95
 * against their absolute lines, per sample; the comparison with stable on everything so far).
 * Latencies keep their full precision, as the probe measures them.
 */



/** The action's defaults: 10,25,50,100; 60 s steps of 10 s intervals; limit 3; 5%; 2000 ms. */
const simulation_DEFAULT_PLAN = {
    steps: [10, 25, 50, 100],
    samplesPerStep: 6,
    intervalMs: 10_000,
    failureLimit: 3,
    maxErrorRate: 0.05,
    maxP95Ms: 2000,
    minRequests: 10,
    compare: {},
};
const SIMULATION_METRICS = (/* unused pure expression or super */ null && (['error-rate', 'p95-latency', 'baseline-error-rate', 'baseline-latency']));
function simulation_simulateCanary(traffic, rng, plan = simulation_DEFAULT_PLAN) {
    const judge = createJudge({ failureLimit: plan.failureLimit, minRequests: plan.minRequests, metrics: SIMULATION_METRICS });
    const comparison = createComparison({ minRequests: plan.minRequests, ...plan.compare });
    let at = Date.UTC(2025, 0, 1);
    let interval = 0;
    for (const weight of plan.steps) {
        judge.startStep(weight);
        for (let i = 0; i < plan.samplesPerStep && !judge.abort; i++) {
            at += plan.intervalMs;
            const n = typeof traffic.requestsPerSample === 'function' ? traffic.requestsPerSample(interval) : traffic.requestsPerSample;
            const load = traffic.sharedLoadSigma ? Math.exp(traffic.sharedLoadSigma * rng.normal()) : 1;
            const canaryModel = typeof traffic.canary === 'function' ? traffic.canary(interval, rng) : traffic.canary;
            const stable = observe(traffic.stable, n, load, rng);
            const canary = observe(canaryModel, canaryModel.requests ?? n, load, rng);
            interval += 1;
            const requests = canary.length;
            const errors = canary.reduce((sum, r) => sum + (r.error ? 1 : 0), 0);
            judge.observe({
                metric: 'error-rate',
                value: requests > 0 ? errors / requests : null,
                threshold: { max: plan.maxErrorRate },
                requests,
                at,
            });
            judge.observe({
                metric: 'p95-latency',
                value: requests > 0
                    ? percentile(canary.map((r) => r.latencyMs), 95)
                    : null,
                threshold: { max: plan.maxP95Ms },
                requests,
                at,
            });
            const look = comparison.look(canary, stable, at);
            judge.push(look.errorRate);
            judge.push(look.latency);
        }
        if (!judge.endStep().passed)
            break;
    }
    return { ...judge.finish(), intervals: interval };
}
function observe(model, requests, load, rng) {
    const out = new Array(requests);
    for (let i = 0; i < requests; i++) {
        // The probe's timer: performance.now() differences, microsecond precision.
        out[i] = { latencyMs: Math.round(model.latency(rng) * load * 1000) / 1000, error: rng.chance(model.errorRate) };
    }
    return out;
}

;// CONCATENATED MODULE: ./build/verify/scenarios.js
/**
 * The power table: synthetic canaries with known truth, each run over many fixed seeds through the
 * same engine the action uses, at the sample sizes the probe really produces. How often is each
 * aborted, how fast, and does that meet the goal?
 *
 * Traffic: stable answers 0.5% errors and log-normal latencies (median 40 ms, log-sd 0.35: p95
 * about 71 ms, p99 about 90 ms), timed to the microsecond as the probe times them.
 */


const MEDIAN_MS = 40;
const SIGMA = 0.35;
const Z95 = 1.6448536269514722;
const base = (rng) => rng.lognormal(MEDIAN_MS, SIGMA);
const stable = { errorRate: 0.005, latency: base };
const slower = (factor) => ({ errorRate: 0.005, latency: (rng) => factor * base(rng) });
const scenarios_errors = (rate) => ({ errorRate: rate, latency: base });
/** The slowest 5% of requests take twice as long: p95 to p99 doubled, the median unchanged. */
const slowTail = {
    errorRate: 0.005,
    latency: (rng) => {
        const z = rng.normal();
        return MEDIAN_MS * Math.exp(SIGMA * z) * (z > Z95 ? 2 : 1);
    },
};
/** 97% log-normal with a wide spread, 3% from a Pareto tail (slow queries, GC pauses) up to 30 s. */
const heavyTailed = {
    errorRate: 0.01,
    latency: (rng) => (rng.chance(0.03) ? Math.min(30_000, rng.pareto(400, 1.3)) : rng.lognormal(120, 0.6)),
};
const same = (n, canary) => ({ stable, canary, requestsPerSample: n });
const AA = 1000;
const REGRESSION = 300;
const SAMPLES_PER_STEP = simulation_DEFAULT_PLAN.samplesPerStep;
const SCENARIOS = [
    {
        name: 'A/A',
        description: 'canary and stable identical',
        expected: 'promote',
        goal: 0.01,
        runs: AA,
        old: '-',
        traffic: (n) => same(n, stable),
    },
    {
        name: 'noisy A/A',
        description: 'identical heavy-tailed latency and 1% errors, load swinging per interval for both',
        expected: 'promote',
        goal: 0.01,
        runs: AA,
        old: '-',
        traffic: (n) => ({ stable: heavyTailed, canary: heavyTailed, requestsPerSample: n, sharedLoadSigma: 0.25 }),
    },
    {
        name: 'latency +25% (at tolerance)',
        description: 'every canary request 25% slower',
        expected: 'promote',
        goal: 0.02,
        runs: REGRESSION,
        old: '7% aborted',
        traffic: (n) => same(n, slower(1.25)),
    },
    {
        name: 'errors at the allowance',
        description: 'canary 1.0% errors: stable 0.5% plus the 0.5-point floor',
        expected: 'promote',
        goal: 0.02,
        runs: REGRESSION,
        old: '-',
        traffic: (n) => same(n, scenarios_errors(0.01)),
    },
    {
        name: 'errors 4x',
        description: 'canary 2% errors against 0.5%',
        expected: 'abort',
        goal: 0.95,
        runs: REGRESSION,
        old: '10%',
        traffic: (n) => same(n, scenarios_errors(0.02)),
    },
    {
        name: 'errors 8x',
        description: 'canary 4% errors, under the 5% line',
        expected: 'abort',
        goal: 1,
        medianIntervals: 3,
        runs: REGRESSION,
        old: '91%',
        traffic: (n) => same(n, scenarios_errors(0.04)),
    },
    {
        name: 'latency +30%',
        description: 'every canary request 30% slower',
        expected: 'abort',
        goal: 0.9,
        runs: REGRESSION,
        old: '35%',
        traffic: (n) => same(n, slower(1.3)),
    },
    {
        name: 'latency +50%',
        description: 'every canary request 50% slower',
        expected: 'abort',
        goal: 1,
        medianIntervals: 2,
        runs: REGRESSION,
        old: '-',
        traffic: (n) => same(n, slower(1.5)),
    },
    {
        name: 'intermittent',
        description: '20% errors in one interval of each step of 6 (at a random place)',
        expected: 'abort',
        goal: 1,
        runs: REGRESSION,
        old: '17%',
        traffic: (n, rng) => {
            const bad = simulation_DEFAULT_PLAN.steps.map(() => Math.floor(rng.next() * SAMPLES_PER_STEP));
            return same(n, (interval) => (bad[Math.floor(interval / SAMPLES_PER_STEP)] === interval % SAMPLES_PER_STEP ? scenarios_errors(0.2) : stable));
        },
    },
    {
        name: 'tail only',
        description: 'the slowest 5% twice as slow (p95-p99 doubled, median same)',
        expected: 'abort',
        goal: 0.8,
        runs: REGRESSION,
        old: '0%',
        traffic: (n) => same(n, slowTail),
    },
    {
        name: 'fail, fail, pass',
        description: 'canary 10% errors (over the 5% line) in two intervals of three, healthy in the third',
        expected: 'abort',
        goal: 1,
        runs: REGRESSION,
        old: 'promoted',
        traffic: (n) => same(n, (interval) => (interval % 3 === 2 ? stable : scenarios_errors(0.1))),
    },
    {
        name: 'inconclusive, inconclusive, pass',
        description: 'no canary answers in two intervals of three, healthy in the third',
        expected: 'abort',
        goal: 1,
        runs: REGRESSION,
        old: 'promoted',
        traffic: (n) => same(n, (interval) => (interval % 3 === 2 ? stable : { ...stable, requests: 0 })),
    },
    {
        name: 'too little traffic',
        description: 'healthy, but 6 requests per interval (min-requests 10)',
        expected: 'abort',
        goal: 1,
        runs: REGRESSION,
        old: '-',
        traffic: () => same(6, stable),
    },
];
/** Runs one scenario once; the seed and the scenario's name fix every random draw. */
function runScenario(scenario, seed, requestsPerSample, plan = DEFAULT_PLAN) {
    const rng = createRng(seed, requestsPerSample, ...[...scenario.name].map((ch) => ch.charCodeAt(0)));
    const report = simulateCanary(scenario.traffic(requestsPerSample, rng), rng, plan);
    const aborted = report.outcome !== 'promoted';
    return {
        seed,
        aborted,
        inconclusive: aborted && report.abort?.cause !== 'fail',
        intervals: report.intervals,
        ...(report.failedMetric !== undefined ? { failedMetric: report.failedMetric } : {}),
    };
}
function powerRow(scenario, options) {
    const runs = options.runs ?? scenario.runs;
    const first = options.firstSeed ?? 1;
    let aborted = 0;
    const times = [];
    const failedMetrics = {};
    for (let seed = first; seed < first + runs; seed++) {
        const run = runScenario(scenario, seed, options.requestsPerSample, options.plan);
        if (run.aborted) {
            aborted += 1;
            times.push(run.intervals);
            const m = run.failedMetric ?? 'no samples';
            failedMetrics[m] = (failedMetrics[m] ?? 0) + 1;
        }
    }
    times.sort((a, b) => a - b);
    const rate = aborted / runs;
    const medianIntervals = times.length > 0 ? times[Math.floor((times.length - 1) / 2)] : null;
    const met = scenario.expected === 'promote'
        ? rate <= scenario.goal
        : rate >= scenario.goal &&
            (scenario.medianIntervals === undefined || (medianIntervals !== null && medianIntervals <= scenario.medianIntervals));
    const pct = (x) => `${Number((x * 100).toFixed(1))}%`;
    const goal = scenario.expected === 'promote'
        ? `<= ${pct(scenario.goal)} aborted`
        : `>= ${pct(scenario.goal)}${scenario.medianIntervals !== undefined ? `, median <= ${scenario.medianIntervals}` : ''}`;
    return {
        scenario: scenario.name,
        expected: scenario.expected,
        runs,
        aborted,
        rate,
        interval: wilson(aborted, runs),
        medianIntervals,
        goal,
        met,
        old: scenario.old,
        failedMetrics,
    };
}
function powerTable(options) {
    return SCENARIOS.filter((s) => !options.scenarios || options.scenarios.includes(s.name)).map((s) => powerRow(s, options));
}
/** Wilson score interval at 95%. */
function wilson(successes, n) {
    if (n === 0)
        return [0, 1];
    const z = 1.959963984540054;
    const p = successes / n;
    const denominator = 1 + (z * z) / n;
    const centre = (p + (z * z) / (2 * n)) / denominator;
    const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
    return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
function formatPowerTable(rows) {
    const pct = (x) => `${(x * 100).toFixed(1)}%`;
    const header = ['scenario', 'runs', 'aborted', '95% interval', 'median intervals', 'goal', 'met', 'old judge', 'aborted by'];
    const body = rows.map((r) => [
        r.scenario,
        String(r.runs),
        pct(r.rate),
        `${pct(r.interval[0])}-${pct(r.interval[1])}`,
        r.medianIntervals === null ? '-' : String(r.medianIntervals),
        r.goal,
        r.met ? 'yes' : 'NO',
        r.old,
        Object.entries(r.failedMetrics)
            .sort((a, b) => b[1] - a[1])
            .map(([m, n]) => `${m} ${n}`)
            .join(', ') || '-',
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
    const line = (cells) => cells
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd();
    return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

;// CONCATENATED MODULE: ./build/verify/index.js
/** The verification engine: signals, per-sample guardrails, the sequential comparison with stable, the judge. */












;// CONCATENATED MODULE: ./build/canary/plan.js
/**
 * The dry-run plan of a canary (pure): each step with its real traffic share and timing, the time
 * to promote, and how long an abort can take.
 */

function planCanary(o, t) {
    const at = o.pauseAfter;
    const steps = o.steps.map((weight, i) => {
        // After a pause, the resume run first judges the held weight again for one step.
        const slot = at !== undefined && i >= at ? i - at + 1 : i;
        return {
            step: i + 1,
            weight,
            realShare: t.share(weight),
            startsAtMs: slot * o.stepMs,
            endsAtMs: (slot + 1) * o.stepMs,
            samples: o.samplesPerStep,
            ...(at !== undefined && i >= at ? { afterPause: true } : {}),
        };
    });
    const running = (o.steps.length + (at !== undefined ? 1 : 0)) * o.stepMs;
    return {
        steps,
        timeToPromoteMs: running,
        abortIfBadFromStartMs: Math.min(o.failureLimit, o.samplesPerStep) * o.intervalMs,
        abortAfterFirstFailureMs: (o.failureLimit - 1) * o.intervalMs,
        worstCaseAbortMs: at !== undefined ? Math.max(at, o.steps.length - at + 1) * o.stepMs : running,
        ...(at !== undefined
            ? { pause: { afterStep: at, weight: o.steps[at - 1], beforeMs: at * o.stepMs, afterMs: (o.steps.length - at + 1) * o.stepMs } }
            : {}),
    };
}
/** A step's start or end as the plan shows it: from the start, or from the resume after a pause. */
const planTime = (ms, afterPause) => (afterPause ? `resume + ${(0,duration/* formatDuration */.a3)(ms)}` : (0,duration/* formatDuration */.a3)(ms));
/** The pause in words, for the log and the summary. */
function pauseLine(p) {
    const d = duration/* formatDuration */.a3;
    return (`pause after step ${p.afterStep} (${d(p.beforeMs)} in): the canary ` +
        `keeps ${p.weight}% of traffic and the run ends with result paused; ` +
        `a later run with resume: promote judges ${p.weight}% again and goes on ` +
        `(${d(p.afterMs)} more), resume: abort sends all traffic back to stable`);
}
/** The plan as lines for the log. */
function planLines(plan, o) {
    const d = duration/* formatDuration */.a3;
    const lines = plan.steps.map((s) => `step ${s.step}: weight ${s.weight}% -> ${s.realShare}; from ${planTime(s.startsAtMs, s.afterPause)} ` +
        `to ${planTime(s.endsAtMs, s.afterPause)}, ${s.samples} sample(s) every ${d(o.intervalMs)}`);
    if (plan.pause)
        lines.splice(plan.pause.afterStep, 0, pauseLine(plan.pause));
    return [
        ...lines,
        plan.pause
            ? `promoted ${d(plan.pause.afterMs)} after a resume: promote when every step passes ` +
                `(${d(plan.timeToPromoteMs)} of steps in all, plus the wait for the decision)`
            : `promoted after ${d(plan.timeToPromoteMs)} when every step passes`,
        `a canary failing from its first sample is aborted after ${d(plan.abortIfBadFromStartMs)}; one that goes bad ` +
            `later within ${d(plan.abortAfterFirstFailureMs)} of its first failing sample (${o.failureLimit} in a row)`,
        `worst case: aborted at the end of the last step of a run, ${d(plan.worstCaseAbortMs)} ` +
            `after that run's start; then all traffic goes back to stable`,
    ];
}

;// CONCATENATED MODULE: ./build/canary/dry-run.js
/** A canary's dry run: the plan, the times it gives, the records it would write; nothing changes. */






function driverPlanLines(driver, req, weights) {
    const start = driver.plan.canary?.(req) ?? driver.plan.deploy(req).map((l) => `start the canary: ${l}`);
    return [...start, ...(driver.plan.traffic?.(weights) ?? [])];
}
function dryRun(ctx, d) {
    const o = d.options;
    ctx.setOutput('result', 'dry-run');
    ctx.setOutput('weight', 0);
    ctx.setOutput('failed-metric', '');
    ctx.summary.verdict('info', d.plan.pause
        ? `Dry run: would move ${d.version} in ${d.env} through ${(0,plural/* plural */.L)(d.plan.pause.afterStep, 'step')} with the ${d.driverName} driver ` +
            `and pause at ${d.plan.pause.weight}% after ${(0,duration/* formatDuration */.a3)(d.plan.pause.beforeMs)} for a decision; nothing changed.`
        : `Dry run: would move ${d.version} in ${d.env} through ${(0,plural/* plural */.L)(o.steps.length, 'step')} with the ` +
            `${d.driverName} driver and promote it after ${(0,duration/* formatDuration */.a3)(d.plan.timeToPromoteMs)}; nothing changed.`);
    ctx.summary.facts([
        ['stable version', d.stableVersion ?? '(none recorded)'],
        [
            'time to promote',
            d.plan.pause
                ? `${(0,duration/* formatDuration */.a3)(d.plan.pause.beforeMs)} to the pause, then ${(0,duration/* formatDuration */.a3)(d.plan.pause.afterMs)} after resume: promote`
                : (0,duration/* formatDuration */.a3)(d.plan.timeToPromoteMs),
        ],
        ['pause', d.plan.pause ? pauseLine(d.plan.pause) : undefined],
        ['abort of a canary failing from the start', `after ${(0,duration/* formatDuration */.a3)(d.plan.abortIfBadFromStartMs)}`],
        ['abort after the first failing sample', `within ${(0,duration/* formatDuration */.a3)(d.plan.abortAfterFirstFailureMs)} (${o.failureLimit} in a row)`],
        ['worst-case time to abort', (0,duration/* formatDuration */.a3)(d.plan.worstCaseAbortMs)],
        ['evidence', evidenceSources(o)],
        ['records', d.where],
    ]);
    ctx.summary.table(['step', 'weight', 'real traffic share', 'from', 'to', 'samples'], d.plan.steps.map((p) => [
        p.step,
        `${p.weight}%`,
        p.realShare,
        planTime(p.startsAtMs, p.afterPause),
        planTime(p.endsAtMs, p.afterPause),
        p.samples,
    ]));
    const weights = o.steps.flatMap((w, i) => (i === o.pauseAfter ? ['pause', String(w)] : [String(w)])).join(', ');
    const trafficLines = [
        ...d.driverPlan,
        `weights in turn: ${weights}; then promote, or on an abort all traffic back to stable`,
        d.plan.pause
            ? `record a deployment of ${d.version} in ${d.env}: in_progress, at the pause in_progress ` +
                `"${pause/* PAUSE_MARKER */.aM}${d.plan.pause.weight}%...", then success or failure (none written now)`
            : `record a deployment of ${d.version} in ${d.env}: in_progress, then success or failure (none written now)`,
    ];
    ctx.summary.list(trafficLines);
    ctx.log.info('Plan (dry run, nothing changed):');
    for (const line of [...planLines(d.plan, o), ...trafficLines])
        ctx.log.info(`  ${line}`);
}
function evidenceSources(o, urls) {
    const parts = [];
    if (o.probe) {
        const canary = urls?.canary ?? o.probe.canaryUrl ?? "the canary's URL from the driver";
        const stable = urls?.stable ?? o.probe.stableUrl;
        parts.push(`built-in probe, ${o.probe.rps} requests/s to ${(0,redact/* redactUrls */.sK)(canary)}${stable ? ` and to stable ${(0,redact/* redactUrls */.sK)(stable)}` : ''}: ` +
            `error rate <= ${o.probe.maxErrorRate}, p95 <= ${o.probe.maxP95Ms} ms`);
    }
    if (o.prometheus) {
        parts.push(`Prometheus ${(0,redact/* redactUrls */.sK)(o.prometheus.url)}: ${o.prometheus.metrics.map((m) => `${m.name} ${formatThreshold(m)}`).join(', ')}`);
    }
    return parts.join('; ');
}

;// CONCATENATED MODULE: ./build/canary/options.js
/**
 * The canary's settings after the rules that involve more than one input, checked before anything
 * happens: where the evidence comes from, how many samples a step takes, the probe's limits.
 */




/** How long one probe request may take: twice the p95 limit, between 1 s and 30 s. */
const probeTimeout = (maxP95Ms) => Math.min(30_000, Math.max(1_000, 2 * maxP95Ms));
/** `driver`: what the chosen driver declares (a driver that reports URLs gives the probe its own). */
function resolveCanaryOptions(s, driver) {
    if (s.analysisInterval > s.stepDuration) {
        throw new errors/* UserError */.yo(`Input "analysis-interval" (${(0,duration/* formatDuration */.a3)(s.analysisInterval)}) ` +
            `is longer than "step-duration" (${(0,duration/* formatDuration */.a3)(s.stepDuration)}): ` +
            'a step would end before its first sample. Accepted: an interval no longer than the step.');
    }
    if (s.metrics && !s.prometheusUrl) {
        throw new errors/* UserError */.yo('Input "prometheus-url" is required with "metrics". Accepted: an absolute http or https URL (http://prometheus:9090).');
    }
    if (s.prometheusUrl && !s.metrics) {
        throw new errors/* UserError */.yo(`Input "metrics" is required with "prometheus-url". Accepted: a list of name, query and max or min.`);
    }
    const driverGivesUrls = driver.reportsUrls;
    if (s.stableUrl && !s.probeUrl && !driverGivesUrls) {
        throw new errors/* UserError */.yo('Input "probe-url" is required with "stable-url": the probe compares the canary with stable. Accepted: the canary\'s own URL.');
    }
    const probeOn = Boolean(s.probeUrl) || driverGivesUrls;
    if (!s.metrics && !probeOn) {
        throw new errors/* UserError */.yo(`The canary has no evidence to be judged on with the ${driver.name} ` +
            `driver: give "probe-url" (the canary's own URL, for the built-in probe; ` +
            'with "stable-url" for the baseline) and/or "metrics" with "prometheus-url". A canary is never promoted without evidence. ' +
            'Accepted: probe-url (an absolute http or https URL), or metrics (a list of name, query and max or min) with prometheus-url.');
    }
    // The probe sends probe-rps requests a second to each URL, so a sample holds about
    // probe-rps x analysis-interval of them; below min-requests every sample is inconclusive and the
    // canary could only fail, after moving traffic.
    const perSample = (s.probeRps * s.analysisInterval) / 1000;
    if (probeOn && perSample < s.minRequests) {
        throw new errors/* UserError */.yo(`Inputs "probe-rps" (${s.probeRps}), "analysis-interval" ` +
            `(${(0,duration/* formatDuration */.a3)(s.analysisInterval)}) and "min-requests" (${s.minRequests}): ` +
            `the probe sends about ${Number(perSample.toFixed(2))} request(s) per sample, ` +
            `fewer than the ${s.minRequests} a sample needs, so no sample could ever count. ` +
            `Accepted: probe-rps x analysis-interval (in seconds) of at least min-requests (probe-rps: ` +
            `${Math.ceil((s.minRequests * 1000) / s.analysisInterval)} with these, a longer analysis-interval, or a lower min-requests).`);
    }
    if (probeOn && s.metrics) {
        const clash = s.metrics.findIndex((m) => PROBE_METRICS.includes(m.name));
        if (clash >= 0) {
            throw new errors/* UserError */.yo(`Input "metrics" at [${clash}].name: "${s.metrics[clash].name}" is a name of the ` +
                `built-in probe's metrics (${PROBE_METRICS.join(', ')}). Accepted: another name.`);
        }
    }
    const samplesPerStep = Math.max(1, Math.floor(s.stepDuration / s.analysisInterval));
    const plan = stepPlan(s.steps);
    return {
        steps: plan.weights,
        ...(plan.pauseAfter !== undefined ? { pauseAfter: plan.pauseAfter } : {}),
        stepMs: s.stepDuration,
        intervalMs: s.analysisInterval,
        samplesPerStep,
        failureLimit: s.failureLimit,
        minRequests: s.minRequests,
        ...(s.metrics && s.prometheusUrl
            ? {
                prometheus: {
                    url: s.prometheusUrl,
                    token: s.prometheusToken,
                    metrics: s.metrics,
                    timeoutMs: Math.min(10_000, Math.max(1_000, s.analysisInterval)),
                },
            }
            : {}),
        ...(probeOn
            ? {
                probe: {
                    canaryUrl: s.probeUrl,
                    stableUrl: s.stableUrl,
                    fromDriver: driverGivesUrls,
                    rps: s.probeRps,
                    timeoutMs: probeTimeout(s.maxP95),
                    maxErrorRate: s.maxErrorRate,
                    maxP95Ms: s.maxP95,
                },
            }
            : {}),
        baseline: {
            tolerance: s.baselineTolerance,
            confidence: s.confidence,
            latencyFloorMs: s.latencyFloor,
            errorRateFloor: s.errorRateFloor,
            minRequests: s.minRequests,
        },
    };
}
/** The metric names every step must have evidence of. */
function judgedMetrics(o, hasStable) {
    const names = (o.prometheus?.metrics ?? []).map((m) => m.name);
    if (o.probe)
        names.push('error-rate', 'p95-latency');
    if (o.probe && hasStable)
        names.push('baseline-latency', 'baseline-error-rate');
    return names;
}

// EXTERNAL MODULE: ./build/records/checks.js
var checks = __webpack_require__(260);
;// CONCATENATED MODULE: ./build/canary/resume.js
/**
 * What a run that resumes a paused canary needs from the paused canary's deployment record: its
 * version, steps and held weight (the record holds them, so the run that paused it is not needed),
 * checked against this run's inputs before anything changes.
 */




/** Reads a paused record (pure); refuses one whose version or driver differ from this run's. */
function readPaused(record, expect) {
    const p = record.payload;
    const what = `the canary paused in ${expect.environment} (${(0,checks/* describeRecord */.TV)(record)})`;
    if (expect.version && expect.version !== p.version) {
        throw new errors/* UserError */.yo(`Input "version" is ${expect.version}, but ${what} is ${p.version}: ` +
            `nothing was changed. Accepted: its version, or no "version" input.`);
    }
    if (typeof p.driver === 'string' && p.driver !== expect.driver) {
        throw new errors/* UserError */.yo(`${what} runs on the ${p.driver} driver, and this run's settings give the ${expect.driver} driver: ` +
            `nothing was changed. Accepted: the driver settings the canary started with (driver: ${p.driver}).`);
    }
    const parsed = typeof p.steps === 'string' ? checkSteps(p.steps.split(',')) : undefined;
    if (!parsed?.ok || !parsed.steps.includes('pause')) {
        throw new errors/* UserError */.yo(`${what} does not say which steps follow the pause (its payload has ` +
            `no valid "steps"): nothing was changed. Abort it with resume: abort.`);
    }
    const weights = parsed.steps.filter((s) => s !== 'pause');
    const held = (0,pause/* pausedWeight */.N1)(record) ?? parsed.steps[parsed.steps.indexOf('pause') - 1];
    if (!weights.includes(held))
        throw new errors/* UserError */.yo(`${what} holds ${held}%, which is not one of its steps: nothing was changed. Abort it with resume: abort.`);
    return {
        record,
        version: p.version,
        ...(p.artifact ? { artifact: p.artifact } : {}),
        ...(typeof p.stableVersion === 'string' ? { stableVersion: p.stableVersion } : {}),
        steps: parsed.steps,
        weight: held,
    };
}
/** Where the loop of a resumed canary starts: the held weight judged again, then the rest. */
function resumedWeights(steps) {
    const at = steps.indexOf('pause');
    return steps.slice(at - 1).filter((s) => s !== 'pause');
}
/**
 * The URLs a driver reports when a canary starts, read again for a canary started by an earlier
 * run, from a driver that can find it again (it refuses a canary that no longer runs); the other
 * drivers report none (the probe then needs `probe-url`).
 */
async function resumedDetails(driver, environment) {
    return driver.status ? driver.status.reattach(environment) : {};
}
/** How to decide on a paused canary, for the summary and the log. */
function decisionHelp(environment) {
    return {
        lines: [
            'Promote or abort it from the Actions tab: run the approval workflow (the one that calls ' +
                'shipline/.github/workflows/approve.yml; shipline-approve.yml in the docs) with "Run workflow", environment ' +
                `${environment} and decision promote or abort. Starting a workflow needs write access to the repository.`,
            'Or run any job with the canary action, this environment and resume: promote or resume: abort (with the same driver settings).',
            'Until then the canary keeps its share of traffic, and deploys and canaries to this environment are refused.',
        ],
        commands: [
            `gh workflow run shipline-approve.yml -f environment=${environment} -f decision=promote`,
            `gh workflow run shipline-approve.yml -f environment=${environment} -f decision=abort`,
        ].join('\n'),
    };
}

// EXTERNAL MODULE: ./build/core/links.js
var links = __webpack_require__(3163);
// EXTERNAL MODULE: ./build/core/paths.js
var paths = __webpack_require__(6182);
// EXTERNAL MODULE: ./build/records/meaning.js
var meaning = __webpack_require__(2062);
// EXTERNAL MODULE: ./build/records/stale.js
var stale = __webpack_require__(9288);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_namespaceObject = /*#__PURE__*/__webpack_require__.t(external_node_http_, 2);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
var external_node_https_namespaceObject = /*#__PURE__*/__webpack_require__.t(external_node_https_, 2);
;// CONCATENATED MODULE: ./build/verify/sources/probe.js
/**
 * The built-in probe: sends its own requests to the canary (and to stable, for the baseline) at a
 * steady rate and keeps what it saw since the last look, so each analysis interval is judged on
 * fresh requests. An answer of 5xx, no answer, or no answer in time is an error; every request's
 * latency counts, a timed-out one at the timeout.
 */



const isProbeError = (status) => status === null || status >= 500;
/** Starts sending to one URL at once. `send` is a seam for tests; the default is a real HTTP GET. */
function startProbeStream(target, sender) {
    const maxInFlight = target.maxInFlight ?? defaultInFlight(target);
    const client = sender ?? httpSender(target.url, maxInFlight);
    const intervalMs = 1000 / target.rps;
    let window = emptyWindow();
    let inFlight = 0;
    let stopped = false;
    let sent = 0;
    const started = performance.now();
    let timer;
    const tick = () => {
        if (stopped)
            return;
        if (inFlight < maxInFlight) {
            inFlight += 1;
            const into = () => window; // the window open when the answer arrives
            const seq = sent;
            void client.send(target.timeoutMs).then(({ status, latencyMs }) => {
                inFlight -= 1;
                if (stopped)
                    return;
                const w = into();
                const error = isProbeError(status);
                w.requests += 1;
                w.latencies.push(latencyMs);
                w.records.push({ latencyMs, error, seq });
                if (error)
                    w.errors += 1;
                const key = status === null ? 'failed' : String(status);
                w.statuses[key] = (w.statuses[key] ?? 0) + 1;
            });
        }
        sent += 1;
        // Drift-free schedule: the n-th tick is due n intervals after the start.
        timer = setTimeout(tick, Math.max(0, started + sent * intervalMs - performance.now()));
    };
    tick();
    return {
        take() {
            const out = window;
            window = emptyWindow();
            // In the order the requests were sent, so the i-th of each version were sent together.
            out.records.sort((a, b) => a.seq - b.seq);
            return out;
        },
        stop() {
            stopped = true;
            if (timer)
                clearTimeout(timer);
            client.close();
        },
    };
}
function emptyWindow() {
    return { records: [], latencies: [], requests: 0, errors: 0, statuses: {} };
}
function defaultInFlight(target) {
    return Math.min(256, Math.max(4, Math.ceil((target.rps * target.timeoutMs) / 1000)));
}
/** GET `url` with a keep-alive agent; URL credentials go as basic auth. Never throws. */
function httpSender(rawUrl, maxSockets) {
    const { url, authorization } = (0,redact/* splitUrlCredentials */.CN)(rawUrl);
    const target = new URL(url);
    const lib = target.protocol === 'https:' ? external_node_https_namespaceObject : external_node_http_namespaceObject;
    const agent = new lib.Agent({ keepAlive: true, maxSockets });
    const headers = { 'user-agent': 'shipline-canary-probe', ...(authorization ? { authorization } : {}) };
    const send = (timeoutMs) => new Promise((resolve) => {
        const began = performance.now();
        let done = false;
        let timedOut = false;
        const finish = (status) => {
            if (done)
                return;
            done = true;
            clearTimeout(timer);
            resolve({ status, latencyMs: timedOut ? timeoutMs : performance.now() - began });
        };
        const req = lib.get(target, { agent, headers }, (res) => {
            res.resume();
            res.on('end', () => finish(res.statusCode ?? null));
            res.on('error', () => finish(null));
        });
        const timer = setTimeout(() => {
            timedOut = true;
            req.destroy(new Error('timeout'));
            finish(null);
        }, timeoutMs);
        req.on('error', () => finish(null));
    });
    return { send, close: () => agent.destroy() };
}

;// CONCATENATED MODULE: ./build/canary/loop.js
class CancelledError extends Error {
    name = 'CancelledError';
}
/** Runs every step; resolves to 'promote' only when every step passed. Throws CancelledError on the signal. */
async function runCanaryLoop(deps) {
    const { plan, judge, clock, signal, events } = deps;
    const checkSignal = () => {
        if (signal?.aborted)
            throw new CancelledError(String(signal.reason?.message ?? 'cancelled'));
    };
    for (const [index, weight] of plan.steps.entries()) {
        checkSignal();
        const state = await deps.setWeight(weight);
        events?.onWeight?.(index + 1, state);
        judge.startStep(weight);
        const stepStart = clock.now();
        for (let k = 1; k <= plan.samplesPerStep; k++) {
            const wait = stepStart + k * plan.intervalMs - clock.now();
            try {
                if (wait > 0)
                    await clock.sleep(wait, signal);
            }
            catch (err) {
                checkSignal();
                throw err;
            }
            checkSignal();
            const records = (await deps.sample()).map((e) => judge.push(e));
            events?.onSample?.(records);
            if (judge.abort)
                break;
        }
        const result = judge.endStep();
        events?.onStep?.(result);
        if (!result.passed)
            return 'abort';
    }
    return 'promote';
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./build/canary/report.js
/** The JSON report of a canary: the verdict and all of its evidence, for later steps and people. */


function buildReport(r) {
    const o = r.options;
    return {
        result: r.result,
        environment: r.environment,
        version: r.version,
        ...(r.stableVersion ? { stableVersion: r.stableVersion } : {}),
        driver: r.driver,
        weight: r.weight,
        ...(r.judged.failedMetric !== undefined && r.result === 'aborted' ? { failedMetric: r.judged.failedMetric } : {}),
        ...(r.judged.abort && r.result === 'aborted' ? { abortedAt: { step: r.judged.abort.step, weight: r.judged.abort.weight } } : {}),
        reason: r.reason,
        startedAt: new Date(r.startedAt).toISOString(),
        finishedAt: new Date(r.finishedAt).toISOString(),
        settings: {
            steps: o.steps,
            ...(o.pauseAfter !== undefined ? { pauseAfter: o.pauseAfter } : {}),
            stepDurationMs: o.stepMs,
            analysisIntervalMs: o.intervalMs,
            samplesPerStep: o.samplesPerStep,
            failureLimit: o.failureLimit,
            minRequests: o.minRequests,
            metrics: r.metrics,
        },
        traffic: [...r.traffic],
        steps: r.judged.steps,
        samples: r.judged.samples,
        ...(r.record ? { record: r.record } : {}),
        ...(r.resume ? { resume: r.resume } : {}),
    };
}
function writeReport(path, report) {
    (0,external_node_fs_.mkdirSync)((0,external_node_path_.dirname)(path), { recursive: true });
    (0,external_node_fs_.writeFileSync)(path, `${JSON.stringify(report, null, 2)}\n`);
}

;// CONCATENATED MODULE: ./build/canary/sampler.js
/**
 * One sample of every metric at the end of an analysis interval: the Prometheus queries (at once)
 * and the built-in probe's window. Anything that gives no number (no data, Prometheus down, too
 * few requests) is an inconclusive sample, never a pass.
 */




function createSampler(deps) {
    const { options, vars } = deps;
    // Everything since the start: the comparison with stable accumulates its evidence across looks.
    const comparison = compare_createComparison(options.baseline);
    return async () => {
        const windows = deps.probe ? { canary: deps.probe.canary.take(), stable: deps.probe.stable?.take() } : undefined;
        const prometheus = options.prometheus;
        const results = prometheus
            ? await Promise.all(prometheus.metrics.map((metric) => queryMetric(metric, prometheus, vars, deps.fetch)))
            : [];
        const at = deps.now();
        const evaluations = results.map((r) => ({ ...r, at }));
        if (windows && deps.probe && options.probe) {
            const { canary, stable } = windows;
            const probe = options.probe;
            const where = `probe GET ${(0,redact/* redactUrls */.sK)(deps.probe.canaryUrl)}`;
            const requests = canary.requests;
            evaluations.push(evaluateSample({
                metric: 'error-rate',
                value: requests > 0 ? canary.errors / requests : null,
                threshold: { max: probe.maxErrorRate },
                requests,
                at,
                query: `${where}: 5xx or no answer / requests`,
            }, { minRequests: options.minRequests }), evaluateSample({
                metric: 'p95-latency',
                value: requests > 0 ? stats_percentile(canary.latencies, 95) : null,
                threshold: { max: probe.maxP95Ms },
                requests,
                at,
                query: `${where}: 95th percentile latency, ms`,
            }, { minRequests: options.minRequests }));
            if (stable && deps.probe.stableUrl) {
                const look = comparison.look(canary.records, stable.records, at);
                const against = `${where} vs stable GET ${(0,redact/* redactUrls */.sK)(deps.probe.stableUrl)}, every request since the start`;
                evaluations.push({ ...look.latency, query: `${against}: sequential tests at stable's p50, p95 and p99` }, { ...look.errorRate, query: `${against}: sequential test of the error-rate excess` });
            }
        }
        return evaluations;
    };
}
async function queryMetric(metric, prometheus, vars, fetch) {
    const threshold = { ...(metric.max !== undefined ? { max: metric.max } : {}), ...(metric.min !== undefined ? { min: metric.min } : {}) };
    try {
        const sample = await (0,sources_prometheus/* queryPrometheus */.$k)({
            url: prometheus.url,
            query: metric.query,
            vars,
            timeoutMs: prometheus.timeoutMs,
            ...(prometheus.token ? { auth: { bearer: prometheus.token } } : {}),
            ...(fetch ? { fetch } : {}),
        });
        if (sample.value === null) {
            return {
                metric: metric.name,
                value: null,
                threshold,
                query: sample.query,
                verdict: 'inconclusive',
                reason: sample.reason ?? 'no data',
            };
        }
        const { at: _at, ...judged } = evaluateSample({ metric: metric.name, value: sample.value, threshold, at: 0, query: sample.query });
        return judged;
    }
    catch (err) {
        // Prometheus down, refusing, or answering nonsense: no evidence, so not a pass.
        return {
            metric: metric.name,
            value: null,
            threshold,
            query: metric.query,
            verdict: 'inconclusive',
            reason: (0,redact/* redactUrls */.sK)((0,errors/* errorMessage */.gJ)(err)),
        };
    }
}

// EXTERNAL MODULE: ./build/core/summary.js
var core_summary = __webpack_require__(7166);
;// CONCATENATED MODULE: ./build/canary/chart.js
/** A chart of 700 px draws this many looks as they are; beyond, each point is the worst of its group. */
const MAX_POINTS = 120;
/** The metric the chart shows as error rate: the probe's, else the first with "error" in its name. */
function errorMetricOf(samples) {
    const names = [...new Set(samples.map((s) => s.metric))];
    return names.find((n) => n === 'error-rate') ?? names.find((n) => /error/i.test(n) && !n.startsWith('baseline-'));
}
/** One point per sample time, then the final weight (after promote or restore). */
function chartPoints(samples, changes, startedAt) {
    const errorMetric = errorMetricOf(samples);
    const byTime = new Map();
    for (const s of samples) {
        const point = byTime.get(s.at) ?? { seconds: (s.at - startedAt) / 1000, weight: s.weight, errorPct: null };
        if (s.metric === errorMetric && s.value !== null)
            point.errorPct = toPercent(s.value, s.threshold?.max);
        byTime.set(s.at, point);
    }
    const points = downsample([...byTime.values()]);
    const last = changes[changes.length - 1];
    if (last && (last.what === 'promote' || last.what === 'restore')) {
        points.push({
            seconds: Math.max((last.at - startedAt) / 1000, points[points.length - 1]?.seconds ?? 0),
            weight: last.weight,
            errorPct: null,
        });
    }
    return { points, ...(errorMetric ? { errorMetric } : {}) };
}
/** A fraction (threshold at most 1, or values at most 1) is shown in percent. */
function toPercent(value, max) {
    const fraction = max !== undefined ? max <= 1 : value <= 1;
    return fraction ? value * 100 : value;
}
/**
 * At most MAX_POINTS points: consecutive looks in groups, each group drawn as its worst look (a
 * single bad look among hundreds still shows), at the time of the group's last look.
 */
function downsample(points) {
    if (points.length <= MAX_POINTS)
        return points;
    const every = Math.ceil(points.length / MAX_POINTS);
    const kept = [];
    for (let i = 0; i < points.length; i += every) {
        const group = points.slice(i, i + every);
        const worst = group.reduce((w, p) => (p.errorPct === null ? w : w === null ? p.errorPct : Math.max(w, p.errorPct)), null);
        kept.push({ ...group[group.length - 1], errorPct: worst });
    }
    return kept;
}
const num = (n) => String(Number(n.toFixed(n >= 10 ? 1 : 2)));
/** m:ss, for the chart's title. */
function clock(seconds) {
    const whole = Math.round(seconds);
    return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
/**
 * Line colours that read on GitHub's light and dark backgrounds (Mermaid's default palette starts
 * with a lavender that is all but invisible on white): the error rate in red, its limit in grey.
 */
const CHART_COLORS = { errorRate: '#e5534b', limit: '#768390' };
/**
 * The ```mermaid block: the error rate in percent on its own scale (from 0 to a little above the
 * larger of the limit and the worst sample, so 0.5% is not flattened against 100%), the limit as a
 * second line, and a time axis in minutes from the first look to the last (a numeric range: Mermaid
 * spreads the values evenly over it and labels it with a few round numbers, readable at any number
 * of looks). The weight is in the steps table. A sample without data is drawn at 0 (the looks say
 * "no data").
 */
function mermaidChart(points, options = {}) {
    const samples = points.filter((p, i) => i < points.length - 1 || p.errorPct !== null || points.length === 1);
    if (samples.length === 0 || samples.every((p) => p.errorPct === null))
        return '';
    const end = points[points.length - 1].seconds;
    const worst = Math.max(options.limitPct ?? 0, ...samples.map((p) => p.errorPct ?? 0));
    const top = worst <= 0 ? 1 : Math.ceil(worst * 1.2 * 10) / 10;
    const first = samples.length > 1 ? samples[0].seconds / 60 : 0;
    const last = Math.max(samples[samples.length - 1].seconds / 60, first + 0.01);
    const outcome = options.outcome ? `, ${options.outcome} at ${clock(end)}` : '';
    const limit = options.limitPct !== undefined ? ` and its limit ${num(options.limitPct)}%` : '';
    const lines = [
        '```mermaid',
        '---',
        'config:',
        '  themeVariables:',
        '    xyChart:',
        `      plotColorPalette: "${CHART_COLORS.errorRate}, ${CHART_COLORS.limit}"`,
        '---',
        'xychart-beta',
        `  title "Canary error rate, percent${limit}${outcome}"`,
        `  x-axis "minutes since start" ${minutes(first)} --> ${minutes(last)}`,
        `  y-axis "error rate, %" 0 --> ${num(top)}`,
        `  line [${samples.map((p) => num(p.errorPct ?? 0)).join(', ')}]`,
    ];
    if (options.limitPct !== undefined)
        lines.push(`  line [${samples.map(() => num(options.limitPct)).join(', ')}]`);
    lines.push('```');
    return lines.join('\n');
}
const minutes = (m) => String(Number(m.toFixed(2)));

;// CONCATENATED MODULE: ./build/canary/summary.js
/**
 * The canary's job summary: the verdict first in plain words, then the steps, a chart of weight
 * and error rate, and one row per look with a mark per metric and the running statistic of the
 * comparison with stable. Every sample with its query and reason is in the JSON report. Text from
 * outside (queries, reasons, metric names) is escaped by the Summary; only the chart, built from
 * numbers, is raw.
 */




/** Rows beyond this go into a folded section. */
const OPEN_ROWS = 40;
function verdictLine(r) {
    if (r.result === 'paused') {
        return (`Paused ${r.version} in ${r.environment} at ${r.weight}%: ${(0,plural/* plural */.L)(r.steps.length, 'step')} ` +
            `passed; it keeps ${r.weight}% of traffic until a run with resume: promote or resume: abort`);
    }
    if (r.resume?.decision === 'abort') {
        const back = r.stableVersion ? `stable ${r.stableVersion}` : 'stable';
        return (`Aborted ${r.version} in ${r.environment}${r.resume.actor ? ` by ${r.resume.actor}` : ''}: ` +
            `${r.reason}; all traffic back to ${back}`);
    }
    if (r.result === 'promoted') {
        const intervals = new Set(r.samples.map((s) => s.at)).size;
        return (`Promoted ${r.version} in ${r.environment}: ${(0,plural/* plural */.L)(r.steps.length, 'step')} passed on ` +
            `${(0,plural/* plural */.L)(intervals, 'sample')} of ${(0,plural/* plural */.L)(r.settings.metrics.length, 'metric')}; it now takes all traffic`);
    }
    const where = r.abortedAt ? ` at step ${r.abortedAt.step} (${r.abortedAt.weight}%)` : '';
    const back = r.stableVersion ? `stable ${r.stableVersion}` : 'stable';
    const exposed = (Date.parse(r.finishedAt) - Date.parse(r.startedAt)) / 1000;
    return (`Aborted ${r.version} in ${r.environment}${where}${r.failedMetric ? ` on ${r.failedMetric}` : ''}: ` +
        `${r.reason}; exposed ${sample_formatNumber(exposed)} s, all traffic back to ${back}`);
}
const MARK = { pass: '✅', fail: '❌', inconclusive: '⚪' };
/** One look's cell of a metric: its mark, value and, for the comparison with stable, the running e-value and its limit. */
function lookCell(s) {
    if (!s)
        return '';
    const value = s.value === null ? 'no data' : sample_formatNumber(s.value);
    const statistic = s.statistic !== undefined && s.statisticLimit !== undefined ? ` e=${summary_formatE(s.statistic)}/${summary_formatE(s.statisticLimit)}` : '';
    return `${MARK[s.verdict]} ${value}${statistic}`;
}
function summary_formatE(e) {
    return e < 1000 ? sample_formatNumber(e) : e.toExponential(1);
}
/** One row per look (analysis interval): when, at which weight, each metric's mark. */
function lookRows(samples, metrics, startedAt) {
    const byTime = new Map();
    for (const s of samples)
        byTime.set(s.at, (byTime.get(s.at) ?? new Map()).set(s.metric, s));
    return [...byTime.entries()].map(([at, row], i) => {
        const first = row.values().next().value;
        return [i + 1, `+${sample_formatNumber((at - startedAt) / 1000)}s`, `${first.weight}%`, ...metrics.map((m) => lookCell(row.get(m)))];
    });
}
function writeCanarySummary(summary, r, facts) {
    const startedAt = Date.parse(r.startedAt);
    const kind = r.result === 'promoted' ? 'pass' : r.result === 'paused' || r.resume?.decision === 'abort' ? 'info' : 'fail';
    summary.verdict(kind, verdictLine(r));
    summary.facts([
        ['result', r.result],
        ['canary weight now', `${r.weight}%`],
        ['failed metric', r.failedMetric],
        ['stable version', r.stableVersion],
        ['driver', r.driver],
        ['steps', r.settings.steps.flatMap((w, i) => (i === r.settings.pauseAfter ? ['pause', `${w}%`] : [`${w}%`])).join(', ')],
        ['decision', r.resume ? `${r.resume.decision}${r.resume.actor ? ` by ${r.resume.actor}` : ''}` : undefined],
        ['paused by', r.resume?.pausedBy],
        ['took', `${sample_formatNumber((Date.parse(r.finishedAt) - startedAt) / 1000)} s`],
        ...facts,
    ]);
    // A sample is one analysis interval: every metric measured at the same time.
    const perStep = new Map();
    for (const s of r.samples)
        perStep.set(s.step, (perStep.get(s.step) ?? new Set()).add(s.at));
    if (r.steps.length > 0) {
        summary.heading('Steps', 3);
        summary.table(['step', 'weight', 'samples', 'verdict', 'reason'], r.steps.map((s) => [s.step, `${s.weight}%`, perStep.get(s.step)?.size ?? 0, s.passed ? 'pass' : 'fail', s.reason]));
    }
    const { points, errorMetric } = chartPoints(r.samples, r.traffic, startedAt);
    const limit = errorMetric ? r.samples.find((s) => s.metric === errorMetric)?.threshold?.max : undefined;
    const chart = mermaidChart(points, { ...(limit !== undefined ? { limitPct: limit <= 1 ? limit * 100 : limit } : {}), outcome: r.result });
    if (chart) {
        summary.heading('Error rate over time', 3);
        summary.raw(chart);
        summary.text(`${errorMetric} of each look in percent, and its limit; the canary's weight at each step is in the steps table.`);
    }
    const metrics = r.settings.metrics.length > 0 ? r.settings.metrics : [...new Set(r.samples.map((s) => s.metric))];
    summary.heading('Looks', 3);
    const rows = lookRows(r.samples, metrics, startedAt);
    if (rows.length === 0) {
        summary.text('No sample was taken.');
        return;
    }
    const header = ['look', 'time', 'weight', ...metrics];
    if (rows.length <= OPEN_ROWS)
        summary.table(header, rows);
    else
        summary.details(`${rows.length} looks`, new core_summary/* Summary */.BD().table(header, rows));
    summary.text('✅ pass, ❌ fail, ⚪ no evidence (no data or too few requests). ' +
        'For the comparison with stable, e is its running e-value on everything since the start and the value at which the canary aborts; ' +
        'every sample, with its query and reason, is in the JSON report.');
    const queries = new Map();
    for (const s of r.samples)
        if (s.query && !queries.has(s.metric))
            queries.set(s.metric, s.query);
    if (queries.size > 0)
        summary.details('What each metric measures', new core_summary/* Summary */.BD().table(['metric', 'query', 'threshold'], [...queries].map(([m, q]) => [m, q, formatThreshold(r.samples.find((s) => s.metric === m)?.threshold)])));
}

// EXTERNAL MODULE: ./build/core/clock.js
var core_clock = __webpack_require__(4300);
;// CONCATENATED MODULE: ./build/canary/traffic.js
/**
 * Every traffic change of a canary goes through here, one at a time, so restoring stable (on an
 * abort, an error or the runner's cancel signal) never races a weight change still under way:
 * it waits for that change, then sends all traffic back to stable. Once restore is asked for, no
 * further weight change is made.
 */


class TrafficClosedError extends Error {
    name = 'TrafficClosedError';
}
/** Refuses a driver that cannot run a canary, before anything happens. */
function canaryDriver(driver) {
    if (!driver.traffic)
        throw new errors/* UserError */.yo(`Input "driver": the ${driver.name} driver cannot run a canary (it has no traffic ` +
            `control). Accepted: a driver with traffic weights (local, command, haproxy, kubernetes).`);
    return driver;
}
function createTraffic(driver, now = () => core_clock/* systemClock */.m.now()) {
    let chain = Promise.resolve();
    let weight = 0;
    let closed = false;
    let restored;
    const changes = [];
    const serial = (fn) => {
        const next = chain.then(fn);
        chain = next.catch(() => undefined);
        return next;
    };
    const open = (fn) => serial(() => {
        if (closed)
            throw new TrafficClosedError('traffic is being restored to stable; no further change is made');
        return fn();
    });
    return {
        start: (req) => open(async () => {
            const outcome = await driver.startCanary(req);
            changes.push({ at: now(), weight: 0, what: 'start' });
            return outcome;
        }),
        setWeight: (w) => open(async () => {
            const state = await driver.setWeight(w);
            weight = state.weight;
            changes.push({
                at: now(),
                weight: state.weight,
                what: 'set-weight',
                ...(state.effectiveWeight !== undefined ? { effectiveWeight: state.effectiveWeight } : {}),
                ...(state.note ? { note: state.note } : {}),
            });
            return state;
        }),
        promote: () => open(async () => {
            await driver.promote();
            weight = 100;
            closed = true;
            changes.push({ at: now(), weight: 100, what: 'promote' });
        }),
        restore() {
            closed = true;
            restored ??= serial(async () => {
                try {
                    await driver.abort();
                }
                catch (err) {
                    // Second way back: weight 0 through the same driver; report the first failure if both fail.
                    try {
                        await driver.setWeight(0);
                    }
                    catch {
                        throw new errors/* UserError */.yo(`Could not send traffic back to stable: ${(0,errors/* errorMessage */.gJ)(err)}`);
                    }
                }
                weight = 0;
                changes.push({ at: now(), weight: 0, what: 'restore' });
            }).catch((err) => {
                restored = undefined; // a later call tries again
                throw err;
            });
            return restored;
        },
        get weight() {
            return weight;
        },
        get restoring() {
            return closed && restored !== undefined;
        },
        changes,
    };
}

;// CONCATENATED MODULE: ./build/canary/roll-out.js
/**
 * A canary's run, once it may start: its record opened (or a paused one taken up), traffic moved
 * step by step and judged, then one wrap-up whatever the ending (promoted, paused, aborted,
 * cancelled, failed): stable restored unless promoted, the record, the report, the outputs, the summary.
 */



















async function runCanary(ctx, c) {
    const { env, version, resume } = c;
    const clock = ctx.runtime.clock;
    const traffic = createTraffic(c.driver.traffic, () => clock.now());
    const startedAt = clock.now();
    const live = { traffic, startedAt, record: await openRecord(ctx, c), metrics: [], urls: {} };
    let concluded;
    /** Restores stable unless promoted, records the outcome, writes the report, summary and outputs. Once. */
    const conclude = (result, reason, judged) => (concluded ??= wrapUp(ctx, c, live, result, reason, judged));
    const unregister = ctx.onAbort(async () => {
        const why = ctx.signal.aborted ? 'cancelled by the runner' : 'shipline failed unexpectedly';
        await conclude('aborted', why);
    });
    let outcome;
    try {
        if (resume?.decision === 'abort') {
            unregister();
            await conclude('aborted', `aborted by ${resume.actor ?? 'a later run'} at ${resume.paused.weight}%`);
            return;
        }
        outcome = await stepThrough(ctx, c, live, conclude);
    }
    catch (err) {
        if (err instanceof CancelledError || ctx.signal.aborted) {
            // The runner's cancel signal: its handler restores stable through the cleanup and exits.
            await new Promise(() => { });
        }
        unregister();
        stopProbe(live);
        await conclude('aborted', `stopped by an error: ${(0,redact/* redactUrls */.sK)((0,errors/* errorMessage */.gJ)(err))}`).catch((restoreErr) => {
            ctx.log.warning(`Restoring stable after the error failed too: ${(0,errors/* errorMessage */.gJ)(restoreErr)}`);
        });
        throw err;
    }
    unregister();
    if (outcome.result === 'aborted') {
        throw new errors/* UserError */.yo(`Canary ${version} in ${env} aborted: ${outcome.reason}. All traffic ` +
            `is back on stable${c.stableVersion ? ` ${c.stableVersion}` : ''}.`);
    }
}
/** The record this run reports on: the paused canary's, or a new one (of two runs that started together, the earliest goes on). */
async function openRecord(ctx, c) {
    const { driver, store, env, version, resume } = c;
    if (resume) {
        const record = resume.paused.record;
        // The pause marker goes at once, so no second decision finds this canary paused.
        await store.setStatus(record.id, 'in_progress', {
            description: `canary of ${version}: ${resume.decision} by ${resume.actor ?? 'a later run'}`,
            logUrl: ctx.runner.runUrl,
        });
        return record;
    }
    const payload = {
        version,
        artifact: c.artifact,
        channel: c.channel,
        by: 'canary',
        ...(0,stale/* origin */.TG)(ctx.runner),
        // What a later run needs to resume a pause without this one.
        steps: formatSteps(c.stepItems),
        ...(c.stableVersion ? { stableVersion: c.stableVersion } : {}),
        driver: driver.name,
    };
    await (0,stale/* markStale */.ZU)(store, c.stale ?? [], { log: ctx.log, runUrl: ctx.runner.runUrl });
    const record = await store.create({
        environment: env,
        sha: c.sha,
        ref: c.ref,
        payload,
        description: `shipline canary ${version}`,
        productionEnvironment: /^prod/i.test(env),
    });
    await store.setStatus(record.id, 'in_progress', { description: `canary of ${version}`, logUrl: ctx.runner.runUrl });
    // Two runs that checked at the same moment both wrote a record: the earliest one goes on.
    const first = c.staleOpts ? (await (0,stale/* earlierRunning */.QE)(store, env, record, c.staleOpts))[0] : undefined;
    if (first) {
        ctx.setOutput('result', 'aborted');
        ctx.setOutput('weight', 0);
        ctx.setOutput('failed-metric', '');
        try {
            await store.setStatus(record.id, 'error', {
                description: `refused: deployment ${first.id} in ${env} started first`,
                logUrl: ctx.runner.runUrl,
            });
        }
        catch (err) {
            ctx.log.warning(`Deployment ${record.id} could not be marked refused: ${(0,errors/* errorMessage */.gJ)(err)}`);
        }
        throw new errors/* UserError */.yo(`Another deploy or canary in ${env} started at the same time and first: ` +
            `${(0,stale/* describeRunning */.Rh)(first)}. No traffic was moved; deployment ${record.id} is marked error.`);
    }
    return record;
}
function stopProbe(live) {
    live.streams?.canary.stop();
    live.streams?.stable?.stop();
}
/** Starts the canary (or takes up the paused one), then moves and judges its traffic step by step to an ending. */
async function stepThrough(ctx, c, live, conclude) {
    const { options: o, driver, env, version, resume } = c;
    const traffic = live.traffic;
    // A pause ends this run after the steps before it; a resume judges the held weight again, then the rest.
    const pausing = !resume && o.pauseAfter !== undefined;
    const loopSteps = resume ? resumedWeights(resume.paused.steps) : pausing ? o.steps.slice(0, o.pauseAfter) : o.steps;
    const started = resume
        ? { details: await resumedDetails(driver, env) }
        : await ctx.log.group(`Starting canary ${version} beside ${c.stableVersion ?? 'stable'} (${driver.name} driver)`, () => traffic.start({
            environment: env,
            version,
            artifact: c.artifact,
            previousVersion: c.stableVersion,
            stableVersion: c.stableVersion,
            timeoutMs: ctx.settings.timeout,
        }));
    if (o.probe) {
        const fromDriver = (key) => o.probe.fromDriver && typeof started.details[key] === 'string' ? String(started.details[key]) : undefined;
        live.urls = { canary: o.probe.canaryUrl ?? fromDriver('canary-url'), stable: o.probe.stableUrl ?? fromDriver('stable-url') };
        if (!live.urls.canary)
            throw new errors/* UserError */.yo(`Input "probe-url" is required: the ${driver.name} driver did not report the ` +
                `canary's own URL. Accepted: an absolute http or https URL of the canary itself.`);
        const target = { rps: o.probe.rps, timeoutMs: o.probe.timeoutMs };
        live.streams = {
            canary: startProbeStream({ url: live.urls.canary, ...target }),
            ...(live.urls.stable ? { stable: startProbeStream({ url: live.urls.stable, ...target }) } : {}),
        };
    }
    const { urls, streams } = live;
    live.metrics = judgedMetrics(o, Boolean(urls.stable));
    const judge = (live.judge = judge_createJudge({ failureLimit: o.failureLimit, minRequests: o.minRequests, metrics: live.metrics }));
    ctx.log.info(`Judging on ${live.metrics.join(', ')}: ${evidenceSources(o, urls)}`);
    const sampler = createSampler({
        options: o,
        vars: c.vars,
        now: () => ctx.runtime.clock.now(),
        ...(streams && urls.canary
            ? { probe: { ...streams, canaryUrl: urls.canary, ...(urls.stable ? { stableUrl: urls.stable } : {}) } }
            : {}),
    });
    const loop = await runCanaryLoop({
        plan: { steps: loopSteps, intervalMs: o.intervalMs, samplesPerStep: o.samplesPerStep },
        judge,
        setWeight: (w) => traffic.setWeight(w),
        sample: sampler,
        clock: ctx.runtime.clock,
        signal: ctx.signal,
        events: {
            onWeight: (step, state) => ctx.log.info(`step ${step}: canary weight ${state.weight}%` +
                (state.effectiveWeight !== undefined ? ` (real share ${state.effectiveWeight}%)` : '') +
                (state.note ? ` — ${state.note}` : '')),
            onSample: (records) => {
                for (const r of records) {
                    ctx.log.info(`  ${r.metric}: ${r.value === null ? 'no data' : sample_formatNumber(r.value)} (${formatThreshold(r.threshold)}) ` +
                        `${r.verdict}${r.verdict === 'pass' ? '' : ` [${r.streak}/${o.failureLimit}]`} — ${r.reason}`);
                }
            },
            onStep: (result) => ctx.log.info(`step ${result.step} (${result.weight}%): ${result.passed ? 'passed' : 'failed'} — ${result.reason}`),
        },
    });
    const judged = judge.finish();
    if (loop === 'promote' && judged.outcome === 'promoted' && pausing) {
        return conclude('paused', `every step before the pause passed; waiting for resume: promote or abort`, judged);
    }
    if (loop === 'promote' && judged.outcome === 'promoted') {
        await ctx.log.group(`Promoting ${version}`, () => traffic.promote());
        return conclude('promoted', resume ? `every step passed after ${resume.actor ?? 'a later run'} resumed it` : `every step passed`, judged);
    }
    return conclude('aborted', judged.abort?.reason ?? 'a step did not pass', judged);
}
/** The one wrap-up of every ending: stable back unless promoted, then the report, the outputs, the record and the summary. */
async function wrapUp(ctx, c, live, result, reason, judged) {
    const { options: o, driver, store, env, version, resume } = c;
    const { traffic, record } = live;
    stopProbe(live);
    let restoreError;
    if (result === 'aborted') {
        try {
            await ctx.log.group(`Sending all traffic back to stable${c.stableVersion ? ` ${c.stableVersion}` : ''}`, () => traffic.restore());
        }
        catch (err) {
            restoreError = err;
        }
    }
    const resumeFacts = resume && {
        decision: resume.decision,
        ...(resume.actor ? { actor: resume.actor } : {}),
        ...(resume.paused.record.payload.runUrl ? { pausedBy: resume.paused.record.payload.runUrl } : {}),
    };
    const report = buildReport({
        result,
        environment: env,
        version,
        stableVersion: c.stableVersion,
        driver: driver.name,
        weight: traffic.weight,
        reason: restoreError ? `${reason}; restoring stable FAILED: ${(0,errors/* errorMessage */.gJ)(restoreError)}` : reason,
        startedAt: live.startedAt,
        finishedAt: ctx.runtime.clock.now(),
        options: o,
        metrics: live.metrics,
        traffic: traffic.changes,
        judged: judged ?? live.judge?.report() ?? { outcome: 'running', steps: [], samples: [] },
        record: { id: record.id, where: store.where },
        ...(resumeFacts ? { resume: resumeFacts } : {}),
    });
    ctx.setOutput('result', result);
    ctx.setOutput('weight', report.weight);
    ctx.setOutput('failed-metric', report.failedMetric ?? '');
    try {
        writeReport(c.reportPath, report);
        ctx.setOutput('report', c.reportPath);
    }
    catch (err) {
        ctx.log.warning(`The report could not be written to ${c.reportPath}: ${(0,errors/* errorMessage */.gJ)(err)}`);
    }
    let recordError;
    try {
        const description = result === 'promoted'
            ? `canary ${version} promoted${resume?.actor ? ` (${resume.actor} approved)` : ''}`
            : result === 'paused'
                ? (0,pause/* pauseDescription */.JW)(report.weight, o.steps.slice(o.pauseAfter))
                : resume?.decision === 'abort'
                    ? report.reason
                    : `canary aborted${report.failedMetric ? ` on ${report.failedMetric}` : ''}: ${report.reason}`;
        const state = result === 'promoted' ? 'success' : result === 'paused' ? 'in_progress' : 'failure';
        await store.setStatus(record.id, state, { description: (0,meaning/* cutText */.IN)(description, 140), logUrl: ctx.runner.runUrl });
    }
    catch (err) {
        if (result === 'paused')
            throw new Error(`The pause could not be recorded on deployment ${record.id}: ${(0,errors/* errorMessage */.gJ)(err)}`);
        // As deploy does: the step fails loudly (outputs are set above), never a warning only.
        recordError = new errors/* UserError */.yo(result === 'promoted'
            ? `Canary ${version} was promoted in ${env}, but its record (deployment ` +
                `${record.id}) could not be marked successful: ${(0,errors/* errorMessage */.gJ)(err)}. ` +
                `The environment runs ${version}; rollback and gates will not see it ` +
                `until the record is fixed (the next deploy or rollback finds it stale).`
            : `Canary ${version} in ${env} ended ${result}, but its record (deployment ` +
                `${record.id}) could not be marked failure: ${(0,errors/* errorMessage */.gJ)(err)}.`);
        if (result !== 'promoted')
            ctx.log.warning(recordError.message);
    }
    // Links a reader acts on (the commit, the environment's deployments, the run); paths as the runner names them.
    const shown = (file) => ((0,external_node_path_.isAbsolute)(file) ? (0,paths/* shownPath */.p)(file, ctx.runner) : file);
    writeCanarySummary(ctx.summary, report, [
        ['commit', (0,links/* commitLink */.wn)(ctx.runner, record.sha)],
        ['environment', (0,links/* link */.nf)(env, (0,links/* deploymentsUrl */.ek)(ctx.runner, env))],
        ['evidence', evidenceSources(o, live.urls)],
        [
            'deployment record',
            store.kind === 'github' ? (0,links/* link */.nf)(String(record.id), (0,links/* deploymentsUrl */.ek)(ctx.runner, env)) : `${record.id} in ${shown(store.where)}`,
        ],
        ['report', shown(c.reportPath)],
        ['run', (0,links/* runUrl */.Vp)(ctx.runner) ? (0,links/* link */.nf)(`run ${ctx.runner.runId}`, (0,links/* runUrl */.Vp)(ctx.runner)) : undefined],
    ]);
    if (result === 'paused') {
        const help = decisionHelp(env);
        ctx.summary.heading('Promote or abort', 3);
        ctx.summary.list(help.lines);
        ctx.summary.code(help.commands, 'sh');
        ctx.log.info(`Paused at ${report.weight}%. ${help.lines[0]}\n${help.commands}`);
    }
    if (restoreError)
        throw restoreError;
    if (recordError && result === 'promoted')
        throw recordError;
    return { result, reason: report.reason };
}

;// CONCATENATED MODULE: ./build/canary/action.js






















/** Entry of the canary action: traffic step by step to a new version, judged at every step. */
function action_run(opts) {
    return (0,run/* runAction */.Cs)({ name: 'canary', title: 'shipline canary', fields: context_fields, environmentInput: 'environment', cancelledOutputs: { result: 'aborted' } }, canary, opts);
}
async function canary(ctx) {
    const s = ctx.settings;
    (0,notify/* notifyWhenDone */.w)(ctx, 'canary');
    if (s.resume)
        return resumeCanary(ctx, s.resume);
    const fromManifest = s.manifest ? await (0,manifest_defaults/* readManifestDefaults */.S)(s.manifest) : undefined;
    const version = s.version ?? fromManifest?.version;
    if (!version)
        throw new errors/* UserError */.yo(`Input "version" is required (or a manifest from the build action). Accepted: ${common_fields/* VERSION_FORM */._b}.`);
    const artifact = s.artifact ?? fromManifest?.artifact;
    const env = s.environment;
    const traits = (0,factory/* driverTraits */.Qc)(s);
    for (const url of [s.prometheusUrl, s.probeUrl, s.stableUrl])
        if (url)
            (0,redact/* maskUrlCredentials */.gn)(url);
    const options = resolveCanaryOptions(s, traits);
    const root = (0,records_open/* stateRoot */.o)(s.stateDir, ctx.runner);
    // No cancel signal for the driver: a traffic command must be able to run after the runner's
    // cancel signal (that is when stable is restored), and is never killed half-way.
    const driver = makeDriver(ctx, root);
    const vars = { version, environment: env };
    if (options.prometheus)
        await validateMetrics(options.prometheus, vars);
    const store = (0,records_open/* openRecords */.t)({ token: s.githubToken, runner: ctx.runner, stateDir: root, runtime: ctx.runtime });
    const plan = planCanary(options, traits);
    // A canary's record stays in progress for its whole time to promote, beyond the driver's timeout.
    const cleared = await (0,preflight/* preflight */.M)(store, {
        action: 'canary',
        environment: env,
        runner: ctx.runner,
        staleAfterMs: 2 * (s.timeout + plan.timeToPromoteMs),
        now: ctx.runtime.clock.now(),
    });
    if (cleared.refusal)
        throw cleared.refusal;
    const stableVersion = cleared.view.current?.payload.version;
    const reportPath = s.report || (0,external_node_path_.join)(ctx.runner.temp, `shipline-canary-${process.pid}.json`);
    ctx.summary.heading(`Canary ${version} in ${env}`);
    if (!traits.startsCanary) {
        (0,runner_io/* notice */.lm)(`No deploy-command: ${version} is taken to be running ` +
            `already${s.probeUrl ? ` at ${(0,redact/* redactUrls */.sK)(s.probeUrl)}` : ''}; the canary moves traffic only.`);
    }
    if (s.dryRun) {
        const lines = driverPlanLines(driver, { environment: env, version, artifact, timeoutMs: s.timeout, stableVersion }, options.steps);
        // Without deploy-command the command driver starts nothing: the first line says so instead.
        if (!traits.startsCanary)
            lines[0] =
                `start nothing: no deploy-command, ${version} is taken to be ` +
                    `running already${s.probeUrl ? ` at ${(0,redact/* redactUrls */.sK)(s.probeUrl)}` : ''}`;
        dryRun(ctx, { version, env, stableVersion, options, plan, driverName: driver.name, driverPlan: lines, where: store.where });
        return;
    }
    await runCanary(ctx, {
        version,
        artifact,
        channel: fromManifest?.channel,
        env,
        stableVersion,
        options,
        driver,
        store,
        reportPath,
        vars,
        // The commit built, as the manifest names it: a hotfix checks out another ref than GITHUB_SHA.
        sha: fromManifest?.commit || ctx.runner.sha || 'local',
        ref: fromManifest?.ref || ctx.runner.ref || '',
        stepItems: s.steps,
        stale: cleared.stale,
        staleOpts: cleared.staleOpts,
    });
}
/** No cancel signal for the driver: a traffic command must be able to run after the runner's
 *  cancel signal (that is when stable is restored), and is never killed half-way. */
function makeDriver(ctx, root) {
    const s = ctx.settings;
    return canaryDriver((0,factory/* createDriver */.fO)(s, {
        environment: s.environment,
        use: 'canary',
        log: ctx.log,
        cwd: ctx.runner.workspace,
        timeoutMs: s.timeout,
        stateRoot: root,
        exec: ctx.runtime.exec,
    }));
}
/**
 * A later run decides on a paused canary: everything it needs is in the canary's record and this
 * run's settings, so the run that paused it (and its runner) is long gone.
 */
async function resumeCanary(ctx, decision) {
    const s = ctx.settings;
    const env = s.environment;
    const traits = (0,factory/* driverTraits */.Qc)(s);
    for (const url of [s.prometheusUrl, s.probeUrl, s.stableUrl])
        if (url)
            (0,redact/* maskUrlCredentials */.gn)(url);
    const root = (0,records_open/* stateRoot */.o)(s.stateDir, ctx.runner);
    const store = (0,records_open/* openRecords */.t)({ token: s.githubToken, runner: ctx.runner, stateDir: root, runtime: ctx.runtime });
    const record = await (0,pause/* findPaused */.Yz)(store, env);
    if (!record) {
        throw new errors/* UserError */.yo(`No canary is paused in ${env} (${store.where}): there is nothing to ${decision}. A ` +
            `canary pauses at a "pause" in its steps (10,25,pause,100) and waits there for this.`);
    }
    const paused = readPaused(record, { environment: env, version: s.version, driver: traits.name, decision });
    const options = resolveCanaryOptions({ ...s, steps: paused.steps }, traits);
    const driver = makeDriver(ctx, root);
    const vars = { version: paused.version, environment: env };
    const actor = ctx.runner.actor;
    ctx.summary.heading(`Canary ${paused.version} in ${env}: ${decision}${actor ? ` by ${actor}` : ''}`);
    if (s.dryRun) {
        const rest = resumedWeights(paused.steps);
        const what = decision === 'promote'
            ? `judge ${paused.weight}% again, then ${rest
                .slice(1)
                .map((w) => `${w}%`)
                .join(', ')}, each for ${(0,duration/* formatDuration */.a3)(options.stepMs)}, and promote it if every step passes`
            : 'send all traffic back to stable and mark its record failure';
        ctx.setOutput('result', 'dry-run');
        ctx.setOutput('weight', paused.weight);
        ctx.setOutput('failed-metric', '');
        ctx.summary.verdict('info', `Dry run: would ${decision} the canary ${paused.version} paused at ${paused.weight}% in ${env}: ${what}; nothing changed.`);
        ctx.log.info(`Dry run: ${decision} ${paused.version} (deployment ${record.id}): ${what}`);
        return;
    }
    if (options.prometheus && decision === 'promote')
        await validateMetrics(options.prometheus, vars);
    await runCanary(ctx, {
        version: paused.version,
        artifact: paused.artifact,
        env,
        stableVersion: paused.stableVersion,
        options,
        driver,
        store,
        reportPath: s.report || (0,external_node_path_.join)(ctx.runner.temp, `shipline-canary-${process.pid}.json`),
        vars,
        sha: record.sha,
        ref: record.ref,
        stepItems: paused.steps,
        resume: { paused, decision, actor },
    });
}
/** Every query runs once before any traffic moves: a typo fails with Prometheus's own message. */
async function validateMetrics(prometheus, vars) {
    const auth = prometheus.token ? { bearer: prometheus.token } : undefined;
    const results = await Promise.allSettled(prometheus.metrics.map((m) => (0,sources_prometheus/* validateQuery */.B4)({ url: prometheus.url, query: m.query, vars, timeoutMs: 10_000, ...(auth ? { auth } : {}) })));
    results.forEach((r, i) => {
        if (r.status === 'fulfilled')
            return;
        const err = r.reason;
        if (err instanceof sources_prometheus/* PrometheusError */.HH && err.kind === 'bad_query') {
            throw new errors/* UserError */.yo(`Input "metrics" at [${i}] (${prometheus.metrics[i].name}): ${err.message}. Accepted: a PromQL query that gives one number.`);
        }
        if (err instanceof sources_prometheus/* PrometheusError */.HH)
            throw new errors/* UserError */.yo(`Input "prometheus-url": ${err.message}. Nothing was changed.`);
        throw err;
    });
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


/***/ }),

/***/ 1830:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ preflight)
/* harmony export */ });
/* unused harmony export Refusal */
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2807);
/* harmony import */ var _checks_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(260);
/* harmony import */ var _stale_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9288);
/**
 * May this environment change now? The one check deploy and canary make before they touch an
 * environment: no canary paused there for a decision, no other deploy or canary still under way
 * (records left in progress by runs that ended are stale, and marked so once the run goes on), and,
 * where asked, the commit's successful deployment in an earlier environment.
 */



/** A refusal: the user's error, with why and the `result` output deploy sets for it. */
class Refusal extends _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo {
    reason;
    result;
    constructor(reason, result, message) {
        super(message);
        this.reason = reason;
        this.result = result;
    }
}
/** Reads the environment's records once and says whether it may change now; it writes nothing. */
async function preflight(store, o) {
    const env = o.environment;
    const view = await (0,_checks_js__WEBPACK_IMPORTED_MODULE_1__/* .environmentView */ .be)(store, env);
    const staleOpts = { limitMs: o.staleAfterMs, runner: o.runner, ...(o.now !== undefined ? { now: o.now } : {}) };
    const cleared = { view, stale: [], staleOpts };
    if (view.paused)
        return { ...cleared, refusal: pausedRefusal(o.action, env, view.paused) };
    const unfinished = await (0,_stale_js__WEBPACK_IMPORTED_MODULE_2__/* .sortUnfinished */ .eg)(store, view.unfinished, staleOpts);
    cleared.stale = unfinished.stale;
    if (unfinished.running.length > 0)
        return { ...cleared, refusal: runningRefusal(o.action, env, unfinished.running[0]) };
    if (o.promotion) {
        const evidence = await (0,_checks_js__WEBPACK_IMPORTED_MODULE_1__/* .promotionEvidence */ .vc)(store, o.promotion.from, o.promotion.sha, o.promotion.version);
        if (!evidence.ok)
            return { ...cleared, refusal: new Refusal('no-promotion', 'refused', `Refusing to deploy to ${env}: ${evidence.message}.`) };
        cleared.promotion = evidence.message;
        cleared.promotionEvidence = { ...evidence, environment: o.promotion.from };
    }
    return cleared;
}
function pausedRefusal(action, env, paused) {
    return new Refusal('paused', 'refused', action === 'deploy'
        ? `A canary of ${paused.payload.version} is paused in ${env} (${paused.statusDescription}). ` +
            'Resume it (canary with resume: promote) or abort it (resume: abort) before deploying.'
        : `A canary is paused in ${env}: ${(0,_checks_js__WEBPACK_IMPORTED_MODULE_1__/* .describeRecord */ .TV)(paused)}${paused.payload.runUrl ? ` by ${paused.payload.runUrl}` : ''}. ` +
            'Resume or abort it first: run the canary action with resume: promote or resume: abort (the approval workflow does).');
}
function runningRefusal(action, env, running) {
    return new Refusal('in-progress', 'failure', action === 'deploy'
        ? `Another deploy to ${env} is still in progress: ${(0,_stale_js__WEBPACK_IMPORTED_MODULE_2__/* .describeRunning */ .Rh)(running)}. ` +
            `Wait for it, or serialise deploys with \`concurrency: deploy-${env}\` in the workflow.`
        : `Another deploy or canary in ${env} is still in progress: ${(0,_stale_js__WEBPACK_IMPORTED_MODULE_2__/* .describeRunning */ .Rh)(running)}. ` +
            `Wait for it, or serialise them with \`concurrency: deploy-${env}\` in the workflow.`);
}


/***/ }),

/***/ 9477:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $k: () => (/* binding */ queryPrometheus),
/* harmony export */   B4: () => (/* binding */ validateQuery),
/* harmony export */   HH: () => (/* binding */ PrometheusError)
/* harmony export */ });
/* unused harmony exports renderQuery, escapeLabelValue */
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2807);
/* harmony import */ var _core_redact_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(193);


/** A query Prometheus rejects is the user's; Prometheus unreachable, refusing the token or failing is outside. */
const FAILURE = {
    unreachable: 'outside',
    bad_query: 'refused',
    auth: 'outside',
    server: 'outside',
};
class PrometheusError extends _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ExpectedFailure */ .Hb {
    name = 'PrometheusError';
    kind;
    constructor(kind, message) {
        super(FAILURE[kind], message);
        this.kind = kind;
    }
}
const DEFAULT_TIMEOUT_MS = 10_000;
/** Runs one instant query and reduces its answer to one number, or null with the reason. */
async function queryPrometheus(opts) {
    const query = renderQuery(opts.query, opts.vars);
    const body = await postQuery(opts, query);
    const sample = reduceResult(query, body);
    const warnings = Array.isArray(body.warnings) ? body.warnings.map(String) : undefined;
    return warnings && warnings.length > 0 ? { ...sample, warnings } : sample;
}
/**
 * Runs the query once before any traffic moves, so a typo fails the step with Prometheus's own
 * message. No data yet is fine (the canary has no traffic); a rejected query is not.
 */
async function validateQuery(opts) {
    return queryPrometheus(opts);
}
// ---- placeholders --------------------------------------------------------------------------
const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/y;
/**
 * Fills `{{version}}` and `{{environment}}` in. Inside a quoted string the value is escaped for
 * that quote (a version can never end the string and add a matcher); outside strings it must be
 * a bare identifier (part of a metric name); inside a `raw` string it must not hold a backtick.
 */
function renderQuery(template, vars) {
    let out = '';
    let quote = null;
    for (let i = 0; i < template.length;) {
        const ch = template[i];
        PLACEHOLDER.lastIndex = i;
        const match = PLACEHOLDER.exec(template);
        if (match) {
            const name = match[1];
            const value = vars[name];
            if (value === undefined) {
                const known = Object.keys(vars)
                    .map((k) => `{{${k}}}`)
                    .join(', ');
                throw new PrometheusError('bad_query', `unknown placeholder {{${name}}} in query; known: ${known}`);
            }
            out += placeValue(name, value, quote);
            i += match[0].length;
            continue;
        }
        out += ch;
        if (quote === null) {
            if (ch === '"' || ch === "'" || ch === '`')
                quote = ch;
        }
        else if (ch === '\\' && quote !== '`' && i + 1 < template.length) {
            out += template[i + 1];
            i += 2;
            continue;
        }
        else if (ch === quote) {
            quote = null;
        }
        i += 1;
    }
    return out;
}
function placeValue(name, value, quote) {
    if (quote === null) {
        if (!/^[A-Za-z0-9_:]+$/.test(value)) {
            throw new PrometheusError('bad_query', `{{${name}}} is outside quotes but its value "${value}" is not a ` +
                `bare name; write it inside a label value, e.g. ${name}="{{${name}}}"`);
        }
        return value;
    }
    if (quote === '`') {
        if (value.includes('`')) {
            throw new PrometheusError('bad_query', `{{${name}}} is in a \`raw\` string but its value holds a backtick`);
        }
        return value;
    }
    return escapeLabelValue(value, quote);
}
/** Escapes a value for a PromQL string in `quote` (Go string escapes). */
function escapeLabelValue(value, quote = '"') {
    let out = '';
    for (const ch of value) {
        if (ch === '\\')
            out += '\\\\';
        else if (ch === quote)
            out += `\\${ch}`;
        else if (ch === '\n')
            out += '\\n';
        else if (ch === '\r')
            out += '\\r';
        else if (ch === '\t')
            out += '\\t';
        else if (ch < ' ' || ch === '\u007f')
            out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
        else
            out += ch;
    }
    return out;
}
async function postQuery(opts, query) {
    const { endpoint, headers, shown } = request(opts);
    const form = new URLSearchParams({ query });
    if (opts.time)
        form.set('time', (opts.time.getTime() / 1000).toFixed(3));
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const doFetch = opts.fetch ?? fetch;
    let response;
    let text;
    try {
        response = await doFetch(endpoint, {
            method: 'POST',
            headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
            body: form.toString(),
            signal: AbortSignal.timeout(timeoutMs),
        });
        text = await response.text();
    }
    catch (err) {
        throw new PrometheusError('unreachable', `Prometheus at ${shown} is unreachable: ${describeFetchError(err, timeoutMs)}`);
    }
    let body;
    try {
        body = JSON.parse(text);
    }
    catch {
        body = undefined;
    }
    if (response.status === 401 || response.status === 403) {
        throw new PrometheusError('auth', `Prometheus at ${shown} answered ${response.status}: check its credentials (URL user info, bearer or basic auth)`);
    }
    if (body && body.status === 'error') {
        const kind = body.errorType === 'bad_data' || response.status === 400 || response.status === 422 ? 'bad_query' : 'server';
        const what = kind === 'bad_query' ? 'rejected the query' : `failed (${body.errorType ?? response.status})`;
        throw new PrometheusError(kind, `Prometheus ${what}: ${(0,_core_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redactUrls */ .sK)(body.error ?? 'no message')} (query: ${query})`);
    }
    if (!response.ok || !body || body.status !== 'success') {
        const snippet = text.slice(0, 200).replace(/\s+/g, ' ').trim();
        throw new PrometheusError('server', `Prometheus at ${shown} answered ${response.status} without a query result${snippet ? `: ${(0,_core_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redactUrls */ .sK)(snippet)}` : ''}`);
    }
    return body;
}
function request(opts) {
    let split;
    try {
        split = (0,_core_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .splitUrlCredentials */ .CN)(opts.url);
    }
    catch {
        throw new PrometheusError('unreachable', `prometheus-url "${(0,_core_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redactUrls */ .sK)(opts.url)}" is not a URL`);
    }
    const base = new URL(split.url);
    base.search = '';
    base.hash = '';
    const shown = base.toString().replace(/\/$/, '');
    const endpoint = `${shown}/api/v1/query`;
    const headers = {};
    if (opts.auth?.bearer)
        headers.authorization = `Bearer ${opts.auth.bearer}`;
    else if (opts.auth?.basic) {
        const { username, password } = opts.auth.basic;
        headers.authorization = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    }
    else if (split.authorization)
        headers.authorization = split.authorization;
    return { endpoint, headers, shown };
}
function describeFetchError(err, timeoutMs) {
    if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) {
        return `no answer within ${timeoutMs} ms`;
    }
    const cause = err instanceof Error ? err.cause : undefined;
    const message = cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
    return (0,_core_redact_js__WEBPACK_IMPORTED_MODULE_1__/* .redactUrls */ .sK)(message);
}
// ---- result ----------------------------------------------------------------------------------
function reduceResult(query, body) {
    const type = body.data?.resultType;
    const result = body.data?.result;
    if (type === 'scalar')
        return fromNumber(query, result[1]);
    if (type === 'vector') {
        const series = result;
        if (series.length === 0)
            return { query, value: null, reason: 'no data (empty result)' };
        if (series.length > 1) {
            return {
                query,
                value: null,
                reason: `the query returned ${series.length} series, not one; aggregate it (sum, max, ...)`,
            };
        }
        return fromNumber(query, series[0].value[1]);
    }
    throw new PrometheusError('bad_query', `the query gives a ${type ?? 'missing'} result, not one number; use an instant vector such as sum(rate(x[1m])) (query: ${query})`);
}
function fromNumber(query, text) {
    if (/^[+-]?Inf$/.test(text))
        return { query, value: null, reason: `no usable data (${text})` };
    const value = Number(text);
    if (Number.isNaN(value))
        return { query, value: null, reason: 'no data (NaN, e.g. 0 requests divided by 0)' };
    if (!Number.isFinite(value))
        return { query, value: null, reason: `no usable data (${text})` };
    return { query, value };
}


/***/ }),

/***/ 282:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ describeWindow),
/* harmony export */   r: () => (/* binding */ SampleWindow)
/* harmony export */ });
class SampleWindow {
    limit;
    noData;
    window;
    recent = [];
    streak = 0;
    constructor(limit, noData = 'counts') {
        this.limit = limit;
        this.noData = noData;
        if (!Number.isInteger(limit) || limit < 1)
            throw new RangeError(`failureLimit must be a positive integer, got ${limit}`);
        this.window = 2 * limit;
    }
    push(verdict) {
        if (verdict === 'inconclusive' && this.noData === 'ignored')
            return this.state();
        this.recent.push(verdict);
        if (this.recent.length > this.window)
            this.recent.shift();
        this.streak = verdict === 'pass' ? 0 : this.streak + 1;
        return this.state();
    }
    state() {
        const notPassing = this.recent.filter((v) => v !== 'pass').length;
        return {
            streak: this.streak,
            notPassing,
            seen: this.recent.length,
            sawFail: this.recent.includes('fail'),
            tripped: notPassing >= this.limit,
        };
    }
}
/** "3 in a row" or "3 of the last 6", for reasons. */
function describeWindow(state, limit) {
    return state.streak >= limit
        ? `${state.streak} samples in a row did not pass`
        : `${state.notPassing} of the last ${state.seen} samples did not pass`;
}


/***/ })

};
