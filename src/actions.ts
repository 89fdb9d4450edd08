import type { RunOptions } from './core/run.js';

type Runner = (opts?: RunOptions) => Promise<number>;

/**
 * Every action the root `action.yml` can run with `command:`. An entry of `undefined` is an
 * action of the contract that this release does not ship yet.
 */
export const ACTIONS: Record<string, (() => Promise<{ run: Runner }>) | undefined> = {
  build: undefined,
  scan: undefined,
  deploy: undefined,
  smoke: () => import('./smoke/action.js'),
  canary: undefined,
  rollback: undefined,
  gate: undefined,
};

export const ACTION_NAMES = Object.keys(ACTIONS);
