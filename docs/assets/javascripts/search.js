// The site's search: fetches the page language's search-index.json (built from the
// data) the first time a reader searches, then matches every word of the query
// as a substring, so Chinese needs no segmentation; an English plural also finds
// its singular. A page's synonyms (data/synonyms.csv, added by
// scripts/render/search_index.py) find it too: `a` holds those of its title, ranked as
// the title, `k` the rest. Results are built with textContent: no HTML from the
// index is ever interpreted. The search page sits at <language root>/search/,
// and says its own words in data attributes.
const root = new URL("../", location.href);
const input = document.getElementById("site-search-query");
const status = document.getElementById("site-search-status");
const results = document.getElementById("site-search-results");
let index;

async function documents() {
  index ??= fetch(new URL("search-index.json", root)).then((response) => response.json()).then((data) => data.docs);
  return index;
}

// The singular of an English plural, which is not part of the plural ("laboratories": "laboratory") or which the
// page may use alone ("enterprises": "enterprise"); any other term as it is.
function singular(term) {
  if (!/^[a-z&-]{4,}$/.test(term)) return term;
  if (term.endsWith("ies")) return term.slice(0, -3) + "y";
  if (/(sses|xes|ches|shes|zes|uses)$/.test(term)) return term.slice(0, -2);
  if (/(ss|us|is)$/.test(term)) return term;
  return term.endsWith("s") ? term.slice(0, -1) : term;
}

function holds(text, term) {
  return text.includes(term) || text.includes(singular(term));
}

const SNIPPET_BEFORE = 30;  // characters shown before the first match
const SNIPPET_LENGTH = 90;

// Where a cut may fall: anywhere in Chinese, only at a space in English, so no word is shown in half.
function cutAt(text, at, forward) {
  if (at <= 0 || at >= text.length || !/[A-Za-z0-9]/.test(text[at - 1] + text[at])) return Math.max(0, Math.min(at, text.length));
  const space = forward ? text.indexOf(" ", at) : text.lastIndexOf(" ", at);
  const near = space >= 0 && Math.abs(space - at) <= 15;
  return near ? space + (forward ? 1 : 0) : at;
}

// The part of a page's text around the first word found, with every word of the query in it marked: a list of
// [text, marked] pieces, which the caller turns into text nodes and <mark>s (never HTML).
function snippet(text, terms) {
  const lowered = text.toLowerCase();
  const forms = [...new Set(terms.flatMap((term) => [term, singular(term)]))].sort((a, b) => b.length - a.length);
  const firsts = forms.map((form) => lowered.indexOf(form)).filter((at) => at >= 0);
  const first = firsts.length ? Math.min(...firsts) : 0;
  const start = first > SNIPPET_BEFORE ? cutAt(text, first - SNIPPET_BEFORE, true) : 0;
  const end = cutAt(text, start + SNIPPET_LENGTH, false);
  const shown = text.slice(start, end > start ? end : start + SNIPPET_LENGTH);
  const pieces = [];
  if (start > 0) pieces.push(["…", false]);
  const pattern = new RegExp(forms.map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "gi");
  let from = 0;
  for (const match of forms.length ? shown.matchAll(pattern) : []) {
    if (match.index > from) pieces.push([shown.slice(from, match.index), false]);
    pieces.push([match[0], true]);
    from = match.index + match[0].length;
  }
  if (from < shown.length) pieces.push([shown.slice(from), false]);
  if (start + shown.length < text.length) pieces.push(["…", false]);
  return pieces;
}

async function search(query) {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  results.replaceChildren();
  if (!terms.length) {
    status.textContent = "";
    return;
  }
  const docs = await documents();
  const found = docs
    .map((doc) => {
      const title = `${doc.t} ${doc.a ?? ""}`.toLowerCase();
      const text = `${doc.x} ${doc.k ?? ""}`.toLowerCase();
      if (!terms.every((term) => holds(title, term) || holds(text, term))) return null;
      return { doc, score: terms.filter((term) => holds(title, term)).length };
    })
    .filter(Boolean)
    .sort((a, b) => b.score - a.score);
  // data-found-one, where the page gives it, is the form for a single result ("1 result", not "1 results")
  status.textContent = found.length ? ((found.length === 1 && status.dataset.foundOne) || status.dataset.found).replace("{count}", found.length) : status.dataset.none;
  for (const { doc } of found.slice(0, 50)) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = new URL(doc.u, root).href;
    link.textContent = doc.t;
    const text = document.createElement("p");
    for (const [words, marked] of snippet(doc.x, terms)) {
      if (!marked) {
        text.append(words);
        continue;
      }
      const mark = document.createElement("mark");
      mark.textContent = words;
      text.append(mark);
    }
    item.append(link, text);
    results.append(item);
  }
}

let timer;
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => search(input.value), 150);
});
const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  search(initial);
}
// Enter searches in place (no inline handler: the page's Content-Security-Policy allows none); without
// JavaScript the form still submits to ?q=, which this script reads on load.
input.form.addEventListener("submit", (event) => {
  event.preventDefault();
  search(input.value);
});
