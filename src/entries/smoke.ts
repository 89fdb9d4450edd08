import { run } from '../smoke/action.js';

await run();
