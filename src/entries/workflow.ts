import { Cancellation } from '../workflow/cancel.js';
import { workflowCli } from '../workflow/cli.js';

// `shipline workflow ...` (bin/shipline.js starts this bundle with the arguments after `workflow`).
const cancellation = new Cancellation();
let signals = 0;
const onSignal = () => {
  if (++signals > 1) process.exit(130);
  process.stderr.write('\nshipline workflow: cancelling the run (again to stop at once)\n');
  cancellation.cancel();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);
const code = await workflowCli(
  process.argv.slice(2),
  {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
    isTerminal: (stream) => Boolean(process[stream].isTTY),
  },
  cancellation,
);
process.exitCode = code;
