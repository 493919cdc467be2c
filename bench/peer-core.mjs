// The honest peer: LeakLens's own algorithm written in plain JavaScript, the way a plain-JS
// extension would do it well. The same vocabulary (data/lexicon/*.json compiled by the rules
// of src/matcher.rs `compile`: normalized terms, one entry per distinct term, the most specific
// meaning), the same normalization (src/normalize.rs, with the engine's own NFC), the same
// word index (first word → terms, one-word prefix terms by prefix; a JS Map instead of the
// core's FNV table) and the same decision rules (src/detect.rs). It gives the verdict, the
// language, the systems, the fields and the confidence; it leaves out the evidence offsets and
// the personal-data scanner (src/personal_data.rs), whose identifiers also support a claim: on
// a post that shows an Aadhaar or phone number the two may differ (bench/peer.mjs counts it).
// bench/peer.mjs checks that it agrees with the WASM core on every post and times both.
import { readFileSync, readdirSync } from 'node:fs';

// --- normalization (src/normalize.rs) ---
function isInvisible(c) {
  const u = c.charCodeAt(0);
  return u === 0xAD || u === 0x34F || u === 0x61C || u === 0x180E || (u >= 0x200B && u <= 0x200F) || (u >= 0x202A && u <= 0x202E)
    || (u >= 0x2060 && u <= 0x2064) || (u >= 0x2066 && u <= 0x2069) || (u >= 0xFE00 && u <= 0xFE0F) || u === 0xFEFF;
}
const NUKTAS = new Set(['\u093C', '\u09BC', '\u0A3C', '\u0ABC', '\u0B3C', '\u0CBC']);
const isNukta = (c) => NUKTAS.has(c);
const CHILLU = { '\u0D7A': '\u0D23', '\u0D7B': '\u0D28', '\u0D7C': '\u0D30', '\u0D7D': '\u0D32', '\u0D7E': '\u0D33', '\u0D7F': '\u0D15' };
function isDash(c) {
  const u = c.charCodeAt(0);
  return u === 0x2D || u === 0x5F || (u >= 0x2010 && u <= 0x2015) || u === 0x2212 || u === 0xFE58 || u === 0xFE63 || u === 0xFF0D;
}
const isLineBreak = (c) => c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029' || c === '\u0085';
const WHITE = /\p{White_Space}/u;
const UPPER = /\p{Uppercase}/u;
const ALNUM = /[\p{Alphabetic}\p{N}]/u;
const INVISIBLE_OR_UPPER = /[\u00AD\u034F\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFE00-\uFE0F\uFEFF]|\p{Uppercase}/u;

function lower(c) {
  const u = c.charCodeAt(0);
  if (u >= 0x900 && u <= 0xDFF) return c; // the Indic blocks have no case
  if (c === '\u0130') return 'i';
  return UPPER.test(c) ? c.toLowerCase() : c;
}

/** The text as the matcher sees it (JS string; offsets are UTF-16 units of this string). */
export function normalize(input) {
  let text = input;
  if (INVISIBLE_OR_UPPER.test(text)) {
    let visible = '';
    for (const c of text) if (!isInvisible(c)) visible += c === '\u0130' ? 'i' : c.toLowerCase();
    text = visible;
  }
  text = text.normalize('NFC');
  let out = '';
  for (const c of text) {
    if (isInvisible(c) || isNukta(c)) continue;
    const u = c.charCodeAt(0);
    const plain = (u > 0x20 && u < 0x7F && u !== 0x2D && u !== 0x5F) || (u >= 0x900 && u <= 0xDFF);
    const space = plain ? null : isLineBreak(c) ? '\n' : WHITE.test(c) || isDash(c) ? ' ' : null;
    if (space) {
      const last = out.at(-1);
      if (last === undefined || last === '\n' || (last === ' ' && space === ' ')) continue;
      out = last === ' ' ? out.slice(0, -1) + '\n' : out + space;
      continue;
    }
    const base = CHILLU[c];
    out += base ? base + '\u0D4D' : lower(c);
  }
  if (out.endsWith(' ') || out.endsWith('\n')) out = out.slice(0, -1);
  return out;
}

export function isWordChar(c) {
  const u = c.codePointAt(0);
  if (u < 0x80) return (u >= 0x61 && u <= 0x7A) || (u >= 0x30 && u <= 0x39) || (u >= 0x41 && u <= 0x5A);
  if (u >= 0x900 && u <= 0xDFF) return u !== 0x964 && u !== 0x965;
  return (u >= 0x64B && u <= 0x65F) || u === 0x670 || ALNUM.test(c);
}

