// Before any test: the integration tests run the bundles in dist/, so dist/ must be built from
// the sources as they are now. Rebuilds only when the sources (or dist/) changed since the last
// full build, so a run after an unchanged checkout costs a hash of the files, not a build.
import { resolve } from 'node:path';
import { ensureBuilt } from '../scripts/build-stamp.mjs';

export default function setup(): void {
  ensureBuilt(resolve(import.meta.dirname, '..'));
}
