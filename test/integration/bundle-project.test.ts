// The bundle project's setup (test/global-setup.ts) ran before this file: the bundles the other
// files in this project start are what the current sources build, never a stale dist/.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCurrent } from '../../scripts/build-stamp.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');

describe('dist/ is built from the current sources before the bundle tests', () => {
  it('the bundles this run tests are what the current sources build (test/global-setup.ts)', () => {
    expect(isCurrent(ROOT)).toBe(true);
  });
});
