import { commitLink, link, runUrl } from '../core/links.js';
import { shownPath } from '../core/paths.js';
import { plural } from '../core/plural.js';
import { readRunnerContext, type RunnerContext } from '../core/runner.js';
import type { Summary } from '../core/summary.js';
import type { ArchiveResult } from './archive.js';
import type { ImageBuildResult } from './container.js';
import type { ResolvedVersion } from './version.js';

/** What one run of the build action found and made, for its job summary. */
export interface BuildReport {
  resolved?: ResolvedVersion;
  commit?: string;
  ref?: string;
  event?: string;
  /** Where the existing tags came from (only read for releases). */
  tagSource?: string;
  command?: { ms: number };
  archive?: { result: ArchiveResult; ms: number };
  image?: { result: ImageBuildResult; ms: number };
  manifest?: string;
  totalMs: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;

function what(report: BuildReport): string {
  const made = [
    ...(report.image ? [`image ${report.image.result.reference}`] : []),
    ...(report.archive ? [`archive of ${plural(report.archive.result.files.length, 'file')}`] : []),
  ];
  if (made.length) return made.join(' and ');
  return report.command ? 'build-command only (no artifact-path)' : 'version only (no image or artifact-path)';
}

export function verdictLine(report: BuildReport): string {
  const version = report.resolved ? `${report.resolved.version} (${report.resolved.channel})` : '';
  return `Built ${version}: ${what(report)} in ${seconds(report.totalMs)}`;
}

/**
 * The facts of a build, and its timing; escaped by the Summary. Links and paths come from the
 * runner's context: the commit's page, the run, files named relative to the workspace or the
 * runner's temp folder (never a long /tmp path).
 */
export function writeBuildFacts(summary: Summary, report: BuildReport, runner: RunnerContext = readRunnerContext()): void {
  const r = report.resolved;
  const image = report.image?.result;
  const archive = report.archive?.result;
  // The heading names the version once it is known (it replaces the plain `Build`).
  if (r) summary.title(`Build ${r.version}`);
  summary.facts([
    ['version', r?.version],
    ['channel', r?.channel],
    ['tags', r?.tags.join(', ')],
    ['existing tags read from', report.tagSource],
    ['event', report.event],
    ['ref', report.ref],
    ['commit', report.commit ? commitLink(runner, report.commit) : undefined],
    ['image', image ? `${image.reference}${image.pushed ? ' (pushed)' : ' (not pushed)'}` : undefined],
    ['builder', image?.builder],
    ['image digest', image?.digest],
    ['archive', archive ? shownPath(archive.path, runner) : undefined],
    ['archive digest', archive?.sha256],
    ['archive size', archive ? `${plural(archive.files.length, 'file')}, ${plural(archive.bytes, 'byte')}` : undefined],
    ['manifest', report.manifest ? shownPath(report.manifest, runner) : undefined],
    ['run', runUrl(runner) ? link(`run ${runner.runId}`, runUrl(runner)) : undefined],
  ]);
  const timing: [string, string][] = [];
  if (report.command) timing.push(['build-command', seconds(report.command.ms)]);
  if (report.archive) timing.push(['archive', seconds(report.archive.ms)]);
  if (report.image) timing.push([`image (${report.image.result.builder})`, seconds(report.image.ms)]);
  timing.push(['total', seconds(report.totalMs)]);
  summary.table(['step', 'time'], timing);
}
