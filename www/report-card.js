// The checker page's "Report a wrong card": the same report as the extension's
// (extension/shared/report.js, copied into dist/www by `make www`), built from the text and
// the card's options, with personal data masked. It is only copied on the reader's click.
import init, * as core from './core/leaklens.js';

await init();
const $ = (id) => document.getElementById(id);
const R = globalThis.LeakLensReport;

function report() {
  const text = $('text').value;
  const lang = $('lang').value;
  const options = { date: $('date').value || undefined, url: $('url').value || undefined,
    lang: lang === 'auto' ? undefined : lang };
  const result = core.check(text, options);
  const reason = document.querySelector('input[name="report-reason"]:checked')?.value ?? 'other';
  return R.build({ text, result, reason, comment: $('report-comment').value,
    knowledge: core.knowledgeVersion(), version: 'checker page', url: options.url ?? '',
    redact: typeof core.redact === 'function' ? core.redact : undefined });
}

const refresh = () => { if ($('report').open) $('report-preview').value = report(); };
$('report').addEventListener('toggle', refresh);
for (const id of ['report-reasons', 'report-comment', 'text', 'lang', 'date', 'url']) {
  $(id).addEventListener('input', refresh);
  $(id).addEventListener('change', refresh);
}
$('report-copy').addEventListener('click', async () => {
  $('report-preview').value = report();
  try {
    await navigator.clipboard.writeText($('report-preview').value);
    $('action-status').textContent = 'Report copied.';
  } catch {
    $('action-status').textContent = 'Could not copy: the browser did not allow it.';
  }
});
