import { runHealth } from '../health/run.js';

// `shipline health ...` (bin/shipline.js starts this bundle with the arguments after `health`).
const controller = new AbortController();
for (const name of ['SIGINT', 'SIGTERM'] as const) process.on(name, () => controller.abort());
const code = await runHealth(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  signal: controller.signal,
});
// Exit once stdout has taken the last round (a pipe is written asynchronously).
process.stdout.write('', () => process.exit(code));
