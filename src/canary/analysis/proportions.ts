/**
 * One-sided test that one proportion exceeds a multiple of another plus a margin,
 * H0: pA <= ratio * pB + margin against H1: pA > ratio * pB + margin.
 *
 * Adjusted Wald test (Agresti & Caffo 2000: one event and one non-event added to each group),
 * which keeps its level at zero counts where the plain Wald test breaks down: 0 errors against
 * 1 error out of 200 requests is no evidence of anything.
 */
import { normalSf } from './stats.js';

export interface Counts {
  /** Events (e.g. failed requests). */
  events: number;
  /** Trials (e.g. requests); at least 1. */
  trials: number;
}

export interface ProportionTestResult {
  z: number;
  pValue: number;
}

export function proportionExcessTest(
  a: Counts,
  b: Counts,
  { ratio = 1, margin = 0 }: { ratio?: number; margin?: number } = {},
): ProportionTestResult {
  checkCounts(a);
  checkCounts(b);
  const na = a.trials + 2;
  const nb = b.trials + 2;
  const pa = (a.events + 1) / na;
  const pb = (b.events + 1) / nb;
  const difference = pa - ratio * pb - margin;
  const se = Math.sqrt((pa * (1 - pa)) / na + (ratio * ratio * pb * (1 - pb)) / nb);
  const z = difference / se;
  return { z, pValue: normalSf(z) };
}

function checkCounts({ events, trials }: Counts): void {
  if (!Number.isInteger(trials) || trials < 1) throw new RangeError(`trials must be a positive integer, got ${trials}`);
  if (!Number.isInteger(events) || events < 0 || events > trials) {
    throw new RangeError(`events must be an integer within 0..${trials}, got ${events}`);
  }
}
