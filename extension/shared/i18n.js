// Fills every element with data-i18n="messageName" from _locales (textContent only).
for (const el of document.querySelectorAll('[data-i18n]')) {
  el.textContent = chrome.i18n.getMessage(el.dataset.i18n) || el.textContent;
}
document.documentElement.lang = chrome.i18n.getUILanguage().startsWith('hi') ? 'hi' : 'en';
