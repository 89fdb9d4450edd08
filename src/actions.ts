import type { Fields } from './core/fields.js';
import type { RunOptions } from './core/run.js';

type Runner = (opts?: RunOptions) => Promise<number>;

/** Every action the root `action.yml` can run with `command:`. */
export const ACTIONS: Record<string, () => Promise<{ run: Runner; fields: Fields }>> = {
  build: () => import('./build/action.js'),
  scan: () => import('./scan/action.js'),
  deploy: () => import('./deploy/action.js'),
  smoke: () => import('./smoke/action.js'),
  canary: () => import('./canary/action.js'),
  rollback: () => import('./rollback/action.js'),
  gate: () => import('./gate/action.js'),
};

export const ACTION_NAMES = Object.keys(ACTIONS);
