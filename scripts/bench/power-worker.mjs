// One level of the canary power table, in a worker thread (see canary.mjs benchPower).
import { parentPort, workerData } from 'node:worker_threads';

const { powerTable, formatPowerTable } = await import(workerData.compiled);
const rows = powerTable({ requestsPerSample: workerData.requestsPerSample });
parentPort.postMessage({ rows, table: formatPowerTable(rows) });
