import type { Summary } from '../core/summary.js';
import type { Decision, PolicyVerdict } from './verdict.js';
import { policyLabel } from './verdict.js';

const MARK: Record<PolicyVerdict['verdict'], string> = {
  pass: '✅ pass',
  refused: '❌ refused',
  overridden: '⚠️ overridden',
  off: '➖ not set',
};

export interface ReportFacts {
  subject: string;
  environment: string;
  commit: string;
  at: string;
  records?: string;
  dryRun: boolean;
  fail: boolean;
}

/** The gate's summary: the decision first, then every policy with its verdict and evidence. */
export function writeReport(summary: Summary, decision: Decision, verdicts: PolicyVerdict[], facts: ReportFacts): void {
  summary.heading(`Gate: ${facts.subject} to ${facts.environment}`);
  const what = `${facts.subject} ${decision.allowed ? 'may' : 'may not'} go to ${facts.environment} now`;
  if (decision.allowed) summary.verdict('pass', what);
  else if (facts.dryRun) summary.verdict('info', `Dry run: ${what}; the step does not fail in a dry run.`);
  else if (!facts.fail) summary.verdict('info', `${what} (fail: false, so the step passes with allowed=false).`);
  else summary.verdict('fail', what);
  summary.table(
    ['policy', 'verdict', 'evidence'],
    verdicts.map((v) => [policyLabel(v), MARK[v.verdict], v.evidence]),
  );
  summary.facts([
    ['commit', facts.commit],
    ['decided at', facts.at],
    ['deployment records', facts.records ?? 'not read (no require-successful policy)'],
  ]);
}
