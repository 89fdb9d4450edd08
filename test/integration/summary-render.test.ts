import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanaryReport } from '../../src/canary/report.js';
import { writeCanarySummary } from '../../src/canary/summary.js';
import type { TrafficChange } from '../../src/canary/traffic.js';
import { Summary } from '../../src/core/summary.js';
import { createRng } from '../../src/verify/random.js';
import { DEFAULT_PLAN, SIMULATION_METRICS, simulateCanary, type CanaryPlan, type TrafficModel } from '../../src/verify/simulation.js';

/**
 * The canary summary as GitHub shows it: its Markdown through GitHub's own parser (cmark-gfm with
 * GitHub's extensions), then every ```mermaid block rendered by Mermaid 11 (the major version GitHub
 * uses) in headless Chromium, from a local page with no network. The summaries come from whole
 * canaries run through the real engine on seeded synthetic traffic, long enough (60+ looks) that a
 * chart with one label per look would be unreadable.
 */

/** Debian's chromium (.ci/run installs it when `chromium` is not on the PATH). */
function chromiumPath(): string | undefined {
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim() || undefined;
  } catch {
    return undefined;
  }
}
const require = createRequire(import.meta.url);
// GitHub's Markdown parser (the npm binding of github/cmark-gfm); CommonJS without types.
const cmark = require('cmark-gfm') as { renderHtmlSync(markdown: string, options: object): string };
const MERMAID = join(dirname(require.resolve('mermaid/package.json')), 'dist', 'mermaid.min.js');

const STEPS = [10, 25, 50, 75, 100];
const PLAN: CanaryPlan = { ...DEFAULT_PLAN, steps: STEPS, samplesPerStep: 16 };
const START = Date.UTC(2025, 0, 1);

const healthy = { errorRate: 0.005, latency: (rng: ReturnType<typeof createRng>) => rng.lognormal(40, 0.35) };

/** A whole canary through the engine, as the action's report: promoted or aborted as the engine decides. */
function canaryReport(traffic: TrafficModel, seed: number): CanaryReport {
  const judged = simulateCanary(traffic, createRng(seed), PLAN);
  const result = judged.outcome === 'aborted' ? 'aborted' : 'promoted';
  const times = [...new Set(judged.samples.map((s) => s.at))];
  const finishedAt = times[times.length - 1]! + 1_500;
  const traffic_: TrafficChange[] = judged.steps.map((s, i) => ({
    at: START + i * PLAN.samplesPerStep * PLAN.intervalMs,
    weight: s.weight,
    what: i === 0 ? 'start' : 'set-weight',
  }));
  traffic_.push({ at: finishedAt, weight: result === 'promoted' ? 100 : 0, what: result === 'promoted' ? 'promote' : 'restore' });
  return {
    result,
    environment: 'production',
    version: '2.4.0',
    stableVersion: '2.3.1',
    driver: 'local',
    weight: result === 'promoted' ? 100 : 0,
    ...(judged.failedMetric !== undefined && result === 'aborted' ? { failedMetric: judged.failedMetric } : {}),
    ...(judged.abort && result === 'aborted' ? { abortedAt: { step: judged.abort.step, weight: judged.abort.weight } } : {}),
    reason: judged.abort?.reason ?? 'every step passed',
    startedAt: new Date(START).toISOString(),
    finishedAt: new Date(finishedAt).toISOString(),
    settings: {
      steps: STEPS,
      stepDurationMs: PLAN.samplesPerStep * PLAN.intervalMs,
      analysisIntervalMs: PLAN.intervalMs,
      samplesPerStep: PLAN.samplesPerStep,
      failureLimit: PLAN.failureLimit,
      minRequests: PLAN.minRequests,
      metrics: [...SIMULATION_METRICS],
    },
    traffic: traffic_,
    steps: judged.steps,
    samples: judged.samples,
  };
}

