import * as core from './core/runner-io.js';
import { ACTIONS, ACTION_NAMES } from './actions.js';

/** The root action: `command: <action>` runs that action with the same inputs. */
export async function dispatch(command = core.getInput('command').trim()): Promise<number> {
  if (!Object.hasOwn(ACTIONS, command)) {
    const shown = command === '' ? 'is required' : `${JSON.stringify(command)} is not an action`;
    core.setFailed(`Input "command" ${shown}. Accepted: one of ${ACTION_NAMES.join(', ')}.`);
    return 1;
  }
  const { run, fields } = await ACTIONS[command]();
  warnIgnoredInputs(command, Object.keys(fields));
  return run();
}

/**
 * Inputs of the root action.yml that have a default: the runner sets them for every command, so
 * they say nothing about what the workflow gave. (A test keeps this list equal to action.yml's.)
 */
export const ROOT_DEFAULTED_INPUTS = ['github-token'];

/**
 * The inputs a workflow gave that the chosen action does not take: with the root action every
 * input of every action is accepted, so a misplaced one (`steps` given to deploy) would otherwise
 * be dropped without a word.
 */
export function warnIgnoredInputs(command: string, taken: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] {
  const known = new Set([...taken, 'command', ...ROOT_DEFAULTED_INPUTS].map((name) => `INPUT_${name.toUpperCase()}`));
  const ignored = Object.entries(env)
    .filter(([name, value]) => name.startsWith('INPUT_') && !known.has(name) && (value ?? '').trim() !== '')
    .map(([name]) => name.slice('INPUT_'.length).toLowerCase())
    .sort();
  if (ignored.length > 0) {
    const list = ignored.map((name) => JSON.stringify(name)).join(', ');
    core.warning(
      `${ignored.length === 1 ? 'Input' : 'Inputs'} ${list} ${ignored.length === 1 ? 'is' : 'are'} ` +
        `not taken by the ${command} action and ${ignored.length === 1 ? 'is' : 'are'} ignored. ` +
        `Accepted with command: ${command}: the inputs of actions/${command} (see its README).`,
    );
  }
  return ignored;
}
