/** One policy's verdict on one subject (an environment, for require-successful and min-soak). */
export interface PolicyVerdict {
  policy: 'require-successful' | 'min-soak' | 'freeze' | 'paused-canary';
  subject?: string;
  verdict: 'pass' | 'refused' | 'overridden' | 'off';
  /** What was found, in words: the record, the soak time, the window in force. */
  evidence: string;
}

export interface Decision {
  allowed: boolean;
  /** One line per refusing policy. */
  reasons: string[];
}

export const policyLabel = (v: PolicyVerdict) => (v.subject ? `${v.policy} (${v.subject})` : v.policy);

/** Allowed when no policy refused; an overridden freeze does not refuse. */
export function decide(verdicts: PolicyVerdict[]): Decision {
  const refused = verdicts.filter((v) => v.verdict === 'refused');
  return { allowed: refused.length === 0, reasons: refused.map((v) => `${policyLabel(v)}: ${v.evidence}`) };
}
