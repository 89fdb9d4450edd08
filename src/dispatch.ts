import * as core from './core/runner-io.js';
import { ACTIONS, ACTION_NAMES } from './actions.js';

/** The root action: `command: <action>` runs that action with the same inputs. */
export async function dispatch(command = core.getInput('command').trim()): Promise<number> {
  if (!(command in ACTIONS)) {
    const shown = command === '' ? 'is required' : `${JSON.stringify(command)} is not an action`;
    core.setFailed(`Input "command" ${shown}. Accepted: one of ${ACTION_NAMES.join(', ')}.`);
    return 1;
  }
  const load = ACTIONS[command];
  if (!load) {
    core.setFailed(`Input "command": the ${command} action is not yet available in this release. Available: ${ACTION_NAMES.filter((n) => ACTIONS[n]).join(', ')}.`);
    return 1;
  }
  const { run } = await load();
  return run();
}
