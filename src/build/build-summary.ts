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
    ...(report.archive ? [`archive of ${report.archive.result.files.length} file(s)`] : []),
  ];
  if (made.length) return made.join(' and ');
  return report.command ? 'build-command only (no artifact-path)' : 'version only (no image or artifact-path)';
}

export function verdictLine(report: BuildReport): string {
  const version = report.resolved ? `${report.resolved.version} (${report.resolved.channel})` : '';
  return `Built ${version}: ${what(report)} in ${seconds(report.totalMs)}`;
}

/** The facts of a build as a table, and its timing; escaped by the Summary. */
export function writeBuildFacts(summary: Summary, report: BuildReport): void {
  const r = report.resolved;
  const image = report.image?.result;
  const archive = report.archive?.result;
  summary.facts([
    ['version', r?.version],
    ['channel', r?.channel],
    ['tags', r?.tags.join(', ')],
    ['existing tags read from', report.tagSource],
    ['event', report.event],
    ['ref', report.ref],
    ['commit', report.commit],
    ['image', image ? `${image.reference}${image.pushed ? ' (pushed)' : ' (not pushed)'}` : undefined],
    ['builder', image?.builder],
    ['image digest', image?.digest],
    ['archive', archive?.path],
    ['archive digest', archive?.sha256],
    ['archive size', archive ? `${archive.files.length} file(s), ${archive.bytes} bytes` : undefined],
    ['manifest', report.manifest],
  ]);
  const timing: [string, string][] = [];
  if (report.command) timing.push(['build-command', seconds(report.command.ms)]);
  if (report.archive) timing.push(['archive', seconds(report.archive.ms)]);
  if (report.image) timing.push([`image (${report.image.result.builder})`, seconds(report.image.ms)]);
  timing.push(['total', seconds(report.totalMs)]);
  summary.table(['step', 'time'], timing);
}
