// Options: sensitivity, languages to annotate, card language, reset. Saved in storage.sync.
const Settings = globalThis.LeakLensSettings;
const LANGUAGES = [['en', 'English'], ['hi', 'हिन्दी'], ['hi-Latn', 'Hinglish'], ['bn', 'বাংলা'],
  ['ta', 'தமிழ்'], ['te', 'తెలుగు'], ['ml', 'മലയാളം'], ['mr', 'मराठी'], ['gu', 'ગુજરાતી'],
  ['kn', 'ಕನ್ನಡ'], ['pa', 'ਪੰਜਾਬੀ'], ['or', 'ଓଡ଼ିଆ'], ['ur', 'اردو']];
const box = document.getElementById('languages');
for (const [id, name] of LANGUAGES) {
  const label = document.createElement('label');
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.value = id;
  label.append(input, document.createTextNode(` ${name}`));
  box.append(label);
}

async function show() {
  const s = await Settings.load();
  for (const r of document.querySelectorAll('input[name="sensitivity"]')) r.checked = r.value === s.sensitivity;
  for (const c of box.querySelectorAll('input')) c.checked = s.languages.includes(c.value);
  document.getElementById('lang').value = s.cardLang;
}

function saved() {
  document.getElementById('saved').textContent = chrome.i18n.getMessage('optionsSaved');
}

document.addEventListener('change', async (e) => {
  if (e.target.name === 'sensitivity') await Settings.save({ sensitivity: e.target.value });
  else if (e.target.closest('#languages')) {
    await Settings.save({ languages: [...box.querySelectorAll('input:checked')].map((c) => c.value) });
  } else if (e.target.id === 'lang') await Settings.save({ cardLang: e.target.value });
  saved();
});
document.getElementById('reset').addEventListener('click', async () => {
  await Settings.reset();
  await show();
  saved();
});
show();
