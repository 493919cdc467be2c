// Popup, quiet controls: "Snooze for today" turns every card off until midnight (the content
// scripts look again then), or resumes at once.
(() => {
  const Settings = globalThis.LeakLensSettings;
  const button = document.getElementById('snooze');
  const note = document.getElementById('snoozed');
  async function show() {
    const snoozed = Settings.snoozed(await Settings.load());
    button.textContent = chrome.i18n.getMessage(snoozed ? 'popupResume' : 'popupSnooze');
    button.setAttribute('aria-pressed', String(snoozed));
    note.textContent = snoozed ? chrome.i18n.getMessage('popupSnoozedToday') : '';
  }
  button.addEventListener('click', async () => {
    const snoozed = Settings.snoozed(await Settings.load());
    await Settings.save({ snoozedUntil: snoozed ? 0 : Settings.endOfToday() });
    await show();
  });
  show();
})();
