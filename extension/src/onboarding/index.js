// The onboarding page, opened on install in Firefox, where an MV3
// extension's host permissions (content script matches included) are
// opt-in: it says why lede needs to run on every site and asks for it from
// a button (permissions.request needs a user action). The origins asked
// for are the content scripts' own matches, so there is one list to keep.

import { api } from '../shared/browser.js';
import { localize, t } from '../shared/i18n.js';

localize();

const origins = [...new Set(api.runtime.getManifest().content_scripts.flatMap((c) => c.matches))];
const state = document.getElementById('state');
const button = document.getElementById('grant');

function show(granted) {
  state.dataset.granted = String(granted);
  state.textContent = t(granted ? 'onboardingGranted' : 'onboardingNotGranted');
  button.hidden = granted;
}

button.addEventListener('click', async () => {
  // No await before request(): it must run in the click's user action.
  const asked = api.permissions.request({ origins });
  try {
    show(await asked);
  } catch (error) {
    state.dataset.granted = 'false';
    state.textContent = `${t('onboardingNotGranted')} (${error?.message ?? error})`;
  }
});

api.permissions.contains({ origins }).then(show);
api.permissions.onAdded?.addListener(() => api.permissions.contains({ origins }).then(show));
api.permissions.onRemoved?.addListener(() => api.permissions.contains({ origins }).then(show));
