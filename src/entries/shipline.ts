import { dispatch } from '../dispatch.js';

await dispatch();
