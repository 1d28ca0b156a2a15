// The toolbar popup: its first control toggles the reading view in the
// active tab (the toolbar button's job once the button opens a popup).

import { api } from '../shared/browser.js';
import { BGtoCS } from '../shared/messages.js';

for (const node of document.querySelectorAll('[data-i18n]')) {
  node.textContent = api.i18n.getMessage(node.dataset.i18n) || node.textContent;
}

document.getElementById('reader').addEventListener('click', async () => {
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  if (tab?.id !== undefined) await api.tabs.sendMessage(tab.id, { type: BGtoCS.TOGGLE_READER }).catch(() => {});
  window.close();
});
