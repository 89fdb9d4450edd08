export { createKubernetesDriver, type KubernetesDriverOptions } from './driver.js';
export { canaryName, checkKubernetesSettings, type KubernetesSettings } from './settings.js';
export { KubectlError, runKubectl, type KubectlRunOptions } from './kubectl.js';
export { formatArgv } from './argv.js';
export { kubernetesDriver, kubernetesTraits, type KubernetesDriver } from './driver.js';
