// Options, sites section: turn each opt-in site on or off (asking for its host permission when
// turned on), list the news sites whose articles are checked (each can be removed), and allow
// the built-in list of Indian news sites in one step.
(() => {
  const Settings = globalThis.LeakLensSettings;
  const Catalog = globalThis.LeakLensCatalog;
  const msg = (key, subs, fallback) => chrome.i18n.getMessage(key, subs) || fallback;
  const box = document.getElementById('sites');
  const list = document.getElementById('news-list');

  for (const site of Catalog.sites) {
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.value = site.id;
    label.append(input, document.createTextNode(` ${site.name}`));
    if (site.private) {
      const note = document.createElement('span');
      note.className = 'muted';
      note.textContent = ` — ${msg('sitePrivateNote', undefined, 'Messages are checked on this device; nothing leaves it.')}`;
      label.append(note);
    }
    box.append(label);
    input.addEventListener('change', async () => {
      const on = input.checked;
      const asked = on ? chrome.permissions.request({ origins: site.matches }) : Promise.resolve(false);
      const current = await Settings.load();
      await Settings.save({ sites: { ...current.sites, [site.id]: on } });
      if (on && !(await asked)) {
        input.checked = false;
        await Settings.save({ sites: { ...current.sites, [site.id]: false } });
      }
      if (!on) chrome.permissions.remove({ origins: site.matches }).catch(() => {});
    });
  }

  /** Show the sites' state: on when the setting says so and the permission is there. */
  async function show() {
    const s = await Settings.load();
    for (const input of box.querySelectorAll('input')) {
      const site = Catalog.sites.find((x) => x.id === input.value);
      input.checked = s.sites?.[site.id] === true && await chrome.permissions.contains({ origins: site.matches });
    }
    const rows = [];
    for (const pattern of s.articleSites) {
      const li = document.createElement('li');
      li.dataset.pattern = pattern;
      const name = document.createElement('span');
      name.textContent = pattern.replace(/^https:\/\/(\*\.)?/, '').replace(/\/\*$/, '') + ' ';
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = msg('optionsRemove', undefined, 'Remove');
      remove.addEventListener('click', async () => {
        const current = await Settings.load();
        await Settings.save({ articleSites: current.articleSites.filter((p) => p !== pattern) });
        await chrome.permissions.remove({ origins: [pattern] }).catch(() => {});
      });
      li.append(name, remove);
      rows.push(li);
    }
    list.replaceChildren(...rows);
    document.getElementById('news-none').hidden = rows.length > 0;
  }

  document.getElementById('news-india').addEventListener('click', async () => {
    const asked = chrome.permissions.request({ origins: [...Catalog.news] });
    if (!(await asked)) return;
    const current = await Settings.load();
    await Settings.save({ articleSites: [...new Set([...current.articleSites, ...Catalog.news])] });
  });

  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && ('sites' in changes || 'articleSites' in changes)) show();
  });
  show();
})();
