// The options page: every setting (settings.js is the schema), the sites
// with rules of their own (each removable), export to a JSON file and
// import from one, the version and the reading-view shortcut (which the
// person changes in the browser's shortcut settings).
//
// The end-to-end tests also use this page as their extension context, so
// it adds no runtime.onMessage listener.

import { api } from '../shared/browser.js';
import { localize, t } from '../shared/i18n.js';
import { FONTS, KINDS, THEMES, exportAll, importAll, loadSettings, loadSites, onChange, saveSettings } from '../shared/settings.js';

const $ = (id) => document.getElementById(id);

localize();

$('version').textContent = api.runtime.getManifest().version;

api.commands.getAll().then((commands) => {
  const toggle = commands.find((c) => c.name === 'toggle-reader');
  const out = $('shortcut');
  out.textContent = '';
  if (toggle?.shortcut) {
    const kbd = document.createElement('kbd');
    kbd.textContent = toggle.shortcut;
    out.append(kbd);
  } else {
    out.textContent = t('optionsNoShortcut');
  }
});

const kindName = (kind) => api.i18n.getMessage(`kind_${kind}`) || kind;

// Controls, built once.
for (const kind of KINDS) {
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.id = `kind-${kind}`;
  input.addEventListener('change', () => saveSettings({ kinds: { [kind]: input.checked } }));
  const label = document.createElement('label');
  label.append(input, ` ${kindName(kind)}`);
  $('kinds').append(label);
}
for (const [id, values] of [['theme', THEMES], ['font', FONTS]]) {
  for (const value of values) {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = api.i18n.getMessage(`${id}_${value}`) || value;
    $(id).append(option);
  }
  $(id).addEventListener('change', (e) => saveSettings({ reader: { [id]: e.target.value } }));
}
$('images').addEventListener('change', (e) => saveSettings({ reader: { images: e.target.checked } }));
$('autoClean').addEventListener('change', (e) => saveSettings({ autoClean: e.target.checked }));

/** One line per rule a site has, in words. */
function describe(rules) {
  const out = [];
  if (rules.autoClean !== null) out.push(t(rules.autoClean ? 'optionsRuleCleanOn' : 'optionsRuleCleanOff'));
  if (rules.alwaysReader) out.push(t('optionsRuleReader'));
  for (const [kind, on] of Object.entries(rules.kinds)) out.push(t(on ? 'optionsRuleKindOn' : 'optionsRuleKindOff', [kindName(kind)]));
  if (rules.keep.length) out.push(t('optionsRuleKeep', [String(rules.keep.length)]));
  return out;
}

async function render() {
  const [settings, sites] = await Promise.all([loadSettings(), loadSites()]);
  $('autoClean').checked = settings.autoClean;
  for (const kind of KINDS) {
    $(`kind-${kind}`).checked = settings.kinds[kind];
    $(`kind-${kind}`).disabled = !settings.autoClean;
  }
  $('theme').value = settings.reader.theme;
  $('font').value = settings.reader.font;
  $('images').checked = settings.reader.images;

  const hosts = Object.keys(sites).sort();
  $('noSites').hidden = hosts.length > 0;
  $('sitesTable').hidden = hosts.length === 0;
  $('sites').replaceChildren(
    ...hosts.map((host) => {
      const row = document.createElement('tr');
      row.dataset.host = host;
      const name = document.createElement('td');
      name.textContent = host;
      const rules = document.createElement('td');
      for (const line of describe(sites[host])) {
        const div = document.createElement('div');
        div.textContent = line;
        rules.append(div);
      }
      const cell = document.createElement('td');
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'remove';
      remove.textContent = t('optionsRemoveSite');
      remove.addEventListener('click', () => removeSite(host));
      cell.append(remove);
      row.append(name, rules, cell);
      return row;
    }),
  );
  document.body.dataset.ready = 'true';
}

async function removeSite(host) {
  // Through the export/import path's own normaliser: the sites minus one.
  const data = await exportAll();
  delete data.sites[host];
  await importAll(JSON.stringify(data));
}

$('export').addEventListener('click', async () => {
  const data = await exportAll();
  const blob = new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' });
  const link = $('exportLink');
  if (link.href) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(blob);
  link.hidden = false;
  link.click();
});

$('import').addEventListener('change', async (e) => {
  const file = e.target.files?.[0];
  const status = $('importStatus');
  if (!file) return;
  try {
    await importAll(await file.text());
    status.className = 'ok';
    status.textContent = t('optionsImported', [file.name]);
  } catch (error) {
    // importAll validates before writing anything: nothing changed.
    status.className = 'error';
    status.textContent = t('optionsImportFailed', [file.name, String(error?.message ?? error)]);
  } finally {
    e.target.value = '';
  }
});

onChange(render);
render();
