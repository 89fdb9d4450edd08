import { describe, expect, it } from 'vitest';
import { ACTION_NAMES } from '../../src/actions.js';
import { runAction } from '../helpers/run-action.js';

describe('root action dispatch', () => {
  it('refuses an unknown command with the accepted list', async () => {
    const run = await runAction('shipline', { inputs: { command: 'deploy-everything' } });
    expect(run.code).toBe(1);
    expect(run.errors).toEqual([`::error::Input "command" "deploy-everything" is not an action. Accepted: one of ${ACTION_NAMES.join(', ')}.`]);
  });
  it('refuses a missing command', async () => {
    const run = await runAction('shipline', {});
    expect(run.code).toBe(1);
    expect(run.errors[0]).toMatch(/Input "command" is required/);
  });
});
