import { formatDuration } from '../core/duration.js';
import { errorMessage, UserError } from '../core/errors.js';
import * as f from '../core/fields.js';
import { maskUrlCredentials, redactUrls, splitUrlCredentials } from '../core/redact.js';
import type { Log } from '../core/run.js';
import type { Summary } from '../core/summary.js';
import { isSlot, otherSlot, type Slot, type SlotControl } from '../drivers/slots.js';
import type { DeployOutcome, DeployRequest, Driver } from '../drivers/types.js';
import type { DeploymentRecord, RecordPayload, RecordState } from '../records/types.js';
import { checksSchema, CHECKS_FORM, DEFAULT_CHECKS, type Check } from '../checks/schema.js';
import { runChecks, type CheckResult } from '../checks/runner.js';

/**
 * `strategy: blue-green`: the new version starts on the idle slot beside the live
 * one, the smoke `checks` run against the idle slot's URL (`preview-url`), and only if they pass
 * does all traffic switch at once. The previous slot keeps running for `keep-previous`, so a
 * rollback in that time is one switch back (src/rollback/switch-back.ts); the next deploy or
 * rollback after that time replaces or stops it. The live slot is kept in the deployment record.
 */
export const SLOT_PLACEHOLDER = '{{slot}}';
export const KEEP_PREVIOUS_DEFAULT = 30 * 60_000;

export const blueGreenFields = {
  strategy: f.oneOf(['rolling', 'blue-green'] as const),
  checks: f.structured(checksSchema, { form: CHECKS_FORM }),
  'preview-url': f.string({
    form:
      `the idle slot's http(s) URL with ${SLOT_PLACEHOLDER} where the slot's ` +
      `name (blue, green) goes, e.g. https://${SLOT_PLACEHOLDER}.shop.example.com`,
  }),
  'switch-command': f.string({ form: 'a shell command' }),
  'keep-previous': f.duration({ min: 0, max: 7 * 24 * 3_600_000, default: KEEP_PREVIOUS_DEFAULT }),
};

export interface BlueGreenSettings {
  strategy?: 'rolling' | 'blue-green';
  checks?: unknown;
  previewUrl?: string;
  switchCommand?: string;
  keepPrevious: number;
}

/** What a blue-green deploy keeps in its record: the live slot after it, and the one it kept. */
export interface SlotPayload {
  strategy: 'blue-green';
  /** The slot this deployment's version runs on: live once it succeeded. */
  slot: Slot;
  /** The slot that was live before, left running for `keep-previous` (absent on a first deploy). */
  previousSlot?: Slot;
  previousVersion?: string;
  keepPreviousMs: number;
}

/** The slot a record says is live after it (a blue-green deploy's or a switch-back's). */
export function recordedSlot(r: DeploymentRecord | undefined): Slot | undefined {
  const slot = r?.payload.slot;
  return isSlot(slot) ? slot : undefined;
}

/** The preview URL of a slot: `{{slot}}` replaced by its name. */
export const previewUrlFor = (template: string, slot: Slot) => template.split(SLOT_PLACEHOLDER).join(slot);

/**
 * Checks the blue-green inputs against the driver before anything happens; undefined for rolling.
 * One clear error each: a driver without slots, a preview-url without {{slot}} or not a URL,
 * checks with nowhere to send them, the command driver without switch-command.
 */
export function checkBlueGreen(s: BlueGreenSettings, driver: Driver): BlueGreen | undefined {
  if ((s.strategy ?? 'rolling') === 'rolling') return undefined;
  if (!driver.slots) throw new UserError(`Input "strategy": the ${driver.name} driver has no blue-green slots. Accepted: rolling.`);
  if (s.previewUrl !== undefined) {
    if (!s.previewUrl.includes(SLOT_PLACEHOLDER))
      throw new UserError(
        `Input "preview-url" has no ${SLOT_PLACEHOLDER}: the idle slot ` +
          `alternates between blue and green, so one fixed URL cannot name it. ` +
          `Accepted: an http(s) URL with ${SLOT_PLACEHOLDER} where the slot's name goes (https://${SLOT_PLACEHOLDER}.shop.example.com).`,
      );
    for (const slot of ['blue', 'green'] as const) {
      let ok: boolean;
      try {
        const u = new URL(previewUrlFor(s.previewUrl, slot));
        ok = u.protocol === 'http:' || u.protocol === 'https:';
      } catch {
        ok = false;
      }
      if (!ok)
        throw new UserError(
          `Input "preview-url" is not an http(s) URL once ${SLOT_PLACEHOLDER} is ` +
            `replaced by "${slot}". Accepted: an http(s) URL with ${SLOT_PLACEHOLDER} in it.`,
        );
    }
    maskUrlCredentials(previewUrlFor(s.previewUrl, 'blue'));
    maskUrlCredentials(previewUrlFor(s.previewUrl, 'green'));
  }
  driver.slots.check?.({ previewUrl: s.previewUrl });
  const given = s.checks as Check[] | undefined;
  const canPreview = s.previewUrl !== undefined || driver.slots.reportsPreviewUrl;
  if (given && !canPreview && given.some((c) => c.path !== undefined))
    throw new UserError(
      `Input "preview-url" is required: the checks have paths, and the ${driver.name} driver ` +
        `cannot tell the idle slot's URL. Accepted: an http(s) URL with ${SLOT_PLACEHOLDER} in it.`,
    );
  const checks = given ?? (canPreview ? DEFAULT_CHECKS : []);
  return new BlueGreen(driver.slots, s, checks);
}

