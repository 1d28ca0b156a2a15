// The options page: what lede is, its version and the reading-view
// shortcut (which the user changes in the browser's shortcut settings).

import { api } from '../shared/browser.js';

document.getElementById('version').textContent = api.runtime.getManifest().version;

api.commands.getAll().then((commands) => {
  const toggle = commands.find((c) => c.name === 'toggle-reader');
  const out = document.getElementById('shortcut');
  out.textContent = '';
  if (toggle?.shortcut) {
    const kbd = document.createElement('kbd');
    kbd.textContent = toggle.shortcut;
    out.append(kbd);
  } else {
    out.textContent = 'none set';
  }
});