// a line break alone parts neither a term's words nor sentences; punctuation does
const BREAK = /[!?।॥۔؟|]/;
const SENTENCE_ENDS = new Set(['!', '?', '।', '॥', '۔', '؟', '|']);

/** Words of a normalized text: [start, end, afterBreak] in UTF-16 units. */
function tokens(text) {
  const out = [];
  let start = -1;
  let prevEnd = 0;
  const push = (s, e) => {
    const gap = text.slice(prevEnd, s);
    const afterBreak = gap !== ' ' && (BREAK.test(gap) || gap.includes('. ') || (gap.endsWith('.') && s === text.length));
    out.push([s, e, afterBreak]);
    prevEnd = e;
  };
  let i = 0;
  let ascii = false;
  for (const c of text) {
    // a change between ASCII and another script parts words too ("ICMRએ")
    if (isWordChar(c)) {
      const a = c.charCodeAt(0) < 0x80;
      if (start >= 0 && a !== ascii) { push(start, i); start = -1; }
      if (start < 0) { start = i; ascii = a; }
    } else if (start >= 0) { push(start, i); start = -1; }
    i += c.length;
  }
  if (start >= 0) push(start, i);
  return out;
}

// --- the vocabulary (src/matcher.rs compile) ---
const ROLE_RANK = { other_sense: 0, negated_event: 1, field: 2, system: 3, event: 4, attack: 4, denial: 5, hedge: 6, other_context: 7, lookup: 8, operator: 9, negator: 10, data: 11, cue: 12 };
const LISTS = [['cue', 'cues'], ['event', 'event'], ['attack', 'attack'], ['negated_event', 'negated_event'], ['negator', 'negator'], ['data', 'data'],
  ['denial', 'denial'], ['hedge', 'hedge'], ['other_sense', 'other_sense'], ['other_context', 'other_context'], ['operator', 'operator'], ['lookup', 'lookup']];

