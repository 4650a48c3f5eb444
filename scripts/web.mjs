// npm run web: the engine and the screens in your browser, on 127.0.0.1.
import { serveBrowserMode } from './browser-mode.mjs';
import { requireSupportedNode } from './runtime.mjs';

requireSupportedNode('run web');
process.exit(await serveBrowserMode());
