/** The canary action's inputs and context. */
import { artifactField, commonFields, environmentField, githubFields, versionField } from '../core/common-fields.js';
import * as f from '../core/fields.js';
import type { ActionContext } from '../core/run.js';
import { driverFields } from '../drivers/fields.js';
import { notifyField } from '../notify/index.js';
import { canaryFields } from './fields.js';

export const fields = {
  environment: environmentField(true),
  version: versionField(false),
  artifact: artifactField(),
  manifest: f.string({ form: 'the path of the build manifest written by the build action' }),
  resume: f.oneOf(['promote', 'abort'] as const, { configurable: false }),
  ...canaryFields,
  timeout: f.duration({ min: 1_000, max: 6 * 3_600_000, default: 600_000 }),
  report: f.string({ form: 'a file path for the JSON report' }),
  notify: notifyField(),
  ...driverFields,
  ...githubFields,
  ...commonFields,
};

export type Ctx = ActionContext<typeof fields>;
