// Popup, sites section: on an opt-in site (Reddit, Facebook, YouTube, Telegram Web, WhatsApp
// Web), turn LeakLens on there; on any other https site, "Always check articles on <site>".
// Turning on asks for the site's host permission at that moment. The permission request starts
// first, in the click itself (Firefox requires it, and may close the popup while it asks); the
// setting is saved alongside, and the background registers the site once both are there.
(() => {
  const Settings = globalThis.LeakLensSettings;
  const Catalog = globalThis.LeakLensCatalog;
  const $ = (id) => document.getElementById(id);
  const msg = (key, subs, fallback) => chrome.i18n.getMessage(key, subs) || fallback;

  async function main() {
    const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
    if (!tab?.url || !/^https:/.test(tab.url)) return;
    const host = new URL(tab.url).hostname;
    if (['x.com', 'twitter.com', 'mobile.twitter.com'].includes(host)) return;
    const settings = await Settings.load();
    const site = Catalog.siteFor(host);
    $('sites-section').hidden = false;
    if (site) {
      $('feed-row').hidden = false;
      $('site-private').hidden = !site.private;
      $('site-feed-label').textContent = msg('popupSiteOn', [site.name], `Annotate posts on ${site.name}`);
      $('site-feed').checked = settings.sites?.[site.id] === true &&
        await chrome.permissions.contains({ origins: site.matches });
      $('site-feed').addEventListener('change', () => toggleSite(site, $('site-feed')));
    } else {
      const pattern = Catalog.originPattern(tab.url);
      $('articles-row').hidden = false;
      $('site-articles-label').textContent = msg('popupArticlesOn', [host], `Always check articles on ${host}`);
      $('site-articles').checked = settings.articleSites.some((p) => Settings.covers(p, host)) &&
        await chrome.permissions.contains({ origins: [pattern] });
      $('site-articles').addEventListener('change', () => toggleArticles(pattern, host, $('site-articles')));
    }
  }

  async function toggleSite(site, box) {
    const on = box.checked;
    const asked = on ? chrome.permissions.request({ origins: site.matches }) : Promise.resolve(false);
    const current = await Settings.load();
    await Settings.save({ sites: { ...current.sites, [site.id]: on } });
    if (on && !(await asked)) {
      box.checked = false;
      await Settings.save({ sites: { ...current.sites, [site.id]: false } });
    }
    if (!on) chrome.permissions.remove({ origins: site.matches }).catch(() => {});
  }

  async function toggleArticles(pattern, host, box) {
    const on = box.checked;
    const asked = on ? chrome.permissions.request({ origins: [pattern] }) : Promise.resolve(false);
    const current = await Settings.load();
    const others = current.articleSites.filter((p) => !Settings.covers(p, host));
    await Settings.save({ articleSites: on ? [...others, pattern] : others });
    if (on && !(await asked)) {
      box.checked = false;
      await Settings.save({ articleSites: others });
    }
    if (!on) chrome.permissions.remove({ origins: [pattern] }).catch(() => {});
  }

  main();
})();
