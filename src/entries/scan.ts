import { run } from '../scan/action.js';

await run();
