import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * The bundle tests: files that run what `npm run build` wrote, the way users do (dist/ through
 * test/helpers/run-action.ts, bin/shipline.js, the demo), or check the bundles exist. They run in
 * the `bundle` project, whose setup first builds dist/ when it is not what the current sources
 * build (test/global-setup.ts); everything else runs in `unit`, which never needs dist/.
 * Decided by what a file does, so a new test lands in the right project without a list to keep.
 */
const RUNS_BUNDLES = [
  /import \{[^}]*\brunAction\b[^}]*\} from '\.\.\/helpers\/run-action\.js'/, // a bundle, as a runner starts it
  /from '\.\.\/helpers\/rehearsal\.js'/, // whole workflows of bundles
  /'bin', 'shipline\.js'/, // the command line, which starts the bundles
  /'scripts', 'demo\.mjs'/,
  /join\(ROOT, 'dist'/, // checks the bundles exist
  /\bisCurrent\(ROOT\)/, // checks they are what the sources build
];

export function bundleTestFiles(root = import.meta.dirname): string[] {
  return readdirSync(join(root, 'test'), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => `test/${name.split('\\').join('/')}`)
    .filter((file) => {
      const text = readFileSync(join(root, file), 'utf8');
      return RUNS_BUNDLES.some((pattern) => pattern.test(text));
    })
    .sort();
}

const bundle = bundleTestFiles();

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: bundle } },
      // Builds dist/ first when it is not what the current sources build (test/global-setup.ts).
      { extends: true, test: { name: 'bundle', include: bundle, globalSetup: ['test/global-setup.ts'] } },
    ],
  },
});
