// Popup, status changes: incidents whose cards the reader opened and whose status a knowledge
// update changed ("Disputed → Confirmed, 2 March"). Shown once: opening the popup reads them
// and the toolbar badge goes.
(async () => {
  const { notices = [] } = (await chrome.runtime.sendMessage({ type: 'leaklens:notices' })) ?? {};
  if (!notices.length) return;
  const list = document.getElementById('change-list');
  const day = new Intl.DateTimeFormat(chrome.i18n.getUILanguage(), { day: 'numeric', month: 'long' });
  for (const n of notices) {
    const item = document.createElement('li');
    const when = Number.isNaN(Date.parse(n.date)) ? n.date : day.format(new Date(`${n.date}T12:00:00`));
    const title = document.createElement('strong');
    title.textContent = n.title;
    item.append(title, `: ${n.fromLabel} → ${n.toLabel}, ${when}`);
    list.append(item);
  }
  document.getElementById('changes').hidden = false;
  await chrome.runtime.sendMessage({ type: 'leaklens:notices-read' });
})();
