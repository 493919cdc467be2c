// Where things are on X/Twitter pages. Every selector the content script uses lives here.
globalThis.LeakLensSelectors = Object.freeze({
  postText: '[data-testid="tweetText"]',
  post: 'article[data-testid="tweet"], article',
  time: 'time[datetime]',
});
