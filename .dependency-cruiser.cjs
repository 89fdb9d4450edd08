// The layers of src/ (npm run lint:deps). A module may import its own layer's modules or lower ones:
//
//   entries/, workflow/, actions.ts, dispatch.ts      what a runner or the command line starts
//   build scan deploy smoke canary rollback gate health   one folder per action
//   records/ checks/ verify/ drivers/ notify/         shared capabilities
//   core/                                             runner I/O, inputs, exec, GitHub client
//
// records/ holds what actions leave for later ones (deployment records, the build manifest);
// checks/ is the HTTP check engine (parse checks, run them, evaluate) that smoke, health,
// rollback, verify and deploy share. Action folders do not import each other, except the shared
// modules listed in ACTION_SHARED.
/** @type {import('dependency-cruiser').IConfiguration} */

const ACTIONS = '(build|scan|deploy|smoke|canary|rollback|gate|health)';
const MIDDLE = '(records|checks|verify|drivers|notify)';
const TOP = '^src/(entries|workflow)/|^src/(actions|dispatch)\\.ts$';

// Modules of one action that another uses as that action's own rule:
// - deploy/hooks: rollback reads the values deploy's hooks kept in a record (recordEnv) back by the
//   same rule they were written with, so a rollback's hooks see what the deploy's hooks kept;
// - build/version: deploy given no manifest names a version's channel by build's rule (channelOf),
//   so deploy and build agree on the channel of the same ref.
const ACTION_SHARED = ['^src/deploy/hooks\\.ts$', '^src/build/version\\.ts$'];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes load order matter and the layers meaningless.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-not-from-test',
      severity: 'error',
      comment: 'Production code never imports test code.',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
    {
      name: 'core-is-lowest',
      severity: 'error',
      comment: 'core/ imports nothing else from src/.',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'shared-below-actions',
      severity: 'error',
      comment: `records/, checks/, verify/, drivers/ and notify/ sit below the actions and the entry points.`,
      from: { path: `^src/${MIDDLE}/` },
      to: { path: [`^src/${ACTIONS}/`, TOP] },
    },
    {
      name: 'actions-below-entries',
      severity: 'error',
      comment: 'An action does not import the entry points, the workflow runner or the dispatcher.',
      from: { path: `^src/${ACTIONS}/` },
      to: { path: TOP },
    },
    {
      name: 'actions-independent',
      severity: 'error',
      comment: 'An action does not import another action, except the shared modules in ACTION_SHARED.',
      from: { path: `^src/${ACTIONS}/` },
      to: { path: `^src/${ACTIONS}/`, pathNot: ['^src/$1/', ...ACTION_SHARED] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|build|node_modules)/' },
    tsConfig: { fileName: 'tsconfig.test.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
