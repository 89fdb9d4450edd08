import { queryProxy } from './proxy-control.js';
import { isProcessAlive } from './processes.js';
import { readState, type EnvironmentPaths, type ProcessRecord, type ProxyRecord } from './state.js';

export interface LocalStatus {
  environment: string;
  deployed: boolean;
  url: string | null;
  stateFile: string;
  proxy: (ProxyRecord & { alive: boolean; answering: boolean; revision?: number }) | null;
  stable: (ProcessRecord & { alive: boolean }) | null;
  canary: (ProcessRecord & { alive: boolean }) | null;
  /** The weight in the state file. */
  weight: number;
  /** The weight the proxy applies now, when it answers. */
  proxyWeight?: number;
}

/** Reads the state file and checks every process in it (any process may call this). */
export async function readLocalStatus(paths: EnvironmentPaths, environment: string): Promise<LocalStatus> {
  const state = readState(paths.stateFile);
  if (!state) {
    return { environment, deployed: false, url: null, stateFile: paths.stateFile, proxy: null, stable: null, canary: null, weight: 0 };
  }
  const live = (record: ProcessRecord | null) => record && { ...record, alive: isProcessAlive(record.pid) };
  let proxy: LocalStatus['proxy'] = null;
  let proxyWeight: number | undefined;
  if (state.proxy) {
    const alive = isProcessAlive(state.proxy.pid);
    const view = alive ? await queryProxy(state.proxy.controlPort, state.proxy.pid) : null;
    proxy = { ...state.proxy, alive, answering: view !== null, ...(view ? { revision: view.revision } : {}) };
    if (view) proxyWeight = view.weight;
  }
  return {
    environment,
    deployed: state.stable !== null,
    url: `http://127.0.0.1:${state.publicPort}`,
    stateFile: paths.stateFile,
    proxy,
    stable: live(state.stable),
    canary: live(state.canary),
    weight: state.weight,
    ...(proxyWeight !== undefined ? { proxyWeight } : {}),
  };
}
