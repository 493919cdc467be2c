// Options, memory: forget the incidents of the cards the reader opened (kept in
// storage.local for status-change notices) and any notice not read yet.
document.getElementById('forget').addEventListener('click', async () => {
  await chrome.runtime.sendMessage({ type: 'leaklens:forget' });
  document.getElementById('forgotten').textContent = chrome.i18n.getMessage('optionsForgotten');
});
