import { URL as NodeURL } from 'node:url';

// happy-dom puts its own URL on globalThis; the real server beside the components (file URLs for
// its assets, node:fs) needs Node's. The components do not care which one they get.
globalThis.URL = NodeURL as unknown as typeof URL;
