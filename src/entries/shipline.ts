import { dispatch } from '../dispatch.js';
import { LOCAL_PROXY_FLAG, runLocalProxy } from '../drivers/local/index.js';

// The local driver starts its traffic proxy as this same bundle with a flag.
if (process.argv[2] === LOCAL_PROXY_FLAG) await runLocalProxy(process.argv.slice(3));
else await dispatch();
