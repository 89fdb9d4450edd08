import { run } from '../build/action.js';

await run();
