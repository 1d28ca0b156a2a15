// The toolbar popup for the active tab: the reading-view toggle, what lede
// did on the page (the background's per-tab record, so a failure is told
// even where the content script has nothing to show), this site's switches,
// and the hidden blocks, each revealable, with "never hide this here".
//
//   popup ──tabs.sendMessage 'ui-cs-*'──► content script: blocks, reveal, keep
//         ◄──storage.session tab:<id>──── background: status, count, error
//         ──settings.js saveSite──► storage.local (the content script follows)
//
// `?tab=<id>` picks the tab instead of the active one (the e2e tests open
// the popup in a tab of its own, where the active tab is the popup itself).

import { api } from '../shared/browser.js';
import { localize, t } from '../shared/i18n.js';
import { BGtoCS, STATUS, UItoCS, tabKey, unwrap } from '../shared/messages.js';
import { KINDS, effective, loadSettings, loadSite, onChange, saveSite } from '../shared/settings.js';

const $ = (id) => document.getElementById(id);

localize();

async function targetTab() {
  const fromQuery = Number.parseInt(new URLSearchParams(location.search).get('tab') ?? '', 10);
  if (Number.isInteger(fromQuery)) return fromQuery;
  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

const tabId = await targetTab();

async function send(message) {
  if (tabId === undefined) return null;
  try {
    return unwrap(await api.tabs.sendMessage(tabId, message));
  } catch {
    // No lede content script in that tab (not an http(s) page, no host permission, or it predates lede).
    return null;
  }
}

async function record() {
  if (tabId === undefined) return null;
  const got = await api.storage.session.get(tabKey(tabId));
  return got?.[tabKey(tabId)] ?? null;
}

function statusText(status, count) {
  if (status === STATUS.FAILED) return t('popupStatusFailed');
  if (status === STATUS.OFF) return t('popupStatusOff');
  if (status === STATUS.NOT_ARTICLE) return t('popupStatusNotArticle');
  if (status === STATUS.CLEANED) return count > 0 ? t('popupStatusHidden', [String(count)]) : t('popupStatusNothing');
  return t('popupStatusWorking');
}

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') node.textContent = v;
    else if (k === 'onclick') node.addEventListener('click', v);
    else node.setAttribute(k, v);
  }
  node.append(...children);
  return node;
}

async function act(message) {
  const next = await send(message);
  if (next) render(next, await record());
}

function blockItem(b) {
  const actions = [];
  if (!b.shown) {
    actions.push(el('button', { type: 'button', class: 'reveal', text: t('popupReveal'), onclick: () => act({ type: UItoCS.REVEAL, id: b.id }) }));
  } else if (b.revealed) {
    actions.push(el('button', { type: 'button', class: 'hide', text: t('popupHide'), onclick: () => act({ type: UItoCS.HIDE, id: b.id }) }));
  }
  if (b.kept) actions.push(el('span', { class: 'note', text: t('popupKeptHere') }));
  else if (b.kindOff) actions.push(el('span', { class: 'note', text: t('popupKindOff') }));
  else actions.push(el('button', { type: 'button', class: 'keep', text: t('popupKeep'), onclick: () => act({ type: UItoCS.KEEP, id: b.id }) }));
  return el('li', { 'data-id': String(b.id), 'data-kind': b.kind, 'data-shown': String(b.shown) }, [
    el('span', { class: 'text' }, [el('span', { class: 'kind', text: kindName(b.kind) }), b.text]),
    el('span', { class: 'reason', text: b.reason }),
    el('span', { class: 'actions' }, actions),
  ]);
}

function kindName(kind) {
  return api.i18n.getMessage(`kind_${kind}`) || kind;
}

let site = null;

async function renderSite(host) {
  const [settings, rules] = await Promise.all([loadSettings(), loadSite(host)]);
  site = { host, settings, rules };
  const eff = effective(settings, rules);
  $('site').hidden = false;
  $('siteHeading').textContent = host;
  $('autoClean').checked = eff.autoClean;
  $('alwaysReader').checked = eff.alwaysReader;
  const box = $('siteKinds');
  for (const kind of KINDS) {
    let input = box.querySelector(`input[data-kind="${kind}"]`);
    if (!input) {
      input = el('input', { type: 'checkbox', 'data-kind': kind });
      input.addEventListener('change', () => {
        const value = input.checked === site.settings.kinds[kind] ? undefined : input.checked;
        saveSite(site.host, { kinds: { [kind]: value } });
      });
      box.append(el('label', {}, [input, ` ${kindName(kind)}`]));
    }
    input.checked = eff.kinds[kind] !== false;
    input.disabled = !eff.autoClean;
  }
}

$('autoClean').addEventListener('change', (e) => {
  if (!site) return;
  saveSite(site.host, { autoClean: e.target.checked === site.settings.autoClean ? null : e.target.checked });
});
$('alwaysReader').addEventListener('change', (e) => {
  if (site) saveSite(site.host, { alwaysReader: e.target.checked });
});

function render(page, bg) {
  const status = page?.status ?? bg?.status ?? null;
  const count = page?.count ?? bg?.count ?? 0;
  const statusEl = $('status');
  statusEl.dataset.status = status ?? (page ? 'working' : 'absent');
  statusEl.textContent = page || bg ? statusText(status, count) : t('popupStatusAbsent');
  const error = page?.error ?? bg?.error;
  $('error').hidden = status !== STATUS.FAILED || !error;
  $('error').textContent = error ?? '';

  const blocks = page?.blocks ?? [];
  $('hiddenSection').hidden = blocks.length === 0;
  const order = (b) => KINDS.indexOf(b.kind);
  $('blocks').replaceChildren(...blocks.slice().sort((a, b) => order(a) - order(b) || a.id - b.id).map(blockItem));
  $('revealAll').disabled = !blocks.some((b) => !b.shown);
  $('hideAll').disabled = !blocks.some((b) => b.revealed);
}

async function refresh() {
  const [page, bg] = await Promise.all([send({ type: UItoCS.STATE }), record()]);
  render(page, bg);
  if (page?.host) await renderSite(page.host);
  if (!page) {
    // Firefox: host permissions are opt-in; without them there is no content script to answer.
    const origins = api.runtime.getManifest().content_scripts.flatMap((c) => c.matches);
    const granted = await api.permissions.contains({ origins }).catch(() => true);
    $('grant').hidden = granted;
  }
  document.body.dataset.ready = 'true';
}

$('revealAll').addEventListener('click', () => act({ type: UItoCS.REVEAL_ALL }));
$('hideAll').addEventListener('click', () => act({ type: UItoCS.HIDE_ALL }));
$('grant').addEventListener('click', () => {
  api.tabs.create({ url: api.runtime.getURL('src/onboarding/index.html') });
  window.close();
});
$('options').addEventListener('click', (e) => {
  e.preventDefault();
  api.runtime.openOptionsPage();
});

document.getElementById('reader').addEventListener('click', async () => {
  if (tabId !== undefined) await api.tabs.sendMessage(tabId, { type: BGtoCS.TOGGLE_READER }).catch(() => {});
  window.close();
});

// The content script follows setting changes and reports; follow both.
let pending = null;
const later = () => {
  clearTimeout(pending);
  pending = setTimeout(refresh, 150);
};
onChange(later);
api.storage.onChanged.addListener((changes, area) => {
  if (area === 'session' && tabId !== undefined && tabKey(tabId) in changes) later();
});

await refresh();
