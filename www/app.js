// Checker page: runs the WASM core in the page and shows its verdict.
import init, { check } from './core/leaklens.js';

const input = document.getElementById('text');
const result = document.getElementById('result');

function show(detection) {
  result.replaceChildren();
  if (!input.value.trim()) return;
  const p = document.createElement('p');
  p.textContent = detection.is_claim
    ? `Leak claim about ${detection.systems.join(', ') || 'personal data'}`
    : 'No leak claim found.';
  if (detection.is_claim) {
    p.dataset.leaklens = 'card';
    p.dataset.systems = detection.systems.join(' ');
  }
  result.append(p);
}

await init();
input.addEventListener('input', () => show(check(input.value)));