function summaryOf(report: CanaryReport): string {
  const summary = new Summary();
  writeCanarySummary(summary, report, [['probe', '20 requests/s to each version']]);
  return summary.toString();
}

/**
 * Markdown to HTML as github.com does it: cmark-gfm with GitHub's extensions, raw HTML kept (GitHub
 * keeps it and sanitizes afterwards; the summary's own HTML is <details>), code blocks as <pre lang>.
 */
function githubHtml(markdown: string): string {
  return cmark.renderHtmlSync(markdown, {
    unsafe: true,
    githubPreLang: true,
    extensions: { table: true, autolink: true, strikethrough: true, tagfilter: true },
  });
}

interface Point {
  x: number;
  y: number;
}

interface Rendered {
  error?: string;
  theme: string;
  title: string;
  /** Each line series' points, in page pixels. */
  series: Point[][];
  /** Each line series' stroke colour, as computed ("rgb(r, g, b)"). */
  strokes: string[];
  /** The chart's own background (Mermaid's dark theme draws one), as computed. */
  background: string;
  xLabels: { text: string; left: number; right: number }[];
  yLabels: { text: string; y: number }[];
  axisTitles: string[];
}

interface Page_ {
  tables: number;
  /** Tables inside a <details>. */
  folded: number;
  charts: Rendered[];
}

/** "rgb(r, g, b)" or "#rrggbb" to the WCAG relative luminance. */
function luminance(color: string): number {
  const rgb = color.startsWith('#')
    ? [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16))
    : color.match(/\d+/g)!.slice(0, 3).map(Number);
  const [r, g, b] = rgb.map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** GitHub's page backgrounds in its light and dark modes, with the Mermaid theme it uses in each. */
const THEMES = [
  { theme: 'default', background: '#ffffff' },
  { theme: 'dark', background: '#0d1117' },
] as const;

