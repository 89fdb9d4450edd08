// The root action's dispatch, in process: a command is one of the actions, nothing else.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACTION_NAMES } from '../../src/actions.js';
import { dispatch } from '../../src/dispatch.js';

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('dispatch', () => {
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'refuses %s (a property every object has) as not an action',
    async (command) => {
      const lines: string[] = [];
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
        lines.push(String(chunk));
        return true;
      });
      await expect(dispatch(command)).resolves.toBe(1);
      expect(lines.join('')).toContain(
        `::error::Input "command" ${JSON.stringify(command)} is not an action. Accepted: one of ${ACTION_NAMES.join(', ')}.`,
      );
    },
  );
});
