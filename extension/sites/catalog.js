// The sites LeakLens can annotate beyond X, each off until the reader turns it on (its host
// permission is asked for then: optional_host_permissions in the manifest), and the built-in
// list of Indian news sites for the article mode. Read by the background (which registers the
// content scripts), the popup and the options; tests/e2e/sites.test.mjs checks it against the
// manifest.
globalThis.LeakLensCatalog = Object.freeze({
  // X is on by default and declared in the manifest; these are opt-in
  sites: Object.freeze([
    { id: 'reddit', name: 'Reddit', script: 'sites/reddit.js', private: false,
      matches: ['https://www.reddit.com/*', 'https://old.reddit.com/*', 'https://new.reddit.com/*', 'https://sh.reddit.com/*'] },
    { id: 'facebook', name: 'Facebook', script: 'sites/facebook.js', private: false,
      matches: ['https://www.facebook.com/*', 'https://web.facebook.com/*'] },
    { id: 'youtube', name: 'YouTube', script: 'sites/youtube.js', private: false,
      matches: ['https://www.youtube.com/*'] },
    { id: 'telegram', name: 'Telegram Web', script: 'sites/telegram.js', private: true,
      matches: ['https://web.telegram.org/*'] },
    { id: 'whatsapp', name: 'WhatsApp Web', script: 'sites/whatsapp.js', private: true,
      matches: ['https://web.whatsapp.com/*'] },
  ].map(Object.freeze)),
  // Major Indian news sites, at least two for each of the 13 languages LeakLens reads
  // ("Allow the Indian news sites" in the options asks for all of them at once).
  news: Object.freeze([
    // English
    'https://*.thehindu.com/*', 'https://*.indianexpress.com/*', 'https://*.hindustantimes.com/*',
    'https://timesofindia.indiatimes.com/*', 'https://*.ndtv.com/*', 'https://*.indiatoday.in/*',
    'https://*.livemint.com/*', 'https://*.deccanherald.com/*', 'https://*.thewire.in/*', 'https://*.scroll.in/*',
    'https://*.thequint.com/*', 'https://*.medianama.com/*', 'https://*.news18.com/*',
    // Hindi (hindi.news18.com is covered above)
    'https://*.bhaskar.com/*', 'https://*.jagran.com/*', 'https://*.amarujala.com/*', 'https://*.livehindustan.com/*',
    'https://*.aajtak.in/*', 'https://*.abplive.com/*', 'https://ndtv.in/*',
    // Bengali
    'https://*.anandabazar.com/*', 'https://*.eisamay.com/*',
    // Tamil
    'https://*.dailythanthi.com/*', 'https://*.dinamalar.com/*',
    // Telugu
    'https://*.eenadu.net/*', 'https://*.sakshi.com/*',
    // Malayalam
    'https://*.manoramaonline.com/*', 'https://*.mathrubhumi.com/*',
    // Marathi
    'https://*.lokmat.com/*', 'https://*.loksatta.com/*',
    // Gujarati
    'https://*.divyabhaskar.co.in/*', 'https://*.gujaratsamachar.com/*',
    // Kannada
    'https://*.prajavani.net/*', 'https://*.vijaykarnataka.com/*',
    // Punjabi
    'https://*.punjabijagran.com/*', 'https://*.ajitjalandhar.com/*',
    // Odia
    'https://*.sambad.in/*', 'https://*.dharitri.com/*',
    // Urdu
    'https://*.inquilab.com/*', 'https://*.siasat.com/*',
  ]),
  /** The catalog site a hostname belongs to, or null. */
  siteFor(hostname) {
    return this.sites.find((s) => s.matches.some((m) => new URL(m.replace('/*', '/')).hostname === hostname)) ?? null;
  },
  /** The match pattern for "always check articles on this site": the page's https origin. */
  originPattern(url) {
    const u = new URL(url);
    return u.protocol === 'https:' ? `https://${u.hostname}/*` : null;
  },
});
