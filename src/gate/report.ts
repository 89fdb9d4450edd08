import { commitLink, deploymentsUrl, link } from '../core/links.js';
import { isAbsolute } from 'node:path';
import { shownPath } from '../core/paths.js';
import { plural } from '../core/plural.js';
import type { RunnerContext } from '../core/runner.js';
import type { Summary } from '../core/summary.js';
import { formatTime } from '../core/time-format.js';
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
  /** When the gate decided (milliseconds since the epoch). */
  at: number;
  records?: string;
  dryRun: boolean;
  fail: boolean;
  /** For the links: the repository and server the run belongs to. */
  runner?: Pick<RunnerContext, 'serverUrl' | 'repository' | 'workspace' | 'temp'>;
}

/** The policies that refused, each with what it found: `freeze: "Sun 23:00-01:00" is in force until ...`. */
const refusals = (decision: Decision) => decision.reasons.join('; ');

/**
 * The gate's summary. Used as a query (`fail: false`), one neutral line: the answer, and why, with
 * no refusal table (a workflow asking "is it live there yet?" is not refused anything). Otherwise
 * the decision first, naming the policies that refused, then every policy with its evidence.
 */
export function writeReport(summary: Summary, decision: Decision, verdicts: PolicyVerdict[], facts: ReportFacts): void {
  if (!decision.allowed && !facts.fail && !facts.dryRun) {
    summary.verdict(
      'info',
      `${facts.environment}: ${facts.subject} is not allowed there yet ` +
        `(${refusals(decision)}); fail: false, so the step passes with allowed=false.`,
    );
    return;
  }
  summary.heading(`Gate: ${facts.subject} to ${facts.environment}`);
  const inForce = verdicts.filter((v) => v.verdict !== 'off');
  const what = `${facts.subject} ${decision.allowed ? 'may' : 'may not'} go to ${facts.environment} now`;
  if (decision.allowed) {
    const passed =
      inForce.length === 0
        ? 'no policy set'
        : `${inForce.length === 1 ? 'its 1 policy' : `all ${plural(inForce.length, 'policy', 'policies')}`} in force passed`;
    summary.verdict('pass', `${what}: ${passed}`);
  } else if (facts.dryRun) summary.verdict('info', `Dry run: ${what}: ${refusals(decision)}; the step does not fail in a dry run.`);
  else summary.verdict('fail', `${what}: ${refusals(decision)}`);
  summary.table(
    ['policy', 'verdict', 'evidence'],
    verdicts.map((v) => [policyLabel(v), MARK[v.verdict], v.evidence]),
  );
  const runner = facts.runner;
  summary.facts([
    ['commit', runner ? commitLink(runner, facts.commit) : facts.commit],
    ['environment', runner ? link(facts.environment, deploymentsUrl(runner, facts.environment)) : facts.environment],
    ['decided at', formatTime(facts.at)],
    // GitHub's deployments by name; a local ledger by its path, relative to the workspace.
    [
      'deployment records',
      facts.records === undefined
        ? 'not read (no require-successful policy)'
        : runner && isAbsolute(facts.records)
          ? shownPath(facts.records, runner)
          : facts.records,
    ],
  ]);
}
