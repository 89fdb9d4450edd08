// An `environment:` approval: given with --approve, refused with --reject NAME, else asked on the
// terminal. Without a terminal and without --approve it is refused: the job does not run.
import { createInterface } from 'node:readline/promises';

export interface Approvals {
  approve: boolean;
  reject: string[];
  /** Whether a terminal can be asked. */
  interactive: boolean;
}

export async function approval(environment: string, job: string, a: Approvals): Promise<{ approved: boolean; reason: string }> {
  if (a.reject.includes(environment))
    return { approved: false, reason: `the deployment to ${environment} was rejected (--reject ${environment})` };
  if (a.approve) return { approved: true, reason: `approved with --approve` };
  if (!a.interactive)
    return {
      approved: false,
      reason: `job ${job} deploys to environment ${environment}, which needs an approval: run with --approve, or on a terminal to be asked`,
    };
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`Approve job ${job} to deploy to environment ${environment}? [y/N] `);
    return /^y(es)?$/i.test(answer.trim())
      ? { approved: true, reason: 'approved on the terminal' }
      : { approved: false, reason: `the deployment to ${environment} was rejected on the terminal` };
  } finally {
    rl.close();
  }
}