export interface BlueGreenResult {
  slot: Slot;
  previousSlot?: Slot;
  previewUrl?: string;
  checks: CheckResult[];
  outcome: DeployOutcome;
}

export interface BlueGreenRun {
  log: Log;
  summary: Summary;
  signal?: AbortSignal;
  setOutput(name: string, value: string): void;
}

export class BlueGreen {
  private live?: Slot;
  private idle: Slot = 'blue';
  private previousVersion?: string;
  private switched = false;
  private previewUrl?: string;
  private setSlot?: (slot: string) => void;
  constructor(
    readonly slots: SlotControl,
    readonly s: BlueGreenSettings,
    readonly checks: Check[],
  ) {}

  /** Settles the slots from the driver (its own reading first) and the newest record; fills the payload. */
  async decide(payload: RecordPayload, current: DeploymentRecord | undefined): Promise<SlotPayload> {
    this.live = (await this.slots.live()) ?? recordedSlot(current);
    this.idle = this.live ? otherSlot(this.live) : 'blue';
    this.previousVersion = this.live ? ((await this.slots.versionOn(this.live)) ?? current?.payload.version) : undefined;
    const slots: SlotPayload = {
      strategy: 'blue-green',
      slot: this.idle,
      ...(this.live ? { previousSlot: this.live } : {}),
      ...(this.previousVersion ? { previousVersion: this.previousVersion } : {}),
      keepPreviousMs: this.s.keepPrevious,
    };
    Object.assign(payload, slots);
    return slots;
  }

  private describeLive(): string {
    return this.live ? `slot ${this.live}${this.previousVersion ? ` (${this.previousVersion})` : ''}` : 'no slot (nothing was live)';
  }

  plan(req: DeployRequest): string[] {
    const preview = this.s.previewUrl ? redactUrls(previewUrlFor(this.s.previewUrl, this.idle)) : 'the URL the driver reports';
    const lines = this.slots.plan(this.idle, req);
    lines.splice(
      lines.length - 1,
      0,
      this.checks.length
        ? `run ${this.checks.length} smoke check(s) against slot ${this.idle} at ${preview}; traffic moves only if they pass`
        : 'no smoke checks (give `checks`)',
    );
    lines.push(
      this.s.keepPrevious > 0
        ? `keep ${this.describeLive()} running for ${formatDuration(this.s.keepPrevious)} ` +
            `(an instant rollback); the next deploy or rollback after that stops it`
        : `stop ${this.describeLive()} once the switch is done (keep-previous: 0s)`,
    );
    return lines;
  }

