/** The `local` driver: versions of an app as local processes behind a small weighted proxy. */
export { createLocalDriver, localDriver, localTraits, type LocalDriver, type LocalDriverSeams } from './driver.js';
export { LocalDriverError, type LocalErrorKind } from './errors.js';
export { LOCAL_PROXY_FLAG, runLocalProxy, startLocalProxy, type RunningProxy } from './proxy-main.js';
export { resolveLocalSettings, type LocalDriverSettings, type ResolvedLocalSettings } from './settings.js';
export { environmentPaths, readState, type EnvironmentState, type ProcessRecord } from './state.js';
export type { LocalStatus } from './status.js';
