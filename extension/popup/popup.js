// Popup: how many cards on this tab, on/off for this site, card language, check this page.
const Settings = globalThis.LeakLensSettings;
const $ = (id) => document.getElementById(id);

async function main() {
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  const settings = await Settings.load();
  const host = tab?.url ? new URL(tab.url).hostname : '';
  $('site').checked = Settings.activeOn(settings, host);
  $('site').disabled = !host;
  $('lang').value = settings.cardLang;
  try {
    const stats = await chrome.tabs.sendMessage(tab.id, { type: 'leaklens:stats' });
    $('count').textContent = String(stats?.cards ?? 0);
  } catch {
    $('count').textContent = '0'; // no LeakLens content script on this page
  }
  $('site').addEventListener('change', async () => {
    const current = await Settings.load();
    const others = current.disabledSites.filter((h) => h !== host);
    await Settings.save({ enabled: true, disabledSites: $('site').checked ? others : [...others, host] });
  });
  $('lang').addEventListener('change', () => Settings.save({ cardLang: $('lang').value }));
  $('check').addEventListener('click', async () => {
    $('result').textContent = chrome.i18n.getMessage('popupChecking');
    const answer = await chrome.runtime.sendMessage({ type: 'leaklens:check-tab', tabId: tab.id });
    $('result').textContent = answer?.error
      ? chrome.i18n.getMessage('popupCheckFailed')
      : chrome.i18n.getMessage(answer?.claim ? 'popupFoundClaim' : 'popupNoClaim');
  });
}
main();