  /** Start on the idle slot, check it, switch. Throws (traffic unmoved) when the checks fail or the switch does. */
  async deploy(req: DeployRequest, run: BlueGreenRun): Promise<BlueGreenResult> {
    const { log, summary } = run;
    const idle = this.idle;
    this.setSlot = (slot) => run.setOutput('slot', slot);
    run.setOutput('slot', this.live ?? '');
    const started = await log.group(
      `Starting ${req.version} on the idle slot ${idle}${this.live ? ` (${this.describeLive()} keeps all traffic)` : ''}`,
      () => this.slots.startOn(idle, req),
    );
    const template = this.s.previewUrl ? previewUrlFor(this.s.previewUrl, idle) : started.previewUrl;
    this.previewUrl = template;
    const shown = template ? redactUrls(template) : undefined;
    run.setOutput('preview-url', shown ?? '');
    let results: CheckResult[] = [];
    if (this.checks.length > 0) {
      const { url: baseUrl, authorization } = splitUrlCredentials(template!);
      results = await log.group(`Checking slot ${idle} at ${shown} with ${this.checks.length} smoke check(s)`, () =>
        runChecks(this.checks, {
          baseUrl,
          authorization,
          attempts: 3,
          retryDelayMs: 1_000,
          timeoutMs: 10_000,
          concurrency: 4,
          followRedirects: true,
          signal: run.signal,
          onAttempt: (check, attempt, reasons) => log.info(`${check.name}: attempt ${attempt}/3 failed: ${reasons.join('; ')}`),
        }),
      );
      for (const r of results)
        log.info(
          `${r.verdict === 'pass' ? 'pass' : 'FAIL'} ${r.name}: ${r.method} ` +
            `${r.url}${r.status !== undefined ? ` -> ${r.status}` : ''}${r.reason ? ` (${r.reason})` : ''}`,
        );
    }
    const failed = results.filter((r) => r.verdict === 'fail');
    if (failed.length > 0) {
      this.report(summary, results, false);
      throw new UserError(
        `Smoke checks failed on the idle slot ${idle} (${shown}): ${failed.map((r) => `${r.name} (${r.reason})`).join('; ')}. ` +
          `Traffic was not moved: all of it stays on ${this.describeLive()}; ` +
          `${req.version} stays on slot ${idle} without traffic for inspection.`,
      );
    }
    // Cancelled before the switch began: traffic stays (checked in the same tick as the switch's first change).
    if (run.signal?.aborted) throw new UserError(`cancelled before the switch: all traffic stays on ${this.describeLive()}`);
    try {
      await log.group(`Switching all traffic to slot ${idle} (${req.version})`, () => this.slots.switchTo(idle, req));
    } catch (err) {
      const seen = await this.slots.live().catch(() => undefined);
      const where =
        seen === idle ? `slot ${idle} (${req.version}) — the driver reports it live` : seen ? `slot ${seen}` : this.describeLive();
      if (seen === idle) this.switched = true;
      else {
        this.report(summary, results, false);
        throw new UserError(
          `Switching traffic to slot ${idle} failed: ${redactUrls(errorMessage(err))}\nTraffic ` +
            `was left on ${where}; ${req.version} runs on slot ${idle} without traffic.`,
        );
      }
    }
    this.switched = true;
    run.setOutput('slot', idle);
    log.info(`all traffic goes to slot ${idle} (${req.version})${this.live ? `; ${this.describeLive()} has none` : ''}`);
    if (this.live) {
      if (this.s.keepPrevious === 0) {
        const stopped = await this.slots.stopSlot(this.live).catch((err) => {
          log.warning(`${this.describeLive()} could not be stopped: ${errorMessage(err)}`);
          return false;
        });
        if (stopped) log.info(`stopped ${this.describeLive()} (keep-previous: 0s)`);
      } else {
        log.info(
          `${this.describeLive()} keeps running for ${formatDuration(this.s.keepPrevious)}: a rollback ` +
            `in that time is one switch back; the next deploy or rollback after that stops or replaces it`,
        );
      }
    }
    this.report(summary, results, true);
    return {
      slot: idle,
      previousSlot: this.live,
      previewUrl: shown,
      checks: results,
      outcome: { url: started.url, details: started.details },
    };
  }

  /** The record's state and description when the runner cancels: which slot has all traffic. */
  async cancelled(req: DeployRequest): Promise<{ state: RecordState; description: string }> {
    const version = req.version;
    const seen = this.switched ? this.idle : await this.slots.live().catch(() => undefined);
    // The driver has the new slot live (its switch was cut short after the change): finish it, so
    // what the record says is what serves.
    if (seen === this.idle && !this.switched) await this.slots.switchTo(this.idle, req).catch(() => undefined);
    this.setSlot?.(seen === this.idle ? this.idle : (this.live ?? ''));
    if (seen === this.idle)
      return { state: 'success', description: `cancelled after the switch: all traffic on slot ${this.idle} (${version})` };
    return {
      state: 'failure',
      description: `cancelled before the switch: all traffic stays on ${seen && seen !== this.live ? `slot ${seen}` : this.describeLive()}`,
    };
  }

  /** Which slot is live and what was checked, for the summary. */
  report(summary: Summary, results: CheckResult[], switched: boolean): void {
    summary.facts([
      ['strategy', 'blue-green'],
      ['live slot', switched ? this.idle : (this.live ?? '(none)')],
      ...(this.live
        ? ([
            [
              switched ? 'previous slot' : 'idle slot',
              switched ? `${this.describeLive()}, kept ${formatDuration(this.s.keepPrevious)}` : this.idle,
            ],
          ] as [string, string][])
        : []),
      ['preview URL', this.previewUrl ? redactUrls(this.previewUrl) : '(none)'],
    ]);
    if (results.length)
      summary.table(
        ['check', 'request', 'status', 'verdict'],
        results.map((r) => [r.name, `${r.method} ${r.url}`, r.status ?? '', r.verdict === 'pass' ? 'pass' : `fail: ${r.reason ?? ''}`]),
      );
    else summary.text('No smoke checks ran on the idle slot.');
  }
}
