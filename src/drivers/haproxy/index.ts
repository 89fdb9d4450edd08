export { createHaproxyDriver, checkHaproxySettings, DEPLOY_UNSUPPORTED, type HaproxySettings } from './driver.js';
export { HaproxyRuntimeClient } from './client.js';
export { HaproxyError, type HaproxyErrorKind } from './errors.js';
export { parseSocketAddress } from './address.js';
export { planWeightCommands, weightChanges } from './commands.js';
export { haproxyDriver, haproxyTraits } from './compose.js';
