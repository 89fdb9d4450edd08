/** The deploy action's inputs and context, and the job its phases share. */
import { artifactField, commonFields, environmentField, githubFields, versionField } from '../core/common-fields.js';
import * as f from '../core/fields.js';
import type { ActionContext } from '../core/run.js';
import { driverFields } from '../drivers/fields.js';
import type { DeployRequest, Driver } from '../drivers/types.js';
import { notifyField } from '../notify/index.js';
import { blueGreenFields, type BlueGreen } from './blue-green.js';
import type { Cleared } from '../records/preflight.js';
import type { RecordPayload, RecordStore } from '../records/types.js';

export const fields = {
  environment: environmentField(true),
  version: versionField(false),
  artifact: artifactField(),
  manifest: f.string({ form: 'the path of the build manifest written by the build action' }),
  url: f.url(),
  'require-promotion-from': environmentField(false),
  timeout: f.duration({ min: 1_000, max: 6 * 3_600_000, default: 600_000 }),
  'pre-deploy-command': f.string({ form: 'a shell command' }),
  'post-deploy-command': f.string({ form: 'a shell command' }),
  notify: notifyField(),
  ...blueGreenFields,
  ...driverFields,
  ...githubFields,
  ...commonFields,
};

export type Ctx = ActionContext<typeof fields>;

/** What one deploy works on, known before anything changes. */
export interface DeployJob {
  env: string;
  version: string;
  artifact?: string;
  /** The environment URL given as input, its credentials stripped. */
  inputUrl?: string;
  driver: Driver;
  /** Set for `strategy: blue-green`: the slots, the checks on the idle one, the switch. */
  blueGreen?: BlueGreen;
  store: RecordStore;
  sha: string;
  ref: string;
  /** The version that ran before (set once the records are read). */
  previous?: string;
  /** The commit that ran before, for the compare view (set once the records are read). */
  previousSha?: string;
  /** What proved this commit and version in the earlier environment (require-promotion-from). */
  promotion?: Cleared['promotionEvidence'];
  req: DeployRequest;
  payload: RecordPayload;
}
