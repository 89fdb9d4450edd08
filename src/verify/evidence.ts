/**
 * Evidence rows for a summary table: plain strings, unescaped (the summary writer escapes them,
 * since metric names and reasons can come from outside).
 */
import type { SampleRecord } from './judge.js';
import { formatNumber } from './sample.js';
import type { Threshold } from './types.js';

export const EVIDENCE_HEADER = ['step', 'weight', 'time', 'metric', 'value', 'threshold', 'verdict', 'reason'] as const;

export function formatThreshold(threshold: Threshold | undefined): string {
  const parts: string[] = [];
  if (threshold?.min !== undefined) parts.push(`>= ${formatNumber(threshold.min)}`);
  if (threshold?.max !== undefined) parts.push(`<= ${formatNumber(threshold.max)}`);
  return parts.length > 0 ? parts.join(' and ') : '-';
}

export function evidenceRows(records: readonly SampleRecord[]): string[][] {
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
