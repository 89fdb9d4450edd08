// The layers of src/ (npm run lint:deps). A module may import its own layer's modules or lower ones:
//
//   entries/, workflow/, actions.ts, dispatch.ts      what a runner or the command line starts
//   build scan deploy smoke canary rollback gate health   one folder per action
//   records/ verify/ drivers/ notify/                 shared capabilities
//   core/                                             runner I/O, inputs, exec, GitHub client
//
// Action folders do not import each other, except the shared modules listed in ACTION_SHARED.
// A known exception below is a debt to pay, not a pattern to follow: each names where it goes.
/** @type {import('dependency-cruiser').IConfiguration} */

const ACTIONS = '(build|scan|deploy|smoke|canary|rollback|gate|health)';
const MIDDLE = '(records|verify|drivers|notify)';
const TOP = '^src/(entries|workflow)/|^src/(actions|dispatch)\\.ts$';

// Modules of one action that others legitimately use. smoke's checks and their runner are the
// check engine (rollback and health run the same checks); deploy's manifest defaults and hooks'
// record environment and build's manifest and version rules are read by the actions after them.
const ACTION_SHARED = [
  '^src/smoke/(checks|runner)\\.ts$',
  '^src/deploy/(manifest|hooks)\\.ts$',
  '^src/build/(manifest|version)\\.ts$',
];

// Lower layers importing an action's module today. TODO(#15): move these modules down
// (the check engine into verify/, the manifest defaults into records/), then drop the exceptions.
const KNOWN_UPWARD = [
  { from: '^src/verify/sources/smoke\\.ts$', to: '^src/smoke/(checks|runner)\\.ts$' },
  { from: '^src/notify/index\\.ts$', to: '^src/deploy/manifest\\.ts$' },
];

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
      comment: `records/, verify/, drivers/ and notify/ sit below the actions and the entry points.`,
      from: { path: `^src/${MIDDLE}/`, pathNot: KNOWN_UPWARD.map((e) => e.from) },
      to: { path: [`^src/${ACTIONS}/`, TOP] },
    },
    ...KNOWN_UPWARD.map(({ from, to }, i) => ({
      name: `shared-below-actions-known-${i + 1}`,
      severity: 'error',
      comment: 'A known upward import: only the module named in .dependency-cruiser.cjs, nothing more.',
      from: { path: from },
      to: { path: [`^src/${ACTIONS}/`, TOP], pathNot: to },
    })),
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