describe('canary summary rendered as GitHub shows it (cmark-gfm + Mermaid 11 in Chromium)', () => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  const outside: string[] = [];

  beforeAll(async () => {
    const executablePath = chromiumPath();
    if (!executablePath) {
      throw new Error(
        'chromium is missing (/usr/bin/chromium, or chromium on the PATH): this test renders the canary summary in headless Chromium; install it with apt-get install -y --no-install-recommends chromium (.ci/run does)',
      );
    }
    dir = mkdtempSync(join(tmpdir(), 'shipline-summary-render-'));
    browser = await puppeteer.launch({
      executablePath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        `--user-data-dir=${join(dir, 'profile')}`,
      ],
    });
    page = await browser.newPage();
    await page.setViewport({ width: 1000, height: 800 });
    // Nothing leaves the machine: the page and Mermaid are local files.
    await page.setRequestInterception(true);
    page.on('request', (request) => {
      if (request.url().startsWith('file://')) void request.continue();
      else {
        outside.push(request.url());
        void request.abort();
      }
    });
  });

  afterAll(async () => {
    await browser?.close();
    // SHIPLINE_KEEP_SCREENSHOTS=1 keeps the pages and PNGs to look at.
    if (dir && !process.env.SHIPLINE_KEEP_SCREENSHOTS) rmSync(dir, { recursive: true, force: true });
    else if (dir) console.log(`summary pages and screenshots in ${dir}`);
  });

  /** Loads the summary's HTML with Mermaid from node_modules and renders every mermaid block in place, in one theme. */
  async function render(name: string, markdown: string, theme: (typeof THEMES)[number]): Promise<Page_> {
    const file = join(dir, `${name}-${theme.theme}.html`);
    writeFileSync(
      file,
      `<!doctype html><html><head><meta charset="utf-8"><style>body{font-family:sans-serif;max-width:960px;margin:16px;background:${theme.background};color:${theme.theme === 'dark' ? '#e6edf3' : '#1f2328'}}` +
        `table{border-collapse:collapse}td,th{border:1px solid #888;padding:2px 6px}</style>` +
        `<script src="${pathToFileURL(MERMAID).href}"></script></head><body>${githubHtml(markdown)}</body></html>`,
    );
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const result = (await page.evaluate(`(async () => {
      const mermaid = globalThis.mermaid;
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: ${JSON.stringify(theme.theme)} });
      const charts = [];
      const blocks = [...document.querySelectorAll('pre[lang=mermaid] > code')];
      for (const [i, code] of blocks.entries()) {
        const text = code.textContent;
        const holder = document.createElement('div');
        holder.className = 'chart';
        code.parentElement.replaceWith(holder);
        try {
          await mermaid.parse(text);
          holder.innerHTML = (await mermaid.render('chart' + i, text)).svg;
        } catch (e) {
          charts.push({ theme: ${JSON.stringify(theme.theme)}, error: String((e && e.message) || e) });
          continue;
        }
        const svg = holder.querySelector('svg');
        const texts = (sel) => [...svg.querySelectorAll(sel)].map((t) => t.textContent.trim());
        const paths = [...svg.querySelectorAll('[class^=line-plot] path')];
        charts.push({
          theme: ${JSON.stringify(theme.theme)},
          title: texts('.chart-title text').join(' '),
          series: paths.map((p) => {
            const m = p.getScreenCTM();
            return (p.getAttribute('d') || '').slice(1).split('L').map((xy) => {
              const [x, y] = xy.split(',').map(Number);
              return { x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f };
            });
          }),
          strokes: paths.map((p) => getComputedStyle(p).stroke),
          background: svg.querySelector('rect.background') ? getComputedStyle(svg.querySelector('rect.background')).fill : ${JSON.stringify(theme.background)},
          xLabels: [...svg.querySelectorAll('.bottom-axis .label text')].map((t) => {
            const r = t.getBoundingClientRect();
            return { text: t.textContent.trim(), left: r.left, right: r.right };
          }),
          yLabels: [...svg.querySelectorAll('.left-axis .label text')].map((t) => {
            const r = t.getBoundingClientRect();
            return { text: t.textContent.trim(), y: (r.top + r.bottom) / 2 };
          }),
          axisTitles: texts('.bottom-axis .title text, .left-axis .title text'),
        });
      }
      return { tables: document.querySelectorAll('table').length, folded: document.querySelectorAll('details table').length, charts };
    })()`)) as Page_;
    await page.screenshot({ path: join(dir, `${name}-${theme.theme}.png`), fullPage: true });
    const chart = await page.$('.chart');
    if (chart) await chart.screenshot({ path: join(dir, `${name}-${theme.theme}-chart.png`) });
    return result;
  }

  /** What a reader needs from the chart, in both of GitHub's themes. */
  async function checkChart(name: string, report: CanaryReport): Promise<{ errors: Point[]; limitY: number }[]> {
    const markdown = summaryOf(report);
    expect(markdown.match(/```mermaid/g)).toHaveLength(1);
    const looks = new Set(report.samples.map((s) => s.at)).size;
    const firstMinute = (Math.min(...report.samples.map((s) => s.at)) - Date.parse(report.startedAt)) / 60_000;
    const lastMinute = (Math.max(...report.samples.map((s) => s.at)) - Date.parse(report.startedAt)) / 60_000;
    const out: { errors: Point[]; limitY: number }[] = [];
    for (const theme of THEMES) {
      const rendered = await render(name, markdown, theme);
      // The steps and looks tables are tables (GitHub's parser, GitHub's extensions).
      expect(rendered.tables).toBeGreaterThanOrEqual(2);
      // 60+ looks: their table is folded away (with the queries'), not a page of rows.
      expect(rendered.folded).toBeGreaterThanOrEqual(1);
      expect(rendered.charts).toHaveLength(1);
      const chart = rendered.charts[0]!;
      expect(chart.error).toBeUndefined();
      expect(chart.title).toContain(`${report.result} at`);
      expect(chart.title).toContain('limit 5%');
      expect(chart.axisTitles).toEqual(['minutes since start', 'error rate, %']);

      // Two lines: the error rate, one point per look, and the limit.
      expect(chart.series).toHaveLength(2);
      const [errors, limit] = chart.series as [Point[], Point[]];
      expect(errors).toHaveLength(looks);
      expect(limit).toHaveLength(looks);
      // Both lines stand out from the chart's background in this theme (WCAG's 3:1 for graphics).
      for (const stroke of chart.strokes)
        expect(contrast(stroke, chart.background), `${stroke} on ${chart.background}`).toBeGreaterThanOrEqual(3);
      expect(chart.strokes[0]).not.toBe(chart.strokes[1]);

      // The limit is a flat line at the height of the y axis' "5".
      const five = chart.yLabels.find((l) => l.text === '5');
      expect(five, chart.yLabels.map((l) => l.text).join(' ')).toBeDefined();
      for (const p of limit) expect(Math.abs(p.y - five!.y)).toBeLessThan(2);

      // The time axis: a few round minutes, in order, within the canary's time, none overlapping.
      const minutes = chart.xLabels.map((l) => Number(l.text));
      expect(chart.xLabels.length).toBeGreaterThanOrEqual(3);
      expect(chart.xLabels.length).toBeLessThanOrEqual(15);
      for (const m of minutes) expect(Number.isFinite(m)).toBe(true);
      expect([...minutes].sort((a, b) => a - b)).toEqual(minutes);
      expect(minutes[0]!).toBeGreaterThanOrEqual(firstMinute - 0.01);
      expect(minutes[minutes.length - 1]!).toBeLessThanOrEqual(lastMinute + 0.01);
      for (let i = 1; i < chart.xLabels.length; i++) expect(chart.xLabels[i]!.left).toBeGreaterThan(chart.xLabels[i - 1]!.right);
      // Each look is drawn at its time on that axis (the labels are the scale).
      const px = (minute: number) => {
        const [a, b] = [chart.xLabels[0]!, chart.xLabels[chart.xLabels.length - 1]!];
        const [xa, xb] = [(a.left + a.right) / 2, (b.left + b.right) / 2];
        return xa + ((minute - minutes[0]!) / (minutes[minutes.length - 1]! - minutes[0]!)) * (xb - xa);
      };
      const times = [...new Set(report.samples.map((s) => s.at))].map((at) => (at - Date.parse(report.startedAt)) / 60_000);
      const step = (px(lastMinute) - px(firstMinute)) / (looks - 1);
      errors.forEach((p, i) => expect(Math.abs(p.x - px(times[i]!)), `look ${i + 1}`).toBeLessThan(step));
      out.push({ errors, limitY: five!.y });
    }
    expect(outside).toEqual([]);
    return out;
  }

  it('a promoted canary of 80 looks: every look under the limit line', async () => {
    const report = canaryReport({ stable: healthy, canary: healthy, requestsPerSample: 200 }, 11);
    expect(report.result).toBe('promoted');
    for (const { errors, limitY } of await checkChart('promoted', report)) {
      for (const p of errors) expect(p.y).toBeGreaterThan(limitY);
    }
  });

  it('a canary aborted after 60+ looks: the last look above the limit line', async () => {
    const faulty = (interval: number) => (interval >= 66 ? { ...healthy, errorRate: 0.3 } : healthy);
    const report = canaryReport({ stable: healthy, canary: faulty, requestsPerSample: 200 }, 12);
    expect(report.result).toBe('aborted');
    expect(new Set(report.samples.map((s) => s.at)).size).toBeGreaterThanOrEqual(60);
    for (const { errors, limitY } of await checkChart('aborted', report)) {
      expect(errors[errors.length - 1]!.y).toBeLessThan(limitY);
      for (const p of errors.slice(0, 60)) expect(p.y).toBeGreaterThan(limitY);
    }
  });
});