/** The system and field ids, in the core's order (src/ids.rs). */
function readIds() {
  const src = readFileSync(new URL('../src/ids.rs', import.meta.url), 'utf8');
  const list = (name) => [...src.match(new RegExp(`pub const ${name}: &\\[&str\\] = &\\[([^\\]]*)\\]`))[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  return { systems: list('SYSTEMS'), fields: list('FIELDS') };
}

export function compile(dir = 'data/lexicon') {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  const lexicons = files.map((f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')));
  const ids = readIds();
  const terms = new Map(); // text + prefix flag → term
  lexicons.forEach((lex, li) => {
    const entries = [];
    for (const [role, key] of LISTS) for (const t of lex[key] ?? []) entries.push([{ kind: role }, t]);
    const byKey = (o) => Object.entries(o).sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    for (const [id, list] of byKey(lex.systems)) for (const t of list) entries.push([{ kind: 'system', id: ids.systems.indexOf(id) }, t]);
    for (const [id, list] of byKey(lex.fields)) for (const t of list) entries.push([{ kind: 'field', id: ids.fields.indexOf(id) }, t]);
    for (const [role, term] of entries) {
      const prefix = term.endsWith('*');
      const folded = normalize(term.replace(/\*+$/, ''));
      const words = tokens(folded).map(([s, e]) => folded.slice(s, e));
      if (!words.length) continue;
      const text = words.join(' ');
      const key = `${prefix ? 1 : 0}${text}`;
      let t = terms.get(key);
      if (!t) terms.set(key, (t = { text, words, prefix, cueLangs: 0, role: null, lang: li }));
      if (role.kind === 'cue') t.cueLangs |= 1 << li;
      else if (!t.role || ROLE_RANK[role.kind] < ROLE_RANK[t.role.kind]) { t.role = role; t.lang = li; }
    }
  });
  // the core's order: by the text's UTF-8 bytes, then the prefix flag
  const patterns = [...terms.values()].sort((a, b) => Buffer.compare(Buffer.from(a.text), Buffer.from(b.text)) || a.prefix - b.prefix);
  const byFirstWord = new Map();
  const byPrefix = new Map();
  let longestPrefix = 0;
  patterns.forEach((p, i) => {
    p.rank = ROLE_RANK[(p.role ?? { kind: 'cue' }).kind];
    const single = p.words.length === 1;
    const index = p.prefix && single ? byPrefix : byFirstWord;
    if (p.prefix && single) longestPrefix = Math.max(longestPrefix, p.words[0].length);
    const list = index.get(p.words[0]);
    if (list) list.push(i); else index.set(p.words[0], [i]);
  });
  return { lexicons: lexicons.map((l) => ({ lang: l.lang, script: l.script, negation: l.negation ?? 'both' })), patterns, byFirstWord, byPrefix, longestPrefix, ids };
}

function scan(v, text) {
  const words = tokens(text);
  const cueCounts = new Array(v.lexicons.length).fill(0);
  const candidates = [];
  const found = (p, first, last) => {
    for (let langs = p.cueLangs, l = 0; langs; langs >>>= 1, l++) if (langs & 1) cueCounts[l]++;
    const role = p.role ?? (p.cueLangs ? { kind: 'cue' } : null);
    if (role) candidates.push({ start: first[0], end: last[1], role, rank: ROLE_RANK[role.kind], lang: p.lang });
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const word = text.slice(w[0], w[1]);
    for (const pi of v.byFirstWord.get(word) ?? []) {
      const p = v.patterns[pi];
      let last = i;
      let ok = true;
      for (let k = 1; k < p.words.length && ok; k++) {
        const n = words[++last];
        if (!n || n[2]) { ok = false; break; }
        const tw = text.slice(n[0], n[1]);
        ok = p.prefix && k === p.words.length - 1 ? tw.startsWith(p.words[k]) : tw === p.words[k];
      }
      if (ok) found(p, w, words[last]);
    }
    // the word's prefixes (up to the longest prefix term), then the whole word
    let k = 0;
    for (const c of word) {
      if (k > 0) {
        if (k > v.longestPrefix) break;
        for (const pi of v.byPrefix.get(word.slice(0, k)) ?? []) found(v.patterns[pi], w, w);
      }
      k += c.length;
    }
    if (k <= v.longestPrefix) for (const pi of v.byPrefix.get(word) ?? []) found(v.patterns[pi], w, w);
  }
  candidates.sort((a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank);
  const hits = [];
  let takenTo = 0;
  for (const h of candidates) if (h.start >= takenTo) { takenTo = h.end; hits.push(h); }
  return { hits, cueCounts };
}

// --- the decision (src/detect.rs) ---
const SCRIPTS = ['Latn', 'Deva', 'Beng', 'Guru', 'Gujr', 'Orya', 'Taml', 'Telu', 'Knda', 'Mlym', 'Arab'];
const ALPHA = /\p{Alphabetic}/u;
function scriptOf(c) {
  const u = c.codePointAt(0);
  if (u >= 0x900 && u <= 0xD7F) return SCRIPTS[1 + ((u - 0x900) >> 7)];
  if ((u >= 0x600 && u <= 0x6FF) || (u >= 0x750 && u <= 0x77F) || (u >= 0xFB50 && u <= 0xFDFF) || (u >= 0xFE70 && u <= 0xFEFF)) return 'Arab';
  return u < 0x250 && ALPHA.test(c) ? 'Latn' : null;
}
function language(v, input, cueCounts) {
  const counts = new Array(SCRIPTS.length).fill(0);
  for (const c of input) { const s = scriptOf(c); if (s) counts[SCRIPTS.indexOf(s)]++; }
  let best = 0;
  counts.forEach((n, i) => { if (n > counts[best]) best = i; });
  if (!counts[best]) return 'und';
  let lang = 'und';
  let most = -1;
  v.lexicons.forEach((l, i) => { if (l.script === SCRIPTS[best] && cueCounts[i] > most) { most = cueCounts[i]; lang = l.lang; } });
  return lang;
}
const isSentenceEnd = (text, i, c) => SENTENCE_ENDS.has(c) || (c === '.' && (i + 1 >= text.length || WHITE.test(String.fromCodePoint(text.codePointAt(i + 1)))));
const wordsBetween = (text, from, to) => Math.max(0, text.slice(from, to).split(/[ \n]/).length - 2);
const isKind = (h, ...kinds) => kinds.includes(h.role.kind);
const breaksPhrase = (c) => '.,;:!?।|()"“”\n،'.includes(c);

export function check(v, input) {
  const text = normalize(input);
  const { hits, cueCounts } = scan(v, text);
  const lang = language(v, input, cueCounts);
  // sentence numbers and what each sentence holds
  const sentence = [];
  let s = 0;
  let at = 0;
  for (const h of hits) {
    for (; at < h.start; at++) if (isSentenceEnd(text, at, text[at])) s++;
    sentence.push(s);
  }
  const flags = Array.from({ length: (sentence.at(-1) ?? -1) + 1 }, () => ({ hedge: false, otherContext: false, system: false, question: false, answered: false }));
  hits.forEach((h, i) => {
    if (h.role.kind === 'hedge') flags[sentence[i]].hedge = true;
    else if (h.role.kind === 'other_context') flags[sentence[i]].otherContext = true;
    else if (h.role.kind === 'system') flags[sentence[i]].system = true;
    else if (isKind(h, 'negated_event', 'denial')) flags[sentence[i]].answered = true;
  });
  // how each sentence ends
  for (let k = 0, i = 0; i < text.length && k < flags.length; i++) {
    if (isSentenceEnd(text, i, text[i])) { flags[k].question = text[i] === '?' || text[i] === '؟'; k++; }
  }
  // a word glued to a Latin name is its case ending ("Jioના"), never a negator
  const suffix = (at) => at > 0 && /[a-z0-9]/i.test(text[at - 1]);
  const plain = (a, b) => ![...text.slice(a, b)].some(breaksPhrase);
  // a field just before a lookup verb, or (verb-first languages) just after one, is the key typed in
  const lookupKey = (i) => {
    const h = hits[i];
    for (let j = i + 1; j < hits.length && j <= i + 8 && sentence[j] === sentence[i]; j++) {
      const o = hits[j];
      if (wordsBetween(text, h.end, o.start) > 2 || !plain(h.end, o.start)) break;
      if (o.role.kind === 'lookup') return true;
    }
    for (let j = i - 1; j >= 0 && j >= i - 8 && sentence[j] === sentence[i]; j--) {
      const o = hits[j];
      if (wordsBetween(text, o.end, h.start) > 3 || !plain(o.end, h.start)) break;
      if (o.role.kind === 'lookup' && v.lexicons[o.lang].negation === 'before') return true;
    }
    return false;
  };
  const negated = (i) => {
    const h = hits[i];
    const reach = isKind(h, 'event', 'attack') ? 2 : 3;
    for (let j = i - 1; j >= 0 && j >= i - 8 && sentence[j] === sentence[i]; j--) {
      if (wordsBetween(text, hits[j].end, h.start) > reach) break;
      if (hits[j].role.kind === 'negator' && !suffix(hits[j].start)) return true;
    }
    for (let j = i + 1; j < hits.length && j <= i + 8 && sentence[j] === sentence[i]; j++) {
      const o = hits[j];
      if (wordsBetween(text, h.end, o.start) > 3) break;
      if (o.role.kind === 'negated_event' || (o.role.kind === 'negator' && !suffix(o.start) && v.lexicons[o.lang].negation === 'both')) return true;
    }
    return false;
  };
  const verdicts = hits.map((h, i) => {
    if (!isKind(h, 'event', 'attack', 'field', 'system', 'operator', 'data')) return 'counts';
    const f = flags[sentence[i]];
    if (isKind(h, 'event', 'attack', 'field') && negated(i)) return 'negated';
    if (h.role.kind === 'field' && lookupKey(i)) return 'negated';
    // a question answered by a denial in the next sentence alleges nothing
    const asked = f.question && flags[sentence[i] + 1]?.answered === true && isKind(h, 'event', 'attack');
    if (f.hedge || asked) return 'hedged';
    if (f.otherContext && !f.system) return 'other_sense';
    return 'counts';
  });
  // negation covers a list of fields
  const fieldHits = hits.map((h, i) => i).filter((i) => hits[i].role.kind === 'field');
  const joined = (a, b) => sentence[a] === sentence[b] && wordsBetween(text, hits[a].end, hits[b].start) <= 1
    && !hits.slice(a, b).some((h) => !isKind(h, 'field', 'cue') && h !== hits[a] && h !== hits[b]);
  for (let pass = 0; pass < 2; pass++) {
    let pairs = [];
    for (let k = 0; k + 1 < fieldHits.length; k++) pairs.push(pass === 0 ? [fieldHits[k], fieldHits[k + 1]] : [fieldHits[k + 1], fieldHits[k]]);
    if (pass === 1) pairs = pairs.reverse();
    for (const [from, to] of pairs) {
      const [a, b] = [Math.min(from, to), Math.max(from, to)];
      if (verdicts[from] === 'negated' && verdicts[to] === 'counts' && joined(a, b)) verdicts[to] = 'negated';
    }
  }
  const support = new Array(flags.length).fill(false);
  hits.forEach((h, i) => { if (isKind(h, 'system', 'field', 'data') && verdicts[i] === 'counts') support[sentence[i]] = true; });
  const namedFields = new Array(flags.length).fill(false);
  hits.forEach((h, i) => { if (h.role.kind === 'field' && verdicts[i] === 'counts') namedFields[sentence[i]] = true; });
  const claimEvents = hits.map((h, i) => i).filter((i) => verdicts[i] === 'counts' && (hits[i].role.kind === 'event'
    ? support[sentence[i]] || (sentence[i] > 0 && support[sentence[i] - 1]) || support[sentence[i] + 1] === true
    : hits[i].role.kind === 'attack' && namedFields[sentence[i]]));
  const isClaim = claimEvents.length > 0;
  let systems = [];
  const fields = [];
  if (isClaim) {
    hits.forEach((h, i) => {
      if (verdicts[i] !== 'counts') return;
      if (h.role.kind === 'system' && !systems.includes(h.role.id)) systems.push(h.role.id);
      if (h.role.kind === 'field' && !fields.includes(h.role.id)) fields.push(h.role.id);
    });
    // a system that is also a field (Aadhaar): the field beside another system or in a list
    // of fields, else the system (src/detect.rs settle_dual)
    v.ids.systems.forEach((id, x) => {
      const f = v.ids.fields.indexOf(id);
      if (f < 0) return;
      const isField = (h) => h.role.kind === 'field' && h.role.id === f;
      const mentions = hits.map((h, i) => i).filter((i) => verdicts[i] === 'counts'
        && ((hits[i].role.kind === 'system' && hits[i].role.id === x) || isField(hits[i])));
      if (!mentions.length) return;
      const besideAnother = systems.some((y) => y !== x);
      const listed = (i) => {
        const neighbour = (j) => {
          const [a, b] = [Math.min(i, j), Math.max(i, j)];
          return hits[j].role.kind === 'field' && !isField(hits[j]) && verdicts[j] === 'counts'
            && sentence[j] === sentence[i] && wordsBetween(text, hits[a].end, hits[b].start) <= 1;
        };
        let before = null;
        for (let j = i - 1; j >= 0 && j >= i - 8; j--) if (hits[j].role.kind !== 'cue') { before = j; break; }
        let after = null;
        for (let j = i + 1; j < hits.length && j <= i + 8; j++) if (hits[j].role.kind !== 'cue') { after = j; break; }
        return (before !== null && neighbour(before)) || (after !== null && neighbour(after));
      };
      // the number is always the field; the name, card or details alone the system
      const asSystem = !besideAnother && mentions.some((i) => !listed(i) && !isField(hits[i]));
      const asField = besideAnother || mentions.some((i) => listed(i) || isField(hits[i]));
      if (asSystem) { if (!systems.includes(x)) systems.push(x); } else systems = systems.filter((y) => y !== x);
      if (asField) { if (!fields.includes(f)) fields.push(f); } else fields.splice(0, fields.length, ...fields.filter((y) => y !== f));
    });
    // beside a system we know, other companies named are context
    const other = v.ids.systems.indexOf('other');
    if (systems.some((y) => y !== other)) systems = systems.filter((y) => y !== other);
    // no system named, but a public body described ("समाज कल्याण विभाग"): other
    if (!systems.length) {
      const withEvent = new Array(flags.length).fill(false);
      for (const e of claimEvents) withEvent[sentence[e]] = true;
      const nouns = hits.map((h, i) => i).filter((i) => hits[i].role.kind === 'operator' && verdicts[i] === 'counts');
      const near = (x) => (x > 0 && withEvent[x - 1]) || withEvent[x + 1] === true;
      if (nouns.some((i) => withEvent[sentence[i]] || near(sentence[i]))) systems.push(other);
    }
  }
  const denials = hits.filter((h) => isKind(h, 'denial', 'negated_event')).length;
  const f32 = Math.fround;
  let c;
  if (isClaim) {
    c = f32(f32(f32(f32(f32(0.6) + f32(f32(0.15) * (systems.length ? 1 : 0))) + f32(f32(0.1) * (claimEvents.length > 1 ? 1 : 0)))
      + f32(f32(0.05) * Math.min(fields.length, 3))) - f32(f32(0.1) * (denials > 0 ? 1 : 0)));
  } else {
    c = f32(f32(0.05) + f32(f32(0.1) * Math.min(hits.filter((h) => isKind(h, 'event', 'attack')).length, 3)));
  }
  const confidence = f32(Math.round(f32(Math.min(Math.max(c, 0), f32(0.99)) * 100)) / 100);
  return { is_claim: isClaim, confidence, language: lang, systems: systems.map((x) => v.ids.systems[x]), fields: fields.map((x) => v.ids.fields[x]) };
}
