// The packed extension (dist/lede-firefox.xpi) in headless Firefox ESR. Firefox
// compiles WebAssembly in content scripts whatever the page's CSP
// (../shared/PLATFORM.md), so every variant takes the content path.

import { launchFirefox } from './helpers/browsers.mjs';
import { extensionSuite } from './helpers/suite.mjs';

extensionSuite({
  name: 'Firefox',
  launch: launchFirefox,
  variants: [
    { csp: null, path: 'content' },
    { csp: 'default-src', path: 'content' },
    { csp: 'script-src', path: 'content' },
  ],
});
