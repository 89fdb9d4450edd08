/** The build action's inputs and context, and the inputs checked together. */
import { commonFields } from '../core/common-fields.js';
import * as f from '../core/fields.js';
import type { ActionContext } from '../core/run.js';
import { buildArgsField, globsField, imageField, platformsField, versionField } from './inputs.js';
import type { RegistryCredentials } from './registry-auth.js';

export const fields = {
  version: versionField(),
  image: imageField(),
  push: f.bool({ default: false }),
  platforms: platformsField(),
  context: f.string({ form: 'a directory path relative to the workspace', default: '.' }),
  file: f.string({ form: 'a Dockerfile path relative to the workspace' }),
  'build-args': buildArgsField(),
  builder: f.oneOf(['auto', 'buildx', 'buildah'] as const, { default: 'auto' as const }),
  'build-command': f.string({ form: 'a shell command' }),
  'artifact-path': globsField(),
  'registry-username': f.string({ form: 'a registry user name' }),
  'registry-password': f.string({ form: 'a registry password or access token', secret: true, configurable: false }),
  ...commonFields,
};

export type Ctx = ActionContext<typeof fields>;

/** The part of the settings that depends on other inputs, checked before anything runs. */
export interface Checked {
  context: string;
  file?: string;
  credentials?: RegistryCredentials;
  warnings: string[];
}

export type BuildSettings = Ctx['settings'];
