import { run } from '../gate/action.js';

await run();
