// LeakLens settings, kept in storage.sync. Shared by the content script, popup and options.
globalThis.LeakLensSettings = (() => {
  const DEFAULTS = Object.freeze({
    enabled: true,
    disabledSites: [],        // hostnames where the reader turned LeakLens off
    cardLang: 'auto',         // 'auto' (Hindi for Hindi posts), 'en' or 'hi'
    sensitivity: 'normal',    // 'low' (clear claims only) or 'normal' (every claim found)
    languages: [],            // post languages to annotate; empty means all
    snoozedUntil: 0,          // ms since the epoch: "Snooze for today" turns cards off until then
    sites: {},                // opt-in sites turned on, by id (extension/sites/catalog.js)
    articleSites: [],         // match patterns of the news sites whose articles are checked
  });
  // the card languages (the 13 the detector reads), with their own names
  const CARD_LANGUAGES = Object.freeze([['en', 'English'], ['hi', 'हिन्दी'], ['hi-Latn', 'Hinglish'],
    ['bn', 'বাংলা'], ['ta', 'தமிழ்'], ['te', 'తెలుగు'], ['ml', 'മലയാളം'], ['mr', 'मराठी'],
    ['gu', 'ગુજરાતી'], ['kn', 'ಕನ್ನಡ'], ['pa', 'ਪੰਜਾਬੀ'], ['or', 'ଓଡ଼ିଆ'], ['ur', 'اردو']]);
  // the lowest confidence that gets a card, per sensitivity
  // (claims score 0.5 to 0.99: a named system and several leak words score high)
  const THRESHOLDS = Object.freeze({ low: 0.75, normal: 0.5 });

  async function load() {
    const stored = await chrome.storage.sync.get(Object.keys(DEFAULTS));
    return { ...DEFAULTS, ...stored };
  }

  function save(patch) {
    return chrome.storage.sync.set(patch);
  }

  function reset() {
    return chrome.storage.sync.set({ ...DEFAULTS });
  }

  function activeOn(settings, hostname, now = Date.now()) {
    return settings.enabled && !settings.disabledSites.includes(hostname) && !snoozed(settings, now);
  }

  /** Whether the reader snoozed LeakLens and the snooze still runs. */
  function snoozed(settings, now = Date.now()) {
    return Number(settings.snoozedUntil) > now;
  }

  /** The end of the reader's day (local midnight): "Snooze for today" lasts until then. */
  function endOfToday(now = Date.now()) {
    const d = new Date(now);
    d.setHours(24, 0, 0, 0);
    return d.getTime();
  }

  /** Whether a match pattern (`https://*.example.com/*`) covers a hostname. */
  function covers(pattern, hostname) {
    const host = pattern.match(/^[a-z]+:\/\/([^/]+)\//)?.[1] ?? '';
    return host.startsWith('*.') ? hostname === host.slice(2) || hostname.endsWith(host.slice(1)) : hostname === host;
  }

  /** Whether a site adapter works on a page: X always; an opt-in site once the reader turned it
   *  on; the article mode on the news sites the reader allowed. */
  function siteOn(settings, siteId, hostname) {
    if (siteId === 'x') return true;
    if (siteId === 'news') return (settings.articleSites ?? []).some((p) => covers(p, hostname));
    return settings.sites?.[siteId] === true;
  }

  function wants(settings, result) {
    if (!result?.is_claim) return false;
    if (result.confidence < (THRESHOLDS[settings.sensitivity] ?? THRESHOLDS.normal)) return false;
    return settings.languages.length === 0 || settings.languages.includes(result.language);
  }

  return Object.freeze({ DEFAULTS, CARD_LANGUAGES, load, save, reset, activeOn, snoozed, endOfToday, siteOn, covers, wants });
})();
